"""Taguette highlights exports (CSV and XLSX).

Taguette writes one row per highlight x tag with the columns ``id, document, tag, content``
(sheet ``highlights`` in the XLSX): see remram44/taguette, ``taguette/export.py``,
functions ``highlights_csv`` and ``highlights_xslx``. A highlight with no tag gets one row with
an empty tag. Tags nest with '.', and a tag's guid is the one Taguette's own codebook export
(``codebook_xml``) gives it: uuid5(TAGUETTE_NAMESPACE, tag path), upper case. So a Taguette
``.qdc`` imported first and its highlights imported later find the same codes.
"""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

from lpipdata.evidence_import.errors import EvidenceImportError
from lpipdata.evidence_import.guards import MAX_TABLE_BYTES, decode_utf8, open_zip, read_file
from lpipdata.evidence_import.ids import norm_guid, short_hash, slug_or_hash
from lpipdata.evidence_import.model import Code, Coding, Project, Selection, Source

COLUMNS = ("id", "document", "tag", "content")
REQUIRED = ("document", "tag", "content")
TAGUETTE_NAMESPACE = uuid.UUID("51B2B2B7-27EB-4ECB-9D56-E75B0A0496C2")  # taguette/export.py
FORMAT = "Taguette highlights"

Rows = list[tuple[int, list[str]]]


def read_taguette_csv(path: Path) -> Project:
    raw = read_file(path, MAX_TABLE_BYTES)
    if b"\x00" in raw:
        raise EvidenceImportError(f"{path}: contains NUL bytes; is it a spreadsheet saved as .csv? Use the .xlsx export")
    text = decode_utf8(raw, str(path))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: Rows = []
    try:
        for values in reader:
            rows.append((reader.line_num, values))
    except csv.Error as err:
        raise EvidenceImportError(f"{path}:{reader.line_num + 1}: does not parse as CSV ({err})") from None
    return project_from_rows(path, rows)


def read_taguette_xlsx(path: Path) -> Project:
    open_zip(path).close()  # the size and zip-bomb checks, before openpyxl unpacks anything
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book["highlights"] if "highlights" in book.sheetnames else book.worksheets[0]
            rows = [(n, [cell_text(v) for v in values]) for n, values in enumerate(sheet.iter_rows(values_only=True), 1)]
        finally:
            book.close()
    except EvidenceImportError:
        raise
    except Exception as err:  # openpyxl raises many exception types for a damaged workbook
        raise EvidenceImportError(f"{path}: not a readable .xlsx workbook ({type(err).__name__}: {err})") from None
    return project_from_rows(path, rows)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id a spreadsheet turned into 12.0
    return str(value)


def project_from_rows(path: Path, rows: Rows) -> Project:
    if not rows:
        raise EvidenceImportError(f"{path}: the file is empty; a Taguette highlights export has columns: "
                                  f"{', '.join(COLUMNS)}")
    header = [h.strip().lower() for h in rows[0][1]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise EvidenceImportError(f"{path}: missing column(s) {', '.join(missing)}; a Taguette highlights export has "
                                  f"columns: {', '.join(COLUMNS)} (found: {', '.join(header) or 'none'})")
    index = {name: header.index(name) for name in COLUMNS if name in header}
    project = Project(fmt=FORMAT)
    for highlight in group_highlights(rows[1:], index).values():
        project.selections.append(selection(highlight, project.codes))
    return project


def group_highlights(rows: Rows, index: dict[str, int]) -> dict[tuple[str, str], dict]:
    """Rows of the same highlight (same id, or same document and text without an id) become one."""
    groups: dict[tuple[str, str], dict] = {}
    for line, values in rows:
        def get(column: str) -> str:
            at = index.get(column)
            return values[at].strip() if at is not None and at < len(values) else ""

        if not any(v.strip() for v in values):
            continue
        document, highlight_id, content = get("document"), get("id"), get("content")
        key = highlight_id or "h" + short_hash(document, content, length=10)
        group = groups.setdefault((document, key), {"line": line, "document": document, "id": highlight_id,
                                                    "key": key, "content": content, "tags": []})
        if get("tag"):
            group["tags"].append(get("tag"))
    return groups


def selection(highlight: dict, codes: dict[str, Code]) -> Selection:
    document = highlight["document"]
    where = f"highlight {highlight['id'] or '(no id)'} in '{document}' (line {highlight['line']})"
    codings = tuple(Coding(add_tag(tag, codes), None) for tag in highlight["tags"])
    return Selection(where=where, source=Source(document, document), key=slug_or_hash(highlight["key"], "h"),
                     codings=tuple(c for c in codings if c.code_guid), text=highlight["content"])


def add_tag(tag: str, codes: dict[str, Code]) -> str:
    """Add the tag and its '.'-separated ancestors to `codes`; return the tag's guid."""
    parts = [p for p in tag.split(".") if p.strip()]
    parent = None
    for depth in range(1, len(parts) + 1):
        guid = str(uuid.uuid5(TAGUETTE_NAMESPACE, ".".join(parts[:depth]))).upper()
        codes.setdefault(norm_guid(guid), Code(guid, parts[depth - 1].strip(), parent))
        parent = norm_guid(guid)
    return parent or ""
