"""The network excerpt: the region's most connected organisations and their partnerships."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme
from lpipdata.figures.region.text import LABEL_LIMIT, plain, short_name

LAYOUT_SEED = 7  # a fixed seed keeps the network excerpt's layout the same on every rerun and in the brief
EXCERPT_ORGANISATIONS = 8


def excerpt_graph(memberships: pd.DataFrame, organisation_ids: list[str]) -> nx.Graph:
    """The two-mode graph of the given organisations and the partnerships they belong to."""
    graph = nx.Graph()
    for row in memberships[memberships["org_id"].isin(organisation_ids)].itertuples():
        graph.add_node(("organisation", row.org_id), label=row.org_name, kind=row.org_type, group=row.sector)
        graph.add_node(("partnership", row.partnership_id), label=short_name(row.acronym, row.partnership_name),
                       kind=f"{row.partnership_name} ({row.scale})", group=row.scale)
        graph.add_edge(("organisation", row.org_id), ("partnership", row.partnership_id))
    return graph


def network_excerpt(memberships: pd.DataFrame, organisations: pd.DataFrame,
                    limit: int = EXCERPT_ORGANISATIONS, presenting: bool = False) -> go.Figure:
    """The region's `limit` most connected organisations (circles coloured by sector) and the
    partnerships they belong to (grey squares), laid out with a fixed-seed spring layout."""
    graph = excerpt_graph(memberships, list(organisations["org_id"].head(limit)))
    positions = component_layout(graph)
    figure = go.Figure([_edge_trace(graph, positions)])
    partnerships = [n for n in graph.nodes if n[0] == "partnership"]
    figure.add_trace(_node_trace(graph, positions, partnerships, "square", theme.OUTLINE, "partnership"))
    organisations_by_sector: dict[str, list] = {}
    for node in (n for n in graph.nodes if n[0] == "organisation"):
        organisations_by_sector.setdefault(graph.nodes[node]["group"], []).append(node)
    for sector in sorted(organisations_by_sector):
        figure.add_trace(_node_trace(graph, positions, organisations_by_sector[sector], "circle",
                                     theme.SECTOR_COLOURS.get(sector, theme.OUTLINE), f"{plain(sector)} organisation"))
    hidden = dict(visible=False, showgrid=False, zeroline=False)
    figure.update_layout(template=theme.template(presenting), height=460, xaxis={**hidden, "range": _padded(positions, 0)},
                         yaxis={**hidden, "range": _padded(positions, 1)},
                         legend=dict(orientation="h", yanchor="top", y=-0.02, x=0),
                         margin=dict(l=10, r=10, t=10, b=10))
    return figure


def component_layout(graph: nx.Graph, gap: float = 0.6) -> dict:
    """A fixed-seed spring layout per connected component, components placed left to right by size.

    One spring layout of a disconnected graph pushes the components to the corners and crowds
    each of them; laying them out apart keeps every part readable.
    """
    positions: dict = {}
    left = 0.0
    for component in sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(map(str, c)))):
        sub = graph.subgraph(component)
        size = math.sqrt(len(component))  # bigger parts get more room
        layout = nx.spring_layout(sub, seed=LAYOUT_SEED, k=1.4 / size, iterations=200) if len(component) > 1 \
            else {next(iter(component)): (0.0, 0.0)}
        xs = [point[0] for point in layout.values()]
        shift = left - min(xs) * size
        for node, (x, y) in layout.items():
            positions[node] = (shift + x * size, y * size)
        left = max(p[0] for p in positions.values()) + gap
    return positions


def _padded(positions: dict, axis: int, share: float = 0.18) -> list[float] | None:
    """The layout's extent on one axis plus room for the labels that stick out past the outer nodes."""
    values = [point[axis] for point in positions.values()]
    if not values:
        return None
    spread = max(max(values) - min(values), 0.5)
    return [min(values) - spread * share, max(values) + spread * share]


def _edge_trace(graph: nx.Graph, positions: dict) -> go.Scatter:
    xs, ys = [], []
    for a, b in graph.edges:
        xs += [positions[a][0], positions[b][0], None]
        ys += [positions[a][1], positions[b][1], None]
    return go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#BBBBBB", width=1), hoverinfo="skip",
                      showlegend=False)


def _node_trace(graph: nx.Graph, positions: dict, nodes: list, symbol: str, colour: str, name: str) -> go.Scatter:
    hover = [f"<b>{plain(graph.nodes[n]['label'])}</b><br>{plain(graph.nodes[n]['kind'])}"
             f"<br>{graph.degree[n]} link{'s' if graph.degree[n] != 1 else ''}" for n in nodes]
    return go.Scatter(
        x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes], mode="markers+text",
        text=[plain(graph.nodes[n]["label"], LABEL_LIMIT) for n in nodes], textposition="top center",
        textfont=dict(size=12), name=name, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(symbol=symbol, size=[12 + 3 * graph.degree[n] for n in nodes], color=colour,
                    line=dict(color="white", width=1)),
    )
