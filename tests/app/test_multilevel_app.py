"""AppTest of the Multilevel page against the tiny database: the ladder, a clicked link's and a
clicked partnership's panel, the time control, words instead of an empty ladder, presentation."""

from __future__ import annotations

import json

import pytest
from streamlit.runtime.pages_manager import PagesManager

from tests.app.conftest import run_app

PAGE = "pages/multilevel.py"


@pytest.fixture(autouse=True)
def entry_script_runs(monkeypatch):
    """Run dashboard.py around the page, as `streamlit run` does (see tests/app/test_present_app.py)."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def assert_ok(app) -> None:
    assert not app.exception, [e.value for e in app.exception]


def ladder(app) -> dict:
    charts = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    return next(c for c in charts if any(t.get("name") == "shared members (link)" for t in c["data"]))


def clickable(spec: dict, kind: str) -> list[list[str]]:
    return [c for trace in spec["data"] for c in trace.get("customdata") or [] if c and c[0] == kind]


def texts(app) -> str:
    return "\n".join([m.value for m in app.markdown] + [c.value for c in app.caption] + [i.value for i in app.info])


def test_the_ladder_of_yorkshire_with_its_links_and_measures(tiny_env):
    app = run_app(PAGE, regions="yh")
    assert_ok(app)
    spec = ladder(app)
    assert {c[1] for c in clickable(spec, "partnership")} == {"ypip", "wyca-p", "leeds-climate", "old-lep", "undated"}
    assert sorted(c[1:] for c in clickable(spec, "link")) == [
        ["leeds-climate", "old-lep"], ["leeds-climate", "wyca-p"], ["leeds-climate", "ypip"], ["old-lep", "wyca-p"]]
    words = texts(app)
    assert "5 partnerships on 5 levels in 1 region, 4 cross-level links recorded." in words
    assert "2 of 3 local and sub-regional partnerships (67%) are connected upward" in words
    assert "no link upward from neighbourhood, city-region" in words
    assert [h.value for h in app.header] == ["Vertical integration", "Tables"]
    time_buttons = [b.label for b in app.button if b.key and b.key.startswith("multilevel_time")]
    assert time_buttons == ["Play", "Earlier", "Later"]
    assert app.button(key="multilevel_time_previous").disabled  # "All dates" is the start


def test_a_link_in_the_url_opens_its_shared_members_with_their_sources(tiny_env):
    app = run_app(PAGE, regions="yh", link="leeds-climate~ypip")
    assert_ok(app)
    words = texts(app)
    assert "##### Leeds Climate Commission ↔ Yorkshire and the Humber Policy Innovation Partnership" in words
    assert "**1 shared member**" in words
    assert "**University of Leeds**" in words and "[source ↗](https://gtr.ukri.org/" in words
    spec = ladder(app)
    assert any(t.get("name") == "selected links" for t in spec["data"])
    app.button(key="multilevel_clear").click().run()
    assert "link" not in app.query_params and app.query_params["regions"] == "yh"


def test_a_selected_partnership_lists_its_members_escaped_and_its_links(tiny_env):
    app = run_app(PAGE, regions="yh", partnership="ypip")
    assert_ok(app)
    words = texts(app)
    assert "##### Yorkshire and the Humber Policy Innovation Partnership" in words
    assert "**Members (4)**" in words and "**Cross-level links (1)**" in words
    assert "<script>" not in words and "\\<script\\>" in words  # the injection test organisation, escaped
    assert any(link.label == "Its members in the network" for link in app.get("page_link"))


def test_play_starts_at_the_first_year_and_the_buttons_step_through_the_years(tiny_env):
    app = run_app(PAGE, regions="yh")
    app.button(key="multilevel_time_play").click().run()
    assert_ok(app)
    assert (app.query_params["asof"], app.query_params["play"]) == ("2011-12-31", "1")
    assert app.button(key="multilevel_time_pause").label == "Pause"
    assert "The measures and tables follow when playback is paused." in texts(app)
    # in 2011 only the LEP exists: one level, so words and no ladder
    assert "has partnerships at one level only on 31 Dec 2011" in texts(app)
    app.button(key="multilevel_time_pause").click().run()
    assert "play" not in app.query_params and app.query_params["asof"] == "2011-12-31"
    app.button(key="multilevel_time_next").click().run()
    assert app.query_params["asof"] == "2014-12-31"
    assert {c[1] for c in clickable(ladder(app), "partnership")} == {"old-lep", "wyca-p"}
    app.button(key="multilevel_time_previous").click().run()
    assert app.query_params["asof"] == "2011-12-31"


def test_the_year_slider_offers_every_year_with_a_change(tiny_env):
    app = run_app(PAGE, regions="yh", asof="2020-06-30")
    assert_ok(app)
    slider = app.select_slider[0]
    assert slider.options == ["All dates", "2011", "2014", "2017", "30 Jun 2020", "2024"]
    assert slider.value == "2020-06-30"
    slider.set_value("2017-12-31").run()
    assert app.query_params["asof"] == "2017-12-31"


def test_a_region_on_one_level_says_so_instead_of_drawing_an_empty_ladder(tiny_env):
    app = run_app(PAGE, regions="rw")
    assert_ok(app)
    assert any(i.value.startswith("Rural Wales has partnerships at one level only") for i in app.info)
    assert all("shared members (link)" not in c.proto.spec for c in app.get("plotly_chart"))
    assert app.dataframe[0].value["Partnership"].tolist() == ["Cymru Wledig LPIP Rural Wales"]


def test_playback_over_a_range_with_no_data_says_so(tiny_env):
    app = run_app(PAGE, regions="yh", **{"from": "1990", "to": "2005"})
    assert_ok(app)
    assert any("no years to play" in i.value for i in app.info)


def test_presentation_mode_keeps_the_time_control_beside_the_ladder(tiny_env):
    app = run_app(PAGE, regions="yh", present="1")
    assert_ok(app)
    assert app.button(key="multilevel_time_play").label == "Play"
    ladder(app)
    assert app.button(key="present_exit").label == "Exit presentation"


def test_a_malformed_link_is_ignored_with_the_page_drawn(tiny_env):
    app = run_app(PAGE, regions="yh", link="not a link")
    assert_ok(app)
    assert "Click a point for a partnership's members" in texts(app)


@pytest.mark.parametrize("page, key", [("pages/network.py", "network_time"), ("pages/map.py", "map_time")])
def test_the_network_and_the_map_play_the_same_years(tiny_env, page, key):
    app = run_app(page, regions="yh")
    assert_ok(app)
    app.button(key=f"{key}_play").click().run()
    assert_ok(app)
    assert (app.query_params["asof"], app.query_params["play"]) == ("2011-12-31", "1")
    app.button(key=f"{key}_pause").click().run()
    app.button(key=f"{key}_next").click().run()
    assert app.query_params["asof"] == "2014-12-31" and "play" not in app.query_params
