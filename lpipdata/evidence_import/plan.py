"""From a file's selections to new atlas rows, accounting for every selection in the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lpipdata.evidence_import import report as r
from lpipdata.evidence_import.cases import Atlas, CaseIds, Unmatched, resolve_case
from lpipdata.evidence_import.codebook import CodePlan
from lpipdata.evidence_import.ids import coding_id, refi_source_id, taguette_source_id
from lpipdata.evidence_import.model import Project, Selection
from lpipdata.evidence_import.report import ImportReport, Skipped
from lpipdata.evidence_import.taguette import FORMAT as TAGUETTE

KEYS = {"sources": "source_id", "observations": "observation_id", "codes": "code_id", "codings": "coding_id"}


@dataclass(frozen=True)
class Options:
    visibility: str = "restricted"
    coder: str | None = None
    source_kind: str = "interview"


@dataclass(frozen=True)
class Directed:
    """One content code on a selection, with the direction its markers give."""

    code_id: str
    direction: str
    coder: str
    defaulted: bool = False  # no marker at all: recorded as neutral
    markers: tuple[str, ...] = ()


@dataclass
class Plan:
    file: Path
    project: Project
    options: Options
    codes: CodePlan
    atlas: Atlas
    case_map: dict[str, CaseIds]
    existing: dict[str, set[str]]
    report: ImportReport
    new: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in KEYS})
    neutral: int = 0

    def add(self, table: str, row: dict) -> bool:
        """Queue a row unless its key is already in the data or in this import."""
        if row[KEYS[table]] in self.existing[table]:
            return False
        self.existing[table].add(row[KEYS[table]])
        self.new[table].append(row)
        return True


def plan_rows(plan: Plan) -> None:
    plan.new["codes"] = list(plan.codes.new_rows)
    plan.report.codes_present = plan.codes.present
    plan.report.total = len(plan.project.selections)
    for selection in plan.project.selections:
        skipped = plan_selection(selection, plan)
        if skipped:
            plan.report.skipped.append(skipped)
    if plan.neutral:
        plan.report.notes.append(f"{plan.neutral} coding(s) had no direction code: recorded as neutral")
    if any(item.reason == r.UNMATCHED_CASE for item in plan.report.skipped):
        plan.report.notes.append("to import unmatched cases, name them in a --cases file "
                                 "(columns case,partnership_id,region_id,org_id) and import again")
    plan.report.added = {table: len(rows) for table, rows in plan.new.items()}


def plan_selection(selection: Selection, plan: Plan) -> Skipped | None:
    if selection.source.kind != "text":
        return Skipped(r.UNSUPPORTED, selection.where, f"({selection.source.kind})")
    if not selection.codings:
        return Skipped(r.NO_CODE, selection.where)
    text = excerpt(selection)
    if isinstance(text, Skipped):
        return text
    directed = directed_codes(selection, plan)
    if isinstance(directed, Skipped):
        return directed
    case = resolve_case(selection, plan.atlas, plan.case_map)
    if isinstance(case, Unmatched):
        return Skipped(r.UNMATCHED_CASE, selection.where, f"'{case.label}'" + (f" {case.detail}" if case.detail else ""))
    if add_rows(selection, text, case, directed, plan):
        plan.report.imported += 1
    else:
        plan.report.already_present += 1
    return None


def excerpt(selection: Selection) -> str | Skipped:
    """The selected text, stripped: given (Taguette) or cut from the source by character offsets."""
    text = selection.text
    if text is None:
        source = selection.source
        if source.text is None:
            return Skipped(r.NO_TEXT, selection.where, f"({source.missing})")
        if not 0 <= selection.start <= selection.end <= len(source.text):
            return Skipped(r.OUTSIDE, selection.where, f"(the text has {len(source.text)} characters)")
        text = source.text[selection.start:selection.end]
    return text.strip() or Skipped(r.EMPTY_TEXT, selection.where)


def directed_codes(selection: Selection, plan: Plan) -> list[Directed] | Skipped:
    """Each coder's content codes on the selection, paired with that coder's direction markers."""
    known = plan.codes.code_ids.keys() | plan.codes.markers.keys()
    unknown = sorted({c.code_guid for c in selection.codings} - known)
    if len(unknown) == len({c.code_guid for c in selection.codings}):
        return Skipped(r.UNKNOWN_CODE, selection.where, f"(CodeRef to {', '.join(unknown)}, not in the codebook)")
    if unknown:
        plan.report.notes.append(f"{selection.where}: CodeRef to {', '.join(unknown)} is not in the codebook; ignored")
    by_coder: dict[str, list[str]] = {}
    for coding in selection.codings:
        if coding.code_guid in known:
            coder = (plan.options.coder or coding.coder or plan.file.stem).strip() or plan.file.stem
            by_coder.setdefault(coder, []).append(coding.code_guid)
    directed = [d for coder, guids in by_coder.items() for d in pair_directions(guids, coder, plan.codes)]
    if not directed:
        return Skipped(r.MARKER_ONLY, selection.where)
    for coder in by_coder.keys() - {d.coder for d in directed}:
        plan.report.notes.append(f"{selection.where}: {coder} applied only a direction marker; ignored")
    return directed


def pair_directions(guids: list[str], coder: str, codes: CodePlan) -> list[Directed]:
    """A nested marker (Participation > Hinders) directs its own code; a free marker every code."""
    free = {codes.markers[g][0] for g in guids if g in codes.markers and codes.markers[g][1] is None}
    nested: dict[str, set[str]] = {}
    content: list[str] = []
    for guid in guids:
        direction, owner = codes.markers.get(guid, (None, guid))
        if owner and owner not in content:
            content.append(owner)
        if direction and owner:
            nested.setdefault(owner, set()).add(direction)
    directed = []
    for guid in content:
        markers = tuple(sorted(nested.get(guid, set()) | free))
        direction = "neutral" if not markers else markers[0] if len(markers) == 1 else "mixed"
        directed.append(Directed(codes.code_ids[guid], direction, coder, not markers, markers))
    return directed


def add_rows(selection: Selection, text: str, case: CaseIds, directed: list[Directed], plan: Plan) -> bool:
    """Queue the source, observation and coding rows; True when any of them is new."""
    source_id = source_id_for(selection, plan)
    observation_id = f"{source_id}.{selection.key}"
    opts, shared = plan.options, {"source_id": source_id, "confidence": "sourced"}
    plan.add("sources", {"source_id": source_id, "kind": opts.source_kind, "visibility": opts.visibility,
                         "title": selection.source.name.strip() or source_id,
                         "note": f"Imported from {plan.file.name} ({plan.project.fmt})."})
    added = plan.add("observations", {**shared, "observation_id": observation_id, "region_id": case.region_id,
                                      "partnership_id": case.partnership_id, "text": text, "visibility": opts.visibility})
    for d in directed:
        row = {**shared, "coding_id": coding_id(observation_id, d.code_id, d.coder), "observation_id": observation_id,
               "code_id": d.code_id, "direction": d.direction, "partnership_id": case.partnership_id,
               "region_id": case.region_id, "org_id": case.org_id, "coder": d.coder,
               "note": f"direction codes: {', '.join(d.markers)}" if len(d.markers) > 1 else None}
        if plan.add("codings", row):
            added = True
            plan.neutral += d.defaulted
            if len(d.markers) > 1:
                plan.report.notes.append(f"{selection.where}: direction codes {', '.join(d.markers)} on "
                                         f"{d.code_id} by {d.coder}: recorded as mixed")
    return added


def source_id_for(selection: Selection, plan: Plan) -> str:
    if plan.project.fmt == TAGUETTE:
        return taguette_source_id(plan.file.name, selection.source.name)
    return refi_source_id(selection.source.name, selection.source.key)
