"""`build --min-confidence`: a build that leaves out facts less certain than a threshold, and what depends on them.

The research brief asks that inferred and unverified facts be treated as not for publication until
checked. Like the restricted-evidence rule, the threshold drops a row and, to a fixpoint, every row
whose foreign key points at a dropped row; rows without a confidence column (sources, issues, codes)
stay unless something else drops them.
"""

from __future__ import annotations

import re
import subprocess
import sys

import duckdb
import pytest

from lpipdata.build import CONFIDENCE_LEVELS, build_database
from lpipdata.config import PROJECT_ROOT
from lpipdata.schema import load_schema
from tests.conftest import copy_fixture_data

SCHEMA = load_schema()
CONFIDENCE_TABLES = [t.name for t in SCHEMA.tables if "confidence" in t.columns]


def low_confidence_rows(con, allowed: tuple[str, ...]) -> dict[str, int]:
    """{table: rows whose confidence is not in `allowed`}, only tables that have some."""
    found = {}
    for table in CONFIDENCE_TABLES:
        n = con.execute(f"SELECT count(*) FROM {table} WHERE confidence NOT IN ({', '.join('?' * len(allowed))})",
                        list(allowed)).fetchone()[0]
        if n:
            found[table] = n
    return found


def dangling_references(con) -> list[str]:
    """Every foreign key that points at a row the build left out (none, when dependants were dropped too)."""
    dangling = []
    for table in SCHEMA.tables:
        for fk in table.foreign_keys:
            join = " AND ".join(f"t.{a} = r.{b}" for a, b in zip(fk.fields, fk.ref_fields))
            present = " AND ".join(f"t.{a} IS NOT NULL" for a in fk.fields)
            n = con.execute(f"""SELECT count(*) FROM {table.name} t WHERE {present}
                                AND NOT EXISTS (SELECT 1 FROM {fk.table} r WHERE {join})""").fetchone()[0]
            if n:
                dangling.append(f"{table.name}.{','.join(fk.fields)} -> {fk.table}: {n}")
    return dangling


def ids(con, table: str, key: str) -> set[str]:
    return {row[0] for row in con.execute(f"SELECT {key} FROM {table}").fetchall()}


@pytest.fixture(scope="module")
def threshold_data(tmp_path_factory):
    """The tiny data plus sourced rows that hang on less certain ones: they must go with them.

    - `guessed` is an inferred partnership with a sourced membership, event and coding;
    - the sourced event `undated-event` and membership (leeds-climate, inject) point at unverified rows
      (the partnership `undated`, the organisation `inject`).
    """
    data = copy_fixture_data(tmp_path_factory.mktemp("threshold") / "data")
    with (data / "partnerships.csv").open("a", encoding="utf-8") as rows:
        rows.write("guessed,Guessed network,,local,network,2019,establishment,,yh,An inferred partnership.,,gtr-ypip,"
                   "inferred,\n")
    with (data / "memberships.csv").open("a", encoding="utf-8") as rows:
        rows.write("guessed,uni-leeds,member,,,gtr-ypip,sourced,\n")
        rows.write("leeds-climate,inject,partner,,,gtr-ypip,sourced,\n")
    with (data / "events.csv").open("a", encoding="utf-8") as rows:
        rows.write("guessed-event,2020,,Guessed network meets,workshop,yh,guessed,,gtr-ypip,sourced,\n")
        rows.write("undated-event,2021,,Undated network meets,workshop,yh,undated,,gtr-ypip,sourced,\n")
    with (data / "observations.csv").open("a", encoding="utf-8") as rows:
        rows.write("obs-guessed,gtr-ypip,yh,guessed,The guessed network met twice.,public,sourced,\n")
    with (data / "codings.csv").open("a", encoding="utf-8") as rows:
        rows.write("c-guessed,obs-guessed,participation,enables,guessed,yh,,researcher-a,gtr-ypip,sourced,\n")
    return data


@pytest.fixture(scope="module")
def builds(threshold_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("threshold-builds")
    return {level: build_database(threshold_data, out / f"{level}.duckdb", min_confidence=level)
            for level in CONFIDENCE_LEVELS}


@pytest.fixture()
def open_build(builds):
    connections = []

    def opener(level):
        connections.append(duckdb.connect(str(builds[level].path), read_only=True))
        return connections[-1]

    yield opener
    for con in connections:
        con.close()


def test_sourced_build_keeps_no_inferred_or_unverified_row_and_nothing_that_depends_on_one(open_build):
    con = open_build("sourced")
    assert low_confidence_rows(con, ("sourced",)) == {}
    assert dangling_references(con) == []
    assert "guessed" not in ids(con, "partnerships", "partnership_id")
    assert "undated" not in ids(con, "partnerships", "partnership_id")
    assert "wm" not in ids(con, "regions", "region_id")  # an unverified region, with its area
    assert "wm" not in {r[0] for r in con.execute("SELECT region_id FROM region_areas").fetchall()}
    # Sourced rows that hang on a dropped row go with it:
    assert {"guessed-event", "undated-event", "conf"}.isdisjoint(ids(con, "events", "event_id"))
    assert con.execute("SELECT count(*) FROM memberships WHERE partnership_id = 'guessed' OR org_id = 'inject'"
                       ).fetchone()[0] == 0
    assert "obs-guessed" not in ids(con, "observations", "observation_id")
    assert {"c-guessed", "c-panel", "c-commission"}.isdisjoint(ids(con, "codings", "coding_id"))
    # ...and the sourced rows that do not, stay:
    assert {"ypip", "wyca-p", "epic", "lpip"} <= ids(con, "partnerships", "partnership_id")
    assert {"c-panel-r2", "c-rw-labs"} <= ids(con, "codings", "coding_id")


def test_inferred_build_keeps_inferred_rows_but_drops_unverified_ones(open_build):
    con = open_build("inferred")
    assert low_confidence_rows(con, ("sourced", "inferred")) == {}
    assert dangling_references(con) == []
    assert {"guessed"} <= ids(con, "partnerships", "partnership_id")
    assert {"guessed-event", "conf"} <= ids(con, "events", "event_id")
    assert {"c-guessed", "c-panel"} <= ids(con, "codings", "coding_id")
    assert "swc" in {r[0] for r in con.execute("SELECT region_id FROM region_areas").fetchall()}  # inferred area
    assert "undated" not in ids(con, "partnerships", "partnership_id")
    assert "undated-event" not in ids(con, "events", "event_id")
    assert "inject" not in ids(con, "organisations", "org_id")
    assert "wm" not in ids(con, "regions", "region_id")


def test_default_build_keeps_every_confidence_level(open_build):
    con = open_build("unverified")
    assert set(low_confidence_rows(con, ("sourced",))) >= {"partnerships", "organisations", "events", "codings"}
    assert {"guessed", "undated"} <= ids(con, "partnerships", "partnership_id")
    assert dangling_references(con) == []


def test_rows_without_a_confidence_are_kept(open_build):
    unverified, sourced = open_build("unverified"), open_build("sourced")
    for table in ("sources", "issues", "codes"):
        everything = unverified.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert sourced.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == everything, table


def test_threshold_is_recorded_in_meta_and_the_result(builds, open_build):
    for level in CONFIDENCE_LEVELS:
        con = open_build(level)
        assert con.execute("SELECT value FROM meta WHERE key = 'min_confidence'").fetchone() == (level,)
    assert builds["unverified"].left_out == {}
    left_out = builds["sourced"].left_out
    assert left_out["partnerships"] == 2 and left_out["events"] == 3 and left_out["codings"] >= 3
    assert all(count > 0 for count in left_out.values())
    assert builds["inferred"].left_out["partnerships"] == 1


def test_research_build_keeps_restricted_evidence_but_still_applies_the_threshold(threshold_data, tmp_path):
    result = build_database(threshold_data, tmp_path / "research.duckdb", mode="research", min_confidence="sourced")
    with duckdb.connect(str(result.path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM observations WHERE visibility = 'restricted'").fetchone()[0] == 1
        assert low_confidence_rows(con, ("sourced",)) == {}
        assert dangling_references(con) == []


def test_an_unknown_threshold_is_refused_before_anything_is_written(threshold_data, tmp_path):
    with pytest.raises(ValueError, match="not one of: sourced, inferred, unverified"):
        build_database(threshold_data, tmp_path / "x.duckdb", min_confidence="probable")
    assert not (tmp_path / "x.duckdb").exists()


def test_cli_prints_what_the_threshold_left_out_per_table(threshold_data, tmp_path):
    out = tmp_path / "cli.duckdb"
    command = [sys.executable, "-m", "lpipdata", "build", "--data", str(threshold_data), "--out", str(out),
               "--min-confidence", "sourced"]
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^min-confidence sourced: left out \d+ row\(s\)", result.stdout, re.M)
    assert re.search(r"^  partnerships +2$", result.stdout, re.M)
    assert re.search(r"^  events +3$", result.stdout, re.M)
    assert "min-confidence sourced)" in result.stdout
    with duckdb.connect(str(out), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'min_confidence'").fetchone() == ("sourced",)


def test_cli_refuses_an_unknown_threshold(tmp_path):
    result = subprocess.run([sys.executable, "-m", "lpipdata", "build", "--out", str(tmp_path / "x.duckdb"),
                             "--min-confidence", "likely"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "invalid choice: 'likely'" in result.stderr


def test_seed_data_at_sourced_keeps_only_sourced_facts_and_drops_their_dependants(tmp_path):
    data = PROJECT_ROOT / "data"
    default = build_database(data, tmp_path / "all.duckdb")
    strict = build_database(data, tmp_path / "sourced.duckdb", min_confidence="sourced")
    with duckdb.connect(str(strict.path), read_only=True) as con, \
            duckdb.connect(str(default.path), read_only=True) as everything:
        assert low_confidence_rows(con, ("sourced",)) == {}
        assert dangling_references(con) == []
        # Sourced memberships of organisations whose type is unverified go with those organisations.
        membership = "SELECT count(*) FROM memberships WHERE partnership_id = 'rw-lpip' AND org_id = 'antur-cymru'"
        assert everything.execute(membership).fetchone()[0] == 1
        assert con.execute(membership).fetchone()[0] == 0
        # The unverified fellowship takes its research questions with it; every coding is an inferred reading.
        assert "lpip-fellowship" not in ids(con, "partnerships", "partnership_id")
        assert {"fellowship-rq1", "fellowship-rq2"}.isdisjoint(ids(con, "observations", "observation_id"))
        assert con.execute("SELECT count(*) FROM codings").fetchone()[0] == 0
        for table, count in strict.left_out.items():
            total = everything.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == total - count, table
