"""From a file's codebook to atlas codes: matching, new code ids, and direction markers."""

from __future__ import annotations

from dataclasses import dataclass, field

from lpipdata.evidence_import.ids import norm_guid, slug_or_hash
from lpipdata.evidence_import.model import Code

DIMENSIONS = ("participation", "confidence", "capability", "capacity", "structure", "leadership", "funding",
              "relationships")
MARKERS = {
    **dict.fromkeys(("enables", "enabler", "enablers", "enabling"), "enables"),
    **dict.fromkeys(("hinders", "hinder", "barrier", "barriers", "hindering"), "hinders"),
    "mixed": "mixed",
    "neutral": "neutral",
}


def marker_direction(name: str) -> str | None:
    """The direction a code's name stands for, if it is a direction marker."""
    return MARKERS.get(name.strip().lower())


@dataclass
class CodePlan:
    code_ids: dict[str, str] = field(default_factory=dict)  # content code guid -> atlas code_id
    markers: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # guid -> (direction, owner guid)
    new_rows: list[dict] = field(default_factory=list)
    present: int = 0


def plan_codes(codes: dict[str, Code], existing: list[dict]) -> CodePlan:
    """Match each content code to an existing code (guid, then code_id) or make a new row.

    `codes` lists parents before children, so a parent's code_id is known before its children's.
    """
    by_guid = {norm_guid(row.get("guid")): row["code_id"] for row in existing if row.get("guid")}
    existing_ids = {row["code_id"] for row in existing}
    claimed = {by_guid[guid] for guid in codes if guid in by_guid}  # so no other code takes these by code_id
    plan = CodePlan()
    for guid, code in codes.items():
        owner = content_ancestor(code.parent, codes)
        direction = marker_direction(code.name)
        if direction:
            plan.markers[guid] = (direction, owner)
            continue
        parent_id = plan.code_ids.get(owner) if owner else None
        candidate = (f"{parent_id}." if parent_id else "") + slug_or_hash(code.name, "code")
        if guid in by_guid:
            plan.code_ids[guid] = by_guid[guid]
            plan.present += 1
        elif candidate in existing_ids and candidate not in claimed:
            plan.code_ids[guid] = candidate
            claimed.add(candidate)
            plan.present += 1
        else:
            code_id = unclaimed(candidate, existing_ids | claimed)
            claimed.add(code_id)
            plan.code_ids[guid] = code_id
            plan.new_rows.append(code_row(code, code_id, parent_id))
    return plan


def content_ancestor(guid: str | None, codes: dict[str, Code]) -> str | None:
    """The nearest ancestor that is not a direction marker (markers are not atlas codes)."""
    while guid and guid in codes and marker_direction(codes[guid].name):
        guid = codes[guid].parent
    return guid if guid in codes else None


def unclaimed(candidate: str, taken: set[str]) -> str:
    """`candidate`, or `candidate-2`, `-3`... when two codes in one codebook slug alike."""
    code_id, n = candidate, 2
    while code_id in taken:
        code_id, n = f"{candidate}-{n}", n + 1
    return code_id


def code_row(code: Code, code_id: str, parent_id: str | None) -> dict:
    own = code.name.strip().lower()
    return {"code_id": code_id, "name": code.name, "parent_id": parent_id,
            "dimension": own if own in DIMENSIONS else None, "description": code.description, "guid": code.guid}
