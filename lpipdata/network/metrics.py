"""Metrics of the network's nodes (PageRank, betweenness, communities, spans), the tables built
from them, and the projection measures Compare reports per region."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd

from lpipdata.network.model import ORG, PARTNERSHIP, SEED

# Exact betweenness walks the whole graph from every node. When sources x (nodes + edges)
# would exceed this budget (a couple of seconds), it walks from a seeded sample of sources.
BETWEENNESS_BUDGET = 2_000_000
MIN_BETWEENNESS_SAMPLES = 50
METRIC_COLUMNS = ("partnerships", "degree", "weighted_degree", "betweenness", "pagerank", "regions_spanned",
                  "scales_spanned", "community", "members", "sectors", "sector_mix")


def pagerank(graph: nx.Graph, weight: str = "weight", alpha: float = 0.85, tol: float = 1e-10,
             max_iter: int = 500) -> dict[str, float]:
    """PageRank by power iteration (networkx's own needs SciPy, which is not installed).

    Same definition as networkx: uniform teleport, and nodes without edges spread their rank
    evenly over all nodes. Ranks sum to 1.
    """
    nodes = list(graph)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v], float(w)) for u, v, w in graph.edges(data=weight, default=1)]
    source = np.array([e[0] for e in edges] + [e[1] for e in edges], dtype=int)
    target = np.array([e[1] for e in edges] + [e[0] for e in edges], dtype=int)
    strength = np.array([e[2] for e in edges] * 2, dtype=float)
    n = len(nodes)
    out = np.bincount(source, weights=strength, minlength=n)
    dangling = out == 0
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        flow = np.bincount(target, weights=rank[source] * strength / out[source], minlength=n) if edges else np.zeros(n)
        updated = alpha * flow + (alpha * rank[dangling].sum() + 1 - alpha) / n
        converged = np.abs(updated - rank).sum() < n * tol
        rank = updated
        if converged:
            break
    return dict(zip(nodes, rank.tolist()))


def betweenness(graph: nx.Graph) -> tuple[dict[str, float], str | None]:
    """Normalised betweenness; on large graphs estimated from seeded samples (with a note)."""
    n = graph.number_of_nodes()
    samples = max(MIN_BETWEENNESS_SAMPLES, BETWEENNESS_BUDGET // max(n + graph.number_of_edges(), 1))
    if samples >= n:
        return nx.betweenness_centrality(graph, normalized=True), None
    values = nx.betweenness_centrality(graph, k=samples, normalized=True, seed=SEED)
    return values, (f"Betweenness is estimated from paths out of {samples:,} sampled nodes of {n:,} (seed {SEED}); "
                    "exact values would take too long at this size, so small differences are noise.")


def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain communities (seeded), numbered 1, 2, ... from the largest."""
    if graph.number_of_nodes() == 0:
        return {}
    groups = nx.community.louvain_communities(graph, seed=SEED)
    ordered = sorted(groups, key=lambda group: (-len(group), min(group)))
    return {node: number for number, group in enumerate(ordered, start=1) for node in group}


def spans(graph: nx.Graph, node: str, attribute: str) -> int:
    """How many distinct regions (or scales) the partnerships of an organisation cover."""
    return len({graph.nodes[p][attribute] for p in graph[node]} - {""})


def sector_mix(graph: nx.Graph, partnership: str) -> tuple[int, str]:
    """(number of sectors, 'academic 3 · public 2') among a partnership's members."""
    counts = Counter(graph.nodes[m]["sector"] for m in graph[partnership])
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return len(counts), " · ".join(f"{sector} {count}" for sector, count in ordered)


def node_metrics(graph: nx.Graph, projection: nx.Graph) -> tuple[pd.DataFrame, list[str]]:
    """One row per node: its attributes and metrics (organisation-only ones are empty for
    partnerships and the other way round), plus notes on how they were computed."""
    between, note = betweenness(graph)
    rank = pagerank(projection)
    community = communities(graph)
    rows = []
    for node, data in sorted(graph.nodes(data=True)):
        row = {"node": node, **data, "betweenness": between.get(node, 0.0), "community": community.get(node, 0)}
        if data["kind"] == ORG:
            row.update(partnerships=graph.degree(node), degree=projection.degree(node),
                       weighted_degree=projection.degree(node, weight="weight"), pagerank=rank.get(node, 0.0),
                       regions_spanned=spans(graph, node, "region"), scales_spanned=spans(graph, node, "scale"))
        else:
            sectors, mix = sector_mix(graph, node)
            row.update(members=graph.degree(node), sectors=sectors, sector_mix=mix)
        rows.append(row)
    return _typed(pd.DataFrame(rows)), [note] if note else []


def _typed(nodes: pd.DataFrame) -> pd.DataFrame:
    """Every metric column present, counts as nullable integers (partnerships have no pagerank...)."""
    for column in METRIC_COLUMNS:
        if column not in nodes:
            nodes[column] = pd.NA
    for column in ("partnerships", "degree", "weighted_degree", "regions_spanned", "scales_spanned",
                   "community", "members", "sectors"):
        nodes[column] = nodes[column].astype("Int64")
    for column in ("betweenness", "pagerank"):
        nodes[column] = nodes[column].astype("Float64")
    return nodes


def brokers(nodes: pd.DataFrame, count: int = 10) -> pd.DataFrame:
    """Organisations whose partnerships span the most regions and scales (then betweenness)."""
    orgs = nodes[(nodes["kind"] == ORG) & ((nodes["regions_spanned"] > 1) | (nodes["scales_spanned"] > 1))]
    orgs = orgs.assign(span=orgs["regions_spanned"] + orgs["scales_spanned"])
    ranked = orgs.sort_values(["span", "betweenness", "label"], ascending=[False, False, True]).head(count)
    return ranked[["label", "regions_spanned", "scales_spanned", "partnerships", "betweenness", "org_type",
                   "region_name", "entity_id"]].rename(columns={
        "entity_id": "org_id", "label": "organisation", "region_name": "home region"})


def organisation_table(nodes: pd.DataFrame) -> pd.DataFrame:
    """The organisations and their metrics, most partners first."""
    orgs = nodes[nodes["kind"] == ORG].sort_values(["degree", "label"], ascending=[False, True])
    return orgs[["label", "partnerships", "degree", "weighted_degree", "betweenness", "pagerank",
                 "regions_spanned", "scales_spanned", "community", "org_type", "sector", "region_name",
                 "entity_id"]].rename(columns={"entity_id": "org_id", "label": "organisation",
                                               "region_name": "home region"})


def membership_table(memberships: pd.DataFrame) -> pd.DataFrame:
    """Every membership with its source first, for reading (the raw query columns follow)."""
    first = ["org_name", "partnership_name", "role", "source_url", "confidence", "since", "until", "scale"]
    return memberships[first + [c for c in memberships.columns if c not in first]]


def search_labels(nodes: pd.DataFrame) -> dict[str, str]:
    """{org_id: name} in name order for the search box; a name two organisations share gets
    their home region, then their id, so every choice can be told apart."""
    orgs = nodes[nodes["kind"] == ORG].sort_values(["label", "entity_id"])
    labels = orgs["label"].where(~orgs["label"].duplicated(keep=False), orgs["label"] + " · " + orgs["region_name"])
    labels = labels.where(~labels.duplicated(keep=False), labels + " (" + orgs["entity_id"] + ")")
    return dict(zip(orgs["entity_id"], labels))


def partnership_table(nodes: pd.DataFrame) -> pd.DataFrame:
    """The partnerships, their size and sector mix, largest first."""
    parts = nodes[nodes["kind"] == PARTNERSHIP].sort_values(["members", "label"], ascending=[False, True])
    return parts[["label", "members", "sectors", "sector_mix", "scale", "region_name", "betweenness",
                  "community", "entity_id"]].rename(columns={"entity_id": "partnership_id",
                                                               "label": "partnership", "region_name": "region"})


# --- per-region measures (Compare) -------------------------------------------------------------

# Compare measures many regions from bare (partnership, organisation) pairs: it needs neither the
# two-mode graph nor its attributes, so it skips building them.
def pairs_projection(pairs: pd.DataFrame) -> nx.Graph:
    """Organisations (nodes) linked when they belong to the same partnership; `pairs` has
    partnership_id and org_id columns. Organisations in no shared partnership stay as isolated nodes."""
    graph = nx.Graph()
    graph.add_nodes_from(pairs["org_id"].unique())
    for _, members in pairs.groupby("partnership_id")["org_id"]:
        graph.add_edges_from(combinations(sorted(set(members)), 2))
    return graph


def degree_centralisation(graph: nx.Graph) -> float | None:
    """Freeman's degree centralisation: 1 for a star, 0 when every node has the same degree.

    Undefined (None) for fewer than three nodes, where no star can form.
    """
    n = graph.number_of_nodes()
    if n < 3:
        return None
    degrees = [degree for _, degree in graph.degree]
    return sum(max(degrees) - degree for degree in degrees) / ((n - 1) * (n - 2))
