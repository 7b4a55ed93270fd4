"""Small but realistic QDA exports, written by the tests into tmp_path, and their schema checks.

The .qdpx and .qdc follow the REFI-QDA 1.0 schemas kept in tests/fixtures/refi-qda/ (checked
below with xmlschema); the CSV and XLSX follow Taguette's highlights export (id, document, tag,
content). Between them they hold: nested codes, a nested and free direction markers, two coders,
a case named after a partnership, a case with a partnership_id variable, a case that matches
nothing, Welsh and Irish text, an empty selection, offsets past the end, an unknown CodeRef and
a PDF source.
"""

from __future__ import annotations

import csv
import io
import shutil
import uuid
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from lpipdata.config import PROJECT_ROOT

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
XSD_DIR = PROJECT_ROOT / "tests" / "fixtures" / "refi-qda"
WELSH_IRISH = "Cymru Wledig — ŵ, ŷ; Gaeilge: Béal Feirste"


def guid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"lpip-test/{name}")).upper()


G = {name: guid(name) for name in (
    "aled", "siobhan", "participation", "lived", "p-hinders", "capacity", "officers", "confidence", "voice",
    "relationships", "welsh-networks", "enables", "barrier", "v-partnership", "case-ypip", "case-rw", "case-else",
    "s1", "s2", "s3", "s4", "unknown", "leadership", "shared-welsh")}

S1_TEXT = ("Cyfweliad / Interview 01 — YPIP officer, Leeds.\n"
           "People with lived experience sit on the panel as equal decision-makers.\n"
           "Officers had too little time to take part in meetings.\n"
           "The networks of officers helped, but funding rules got in the way.\n"
           "A closing remark with no coding.\n")
S2_TEXT = f"Nodiadau gweithdy. {WELSH_IRISH}: pobl leol yn siarad yn eu hiaith eu hunain yn y panel.\n"
S3_TEXT = "Interview 03: a council somewhere the atlas does not cover.\n"


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def data_copy(target: Path) -> Path:
    """The seed data folder, without the database or boundary files."""
    shutil.copytree(PROJECT_ROOT / "data", target, ignore=shutil.ignore_patterns("*.duckdb", "*.wal", "geo"))
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def sub(parent: ET.Element, tag: str, ns: str = PROJECT_NS, **attrs) -> ET.Element:
    return ET.SubElement(parent, f"{{{ns}}}{tag}", {k: v for k, v in attrs.items() if v is not None})


def code(parent: ET.Element, key: str, name: str, ns: str = PROJECT_NS, description: str | None = None) -> ET.Element:
    element = sub(parent, "Code", ns, guid=G[key], name=name, isCodable="true")
    if description:
        sub(element, "Description", ns).text = description
    return element


def project_codebook(project: ET.Element) -> None:
    codes = sub(sub(project, "CodeBook"), "Codes")
    participation = code(codes, "participation", "Participation")
    code(participation, "lived", "Lived experience", description="Lived experience in decisions.")
    code(participation, "p-hinders", "Hinders")
    capacity = code(codes, "capacity", "Capacity")
    code(capacity, "officers", "Networks of officers")
    confidence = code(codes, "confidence", "Confidence")
    code(confidence, "voice", "Voice in decisions", description="Participants feel heard.")
    relationships = code(codes, "relationships", "Relationships")
    code(relationships, "welsh-networks", "Rhwydweithiau Cymraeg — ŵ")
    code(codes, "enables", "Enables")
    code(codes, "barrier", "Barrier")


def project_cases(project: ET.Element) -> None:
    variable = sub(sub(project, "Variables"), "Variable", guid=G["v-partnership"], name="partnership_id",
                   typeOfVariable="Text")
    sub(variable, "Description").text = "The atlas partnership id."
    cases = sub(project, "Cases")
    ypip = sub(cases, "Case", guid=G["case-ypip"], name="YPIP")
    sub(ypip, "SourceRef", targetGUID=G["s1"])
    rural = sub(cases, "Case", guid=G["case-rw"], name="Rural Wales panel")
    value = sub(rural, "VariableValue")
    sub(value, "VariableRef", targetGUID=G["v-partnership"])
    sub(value, "TextValue").text = "rw-lpip"
    sub(rural, "SourceRef", targetGUID=G["s2"])
    elsewhere = sub(cases, "Case", guid=G["case-else"], name="Somewhere else")
    sub(elsewhere, "SourceRef", targetGUID=G["s3"])


def selection(source: ET.Element, name: str, start: int, end: int, user: str, *codings: tuple[str, str]) -> None:
    element = sub(source, "PlainTextSelection", guid=guid(name), name=name, startPosition=str(start),
                  endPosition=str(end), creatingUser=G[user])
    for code_key, coder in codings:
        coding = sub(element, "Coding", guid=guid(f"{name}/{code_key}/{coder}"), creatingUser=G[coder])
        sub(coding, "CodeRef", targetGUID=G[code_key])


def project_sources(project: ET.Element) -> None:
    sources = sub(project, "Sources")
    s1 = sub(sources, "TextSource", guid=G["s1"], name="Interview 01 — YPIP officer",
             plainTextPath=f"internal://{G['s1']}.txt")
    selection(s1, "A", *span(S1_TEXT, "People with lived experience sit on the panel as equal decision-makers."),
              "aled", ("lived", "aled"), ("barrier", "aled"), ("lived", "siobhan"))
    selection(s1, "B", *span(S1_TEXT, "Officers had too little time to take part in meetings."), "siobhan",
              ("p-hinders", "siobhan"))
    selection(s1, "C", *span(S1_TEXT, "The networks of officers helped, but funding rules got in the way."), "aled",
              ("officers", "aled"), ("enables", "aled"), ("barrier", "aled"))
    selection(s1, "D-empty", 10, 10, "aled", ("lived", "aled"))
    selection(s1, "E-outside", len(S1_TEXT) - 5, len(S1_TEXT) + 40, "aled", ("lived", "aled"))
    selection(s1, "F-unknown", *span(S1_TEXT, "A closing remark"), "aled", ("unknown", "aled"))
    selection(s1, "G-marker", *span(S1_TEXT, "with no coding"), "aled", ("enables", "aled"))
    s2 = sub(sources, "TextSource", guid=G["s2"], name="Gweithdy Cymru Wledig")
    sub(s2, "PlainTextContent").text = S2_TEXT
    selection(s2, "H", *span(S2_TEXT, f"{WELSH_IRISH}: pobl leol yn siarad yn eu hiaith eu hunain yn y panel."),
              "siobhan", ("voice", "siobhan"), ("welsh-networks", "siobhan"))
    s3 = sub(sources, "TextSource", guid=G["s3"], name="Interview 03")
    sub(s3, "PlainTextContent").text = S3_TEXT
    selection(s3, "I", *span(S3_TEXT, "a council somewhere"), "aled", ("capacity", "aled"))
    pdf = sub(sources, "PDFSource", guid=G["s4"], name="Board minutes.pdf", path="internal://minutes.pdf")
    chosen = sub(pdf, "PDFSelection", guid=guid("J"), page="1", firstX="10", firstY="10", secondX="200", secondY="80")
    sub(sub(chosen, "Coding", guid=guid("J/coding"), creatingUser=G["aled"]), "CodeRef", targetGUID=G["capacity"])


SELECTIONS_IN_QDPX = 10  # A to J
IMPORTED_FROM_QDPX = 4   # A, B, C, H


def project_xml() -> bytes:
    ET.register_namespace("", PROJECT_NS)
    project = ET.Element(f"{{{PROJECT_NS}}}Project", name="LPIP interviews", origin="QualCoder 3.6",
                         creatingUserGUID=G["aled"], creationDateTime="2026-01-15T10:00:00Z")
    users = sub(project, "Users")
    sub(users, "User", guid=G["aled"], name="Aled Jones")
    sub(users, "User", guid=G["siobhan"], name="Siobhán Ní Bhriain")
    project_codebook(project)
    project_cases(project)
    project_sources(project)
    return ET.tostring(project, encoding="utf-8", xml_declaration=True)


def write_qdpx(path: Path, qde: bytes | None = None, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_xml() if qde is None else qde)
        archive.writestr(f"sources/{G['s1']}.txt", S1_TEXT.encode("utf-8"))
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return path


def codebook_xml() -> bytes:
    ET.register_namespace("", CODEBOOK_NS)
    book = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", origin="QualCoder 3.6")
    codes = sub(book, "Codes", CODEBOOK_NS)
    participation = code(codes, "participation", "Participation", CODEBOOK_NS)
    code(participation, "lived", "Lived experience", CODEBOOK_NS)
    code(participation, "p-hinders", "Hinders", CODEBOOK_NS)
    leadership = code(codes, "leadership", "Leadership", CODEBOOK_NS)
    code(leadership, "shared-welsh", "Arweinyddiaeth a rennir", CODEBOOK_NS, description="Arweinwyr ar y cyd.")
    code(codes, "enables", "Enabler", CODEBOOK_NS)
    return ET.tostring(book, encoding="utf-8", xml_declaration=True)


def write_qdc(path: Path) -> Path:
    path.write_bytes(codebook_xml())
    return path


TAGUETTE_ROWS = [
    ("1", "YPIP workshop notes", "Participation.Lived experience", f"People spoke from lived experience — {WELSH_IRISH}."),
    ("1", "YPIP workshop notes", "Enables", f"People spoke from lived experience — {WELSH_IRISH}."),
    ("2", "YPIP workshop notes", "Capacity.Hinders", "Officers lacked the time to come."),
    ("3", "Rural Wales LPIP", "Relationships", "Pobl leol yn Cymru Wledig — ŵ, ŷ."),
    ("4", "Unknown town", "Funding", "Money ran out."),
    ("5", "YPIP workshop notes", "", "An untagged highlight."),
    ("6", "YPIP workshop notes", "Funding", "   "),
    ("7", "YPIP workshop notes", "Hinders", "Only a direction tag."),
]
SELECTIONS_IN_TAGUETTE = 7
IMPORTED_FROM_TAGUETTE = 3  # highlights 1, 2, 3


def write_taguette_csv(path: Path, header=("id", "document", "tag", "content"), rows=TAGUETTE_ROWS) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # Taguette uses csv.writer defaults: comma, \r\n
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def write_taguette_xlsx(path: Path, header=("id", "document", "tag", "content"), rows=TAGUETTE_ROWS) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "highlights"
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_case_map(path: Path, rows=(("YPIP workshop notes", "ypip", "", ""),),
                   header=("case", "partnership_id", "region_id", "org_id")) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_project_fixture_follows_the_refi_qda_project_schema():
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(XSD_DIR / "Project.xsd"))
    schema.validate(io.BytesIO(project_xml()))


def test_codebook_fixture_follows_the_refi_qda_codebook_schema():
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(XSD_DIR / "Codebook.xsd"))
    schema.validate(io.BytesIO(codebook_xml()))


def test_schema_check_would_catch_a_broken_fixture():
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(XSD_DIR / "Project.xsd"))
    broken = project_xml().replace(b'startPosition="', b'start="', 1)
    assert not schema.is_valid(io.BytesIO(broken))
