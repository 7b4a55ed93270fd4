"""Importing coded evidence: each format, every selection accounted for, re-imports, the CLI, builds."""

from __future__ import annotations

import csv

import duckdb
import pytest

from lpipdata.__main__ import main
from lpipdata.build import build_database
from lpipdata.evidence_import import import_evidence
from lpipdata.evidence_import.ids import slug
from lpipdata.validate import validate_folder
from tests.unit.test_evidence_import_fixtures import (
    IMPORTED_FROM_QDPX, IMPORTED_FROM_TAGUETTE, SELECTIONS_IN_QDPX, SELECTIONS_IN_TAGUETTE, WELSH_IRISH, data_copy,
    snapshot, write_case_map, write_qdc, write_qdpx, write_taguette_csv, write_taguette_xlsx)


@pytest.fixture()
def data(tmp_path):
    return data_copy(tmp_path / "data")


def rows(folder, table):
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def new_rows(folder, table, prefix):
    key = {"sources": "source_id", "observations": "observation_id", "codings": "coding_id"}[table]
    return [row for row in rows(folder, table) if row[key].startswith(prefix)]


def reasons(report):
    return sorted(item.reason for item in report.skipped)


def test_qdpx_import_accounts_for_every_selection(data, tmp_path):
    report = import_evidence(write_qdpx(tmp_path / "interviews.qdpx"), data)
    assert report.total == SELECTIONS_IN_QDPX
    assert report.imported == IMPORTED_FROM_QDPX and report.already_present == 0
    assert report.imported + report.already_present + len(report.skipped) == report.total
    assert reasons(report) == ["direction marker without content code", "empty text", "offsets outside the source",
                               "unknown code", "unmatched case", "unsupported source type"]
    assert any(item.detail == "'Somewhere else'" for item in report.skipped)
    assert report.added == {"sources": 2, "observations": 4, "codes": 3, "codings": 6}


def test_qdpx_rows_keep_codes_coders_cases_and_text(data, tmp_path):
    import_evidence(write_qdpx(tmp_path / "interviews.qdpx"), data)
    codes = {row["code_id"]: row for row in rows(data, "codes")}
    assert codes["confidence.voice-in-decisions"]["parent_id"] == "confidence"
    assert codes["confidence.voice-in-decisions"]["dimension"] == ""
    assert codes["relationships.rhwydweithiau-cymraeg-w"]["name"] == "Rhwydweithiau Cymraeg — ŵ"
    assert codes["capacity.networks-of-officers"]["guid"]
    assert not {"participation.hinders", "enables", "barrier"} & codes.keys()  # markers are not codes
    sources = new_rows(data, "sources", "qda-")
    assert {s["kind"] for s in sources} == {"interview"} and {s["url"] for s in sources} == {""}
    assert {s["visibility"] for s in sources} == {"restricted"}
    observations = {o["text"]: o for o in new_rows(data, "observations", "qda-")}
    assert {o["visibility"] for o in observations.values()} == {"restricted"}
    # offsets count characters, not bytes: S1 has an em dash before every selection
    assert "People with lived experience sit on the panel as equal decision-makers." in observations
    welsh = next(o for text, o in observations.items() if text.startswith(WELSH_IRISH))
    assert (welsh["partnership_id"], welsh["region_id"]) == ("rw-lpip", "rw")  # the case's partnership_id variable
    codings = new_rows(data, "codings", "qda-")
    lived = [c for c in codings if c["code_id"] == "participation.lived-experience"]
    assert {(c["coder"], c["direction"]) for c in lived} == {("Aled Jones", "hinders"), ("Siobhán Ní Bhriain", "neutral")}
    assert {c["partnership_id"] for c in lived} == {"ypip"}  # case named "YPIP"
    nested = next(c for c in codings if c["observation_id"].endswith(".120-174"))
    assert (nested["code_id"], nested["direction"]) == ("participation", "hinders")  # Participation > Hinders
    mixed = next(c for c in codings if c["code_id"] == "capacity.networks-of-officers")
    assert mixed["direction"] == "mixed" and {c["confidence"] for c in codings} == {"sourced"}


def test_qdpx_reimport_adds_nothing_and_leaves_files_identical(data, tmp_path):
    qdpx = write_qdpx(tmp_path / "interviews.qdpx")
    first = import_evidence(qdpx, data)
    before = snapshot(data)
    again = import_evidence(qdpx, data)
    assert snapshot(data) == before
    assert again.imported == 0 and again.already_present == first.imported
    assert again.added == {"sources": 0, "observations": 0, "codes": 0, "codings": 0}
    assert again.codes_present == first.codes_present + first.added["codes"]


def test_import_keeps_existing_rows_byte_identical(data, tmp_path):
    before = {name: (data / name).read_bytes() for name in ("sources.csv", "observations.csv", "codes.csv", "codings.csv")}
    import_evidence(write_qdpx(tmp_path / "interviews.qdpx"), data)
    for name, content in before.items():
        after = (data / name).read_bytes()
        assert after.startswith(content) and b"\r" not in after[len(content):]


def test_qdc_imports_codes_only(data, tmp_path):
    report = import_evidence(write_qdc(tmp_path / "codebook.qdc"), data)
    assert (report.total, report.added["codes"], report.codes_present) == (0, 1, 3)  # participation, its child, leadership
    assert report.added["observations"] == report.added["codings"] == 0
    code = next(row for row in rows(data, "codes") if row["code_id"] == "leadership.arweinyddiaeth-a-rennir")
    assert (code["parent_id"], code["description"]) == ("leadership", "Arweinwyr ar y cyd.")
    assert import_evidence(write_qdc(tmp_path / "codebook.qdc"), data).added["codes"] == 0


@pytest.mark.parametrize("writer, name", [(write_taguette_csv, "all_tags.csv"), (write_taguette_xlsx, "all_tags.xlsx")])
def test_taguette_highlights_import(data, tmp_path, writer, name):
    report = import_evidence(writer(tmp_path / name), data, cases=write_case_map(tmp_path / "cases.csv"))
    assert (report.total, report.imported) == (SELECTIONS_IN_TAGUETTE, IMPORTED_FROM_TAGUETTE)
    assert report.imported + report.already_present + len(report.skipped) == report.total
    assert reasons(report) == ["direction marker without content code", "empty text", "no code", "unmatched case"]
    codings = {c["observation_id"].rsplit(".", 1)[1]: c for c in new_rows(data, "codings", "taguette-")}
    assert (codings["1"]["code_id"], codings["1"]["direction"]) == ("participation.lived-experience", "enables")
    assert (codings["2"]["code_id"], codings["2"]["direction"]) == ("capacity", "hinders")  # Capacity.Hinders
    assert (codings["3"]["partnership_id"], codings["3"]["region_id"]) == ("rw-lpip", "rw")  # acronym 'Rural Wales LPIP'
    assert codings["1"]["partnership_id"] == "ypip"  # from the --cases file
    assert codings["1"]["coder"] == "all_tags"  # no user in the file: its name
    texts = [o["text"] for o in new_rows(data, "observations", "taguette-")]
    assert any(WELSH_IRISH in text for text in texts)
    before = snapshot(data)
    assert import_evidence(tmp_path / name, data, cases=tmp_path / "cases.csv").already_present == IMPORTED_FROM_TAGUETTE
    assert snapshot(data) == before


def test_options_set_visibility_coder_and_source_kind(data, tmp_path):
    import_evidence(write_qdpx(tmp_path / "workshop.qdpx"), data, visibility="public", coder="Team A",
                    source_kind="workshop")
    assert {(s["kind"], s["visibility"]) for s in new_rows(data, "sources", "qda-")} == {("workshop", "public")}
    assert {c["coder"] for c in new_rows(data, "codings", "qda-")} == {"Team A"}


def test_dry_run_writes_nothing(data, tmp_path):
    before = snapshot(data)
    report = import_evidence(write_qdpx(tmp_path / "interviews.qdpx"), data, dry_run=True)
    assert report.added["observations"] == IMPORTED_FROM_QDPX
    assert snapshot(data) == before
    assert "would add: 2 sources, 4 observations, 3 codes, 6 codings" in report.format()


def test_cli_imports_end_to_end(data, tmp_path, capsys):
    qdpx = write_qdpx(tmp_path / "interviews.qdpx")
    assert main(["evidence", "import", str(qdpx), "--data", str(data), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "selections in the file: 10" in out and "unmatched case 'Somewhere else'" in out
    assert "3 coding(s) had no direction code: recorded as neutral" in out and "would add:" in out
    assert main(["evidence", "import", str(qdpx), "--data", str(data)]) == 0
    assert "added: 2 sources, 4 observations, 3 codes, 6 codings" in capsys.readouterr().out


def test_cli_reports_bad_input_in_one_message(data, tmp_path, capsys):
    before = snapshot(data)
    bad = tmp_path / "notes.txt"
    bad.write_text("hello", encoding="utf-8")
    assert main(["evidence", "import", str(bad), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: unknown file type '.txt'" in err and "Traceback" not in err
    assert snapshot(data) == before


def test_imported_data_validates_and_builds_with_restricted_evidence_hidden_in_public(data, tmp_path):
    import_evidence(write_qdpx(tmp_path / "interviews.qdpx"), data)
    _, problems = validate_folder(data)
    assert problems == []
    counts = {}
    for mode in ("public", "research"):
        out = tmp_path / f"{mode}.duckdb"
        build_database(data, out, mode=mode)
        with duckdb.connect(str(out), read_only=True) as con:
            counts[mode] = [con.execute(f"SELECT count(*) FROM {table} WHERE {column} LIKE 'qda-%'").fetchone()[0]
                            for table, column in (("sources", "source_id"), ("observations", "observation_id"),
                                                  ("codings", "coding_id"))]
            restricted = con.execute("SELECT count(*) FROM observations WHERE visibility = 'restricted'").fetchone()[0]
            assert (restricted == 0) == (mode == "public")
    assert counts == {"public": [0, 0, 0], "research": [2, 4, 6]}


def test_slugs_are_ascii_and_fit_the_id_pattern():
    assert slug("Béal Feirste — ŵ, ŷ") == "beal-feirste-w-y"
    assert slug("Straße / Øresund") == "strasse-oresund"
    assert slug("  Lived experience ") == "lived-experience"
