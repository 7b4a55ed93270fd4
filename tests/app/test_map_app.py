"""AppTest of the map page against the tiny database (with boundaries, and built without them)."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from lpipdata.build import build_database
from lpipdata.figures.map import ATTRIBUTION
from tests.app.conftest import run_app
from tests.conftest import geo_dir
from ui import nav

PAGE = "pages/map.py"
needs_geo = pytest.mark.skipif(geo_dir() is None, reason="no boundary files (../shared/geo or LPIP_GEO_DIR)")


def chart(app) -> dict:
    charts = app.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def traces(spec: dict, meta: str) -> list[dict]:
    return [t for t in spec["data"] if t.get("meta") == meta]


def values(data) -> list:
    """A data array from the figure JSON: plotly sends numeric arrays base64-encoded ({dtype, bdata})."""
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)


def captions(app) -> str:
    return "\n".join(c.value for c in app.caption)


def assert_ok(app) -> None:
    assert not app.exception, [e.value for e in app.exception]


@needs_geo
def test_default_map_shows_regions_points_attribution_and_tables(tiny_env):
    app = run_app(PAGE)
    assert_ok(app)
    assert app.title[0].value == "Map"
    assert "9 partnerships · 15 organisations" in captions(app)
    assert ATTRIBUTION in captions(app)
    spec = chart(app)
    assert spec["layout"]["map"]["style"] == "white-bg"
    regions = traces(spec, "regions")[0]
    assert set(regions["locations"]) == {"yh", "rw", "forth", "ni", "swc", "ldn", "wm"}
    assert len(regions["geojson"]["features"]) == 7
    assert [t["meta"] for t in spec["data"] if t["meta"].startswith("layer-")] == ["layer-itl1"]
    markers = traces(spec, "region-markers")[0]
    assert ["region", "yh"] in markers["customdata"]
    assert "Colour: the number of partnerships" in captions(app)
    assert "UK-wide – hub, whole UK, 1 partnership" in captions(app)
    assert "2 of the organisations based in the regions shown have no sourced place, so they are in the table only." in captions(app)
    assert "Click a region's white marker" in app.info[0].value
    tables = app.dataframe
    assert len(tables) == 2
    regions_table, orgs_table = tables[0].value, tables[1].value
    assert regions_table.set_index("region_id").loc["yh", "partnerships"] == 5
    assert {"lat", "lon", "source"} <= set(orgs_table.columns) and len(orgs_table) == 15
    assert len(app.get("download_button")) == 2


@needs_geo
def test_region_in_the_url_opens_its_details(tiny_env):
    app = run_app(PAGE, region="yh")
    assert_ok(app)
    assert "Yorkshire and the Humber" in [s.value for s in app.subheader]
    text = "\n".join(m.value for m in app.markdown)
    assert "Lead organisation: University of Leeds" in text
    assert "**5** partnerships and **6** organisations" in text
    assert "Retrofit of older housing (net zero)" in text
    partnerships = [d.value for d in app.dataframe if "founded" in d.value.columns][0]
    assert set(partnerships["name"]) >= {"Yorkshire and the Humber Policy Innovation Partnership",
                                         "Leeds Climate Commission"}
    spec = chart(app)
    assert traces(spec, "selected-region")[0]["locations"] == ["yh"]
    assert app.query_params["region"] in ("yh", ["yh"])
    links = [link.proto for link in app.get("page_link")]
    if nav.spec("region"):  # the profile link appears once the region page exists
        assert [(link.label, link.query_string) for link in links] == [("Open region profile", "region=yh")]
    else:
        assert not links


def test_organisation_in_the_url_opens_its_details(tiny_env):
    app = run_app(PAGE, org="uni-leeds")
    assert_ok(app)
    assert "University of Leeds" in [s.value for s in app.subheader]
    text = "\n".join(m.value for m in app.markdown)
    assert "University · academic sector" in text
    assert "Based in Yorkshire and the Humber: Leeds (location inferred)" in text
    memberships = [d.value for d in app.dataframe if "role" in d.value.columns][0]
    assert sorted(memberships["role"]) == ["lead", "partner", "secretariat"]
    assert traces(chart(app), "org-selected")[0]["customdata"] == [["org", "uni-leeds"]]


def test_unknown_organisation_is_a_warning_not_an_error(tiny_env):
    app = run_app(PAGE, org="no-such-org")
    assert_ok(app)
    assert any("not in this database" in w.value for w in app.warning)


def test_text_from_data_is_escaped_in_the_details_panel(tiny_env):
    app = run_app(PAGE, org="inject")
    assert_ok(app)
    heading = [s.value for s in app.subheader if "Bold" in s.value][0]
    assert "<b>" not in heading and "\\<b\\>" in heading
    hover = " ".join(" ".join(t.get("text") or []) for t in chart(app)["data"])
    assert "<script>" not in hover  # it has no coordinates, so it is not drawn; the hover escaping is unit-tested


def test_choosing_a_region_in_the_panel_selects_it_in_the_url(tiny_env):
    app = run_app(PAGE)
    app.selectbox(key="w_map_region").set_value("rw").run()
    assert_ok(app)
    assert app.query_params["region"] in ("rw", ["rw"])
    assert "Rural Wales" in [s.value for s in app.subheader]
    app.button(key="map_clear_selection").click().run()
    assert_ok(app)
    assert "region" not in app.query_params
    hint = "a region's white marker, or an organisation's point," if geo_dir() else "an organisation's point"
    assert f"Click {hint} to see its details here." in [i.value for i in app.info]  # the panel is back to its hint


@needs_geo
def test_view_options_come_from_the_url(tiny_env):
    app = run_app(PAGE, measure="emphasis", emphasis="water", layers="itl1,lad,cauth", colour="org_type",
                  size="memberships", basemap="carto-positron")
    assert_ok(app)
    spec = chart(app)
    regions = traces(spec, "regions")[0]
    assert regions["colorbar"]["title"]["text"] == "Issue links: water"
    assert dict(zip(regions["locations"], values(regions["z"])))["forth"] == 2
    assert [t["meta"] for t in spec["data"] if t["meta"].startswith("layer-")] == ["layer-itl1", "layer-lad",
                                                                                     "layer-cauth"]
    assert any(t["meta"] == "org-org_type-university" for t in spec["data"])
    assert spec["layout"]["map"]["style"] == "carto-positron"
    assert "issue emphasis on water" in captions(app)
    assert "OpenStreetMap" in captions(app)
    assert "issue links: water" in app.dataframe[0].value.columns


@needs_geo
def test_no_layers_and_bad_options_fall_back(tiny_env):
    app = run_app(PAGE, layers="none", measure="bogus")
    assert_ok(app)
    assert any("unknown measure 'bogus' ignored" in w.value for w in app.warning)
    spec = chart(app)
    assert not [t for t in spec["data"] if t["meta"].startswith("layer-")]
    assert traces(spec, "regions")[0]["colorbar"]["title"]["text"] == "Partnerships"


@needs_geo
def test_shared_filters_apply_and_are_described(tiny_env):
    app = run_app(PAGE, themes="water")
    assert_ok(app)
    assert "1 partnership on water · 2 organisations" in captions(app)
    regions = traces(chart(app), "regions")[0]
    assert dict(zip(regions["locations"], values(regions["z"]))) == {"yh": 0, "ni": 0, "rw": 0, "swc": 0, "forth": 1,
                                                              "ldn": 0, "wm": 0}


def test_nothing_matching_says_so(tiny_env):
    app = run_app(PAGE, themes="housing")
    assert_ok(app)
    assert any("Nothing matches these filters" in i.value for i in app.info)
    assert ATTRIBUTION in captions(app)


@pytest.fixture()
def no_geo_env(tiny_data_dir, tmp_path, monkeypatch):
    out = tmp_path / "nogeo.duckdb"
    build_database(tiny_data_dir, out, mode="public", geo_dir=None)
    empty = tmp_path / "geo"
    empty.mkdir()
    monkeypatch.setenv("LPIP_DB", str(out))
    monkeypatch.setenv("LPIP_GEO_DIR", str(empty))
    monkeypatch.setenv("LPIP_MODE", "public")
    return out


def test_without_boundaries_the_page_shows_points_and_how_to_add_boundaries(no_geo_env):
    app = run_app(PAGE, layers="itl1,lad")
    assert_ok(app)
    notice = " ".join(i.value for i in app.info)
    assert "python -m lpipdata geo fetch" in notice and "LPIP_GEO_DIR" in notice
    assert "python -m lpipdata build" in notice
    assert ATTRIBUTION in captions(app)
    assert any(i.value == "Click an organisation's point to see its details here." for i in app.info)
    spec = chart(app)
    assert {t["type"] for t in spec["data"]} == {"scattermap"}
    assert all(t["meta"].startswith("org-") for t in spec["data"])
    assert not app.get("pills")  # no layer toggles without layers
    assert len(app.dataframe[0].value) == 9  # every region is still in the table
    app = run_app(PAGE, region="yh")
    assert_ok(app)
    assert "Yorkshire and the Humber" in [s.value for s in app.subheader]
