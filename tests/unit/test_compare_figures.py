"""Compare figures: pure functions of small hand-made frames."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import compare as figures
from lpipdata.figures import theme
from lpipdata.figures.region import scale_colours

INJECTED = "<b>Bold</b><script>alert(1)</script>"


def issue_profile() -> pd.DataFrame:
    rows = [("yh", "Yorkshire", "net zero", 2, 1, 0, 2), ("rw", "Rural Wales", "net zero", 0, 0, 0, 0),
            ("yh", "Yorkshire", "water", 0, 0, 1, 1), ("rw", "Rural Wales", "water", 1, 1, 0, 2)]
    return pd.DataFrame(rows, columns=["region_id", "region", "theme", "partnerships", "core_issues",
                                       "mentioned_issues", "emphasis"])


def test_issue_heatmap_keeps_theme_and_region_order():
    figure = figures.issue_heatmap(issue_profile(), "partnerships")
    heatmap = figure.data[0]
    assert isinstance(heatmap, go.Heatmap) and heatmap.colorscale == go.Heatmap(colorscale=theme.SEQUENTIAL).colorscale
    assert heatmap.x == ("Yorkshire", "Rural Wales") and heatmap.y == ("net zero", "water")
    assert heatmap.z.tolist() == [[2, 0], [0, 1]]
    assert figures.issue_heatmap(issue_profile(), "emphasis").data[0].z.tolist() == [[2, 0], [1, 2]]


def test_scale_mix_stacks_scales_in_order_with_their_colours():
    mix = pd.DataFrame({"region": ["Yorkshire", "Yorkshire", "NI"], "scale": ["region", "local", "nation"],
                        "partnerships": [2, 1, 1], "share": [0.667, 0.333, 1.0]})
    figure = figures.scale_mix(mix)
    assert [trace.name for trace in figure.data] == ["local", "region", "nation"]
    assert figure.data[0].marker.color == scale_colours()["local"]
    assert figure.layout.barmode == "stack"


def test_sector_mix_uses_sector_colours_and_shares():
    mix = pd.DataFrame({"region": ["Yorkshire", "Yorkshire"], "sector": ["public", "academic"],
                        "organisations": [1, 3], "share": [0.25, 0.75]})
    figure = figures.sector_mix(mix)
    academic = figure.data[0]
    assert academic.name == "academic" and academic.marker.color == theme.SECTOR_COLOURS["academic"]
    assert list(academic.x) == [75.0] and list(academic.customdata) == [3]


def test_network_measures_show_missing_centralisation_as_na():
    metrics = pd.DataFrame({"region": ["Yorkshire", "Forth"], "density": [0.6, 1.0],
                            "centralisation": [0.6, None]})
    figure = figures.network_measures(metrics)
    assert len(figure.data) == 2
    assert list(figure.data[1].text) == ["0.60", "n/a"]
    assert figure.data[0].marker.color[0] != figure.data[0].marker.color[1]


def test_bridges_dot_matrix_escapes_names():
    rows = pd.DataFrame({"organisation": [INJECTED, INJECTED, "University of Leeds"], "sector": ["third"] * 2
                         + ["academic"], "region": ["Yorkshire", "UK-wide", "Yorkshire"], "partnerships": [1, 2, 1]})
    figure = figures.bridges(rows)
    third = next(trace for trace in figure.data if trace.name == "third")
    assert all("<script>" not in label for label in third.y)
    assert third.y[0].startswith("&lt;b&gt;Bold")
    assert isinstance(third, go.Scatter) and third.mode == "markers"


def test_founded_per_year_groups_by_region_and_notes_undated():
    founded = pd.DataFrame({"region": ["Yorkshire", "Yorkshire", "NI"], "year": pd.array([2014, None, 2024],
                                                                                       dtype="Int64"),
                            "partnerships": [1, 2, 1]})
    figure = figures.founded_per_year(founded)
    assert [trace.name for trace in figure.data] == ["Yorkshire", "NI"]
    assert list(figure.data[0].x) == [2014]
    assert "2 partnerships without a founding date not shown" in figure.layout.xaxis.title.text


def test_region_colours_follow_the_chosen_order():
    colours = figures.region_colours(pd.Series(["NI", "Yorkshire", "NI"]))
    assert list(colours) == ["NI", "Yorkshire"] and colours["NI"] == theme.OKABE_ITO[0]
    assert "#F0E442" not in figures.region_colours(pd.Series([str(i) for i in range(6)])).values()
