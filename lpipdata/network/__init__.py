"""The partnership system as a network (no Streamlit), for the Network page and its exports.

- model.py: node ids, filter and view options, and the two graphs built from the memberships
  (why there are two: see its docstring).
- metrics.py: PageRank, betweenness, communities and spans per node, the tables built from them,
  and the per-region projection measures Compare uses.
- drawing.py: which nodes to draw, where (seeded force layout, components packed), figure frames.
- export.py: GraphML, GEXF and CSV tables of the shown graph with its metrics.
- cache.py: what the page caches per filter state (graphs, analyse, draw_network, draw_ego).

Callers use the names below as `net.X`; the submodules import each other, never this package.
"""

from lpipdata.network.cache import Analysis, Graphs, analyse, draw_ego, draw_network, graphs
from lpipdata.network.export import edge_table, export_graph, gexf_bytes, graphml_bytes, node_table
from lpipdata.network.drawing import Drawing, drawing_of, ego_distances, layout, most_connected, visible
from lpipdata.network.metrics import (
    betweenness,
    brokers,
    communities,
    membership_table,
    node_metrics,
    organisation_table,
    pagerank,
    partnership_table,
    search_labels,
)
from lpipdata.network.model import (
    COLOUR_BY,
    MIN_DEGREE,
    MODES,
    ORG,
    PARTNERSHIP,
    PROJECTION,
    SIZE_BY,
    TWO_MODE,
    URL_OPTIONS,
    ViewOptions,
    graph_filters,
    organisation_projection,
    select,
    selected_node,
    ties,
    two_mode_graph,
)

__all__ = [
    "COLOUR_BY",
    "MIN_DEGREE",
    "MODES",
    "ORG",
    "PARTNERSHIP",
    "PROJECTION",
    "SIZE_BY",
    "TWO_MODE",
    "URL_OPTIONS",
    "Analysis",
    "Drawing",
    "Graphs",
    "ViewOptions",
    "analyse",
    "betweenness",
    "brokers",
    "communities",
    "draw_ego",
    "draw_network",
    "drawing_of",
    "edge_table",
    "ego_distances",
    "export_graph",
    "gexf_bytes",
    "graph_filters",
    "graphml_bytes",
    "graphs",
    "layout",
    "membership_table",
    "most_connected",
    "node_metrics",
    "node_table",
    "organisation_projection",
    "organisation_table",
    "pagerank",
    "partnership_table",
    "search_labels",
    "select",
    "selected_node",
    "ties",
    "two_mode_graph",
    "visible",
]
