"""data/datapackage.json itself: a broken file gets one message with its line and column, and the
package is valid for the reference Frictionless validator, so anyone's tools can read our data (issue 14)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from lpipdata import dates
from lpipdata.config import PROJECT_ROOT
from lpipdata.schema import SchemaFileError, load_schema
from lpipdata.validate import validate_folder
from tests.conftest import copy_fixture_data

DATAPACKAGE = PROJECT_ROOT / "data" / "datapackage.json"


def truncated_copy(tmp_path):
    """The fixture data with its datapackage.json cut off mid-file, as an interrupted save leaves it."""
    data_dir = copy_fixture_data(tmp_path / "data")
    text = DATAPACKAGE.read_text(encoding="utf-8")
    (data_dir / "datapackage.json").write_text(text[:3000], encoding="utf-8")
    line = text[:3000].count("\n") + 1
    return data_dir, line


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lpipdata", *args], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=120)


def test_a_truncated_datapackage_is_one_message_with_file_line_and_column(tmp_path):
    data_dir, line = truncated_copy(tmp_path)
    with pytest.raises(SchemaFileError) as raised:
        validate_folder(data_dir)
    message = str(raised.value)
    assert re.match(rf"{re.escape(str(data_dir / 'datapackage.json'))}:{line}:\d+: not valid JSON: ", message), message


@pytest.mark.parametrize("command", ["validate", "build"])
def test_the_command_line_prints_the_message_not_a_traceback(tmp_path, command):
    data_dir, line = truncated_copy(tmp_path)
    out = tmp_path / "lpip.duckdb"
    out.write_bytes(b"previous database")
    args = ["validate", str(data_dir)] if command == "validate" else ["build", "--data", str(data_dir), "--out", str(out)]
    result = run_cli(*args)
    both = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in both, both
    assert f"datapackage.json:{line}:" in both and "not valid JSON" in both, both
    assert out.read_bytes() == b"previous database"


@pytest.mark.parametrize("damage, expected", [
    (lambda package: package.pop("resources"), "has no 'resources' list"),
    (lambda package: package["resources"][0]["schema"]["fields"][0].pop("name"), "resources[0] (sources): field 0 has no 'name'"),
    (lambda package: package["resources"].append("sources.csv"), "resources[13] is not an object"),
])
def test_a_datapackage_of_the_wrong_shape_is_one_message(tmp_path, damage, expected):
    package = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    damage(package)
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(SchemaFileError, match=re.escape(expected)):
        load_schema(path)


def test_partial_dates_use_a_standard_pattern_and_a_namespaced_format():
    """Table Schema allows only its own formats; ours is a custom property (lpip:format) beside a standard
    `pattern` constraint that any Frictionless tool enforces."""
    package = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    partial = [(resource["name"], field) for resource in package["resources"]
               for field in resource["schema"]["fields"] if field.get("lpip:format") == "partial-date"]
    assert len(partial) == 8
    for table, field in partial:
        assert "format" not in field, (table, field["name"])
        assert field["constraints"]["pattern"] == dates.PARTIAL_DATE_PATTERN, (table, field["name"])
        assert load_schema().table(table).field(field["name"]).is_partial_date


@pytest.mark.parametrize("text, valid", [("2014", True), ("2014-04", True), ("2014-04-31", True), ("1800", True),
                                         ("2099-12", True), ("0000", False), ("1799", False), ("2100", False),
                                         ("2014-13", False), ("2014-00", False), ("2014-04-32", False), ("14", False)])
def test_the_standard_pattern_agrees_with_the_atlas_parser_on_form_and_range(text, valid):
    """The pattern checks the form and the year range; the day of the month (30 April) is our validator's."""
    assert bool(re.fullmatch(dates.PARTIAL_DATE_PATTERN, text)) == valid
    if text != "2014-04-31":
        assert dates.is_partial_date(text) == valid


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["data", "fixture"])
def test_the_reference_frictionless_validator_accepts_the_package(tmp_path, folder):
    """frictionless-py (pinned in requirements.txt) validates the schema, every row, and the keys."""
    import frictionless  # pinned in requirements.txt: a missing validator is a failure, not a skip
    data_dir = PROJECT_ROOT / "data" if folder == "data" else copy_fixture_data(tmp_path / "data")
    if folder == "data":  # validate a copy: the reference validator must not see a half-written build
        data_dir = tmp_path / "data"
        shutil.copytree(PROJECT_ROOT / "data", data_dir, ignore=shutil.ignore_patterns("*.duckdb*", "geo", "stories"))
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    errors = [f"{task.name}: {error.type}: {error.message}" for task in report.tasks for error in task.errors]
    errors += [f"package: {error.type}: {error.message}" for error in report.errors]
    assert report.valid, "\n".join(errors[:20])
    assert len(report.tasks) == len(load_schema().tables)
