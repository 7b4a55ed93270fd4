"""The one declarative schema: ``data/datapackage.json`` (a Frictionless Data Package).

Everything else is generated from it: the DuckDB DDL (:func:`to_ddl`), the validation
(:mod:`lpipdata.validate`), the synthetic data (:mod:`lpipdata.synth`) and the data
dictionary (:func:`data_dictionary`, written to ``docs/data-dictionary.md``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lpipdata.config import PROJECT_ROOT
from lpipdata.dates import YEAR_RANGE

DATAPACKAGE = PROJECT_ROOT / "data" / "datapackage.json"
SQL_TYPES = {"string": "VARCHAR", "number": "DOUBLE", "integer": "BIGINT", "boolean": "BOOLEAN"}
DATE_PATTERN_SQL = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    format: str | None = None
    range_message: str | None = None
    pattern_message: str | None = None

    @property
    def is_partial_date(self) -> bool:
        return self.format == "partial-date"


class SchemaFileError(ValueError):
    """datapackage.json cannot be read: one message naming the file (and the line and column when the
    JSON itself is broken), for the command line and the build to print instead of a traceback."""


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    ref_fields: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """A check across fields of one row: 'not_after', 'together' or 'one_of'."""

    rule: str
    fields: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    rules: tuple[Rule, ...] = ()
    path: str = ""

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class Schema:
    tables: tuple[Table, ...] = field(default_factory=tuple)

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.tables]


def _field(spec: dict) -> Field:
    constraints = spec.get("constraints", {})
    return Field(
        name=spec["name"],
        type=spec.get("type", "string"),
        description=spec.get("description", ""),
        required=bool(constraints.get("required", False)),
        enum=tuple(constraints.get("enum", ())),
        pattern=constraints.get("pattern"),
        minimum=constraints.get("minimum"),
        maximum=constraints.get("maximum"),
        # Table Schema allows only its own formats, so ours ("partial-date") is a namespaced property.
        format=spec.get("lpip:format", spec.get("format")),
        range_message=spec.get("lpip:outOfRange"),
        pattern_message=spec.get("lpip:patternMessage"),
    )


def _table(resource: dict) -> Table:
    schema = resource["schema"]
    return Table(
        name=resource["name"],
        title=resource.get("title", resource["name"]),
        description=resource.get("description", ""),
        fields=tuple(_field(f) for f in schema["fields"]),
        primary_key=tuple(schema.get("primaryKey", ())),
        foreign_keys=tuple(
            ForeignKey(tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
            for fk in schema.get("foreignKeys", ())
        ),
        rules=tuple(Rule(r["rule"], tuple(r["fields"]), r["message"]) for r in schema.get("lpip:rules", ())),
        path=resource.get("path", f"{resource['name']}.csv"),
    )


def load_schema(path: Path | None = None) -> Schema:
    """Read the data package at `path` (default: the project's data/datapackage.json)."""
    return _load_schema(str(path or DATAPACKAGE))


@cache
def _load_schema(path: str) -> Schema:
    try:
        package = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise SchemaFileError(f"{path}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}") from None
    except UnicodeDecodeError as err:
        raise SchemaFileError(f"{path}: not valid UTF-8 (byte {err.start}); save the file as UTF-8") from None
    except OSError as err:
        raise SchemaFileError(f"{path}: cannot be read: {err.strerror or err}") from None
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list):
        raise SchemaFileError(f"{path}: has no 'resources' list; is this a Frictionless data package?")
    return Schema(tables=tuple(_checked_table(path, index, resource) for index, resource in enumerate(resources)))


def _checked_table(path: str, index: int, resource) -> Table:
    """One resource as a Table, or a SchemaFileError saying which resource and field is malformed."""
    where = f"{path}: resources[{index}]"
    if not isinstance(resource, dict):
        raise SchemaFileError(f"{where} is not an object")
    where += f" ({resource.get('name', 'no name')})"
    schema = resource.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise SchemaFileError(f"{where}: has no schema with a 'fields' list")
    for number, spec in enumerate(schema["fields"]):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise SchemaFileError(f"{where}: field {number} has no 'name'")
        if spec.get("type", "string") not in SQL_TYPES:
            raise SchemaFileError(f"{where}: field {spec['name']!r} has type {spec.get('type')!r}; "
                                  f"expected one of {', '.join(SQL_TYPES)}")
    try:
        return _table(resource)
    except (KeyError, TypeError, AttributeError) as err:
        raise SchemaFileError(f"{where}: malformed ({type(err).__name__}: {err})") from None


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column_ddl(f: Field) -> list[str]:
    parts = [f"{f.name} {SQL_TYPES[f.type]}"]
    if f.required:
        parts.append("NOT NULL")
    checks = []
    if f.enum:
        checks.append(f"{f.name} IN ({', '.join(_sql_literal(v) for v in f.enum)})")
    if f.is_partial_date:
        checks.append(f"regexp_full_match({f.name}, {_sql_literal(DATE_PATTERN_SQL)})")
    if f.minimum is not None:
        checks.append(f"{f.name} >= {f.minimum}")
    if f.maximum is not None:
        checks.append(f"{f.name} <= {f.maximum}")
    parts += [f"CHECK ({c})" for c in checks]
    lines = [" ".join(parts)]
    if f.is_partial_date:
        lines += _date_bound_columns(f.name)
    return lines


def _date_bound_columns(name: str) -> list[str]:
    """Generated first/last days of a partial date, so SQL can compare dates directly."""
    first = (
        f"CASE length({name}) WHEN 4 THEN make_date(CAST({name} AS INTEGER), 1, 1) "
        f"WHEN 7 THEN CAST({name} || '-01' AS DATE) ELSE CAST({name} AS DATE) END"
    )
    last = (
        f"CASE length({name}) WHEN 4 THEN make_date(CAST({name} AS INTEGER), 12, 31) "
        f"WHEN 7 THEN last_day(CAST({name} || '-01' AS DATE)) ELSE CAST({name} AS DATE) END"
    )
    return [
        f"{name}_first DATE GENERATED ALWAYS AS ({first}) VIRTUAL",
        f"{name}_last DATE GENERATED ALWAYS AS ({last}) VIRTUAL",
    ]


def to_ddl(schema: Schema) -> str:
    """CREATE TABLE statements, in the data package's order.

    A foreign key becomes a REFERENCES clause only when its table is created earlier;
    the one cycle (regions.lead_org_id -> organisations) is checked by validation alone.
    """
    created: set[str] = set()
    statements = []
    for table in schema.tables:
        lines = [line for f in table.fields for line in _column_ddl(f)]
        lines.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
        for fk in table.foreign_keys:
            if fk.table in created:
                lines.append(
                    f"FOREIGN KEY ({', '.join(fk.fields)}) REFERENCES {fk.table} ({', '.join(fk.ref_fields)})"
                )
        body = ",\n    ".join(lines)
        statements.append(f"CREATE TABLE {table.name} (\n    {body}\n);")
        created.add(table.name)
    return "\n\n".join(statements) + "\n"


def _type_label(f: Field) -> str:
    if f.is_partial_date:
        return "partial date"
    return f.type


def _constraint_label(f: Field) -> str:
    notes = []
    if f.required:
        notes.append("required")
    if f.enum:
        notes.append("one of: " + ", ".join(f"`{v}`" for v in f.enum))
    if f.is_partial_date:
        notes.append(f"years {YEAR_RANGE[0]} to {YEAR_RANGE[1]}")
    elif f.pattern:
        notes.append(f"pattern `{f.pattern}`" + (f" ({f.pattern_message.removeprefix('is not ')})" if f.pattern_message else ""))
    if f.minimum is not None or f.maximum is not None:
        notes.append(f"{f.minimum} to {f.maximum}")
    return "; ".join(notes)


def data_dictionary(schema: Schema) -> str:
    """The Markdown data dictionary (docs/data-dictionary.md)."""
    out = [
        "# Data dictionary",
        "",
        "Generated from `data/datapackage.json` by `python -m lpipdata docs`. Do not edit by hand.",
        "",
        "Partial dates are text at the precision the source gives: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.",
        "In `datapackage.json` they carry the custom property `\"lpip:format\": \"partial-date\"` and a standard",
        "`pattern` constraint, so any Frictionless tool checks their form; `python -m lpipdata validate` also checks the day.",
        "In the database each partial-date column `x` also has generated columns `x_first` and `x_last`,",
        "the first and last day it can mean. Something is *active on* a day when `start_first <= day`",
        "and `end` is empty or `end_last >= day`.",
        "",
    ]
    for table in schema.tables:
        out += [f"## {table.name}", "", table.description, "", f"File: `data/{table.path}`. Primary key: "
                + ", ".join(f"`{k}`" for k in table.primary_key) + ".", ""]
        out += ["| column | type | constraints | description |", "| --- | --- | --- | --- |"]
        out += [f"| `{f.name}` | {_type_label(f)} | {_constraint_label(f)} | {f.description} |" for f in table.fields]
        links = [f"`{', '.join(fk.fields)}` → `{fk.table}.{', '.join(fk.ref_fields)}`" for fk in table.foreign_keys]
        rules = [f"{r.message} (`{r.rule}`: {', '.join(r.fields)})" for r in table.rules]
        if links:
            out += ["", "Foreign keys: " + "; ".join(links) + "."]
        if rules:
            out += ["", "Row rules: " + "; ".join(rules) + "."]
        out.append("")
    return "\n".join(out)
