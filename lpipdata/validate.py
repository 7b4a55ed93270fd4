"""Check the CSVs in a data folder against the schema and report every problem.

Each problem names the file, the line, the column and what is wrong, e.g.
``data/partnerships.csv:14: founded: '2021-13-01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)``.
Nothing here stops at the first problem: a researcher fixing a file wants the whole list.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lpipdata import dates
from lpipdata.schema import Field, Schema, Table, load_schema


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.column}: {self.message}"


class SchemaError(ValueError):
    """Raised with every problem found, so callers can print them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Rows:
    """The parsed rows of one CSV: (line number, {column: value or None})."""

    table: Table
    path: str
    records: list[tuple[int, dict[str, str | None]]]


def validate_folder(data_dir: Path, schema: Schema | None = None) -> tuple[dict[str, Rows], list[Problem]]:
    """Read and check every table's CSV in `data_dir`; return the rows and all problems."""
    schema = schema or load_schema(data_dir / "datapackage.json" if (data_dir / "datapackage.json").exists() else None)
    tables: dict[str, Rows] = {}
    problems: list[Problem] = []
    for table in schema.tables:
        rows, found = read_table(data_dir, table)
        problems += found
        if rows is not None:
            tables[table.name] = rows
    problems += check_keys(tables)
    return tables, problems


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_table(data_dir: Path, table: Table) -> tuple[Rows | None, list[Problem]]:
    path = data_dir / table.path
    shown = display_path(path)
    if not path.exists():
        return None, [Problem(shown, 0, "(file)", f"file not found; add {table.path} with header: {','.join(table.columns)}")]
    text, problem = decode(path.read_bytes(), shown)
    if problem:
        return None, [problem]
    records, problems = parse_csv(text, shown, table)
    if records is None:
        return None, problems
    rows = Rows(table, shown, records)
    for line, record in records:
        problems += check_row(table, shown, line, record)
    return rows, problems


def decode(raw: bytes, shown: str) -> tuple[str, Problem | None]:
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return "", Problem(shown, line, "(file)", "contains a NUL byte; is it a spreadsheet (.xlsx) rather than CSV?")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start : err.start + 1].hex()
        return "", Problem(shown, line, "(file)", f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8")


def parse_csv(text: str, shown: str, table: Table) -> tuple[list | None, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as err:
        return None, [Problem(shown, 1, "(file)", f"does not parse as CSV: {err}")]
    if header is None:
        return None, [Problem(shown, 1, "(header)", f"file is empty; expected header: {','.join(table.columns)}")]
    problems = check_header(header, table, shown)
    if problems:
        return None, problems
    records: list[tuple[int, dict[str, str | None]]] = []
    line = reader.line_num + 1
    try:
        for values in reader:
            if values:
                problem = check_width(values, header, shown, line)
                if problem:
                    problems.append(problem)
                else:
                    records.append((line, {name: (v if v != "" else None) for name, v in zip(header, values)}))
            line = reader.line_num + 1
    except csv.Error as err:
        problems.append(Problem(shown, line, "(row)", f"does not parse as CSV: {err}"))
    return records, problems


def check_header(header: list[str], table: Table, shown: str) -> list[Problem]:
    expected = table.columns
    problems = [Problem(shown, 1, name, "missing column") for name in expected if name not in header]
    problems += [Problem(shown, 1, name, f"unknown column (expected: {','.join(expected)})")
                 for name in header if name not in expected]
    seen = set()
    for name in header:
        if name in seen:
            problems.append(Problem(shown, 1, name, "column appears twice"))
        seen.add(name)
    return problems


def check_width(values: list[str], header: list[str], shown: str, line: int) -> Problem | None:
    if len(values) == len(header):
        return None
    return Problem(shown, line, "(row)", f"has {len(values)} fields but the header has {len(header)}")


def check_row(table: Table, shown: str, line: int, record: dict[str, str | None]) -> list[Problem]:
    problems = []
    for f in table.fields:
        message = check_value(f, record.get(f.name))
        if message:
            problems.append(Problem(shown, line, f.name, message))
    for rule in table.rules:
        message = check_rule(rule.rule, [record.get(name) for name in rule.fields], rule.message)
        if message:
            problems.append(Problem(shown, line, rule.fields[-1], message))
    return problems


def check_value(f: Field, value: str | None) -> str | None:
    """The problem with one cell, or None."""
    if value is None:
        return "required value is empty" if f.required else None
    if value != value.strip():
        return f"{value!r} has leading or trailing spaces"
    if f.type in ("number", "integer"):
        return check_number(f, value)
    if f.is_partial_date:
        try:
            dates.parse(value)
        except ValueError as err:
            return str(err)
    if f.enum and value not in f.enum:
        return f"{value!r} is not one of: {', '.join(f.enum)}"
    if f.pattern and not re.fullmatch(f.pattern, value):
        return f"{value!r} {f.pattern_message or 'does not match the pattern ' + f.pattern}"
    return None


# Numbers as the build's DuckDB reads them: ASCII digits only (Python's float() also reads '५३.८' and '1_000').
NUMBER_TEXT = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")


def check_number(f: Field, value: str) -> str | None:
    form = INTEGER_TEXT if f.type == "integer" else NUMBER_TEXT
    if not form.fullmatch(value):
        return f"{value!r} is not {'a whole number' if f.type == 'integer' else 'a number'}"
    number = int(value) if f.type == "integer" else float(value)
    if number != number or number in (float("inf"), float("-inf")):
        return f"{value!r} is not a finite number"
    low, high = f.minimum, f.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        what = f.range_message or "is out of range"
        return f"{value} {what} (allowed {low} to {high})"
    return None


def check_rule(rule: str, values: list[str | None], message: str) -> str | None:
    if rule == "not_after":
        first, second = values
        if first and second and dates.is_partial_date(first) and dates.is_partial_date(second):
            return None if dates.not_after(first, second) else f"{message} ({first} > {second})"
        return None
    if rule == "together":
        return message if any(values) and not all(values) else None
    if rule == "one_of":
        return message if not any(values) else None
    raise ValueError(f"unknown rule {rule!r} in datapackage.json")


def check_keys(tables: dict[str, Rows]) -> list[Problem]:
    problems = []
    for rows in tables.values():
        problems += duplicate_keys(rows)
        for fk in rows.table.foreign_keys:
            if fk.table in tables:
                problems += dangling_references(rows, fk.fields, tables[fk.table], fk.ref_fields)
            if fk.table == rows.table.name and len(fk.fields) == 1:
                problems += parent_loops(rows, fk.fields[0], fk.ref_fields[0])
    return problems


def parent_loops(rows: Rows, parent: str, key: str) -> Iterator[Problem]:
    """A row that is its own ancestor (e.g. a code nested under itself), reported once per loop."""
    keyed = [(line, rec) for line, rec in rows.records if rec.get(key) is not None]  # empty keys: reported already
    parent_of = {rec[key]: rec.get(parent) for _, rec in keyed}
    line_of = {rec[key]: line for line, rec in keyed}
    reported: set[str] = set()
    for start in parent_of:
        chain, node = [start], parent_of.get(start)
        while node is not None and node not in chain and node in parent_of:
            chain.append(node)
            node = parent_of[node]
        if node == start and start not in reported:
            reported.update(chain)
            loop = " -> ".join([*chain, start])
            yield Problem(rows.path, line_of[start], parent, f"{parent} makes a loop ({loop}); a row cannot sit under itself")


def _key(record: dict[str, str | None], fields: tuple[str, ...]) -> tuple:
    return tuple(record.get(f) for f in fields)


def duplicate_keys(rows: Rows) -> Iterator[Problem]:
    first_line: dict[tuple, int] = {}
    pk = rows.table.primary_key
    for line, record in rows.records:
        key = _key(record, pk)
        if None in key:
            continue
        if key in first_line:
            shown = ", ".join(f"{f}={v}" for f, v in zip(pk, key))
            yield Problem(rows.path, line, pk[-1], f"duplicate key ({shown}) in {rows.table.name}; first on line {first_line[key]}")
        else:
            first_line[key] = line


def dangling_references(rows: Rows, fields: tuple[str, ...], target: Rows, ref_fields: tuple[str, ...]) -> Iterator[Problem]:
    known = {_key(r, ref_fields) for _, r in target.records}
    for line, record in rows.records:
        key = _key(record, fields)
        if None not in key and key not in known:
            shown = ", ".join(str(v) for v in key)
            yield Problem(rows.path, line, fields[-1], f"'{shown}' not found in {target.table.name}.{', '.join(ref_fields)}")
