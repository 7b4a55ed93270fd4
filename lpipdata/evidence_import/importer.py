"""The import as a whole: read the file, plan the rows, validate, write (or not, for a dry run)."""

from __future__ import annotations

import json
from pathlib import Path

from lpipdata.evidence_import.cases import Atlas, read_case_map
from lpipdata.evidence_import.codebook import plan_codes
from lpipdata.evidence_import.errors import EvidenceImportError
from lpipdata.evidence_import.plan import KEYS, Options, Plan, plan_rows
from lpipdata.evidence_import.refi import read_qdc, read_qdpx
from lpipdata.evidence_import.report import ImportReport
from lpipdata.evidence_import.taguette import read_taguette_csv, read_taguette_xlsx
from lpipdata.evidence_import.writing import merge_and_write
from lpipdata.schema import Schema, load_schema
from lpipdata.validate import validate_folder

READERS = {".qdpx": read_qdpx, ".qdc": read_qdc, ".csv": read_taguette_csv, ".xlsx": read_taguette_xlsx}
VISIBILITIES = ("restricted", "public")
SOURCE_KINDS = ("interview", "workshop", "document")
NEEDED_TABLES = ("sources", "observations", "codes", "codings", "partnerships", "regions", "organisations")


def import_evidence(path: Path, data_dir: Path, *, visibility: str = "restricted", cases: Path | None = None,
                    coder: str | None = None, source_kind: str = "interview", dry_run: bool = False) -> ImportReport:
    """Import coded evidence from `path` into `data_dir`; raise EvidenceImportError on bad input.

    Nothing is written when the input is bad, when the merged data would not validate, or for a dry run.
    """
    path, data_dir = Path(path), Path(data_dir)
    options = checked_options(visibility, coder, source_kind)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise EvidenceImportError(f"{path}: unknown file type '{path.suffix}'; expected "
                                  f"{', '.join(READERS)} (REFI-QDA project or codebook, Taguette highlights)")
    schema, tables = read_data(data_dir)
    atlas = Atlas(tables)
    case_map = read_case_map(Path(cases), atlas) if cases else {}
    project = reader(path)
    existing = {table: {rec[column] for _, rec in tables[table].records} for table, column in KEYS.items()}
    plan = Plan(file=path, project=project, options=options,
                codes=plan_codes(project.codes, [rec for _, rec in tables["codes"].records]),
                atlas=atlas, case_map=case_map, existing=existing,
                report=ImportReport(file=str(path), fmt=project.fmt, notes=list(project.notes), dry_run=dry_run))
    plan_rows(plan)
    merge_and_write(data_dir, schema, plan.new, commit=not dry_run)
    return plan.report


def checked_options(visibility: str, coder: str | None, source_kind: str) -> Options:
    if visibility not in VISIBILITIES:
        raise EvidenceImportError(f"visibility must be one of {', '.join(VISIBILITIES)}, not {visibility!r}")
    if source_kind not in SOURCE_KINDS:
        raise EvidenceImportError(f"source kind must be one of {', '.join(SOURCE_KINDS)}, not {source_kind!r}")
    if coder is not None and not coder.strip():
        raise EvidenceImportError("--coder is empty; give the coder's name or leave it out")
    return Options(visibility, coder.strip() if coder else None, source_kind)


def read_data(data_dir: Path) -> tuple[Schema, dict]:
    """The data folder's schema and tables; refuse a folder that does not validate as it is."""
    package = data_dir / "datapackage.json"
    if not package.exists():
        raise EvidenceImportError(f"{data_dir}: no datapackage.json here; is it the data folder?")
    try:
        schema = load_schema(package)
    except (ValueError, KeyError, TypeError, OSError, json.JSONDecodeError) as err:
        raise EvidenceImportError(f"{package}: cannot read the schema ({err})") from None
    missing = [name for name in NEEDED_TABLES if name not in schema.names]
    if missing:
        raise EvidenceImportError(f"{package}: has no table(s) {', '.join(missing)}")
    tables, problems = validate_folder(data_dir, schema)
    if problems:
        raise EvidenceImportError(f"{data_dir}: has {len(problems)} problem(s) before the import, e.g. {problems[0]}; "
                                  "run `python -m lpipdata validate` and fix them first")
    return schema, tables
