"""Which partnership, region or organisation (the atlas case) a selection is about."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from lpipdata.evidence_import.errors import EvidenceImportError
from lpipdata.evidence_import.guards import MAX_TABLE_BYTES, decode_utf8, read_file
from lpipdata.evidence_import.model import Selection

CASE_COLUMNS = ("case", "partnership_id", "region_id", "org_id")
ID_TABLES = {"partnership_id": "partnerships", "region_id": "regions", "org_id": "organisations"}


@dataclass(frozen=True)
class CaseIds:
    partnership_id: str | None = None
    region_id: str | None = None
    org_id: str | None = None


@dataclass(frozen=True)
class Unmatched:
    label: str
    detail: str = ""


def key(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip().casefold()


class Atlas:
    """The partnerships, regions and organisations in the data folder, with their names."""

    def __init__(self, tables: dict):
        self.rows = {column: {rec[column]: rec for _, rec in tables[table].records}
                     for column, table in ID_TABLES.items()}
        self.partnership_labels = labels(self.rows["partnership_id"].values(), "partnership_id", ("name", "acronym"))
        self.region_labels = labels(self.rows["region_id"].values(), "region_id", ("name",))

    def unknown(self, column: str, value: str) -> str | None:
        """The problem with an id, or None when the data has it."""
        return None if value in self.rows[column] else f"'{value}' is not in {ID_TABLES[column]}.csv"

    def by_name(self, label: str) -> CaseIds | str | None:
        """A unique partnership, else a unique region, by id or name; a string says why not."""
        partnerships = self.partnership_labels.get(key(label), set())
        if len(partnerships) == 1:
            return CaseIds(partnership_id=next(iter(partnerships)))
        regions = self.region_labels.get(key(label), set())
        if len(regions) == 1:
            return CaseIds(region_id=next(iter(regions)))
        several = sorted(partnerships) or sorted(regions)
        return f"(names several: {', '.join(several)})" if several else None

    def complete(self, ids: CaseIds) -> CaseIds:
        """Fill region_id from the partnership or organisation, so observations always have a place."""
        if ids.region_id:
            return ids
        home = self.rows["partnership_id"].get(ids.partnership_id) or self.rows["org_id"].get(ids.org_id) or {}
        return CaseIds(ids.partnership_id, home.get("region_id"), ids.org_id)


def labels(records, id_column: str, name_columns: tuple[str, ...]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for rec in records:
        names = [rec[id_column]] + [part for col in name_columns for part in (rec.get(col) or "").split("/")]
        for name in names:
            if name.strip():
                found.setdefault(key(name), set()).add(rec[id_column])
    return found


def read_case_map(path: Path, atlas: Atlas) -> dict[str, CaseIds]:
    """The --cases file: case,partnership_id,region_id,org_id. Any unknown id stops the import."""
    reader = csv.reader(io.StringIO(decode_utf8(read_file(path, MAX_TABLE_BYTES), str(path)), newline=""), strict=True)
    try:
        rows = [(reader.line_num, values) for values in reader]
    except csv.Error as err:
        raise EvidenceImportError(f"{path}:{reader.line_num + 1}: does not parse as CSV ({err})") from None
    header = [h.strip().lower() for h in rows[0][1]] if rows else []
    missing = [c for c in CASE_COLUMNS if c not in header]
    if missing:
        raise EvidenceImportError(f"{path}:1: missing column(s) {', '.join(missing)}; expected: {','.join(CASE_COLUMNS)}")
    mapping: dict[str, tuple[int, CaseIds]] = {}
    for line, values in rows[1:]:
        if any(v.strip() for v in values):
            record = {c: (values[header.index(c)].strip() if header.index(c) < len(values) else "") for c in CASE_COLUMNS}
            mapping[key(record["case"])] = (line, mapping_row(path, line, record, atlas, mapping))
    return {name: ids for name, (_, ids) in mapping.items()}


def mapping_row(path: Path, line: int, record: dict, atlas: Atlas, seen: dict) -> CaseIds:
    if not record["case"]:
        raise EvidenceImportError(f"{path}:{line}: case: empty; name the case or document")
    if key(record["case"]) in seen:
        first = seen[key(record["case"])][0]
        raise EvidenceImportError(f"{path}:{line}: case: '{record['case']}' is mapped twice (first on line {first})")
    for column in ID_TABLES:
        problem = record[column] and atlas.unknown(column, record[column])
        if problem:
            raise EvidenceImportError(f"{path}:{line}: {column}: {problem}")
    if not any(record[c] for c in ID_TABLES):
        raise EvidenceImportError(f"{path}:{line}: partnership_id: give partnership_id, region_id or org_id")
    return CaseIds(record["partnership_id"] or None, record["region_id"] or None, record["org_id"] or None)


def resolve_case(selection: Selection, atlas: Atlas, case_map: dict[str, CaseIds]) -> CaseIds | Unmatched:
    """Case variables, then the case's name in the data, then --cases; with no case, the document name."""
    case, document = selection.case, selection.source.name
    if case and any(c in case.variables for c in ID_TABLES):
        return from_variables(case.name, case.variables, atlas)
    label = case.name if case else document
    found = atlas.by_name(label)
    if isinstance(found, CaseIds):
        return atlas.complete(found)
    mapped = case_map.get(key(label)) or case_map.get(key(document))
    if mapped:
        return atlas.complete(mapped)
    return Unmatched(label, found or "")


def from_variables(name: str, variables: dict[str, str], atlas: Atlas) -> CaseIds | Unmatched:
    for column in ID_TABLES:
        problem = variables.get(column) and atlas.unknown(column, variables[column])
        if problem:
            return Unmatched(name, f"(variable {column}: {problem})")
    return atlas.complete(CaseIds(*(variables.get(c) for c in ID_TABLES)))
