"""AppTest of the region profile against the tiny database."""

from __future__ import annotations

from lpipdata.build import build_database
from tests.app.conftest import run_app
from tests.conftest import geo_dir

PAGE = "pages/region.py"
SECTIONS = ["Summary and LPIP facts", "Map", "Partnerships by scale", "Key organisations", "Issues", "Timeline",
            "Network excerpt", "Sources used"]


def markdown_text(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def table_with(app, column: str):
    return next(t.value for t in app.dataframe if column in t.value.columns)


def test_profile_shows_facts_partnerships_organisations_and_sources(tiny_env):
    app = run_app(page=PAGE, region="yh")
    assert not app.exception
    assert app.title[0].value == "Yorkshire and the Humber"
    assert [h.value for h in app.header] == SECTIONS
    text = markdown_text(app)
    assert "**Lead organisation**: University of Leeds" in text
    assert "**Funding**: £5m" in text
    assert "**Core themes**: net zero, inclusive growth" in text
    assert "1. **Leeds City Council**, local authority (public): 3 partnerships" in text
    assert any(c.value == "5 partnerships in Yorkshire and the Humber" for c in app.caption)
    founded = dict(zip(app.dataframe[3].value["Partnership"], app.dataframe[3].value["Founded"]))
    assert founded == {"West Yorkshire Combined Authority": "1 Apr 2014"}  # the city-region group
    sources = table_with(app, "Cited by")
    assert set(sources["Title"]) == {"GtR record for YPIP", "Project brief"}
    assert len(app.get("plotly_chart")) == (3 if geo_dir() else 2)
    labels = [b.label for b in app.get("download_button")]
    assert "Download brief (HTML)" in labels and labels.count("Download CSV") == 5


def test_injection_name_is_escaped_in_markdown_and_flagged(tiny_env):
    app = run_app(page=PAGE, region="yh")
    line = next(m.value for m in app.markdown if "Bold" in m.value)
    assert "\\<b\\>Bold\\</b\\>\\<script\\>alert\\(1\\)\\</script\\> \\[click me\\]\\(https" in line
    assert "\u2060" in line  # safe.escape_markdown breaks the bare URL so it cannot become a link
    assert "⚠ unverified" in line
    organisations = table_with(app, "Organisation")
    assert "<b>Bold</b><script>alert(1)</script> [click me](https://example.com) =SUM(1)" in set(
        organisations["Organisation"])


def test_without_a_region_the_page_offers_a_picker(tiny_env):
    app = run_app(page=PAGE)
    assert not app.exception
    assert app.title[0].value == "Region profile"
    assert "Choose a region" in app.info[0].value
    assert app.selectbox[0].label == "Region" and app.selectbox[0].value is None
    app.selectbox[0].select("rw").run()
    assert app.title[0].value == "Rural Wales"
    assert app.query_params["region"] == "rw"


def test_unknown_region_warns_and_falls_back_to_the_picker(tiny_env):
    app = run_app(page=PAGE, region="atlantis")
    assert not app.exception
    assert "unknown region 'atlantis'" in app.warning[0].value
    assert "Choose a region" in app.info[0].value


def test_filters_that_match_nothing_say_so(tiny_env):
    app = run_app(page=PAGE, region="yh", themes="water")
    assert not app.exception
    infos = [i.value for i in app.info]
    assert any("No partnerships in this region match the filters" in i for i in infos)
    assert any("No issues are recorded" in i for i in infos)
    assert app.title[0].value == "Yorkshire and the Humber"


def test_scale_filter_narrows_the_profile(tiny_env):
    app = run_app(page=PAGE, region="yh", scales="region")
    assert any(c.value == "1 partnership at region scale in Yorkshire and the Humber" for c in app.caption)
    assert "**Region** · 1 partnership" in markdown_text(app)
    assert "**Local**" not in markdown_text(app)


def test_map_note_when_built_without_boundaries(tiny_data_dir, tmp_path, monkeypatch):
    out = tmp_path / "plain.duckdb"
    build_database(tiny_data_dir, out, mode="public", geo_dir=None)
    monkeypatch.setenv("LPIP_DB", str(out))
    app = run_app(page=PAGE, region="ni")
    assert not app.exception
    assert any("built without boundary files" in i.value for i in app.info)
    assert len(app.get("plotly_chart")) == 2
