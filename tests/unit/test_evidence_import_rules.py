"""The mapping rules one at a time: codes, direction markers, cases, ids."""

from __future__ import annotations

import uuid

import pytest

from lpipdata.evidence_import.cases import Atlas, CaseIds, Unmatched, resolve_case
from lpipdata.evidence_import.codebook import plan_codes
from lpipdata.evidence_import.ids import ID_PATTERN, coding_id, norm_guid, refi_source_id, taguette_source_id
from lpipdata.evidence_import.model import Case, Code, Selection, Source
from lpipdata.evidence_import.plan import pair_directions
from lpipdata.evidence_import.taguette import TAGUETTE_NAMESPACE, add_tag
from lpipdata.validate import validate_folder
from tests.unit.test_evidence_import_fixtures import data_copy

EXISTING = [{"code_id": "participation", "guid": None}, {"code_id": "participation.lived-experience", "guid": None},
            {"code_id": "capacity", "guid": "AAAAAAAA-0000-0000-0000-000000000001"}]


def codebook(*entries: tuple[str, str, str | None]) -> dict[str, Code]:
    return {norm_guid(g): Code(g, name, norm_guid(parent) if parent else None) for g, name, parent in entries}


def test_codes_match_by_guid_then_code_id_and_new_ones_nest():
    known = "{aaaaaaaa-0000-0000-0000-000000000001}"  # braces and case do not matter
    codes = codebook((known, "Kapazität", None), ("B-2", "Participation", None), ("B-3", "Lived experience", "B-2"),
                     ("B-4", "Shared budgets", known), ("B-5", "Funding", None))
    plan = plan_codes(codes, EXISTING)
    assert plan.code_ids[norm_guid(known)] == "capacity"  # by guid, whatever its name
    assert plan.code_ids["b-3"] == "participation.lived-experience"  # by code_id
    assert [(r["code_id"], r["parent_id"], r["dimension"]) for r in plan.new_rows] == [
        ("capacity.shared-budgets", "capacity", None), ("funding", None, "funding")]
    assert plan.present == 3


def test_markers_are_not_codes_and_remember_their_content_code():
    codes = codebook(("C-1", "Participation", None), ("C-2", "HINDERS", "C-1"), ("C-3", "Enabling", None),
                     ("C-4", "Barriers", "C-3"))
    plan = plan_codes(codes, [])
    assert plan.markers == {"c-2": ("hinders", "c-1"), "c-3": ("enables", None), "c-4": ("hinders", None)}
    assert [r["code_id"] for r in plan.new_rows] == ["participation"]


def test_codes_that_slug_alike_are_told_apart_and_ids_fit_the_pattern():
    codes = codebook(("D-1", "Lived experience", None), ("D-2", "Lived-experience!", None), ("D-3", "生活经验", None))
    ids = [r["code_id"] for r in plan_codes(codes, []).new_rows]
    assert ids[:2] == ["lived-experience", "lived-experience-2"]
    assert ids[2].startswith("code-") and all(ID_PATTERN.match(i) for i in ids)


@pytest.mark.parametrize("applied, expected", [
    (["p"], [("participation", "neutral", True)]),
    (["p", "free-enables"], [("participation", "enables", False)]),
    (["p-hinders"], [("participation", "hinders", False)]),
    (["p", "c", "free-enables"], [("participation", "enables", False), ("capacity", "enables", False)]),
    (["p", "free-enables", "free-hinders"], [("participation", "mixed", False)]),
    (["free-enables"], []),
])
def test_direction_pairing(applied, expected):
    codes = codebook(("p", "Participation", None), ("p-hinders", "Hinders", "p"), ("c", "Capacity", None),
                     ("free-enables", "Enablers", None), ("free-hinders", "Barrier", None))
    directed = pair_directions(applied, "Coder", plan_codes(codes, []))
    assert [(d.code_id, d.direction, d.defaulted) for d in directed] == expected


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    tables, problems = validate_folder(data_copy(tmp_path_factory.mktemp("atlas") / "data"))
    assert problems == []
    return Atlas(tables)


def chosen(case: Case | None = None, document: str = "Transcript 7") -> Selection:
    return Selection("selection X", Source("g", document), "0-1", (), case=case)


def test_case_by_name_acronym_variable_and_map(atlas):
    assert resolve_case(chosen(Case("ypip")), atlas, {}) == CaseIds("ypip", "yh", None)
    assert resolve_case(chosen(Case("Y-PIP")), atlas, {}) == CaseIds("ypip", "yh", None)  # 'YPIP / Y-PIP'
    assert resolve_case(chosen(Case("Forth Water Basin")), atlas, {}) == CaseIds(None, "forth", None)
    assert resolve_case(chosen(Case("Panel", {"org_id": "uni-leeds"})), atlas, {}).region_id == "yh"
    assert resolve_case(chosen(None, "Stirling LPIP"), atlas, {}) == CaseIds("stirling-lpip", "forth", None)
    mapped = {"transcript 7": CaseIds(region_id="wm")}
    assert resolve_case(chosen(None, "Transcript 7"), atlas, mapped) == CaseIds(None, "wm", None)


def test_case_that_names_several_partnerships_or_unknown_ids_is_unmatched(atlas):
    ambiguous = resolve_case(chosen(Case("CJC")), atlas, {})
    assert isinstance(ambiguous, Unmatched) and ambiguous.detail.startswith("(names several: cjc-mid-wales")
    bad = resolve_case(chosen(Case("Panel", {"partnership_id": "nope"})), atlas, {})
    assert bad == Unmatched("Panel", "(variable partnership_id: 'nope' is not in partnerships.csv)")


def test_taguette_tags_get_the_guids_taguettes_own_codebook_gives():
    codes: dict[str, Code] = {}
    leaf = add_tag("Participation.Lived experience", codes)
    assert leaf == str(uuid.uuid5(TAGUETTE_NAMESPACE, "Participation.Lived experience"))
    assert [c.name for c in codes.values()] == ["Participation", "Lived experience"]
    assert codes[leaf].guid == codes[leaf].guid.upper()


def test_ids_are_deterministic_and_fit_the_pattern():
    source = refi_source_id("Cyfweliad 1 — Béal Feirste", "{EDE5EC1C-26D8-5EA5-A877-A953AB7885B9}")
    assert source == "qda-cyfweliad-1-beal-feirste-ede5ec1c"
    assert taguette_source_id("all_tags.csv", "Notes") == taguette_source_id("all_tags.csv", "Notes")
    assert taguette_source_id("all_tags.csv", "Notes") != taguette_source_id("other.csv", "Notes")
    coding = coding_id(f"{source}.10-20", "participation", "Siobhán Ní Bhriain")
    assert coding.endswith(".siobhan-ni-bhriain") and ID_PATTERN.match(coding)
