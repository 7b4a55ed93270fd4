"""The shown graph with every node's metrics, as GraphML, GEXF or CSV tables (for Gephi)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from lpipdata.network.metrics import METRIC_COLUMNS
from lpipdata.network.model import shown_graph, two_mode_graph

if TYPE_CHECKING:
    from lpipdata.network.cache import Analysis


def export_graph(analysis: Analysis, mode: str) -> nx.Graph:
    """The shown graph with every node's attributes and metrics, ready for Gephi."""
    graph = shown_graph(two_mode_graph(analysis.memberships), mode)
    for row in analysis.nodes.to_dict("records"):
        if row["node"] in graph:
            graph.nodes[row["node"]].update(_plain_metrics(row))
    return graph


def _plain_metrics(row: dict) -> dict:
    """Metric values as plain Python numbers and text; missing ones are left out."""
    plain = {}
    for column in METRIC_COLUMNS:
        value = row.get(column)
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            continue
        plain[column] = value if isinstance(value, str) else (float(value) if column in (
            "betweenness", "pagerank") else int(value))
    return plain


def graphml_bytes(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf_bytes(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def edge_table(graph: nx.Graph) -> pd.DataFrame:
    """One row per edge with its attributes (for the CSV export)."""
    rows = [{"source": a, "target": b, **data} for a, b, data in sorted(graph.edges(data=True))]
    return pd.DataFrame(rows)


def node_table(graph: nx.Graph) -> pd.DataFrame:
    """One row per node with its attributes (for the CSV export)."""
    return pd.DataFrame([{"node": node, **data} for node, data in sorted(graph.nodes(data=True))])
