"""The partnership system as a network: node ids, view options and the two graphs (no Streamlit).

One list of memberships gives two graphs:

- the **two-mode graph**: organisations and partnerships, one edge per organisation in a
  partnership, carrying its roles, dates, confidence and sources;
- the **organisation projection**: organisations only, joined when they share a partnership,
  weighted by how many they share.

Everything random is seeded (`SEED`), and nodes and edges are added in sorted order, so the
same data always gives the same metrics, communities and layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import networkx as nx
import pandas as pd

from lpipdata.filters import Filters

SEED = 42
ORG, PARTNERSHIP = "organisation", "partnership"
TWO_MODE, PROJECTION = "two-mode", "projection"
MODES = {TWO_MODE: "Organisations and partnerships", PROJECTION: "Organisations only"}
COLOUR_BY = {"sector": "Sector", "org_type": "Organisation type", "region": "Region", "community": "Community"}
SIZE_BY = {"degree": "Partners", "weighted_degree": "Shared partnerships", "betweenness": "Betweenness",
           "pagerank": "PageRank", "regions_spanned": "Regions spanned", "scales_spanned": "Scales spanned"}
MIN_DEGREE = ("1", "2", "3", "5", "10")
EGO_STEPS = ("1", "2")
# The page's view options as they appear in the URL, each with its allowed values.
# `play` is set while the as-of date plays through the years (ui/playback.py).
URL_OPTIONS = {"mode": tuple(MODES), "colour": tuple(COLOUR_BY), "size": tuple(SIZE_BY), "mindeg": MIN_DEGREE,
               "steps": EGO_STEPS, "play": ("1",)}
WEAKEST_FIRST = ("unverified", "inferred", "sourced")


def org_node(org_id: str) -> str:
    return f"org:{org_id}"


def partnership_node(partnership_id: str) -> str:
    return f"partnership:{partnership_id}"


def graph_filters(filters: Filters) -> Filters:
    """The part of the filter state that shapes the graph: selections do not, so that choosing
    an organisation reuses the cached graph, metrics and layout."""
    return filters.with_(org=None, partnership=None, region=None)


def selected_node(filters: Filters) -> str | None:
    """The node the filter state selects: an organisation, else a partnership, else none."""
    if filters.org:
        return org_node(filters.org)
    return partnership_node(filters.partnership) if filters.partnership else None


def select(filters: Filters, node: str) -> Filters:
    """The filter state with `node` (an organisation or partnership node id) selected."""
    kind, _, entity_id = node.partition(":")
    if kind == "org":
        return filters.with_(org=entity_id, partnership=None)
    return filters.with_(partnership=entity_id, org=None)


@dataclass(frozen=True)
class ViewOptions:
    """The page's display choices, from its URL options (first choice by default)."""

    mode: str = TWO_MODE
    colour_by: str = "sector"
    size_by: str = "degree"
    min_degree: int = 1
    steps: int = 1

    @classmethod
    def from_options(cls, options: dict[str, str]) -> ViewOptions:
        return cls(mode=options.get("mode", TWO_MODE), colour_by=options.get("colour", "sector"),
                   size_by=options.get("size", "degree"), min_degree=int(options.get("mindeg", "1")),
                   steps=int(options.get("steps", "1")))


# --- graphs -----------------------------------------------------------------------------------

TIE_COLUMNS = ["org_id", "partnership_id", "role", "since", "until", "confidence", "source_id"]


def ties(memberships: pd.DataFrame) -> pd.DataFrame:
    """One row per (organisation, partnership) pair: roles joined, earliest since, latest until
    (empty while any membership is open), the weakest confidence and every source behind it.

    Plain Python over the rows: a pandas groupby with Python aggregations is ten times slower."""
    grouped: dict[tuple[str, str], list[tuple]] = {}
    values = memberships[TIE_COLUMNS].astype(object)
    values = values.where(values.notna(), "").astype(str)
    for org, partnership, *rest in values.itertuples(index=False, name=None):
        grouped.setdefault((org, partnership), []).append(tuple(rest))
    rows = [(org, partnership, *_merge(records)) for (org, partnership), records in sorted(grouped.items())]
    return pd.DataFrame(rows, columns=TIE_COLUMNS)


def _merge(records: list[tuple]) -> tuple[str, str, str, str, str]:
    roles, sinces, untils, confidences, sources = zip(*records)
    known_since = sorted(v for v in sinces if v)
    known_until = sorted(v for v in untils if v)
    return ("; ".join(sorted(set(roles) - {""})), known_since[0] if known_since else "",
            known_until[-1] if len(known_until) == len(untils) else "",
            next((level for level in WEAKEST_FIRST if level in confidences), ""),
            "; ".join(sorted(set(sources) - {""})))


ORG_ATTRIBUTES = ("org_id", "org_name", "org_type", "sector", "org_region_id", "org_region_name")
PARTNERSHIP_ATTRIBUTES = ("partnership_id", "partnership_name", "scale", "partnership_region_id",
                          "partnership_region_name")


def _rows(frame: pd.DataFrame, columns: tuple[str, ...], key: str) -> list[tuple[str, ...]]:
    """One row per distinct `key`, sorted, every value as text: GraphML and GEXF have no
    missing value, so a missing one is ""."""
    unique = frame.drop_duplicates(key).sort_values(key)[list(columns)].astype(object)
    return list(unique.where(unique.notna(), "").astype(str).itertuples(index=False, name=None))


def two_mode_graph(memberships: pd.DataFrame) -> nx.Graph:
    """Organisations and partnerships as nodes (attribute `kind`), memberships as edges."""
    graph = nx.Graph()
    graph.add_nodes_from((org_node(org), {"kind": ORG, "entity_id": org, "label": name, "org_type": org_type,
                                          "sector": sector, "scale": "", "region": region, "region_name": region_name})
                         for org, name, org_type, sector, region, region_name
                         in _rows(memberships, ORG_ATTRIBUTES, "org_id"))
    graph.add_nodes_from((partnership_node(pid), {"kind": PARTNERSHIP, "entity_id": pid, "label": name,
                                                  "org_type": "", "sector": "", "scale": scale, "region": region,
                                                  "region_name": region_name})
                         for pid, name, scale, region, region_name
                         in _rows(memberships, PARTNERSHIP_ATTRIBUTES, "partnership_id"))
    graph.add_edges_from((org_node(org), partnership_node(pid), {"role": role, "since": since, "until": until,
                                                                  "confidence": confidence, "source_id": source})
                         for org, pid, role, since, until, confidence, source
                         in ties(memberships).itertuples(index=False, name=None))
    return graph


def organisations_of(graph: nx.Graph) -> list[str]:
    return sorted(n for n, kind in graph.nodes(data="kind") if kind == ORG)


def partnerships_of(graph: nx.Graph) -> list[str]:
    return sorted(n for n, kind in graph.nodes(data="kind") if kind == PARTNERSHIP)


def organisation_projection(graph: nx.Graph) -> nx.Graph:
    """Organisations joined when they share a partnership; `weight` counts the shared
    partnerships and `partnerships` names them."""
    projection = nx.Graph()
    projection.add_nodes_from((node, graph.nodes[node]) for node in organisations_of(graph))
    shared: dict[tuple[str, str], list[str]] = {}
    for partnership in partnerships_of(graph):
        for pair in combinations(sorted(graph[partnership]), 2):
            shared.setdefault(pair, []).append(graph.nodes[partnership]["entity_id"])
    for (a, b), names in sorted(shared.items()):
        projection.add_edge(a, b, weight=len(names), partnerships="; ".join(names))
    return projection


def shown_graph(two_mode: nx.Graph, mode: str) -> nx.Graph:
    return organisation_projection(two_mode) if mode == PROJECTION else two_mode
