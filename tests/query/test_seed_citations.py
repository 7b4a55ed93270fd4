"""The seed data's citations: the project brief is cited only for what it states, with the research
brief's confidence flags; every source named in a note exists; `founded_as` only where there is a date;
the phase-1 LPIPs the research brief's addendum sources are in, each lead its own organisation row."""

from __future__ import annotations

import csv
import re

import pytest

from lpipdata.config import PROJECT_ROOT
from lpipdata.schema import load_schema

DATA = PROJECT_ROOT / "data"
SCHEMA = load_schema(DATA / "datapackage.json")
CITING_TABLES = [t for t in SCHEMA.tables if {"source_id", "confidence"} <= set(t.columns)]

# (table, primary key) of rows cited to the project brief (source id `brief`) that may be `sourced`
# because the brief states them, each with its reason. It is empty on purpose: the project brief
# states the fellowship, its research questions and the "Assembling the impossible" workshop, but the
# research brief flags all of them unverified (no stored page confirms them) and says to keep its flags.
# Add an entry here only for a fact the project brief states and nothing contradicts.
BRIEF_STATES: dict[tuple[str, tuple[str, ...]], str] = {}

INLINE_SOURCE = re.compile(r"\(source: ([a-z0-9-]+)\)")


def rows(table: str) -> list[dict[str, str]]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def key(table, row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[k] for k in table.primary_key)


def test_rows_cited_to_the_project_brief_are_not_sourced_unless_the_brief_states_them():
    cited_to_brief = {(t.name, key(t, row)): row["confidence"] for t in CITING_TABLES for row in rows(t.name)
                      if row["source_id"] == "brief"}
    assert cited_to_brief, "the fellowship facts are cited to the project brief"
    sourced = {where for where, confidence in cited_to_brief.items() if confidence == "sourced"}
    assert sourced <= set(BRIEF_STATES), f"cited to `brief` but sourced: {sorted(sourced - set(BRIEF_STATES))}"
    assert set(BRIEF_STATES) <= set(cited_to_brief), "an allow-listed row is gone or no longer cites the brief"
    assert all(reason.strip() for reason in BRIEF_STATES.values())
    assert set(cited_to_brief.values()) <= {"sourced", "inferred", "unverified"}


def test_the_fellowship_is_a_partnership_of_its_own_flagged_unverified_with_its_research_questions():
    fellowship = next(row for row in rows("partnerships") if row["partnership_id"] == "lpip-fellowship")
    assert (fellowship["source_id"], fellowship["confidence"]) == ("brief", "unverified")
    questions = {row["observation_id"]: row for row in rows("observations")}
    assert {questions[q]["partnership_id"] for q in ("fellowship-rq1", "fellowship-rq2")} == {"lpip-fellowship"}
    members = [row for row in rows("memberships") if row["partnership_id"] == "lpip-fellowship"]
    # The brief names a British Academy fellowship; the research brief says not to name the fellow yet.
    assert [(m["org_id"], m["confidence"]) for m in members] == [("british-academy", "unverified")]


def test_rows_whose_note_says_not_for_publication_are_not_published_as_sourced():
    for table in CITING_TABLES:
        for row in rows(table.name):
            if "not for publication" in (row.get("note") or "").lower():
                assert row["confidence"] != "sourced", (table.name, key(table, row))
    workshop = next(row for row in rows("observations") if row["observation_id"] == "assembling-impossible")
    assert workshop["visibility"] == "restricted"


def test_geography_rows_cite_the_ons_boundary_dataset():
    sources = {row["source_id"]: row for row in rows("sources")}
    assert sources["ons-boundaries"]["kind"] == "dataset"
    assert sources["ons-boundaries"]["url"].startswith("https://raw.githubusercontent.com/ONSvisual/uk-topojson/")
    context = {row["region_id"]: row for row in rows("regions") if row["region_id"] in ("wales", "scot")}
    assert {row["source_id"] for row in context.values()} == {"ons-boundaries"}
    itl1 = [row for row in rows("region_areas") if row["region_id"] in ("uk", "wales", "scot")]
    assert len(itl1) == 14 and {row["source_id"] for row in itl1} == {"ons-boundaries"}


def test_areas_the_cited_source_leaves_out_are_not_sourced():
    lincolnshire = [row for row in rows("region_areas") if row["area_code"] in ("E06000012", "E06000013")]
    assert [row["confidence"] for row in lincolnshire] == ["inferred", "inferred"]


@pytest.mark.parametrize("table", [t.name for t in SCHEMA.tables if "note" in t.columns])
def test_every_source_named_in_a_note_exists(table):
    known = {row["source_id"] for row in rows("sources")}
    named = {(name, row.get("note")) for row in rows(table) for name in INLINE_SOURCE.findall(row.get("note") or "")}
    assert {name for name, _ in named} <= known, sorted(name for name, _ in named if name not in known)


def test_specific_facts_cite_the_source_the_research_brief_gives_for_them():
    by_id = {row["org_id"]: row for row in rows("organisations")}
    assert by_id["lcr-lep"]["source_id"] == "wyca-webcast-869380"  # the 2024 board name
    hull = next(row for row in rows("memberships")
                if (row["partnership_id"], row["org_id"]) == ("ypip", "uni-hull"))
    assert hull["source_id"] == "hullisthis-ypip"  # Hull leads a YPIP workstream
    epic = next(row for row in rows("events") if row["event_id"] == "epic-award")
    assert epic["source_id"] == "ulster-epic-funding"  # the £4.8m figure
    awards = {row["partnership_id"]: row["source_id"] for row in rows("events")
              if row["event_id"].endswith("-phase1-award")}
    assert awards["ypip"] == "gtr-es-y00079x-1" and awards["stirling-lpip"] == "gtr-es-y00082x-1"
    # A phase-1 LPIP's bar starts at its phase-1 award, so the row cites that award's record.
    partnerships = {row["partnership_id"]: row for row in rows("partnerships")}
    for pid, record in (("ypip", "gtr-es-y00079x-1"), ("stirling-lpip", "gtr-es-y00082x-1")):
        assert (partnerships[pid]["source_id"], partnerships[pid]["founded_as"]) == (record, "funding award")


def test_founded_as_is_given_only_with_a_founded_date():
    for row in rows("partnerships"):
        if row["founded_as"]:
            assert row["founded"], row["partnership_id"]
    assert any(row["founded_as"] == "funding award" for row in rows("partnerships"))


def test_eight_phase_one_lpips_and_the_two_birmingham_departments_stay_apart():
    regions = {row["region_id"]: row for row in rows("regions")}
    phase_one = sorted(r for r, row in regions.items() if row["lpip_phase"] in ("1", "1 and 2"))
    assert phase_one == ["forth", "gla", "ldn", "ni", "rw", "swc", "wm", "yh"]
    assert regions["wm"]["lead_org_id"] == "uni-birmingham-sib" and regions["uk"]["lead_org_id"] == "uni-birmingham"
    orgs = {row["org_id"]: row for row in rows("organisations")}
    assert orgs["uni-birmingham-sib"]["name"].startswith("University of Birmingham")
    assert orgs["uni-birmingham"]["name"].startswith("University of Birmingham")
    assert regions["gla"]["lead_org_id"] == "uni-glasgow-gla" and regions["gla"]["nation"] == "Scotland"
    sources = {row["source_id"]: row["url"] for row in rows("sources")}
    assert "ES%2FY000471%2F1" in sources["gtr-es-y000471-1"] and "ES%2FY000218%2F1" in sources["gtr-es-y000218-1"]
    assert {row["area_code"] for row in rows("region_areas") if row["region_id"] == "wm"} == {"TLG"}
