"""Compare queries on the tiny database built by the real build code."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lpipdata.filters import Filters
from lpipdata.queries import compare as queries

PHASE_TWO = Filters(regions=("yh", "rw", "forth", "ni"))


def test_default_regions_are_the_phase_two_lpips(con):
    assert queries.default_regions(con) == ("forth", "ni", "rw", "yh")


def test_overview_in_the_chosen_order(con):
    frame = queries.overview(con, PHASE_TWO)
    assert list(frame["region_id"]) == ["yh", "rw", "forth", "ni"]
    yh = frame.iloc[0]
    assert (yh["partnerships"], yh["organisations"], yh["memberships"], yh["issues"]) == (5, 6, 9, 2)
    assert yh["lead_org_name"] == "University of Leeds"


def test_issue_profile_is_a_full_grid_with_leading_themes_first(con):
    frame = queries.issue_profile(con, PHASE_TWO)
    assert list(dict.fromkeys(frame["theme"])) == ["net zero", "inclusive growth", "rural economy", "skills", "water"]
    assert len(frame) == 5 * 4
    cell = frame.set_index(["region_id", "theme"])
    assert cell.loc[("yh", "net zero"), "partnerships"] == 2  # ypip and the Leeds Climate Commission
    assert cell.loc[("ni", "skills"), "emphasis"] == 1 and cell.loc[("ni", "inclusive growth"), "emphasis"] == 2
    assert cell.loc[("rw", "water"), "partnerships"] == 0


def test_issue_profile_follows_the_theme_filter(con):
    frame = queries.issue_profile(con, PHASE_TWO.with_(themes=("water",)))
    assert set(frame["theme"]) == {"water"}
    assert frame.set_index("region_id").loc["forth", "partnerships"] == 1


def test_scale_mix_counts_and_shares(con):
    frame = queries.scale_mix(con, PHASE_TWO)
    yh = frame[frame["region_id"] == "yh"]
    assert list(yh["scale"]) == ["neighbourhood", "local", "sub-regional", "city-region", "region"]
    assert yh["share"].sum() == pytest.approx(1.0)
    assert frame.set_index("region_id").loc["ni", "scale"] == "nation"


def test_sector_mix_counts_distinct_member_organisations(con):
    frame = queries.sector_mix(con, PHASE_TWO).set_index(["region_id", "sector"])
    assert frame.loc[("yh", "academic"), "organisations"] == 2
    assert frame.loc[("rw", "academic"), "share"] == pytest.approx(0.667)
    assert ("yh", "third") in frame.index  # the injection fixture organisation is a VCSE


def test_network_metrics_of_the_organisation_projection(con):
    frame = queries.network_metrics(con, PHASE_TWO).set_index("region_id")
    assert frame.loc["yh", "ties"] == 9 and frame.loc["yh", "density"] == 0.6
    assert frame.loc["yh", "centralisation"] == 0.6
    assert frame.loc["rw", "density"] == 1.0 and frame.loc["rw", "centralisation"] == 0.0
    assert pd.isna(frame.loc["ni", "centralisation"])  # two organisations: undefined


def test_bridges_span_two_of_the_chosen_regions(con):
    assert queries.bridges(con, PHASE_TWO).empty
    bridges = queries.bridges(con, Filters(regions=("yh", "uk")))
    assert list(bridges["org_id"]) == ["uni-leeds"]
    row = bridges.iloc[0]
    assert (row["regions"], row["partnerships"]) == (2, 3)
    assert row["region_names"] == "UK-wide, Yorkshire and the Humber"
    rows = queries.bridge_memberships(con, Filters(regions=("yh", "uk")))
    assert list(zip(rows["region_id"], rows["partnerships"])) == [("yh", 2), ("uk", 1)]


def test_bridges_follow_the_as_of_date(con):
    # In Jan 2023 the LPIP programme (from Oct 2022) and the Leeds Climate Commission were active;
    # in 2020 only the latter.
    frame = queries.bridges(con, Filters(regions=("yh", "uk"), as_of=date(2023, 1, 1)))
    assert list(frame["org_id"]) == ["uni-leeds"]
    assert queries.bridges(con, Filters(regions=("yh", "uk"), as_of=date(2020, 1, 1))).empty


def test_founded_per_year_keeps_undated_partnerships_apart(con):
    frame = queries.founded_per_year(con, PHASE_TWO)
    yh = frame[frame["region_id"] == "yh"]
    assert yh["year"].dropna().tolist() == [2011, 2014, 2017, 2024]
    assert int(yh.loc[yh["year"].isna(), "partnerships"].iloc[0]) == 1


def test_display_tables_label_every_column(con):
    shown = queries.display_table(queries.network_metrics(con, PHASE_TWO), "network")
    assert list(shown.columns) == ["Region", "Member organisations", "Partnerships", "Ties (pairs sharing a partnership)",
                                   "Density", "Degree centralisation"]
