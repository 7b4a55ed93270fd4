"""The build is atomic: a failed build leaves the previous database byte-for-byte untouched."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import duckdb
import pytest

from lpipdata import build
from lpipdata.build import build_database
from lpipdata.config import PROJECT_ROOT
from lpipdata.validate import SchemaError
from tests.conftest import copy_fixture_data
from tests.unit.test_validate import edit_cell


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def built(tmp_path):
    data_dir = copy_fixture_data(tmp_path / "data")
    out = tmp_path / "lpip.duckdb"
    build_database(data_dir, out)
    return data_dir, out


def test_failed_validation_leaves_previous_database_untouched(built):
    data_dir, out = built
    before = digest(out)
    edit_cell(data_dir / "partnerships.csv", 3, "founded", "2021-13-01")
    with pytest.raises(SchemaError) as failure:
        build_database(data_dir, out)
    assert "partnerships.csv:3: founded" in str(failure.value)
    assert digest(out) == before
    with duckdb.connect(str(out), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM partnerships").fetchone()[0] == 9


def test_crash_during_write_leaves_previous_database_and_no_temp_files(built, monkeypatch):
    data_dir, out = built
    before = digest(out)

    def explode(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(build, "write_database", explode)
    with pytest.raises(OSError):
        build_database(data_dir, out)
    assert digest(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["data", "lpip.duckdb"]


def test_cli_build_fails_with_messages_and_keeps_database(built):
    data_dir, out = built
    before = digest(out)
    edit_cell(data_dir / "organisations.csv", 3, "lat", "40.7")
    result = subprocess.run([sys.executable, "-m", "lpipdata", "build", "--data", str(data_dir), "--out", str(out)],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "organisations.csv:3: lat: 40.7 is outside the UK" in result.stdout
    assert "was not changed" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert digest(out) == before


def test_cli_build_prints_row_counts(tmp_path):
    data_dir = copy_fixture_data(tmp_path / "data")
    out = tmp_path / "out.duckdb"
    result = subprocess.run([sys.executable, "-m", "lpipdata", "build", "--data", str(data_dir), "--out", str(out)],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^partnerships +9$", result.stdout, re.M)
    assert out.exists()


def test_public_build_leaves_out_restricted_evidence_and_what_depends_on_it(tiny_db, research_db):
    with duckdb.connect(str(tiny_db), read_only=True) as public:
        assert public.execute("SELECT count(*) FROM observations WHERE visibility = 'restricted'").fetchone()[0] == 0
        assert public.execute("SELECT count(*) FROM sources WHERE visibility = 'restricted'").fetchone()[0] == 0
        assert public.execute("SELECT count(*) FROM organisations WHERE org_id = 'interviewee-org'").fetchone()[0] == 0
        assert public.execute("SELECT value FROM meta WHERE key = 'mode'").fetchone()[0] == "public"
    with duckdb.connect(str(research_db), read_only=True) as research:
        assert research.execute("SELECT count(*) FROM observations WHERE visibility = 'restricted'").fetchone()[0] == 1
        assert research.execute("SELECT count(*) FROM memberships WHERE org_id = 'interviewee-org'").fetchone()[0] == 1


def test_partial_dates_get_first_and_last_days(con):
    rows = dict(((r[0]), (str(r[1]), str(r[2]))) for r in con.execute(
        "SELECT partnership_id, founded_first, ended_last FROM partnerships").fetchall())
    assert rows["leeds-climate"] == ("2017-01-01", "None")
    assert rows["ypip"] == ("2024-02-01", "2026-12-31")
    assert rows["old-lep"] == ("2011-01-01", "2024-03-31")
