"""The committed seed data: valid, big enough, and every fact traceable to a source."""

import pytest

from lpipdata.build import build_database
from lpipdata.config import PROJECT_ROOT
from lpipdata.db import connect
from lpipdata.validate import validate_folder

DATA = PROJECT_ROOT / "data"
FACT_TABLES = ("regions", "region_areas", "organisations", "partnerships", "memberships", "region_issues",
               "partnership_issues", "events", "observations")


@pytest.fixture(scope="module")
def seed_con(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "lpip.duckdb"
    build_database(DATA, out, mode="public", geo_dir=None)
    con = connect(out)
    yield con
    con.close()


def test_seed_data_validates():
    _, problems = validate_folder(DATA)
    assert problems == [], "\n".join(str(p) for p in problems[:20])


@pytest.mark.parametrize("table,minimum", [("organisations", 120), ("partnerships", 40), ("memberships", 150),
                                           ("events", 70), ("regions", 8), ("region_issues", 1),
                                           ("partnership_issues", 1), ("observations", 1)])
def test_seed_data_is_big_enough(seed_con, table, minimum):
    assert seed_con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= minimum


def test_the_nine_lpip_regions_have_areas(seed_con):
    rows = seed_con.execute("""
        SELECT r.region_id, count(a.area_code) FROM regions r LEFT JOIN region_areas a USING (region_id)
        WHERE r.lpip_phase <> 'none' GROUP BY ALL ORDER BY 1""").fetchall()
    assert [r[0] for r in rows] == ["forth", "gla", "ldn", "ni", "rw", "swc", "uk", "wm", "yh"]
    assert all(count > 0 for _, count in rows)


@pytest.mark.parametrize("table", FACT_TABLES)
def test_every_fact_row_resolves_to_a_source_with_a_confidence(seed_con, table):
    unresolved = seed_con.execute(f"""
        SELECT count(*) FROM {table} t LEFT JOIN sources s USING (source_id)
        WHERE s.source_id IS NULL OR t.confidence IS NULL""").fetchone()[0]
    assert unresolved == 0


def test_web_sources_have_urls_and_the_brief_is_a_source(seed_con):
    missing = seed_con.execute("SELECT count(*) FROM sources WHERE kind = 'web page' AND url IS NULL").fetchone()[0]
    assert missing == 0
    assert seed_con.execute("SELECT kind FROM sources WHERE source_id = 'brief'").fetchone() == ("document",)
