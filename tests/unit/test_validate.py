"""Every malformed input gets a message naming the file, the line and the column."""

from __future__ import annotations

import pytest

from lpipdata.validate import validate_folder
from tests.conftest import copy_fixture_data


def replace_line(path, line_number, new_text):
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_number - 1] = new_text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def edit_cell(path, line_number, column, value):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[line_number - 1].split(",")
    cells[header.index(column)] = value
    lines[line_number - 1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def drop_column(path, column):
    lines = path.read_text(encoding="utf-8").splitlines()
    index = lines[0].split(",").index(column)
    path.write_text("\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != index) for line in lines) + "\n")


def append_line(path, text):
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text + "\n")


# (file, mutation, expected "line: column: message" prefix)
CASES = {
    "missing column": ("partnerships.csv", lambda p: drop_column(p, "acronym"), "1: acronym: missing column"),
    "extra column": ("issues.csv", lambda p: p.write_text(p.read_text().replace("description\n", "description,colour\n", 1)
                                                              .replace("Fixture issue\n", "Fixture issue,red\n")),
                     "1: colour: unknown column"),
    "duplicate column": ("issues.csv", lambda p: p.write_text("issue_id,name,theme,theme\nx,X,water,water\n"),
                         "1: theme: column appears twice"),
    "not a number": ("organisations.csv", lambda p: edit_cell(p, 2, "lat", "north"), "2: lat: 'north' is not a number"),
    "bad month": ("partnerships.csv", lambda p: edit_cell(p, 3, "founded", "2021-13-01"),
                  "3: founded: '2021-13-01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "bad day": ("events.csv", lambda p: edit_cell(p, 2, "date", "2024-02-30"), "2: date: '2024-02-30' is not a date"),
    "british date format": ("memberships.csv", lambda p: edit_cell(p, 12, "since", "01/04/2014"),
                            "12: since: '01/04/2014' is not a date"),
    "unknown enum": ("partnerships.csv", lambda p: edit_cell(p, 4, "scale", "galactic"),
                     "4: scale: 'galactic' is not one of: neighbourhood"),
    "duplicate key": ("partnerships.csv", lambda p: append_line(p, "ypip,Copy,,region,,,,,yh,,,gtr-ypip,sourced,"),
                      "11: partnership_id: duplicate key (partnership_id=ypip) in partnerships; first on line 3"),
    "duplicate composite key": ("memberships.csv", lambda p: append_line(p, "ypip,uni-leeds,lead,,,gtr-ypip,sourced,"),
                                "25: role: duplicate key (partnership_id=ypip, org_id=uni-leeds, role=lead)"),
    "dangling foreign key": ("memberships.csv", lambda p: edit_cell(p, 8, "org_id", "nobody"),
                             "8: org_id: 'nobody' not found in organisations.org_id"),
    "dangling cyclic key": ("regions.csv", lambda p: edit_cell(p, 2, "lead_org_id", "ghost-org"),
                            "2: lead_org_id: 'ghost-org' not found in organisations.org_id"),
    "dangling source": ("events.csv", lambda p: edit_cell(p, 3, "source_id", "no-such-source"),
                        "3: source_id: 'no-such-source' not found in sources.source_id"),
    "latitude outside UK": ("organisations.csv", lambda p: edit_cell(p, 3, "lat", "40.7"),
                            "3: lat: 40.7 is outside the UK (allowed 49.8 to 60.9)"),
    "longitude outside UK": ("organisations.csv", lambda p: edit_cell(p, 4, "lon", "5.2"),
                             "4: lon: 5.2 is outside the UK (allowed -8.7 to 1.8)"),
    "lat without lon": ("organisations.csv", lambda p: edit_cell(p, 5, "lon", ""),
                        "5: lon: lat and lon must be given together"),
    "founded after ended": ("partnerships.csv", lambda p: edit_cell(p, 9, "ended", "2009"),
                            "9: ended: founded is after ended (2011 > 2009)"),
    "since after until": ("memberships.csv", lambda p: edit_cell(p, 23, "until", "2010"),
                          "23: until: since is after until (2011 > 2010)"),
    "empty required": ("organisations.csv", lambda p: edit_cell(p, 2, "name", ""), "2: name: required value is empty"),
    "stray spaces": ("regions.csv", lambda p: edit_cell(p, 3, "nation", " Wales"),
                     "3: nation: ' Wales' has leading or trailing spaces"),
    "id pattern": ("organisations.csv", lambda p: edit_cell(p, 2, "org_id", "Uni Leeds"),
                   "2: org_id: 'Uni Leeds' does not match the pattern"),
    "unknown direction": ("codings.csv", lambda p: edit_cell(p, 2, "direction", "helps"),
                          "2: direction: 'helps' is not one of: enables, hinders, mixed, neutral"),
    "coding without a case": ("codings.csv", lambda p: (edit_cell(p, 3, "partnership_id", ""),
                                                        edit_cell(p, 3, "region_id", "")),
                              "3: partnership_id: give region_id or partnership_id"),
    "coding of an unknown code": ("codings.csv", lambda p: edit_cell(p, 4, "code_id", "trust"),
                                  "4: code_id: 'trust' not found in codes.code_id"),
    "coding without a coder": ("codings.csv", lambda p: edit_cell(p, 2, "coder", ""),
                               "2: coder: required value is empty"),
    "code under itself": ("codes.csv", lambda p: edit_cell(p, 2, "parent_id", "participation.panel"),
                          "2: parent_id: parent_id makes a loop (participation -> participation.panel -> participation)"),
    "unknown dimension": ("codes.csv", lambda p: edit_cell(p, 4, "dimension", "trust"),
                          "4: dimension: 'trust' is not one of: participation, confidence"),
    "area code pattern": ("region_areas.csv", lambda p: edit_cell(p, 2, "area_code", "LEEDS"),
                          "2: area_code: 'LEEDS' does not match the pattern"),
    "neither region nor partnership": ("observations.csv", lambda p: replace_line(
        p, 2, "obs-panel,gtr-ypip,,,Text,public,sourced,"),
        "2: partnership_id: give region_id or partnership_id"),
    "too many fields": ("issues.csv", lambda p: append_line(p, "extra,Extra,water,desc,surplus"),
                        "8: (row): has 5 fields but the header has 4"),
    "not UTF-8": ("issues.csv", lambda p: p.write_bytes(p.read_bytes() + "caf\u00e9,Caf\u00e9,culture,x\n".encode("latin-1")),
                  "8: (file): not valid UTF-8 (byte 0xe9)"),
    "unclosed quote": ("events.csv", lambda p: append_line(p, 'broken,2024,,"Unclosed title,launch,yh,,,brief,sourced,'),
                       "9: (row): does not parse as CSV"),
    "stray quote": ("issues.csv", lambda p: append_line(p, 'q,"Quoted"text,water,x'),
                    "8: (row): does not parse as CSV"),
    "NUL byte": ("issues.csv", lambda p: p.write_bytes(p.read_bytes() + b"nul,N\x00L,water,x\n"),
                 "8: (file): contains a NUL byte"),
    # Only http and https addresses are links (issue 14, failure 3): not javascript:, data:, file: or relative.
    "javascript url": ("sources.csv", lambda p: edit_cell(p, 3, "url", "javascript:alert(1)"),
                       "3: url: 'javascript:alert(1)' is not a web address: only http:// and https:// links are allowed"),
    "data url": ("sources.csv", lambda p: edit_cell(p, 3, "url", "data:text/html;base64;PHNjcmlwdD4"),
                 "3: url: 'data:text/html;base64;PHNjcmlwdD4' is not a web address"),
    "relative url": ("sources.csv", lambda p: edit_cell(p, 3, "url", "//evil.example/x"),
                     "3: url: '//evil.example/x' is not a web address"),
    "javascript website": ("organisations.csv", lambda p: edit_cell(p, 2, "website", "javascript:void(0)"),
                           "2: website: 'javascript:void(0)' is not a web address"),
    "file website": ("partnerships.csv", lambda p: edit_cell(p, 3, "website", "file:///etc/passwd"),
                     "3: website: 'file:///etc/passwd' is not a web address"),
    # Dates of the right form but outside any sensible range (issue 14, failure 4).
    "year 0000": ("partnerships.csv", lambda p: edit_cell(p, 3, "founded", "0000"),
                  "3: founded: '0000' is outside the years 1800 to 2099"),
    "year 0000 with a day": ("events.csv", lambda p: edit_cell(p, 2, "date", "0000-01-01"),
                             "2: date: '0000-01-01' is outside the years 1800 to 2099"),
    "far future": ("sources.csv", lambda p: edit_cell(p, 3, "published", "9999-12-31"),
                   "3: published: '9999-12-31' is outside the years 1800 to 2099"),
    "empty file": ("issues.csv", lambda p: p.write_text(""), "1: (header): file is empty"),
    "missing file": ("events.csv", lambda p: p.unlink(), "0: (file): file not found"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_input_is_reported_precisely(tmp_path, case):
    data_dir = copy_fixture_data(tmp_path / "data")
    filename, mutate, expected = CASES[case]
    mutate(data_dir / filename)
    _, problems = validate_folder(data_dir)
    messages = [str(p) for p in problems]
    wanted = f"{data_dir / filename}:{expected}"
    assert any(m.startswith(wanted) for m in messages), f"expected {wanted!r} in {messages}"


def test_clean_fixture_has_no_problems(tiny_data_dir):
    _, problems = validate_folder(tiny_data_dir)
    assert problems == []


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    data_dir = copy_fixture_data(tmp_path / "data")
    edit_cell(data_dir / "partnerships.csv", 3, "founded", "2021-13-01")
    edit_cell(data_dir / "organisations.csv", 2, "lat", "99")
    edit_cell(data_dir / "events.csv", 2, "kind", "party")
    _, problems = validate_folder(data_dir)
    assert {p.column for p in problems} >= {"founded", "lat", "kind"}


def test_year_and_month_dates_keep_their_precision(tiny_data_dir):
    tables, _ = validate_folder(tiny_data_dir)
    founded = {rec["partnership_id"]: rec["founded"] for _, rec in tables["partnerships"].records}
    assert founded["leeds-climate"] == "2017"
    assert founded["ypip"] == "2024-02"
