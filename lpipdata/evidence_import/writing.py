"""Merge new rows into the data folder: validate a temporary copy first, then replace atomically.

New rows are appended to each changed CSV's bytes, so every existing row stays byte-identical.
The CSV dialect is the data folder's: UTF-8, a header row, '\\n' line endings, minimal quoting.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import stat
import tempfile
from pathlib import Path

from lpipdata.evidence_import.errors import EvidenceImportError, ValidationFailed
from lpipdata.schema import Schema
from lpipdata.validate import Problem, validate_folder


def merge_and_write(data_dir: Path, schema: Schema, new: dict[str, list[dict]], commit: bool) -> None:
    """Validate the merged tables in a temporary copy; when `commit`, replace the changed CSVs."""
    changed = {name: rows for name, rows in new.items() if rows}
    if not changed:
        return
    contents = {name: merged_bytes(data_dir / schema.table(name).path, rows) for name, rows in changed.items()}
    with tempfile.TemporaryDirectory(prefix="lpip-evidence-") as tmp:
        copy = Path(tmp) / "data"
        copy_tables(data_dir, schema, copy)
        for name, content in contents.items():
            (copy / schema.table(name).path).write_bytes(content)
        _, problems = validate_folder(copy, schema)
        if problems:
            raise ValidationFailed([shown_in(problem, copy, data_dir) for problem in problems])
    if commit:
        replace_all({data_dir / schema.table(name).path: content for name, content in contents.items()})


def merged_bytes(path: Path, rows: list[dict]) -> bytes:
    """The file's current bytes plus the new rows, in the file's own column order."""
    current = path.read_bytes()
    header = next(csv.reader(io.StringIO(current.decode("utf-8-sig"), newline="")), None)
    if not header:
        raise EvidenceImportError(f"{path}: has no header row; run `python -m lpipdata validate`")
    if not current.endswith(b"\n"):
        current += b"\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([["" if row.get(column) is None else row[column] for column in header] for row in rows])
    return current + buffer.getvalue().encode("utf-8")


def copy_tables(data_dir: Path, schema: Schema, target: Path) -> None:
    """Only the schema and the table CSVs: never the database or boundary files."""
    target.mkdir()
    shutil.copy2(data_dir / "datapackage.json", target / "datapackage.json")
    for table in schema.tables:
        if (data_dir / table.path).exists():
            shutil.copy2(data_dir / table.path, target / table.path)


def replace_all(contents: dict[Path, bytes]) -> None:
    """Write every file beside its target first, then os.replace each: a reader never sees half a file."""
    staged: dict[Path, str] = {}
    try:
        for path, content in contents.items():
            fd, staged[path] = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.chmod(staged[path], stat.S_IMODE(path.stat().st_mode))  # mkstemp makes 0600 files
        for path, tmp_name in staged.items():
            os.replace(tmp_name, path)
    finally:
        for tmp_name in staged.values():
            Path(tmp_name).unlink(missing_ok=True)


def shown_in(problem: Problem, copy: Path, data_dir: Path) -> Problem:
    """Point a problem found in the temporary copy at the data folder's file."""
    name = Path(problem.path).name
    return Problem(str(data_dir / name), problem.line, problem.column, problem.message)
