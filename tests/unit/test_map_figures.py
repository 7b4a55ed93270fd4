"""The map's figure builders: pure DataFrames in, a MapLibre figure that draws offline out."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest

from lpipdata.figures import map as figures
from lpipdata.figures import theme

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[-2, 53], [-2, 54], [-1, 54], [-1, 53], [-2, 53]]]})
ISLANDS = json.dumps({"type": "MultiPolygon", "coordinates": [
    [[[-5, 56], [-5, 57], [-4, 57], [-4, 56], [-5, 56]]],
    [[[-6, 55], [-6, 55.5], [-5.5, 55.5], [-5.5, 55], [-6, 55]]],
]})


def measures_frame() -> pd.DataFrame:
    rows = [
        # region_id, name, phase, partnerships, organisations, theme_links, core, mentioned
        ("yh", "Yorkshire <b>and</b> the Humber", "1 and 2", 5, 6, 3, 2, 1),
        ("forth", "Forth Water Basin", "1 and 2", 1, 2, 0, 0, 0),
        ("ldn", "London", "1", 0, 0, 0, 0, 0),
        ("uk", "UK-wide", "hub", 1, 2, 0, 0, 0),
        ("wales", "Wales", "none", 0, 0, 0, 0, 0),
    ]
    frame = pd.DataFrame(rows, columns=["region_id", "name", "lpip_phase", "partnerships", "organisations",
                                        "theme_links", "core_links", "mentioned_links"])
    frame["lead_org_name"] = ["University of Leeds", "University of Stirling", None, None, None]
    frame["confidence"] = "sourced"
    frame["source_url"] = ["https://example.org/yh", None, None, None, None]
    return frame


def shapes_frame() -> pd.DataFrame:
    # 'ldn' has no shape here: a phase-1 region without boundary rows.
    return pd.DataFrame({
        "region_id": ["wales", "uk", "yh", "forth"],
        "geojson": [SQUARE, SQUARE, SQUARE, ISLANDS],
        "centroid_lat": [52.3, 55.0, 53.5, 56.5],
        "centroid_lon": [-3.6, -2.0, -1.5, -4.5],
        "area_km2": [20000.0, 200000.0, 15000.0, 2000.0],
    })


def orgs_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "org_id": ["uni-leeds", "leeds-cc", "inject", "ukri"],
        "name": ["University of Leeds", "Leeds City Council", "<b>Bold</b><script>alert(1)</script>", "UKRI"],
        "org_type": ["university", "local authority", "VCSE", "public body"],
        "sector": ["academic", "public", "third", "public"],
        "region_id": ["yh", "yh", "yh", "uk"],
        "region_name": ["Yorkshire and the Humber"] * 3 + ["UK-wide"],
        "place": ["Leeds", "Leeds", "Bradford", None],
        "lat": [53.8067, 53.8008, 53.79, np.nan],
        "lon": [-1.555, -1.5491, -1.75, np.nan],
        "location_confidence": ["inferred", "inferred", "sourced", None],
        "website": [None] * 4,
        "memberships": [3, 3, 1, 1],
        "source_url": ["https://example.org/a", None, None, None],
        "confidence": ["sourced", "sourced", "unverified", "sourced"],
    })


def layer_frame() -> pd.DataFrame:
    return pd.DataFrame({"code": ["TLE", "TLM"], "name": ["Yorkshire and The Humber", "Scotland"],
                         "region_code": [None, None], "geojson": [SQUARE, ISLANDS]})


def build(view: figures.MapView | None = None, layers: dict | None = None, shapes=None, orgs=None):
    return figures.map_figure(measures_frame(), shapes_frame() if shapes is None else shapes,
                              {"itl1": layer_frame()} if layers is None else layers,
                              orgs_frame() if orgs is None else orgs, view or figures.MapView())


def trace(fig, meta: str):
    found = [t for t in fig.data if t.meta == meta]
    assert found, f"no trace {meta}; have {[t.meta for t in fig.data]}"
    return found[0]


def test_feature_collection_round_trips_the_geojson_text():
    collection = figures.feature_collection(["a", "b"], [SQUARE, ISLANDS])
    assert [f["id"] for f in collection["features"]] == ["a", "b"]
    # Rings are numpy arrays in memory (cheap for plotly to copy) but plain GeoJSON once serialised.
    assert isinstance(collection["features"][0]["geometry"]["coordinates"][0], np.ndarray)
    sent = json.loads(pio.to_json({"data": [], "layout": {}, "x": collection}, validate=False))["x"]
    assert sent["features"][0]["geometry"] == json.loads(SQUARE)
    assert sent["features"][1]["geometry"] == json.loads(ISLANDS)


def test_map_uses_only_offline_maplibre_traces_on_a_blank_style():
    fig = build()
    assert {t.type for t in fig.data} <= {"choroplethmap", "scattermap"}
    assert fig.layout.map.style == "white-bg"
    # No map text or icon symbols: both would fetch glyphs or sprites from the internet.
    for t in fig.data:
        if t.type == "scattermap":
            assert t.mode == "markers"
            assert t.marker.symbol in (None, "circle")


def test_street_map_is_an_opt_in_and_keeps_the_layers_see_through():
    fig = build(figures.MapView(basemap="carto-positron"))
    assert fig.layout.map.style == "carto-positron"
    assert trace(fig, "layer-itl1").colorscale[0][1] == "rgba(0,0,0,0)"
    assert figures.BASEMAPS["carto-positron"][1].endswith("(needs internet)")


def test_lpip_places_are_drawn_but_the_hub_and_context_regions_are_not():
    fig = build()
    regions = trace(fig, "regions")
    # Largest first so that smaller regions draw on top; London has no shape in this fixture.
    assert list(regions.locations) == ["yh", "forth"]
    assert {f["id"] for f in regions.geojson["features"]} == {"yh", "forth"}
    assert list(regions.z) == [5.0, 1.0]
    assert regions.zmin == 0 and regions.zmax == 5
    note = figures.undrawn_note(measures_frame(), shapes_frame())
    assert "London – no boundary, 0 partnerships" in note
    assert "UK-wide – hub, whole UK, 1 partnership" in note
    assert "Wales – context region, 0 partnerships" in note


def test_the_colour_scale_is_the_colour_blind_safe_sequential_one():
    fig = build()
    expected = build().data[0].__class__(colorscale=theme.SEQUENTIAL).colorscale
    assert trace(fig, "regions").colorscale == expected


@pytest.mark.parametrize("measure,column,label", [
    ("partnerships", "partnerships", "Partnerships"),
    ("organisations", "organisations", "Organisations based in the region"),
    ("emphasis", "theme_links", "Issue links: net zero"),
])
def test_each_measure_colours_by_its_column_and_names_it(measure, column, label):
    view = figures.MapView(measure=measure)
    fig = build(view)
    regions = trace(fig, "regions")
    expected = measures_frame().set_index("region_id").loc[["yh", "forth"], column].astype(float).tolist()
    assert list(regions.z) == expected
    assert regions.colorbar.title.text == label
    assert figures.measure_definition(view).startswith("Colour:")


def test_emphasis_definition_says_what_is_counted():
    text = figures.measure_definition(figures.MapView(measure="emphasis", emphasis_theme="water"))
    assert "water" in text and "core or mentioned" in text and "partnerships" in text


def test_every_drawn_region_has_a_selectable_marker_sized_by_partnerships():
    fig = build()
    markers, rings = trace(fig, "region-markers"), trace(fig, "region-marker-rings")
    assert [list(c) for c in markers.customdata] == [["region", "yh"], ["region", "forth"]]
    assert list(markers.lat) == [53.5, 56.5] and list(markers.lon) == [-1.5, -4.5]
    assert markers.marker.size[0] > markers.marker.size[1]  # 5 partnerships against 1
    assert markers.marker.opacity == 1 and rings.marker.opacity == 1  # plotly would default to 0.7
    # The region markers are the top traces, so a click on one is never taken by a point beneath.
    assert [t.meta for t in fig.data[-2:]] == ["region-marker-rings", "region-markers"]


def test_selected_region_is_outlined_and_its_marker_highlighted():
    fig = build(figures.MapView(selected_region="forth"))
    outline = trace(fig, "selected-region")
    assert list(outline.locations) == ["forth"] and outline.marker.line.width >= 3
    assert list(trace(fig, "region-markers").marker.color) == ["#FFFFFF", "#FFD700"]
    assert "selected-region" not in [t.meta for t in build().data]


def test_organisations_are_points_coloured_by_sector_without_the_unplaced_ones():
    fig = build()
    points = {t.name: t for t in fig.data if t.meta and t.meta.startswith("org-sector-")}
    assert set(points) == {"academic", "public", "third"}  # UKRI has no coordinates
    for sector, t in points.items():
        assert t.marker.color == theme.SECTOR_COLOURS[sector]
    assert [list(c) for c in points["public"].customdata] == [["org", "leeds-cc"]]
    halo = trace(fig, "org-halo")
    assert len(halo.lat) == 3 and halo.hoverinfo == "skip" and halo.customdata is None  # clicks go to the point
    assert figures.unplaced_count(orgs_frame()) == 1


def test_organisations_by_type_use_one_stable_colour_per_type():
    fig = build(figures.MapView(colour_by="org_type"))
    types = {t.name: t.marker.color for t in fig.data if t.meta and t.meta.startswith("org-org_type-")}
    assert set(types) == {"university", "local authority", "VCSE"}
    assert len(set(types.values())) == 3
    fewer = build(figures.MapView(colour_by="org_type"), orgs=orgs_frame().iloc[[1]])
    assert {t.name: t.marker.color for t in fewer.data if t.meta == "org-org_type-local authority"} == \
        {"local authority": types["local authority"]}


def test_size_by_memberships_grows_with_memberships():
    fig = build(figures.MapView(size_by="memberships"))
    academic, third = trace(fig, "org-sector-academic"), trace(fig, "org-sector-third")
    first_size = lambda t: np.atleast_1d(t.marker.size)[0]  # noqa: E731 (one number when all sizes agree)
    assert first_size(academic) > first_size(third)  # 3 memberships against 1
    fixed = trace(build(), "org-halo")
    assert fixed.marker.size == 14  # one size for all, sent as one number


def test_thousands_of_points_are_drawn_without_halos():
    many = pd.concat([orgs_frame()] * (figures.HALO_POINTS // 3 + 1), ignore_index=True)
    assert len(many.dropna(subset=["lat"])) > figures.HALO_POINTS
    fig = build(orgs=many)
    assert "org-halo" not in {t.meta for t in fig.data}
    assert sum(len(t.lat) for t in fig.data if (t.meta or "").startswith("org-sector-")) == len(many.dropna(subset=["lat"]))


def test_selected_organisation_gets_a_ring_beneath_its_point():
    fig = build(figures.MapView(selected_org="leeds-cc"))
    ring = trace(fig, "org-selected")
    assert [list(c) for c in ring.customdata] == [["org", "leeds-cc"]]
    metas = [t.meta for t in fig.data]
    assert metas.index("org-selected") < metas.index("org-sector-public")


@pytest.mark.parametrize("layers,expected", [
    ((), []), (("itl1",), ["layer-itl1"]), (("itl1", "lad", "cauth"), ["layer-itl1", "layer-lad", "layer-cauth"]),
])
def test_boundary_layers_draw_below_the_regions(layers, expected):
    fig = build(layers={name: layer_frame() for name in layers})
    metas = [t.meta for t in fig.data]
    assert [m for m in metas if m.startswith("layer-")] == expected
    if expected:
        assert metas.index(expected[-1]) < metas.index("regions")


def test_only_the_optional_layers_have_hover_names():
    fig = build(layers={"itl1": layer_frame(), "cauth": layer_frame()})
    assert trace(fig, "layer-itl1").hoverinfo == "skip"
    assert trace(fig, "layer-cauth").text[0] == "Yorkshire and The Humber (combined authority)"


def test_text_from_data_is_escaped_in_hover_labels():
    fig = build()
    hover = " ".join(trace(fig, "org-sector-third").text) + " ".join(trace(fig, "regions").text)
    assert "<script>" not in hover and "<b>Bold</b>" not in hover
    assert "&lt;script&gt;" in hover and "Yorkshire &lt;b&gt;and&lt;/b&gt; the Humber" in hover


def test_without_boundaries_the_map_shows_organisations_only():
    fig = figures.map_figure(measures_frame(), None, {}, orgs_frame(), figures.MapView())
    assert {t.type for t in fig.data} == {"scattermap"}
    assert all(t.meta.startswith("org-") for t in fig.data)
    assert figures.drawn_regions(measures_frame(), None).empty


def test_empty_filters_still_give_a_figure():
    none = orgs_frame().iloc[0:0]
    zero = measures_frame().assign(partnerships=0)
    fig = figures.map_figure(zero, shapes_frame(), {}, none, figures.MapView())
    regions = trace(fig, "regions")
    assert regions.zmax == 1  # a zero-only scale still has a range
    assert figures.unplaced_count(none) == 0


def test_region_table_lists_every_region_with_its_measure_and_source():
    table = figures.region_table(measures_frame(), shapes_frame(), figures.MapView(measure="emphasis"))
    assert list(table["region_id"]) == ["yh", "forth", "ldn", "uk", "wales"]
    assert list(table["on map"]) == ["yes", "yes", "no", "no", "no"]
    assert {"issue links: net zero", "core links", "mentioned links", "source"} <= set(table.columns)
    assert table.loc[0, "source"] == "https://example.org/yh"
    plain = figures.region_table(measures_frame(), None, figures.MapView())
    assert "core links" not in plain.columns and set(plain["on map"]) == {"no"}


def test_organisation_table_keeps_coordinates_and_sources():
    table = figures.organisation_table(orgs_frame())
    assert list(table.columns[:2]) == ["organisation", "org_id"]
    assert {"lat", "lon", "location confidence", "source"} <= set(table.columns)
    assert len(table) == 4  # unplaced organisations too


@pytest.mark.parametrize("points,expected", [
    ([], None),
    (None, None),
    ([{"customdata": ["region", "yh"], "curve_number": 9}], ("region", "yh")),
    ([{"customdata": ["org", "uni-leeds"]}, {"customdata": ["region", "yh"]}], ("org", "uni-leeds")),
    ([{"lat": 1, "lon": 2}], None),
    ([{"customdata": "yh"}], None),
    ([{"customdata": ["bogus", "x"]}, {"customdata": ["region", "rw"]}], ("region", "rw")),
])
def test_selection_target_reads_the_clicked_marker(points, expected):
    assert figures.selection_target(points) == expected


def test_presenting_uses_the_presentation_template():
    assert build(figures.MapView(presenting=True)).layout.template.layout.font.size == 22


def test_notes_under_the_map_define_the_colour_and_say_what_is_left_out():
    notes = figures.map_notes(measures_frame(), shapes_frame(), orgs_frame(), figures.MapView())
    assert notes[0].startswith("Colour: the number of partnerships")
    assert notes[1].startswith("Not drawn on the map:")
    assert notes[2] == "1 of the organisations based in the regions shown has no sourced place, so it is in the table only."
    assert notes[3].startswith("Points are town centres or, for councils and combined authorities, a point inside")
    # Without boundaries there is no colour to explain; the points still need their caveat.
    assert figures.map_notes(measures_frame(), None, orgs_frame().iloc[:1], figures.MapView()) == notes[3:]
    assert figures.map_notes(measures_frame(), None, orgs_frame().iloc[2:3], figures.MapView()) == []
