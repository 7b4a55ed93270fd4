"""AppTest of the timeline against the tiny database, and of "as of" on the map and the network."""

from __future__ import annotations

import json
import re

import pytest

from lpipdata.build import build_database
from lpipdata.config import PROJECT_ROOT
from tests.app.conftest import run_app
from tests.conftest import copy_fixture_data

PAGE = "pages/timeline.py"
YPIP = "Yorkshire and the Humber Policy Innovation Partnership"


def assert_ok(app) -> None:
    assert not app.exception, [e.value for e in app.exception]


def chart(app) -> dict:
    charts = app.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def clicked_ids(spec: dict, kind: str) -> set[str]:
    return {c[1] for trace in spec["data"] for c in trace.get("customdata") or [] if c and c[0] == kind}


def captions(app) -> str:
    return "\n".join(c.value for c in app.caption)


def markdown(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def link_urls(app) -> list[str]:
    return [button.proto.url for button in app.get("link_button")]


def test_default_timeline_draws_every_dated_partnership_and_event_and_lists_the_undated_one(tiny_env):
    app = run_app(PAGE)
    assert_ok(app)
    assert app.title[0].value == "Timeline"
    assert "9 partnerships; 7 events" in captions(app)
    spec = chart(app)
    assert clicked_ids(spec, "partnership") == {"lpip", "ypip", "wyca-p", "leeds-climate", "rw-lpip",
                                                "stirling-lpip", "epic", "old-lep"}
    assert clicked_ids(spec, "event") == {"wyca-founded", "leeds-climate-founded", "phase2-award", "ypip-launch",
                                          "rw-launch", "epic-launch", "conf"}
    lanes = [a["text"] for a in spec["layout"]["annotations"] if a.get("name", "").startswith("lane ")]
    assert lanes == ["<b>UK</b>", "<b>NATION</b>", "<b>REGION</b>", "<b>CITY REGION</b>", "<b>SUB-REGIONAL</b>",
                     "<b>LOCAL</b>"]
    undated, partnerships, events = (frame.value for frame in app.dataframe)
    assert list(undated["Partnership"]) == ["Undated network"]
    assert len(partnerships) == 9 and len(events) == 7
    assert partnerships.set_index("Partnership").loc["Leeds Climate Commission", "Founded"] == "2017"
    assert [b.proto.label for b in app.get("download_button")] == ["Download CSV", "Download CSV"]
    assert "Click a bar or an event" in captions(app)


def test_as_of_draws_a_line_and_counts_what_was_active(tiny_env):
    app = run_app(PAGE, regions="yh", asof="2024-04-01")
    assert_ok(app)
    assert ("5 partnerships in Yorkshire and the Humber; 3 events; 3 of the partnerships active on 1 Apr 2024"
            in captions(app))
    spec = chart(app)
    assert [s["x0"] for s in spec["layout"]["shapes"] if s.get("name") == "as-of"] == ["2024-04-01"]
    partnerships = app.dataframe[1].value.set_index("Partnership")
    assert partnerships.loc["Old enterprise partnership", "Active on 2024-04-01"] == "no"
    assert partnerships.loc["West Yorkshire Combined Authority", "Active on 2024-04-01"] == "yes"


def test_a_linked_partnership_shows_its_details_and_source(tiny_env):
    app = run_app(PAGE, partnership="ypip")
    assert_ok(app)
    text = markdown(app)
    assert f"##### {YPIP}" in text and "Feb 2024 – Dec 2026" in text
    members, events = (frame.value for frame in app.dataframe[:2])
    assert members["Organisation"].iloc[0] == "University of Leeds" and members["Role"].iloc[0] == "lead"
    assert members.set_index("Role").loc["member", "Confidence"].tolist() == ["unverified", "sourced"]
    assert list(events["Event"]) == ["YPIP formally launched"] and list(events["Date"]) == ["Feb 2024"]
    assert "https://gtr.ukri.org/projects?ref=ES%2FZ50239X%2F1" in link_urls(app)
    assert any(b.label == "Clear selection" for b in app.button)


def test_a_linked_event_shows_its_details_and_source(tiny_env):
    app = run_app(PAGE, event="rw-launch")
    assert_ok(app)
    assert "##### Rural Wales LPIP launched at the Senedd" in markdown(app)
    assert "10 Jul 2024" in markdown(app)
    assert "https://wiserd.ac.uk/news/cymru-wledig-lpip-rural-wales-launched-at-the-senedd" in link_urls(app)
    show = next(b for b in app.button if b.label.startswith("Show "))
    show.click().run()
    assert_ok(app)
    assert app.query_params["partnership"] == "rw-lpip" and "event" not in app.query_params
    assert "##### Cymru Wledig LPIP Rural Wales" in markdown(app)


HOSTILE = "**Bold** <script>alert(1)</script> [x](javascript:alert(1)) =SUM(1)"


@pytest.fixture()
def hostile_env(tmp_path, monkeypatch):
    """The tiny data plus a partnership and an event whose text tries Markdown, HTML and a formula."""
    data = copy_fixture_data(tmp_path / "data")
    with (data / "partnerships.csv").open("a", encoding="utf-8") as rows:
        rows.write(f'hostile,"{HOSTILE}",,local,network,2020,,,yh,"{HOSTILE}",,brief,inferred,\n')
    with (data / "events.csv").open("a", encoding="utf-8") as rows:
        rows.write(f'hostile-event,2021-05,,"{HOSTILE}",launch,yh,hostile,,brief,unverified,\n')
    build_database(data, tmp_path / "lpip.duckdb", mode="public")
    monkeypatch.setenv("LPIP_DB", str(tmp_path / "lpip.duckdb"))
    monkeypatch.setenv("LPIP_MODE", "public")


def test_text_from_data_is_shown_literally_never_as_markup(hostile_env):
    app = run_app(PAGE, partnership="hostile")
    assert_ok(app)
    text = markdown(app)
    assert "\\*\\*Bold\\*\\* \\<script\\>" in text and "<script>" not in text and "](javascript" not in text
    assert "⚠ inferred" in captions(app)  # the confidence flag shows with the source line
    hover = " ".join(h for trace in chart(app)["data"] for h in trace.get("hovertext") or [])
    assert "&lt;script&gt;" in hover and "<script>" not in hover
    partnerships = app.dataframe[-2].value
    assert HOSTILE in set(partnerships["Partnership"])  # tables show text literally; the CSV neutralises it
    event = run_app(PAGE, event="hostile-event")
    assert_ok(event)
    assert "##### \\*\\*Bold\\*\\*" in markdown(event) and "⚠ unverified" in captions(event)


def test_an_unknown_event_in_the_link_is_reported_not_crashed_on(tiny_env):
    app = run_app(PAGE, event="no-such-event")
    assert_ok(app)
    assert any("unknown event" in w.value for w in app.warning)
    assert "Click a bar or an event" in captions(app)


def test_colour_by_theme_and_the_period_are_in_the_link(tiny_env):
    app = run_app(PAGE, colour="theme", **{"from": "2024", "to": "2024"})
    assert_ok(app)
    spec = chart(app)
    assert {"inclusive growth", "water", "rural economy"} <= {t["name"] for t in spec["data"]}
    assert spec["layout"]["xaxis"]["range"] == ["2024-01-01", "2024-12-31"]
    assert app.radio[0].value == "theme"


def test_no_match_says_so(tiny_env):
    app = run_app(PAGE, regions="rw", themes="water")
    assert_ok(app)
    assert "No partnership or event matches these filters" in app.info[0].value
    assert not app.get("plotly_chart")


# --- "as of" drives the map and the network --------------------------------------------------------


def partnership_count(app) -> int:
    """The number of partnerships the page's filter sentence reports."""
    counts = [int(m.group(1)) for c in app.caption for m in [re.search(r"(\d+) partnerships?\b", c.value)] if m]
    assert counts, [c.value for c in app.caption]
    return counts[0]


def chart_data(app) -> list:
    return [json.loads(chart.proto.spec)["data"] for chart in app.get("plotly_chart")]


@pytest.mark.parametrize("page", ["pages/map.py", "pages/network.py"])
def test_as_of_changes_what_the_map_and_network_show(tiny_env, page):
    if not (PROJECT_ROOT / page).exists():
        pytest.skip(f"{page} does not exist yet")
    everything, on_the_day = run_app(page), run_app(page, asof="2024-04-01")
    assert_ok(everything)
    assert_ok(on_the_day)
    assert "active on 1 Apr 2024" in captions(on_the_day) and "active on" not in captions(everything)
    # Six partnerships were active that day (the LEP had ended, Rural Wales LPIP and the undated one drop out).
    assert partnership_count(on_the_day) == 6 < partnership_count(everything)
    assert chart_data(on_the_day) != chart_data(everything)


def test_presenting_draws_the_chart_for_a_slide_with_no_controls_above_it(tiny_env):
    app = run_app(page=PAGE, regions="yh", colour="theme", present="1")
    assert_ok(app)
    assert not app.radio  # "colour bars by" comes from the URL on a slide
    assert not any("swimlanes by scale" in m.value for m in app.markdown)  # no introduction above the stage
    spec = chart(app)
    assert spec["layout"]["legend"]["orientation"] == "v"
    assert "net zero" in {trace.get("name") for trace in spec["data"]}  # coloured by theme, as the URL says
    assert any("partnerships in Yorkshire and the Humber" in c.value for c in app.caption)  # below the chart
