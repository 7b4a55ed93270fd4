"""What the Network page caches, per filter state: the graphs, every node's metrics, and the
drawings of the whole network and of one node's neighbourhood."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from lpipdata.filters import Filters
from lpipdata.network.drawing import MAX_DRAWN_NODES, Drawing, drawing_of, ego_distances, most_connected
from lpipdata.network.metrics import _typed, node_metrics
from lpipdata.network.model import PROJECTION, organisation_projection, two_mode_graph
from lpipdata.queries import network as queries


@dataclass(frozen=True)
class Graphs:
    """The filtered memberships and the two graphs built from them (treat as read-only)."""

    memberships: pd.DataFrame
    two_mode: nx.Graph
    projection: nx.Graph

    def shown(self, mode: str) -> nx.Graph:
        return self.projection if mode == PROJECTION else self.two_mode


def graphs(con, filters: Filters) -> Graphs:
    """Query the memberships under `filters` and build both graphs."""
    memberships = queries.memberships(con, filters)
    two_mode = two_mode_graph(memberships)
    return Graphs(memberships, two_mode, organisation_projection(two_mode))


@dataclass(frozen=True)
class Analysis:
    """The filtered network: every node with its metrics, the memberships behind it, notes."""

    nodes: pd.DataFrame
    memberships: pd.DataFrame
    notes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self.memberships.empty

    def count(self, kind: str) -> int:
        return int((self.nodes["kind"] == kind).sum()) if not self.nodes.empty else 0

    def has(self, node: str | None) -> bool:
        return node is not None and bool((self.nodes["node"] == node).any())

    def label(self, node: str) -> str | None:
        match = self.nodes.loc[self.nodes["node"] == node, "label"]
        return None if match.empty else match.iloc[0]


def analyse(built: Graphs) -> Analysis:
    """Every metric of every node (the slow part: cache it per filter state)."""
    if built.two_mode.number_of_nodes() == 0:
        return Analysis(_typed(pd.DataFrame(columns=["node", "kind", "entity_id", "label"])), built.memberships)
    nodes, notes = node_metrics(built.two_mode, built.projection)
    return Analysis(nodes, built.memberships, tuple(notes))


def draw_network(built: Graphs, mode: str) -> Drawing:
    """The whole network's layout in one mode (cache it per filter state and mode)."""
    graph = built.shown(mode)
    return drawing_of(built.two_mode, graph, most_connected(graph, MAX_DRAWN_NODES))


def draw_ego(built: Graphs, mode: str, centre: str, steps: int) -> Drawing:
    """The layout of one node's neighbourhood, `steps` organisation-steps out (cache it)."""
    graph = built.shown(mode)
    distance = ego_distances(built.two_mode, graph, centre, steps)
    ego = graph.subgraph(distance)
    drawn = most_connected(ego, MAX_DRAWN_NODES, keep=centre if centre in ego else None)
    drawing = drawing_of(built.two_mode, graph, drawn, distance, centre if centre in graph else None)
    return Drawing(drawing.nodes, drawing.edges, ego.number_of_nodes(), drawing.centre)
