"""CSV -> validate -> DuckDB, built in a temporary file and swapped in atomically.

A failed build leaves the previous database untouched: nothing touches the target path
until the new file is complete, closed and checked, and then ``os.replace`` swaps it in.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from lpipdata.places import place_by_area
from lpipdata.schema import Schema, load_schema, to_ddl
from lpipdata.validate import Rows, SchemaError, validate_folder

SQL_DIR = Path(__file__).parent / "sql"
# Most to least certain. The research brief asks that inferred and unverified facts be treated as
# not for publication until checked; `--min-confidence` is how a build leaves them out.
CONFIDENCE_LEVELS = ("sourced", "inferred", "unverified")


@dataclass(frozen=True)
class BuildResult:
    path: Path
    counts: dict[str, int]
    notes: list[str]
    min_confidence: str = "unverified"
    # Rows the confidence threshold left out, per table: below it, or depending on a row that is.
    left_out: dict[str, int] = field(default_factory=dict)


def build_database(data_dir: Path, out: Path, mode: str = "public", geo_dir: Path | None = None,
                   min_confidence: str = "unverified") -> BuildResult:
    """Validate `data_dir` and build the database at `out`; raise SchemaError on bad data.

    A public build leaves out restricted evidence; a build with `min_confidence` 'sourced' or 'inferred'
    also leaves out rows less certain than that. Either way, rows that depend on a dropped row go too.
    """
    if min_confidence not in CONFIDENCE_LEVELS:
        raise ValueError(f"min_confidence {min_confidence!r} is not one of: {', '.join(CONFIDENCE_LEVELS)}")
    schema = load_schema(data_dir / "datapackage.json")
    tables, problems = validate_folder(data_dir, schema)
    if problems:
        raise SchemaError(problems)
    public = mode != "research"
    visible = keep_rows(schema, tables, drop_restricted=public)
    rows = visible if min_confidence == CONFIDENCE_LEVELS[-1] else keep_rows(
        schema, tables, drop_restricted=public, min_confidence=min_confidence)
    left_out = {name: len(visible.get(name, [])) - len(rows.get(name, [])) for name in schema.names}
    boundary, notes = boundary_frames(geo_dir, rows.get("region_areas", []))
    if boundary:
        rows["organisations"], placing = place_by_area(rows.get("organisations", []), boundary["boundaries"])
        notes += placing
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        counts = write_database(tmp, schema, rows, boundary, meta(data_dir, mode, boundary, min_confidence))
        os.replace(tmp, out)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return BuildResult(out, counts, notes, min_confidence, {name: n for name, n in left_out.items() if n})


def keep_visible(schema: Schema, tables: dict[str, Rows]) -> dict[str, list]:
    """Drop restricted evidence for a public build, and every row that depends on it."""
    return keep_rows(schema, tables, drop_restricted=True)


def keep_rows(schema: Schema, tables: dict[str, Rows], drop_restricted: bool = True,
              min_confidence: str = "unverified") -> dict[str, list]:
    """The rows a build keeps: every row less what it must leave out and every row that depends on that.

    Left out are rows marked restricted (when `drop_restricted`) and rows whose confidence is below
    `min_confidence`; then, repeating until nothing more drops, rows whose foreign key points at a
    dropped row (an observation citing a restricted source, a membership of a dropped partnership).
    Rows without a confidence column (sources, issues, codes) stay unless something else drops them.
    """
    allowed = set(CONFIDENCE_LEVELS[: CONFIDENCE_LEVELS.index(min_confidence) + 1])
    kept = {name: [(line, rec) for line, rec in r.records
                   if not (drop_restricted and rec.get("visibility") == "restricted")
                   and rec.get("confidence", "sourced") in allowed]
            for name, r in tables.items()}
    while True:
        keys = {t.name: {tuple(rec.get(k) for k in t.primary_key) for _, rec in kept.get(t.name, [])}
                for t in schema.tables}
        before = sum(len(v) for v in kept.values())
        for table in schema.tables:
            kept[table.name] = [(line, rec) for line, rec in kept.get(table.name, [])
                                if references_resolve(table, rec, keys)]
        if sum(len(v) for v in kept.values()) == before:
            return kept


def references_resolve(table, record: dict, keys: dict[str, set]) -> bool:
    for fk in table.foreign_keys:
        value = tuple(record.get(f) for f in fk.fields)
        if None not in value and value not in keys[fk.table]:
            return False
    return True


def boundary_frames(geo_dir: Path | None, region_areas: list) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Boundary tables for the map, or none with a note saying how to add them."""
    if geo_dir is None:
        return {}, ["boundaries: skipped (no boundary folder given)"]
    from lpipdata import geo

    missing = geo.missing_layers(geo_dir)
    if missing:
        return {}, [f"boundaries: not built, {missing}"]
    areas = pd.DataFrame([rec for _, rec in region_areas], columns=["region_id", "area_code", "area_type", "area_name"])
    frames = geo.boundary_tables(geo_dir, areas)
    return frames, [f"boundaries: {len(frames['boundaries'])} areas from {geo_dir}"]


def meta(data_dir: Path, mode: str, boundary: dict, min_confidence: str = "unverified") -> dict[str, str]:
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*.csv")) + [data_dir / "datapackage.json"]:
        digest.update(path.name.encode() + path.read_bytes())
    return {
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "data_version": digest.hexdigest()[:16],
        "mode": mode,
        "min_confidence": min_confidence,
        "has_boundaries": "yes" if boundary else "no",
        "is_synthetic": "yes" if (data_dir / "SYNTHETIC").exists() else "no",
    }


def write_vocabulary(con, schema: Schema) -> None:
    """Every enum of the schema in its declared order, so SQL can rank scales without repeating them."""
    con.execute("CREATE TABLE vocabulary (table_name VARCHAR, column_name VARCHAR, value VARCHAR, position INTEGER)")
    rows = [(t.name, f.name, value, position) for t in schema.tables for f in t.fields
            for position, value in enumerate(f.enum, start=1)]
    con.executemany("INSERT INTO vocabulary VALUES (?, ?, ?, ?)", rows)


def write_database(path: Path, schema: Schema, rows: dict[str, list], boundary: dict, info: dict) -> dict[str, int]:
    con = duckdb.connect(str(path))
    try:
        con.execute(to_ddl(schema))
        counts = {}
        for table in schema.tables:
            frame = pd.DataFrame([rec for _, rec in rows.get(table.name, [])], columns=table.columns, dtype=object)
            con.register("incoming", frame)
            columns = ", ".join(table.columns)
            con.execute(f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM incoming")
            con.unregister("incoming")
            counts[table.name] = len(frame)
        for name, frame in boundary.items():
            con.register("incoming", frame)
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
            con.unregister("incoming")
        con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.executemany("INSERT INTO meta VALUES (?, ?)", list(info.items()))
        write_vocabulary(con, schema)
        for sql_file in sorted(SQL_DIR.glob("*.sql")):
            con.execute(sql_file.read_text(encoding="utf-8"))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return counts
