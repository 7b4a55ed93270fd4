"""Property tests for validation: whatever a CSV cell or file holds, validation answers with messages
(file, line, column), never an exception; and a cell it accepts is one the build and the app can use
(issue 14). Examples are bounded; no example database is written."""

from __future__ import annotations

import csv
import io
import math
import shutil
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lpipdata import dates
from lpipdata.safe import safe_url
from lpipdata.schema import SQL_TYPES, Field, load_schema
from lpipdata.validate import Problem, check_value, validate_folder
from tests.conftest import FIXTURES

SCHEMA = load_schema()
DUCKDB = duckdb.connect()
FIELDS = [(table.name, field) for table in SCHEMA.tables for field in table.fields]
CELLS = settings(max_examples=150, deadline=None, database=None)
FILES = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Text a spreadsheet or a hand edit can leave in a cell: any character but lone surrogates (not UTF-8).
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
date_like = (st.from_regex(r"-?[0-9]{1,5}(-[0-9]{1,3}(-[0-9]{1,3})?)?", fullmatch=True)
             | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat)
             | st.sampled_from(["0000", "0000-01-01", "1799-12-31", "2100", "2024-02-30", "01/04/2014", "٢٠٢٤"]))
number_like = (st.floats(allow_nan=True, allow_infinity=True).map(repr) | st.integers().map(str)
               | st.sampled_from(["1e400", "-1e400", "nan", "inf", "-0", "0x10", "1_000", " 3", "५३.८", "53.8,",
                                  "53.8e0", "+53.8", ".5", "5."]))
url_like = st.builds(lambda scheme, rest: scheme + rest,
                     st.sampled_from(["http://", "https://", "HTTP://", "javascript:", "data:text/html,", "file:///",
                                      "//", "ftp://", "mailto:", " https://", ""]), any_text)


def cells_for(field: Field) -> st.SearchStrategy[str]:
    """Cells aimed at the field's type, plus any text at all."""
    aimed = [any_text]
    if field.is_partial_date:
        aimed.append(date_like)
    if field.type in ("number", "integer"):
        aimed.append(number_like)
    if field.enum:
        aimed.append(st.sampled_from(field.enum).flatmap(
            lambda value: st.sampled_from([value, value.upper(), f" {value}", value + "\u200b"])))
    if field.pattern_message:  # the web address columns
        aimed.append(url_like)
    return st.one_of(aimed)


def kind(field: Field) -> str:
    if field.is_partial_date:
        return "partial date"
    if field.type in ("number", "integer"):
        return "number"
    if field.enum:
        return "enum"
    if field.pattern_message:
        return "web address"
    return "pattern" if field.pattern else "text"


KINDS = sorted({kind(field) for _, field in FIELDS})


@pytest.mark.parametrize("column_kind", KINDS)
@CELLS
@given(data=st.data())
def test_any_cell_gets_a_message_or_is_usable(column_kind, data):
    """Per column type: every cell is refused with a message or is one the build and the app can use."""
    table, field = data.draw(st.sampled_from([pair for pair in FIELDS if kind(pair[1]) == column_kind]))
    cell = data.draw(cells_for(field) | st.none())
    message = check_value(field, cell)
    assert message is None or (isinstance(message, str) and message), (table, field.name, cell)
    if message is not None or cell is None:
        return
    # Accepted: the build's SQL and the app's code can use it as it is.
    assert cell == cell.strip()
    if field.is_partial_date:
        first, last = dates.bounds(cell)
        assert dates.YEAR_RANGE[0] <= first.year <= last.year <= dates.YEAR_RANGE[1]
    if field.type in ("number", "integer"):
        number = float(cell)
        assert math.isfinite(number)
        # The build hands the text to DuckDB, which reads only ASCII numbers (Python's float() reads '५३.८').
        assert DUCKDB.execute(f"SELECT CAST($cell AS {SQL_TYPES[field.type]})", {"cell": cell}).fetchone()[0] == number
        assert field.minimum is None or number >= field.minimum
        assert field.maximum is None or number <= field.maximum
    if field.enum:
        assert cell in field.enum
    if field.pattern_message:
        assert safe_url(cell) == cell, cell


def table_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def rows_for(table_name: str) -> st.SearchStrategy[list[list[str]]]:
    fields = SCHEMA.table(table_name).fields
    row = st.tuples(*[cells_for(f) | st.just("") for f in fields]).map(list)
    # Rows of the wrong width too, as a hand edit in a text editor leaves them.
    ragged = st.lists(any_text, max_size=len(fields) + 2)
    return st.lists(row | ragged, min_size=0, max_size=6)


@FILES
@given(st.sampled_from(SCHEMA.names).flatmap(lambda name: st.tuples(st.just(name), rows_for(name))))
def test_any_rows_in_a_table_get_messages_naming_file_line_and_column(name_and_rows):
    name, rows = name_and_rows
    table = SCHEMA.table(name)
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        shutil.copytree(FIXTURES / "data", data_dir)
        text = table_text(table.columns, rows)
        (data_dir / table.path).write_text(text, encoding="utf-8")
        _, problems = validate_folder(data_dir)
    assert all(isinstance(p, Problem) and p.path.endswith(table.path) or p.path for p in problems)
    for problem in problems:
        assert problem.line >= 0 and problem.column and problem.message, problem
    if any(check_value(f, (row[i] or None)) for row in rows if len(row) == len(table.columns)
           for i, f in enumerate(table.fields)):
        assert any(p.path.endswith(table.path) for p in problems)


@FILES
@given(st.sampled_from(SCHEMA.names), st.binary(max_size=300))
def test_any_bytes_in_a_table_file_get_messages_not_an_exception(name, raw):
    table = SCHEMA.table(name)
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        shutil.copytree(FIXTURES / "data", data_dir)
        (data_dir / table.path).write_bytes(",".join(table.columns).encode() + b"\n" + raw)
        _, problems = validate_folder(data_dir)
    assert all(p.message for p in problems)
