"""The home page's phase-1 count: how many of the ten funded phase-1 LPIPs the atlas holds, from the data."""

from lpipdata.build import build_database
from lpipdata.config import PROJECT_ROOT
from lpipdata.db import connect
from lpipdata.queries import home


def test_fixture_counts_its_phase_one_regions(con):
    coverage = home.phase_one_coverage(con)
    # yh, rw, forth, ni went on to phase 2; swc, ldn, wm are phase 1 only; uk (hub) and wales are not LPIPs.
    assert {k: coverage[k] for k in ("in_atlas", "went_on", "phase_one_only", "funded")} == {
        "in_atlas": 7, "went_on": 4, "phase_one_only": 3, "funded": 10}
    assert coverage["source_id"] == home.PHASE_ONE_FUNDED_SOURCE
    assert coverage["source_url"] is None  # the fixture has no such source; the page says so instead of linking


def test_seed_data_has_eight_of_the_ten_with_the_source_of_the_ten(tmp_path):
    out = tmp_path / "seed.duckdb"
    build_database(PROJECT_ROOT / "data", out, geo_dir=None)
    con = connect(out)
    try:
        coverage = home.phase_one_coverage(con)
    finally:
        con.close()
    assert (coverage["in_atlas"], coverage["went_on"], coverage["phase_one_only"]) == (8, 4, 4)
    assert coverage["source_url"].startswith("https://www.plymouth.ac.uk/")


def test_build_info_records_the_threshold(con):
    assert home.build_info(con)["min_confidence"] == "unverified"
