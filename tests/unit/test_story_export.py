"""The offline HTML export of a storyboard: every slide, inline plotly.js, nothing from a network."""

import re
from datetime import date

import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs

from lpipdata import db, stories, story_export
from lpipdata.config import PROJECT_ROOT
from lpipdata.filters import Filters
from lpipdata.queries.home import region_names
from lpipdata.schema import load_schema

EXAMPLE = PROJECT_ROOT / "data" / "stories" / "four-lpips.toml"
REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", re.IGNORECASE)


def small_story() -> stories.Story:
    return stories.Story("talk", "A <b>talk</b>", "About & around", (
        stories.Slide("network", "First <script>alert(1)</script>", "Caption one", "Say this",
                      Filters(regions=("yh",)), (("mode", "projection"),)),
        stories.Slide("home", "Second", "Caption two"),
    ))


def bar(text: str) -> go.Figure:
    return go.Figure(go.Bar(x=["a", "b"], y=[1, 2], text=[text, "ok"]))


@pytest.fixture(scope="module")
def small_html() -> str:
    return story_export.story_html(small_story(), [[bar("</script><b>x</b>")], []], date(2026, 1, 31))


def test_every_slide_is_a_section_in_order_with_its_counter(small_html):
    sections = re.findall(r'<section class="slide" id="slide-(\d)".*?<h2>(.*?)</h2>.*?Slide (\d) of 2', small_html)
    assert sections == [("1", "First &lt;script&gt;alert(1)&lt;/script&gt;", "1"), ("2", "Second", "2")]
    assert "<title>A &lt;b&gt;talk&lt;/b&gt;</title>" in small_html and "About &amp; around" in small_html


def test_plotly_js_is_inlined_once_and_nothing_is_loaded_from_a_network(small_html):
    assert small_html.count(get_plotlyjs()[:500]) == 1
    assert not REMOTE_SCRIPT.search(small_html)
    ours = small_html.replace(get_plotlyjs(), "")  # plotly.js itself mentions its CDN in unused code paths
    assert "cdn.plot.ly" not in ours and "<link" not in ours and "http" not in ours


def test_text_from_the_story_and_the_figures_never_becomes_markup(small_html):
    assert "<script>alert(1)" not in small_html and "</script><b>x" not in small_html
    assert "Say this" in small_html  # presenter notes, folded in <details>


def test_a_slide_without_a_chart_says_so_and_keeps_its_deep_link(small_html):
    assert "This slide shows the home view, which has no chart in this export" in small_html
    assert "<code>/network?regions=yh&amp;mode=projection</code>" in small_html


def map_figure() -> go.Figure:
    square = {"type": "Polygon", "coordinates": [[[-2, 53], [-1, 53], [-1, 54], [-2, 54], [-2, 53]]]}
    geojson = {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "yh", "geometry": square},
                                                         {"type": "Feature", "id": "rw", "geometry": square}]}
    figure = go.Figure([
        go.Choroplethmap(geojson=geojson, locations=["yh", "rw"], z=[0, 10], zmin=0, zmax=10, colorscale="cividis",
                         text=["Yorkshire", "Wales"], marker={"line": {"color": "#5A5A5A", "width": 1}}),
        go.Scattermap(lat=[53.5], lon=[-1.5], mode="markers", marker={"size": 12, "color": "#E69F00"}, name="orgs"),
    ])
    return figure.update_layout(map={"center": {"lat": 54, "lon": -2}, "zoom": 5})


def test_maplibre_traces_are_redrawn_on_plain_axes_for_a_file_on_disk():
    redrawn = story_export.offline_figure(map_figure())
    kinds = [trace.type for trace in redrawn.data]
    assert "choroplethmap" not in kinds and "scattermap" not in kinds
    shapes = [t for t in redrawn.data if t.fill == "toself"]
    assert [s.fillcolor for s in shapes] == ["rgb(0, 34, 78)", "rgb(254, 232, 56)"]  # cividis at 0 and 10
    assert [s.text for s in shapes] == ["Yorkshire", "Wales"]
    assert any(t.marker.showscale for t in redrawn.data if t.type == "scatter")  # the colour bar survives
    points = next(t for t in redrawn.data if t.name == "orgs")
    assert points.y == (53.5,) and points.x[0] == pytest.approx(-1.5 * 0.5878, rel=1e-3)  # cos(54°)


def test_figures_without_maps_are_left_as_they_are():
    figure = bar("x")
    assert story_export.offline_figure(figure) is figure


@pytest.fixture(scope="module")
def tiny_export(tiny_db):
    con = db.connect(tiny_db)
    try:
        vocab = stories.vocabulary(load_schema(), region_names(con))
        story = stories.load_story(EXAMPLE, vocab)
        yield story, [story_export.slide_figures(con, slide) for slide in story.slides]
    finally:
        con.close()


def test_the_example_story_has_figures_for_every_slide_on_the_tiny_database(tiny_export):
    story, figures = tiny_export
    counts = {slide.page: len(found) for slide, found in zip(story.slides, figures)}
    assert all(count >= 1 for count in counts.values()), counts
    assert all(f.layout.template.layout.font.size == 22 for found in figures for f in found)  # presentation type
    assert not [t.type for found in figures for f in found for t in f.data if t.type in story_export.MAP_TRACES]


def test_cli_export_writes_one_offline_file(tiny_db, tmp_path, capsys):
    out = tmp_path / "four-lpips.html"
    assert stories.main(["export", "four-lpips", "--out", str(out), "--db", str(tiny_db)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.count('<section class="slide"') == 7 and not REMOTE_SCRIPT.search(text)
    for title in ("The UK's LPIP places", "Yorkshire's partnership network", "Rural Wales"):
        assert title.replace("'", "&#x27;") in text
    assert "wrote" in capsys.readouterr().out


def test_cli_export_names_a_missing_story(tiny_db, tmp_path, capsys):
    assert stories.main(["export", "no-such-story", "--out", str(tmp_path / "x.html"), "--db", str(tiny_db)]) == 1
    assert "no storyboard 'no-such-story'" in capsys.readouterr().err
