"""Which nodes to draw and where: a seeded force layout per connected component, packed
together, and the frames the figure is drawn from."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from lpipdata.network.model import ORG, PARTNERSHIP, SEED, partnerships_of

# A browser draws a few hundred labelled nodes smoothly and a person can still read them;
# beyond this the most connected nodes are drawn and the tables list every node.
MAX_DRAWN_NODES = 400
LAYOUT_ITERATIONS = 150
REPULSION, GRAVITY, COOLING = 2.0, 0.05, 0.97  # ForceAtlas2-style constants, tuned by eye on the seed data
LEAF_RING = 0.6  # leaf distance from its anchor, in median core edge lengths


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
