"""Synthetic data at N times the seed size, for benchmarks only.

Copy k of every fact row gets ids suffixed ``-synK`` and names prefixed ``Synthetic:``.
Regions, issues, area codes and the codebook keep their ids, so URLs and boundaries still work, but
their names are marked too. One membership in five links a copy's organisation to the
next copy's partnership, so the network is one connected system, not N islands.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from lpipdata.schema import Table, load_schema
from lpipdata.validate import SchemaError, validate_folder

SHARED_TABLES = {"regions", "region_areas", "issues", "region_issues", "codes"}
NAME_COLUMNS = ("name", "title", "text", "summary")
MARK = "Synthetic: "


def write_synthetic(seed_dir: Path, out_dir: Path, scale: int) -> dict[str, int]:
    schema = load_schema(seed_dir / "datapackage.json")
    tables, problems = validate_folder(seed_dir, schema)
    if problems:
        raise SchemaError(problems)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(seed_dir / "datapackage.json", out_dir / "datapackage.json")
    (out_dir / "SYNTHETIC").write_text(f"Synthetic data, {scale} x the seed in {seed_dir}. Not real.\n")
    counts = {}
    for table in schema.tables:
        records = [rec for _, rec in tables[table.name].records]
        rows = [point_at_copy(table, rec, 0) for rec in records] if table.name in SHARED_TABLES else [
            copy_row(table, rec, k, i, scale) for k in range(scale) for i, rec in enumerate(records)
        ]
        rows = [mark_names(rec) for rec in rows]
        write_csv(out_dir / table.path, table, rows)
        counts[table.name] = len(rows)
    return counts


def copy_row(table: Table, record: dict, k: int, i: int, scale: int) -> dict:
    row = dict(record)
    for name in own_id_columns(table):
        row[name] = suffix(row[name], k)
    for fk in table.foreign_keys:
        if fk.table in SHARED_TABLES:
            continue
        target = (k + 1) % scale if bridges(table, fk.table, i) else k
        for name in fk.fields:
            if row.get(name) is not None:
                row[name] = suffix(record[name], target)
    if table.name == "codings" and k > 0:
        row["direction"] = vary(table, record["direction"], k + i)
    return row


def vary(table: Table, direction: str, step: int) -> str:
    """Copies beyond the first get other directions, so outcomes differ across synthetic cases."""
    choices = table.field("direction").enum
    return choices[(choices.index(direction) + step) % len(choices)]


def point_at_copy(table: Table, record: dict, k: int) -> dict:
    """A shared row (e.g. a region) keeps its id but cites copy k of copied rows."""
    row = dict(record)
    for fk in table.foreign_keys:
        if fk.table not in SHARED_TABLES:
            for name in fk.fields:
                if row.get(name) is not None:
                    row[name] = suffix(record[name], k)
    return row


def own_id_columns(table: Table) -> list[str]:
    """Key columns that name this row itself (not references, not roles)."""
    referencing = {name for fk in table.foreign_keys for name in fk.fields}
    return [name for name in table.primary_key if name not in referencing and not table.field(name).enum]


def bridges(table: Table, target: str, index: int) -> bool:
    return table.name == "memberships" and target == "partnerships" and index % 5 == 0


def suffix(value: str, k: int) -> str:
    return f"{value}-syn{k}"


def mark_names(record: dict) -> dict:
    return {col: (MARK + val if col in NAME_COLUMNS and val and not val.startswith(MARK) else val)
            for col, val in record.items()}


def write_csv(path: Path, table: Table, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=table.columns)
        writer.writeheader()
        writer.writerows([{k: ("" if v is None else v) for k, v in row.items()} for row in rows])
