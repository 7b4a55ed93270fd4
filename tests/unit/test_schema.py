"""The schema is declared once; DDL and the data dictionary are generated from it."""

from __future__ import annotations

import subprocess
import sys

import duckdb

from lpipdata.config import PROJECT_ROOT
from lpipdata.dictionary import dictionary_text
from lpipdata.schema import data_dictionary, load_schema, to_ddl

TABLES = ["sources", "regions", "region_areas", "organisations", "partnerships", "memberships", "issues",
          "region_issues", "partnership_issues", "events", "observations", "codes", "codings"]


def test_schema_declares_every_table_with_keys():
    schema = load_schema()
    assert schema.names == TABLES
    for table in schema.tables:
        assert table.primary_key, table.name
        assert table.description, table.name
        for field in table.fields:
            assert field.description, f"{table.name}.{field.name} has no description"


def test_every_fact_table_has_source_and_confidence():
    schema = load_schema()
    for name in ("regions", "region_areas", "organisations", "partnerships", "memberships", "region_issues",
                 "partnership_issues", "events", "observations", "codings"):
        columns = schema.table(name).columns
        assert "source_id" in columns and "confidence" in columns, name
        assert schema.table(name).field("confidence").enum == ("sourced", "inferred", "unverified")


def test_enums_for_the_controlled_vocabularies():
    schema = load_schema()
    assert "city-region" in schema.table("partnerships").field("scale").enum
    assert "accountable body" in schema.table("memberships").field("role").enum
    assert "devolution deal" in schema.table("events").field("kind").enum
    assert schema.table("observations").field("visibility").enum == ("public", "restricted")


def test_ddl_runs_and_enforces_constraints():
    con = duckdb.connect()
    con.execute(to_ddl(load_schema()))
    con.execute("INSERT INTO sources (source_id, kind, title, visibility) VALUES ('s', 'document', 'T', 'public')")
    try:
        con.execute("INSERT INTO sources (source_id, kind, title, visibility) VALUES ('t', 'rumour', 'T', 'public')")
    except duckdb.ConstraintException:
        pass
    else:
        raise AssertionError("enum CHECK constraint missing")


def test_ddl_contains_keys_and_checks():
    ddl = to_ddl(load_schema())
    assert "PRIMARY KEY (partnership_id, org_id, role)" in ddl
    assert "FOREIGN KEY (org_id) REFERENCES organisations (org_id)" in ddl
    assert "lat DOUBLE CHECK (lat >= 49.8) CHECK (lat <= 60.9)" in ddl
    assert "founded_first DATE GENERATED ALWAYS AS" in ddl


def test_data_dictionary_is_up_to_date():
    committed = (PROJECT_ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == dictionary_text(), "stale: run `python -m lpipdata docs`"
    assert "`embeddedness`" in committed and "`net`" in committed  # the computed conditions and outcomes


def test_docs_check_command_agrees():
    result = subprocess.run([sys.executable, "-m", "lpipdata", "docs", "--check"], cwd=PROJECT_ROOT)
    assert result.returncode == 0
