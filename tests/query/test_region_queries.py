"""Region profile queries on the tiny database built by the real build code."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lpipdata import db
from lpipdata.build import build_database
from lpipdata.filters import Filters
from lpipdata.queries import region as queries
from tests.conftest import geo_dir

INJECTED_NAME = "<b>Bold</b><script>alert(1)</script> [click me](https://example.com) =SUM(1)"


def test_header_and_facts_each_carry_their_source(con):
    header = queries.region_header(con, "yh").iloc[0]
    assert header["name"] == "Yorkshire and the Humber" and header["source_url"].startswith("https://gtr.ukri.org/")
    facts = queries.region_facts(con, "yh").set_index("fact")
    assert list(facts.index) == ["LPIP", "Phase", "Lead organisation", "Funding", "Geography", "Core themes"]
    assert facts.loc["Lead organisation", "value"] == "University of Leeds"
    assert facts.loc["Phase", "value"] == "Funded in phases 1 and 2"
    assert facts.loc["Funding", "value"] == "£5m"
    assert facts.loc["Core themes", "value"] == "net zero, inclusive growth"  # leading themes first
    assert facts["source_title"].eq("GtR record for YPIP").all()
    themes = queries.theme_sources(con, "yh")
    assert themes[["source_title", "themes"]].values.tolist() == [["GtR record for YPIP", "inclusive growth, net zero"]]


def test_missing_facts_stay_missing(con):
    facts = queries.region_facts(con, "wm").set_index("fact")
    assert pd.isna(facts.loc["Lead organisation", "value"]) and pd.isna(facts.loc["Funding", "value"])
    assert facts.loc["LPIP", "confidence"] == "unverified"
    assert "Core themes" not in facts.index


def test_partnerships_by_scale_with_dates_at_their_precision(con):
    frame = queries.partnerships(con, Filters(), "yh")
    assert list(frame["partnership_id"]) == ["undated", "leeds-climate", "old-lep", "wyca-p", "ypip"]
    texts = frame.set_index("partnership_id")[["founded_text", "ended_text"]]
    assert texts.loc["wyca-p"].tolist() == ["1 Apr 2014", ""]
    assert texts.loc["ypip"].tolist() == ["Feb 2024", "Dec 2026"]
    assert texts.loc["leeds-climate"].tolist() == ["2017", ""]
    assert texts.loc["undated"].tolist() == ["", ""]
    assert frame.set_index("partnership_id").loc["ypip", "members"] == 4


@pytest.mark.parametrize("filters,expected", [
    (Filters(scales=("region",)), ["ypip"]),
    (Filters(as_of=date(2020, 1, 1)), ["leeds-climate", "old-lep", "wyca-p"]),
    (Filters(themes=("net zero",)), ["leeds-climate", "ypip"]),
    (Filters(regions=("ni",)), ["undated", "leeds-climate", "old-lep", "wyca-p", "ypip"]),  # the profile's region wins
])
def test_partnerships_follow_the_shared_filters(con, filters, expected):
    assert list(queries.partnerships(con, filters, "yh")["partnership_id"]) == expected


def test_key_organisations_most_connected_first_with_weakest_confidence(con):
    frame = queries.key_organisations(con, Filters(), "yh").set_index("org_id")
    assert list(frame.index[:2]) == ["leeds-cc", "uni-leeds"]
    assert frame.loc["leeds-cc", "partnerships"] == 3
    assert frame.loc["uni-leeds", "roles"] == "lead, secretariat"
    assert frame.loc["inject", "name"] == INJECTED_NAME
    assert frame.loc["inject", "confidence"] == "unverified"
    assert "interviewee-org" not in frame.index  # restricted in a public build


def test_key_organisations_follow_the_sector_filter(con):
    frame = queries.key_organisations(con, Filters(sectors=("academic",)), "yh")
    assert set(frame["org_id"]) == {"uni-leeds", "uni-sheffield"}


def test_issues_put_net_zero_and_inclusive_growth_first(con):
    frame = queries.issues(con, Filters(), "ni")
    assert list(frame["theme"]) == ["inclusive growth", "skills"]
    yh = queries.issues(con, Filters(), "yh")
    assert list(yh["theme"]) == ["net zero", "inclusive growth"]
    assert yh.set_index("issue").loc["Retrofit of older housing", "partnerships"] == 2


def test_events_within_the_period(con):
    assert list(queries.events(con, Filters(), "yh")["event_id"]) == ["wyca-founded", "leeds-climate-founded",
                                                                      "ypip-launch"]
    frame = queries.events(con, Filters(year_from=2020), "yh")
    assert frame["date_text"].tolist() == ["Feb 2024"]


def test_network_memberships_are_pairs_in_the_region(con):
    frame = queries.network_memberships(con, Filters(), "yh")
    assert len(frame) == 9 and set(frame["partnership_id"]) == {"ypip", "wyca-p", "leeds-climate", "old-lep"}


@pytest.mark.skipif(geo_dir() is None, reason="no boundary folder (../shared/geo or LPIP_GEO_DIR)")
def test_boundaries_shape_outlines_and_points(con):
    assert queries.has_boundaries(con) is True
    assert queries.region_shape(con, "yh").iloc[0]["area_km2"] > 10_000
    assert len(queries.uk_outlines(con)) == 12
    points = queries.organisation_points(con, Filters(), "yh")
    assert "inject" not in set(points["org_id"]) and len(points) == 5  # it has no coordinates


def test_sources_used_cover_every_cited_row(con):
    frame = queries.sources_used(con, Filters(), "yh").set_index("source_id")
    assert set(frame.index) == {"gtr-ypip", "brief"}
    assert "partnerships" in frame.loc["gtr-ypip", "cited_by"] and "region" in frame.loc["gtr-ypip", "cited_by"]
    assert frame.loc["brief", "cited_by"] == "memberships, organisations, partnerships"
    ni = queries.sources_used(con, Filters(), "ni")
    assert list(ni["source_id"]) == ["ukri-2024"] and ni.iloc[0]["published_text"] == "13 Feb 2024"


def test_research_build_cites_the_restricted_interview(research_db):
    connection = db.connect(research_db)
    try:
        frame = queries.sources_used(connection, Filters(), "yh")
        assert "interview-01" in set(frame["source_id"])
    finally:
        connection.close()


def test_display_table_labels_flags_and_drops_unsafe_links():
    frame = pd.DataFrame({"fact": ["Lead"], "value": ["X"], "confidence": ["inferred"],
                          "source_url": ["javascript:alert(1)"]})
    shown = queries.display_table(frame, "facts")
    assert list(shown.columns) == ["Fact", "Value", "Confidence", "Source"]
    assert shown.iloc[0]["Confidence"] == "⚠ inferred" and shown.iloc[0]["Source"] is None


def test_profile_without_boundaries(tiny_data_dir, tmp_path):
    out = tmp_path / "plain.duckdb"
    build_database(tiny_data_dir, out, mode="public", geo_dir=None)
    connection = db.connect(out)
    try:
        profile = queries.region_profile(connection, Filters(), "yh")
        assert profile.has_boundaries is False and profile.shape.empty and profile.outlines.empty
        assert profile.name == "Yorkshire and the Humber" and len(profile.partnerships) == 5
    finally:
        connection.close()
