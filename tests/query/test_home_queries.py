"""Query tests on the tiny database built by the real build code."""

from datetime import date

import pytest

from lpipdata.db import DatabaseMissing, connect, run
from lpipdata.filters import Filters
from lpipdata.queries import home


def test_fixture_database_has_the_expected_rows(con):
    counts = home.headline_counts(con, public_only=True)
    assert counts == {"organisations": 15, "partnerships": 9, "memberships": 22, "events": 7, "sources": 4,
                      "issues": 6, "observations": 5}


def test_lpip_regions_lists_phase_two_first_and_leaves_out_context_regions(con):
    regions = home.lpip_regions(con)
    assert list(regions["region_id"][:4]) == ["forth", "ni", "rw", "yh"]
    assert set(regions["region_id"]) == {"yh", "rw", "forth", "ni", "swc", "ldn", "wm", "uk"}
    yh = regions.set_index("region_id").loc["yh"]
    assert yh["lead_org_name"] == "University of Leeds"
    assert yh["core_themes"] == "inclusive growth, net zero"
    assert yh["partnership_count"] == 5
    assert yh["source_url"].startswith("https://gtr.ukri.org/")


def test_build_info_and_latest_source(con):
    info = home.build_info(con)
    assert info["mode"] == "public" and info["is_synthetic"] == "no"
    assert home.latest_source_date(con) == "2024-07"


def filtered_ids(con, filters: Filters) -> set[str]:
    sql = """SELECT partnership_id FROM filtered_partnerships(
                 $regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[], $year_from, $year_to, $as_of::DATE)"""
    return set(run(con, sql, filters.sql_params())["partnership_id"])


@pytest.mark.parametrize("filters,expected", [
    (Filters(regions=("rw",)), {"rw-lpip"}),
    (Filters(themes=("water",)), {"stirling-lpip"}),
    (Filters(scales=("local", "city-region")), {"leeds-climate", "wyca-p"}),
    (Filters(as_of=date(2014, 4, 1)), {"wyca-p", "old-lep"}),
    (Filters(as_of=date(2024, 4, 1)), {"wyca-p", "leeds-climate", "lpip", "ypip", "stirling-lpip", "epic"}),
    (Filters(year_from=2025), {"lpip", "ypip", "wyca-p", "leeds-climate", "rw-lpip", "stirling-lpip", "epic", "undated"}),
    (Filters(year_to=2012), {"old-lep", "undated"}),
])
def test_filter_macros(con, filters, expected):
    assert filtered_ids(con, filters) == expected


def test_memberships_follow_as_of_and_sector(con):
    sql = """SELECT org_id FROM filtered_memberships($regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[],
                 $sectors::VARCHAR[], $year_from, $year_to, $as_of::DATE) WHERE partnership_id = 'old-lep'"""
    assert set(run(con, sql, Filters(as_of=date(2020, 1, 1)).sql_params())["org_id"]) == {"leeds-cc"}
    assert run(con, sql, Filters(as_of=date(2020, 1, 1), sectors=("academic",)).sql_params()).empty


def test_missing_database_says_how_to_build(tmp_path):
    with pytest.raises(DatabaseMissing, match="python -m lpipdata build"):
        connect(tmp_path / "absent.duckdb")


def test_run_refuses_missing_parameters(con):
    with pytest.raises(KeyError, match="region_id"):
        run(con, "SELECT * FROM regions WHERE region_id = $region_id", {})
