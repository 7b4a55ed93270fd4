"""Graphs, metrics, layout and exports of the network view, on tiny hand-made memberships."""

from io import BytesIO

import networkx as nx
import pandas as pd
import pytest

from lpipdata import network as net
from lpipdata.filters import Filters
from lpipdata.network import metrics

COLUMNS = ["partnership_id", "partnership_name", "acronym", "scale", "partnership_region_id",
           "partnership_region_name", "org_id", "org_name", "org_type", "sector", "org_region_id",
           "org_region_name", "role", "since", "until", "source_id", "source_url", "confidence"]
PARTNERSHIPS = {"p1": ("local", "r1"), "p2": ("region", "r2"), "p3": ("UK", "r1")}
ORGS = {"a": ("university", "academic", "r1"), "b": ("VCSE", "third", "r1"), "c": ("local authority", "public", "r2"),
        "d": ("business", "private", "r2")}


def membership(partnership: str, org: str, role: str = "member", since=None, until=None,
               confidence: str = "sourced", source: str = "s1") -> dict:
    scale, p_region = PARTNERSHIPS[partnership]
    org_type, sector, o_region = ORGS[org]
    return dict(zip(COLUMNS, [partnership, f"Partnership {partnership.upper()}", None, scale, p_region,
                              f"Region {p_region}", org, f"Org {org.upper()}", org_type, sector, o_region,
                              f"Region {o_region}", role, since, until, source, f"https://example.org/{source}",
                              confidence]))


@pytest.fixture()
def memberships() -> pd.DataFrame:
    """p1: a, b, c · p2: a, c · p3: c, d (c is the broker; c-p1 has two roles)."""
    rows = [membership("p1", "a", "lead", since="2019"), membership("p1", "b"), membership("p1", "c"),
            membership("p1", "c", "chair", since="2020-05", until="2023", confidence="inferred", source="s2"),
            membership("p2", "a"), membership("p2", "c"), membership("p3", "c"), membership("p3", "d")]
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.fixture()
def graph(memberships) -> nx.Graph:
    return net.two_mode_graph(memberships)


def test_two_mode_graph_has_both_kinds_and_one_edge_per_pair(graph):
    assert sorted(graph.nodes) == ["org:a", "org:b", "org:c", "org:d", "partnership:p1", "partnership:p2",
                                   "partnership:p3"]
    assert graph.number_of_edges() == 7
    assert graph.nodes["org:c"] == {"kind": "organisation", "entity_id": "c", "label": "Org C",
                                    "org_type": "local authority", "sector": "public", "scale": "",
                                    "region": "r2", "region_name": "Region r2"}
    assert graph.nodes["partnership:p3"]["scale"] == "UK" and graph.nodes["partnership:p3"]["kind"] == "partnership"


def test_a_pair_with_two_roles_keeps_both_and_the_weakest_confidence(graph):
    tie = graph.edges["org:c", "partnership:p1"]
    assert tie == {"role": "chair; member", "since": "2020-05", "until": "", "confidence": "inferred",
                   "source_id": "s1; s2"}
    assert graph.edges["org:a", "partnership:p1"]["since"] == "2019"


def test_until_is_the_latest_end_and_empty_while_any_membership_is_open():
    rows = pd.DataFrame([membership("p1", "a", "lead", until="2020"), membership("p1", "a", "chair", until="2022")],
                        columns=COLUMNS)
    assert net.ties(rows).iloc[0]["until"] == "2022"


def test_projection_weights_count_shared_partnerships(graph):
    projection = net.organisation_projection(graph)
    weights = {tuple(sorted((a, b))): (w, p) for a, b, w in projection.edges(data="weight")
               for p in [projection.edges[a, b]["partnerships"]]}
    assert weights == {("org:a", "org:b"): (1, "p1"), ("org:a", "org:c"): (2, "p1; p2"),
                       ("org:b", "org:c"): (1, "p1"), ("org:c", "org:d"): (1, "p3")}
    assert projection.nodes["org:d"]["sector"] == "private"


def test_organisation_metrics_hand_checked(graph):
    nodes, notes = net.node_metrics(graph, net.organisation_projection(graph))
    orgs = nodes.set_index("node")
    assert notes == []
    assert orgs.loc["org:c", ["partnerships", "degree", "weighted_degree", "regions_spanned",
                              "scales_spanned"]].tolist() == [3, 3, 4, 2, 3]
    assert orgs.loc["org:a", ["partnerships", "degree", "weighted_degree", "regions_spanned",
                              "scales_spanned"]].tolist() == [2, 2, 3, 2, 2]
    assert orgs.loc["org:d", ["partnerships", "degree", "weighted_degree"]].tolist() == [1, 1, 1]
    # Betweenness on the 7-node two-mode graph, normalised by (n-1)(n-2)/2 = 15 pairs:
    # c lies on every path from {p3, d} to the other four (8 pairs) and on half of p1-p2 and b-p2.
    assert orgs.loc["org:c", "betweenness"] == pytest.approx(9 / 15)
    # p1 carries all 5 of b's paths and half of a-c, a-p3, a-d.
    assert orgs.loc["partnership:p1", "betweenness"] == pytest.approx(6.5 / 15)
    assert orgs.loc["org:a", "betweenness"] == pytest.approx(1 / 15)
    assert orgs.loc["org:b", "betweenness"] == 0
    assert orgs["pagerank"].sum() == pytest.approx(1.0)
    assert orgs.loc["org:c", "pagerank"] > orgs.loc["org:a", "pagerank"] > orgs.loc["org:d", "pagerank"]


def test_partnership_size_and_sector_mix(graph):
    nodes, _ = net.node_metrics(graph, net.organisation_projection(graph))
    p1 = nodes.set_index("node").loc["partnership:p1"]
    assert (p1["members"], p1["sectors"], p1["sector_mix"]) == (3, 3, "academic 1 · public 1 · third 1")
    assert pd.isna(p1["pagerank"]) and pd.isna(p1["degree"])


def test_pagerank_matches_the_hand_solved_path():
    # On the path a-b-c with damping 0.85: x = 0.05 + 0.425 y and y = 0.05 + 1.7 x.
    ranks = net.pagerank(nx.path_graph(["a", "b", "c"]))
    assert ranks["a"] == pytest.approx(0.07125 / 0.2775) == ranks["c"]
    assert ranks["b"] == pytest.approx(0.05 + 1.7 * 0.07125 / 0.2775)


def test_pagerank_spreads_the_rank_of_isolated_nodes_and_uses_weights():
    graph = nx.Graph([("a", "b", {"weight": 3}), ("a", "c", {"weight": 1})])
    graph.add_node("lonely")
    ranks = net.pagerank(graph)
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert ranks["b"] > ranks["c"] > ranks["lonely"] > 0
    assert net.pagerank(nx.Graph()) == {}


def test_large_graphs_sample_betweenness_and_say_so(monkeypatch):
    monkeypatch.setattr(metrics, "BETWEENNESS_BUDGET", 8 * 59)
    monkeypatch.setattr(metrics, "MIN_BETWEENNESS_SAMPLES", 2)
    values, note = net.betweenness(nx.path_graph(30))
    assert "out of 8 sampled nodes of 30" in note and "seed 42" in note
    assert values == net.betweenness(nx.path_graph(30))[0]


def test_communities_are_seeded_and_numbered_from_the_largest():
    graph = nx.Graph()
    nx.add_path(graph, ["a1", "a2", "a3", "a4", "a1"])
    graph.add_edges_from([("a1", "a3"), ("a2", "a4")])
    nx.add_path(graph, ["b1", "b2", "b3", "b1"])
    graph.add_edge("a1", "b1")
    found = net.communities(graph)
    assert found == net.communities(graph)
    assert {found[n] for n in ("a1", "a2", "a3", "a4")} == {1} and {found[n] for n in ("b1", "b2", "b3")} == {2}


def test_brokers_span_most_regions_and_scales(graph):
    nodes, _ = net.node_metrics(graph, net.organisation_projection(graph))
    brokers = net.brokers(nodes)
    assert list(brokers["org_id"]) == ["c", "a"]
    assert brokers.iloc[0][["regions_spanned", "scales_spanned"]].tolist() == [2, 3]


def test_layout_is_deterministic_and_fills_the_unit_square(graph):
    first = net.layout(graph)
    assert first == net.layout(net.two_mode_graph(_memberships_in_another_order()))
    xs, ys = zip(*first.values())
    assert min(xs) == pytest.approx(-1) and max(xs) == pytest.approx(1)
    assert min(ys) == pytest.approx(-1) and max(ys) == pytest.approx(1)
    assert len(set(first.values())) == len(first)


def _memberships_in_another_order() -> pd.DataFrame:
    rows = [membership("p3", "d"), membership("p3", "c"), membership("p2", "c"), membership("p2", "a"),
            membership("p1", "c", "chair", since="2020-05", until="2023", confidence="inferred", source="s2"),
            membership("p1", "c"), membership("p1", "b"), membership("p1", "a", "lead", since="2019")]
    return pd.DataFrame(rows, columns=COLUMNS)


def test_layout_keeps_leaves_apart_and_packs_separate_components():
    star = nx.star_graph(12)
    star.add_edge("x", "y")
    star.add_node("alone")
    positions = net.layout(nx.relabel_nodes(star, str))
    points = list(positions.values())
    assert len(points) == 16
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for i, a in enumerate(points)
                  for b in points[i + 1:])
    assert closest > 0.05


def test_most_connected_keeps_the_hubs_and_the_chosen_node():
    graph = nx.star_graph(10)
    graph.add_edge(20, 21)
    assert set(net.most_connected(graph, 2)) == {0, 1}
    assert set(net.most_connected(graph, 2, keep=21)) == {0, 21}
    assert net.most_connected(graph, 100) is graph


def test_most_connected_two_mode_keeps_the_organisations_that_tie_partnerships_together(graph):
    drawn = net.most_connected(graph, 5)
    assert set(drawn) == {"org:c", "partnership:p1", "partnership:p2", "partnership:p3", "org:a"}
    assert drawn.number_of_edges() == 5
    assert "org:d" in net.most_connected(graph, 5, keep="org:d")


def test_ego_steps_count_organisation_to_organisation(graph):
    projection = net.organisation_projection(graph)
    one = net.ego_distances(graph, graph, "org:d", 1)
    assert set(one) == {"org:d", "partnership:p3", "org:c"}
    two = net.ego_distances(graph, graph, "org:d", 2)
    assert set(two) == set(graph.nodes)
    assert set(net.ego_distances(graph, projection, "org:d", 1)) == {"org:d", "org:c"}
    assert set(net.ego_distances(graph, graph, "partnership:p2", 1)) == {"partnership:p2", "org:a", "org:c"}
    assert set(net.ego_distances(graph, projection, "partnership:p3", 1)) == {"org:c", "org:d"}


def test_visible_hides_nodes_below_the_minimum_degree_but_keeps_the_centre(graph):
    nodes, _ = net.node_metrics(graph, net.organisation_projection(graph))
    drawing = net.drawing_of(graph, graph, graph, centre="org:d")
    shown, edges = net.visible(nodes, drawing, 2)
    assert set(shown["node"]) == {"org:a", "org:c", "org:d", "partnership:p1", "partnership:p2", "partnership:p3"}
    assert len(edges) == 6 and edges[["x0", "y0", "x1", "y1"]].notna().all().all()
    assert "org:b" not in set(edges["source"]) | set(edges["target"])


def test_projection_drawing_places_organisations_where_the_two_mode_view_does(graph):
    projection = net.organisation_projection(graph)
    drawing = net.drawing_of(graph, projection, projection)
    assert set(drawing.nodes["node"]) == {"org:a", "org:b", "org:c", "org:d"}
    assert set(drawing.edges["weight"]) == {1, 2}


def test_selection_round_trip():
    filters = Filters(org="a")
    assert net.selected_node(filters) == "org:a"
    assert net.select(filters, "partnership:p1") == Filters(partnership="p1")
    assert net.select(Filters(partnership="p1", themes=("water",)), "org:b") == Filters(org="b", themes=("water",))
    assert net.graph_filters(Filters(org="a", region="yh", regions=("yh",))) == Filters(regions=("yh",))


def test_view_options_from_the_url():
    view = net.ViewOptions.from_options({"mode": "projection", "mindeg": "3", "steps": "2", "size": "pagerank"})
    assert (view.mode, view.min_degree, view.steps, view.size_by, view.colour_by) == ("projection", 3, 2,
                                                                                       "pagerank", "sector")
    assert set(net.URL_OPTIONS["mode"]) == set(net.MODES)


@pytest.fixture()
def analysis(memberships, graph) -> net.Analysis:
    nodes, notes = net.node_metrics(graph, net.organisation_projection(graph))
    return net.Analysis(nodes, memberships, tuple(notes))


@pytest.mark.parametrize("mode", [net.TWO_MODE, net.PROJECTION])
def test_graphml_round_trip_keeps_nodes_edges_and_attributes(analysis, mode):
    exported = net.export_graph(analysis, mode)
    read = nx.read_graphml(BytesIO(net.graphml_bytes(exported)))
    assert_same_graph(exported, read)
    if mode == net.TWO_MODE:
        assert read.nodes["org:c"]["betweenness"] == pytest.approx(0.6)
        assert read.nodes["org:c"]["regions_spanned"] == 2 and read.nodes["org:c"]["sector"] == "public"
        assert read.nodes["partnership:p1"]["sector_mix"] == "academic 1 · public 1 · third 1"
        assert read.edges["org:c", "partnership:p1"]["role"] == "chair; member"
    else:
        assert read.edges["org:a", "org:c"]["weight"] == 2


@pytest.mark.parametrize("mode", [net.TWO_MODE, net.PROJECTION])
def test_gexf_round_trip_keeps_nodes_edges_and_attributes(analysis, mode):
    exported = net.export_graph(analysis, mode)
    read = nx.read_gexf(BytesIO(net.gexf_bytes(exported)))
    assert_same_graph(exported, read, ignore_edge={"id"})


def assert_same_graph(expected: nx.Graph, read: nx.Graph, ignore_edge: set[str] = frozenset()) -> None:
    assert set(read.nodes) == set(expected.nodes)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in expected.edges}
    for node, data in expected.nodes(data=True):
        assert _same(read.nodes[node], data), (node, read.nodes[node], data)
    for a, b, data in expected.edges(data=True):
        got = {k: v for k, v in read.edges[a, b].items() if k not in ignore_edge}
        assert _same(got, data), (a, b, got, data)


def _same(got: dict, want: dict) -> bool:
    if set(got) != set(want):
        return False
    return all(got[k] == pytest.approx(v) if isinstance(v, float) else got[k] == v for k, v in want.items())


def test_csv_tables_list_every_node_and_edge(analysis):
    exported = net.export_graph(analysis, net.TWO_MODE)
    nodes, edges = net.node_table(exported), net.edge_table(exported)
    assert len(nodes) == 7 and {"node", "kind", "label", "betweenness", "community"} <= set(nodes.columns)
    assert len(edges) == 7 and {"source", "target", "role", "since", "until", "source_id"} <= set(edges.columns)


def test_search_labels_tell_organisations_with_the_same_name_apart():
    nodes = pd.DataFrame({"kind": ["organisation"] * 4 + ["partnership"], "entity_id": ["z", "b", "c", "a", "p"],
                          "label": ["Same", "Same", "Same", "Alpha", "Same"],
                          "region_name": ["Wales", "Wales", "Scotland", "Wales", ""]})
    assert net.search_labels(nodes) == {"a": "Alpha", "b": "Same · Wales (b)", "c": "Same · Scotland",
                                        "z": "Same · Wales (z)"}


def test_pagerank_of_a_graph_without_edges_is_uniform():
    import networkx as nx

    from lpipdata.network import pagerank

    graph = nx.Graph()
    graph.add_nodes_from(["only"])
    assert pagerank(graph) == {"only": 1.0}
    graph.add_node("other")
    assert pagerank(graph) == {"only": 0.5, "other": 0.5}
