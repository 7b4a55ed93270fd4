"""REFI-QDA sources, their coded selections, and the cases that group them."""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element

from lpipdata.evidence_import.errors import EvidenceImportError
from lpipdata.evidence_import.ids import norm_guid
from lpipdata.evidence_import.model import Case, Coding, Selection, Source

INTERNAL = "internal://"
VALUE_ELEMENTS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")

ReadMember = Callable[[str], "str | None"]


def read_sources(root: Element, xml, users: dict[str, str | None], read: ReadMember) -> tuple[list[Selection], list[str]]:
    by_selection, by_source, notes = read_cases(root, xml)
    selections: list[Selection] = []
    whole_source_codings = 0
    for element in xml.all(root, "Sources", "*"):
        guid = norm_guid(xml.required(element, "guid"))
        if xml.local(element) == "TextSource":
            source = text_source(element, xml, read)
            for selection in element.findall(xml.q("PlainTextSelection")):
                case = by_selection.get(norm_guid(selection.get("guid"))) or by_source.get(guid)
                selections.append(text_selection(selection, source, xml, users, case))
            whole_source_codings += len(element.findall(xml.q("Coding")))
        else:
            selections += unsupported_selections(element, xml, users)
    if whole_source_codings:
        notes.append(f"{whole_source_codings} coding(s) of whole sources were not imported: they have no excerpt")
    return selections, notes


def text_source(element: Element, xml, read: ReadMember) -> Source:
    guid, name = xml.required(element, "guid"), (element.get("name") or "").strip()
    name = name or guid
    content = element.find(xml.q("PlainTextContent"))
    if content is not None:
        return Source(guid, name, text=content.text or "")
    path = (element.get("plainTextPath") or "").strip()
    if not path:
        return Source(guid, name, missing="it has neither plainTextPath nor PlainTextContent")
    if not path.startswith(INTERNAL):
        return Source(guid, name, missing=f"its text is outside the project file ({path})")
    member = "sources/" + path[len(INTERNAL):]
    text = read(member)
    return Source(guid, name, text=text) if text is not None else Source(guid, name, missing=f"{member} is not in the zip")


def text_selection(element: Element, source: Source, xml, users: dict, case: Case | None) -> Selection:
    guid = xml.required(element, "guid")
    start, end = xml.integer(element, "startPosition"), xml.integer(element, "endPosition")
    return Selection(where=f"selection {guid} [{start}-{end}] in '{source.name}'", source=source,
                     key=f"{start}-{end}", codings=codings(element, xml, users), start=start, end=end, case=case)


def unsupported_selections(element: Element, xml, users: dict) -> list[Selection]:
    """Selections in picture, PDF, audio or video sources: kept only to be reported."""
    source = Source(xml.required(element, "guid"), element.get("name") or element.get("guid"), kind=xml.local(element))
    found = [e for e in element.iter() if e is not element and xml.local(e).endswith("Selection")]
    return [Selection(where=f"{xml.local(e)} {e.get('guid', '')} in '{source.name}'", source=source,
                      key=norm_guid(e.get("guid")), codings=codings(e, xml, users)) for e in found]


def codings(selection: Element, xml, users: dict) -> tuple[Coding, ...]:
    found = []
    for coding in selection.findall(xml.q("Coding")):
        ref = coding.find(xml.q("CodeRef"))
        if ref is None:
            raise EvidenceImportError(f"{xml.shown}: <Coding> {coding.get('guid', '')} has no <CodeRef>")
        user = norm_guid(coding.get("creatingUser") or selection.get("creatingUser"))
        found.append(Coding(norm_guid(xml.required(ref, "targetGUID")), users.get(user)))
    return tuple(found)


def read_cases(root: Element, xml) -> tuple[dict[str, Case], dict[str, Case], list[str]]:
    """Cases by the selections and by the sources they name; a source in two cases keeps the first."""
    variables = {norm_guid(v.get("guid")): (v.get("name") or "").strip().lower()
                 for v in xml.all(root, "Variables", "Variable")}
    by_selection: dict[str, Case] = {}
    by_source: dict[str, Case] = {}
    notes = []
    for element in xml.all(root, "Cases", "Case"):
        case = Case((element.get("name") or xml.required(element, "guid")).strip(), case_variables(element, xml, variables))
        for ref in element.findall(xml.q("SelectionRef")):
            by_selection.setdefault(norm_guid(xml.required(ref, "targetGUID")), case)
        for ref in element.findall(xml.q("SourceRef")):
            target = norm_guid(xml.required(ref, "targetGUID"))
            if target in by_source and by_source[target] != case:
                notes.append(f"source {target} is in cases '{by_source[target].name}' and '{case.name}': "
                             f"'{by_source[target].name}' used")
            by_source.setdefault(target, case)
    return by_selection, by_source, notes


def case_variables(element: Element, xml, variables: dict[str, str]) -> dict[str, str]:
    values = {}
    for value in element.findall(xml.q("VariableValue")):
        ref = value.find(xml.q("VariableRef"))
        name = variables.get(norm_guid(ref.get("targetGUID"))) if ref is not None else None
        given = next((value.findtext(xml.q(tag)) for tag in VALUE_ELEMENTS if value.find(xml.q(tag)) is not None), None)
        if name and given and given.strip():
            values[name] = given.strip()
    return values
