"""The URL filter state: every field round-trips, every bad value falls back with a note."""

from __future__ import annotations

from datetime import date

import pytest

from lpipdata import filters as flt

VOCAB = flt.Vocabulary(regions={"yh": "Yorkshire and the Humber", "rw": "Rural Wales", "ni": "Northern Ireland"},
                       themes=("net zero", "water"), scales=("local", "region"), sectors=("public", "academic"))
FULL = flt.Filters(regions=("yh", "rw"), themes=("net zero",), scales=("region",), sectors=("academic",),
                   year_from=2014, year_to=2024, as_of=date(2024, 1, 1), region="yh", org="uni-leeds",
                   partnership="ypip")


def test_every_field_round_trips():
    parsed = flt.parse(flt.encode(FULL, {"measure": "organisations"}), VOCAB, {"measure": ("partnerships", "organisations")})
    assert parsed.filters == FULL
    assert parsed.options == {"measure": "organisations"}
    assert parsed.problems == ()


def test_defaults_encode_to_an_empty_query():
    assert flt.encode(flt.Filters()) == {}


@pytest.mark.parametrize("query,expected_problem", [
    ({"regions": "yh,atlantis"}, "unknown regions ignored: atlantis"),
    ({"region": "atlantis"}, "unknown region 'atlantis' ignored"),
    ({"asof": "2024-13-01"}, "'asof' must be a date"),
    ({"asof": "yesterday"}, "'asof' must be a date"),
    ({"from": "20x4"}, "'from' must be a year"),
    ({"from": "²"}, "'from' must be a year"),
    ({"to": "١٩٩٠"}, "'to' must be a year"),
    ({"asof": "9999-12-31"}, f"'asof' must be a date like 2024-01-31, from {flt.AS_OF_RANGE[0].isoformat()} to"),
    ({"asof": "0001-01-01"}, f"'asof' must be a date like 2024-01-31, from {flt.AS_OF_RANGE[0].isoformat()} to"),
    ({"from": "1850"}, f"'from' must be a year between {flt.YEAR_RANGE[0]}"),
    ({"from": "2024", "to": "2010"}, "period 'from' 2024 is after 'to' 2010"),
    ({"org": "<script>"}, "'org' is not a valid id"),
    ({"themes": "x" * 5000}, "'themes' is too long"),
    ({"regions": ["yh", "rw"]}, "'regions' given 2 times; using the first"),
    ({"colour": "red"}, "unknown parameter 'colour' ignored"),
    ({"measure": "vibes"}, "unknown measure 'vibes' ignored"),
])
def test_bad_values_fall_back_with_a_note(query, expected_problem):
    parsed = flt.parse(query, VOCAB, {"measure": ("partnerships",)})
    assert any(expected_problem in p for p in parsed.problems), parsed.problems
    assert parsed.filters.org is None and parsed.filters.as_of is None


def test_partially_bad_list_keeps_the_good_values():
    parsed = flt.parse({"regions": "yh,atlantis,rw"}, VOCAB)
    assert parsed.filters.regions == ("yh", "rw")


def test_sentence():
    f = flt.Filters(regions=("yh",), themes=("net zero",), as_of=date(2024, 1, 1))
    assert flt.describe(f, 18, "partnerships", VOCAB) == (
        "18 partnerships on net zero in Yorkshire and the Humber, active on 1 Jan 2024")
    assert flt.describe(flt.Filters(year_from=2015), 1, "partnerships", VOCAB) == "1 partnership, 2015–…"


def test_sql_params_are_plain_values():
    assert FULL.sql_params()["regions"] == ["yh", "rw"]
    assert FULL.sql_params()["as_of"] == date(2024, 1, 1)


def test_free_text_options_are_accepted_up_to_the_limit():
    parsed = flt.parse({"q": "  net zero  "}, VOCAB, {"q": None})
    assert parsed.options == {"q": "net zero"} and parsed.problems == ()
    too_long = flt.parse({"q": "x" * (flt.MAX_PARAM_LENGTH + 1)}, VOCAB, {"q": None})
    assert too_long.options == {} and "too long" in too_long.problems[0]


def test_the_parser_and_the_widgets_share_their_bounds():
    """A value the parser accepts is one the sidebar's widgets accept (issue 14, failure 1)."""
    from ui import widgets

    assert widgets.YEARS == flt.YEAR_RANGE
    assert flt.AS_OF_RANGE == (date(flt.YEAR_RANGE[0], 1, 1), date(flt.YEAR_RANGE[1], 12, 31))
    for day in flt.AS_OF_RANGE:
        assert flt.parse({"asof": day.isoformat()}, VOCAB).filters.as_of == day
