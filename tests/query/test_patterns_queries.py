"""The Patterns read model on the tiny fixture database: conditions computed from memberships,
issues and dates, outcomes counted from visible codings, and the evidence behind a cell."""

from datetime import date

import pytest

from lpipdata import db
from lpipdata.filters import Filters
from lpipdata.queries import patterns as queries

ON_NEW_YEAR_2025 = Filters(as_of=date(2025, 1, 1))


@pytest.fixture()
def research_con(research_db):
    connection = db.connect(research_db)
    yield connection
    connection.close()


def by_case(frame):
    return frame.set_index("case_id")


def test_partnership_conditions_come_from_memberships_issues_and_dates(con):
    cases = by_case(queries.conditions(con, ON_NEW_YEAR_2025, "partnerships"))
    ypip = cases.loc["ypip"]
    assert (ypip["member_count"], ypip["sector_count"], ypip["scale_rank"]) == (4, 3, 5)
    assert (ypip["has_university"], ypip["has_local_authority"], ypip["has_community"]) == (True, True, True)
    assert ypip["lead_type"] == "university" and ypip["core_net_zero"] and ypip["core_inclusive_growth"]
    assert ypip["sector_diversity"] == pytest.approx(1 - (2 / 4) ** 2 - (1 / 4) ** 2 - (1 / 4) ** 2, abs=1e-3)
    assert ypip["age_years"] == pytest.approx(0.9, abs=0.05)  # founded 2024-02
    assert ypip["embeddedness"] == 2  # lpip and leeds-climate share the University of Leeds
    assert cases.loc["lpip", "regions_spanned"] == 5 and cases.loc["lpip", "has_funder"]


def test_the_as_of_day_keeps_only_partnerships_active_then(con):
    on_day = set(queries.conditions(con, ON_NEW_YEAR_2025, "partnerships")["case_id"])
    assert "old-lep" not in on_day and "undated" not in on_day
    everything = by_case(queries.conditions(con, Filters(), "partnerships"))
    assert {"old-lep", "undated"} <= set(everything.index)
    assert everything.loc["undated"].isna()["age_years"]  # no sourced founding date: no age, not zero


def test_region_conditions_aggregate_their_partnerships(con):
    regions = by_case(queries.conditions(con, ON_NEW_YEAR_2025, "regions"))
    yh = regions.loc["yh"]
    assert yh["partnership_count"] == 3 and yh["scales_spanned"] == 3
    assert yh["has_university"] == pytest.approx(2 / 3, abs=1e-3)
    assert set(regions.index) == {"yh", "rw", "forth", "ni", "uk"}


def test_filters_narrow_the_cases(con):
    cases = queries.conditions(con, Filters(regions=("yh",), scales=("region",)), "partnerships")
    assert list(cases["case_id"]) == ["ypip"]


def test_outcomes_count_directions_per_case_and_dimension(con):
    outcomes = queries.outcomes(con, "partnerships", public_only=True).set_index(["case_id", "dimension"])
    assert outcomes.loc[("ypip", "participation"), ["enables", "net", "inferred"]].tolist() == [2, 2, 1]
    assert outcomes.loc[("leeds-climate", "all"), "net"] == -1
    assert outcomes.loc[("stirling-lpip", "all"), "codings"] == 1  # the memo code has no dimension


def test_public_outcomes_never_count_restricted_codings(research_con):
    public = queries.outcomes(research_con, "regions", public_only=True).set_index(["case_id", "dimension"])
    research = queries.outcomes(research_con, "regions", public_only=False).set_index(["case_id", "dimension"])
    assert public.loc[("yh", "all"), "hinders"] == 1 and research.loc[("yh", "all"), "hinders"] == 2
    assert ("yh", "relationships") not in public.index and ("yh", "relationships") in research.index
    excerpts = queries.excerpts(research_con, "regions", "yh", "relationships", public_only=True)
    assert excerpts.empty


def test_an_outcome_cell_lists_its_excerpts_with_source_and_confidence(con):
    excerpts = queries.excerpts(con, "partnerships", "ypip", "participation", public_only=True)
    assert list(excerpts["coding_id"]) == ["c-panel-r2", "c-panel"]  # by direction, then code path
    first = excerpts.iloc[1]
    assert first["text"].startswith("A community panel") and first["source_url"].startswith("https://gtr.ukri.org")
    assert set(excerpts["confidence"]) == {"inferred", "sourced"}


def test_a_condition_cell_lists_the_sourced_rows_behind_it(con):
    facts = queries.case_facts(con, ON_NEW_YEAR_2025, "partnerships", "ypip")
    assert facts["record"].tolist()[0] == "Partnership" and (facts["record"] == "Membership").sum() == 4
    assert facts["source_id"].notna().all()
    region = queries.case_facts(con, ON_NEW_YEAR_2025, "regions", "yh")
    assert set(region["record"]) == {"Region", "Partnership"}
