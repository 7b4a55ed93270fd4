"""The partnership system as a network: graphs, metrics, layout and exports (no Streamlit).

One list of memberships gives two graphs:

- the **two-mode graph**: organisations and partnerships, one edge per organisation in a
  partnership, carrying its roles, dates, confidence and sources;
- the **organisation projection**: organisations only, joined when they share a partnership,
  weighted by how many they share.

Everything random is seeded (`SEED`), and nodes and edges are added in sorted order, so the
same data always gives the same metrics, communities and layout. The functions at the end
(`graphs`, `analyse`, `draw_network`, `draw_ego`) are what the page caches per filter state.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd

from lpipdata.filters import Filters
from lpipdata.queries import network as queries

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
URL_OPTIONS = {"mode": tuple(MODES), "colour": tuple(COLOUR_BY), "size": tuple(SIZE_BY), "mindeg": MIN_DEGREE,
               "steps": EGO_STEPS}
# A browser draws a few hundred labelled nodes smoothly and a person can still read them;
# beyond this the most connected nodes are drawn and the tables list every node.
MAX_DRAWN_NODES = 400
LAYOUT_ITERATIONS = 150
REPULSION, GRAVITY, COOLING = 2.0, 0.05, 0.97  # ForceAtlas2-style constants, tuned by eye on the seed data
LEAF_RING = 0.6  # leaf distance from its anchor, in median core edge lengths
# Exact betweenness walks the whole graph from every node. When sources x (nodes + edges)
# would exceed this budget (a couple of seconds), it walks from a seeded sample of sources.
BETWEENNESS_BUDGET = 2_000_000
MIN_BETWEENNESS_SAMPLES = 50
WEAKEST_FIRST = ("unverified", "inferred", "sourced")
METRIC_COLUMNS = ("partnerships", "degree", "weighted_degree", "betweenness", "pagerank", "regions_spanned",
                  "scales_spanned", "community", "members", "sectors", "sector_mix")


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


# --- metrics ----------------------------------------------------------------------------------

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


# --- layout -----------------------------------------------------------------------------------

def most_connected(graph: nx.Graph, limit: int, keep: str | None = None) -> nx.Graph:
    """The graph itself when small enough, else its best-connected part of about `limit` nodes.

    In the projection: the organisations with the most partners (ties broken by id). In the
    two-mode graph the largest partnerships would fill the budget without a single edge between
    them, so organisations are taken in order of how many partnerships they join, each with
    all its partnerships: what is drawn is the web that ties partnerships together. `keep`
    (an ego centre) always comes first.
    """
    if graph.number_of_nodes() <= limit:
        return graph
    ranked = sorted(graph.nodes, key=lambda n: (n != keep, -graph.degree(n), n))
    if not any(kind == PARTNERSHIP for _, kind in graph.nodes(data="kind")):
        return graph.subgraph(ranked[:limit])
    chosen: set[str] = {keep} if keep is not None else set()
    for node in ranked:
        if graph.nodes[node]["kind"] == ORG and len(chosen) < limit:
            group = {node, *graph[node]}
            if len(chosen | group) <= limit:
                chosen |= group
    return graph.subgraph(chosen)


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded force-directed positions in [-1, 1], each connected component laid out on its own
    and the components packed in rows, largest first, each given room in proportion to its size.

    Laying out the whole graph at once lets small separate groups push the main one into a
    cramped blob; packing keeps every component readable.
    """
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    placed = pack([component_layout(graph.subgraph(c)) for c in components])
    if not placed:
        return {}
    nodes = sorted(placed)
    points = np.array([placed[node] for node in nodes])
    low, high = points.min(axis=0), points.max(axis=0)
    points = 2 * (points - low) / np.where(high > low, high - low, 1.0) - 1
    points[:, high == low] = 0.0
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, points)}


def component_layout(component: nx.Graph) -> dict[str, np.ndarray]:
    """Positions of one connected component, centred and spread so that every component gets
    the same room per node.

    Most organisations belong to one partnership only. Force layouts pile such leaves on top
    of each other, so the core (every node with two or more ties) is laid out with ForceAtlas2,
    heavier for nodes with more leaves so they get room, and each leaf then sits on a ring
    around the node it hangs from.
    """
    nodes = sorted(component.nodes)
    if len(nodes) <= 2:
        return {node: np.array([i - (len(nodes) - 1) / 2, 0.0]) for i, node in enumerate(nodes)}
    leaves = {node for node in nodes if component.degree(node) == 1}
    core = component.subgraph(node for node in nodes if node not in leaves)
    positions, unit = core_layout(core, {node: component.degree(node) + 1 for node in core})
    for anchor in sorted(core):
        hanging = sorted(node for node in component[anchor] if node in leaves)
        positions.update(leaf_ring(positions, core, anchor, hanging, unit))
    points = np.array([positions[node] for node in nodes])
    points -= points.mean(axis=0)
    spread = np.sqrt((points ** 2).sum(axis=1).mean()) or 1.0
    return dict(zip(nodes, points * np.sqrt(len(nodes) / 2) / spread))


def core_layout(core: nx.Graph, mass: dict[str, int]) -> tuple[dict[str, np.ndarray], float]:
    """Seeded force-directed positions of the core, and its median edge length (the unit that
    leaf rings are measured in)."""
    nodes = sorted(core.nodes)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}, 1.0
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array(sorted((index[a], index[b]) for a, b in (sorted(e) for e in core.edges)), dtype=int)
    points = force_layout(len(nodes), edges, np.array([mass[node] for node in nodes], dtype=float))
    lengths = np.linalg.norm(points[edges[:, 0]] - points[edges[:, 1]], axis=1)
    return dict(zip(nodes, points)), float(np.median(lengths)) if len(lengths) else 1.0


def force_layout(count: int, edges: np.ndarray, mass: np.ndarray, iterations: int = LAYOUT_ITERATIONS,
                 seed: int = SEED) -> np.ndarray:
    """ForceAtlas2's forces (repulsion mass_i * mass_j / distance, linear attraction along edges,
    strong gravity towards the centre) with a simple cooling schedule: seeded, NumPy only, and
    a few times faster than networkx's version, which matters at 100x scale.
    """
    rng = np.random.default_rng(seed)
    points = rng.uniform(-1.0, 1.0, size=(count, 2)) * np.sqrt(count)
    pair_mass = REPULSION * np.outer(mass, mass)
    step = np.sqrt(count)
    for _ in range(iterations):
        delta = points[:, None, :] - points[None, :, :]
        distance2 = np.einsum("ijk,ijk->ij", delta, delta)
        np.fill_diagonal(distance2, np.inf)
        force = np.einsum("ijk,ij->ik", delta, pair_mass / np.maximum(distance2, 1e-4))
        pull = points[edges[:, 0]] - points[edges[:, 1]]
        for axis in (0, 1):
            force[:, axis] += (np.bincount(edges[:, 1], pull[:, axis], count)
                               - np.bincount(edges[:, 0], pull[:, axis], count))
        force -= GRAVITY * mass[:, None] * points
        length = np.maximum(np.linalg.norm(force, axis=1, keepdims=True), 1e-9)
        points += force / length * np.minimum(length / mass[:, None], step)
        step = max(step * COOLING, 0.01)
    return points


def leaf_ring(positions: dict[str, np.ndarray], core: nx.Graph, anchor: str, leaves: list[str],
              unit: float) -> dict[str, np.ndarray]:
    """Leaves evenly around their anchor, a few on the side facing away from its other ties."""
    if not leaves:
        return {}
    radius = LEAF_RING * unit * max(1.0, np.sqrt(len(leaves) / 6))
    neighbours = [positions[node] for node in sorted(core[anchor])]
    away = positions[anchor] - np.mean(neighbours, axis=0) if neighbours else np.array([1.0, 0.0])
    start = np.arctan2(away[1], away[0])
    spread = np.pi if neighbours and len(leaves) <= 4 else 2 * np.pi
    angles = start + spread * ((np.arange(len(leaves)) + 0.5) / len(leaves) - 0.5)
    return {leaf: positions[anchor] + radius * np.array([np.cos(a), np.sin(a)]) for leaf, a in zip(leaves, angles)}


def pack(pieces: list[dict[str, np.ndarray]], aspect: float = 1.6, gap: float = 1.0) -> dict[str, np.ndarray]:
    """Place laid-out components in rows (left to right, top to bottom) filling a box about
    `aspect` times wider than high. Pieces come largest first."""
    sizes = [_extent(piece) + gap for piece in pieces]
    row_width = max([np.sqrt(sum(w * h for w, h in sizes) * aspect)] + [w for w, _ in sizes])
    placed: dict[str, np.ndarray] = {}
    x = y = row_height = 0.0
    for piece, (width, height) in zip(pieces, sizes):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        centre = np.array([x + width / 2, y - height / 2])
        placed.update({node: point + centre for node, point in piece.items()})
        x, row_height = x + width, max(row_height, height)
    return placed


def _extent(piece: dict[str, np.ndarray]) -> np.ndarray:
    points = np.array(list(piece.values()))
    return points.max(axis=0) - points.min(axis=0)


@dataclass(frozen=True)
class Drawing:
    """Positions of the nodes to draw and the edges between them.

    `nodes`: node, x, y, ties (degree in the whole shown graph), distance (steps from the
    centre of an ego view, else 0). `edges`: source, target, weight.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    total_nodes: int
    centre: str | None = None

    @property
    def is_sampled(self) -> bool:
        return len(self.nodes) < self.total_nodes


def scaffold(two_mode: nx.Graph, drawn: nx.Graph) -> nx.Graph:
    """What to lay out so that `drawn` reads well. For the two-mode graph, itself. For the
    projection, the drawn organisations with the partnerships that two or more of them share:
    an organisation then sits where it would in the two-mode view (switching views keeps the
    picture), and a partnership's members spread on a ring instead of collapsing into a clique."""
    if any(kind == PARTNERSHIP for _, kind in drawn.nodes(data="kind")):
        return drawn
    shared = {p for p in partnerships_of(two_mode) if sum(1 for m in two_mode[p] if m in drawn) >= 2}
    return two_mode.subgraph(set(drawn) | shared)


def drawing_of(two_mode: nx.Graph, graph: nx.Graph, drawn: nx.Graph, distance: dict[str, int] | None = None,
               centre: str | None = None) -> Drawing:
    """Lay out `drawn` (part of the shown `graph`) and describe it for the figure."""
    placed = layout(scaffold(two_mode, drawn))
    distance = distance or {}
    nodes = pd.DataFrame([{"node": node, "x": placed[node][0], "y": placed[node][1], "ties": graph.degree(node),
                           "distance": distance.get(node, 0)} for node in sorted(drawn)],
                         columns=["node", "x", "y", "ties", "distance"])
    edges = pd.DataFrame(sorted((*sorted((a, b)), w) for a, b, w in drawn.edges(data="weight", default=1)),
                         columns=["source", "target", "weight"])
    return Drawing(nodes, edges, graph.number_of_nodes(), centre)


def ego_distances(two_mode: nx.Graph, graph: nx.Graph, centre: str, steps: int) -> dict[str, int]:
    """Nodes within `steps` organisation-to-organisation steps of the centre, with their distance.

    In the two-mode graph a step passes through a partnership, so it is two edges long; a
    partnership at the centre reaches its members in one edge. In the projection, a partnership
    at the centre stands for its members.
    """
    if centre in graph:
        radius = steps if graph is not two_mode else (2 * steps if centre.startswith("org:") else 2 * steps - 1)
        return nx.single_source_shortest_path_length(graph, centre, cutoff=radius)
    members = sorted(two_mode[centre]) if centre in two_mode else []
    reached = nx.multi_source_dijkstra_path_length(graph, members, cutoff=steps - 1) if members else {}
    return {node: int(d) for node, d in reached.items()}


# --- figure frames ----------------------------------------------------------------------------

def visible(nodes: pd.DataFrame, drawing: Drawing, min_degree: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The drawn nodes with their attributes and metrics, hiding nodes with fewer than
    `min_degree` ties (the centre of an ego view always stays), and the edges between them
    with coordinates (x0, y0, x1, y1)."""
    shown = drawing.nodes.merge(nodes, on="node", how="left")
    keep = (shown["ties"] >= min_degree) | (shown["node"] == drawing.centre)
    shown = shown[keep].reset_index(drop=True)
    where = shown.set_index("node")[["x", "y"]]
    edges = drawing.edges[drawing.edges["source"].isin(where.index) & drawing.edges["target"].isin(where.index)]
    edges = edges.join(where.rename(columns={"x": "x0", "y": "y0"}), on="source")
    edges = edges.join(where.rename(columns={"x": "x1", "y": "y1"}), on="target")
    return shown, edges.reset_index(drop=True)


# --- exports ----------------------------------------------------------------------------------

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


# --- what the page caches, per filter state ------------------------------------------------

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
