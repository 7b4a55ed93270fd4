"""The network figure: traces, escaping, colours, sizes and label placement."""

import json

import pandas as pd

from lpipdata.figures import network as figures
from lpipdata.figures import theme

EVIL = '<b>Bold</b><script>alert(1)</script> & <a href="x">link</a>'


def frame(count: int = 6, communities: int = 2) -> pd.DataFrame:
    rows = []
    for i in range(count):
        rows.append({"node": f"org:o{i}", "kind": "organisation", "label": EVIL if i == 0 else f"Organisation {i}",
                     "org_type": "university", "sector": ("academic", "public")[i % 2], "region_name": "Wales & co",
                     "scale": "", "community": i % communities + 1, "partnerships": 1 + i, "degree": i,
                     "weighted_degree": i, "betweenness": i / 10, "pagerank": 0.1, "regions_spanned": 1,
                     "scales_spanned": 1, "members": pd.NA, "sector_mix": None, "x": (i % 3) - 1.0,
                     "y": (i // 3) - 0.5})
    rows.append({"node": "partnership:p", "kind": "partnership", "label": "Partnership <P>", "org_type": "",
                 "sector": "", "region_name": "Wales", "scale": "region", "community": 1, "partnerships": pd.NA,
                 "degree": pd.NA, "weighted_degree": pd.NA, "betweenness": 0.5, "pagerank": pd.NA,
                 "regions_spanned": pd.NA, "scales_spanned": pd.NA, "members": 4,
                 "sector_mix": "academic 2 · public 2",
                 "x": 0.0, "y": 0.9})
    return pd.DataFrame(rows)


EDGES = pd.DataFrame({"source": ["org:o0", "org:o1"], "target": ["partnership:p", "org:o2"], "weight": [1, 3],
                      "x0": [-1.0, 0.0], "y0": [-0.5, -0.5], "x1": [0.0, 1.0], "y1": [0.9, -0.5]})


def test_nodes_are_points_with_their_ids_and_edges_are_lines():
    figure = figures.network_figure(frame(), EDGES, "sector", "degree")
    points = [t for t in figure.data if t.meta == "nodes"]
    assert {node for t in points for node in t.customdata} == {f"org:o{i}" for i in range(6)} | {"partnership:p"}
    assert {t.name for t in points} == {"academic", "public", "Partnership"}
    partnership = next(t for t in points if t.name == "Partnership")
    assert list(partnership.marker.symbol) == ["diamond"] and partnership.marker.color == figures.PARTNERSHIP_COLOUR
    lines = [t for t in figure.data if t.meta == "ties"]
    assert [t.line.width for t in lines] == [0.8, 2.2]  # single ties faint, repeated ties bold


def test_text_from_data_is_escaped_everywhere_plotly_renders_html():
    figure = figures.network_figure(frame(), EDGES, "region", "degree", label_count=20)
    spec = json.dumps(figure.to_plotly_json())
    assert "<script>" not in spec and "<b>Bold" not in spec and "<a href" not in spec and "<P>" not in spec
    assert "&lt;script&gt;" in spec and "Wales &amp; co" in spec
    hover = next(t.hovertext for t in figure.data
                 if t.meta == "nodes" and "org:o0" in t.customdata)
    assert hover[0].startswith("<b>&lt;b&gt;Bold") and "Home region: Wales &amp; co" in hover[0]


def test_colour_by_community_keeps_partnerships_in_their_community_and_explains_shapes():
    figure = figures.network_figure(frame(communities=3), EDGES, "community", "degree")
    names = [t.name for t in figure.data if t.name]
    assert {"Community 1", "Community 2", "Community 3", "organisation", "partnership (size: members)"} <= set(names)


def test_more_groups_than_colours_share_one_grey_other():
    many = frame(count=30, communities=30)
    colours = figures.category_colours(figures.colour_categories(many, "community"))
    assert len(colours) == len(theme.CATEGORICAL) + 1 and colours["other"] == theme.NO_DATA
    assert len(set(colours.values())) == len(colours)


def test_marker_sizes_grow_with_the_metric_within_each_kind():
    nodes = frame()
    sizes = figures.marker_sizes(nodes, "betweenness")
    orgs = sizes[nodes["kind"] == "organisation"]
    assert orgs.is_monotonic_increasing and orgs.min() == 6 and orgs.max() == 24
    assert sizes[nodes["kind"] == "partnership"].iloc[0] == 8 + 16 * 0.35  # one partnership: a middle size


def test_labels_go_to_the_most_central_nodes_and_never_overlap():
    nodes = frame(count=12).assign(size=10.0)
    crowded = nodes.assign(x=0.0, y=0.0)  # everyone in one spot: only one label fits
    scale = figures.PixelScale.for_height(560)
    assert len(figures.place_labels(figures.labels_for(crowded, "degree", 14, None), scale)) == 1
    chosen = figures.labels_for(nodes, "degree", 6, centre="org:o0")
    assert list(chosen["node"])[:3] == ["org:o0", "org:o11", "org:o10"] and "partnership:p" in set(chosen["node"])
    placed = figures.place_labels(chosen, scale)
    assert (placed["y"] > chosen.set_index("node").loc[placed["node"], "y"].to_numpy()).all()


def test_the_selected_node_gets_a_ring():
    figure = figures.network_figure(frame(), EDGES, "sector", "degree", centre="org:o3")
    ring = next(t for t in figure.data if t.name == "selected")
    assert list(ring.customdata) == ["org:o3"] and ring.marker.symbol == "circle-open"


def test_small_graphs_draw_as_svg_and_large_ones_with_webgl():
    small = figures.network_figure(frame(), EDGES, "sector", "degree")
    assert {t.type for t in small.data if t.meta in ("nodes", "ties")} == {"scatter"}
    many = pd.concat([EDGES] * (figures.WEBGL_FROM // len(EDGES)), ignore_index=True)
    large = figures.network_figure(frame(), many, "sector", "degree")
    assert {t.type for t in large.data if t.meta in ("nodes", "ties")} == {"scattergl"}
