"""The multilevel read models and measures on the tiny database, against values computed by hand.

The tiny data (public build) has these cross-level ties, each through one organisation:
University of Leeds in Leeds Climate Commission (local), YPIP (region) and LPIP (UK); Leeds City
Council in Leeds Climate Commission, the old LEP (sub-regional) and WYCA (city-region); Aberystwyth,
Stirling and Ulster universities in their LPIP and in LPIP (UK). The undated neighbourhood network
has no member. Nine links in all, each of weight 1.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lpipdata.filters import Filters
from lpipdata.multilevel import ladder, measures, playback
from lpipdata.multilevel import view as ml
from lpipdata.queries import multilevel as q

TODAY = date(2026, 6, 30)  # fixed, so that an end date in 2026 does not move the expected steps
ALL_LINKS = {("leeds-climate", "ypip"), ("leeds-climate", "lpip"), ("ypip", "lpip"), ("rw-lpip", "lpip"),
             ("stirling-lpip", "lpip"), ("epic", "lpip"), ("leeds-climate", "old-lep"), ("leeds-climate", "wyca-p"),
             ("old-lep", "wyca-p")}


def pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(frame["lower_id"], frame["upper_id"]))


def scope(view: ml.StepView, scope_id: str) -> pd.Series:
    return view.scopes.set_index("scope_id").loc[scope_id]


def test_levels_are_the_schemas_scales_in_order(con):
    levels = q.levels(con)
    assert list(levels["scale"]) == ["neighbourhood", "local", "sub-regional", "city-region", "region", "nation", "UK"]
    assert list(levels["level"]) == [1, 2, 3, 4, 5, 6, 7]


def test_partnerships_carry_their_level_whatever_their_dates(con):
    frame = q.partnerships(con, Filters(regions=("yh",), as_of=date(2000, 1, 1))).set_index("partnership_id")
    assert set(frame.index) == {"ypip", "wyca-p", "leeds-climate", "old-lep", "undated"}
    assert frame.loc["undated", "level"] == 1 and frame.loc["ypip", "level"] == 5


def test_all_time_ties_are_the_nine_hand_counted_links(con):
    ties = q.ties_on(con, Filters(), (None,))
    assert pairs(ties) == ALL_LINKS
    links = ladder.links(ties)
    assert set(links["weight"]) == {1}
    shared = links.set_index(["lower_id", "upper_id"])
    assert shared.loc[("leeds-climate", "ypip"), "org_names"] == ("University of Leeds",)
    assert shared.loc[("old-lep", "wyca-p"), "org_names"] == ("Leeds City Council",)


def test_ties_on_a_day_follow_founding_ending_and_membership_dates(con):
    ties = q.ties_on(con, Filters(), (date(2020, 12, 31), date(2024, 12, 31)))
    by_day = {day: pairs(part) for day, part in ties.groupby(ties["day"].dt.date)}
    # 2020: only WYCA (2014), the Leeds commission (2017) and the LEP (2011 to March 2024) are active
    assert by_day[date(2020, 12, 31)] == {("leeds-climate", "old-lep"), ("leeds-climate", "wyca-p"),
                                          ("old-lep", "wyca-p")}
    # 2024: the LEP has ended; the LPIPs have started
    assert by_day[date(2024, 12, 31)] == ALL_LINKS - {("leeds-climate", "old-lep"), ("old-lep", "wyca-p")}


def test_a_sector_filter_keeps_only_ties_through_that_sector(con):
    ties = q.ties_on(con, Filters(sectors=("public",)), (None,))
    assert pairs(ties) == {("leeds-climate", "old-lep"), ("leeds-climate", "wyca-p"), ("old-lep", "wyca-p")}


def test_shared_members_give_the_role_and_source_on_each_side(con):
    shared = q.shared_members(con, "leeds-climate", "ypip")
    assert list(shared["org_name"]) == ["University of Leeds"]
    row = shared.iloc[0]
    assert (row["lower_role"], row["upper_role"]) == ("secretariat", "lead")
    assert row["upper_source_url"].startswith("https://gtr.ukri.org/")


def test_playback_steps_are_the_years_the_ladder_changes(con):
    days = playback.candidate_days(q.first_start(con, Filters()), TODAY)
    assert days[0] == date(2011, 12, 31) and days[-1] == TODAY
    assert playback.steps(q.changes(con, Filters(), days)) == (
        date(2011, 12, 31), date(2014, 12, 31), date(2017, 12, 31), date(2022, 12, 31), date(2024, 12, 31))
    yh = Filters(regions=("yh",))
    yh_days = playback.candidate_days(q.first_start(con, yh), TODAY)
    assert playback.steps(q.changes(con, yh, yh_days)) == (
        date(2011, 12, 31), date(2014, 12, 31), date(2017, 12, 31), date(2024, 12, 31))


def test_a_period_with_no_dated_partnership_has_no_step(con):
    past = ml.history(con, Filters(year_from=1990, year_to=2005), TODAY)
    assert past.steps == () and past.over_time.empty


# --- the measures, by hand ---------------------------------------------------------------------------

def test_measures_overall_and_per_region_with_every_recorded_partnership(con):
    past = ml.history(con, Filters(), TODAY)
    view = ml.step_view(con, Filters(), past)
    overall = scope(view, measures.ALL)
    # local and sub-regional: the undated network (neighbourhood), the Leeds commission, the LEP
    assert (overall["lower_tier"], overall["connected_upward"]) == (3, 2)
    assert overall["share_connected_upward"] == pytest.approx(2 / 3)
    # the network shares no member; WYCA shares members only with lower levels
    assert overall["levels_unlinked"] == ("neighbourhood", "city-region")
    assert overall["cross_level_links"] == 9
    # Leeds City Council and the University of Leeds both carry three links across three levels
    assert (overall["top_broker"], overall["top_broker_links"]) == ("Leeds City Council", 3)
    yh = scope(view, "yh")
    assert (yh["partnerships"], yh["levels"], yh["lower_tier"], yh["connected_upward"]) == (5, 5, 3, 2)
    assert yh["levels_unlinked"] == ("neighbourhood", "city-region") and yh["cross_level_links"] == 6
    uk = scope(view, "uk")
    assert uk["lower_tier"] == 0 and pd.isna(uk["share_connected_upward"])
    assert uk["levels_unlinked"] == () and uk["cross_level_links"] == 5  # UK is the top: nothing above it
    assert (uk["top_broker"], uk["top_broker_links"]) == ("University of Leeds", 2)


def test_measures_as_of_a_day_use_only_what_was_active(con):
    filters = Filters(as_of=date(2020, 12, 31))
    view = ml.step_view(con, filters, ml.history(con, filters, TODAY))
    overall = scope(view, measures.ALL)
    assert set(view.nodes["partnership_id"]) == {"wyca-p", "leeds-climate", "old-lep"}
    # nothing at region scale or above yet, so no path upward; every level below WYCA links up
    assert (overall["lower_tier"], overall["connected_upward"], overall["share_connected_upward"]) == (2, 0, 0.0)
    assert overall["levels_unlinked"] == () and overall["cross_level_links"] == 3


def test_a_region_filter_keeps_paths_inside_the_chosen_regions(con):
    filters = Filters(regions=("yh",))
    view = ml.step_view(con, filters, ml.history(con, filters, TODAY))
    assert pairs(view.links) == {("leeds-climate", "ypip"), ("leeds-climate", "old-lep"), ("leeds-climate", "wyca-p"),
                                 ("old-lep", "wyca-p")}
    yh = scope(view, "yh")
    assert (yh["lower_tier"], yh["connected_upward"], yh["cross_level_links"]) == (3, 2, 4)
    assert yh["levels_unlinked"] == ("neighbourhood", "city-region")
    assert list(view.brokers["org_name"][:2]) == ["Leeds City Council", "University of Leeds"]
    assert list(view.brokers["broker_links"][:2]) == [3, 1]


def test_measures_over_time_follow_the_steps(con):
    past = ml.history(con, Filters(regions=("yh",)), TODAY)
    overall = past.over_time[past.over_time["scope_id"] == measures.ALL].set_index("day")
    assert list(overall.index) == list(past.steps)
    assert list(overall["partnerships"]) == [1, 2, 3, 3]  # 2011 LEP; +WYCA; +Leeds commission; LEP out, YPIP in
    assert list(overall["cross_level_links"]) == [0, 1, 3, 2]
    assert list(overall["connected_upward"]) == [0, 0, 0, 1]  # YPIP (2024) is the first regional partnership
    assert overall.loc[date(2024, 12, 31), "levels_unlinked"] == ("city-region",)


def test_one_level_only_is_said_in_words_not_drawn(con):
    filters = Filters(regions=("rw",))
    view = ml.step_view(con, filters, ml.history(con, filters, TODAY))
    assert view.figure is None
    assert view.reason.startswith("Rural Wales has partnerships at one level only")
    assert "1 at region scale" in view.reason


def test_nothing_active_on_the_day_is_said_in_words(con):
    filters = Filters(regions=("yh",), as_of=date(2005, 6, 30))
    view = ml.step_view(con, filters, ml.history(con, filters, TODAY))
    assert view.empty and view.figure is None
    assert view.reason == "No partnership matching these filters is active on 30 Jun 2005."


def test_region_measures_for_compare_keep_the_chosen_order(con):
    frame = ml.region_measures(con, Filters(regions=("rw", "yh", "uk"))).set_index("region_id")
    assert list(frame.index) == ["rw", "yh", "uk"]
    # with UK-wide compared too, YPIP and the Leeds commission link up to LPIP (UK)
    assert frame.loc["yh", ["lower_tier", "connected_upward", "cross_level_links"]].tolist() == [3, 2, 6]
    assert frame.loc["rw", "cross_level_links"] == 1 and frame.loc["rw", "levels_unlinked"] == "none"
    assert frame.loc["uk", "top_broker"] == "University of Leeds"
