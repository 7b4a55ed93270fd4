"""The Patterns URL options: every bad value gets one plain problem and a sensible default."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lpipdata import qca
from lpipdata.patterns import conditions as cond
from lpipdata.patterns import request as rq

DIMENSIONS = ("participation", "confidence", "capability", "capacity")


def test_defaults_when_nothing_is_given():
    request = rq.parse({}, DIMENSIONS)
    assert (request.case_kind, request.outcome, request.conditions, request.incl_cut) == (
        "partnerships", "all", cond.DEFAULT_CONDITIONS, 0.8)
    assert request.problems == () and request.cell is None


def test_a_full_request_round_trips_through_its_options():
    options = {"cases": "regions", "outcome": "participation", "conditions": "has_university,member_count",
               "cal": "member_count:2/10/30;outcome:2", "incl": "0.75", "cell": "yh~outcome:all"}
    request = rq.parse(options, DIMENSIONS)
    assert request.problems == ()
    assert request.setting("member_count") == rq.Setting("member_count", "fuzzy", (2.0, 10.0, 30.0))
    assert rq.outcome_setting(request) == rq.Setting("outcome", "crisp", (2.0,))
    assert request.cell == ("yh", "outcome:all")
    assert rq.parse(request.options(with_cell=True), DIMENSIONS) == request


def test_category_conditions_take_a_value():
    request = rq.parse({"conditions": "lead_type,member_count", "cal": "lead_type=university"}, DIMENSIONS)
    assert request.setting("lead_type") == rq.Setting("lead_type", "category", category="university")
    assert request.options()["cal"] == "lead_type=university"


def test_more_than_six_conditions_are_refused_with_the_reason():
    names = [c.name for c in cond.conditions_for("partnerships")][:8]
    request = rq.parse({"conditions": ",".join(names)}, DIMENSIONS)
    assert request.conditions == tuple(names[:qca.MAX_CONDITIONS])
    assert "8 conditions refused" in request.problems[0] and "64 configurations" in request.problems[0]


def test_unknown_and_out_of_range_values_are_reported_and_defaulted():
    request = rq.parse({"outcome": "joy", "conditions": "bogus,has_university", "cal": "member_count:abc;age_years:9/5/5;nope:1",
                        "incl": "1.5", "cell": "no-tilde"}, DIMENSIONS)
    assert request.outcome == "all" and request.conditions == cond.DEFAULT_CONDITIONS
    assert request.settings == () and request.incl_cut == rq.DEFAULT_INCL and request.cell is None
    problems = " | ".join(request.problems)
    for fragment in ("outcome 'joy'", "'bogus'", "member_count:abc", "age_years:9/5/5", "'nope'", "'1.5'", "no-tilde"):
        assert fragment in problems


def test_region_cases_refuse_partnership_only_conditions():
    request = rq.parse({"cases": "regions", "conditions": "lead_type,governance_form,member_count"}, DIMENSIONS)
    assert request.conditions == cond.DEFAULT_CONDITIONS and "lead_type" in request.problems[0]


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["cases", "outcome", "conditions", "cal", "incl", "cell"]), TEXT))
def test_any_options_give_a_usable_request(options):
    request = rq.parse(options, DIMENSIONS)
    allowed = {c.name for c in cond.conditions_for(request.case_kind)}
    assert rq.MIN_CONDITIONS <= len(request.conditions) <= qca.MAX_CONDITIONS
    assert set(request.conditions) <= allowed and len(set(request.conditions)) == len(request.conditions)
    assert rq.INCL_RANGE[0] <= request.incl_cut <= rq.INCL_RANGE[1]
    assert request.outcome in (*DIMENSIONS, "all")
    for setting in request.settings:
        assert setting.kind in ("crisp", "fuzzy", "category")
    assert rq.parse(request.options(with_cell=True), DIMENSIONS) == request  # what it writes, it reads back
