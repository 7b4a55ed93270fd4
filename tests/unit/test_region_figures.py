"""Region profile figures: pure functions of small hand-made frames."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from lpipdata.figures import region as figures
from lpipdata.figures import theme

INJECTED = "<b>Bold</b><script>alert(1)</script> [click me](https://example.com)"
SQUARE = {"type": "Polygon", "coordinates": [[[-2.0, 53.0], [-1.0, 53.0], [-1.0, 54.0], [-2.0, 54.0], [-2.0, 53.0]]]}


def shape_frame() -> pd.DataFrame:
    return pd.DataFrame({"region_id": ["yh"], "geojson": [json.dumps(SQUARE)], "centroid_lat": [53.5],
                         "centroid_lon": [-1.5], "area_km2": [7400.0]})


def outlines_frame() -> pd.DataFrame:
    return pd.DataFrame({"code": ["TLE"], "name": ["Yorkshire and The Humber"], "geojson": [json.dumps(SQUARE)]})


def points_frame(name: str = "University of Leeds") -> pd.DataFrame:
    return pd.DataFrame({"org_id": ["a"], "name": [name], "org_type": ["university"], "sector": ["academic"],
                         "place": ["Leeds"], "lat": [53.8], "lon": [-1.55]})


def partnerships_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "partnership_id": ["p1", "p2", "p3"], "name": ["Leeds Climate Commission", INJECTED, "Undated network"],
        "acronym": [None, None, None], "scale": ["local", "region", "neighbourhood"],
        "founded_text": ["2017", "Feb 2024", ""], "ended_text": ["", "Dec 2026", ""],
        "founded_first": [date(2017, 1, 1), date(2024, 2, 1), None],
        "ended_last": [None, date(2026, 12, 31), None], "members": [5, 2, 1],
    })


def events_frame() -> pd.DataFrame:
    return pd.DataFrame({"date_text": ["Feb 2024"], "date_first": [date(2024, 2, 1)], "title": [INJECTED],
                         "kind": ["launch"]})


def memberships_frame() -> pd.DataFrame:
    rows = [("p1", "Climate", "LCC", "local", "o1", "Leeds City Council", "local authority", "public"),
            ("p1", "Climate", "LCC", "local", "o2", INJECTED, "VCSE", "third"),
            ("p2", "YPIP", "YPIP", "region", "o1", "Leeds City Council", "local authority", "public"),
            ("p2", "YPIP", "YPIP", "region", "o3", "University of Leeds", "university", "academic")]
    return pd.DataFrame(rows, columns=["partnership_id", "partnership_name", "acronym", "scale", "org_id",
                                       "org_name", "org_type", "sector"])


def test_plain_escapes_and_shortens_before_escaping():
    assert figures.plain("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert figures.plain("&&&&&&&&&&", limit=5) == "&amp;&amp;&amp;&amp;…"
    assert figures.plain(None) == "" and figures.plain(float("nan")) == ""


def test_short_name_prefers_the_acronym():
    assert figures.short_name("YPIP", "Yorkshire ...") == "YPIP"
    assert figures.short_name(None, "Leeds Climate Commission") == "Leeds Climate Commission"
    assert figures.short_name(float("nan"), "X") == "X"


def test_map_inset_draws_region_over_uk_outlines_offline():
    figure = figures.map_inset(shape_frame(), outlines_frame(), points_frame(INJECTED), "Yorkshire")
    kinds = [type(trace).__name__ for trace in figure.data]
    assert kinds == ["Choroplethmap", "Choroplethmap", "Scattermap"]
    assert figure.layout.map.style == "white-bg"
    assert figure.data[1].locations == ("yh",) and figure.data[1].geojson["features"][0]["id"] == "yh"
    assert "<script>" not in json.dumps(figure.to_plotly_json()["data"][2]["hovertext"])
    assert figure.data[2].mode == "markers"  # text labels would need glyphs from the internet
    assert abs(figure.layout.map.center.lat - 53.5) < 1e-9


def test_map_inset_without_boundaries_centres_on_the_uk():
    empty = pd.DataFrame(columns=["region_id", "geojson"])
    figure = figures.map_inset(empty, pd.DataFrame(columns=["code", "name", "geojson"]), points_frame().iloc[0:0], "X")
    assert len(figure.data) == 0
    assert figure.layout.map.zoom == figures.UK_ZOOM


@pytest.mark.parametrize("span,expected_range", [(0.5, (6.0, 9.0)), (8.0, (4.0, 5.5))])
def test_fit_zoom_fits_small_and_large_regions(span, expected_range):
    zoom = figures.fit_zoom(-2.0, -2.0 + span, 54.0, 54.0 + span / 2, 600, 380)
    assert expected_range[0] <= zoom <= expected_range[1]


def test_outline_map_is_plain_svg_with_the_figure_aspect():
    figure = figures.outline_map(shape_frame(), outlines_frame(), points_frame(), "Yorkshire", 900, 450)
    assert all(isinstance(trace, go.Scatter) for trace in figure.data)
    x_range, y_range = figure.layout.xaxis.range, figure.layout.yaxis.range
    assert (x_range[1] - x_range[0]) / (y_range[1] - y_range[0]) == pytest.approx(2.0)
    assert figure.data[1].fill == "toself" and figure.data[1].fillcolor == figures.REGION_FILL


def test_mini_timeline_bars_by_scale_events_and_undated_note():
    figure = figures.mini_timeline(partnerships_frame(), events_frame(), today=date(2026, 1, 1))
    bars = [trace for trace in figure.data if isinstance(trace, go.Bar)]
    assert [bar.name for bar in bars] == ["local", "region"]  # in scale order; undated left out
    assert bars[0].marker.color == figures.scale_colours()["local"]
    ongoing = bars[0].x[0] / 86_400_000
    assert ongoing == (date(2026, 1, 1) - date(2017, 1, 1)).days
    assert figure.layout.yaxis.ticktext[0] == "Events"
    assert "&lt;script&gt;" in figure.layout.yaxis.ticktext[2]
    assert figure.layout.annotations[0].text == "Not shown: 1 without a founding date."
    assert "<script>" not in figure.data[-1].hovertext[0]


def test_mini_timeline_draws_at_most_its_cap_keeping_the_partnerships_with_most_members():
    many = pd.DataFrame({"partnership_id": [f"p{n}" for n in range(60)], "name": [f"P{n}" for n in range(60)],
                         "acronym": None, "scale": "local", "founded_text": "2010", "ended_text": "",
                         "founded_first": date(2010, 1, 1), "ended_last": None, "members": range(60)})
    figure = figures.mini_timeline(many, events_frame().iloc[:0], today=date(2026, 1, 1))
    assert len(figure.layout.yaxis.ticktext) == figures.MINI_TIMELINE_ROWS + 1  # plus the events row
    assert "P59" in figure.layout.yaxis.ticktext and "P0" not in figure.layout.yaxis.ticktext
    assert figure.layout.annotations[0].text == ("Not shown: 20 dated ones with fewer members "
                                                 "(the Timeline view shows them all).")


def test_network_excerpt_keeps_top_organisations_with_a_fixed_layout():
    organisations = pd.DataFrame({"org_id": ["o1", "o3", "o2"]})
    figure = figures.network_excerpt(memberships_frame(), organisations, limit=2)
    labels = [label for trace in figure.data if trace.text for label in trace.text]
    assert sorted(labels) == ["LCC", "Leeds City Council", "University of Leeds", "YPIP"]
    again = figures.network_excerpt(memberships_frame(), organisations, limit=2)
    assert figure.to_plotly_json()["data"] == again.to_plotly_json()["data"]


def test_network_excerpt_escapes_names_and_colours_by_sector():
    figure = figures.network_excerpt(memberships_frame(), pd.DataFrame({"org_id": ["o1", "o2", "o3"]}))
    third = next(trace for trace in figure.data if trace.name == "third organisation")
    assert third.marker.color == theme.SECTOR_COLOURS["third"]
    assert third.text[0].startswith("&lt;b&gt;Bold")
    assert "<script>" not in third.hovertext[0]


def test_excerpt_graph_is_two_mode():
    graph = figures.excerpt_graph(memberships_frame(), ["o1"])
    assert set(graph.nodes) == {("organisation", "o1"), ("partnership", "p1"), ("partnership", "p2")}
    assert graph.number_of_edges() == 2
