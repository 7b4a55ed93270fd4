"""REFI-QDA readers: a project `.qdpx` (zip with project.qde and sources/) and a codebook `.qdc`.

Element and attribute names follow the QDA-XML 1.0 schemas (Project.xsd, Codebook.xsd;
copies in tests/fixtures/refi-qda/). Only the standard library's zipfile and defusedxml are
used: pyrefiqda needs lxml, pydantic and xsdata and unpacks the zip to disk.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

from lpipdata.evidence_import.errors import EvidenceImportError
from lpipdata.evidence_import.guards import MAX_XML_BYTES, decode_utf8, open_zip, parse_xml, read_file, read_member
from lpipdata.evidence_import.ids import norm_guid
from lpipdata.evidence_import.model import Code, Project
from lpipdata.evidence_import.refi_sources import read_sources

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


def read_qdpx(path: Path) -> Project:
    with open_zip(path) as archive:
        root = parse_xml(read_member(archive, project_member(archive, path), MAX_XML_BYTES, str(path)),
                         f"{path}:project.qde")
        expect_root(root, PROJECT_NS, "Project", f"{path}:project.qde")
        xml = RefiXml(PROJECT_NS, f"{path}:project.qde")
        project = Project(fmt="REFI-QDA project")
        project.codes = read_codes(root.find(xml.q("CodeBook")), xml)
        users = {norm_guid(u.get("guid")): u.get("name") for u in xml.all(root, "Users", "User")}
        project.selections, project.notes = read_sources(root, xml, users, archive_reader(archive, path))
        return project


def read_qdc(path: Path) -> Project:
    root = parse_xml(read_file(path, MAX_XML_BYTES), str(path))
    expect_root(root, CODEBOOK_NS, "CodeBook", str(path))
    return Project(fmt="REFI-QDA codebook", codes=read_codes(root, RefiXml(CODEBOOK_NS, str(path))))


class RefiXml:
    """Namespace-qualified lookups and required-attribute checks for one REFI document."""

    def __init__(self, ns: str, shown: str):
        self.ns, self.shown = ns, shown

    def q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def all(self, root: Element, *path: str) -> list[Element]:
        return root.findall("/".join(self.q(p) for p in path))

    def local(self, element: Element) -> str:
        return element.tag.rsplit("}", 1)[-1]

    def required(self, element: Element, attribute: str) -> str:
        value = element.get(attribute)
        if value is None or not value.strip():
            owner = element.get("guid") or element.get("name")
            what = f"<{self.local(element)}> {owner}" if owner else f"a <{self.local(element)}>"
            raise EvidenceImportError(f"{self.shown}: {what} has no {attribute} attribute")
        return value

    def integer(self, element: Element, attribute: str) -> int:
        value = self.required(element, attribute)
        try:
            return int(value.strip())
        except ValueError:
            raise EvidenceImportError(f"{self.shown}: <{self.local(element)}> {element.get('guid', '')} has "
                                      f"{attribute}={value!r}, not a whole number") from None


def project_member(archive: zipfile.ZipFile, path: Path) -> str:
    for name in archive.namelist():
        if name.lower() == "project.qde":
            return name
    raise EvidenceImportError(f"{path}: no project.qde in the zip; is it a REFI-QDA project export (.qdpx)?")


def archive_reader(archive: zipfile.ZipFile, path: Path):
    """The UTF-8 text of `sources/<name>` in the zip, or None when it is not there."""
    names = set(archive.namelist())

    def read(member: str) -> str | None:
        if member not in names:
            return None
        return decode_utf8(read_member(archive, member, MAX_XML_BYTES, str(path)), f"{path}:{member}")

    return read


def expect_root(root: Element, ns: str, name: str, shown: str) -> None:
    if root.tag != f"{{{ns}}}{name}":
        found_ns, _, found = root.tag[1:].partition("}") if root.tag.startswith("{") else ("no namespace", "", root.tag)
        raise EvidenceImportError(f"{shown}: not a REFI-QDA file: the root element is <{found}> in {found_ns}; "
                                  f"expected <{name}> in {ns}")


def read_codes(codebook: Element | None, xml: RefiXml) -> dict[str, Code]:
    """Every Code, parents before children, keyed by normalised guid (a loop, not recursion)."""
    codes: dict[str, Code] = {}
    if codebook is None:
        return codes
    pending = [(element, None) for element in reversed(xml.all(codebook, "Codes", "Code"))]
    while pending:
        element, parent = pending.pop()
        guid = xml.required(element, "guid")
        description = element.findtext(xml.q("Description"))
        code = Code(guid.strip(), xml.required(element, "name").strip(), parent,
                    description.strip() if description and description.strip() else None)
        if norm_guid(guid) in codes:
            raise EvidenceImportError(f"{xml.shown}: two codes have the guid {guid}")
        codes[norm_guid(guid)] = code
        pending += [(child, norm_guid(guid)) for child in reversed(element.findall(xml.q("Code")))]
    return codes
