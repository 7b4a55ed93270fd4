"""From read model to QCA result: which cases count, how each condition is calibrated, the words
above the result, and the matrix cells (pure functions on small hand-made frames)."""

import pandas as pd
import pytest

from lpipdata.patterns import analysis, matrix
from lpipdata.patterns import request as rq

DIMENSIONS = ("participation", "capacity")


def conditions() -> pd.DataFrame:
    return pd.DataFrame({
        "case_id": ["a", "b", "c", "d", "e"], "case_name": ["A", "B", "C", "D", "<b>E</b>"],
        "member_count": [8, 2, 9, 3, 12], "has_community": [True, False, True, False, True],
        "scales_spanned": [4, 1, 3, 1, 2], "embeddedness": [5, 0, 4, 1, None],
        "lead_type": ["university", "VCSE", "university", None, "university"],
    })


def outcomes() -> pd.DataFrame:
    rows = [("a", "participation", 2, 0), ("b", "participation", 0, 1), ("c", "participation", 1, 0),
            ("d", "capacity", 1, 0), ("e", "participation", 0, 0)]
    frame = pd.DataFrame(rows, columns=["case_id", "dimension", "enables", "hinders"])
    frame = frame.assign(mixed=0, neutral=[0, 0, 0, 0, 2], net=frame["enables"] - frame["hinders"],
                         codings=[2, 1, 1, 1, 2], inferred=[1, 0, 0, 0, 2])
    totals = frame.groupby("case_id", as_index=False)[["enables", "hinders", "mixed", "neutral", "net", "codings",
                                                       "inferred"]].sum().assign(dimension="all")
    return pd.concat([frame, totals], ignore_index=True)


def request(**options) -> rq.Request:
    return rq.parse(options, DIMENSIONS)


def test_only_cases_with_evidence_on_the_outcome_are_analysed():
    table = analysis.case_table(conditions(), outcomes(), "participation")
    assert list(table.index) == ["a", "b", "c", "e"]


def test_calibration_rules_are_stated_in_words():
    chosen = request(outcome="participation", conditions="member_count,has_community,lead_type",
                     cal="member_count:2/6/10")
    result = analysis.analyse(conditions(), outcomes(), chosen)
    rules = result.calibrated.rules
    assert rules["member_count"] == "fuzzy: 0.05 at 2, 0.5 at 6, 0.95 at 10"
    assert rules["has_community"] == "1 when community member is yes"
    assert rules["lead_type"] == "1 when lead type is 'university'"  # the most common value by default
    assert rules["outcome"] == "1 when the net score ≥ 1"
    memberships = result.calibrated.memberships
    assert memberships.loc["a", "member_count"] == pytest.approx(0.82, abs=0.01)
    assert memberships["participation_outcome"].tolist() == [1.0, 0.0, 1.0, 0.0]


def test_a_result_has_its_truth_table_solutions_and_necessity():
    result = analysis.analyse(conditions(), outcomes(),
                              request(outcome="participation", conditions="has_community,scales_spanned"))
    assert result.reason is None and result.table.rows["n"].sum() == 4
    # Rows: both present (a, c: outcome), neither (b: not), community only (e: net 0, not); scales only: no case.
    assert result.conservative.expression == "has_community*scales_spanned"
    assert result.parsimonious.expression == "scales_spanned" and result.parsimonious.consistency == 1.0
    assert result.parsimonious.simplifying_assumptions == (2,)
    assert set(result.necessity["condition"]) == {"has_community", "~has_community", "scales_spanned",
                                                   "~scales_spanned"}


def test_the_words_above_the_result_say_cases_remainders_missing_and_inferred():
    result = analysis.analyse(conditions(), outcomes(),
                              request(outcome="participation", conditions="has_community,embeddedness"))
    words = " ".join(analysis.honesty(result, request(outcome="participation")))
    assert "4 partnerships have coded evidence on this outcome; 1 others" in words
    assert "configurations of 2 conditions have no case" in words
    assert "1 case(s) lack a value for a chosen condition and are left out: e." in words
    assert "3 of the 6 codings behind the outcome are the atlas team's inferred reading" in words


def test_an_outcome_without_evidence_says_how_to_add_some():
    result = analysis.analyse(conditions(), outcomes()[lambda f: f["dimension"] != "capacity"],
                              request(outcome="capacity"))
    assert result.table is None and "python -m lpipdata evidence import" in result.reason


def test_matrix_cells_hold_conditions_then_outcomes_for_cases_with_evidence():
    cells, left_out = matrix.matrix_cells(conditions().drop(columns=["lead_type"]).assign(
        **{c: 0 for c in ("scale_rank", "regions_spanned", "sector_count", "sector_diversity", "has_university",
                          "has_local_authority", "age_years", "core_net_zero", "core_inclusive_growth", "has_funder",
                          "governance_form", "lead_type")}), outcomes(), request())
    assert left_out == 0 and cells["case_id"].nunique() == 5
    assert cells[cells["group"] == "outcome"]["column"].unique().tolist() == [
        "outcome:capacity", "outcome:participation", "outcome:all"]
    b = cells[(cells["case_id"] == "b") & (cells["column"] == "outcome:participation")].iloc[0]
    assert b["shown"] == "net -1: 0 enables, 1 hinders, 0 mixed, 0 neutral" and b["membership"] == 0
    d = cells[(cells["case_id"] == "d") & (cells["column"] == "outcome:participation")].iloc[0]
    assert d["shown"] == "no coded evidence" and pd.isna(d["membership"])
    assert matrix.dimension_of("outcome:all") == "all" and matrix.dimension_of("member_count") is None
    table = matrix.wide(cells)
    assert "<b>E</b>" in set(table["case"]) and "Members (membership)" in table.columns
