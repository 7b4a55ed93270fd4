"""The timeline's queries, and the "as of" filter that the map and the network follow, on the tiny database."""

from __future__ import annotations

from datetime import date

import pytest

from lpipdata import db
from lpipdata.build import build_database
from lpipdata.db import run
from lpipdata.filters import Filters
from lpipdata.queries import timeline as q
from tests.conftest import copy_fixture_data

ALL_PARTNERSHIPS = {"lpip", "ypip", "wyca-p", "leeds-climate", "rw-lpip", "stirling-lpip", "epic", "old-lep",
                    "undated"}


@pytest.fixture(scope="module")
def con_with_loose_event(tmp_path_factory):
    """The tiny data plus one event tied to no partnership (a national white paper)."""
    data = copy_fixture_data(tmp_path_factory.mktemp("timeline") / "data")
    with (data / "events.csv").open("a", encoding="utf-8") as events:
        events.write("white-paper,2022-02-02,,Levelling Up White Paper published,publication,uk,,,"
                     "ukri-2024,sourced,\n")
    out = data.parent / "lpip.duckdb"
    build_database(data, out, mode="public")
    connection = db.connect(out)
    yield connection
    connection.close()


def ids(frame, column: str = "partnership_id") -> list[str]:
    return list(frame[column])


def test_bars_list_every_partnership_earliest_founded_first_and_undated_last(con):
    bars = q.partnership_bars(con, Filters())
    assert set(ids(bars)) == ALL_PARTNERSHIPS
    assert ids(bars)[:3] == ["old-lep", "wyca-p", "leeds-climate"] and ids(bars)[-1] == "undated"
    ypip = bars.set_index("partnership_id").loc["ypip"]
    assert (ypip["founded"], ypip["ended"]) == ("2024-02", "2026-12")  # the source's precision, as text
    assert (ypip["founded_first"].date(), ypip["founded_last"].date()) == (date(2024, 2, 1), date(2024, 2, 29))
    assert ypip["themes"] == "inclusive growth, net zero" and ypip["primary_theme"] == "inclusive growth"
    assert ypip["source_url"].startswith("https://gtr.ukri.org/")
    assert ypip["region_name"] == "Yorkshire and the Humber"


def test_as_of_flags_rather_than_drops_so_the_timeline_keeps_its_history(con):
    bars = q.partnership_bars(con, Filters(as_of=date(2014, 4, 1))).set_index("partnership_id")
    assert set(bars.index) == ALL_PARTNERSHIPS
    active = set(bars.index[bars["active_on_as_of"].astype(bool)])
    assert active == {"wyca-p", "old-lep"}  # WYCA on its founding day; the LEP founded in 2011
    assert q.partnership_bars(con, Filters())["active_on_as_of"].isna().all()


@pytest.mark.parametrize("filters,expected", [
    (Filters(regions=("yh",)), {"ypip", "wyca-p", "leeds-climate", "old-lep", "undated"}),
    (Filters(scales=("region",)), {"ypip", "rw-lpip", "stirling-lpip"}),
    (Filters(themes=("net zero",)), {"ypip", "leeds-climate"}),
    (Filters(sectors=("private",)), {"leeds-climate"}),  # Yorkshire Water is its private-sector member
    (Filters(year_to=2012), {"old-lep", "undated"}),
])
def test_bars_follow_the_shared_filters(con, filters, expected):
    assert set(ids(q.partnership_bars(con, filters))) == expected


def test_events_follow_region_and_period_in_date_order(con):
    assert ids(q.timeline_events(con, Filters(regions=("yh",))), "event_id") == [
        "wyca-founded", "leeds-climate-founded", "ypip-launch"]
    assert ids(q.timeline_events(con, Filters(year_from=2024, year_to=2024)), "event_id") == [
        "ypip-launch", "phase2-award", "epic-launch", "rw-launch", "conf"]  # Feb 2024 sorts by its first day
    event = q.timeline_events(con, Filters()).set_index("event_id").loc["leeds-climate-founded"]
    assert (event["date"], event["date_first"].date(), event["date_last"].date()) == (
        "2017", date(2017, 1, 1), date(2017, 12, 31))


def test_events_follow_their_partnership_through_theme_and_scale_filters(con):
    assert ids(q.timeline_events(con, Filters(themes=("water",))), "event_id") == []
    assert ids(q.timeline_events(con, Filters(scales=("UK",))), "event_id") == ["phase2-award", "conf"]


def test_an_event_tied_to_no_partnership_shows_until_a_partnership_filter_is_chosen(con_with_loose_event):
    assert "white-paper" in ids(q.timeline_events(con_with_loose_event, Filters()), "event_id")
    assert "white-paper" in ids(q.timeline_events(con_with_loose_event, Filters(regions=("uk",))), "event_id")
    for narrowed in (Filters(scales=("UK",)), Filters(themes=("net zero",)), Filters(sectors=("public",))):
        assert "white-paper" not in ids(q.timeline_events(con_with_loose_event, narrowed), "event_id")


def test_details_by_id_ignore_filters_and_are_empty_for_unknown_ids(con):
    assert q.partnership_detail(con, "old-lep").iloc[0]["ended"] == "2024-03"
    assert q.partnership_detail(con, "nothing").empty and q.event_detail(con, "nothing").empty
    event = q.event_detail(con, "rw-launch").iloc[0]
    assert (event["title"], event["partnership_name"]) == ("Rural Wales LPIP launched at the Senedd",
                                                           "Cymru Wledig LPIP Rural Wales")
    assert ids(q.partnership_events(con, "ypip"), "event_id") == ["ypip-launch"]
    assert ids(q.partnership_members(con, "ypip"), "org_id")[0] == "uni-leeds"  # the lead first
    assert "conf" in q.event_ids(con) and len(q.event_ids(con)) == 7


# --- "as of" in the shared filter macros: what the map and the network show -------------------------

ACTIVE_PARTNERSHIPS = """SELECT partnership_id FROM filtered_partnerships(
    $regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[], $year_from, $year_to, $as_of::DATE)"""
ACTIVE_MEMBERSHIPS = """SELECT partnership_id, org_id FROM filtered_memberships($regions::VARCHAR[],
    $themes::VARCHAR[], $scales::VARCHAR[], $sectors::VARCHAR[], $year_from, $year_to, $as_of::DATE)"""


def active(con, on: date | None) -> set[str]:
    return set(run(con, ACTIVE_PARTNERSHIPS, Filters(as_of=on).sql_params())["partnership_id"])


@pytest.mark.parametrize("on,partnership,is_active", [
    (date(2014, 4, 1), "wyca-p", True),        # founding day (day precision)
    (date(2014, 3, 31), "wyca-p", False),      # the day before it
    (date(2024, 3, 31), "old-lep", True),      # ended "2024-03": active to the month's last day
    (date(2024, 4, 1), "old-lep", False),
    (date(2017, 1, 1), "leeds-climate", True),  # founded "2017": counted from its first possible day
    (date(2099, 1, 1), "lpip", True),          # open-ended
    (date(2099, 1, 1), "undated", False),      # an unknown start is never counted as active
])
def test_active_on_edges_in_the_filter_macro(con, on, partnership, is_active):
    assert (partnership in active(con, on)) is is_active


def test_as_of_changes_the_partnerships_and_memberships_the_map_and_network_show(con):
    assert active(con, None) == ALL_PARTNERSHIPS
    assert active(con, date(2014, 4, 1)) == {"wyca-p", "old-lep"}
    assert active(con, date(2024, 4, 1)) == {"wyca-p", "leeds-climate", "lpip", "ypip", "stirling-lpip", "epic"}
    everyone = set(map(tuple, run(con, ACTIVE_MEMBERSHIPS, Filters().sql_params()).to_numpy()))
    in_2020 = set(map(tuple, run(con, ACTIVE_MEMBERSHIPS, Filters(as_of=date(2020, 1, 1)).sql_params()).to_numpy()))
    assert in_2020 < everyone
    assert ("old-lep", "leeds-cc") in in_2020  # since 2011, until 2024-03
    assert ("wyca-p", "leeds-cc") in in_2020  # since 2014-04
    assert not {p for p, _ in in_2020} & {"ypip", "lpip", "epic"}  # founded later
    in_2024 = set(map(tuple, run(con, ACTIVE_MEMBERSHIPS, Filters(as_of=date(2024, 4, 1)).sql_params()).to_numpy()))
    assert ("old-lep", "leeds-cc") not in in_2024 and ("ypip", "uni-leeds") in in_2024
