"""Property tests for the URL filter parser: whatever a link holds, the parser returns a state the
widgets accept, and says what it ignored; it never raises (issue 14).

Examples are bounded (PROPERTY) so that `make test` stays quick; no example database is written.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from lpipdata import filters as flt

VOCAB = flt.Vocabulary(regions={"yh": "Yorkshire and the Humber", "rw": "Rural Wales", "ni": "Northern Ireland"},
                       themes=("net zero", "water"), scales=("local", "region"), sectors=("public", "academic"))
OPTIONS = {"measure": ("partnerships", "organisations"), "q": None, "present": ("1",)}
PROPERTY = settings(max_examples=300, deadline=None, database=None)
SINGLE_VALUED = ("asof", "from", "to", "region", "org", "partnership")

# Values of every form a link can carry: right form and in range, right form out of range, wrong form.
dates_any = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat)
date_like = st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True)
years = st.integers(min_value=-100_000, max_value=100_000).map(str) | st.from_regex(r"[0-9]{1,5}", fullmatch=True)
vocab_words = st.sampled_from([*VOCAB.regions, *VOCAB.themes, *VOCAB.scales, *VOCAB.sectors, "atlantis", ""])
id_lists = st.lists(vocab_words | st.text(max_size=12), max_size=8).map(",".join)
ids = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,100}", fullmatch=True)
unicode_text = st.text(max_size=40)  # every code point Hypothesis draws: digits of other scripts, controls, NUL
very_long = st.integers(min_value=flt.MAX_PARAM_LENGTH - 2, max_value=5_000).map(lambda n: "1" * n)
values = dates_any | date_like | years | id_lists | ids | unicode_text | very_long
keys = st.sampled_from(sorted(flt.KNOWN_KEYS | set(OPTIONS))) | st.text(max_size=12)
# A key given once is a string; a repeated key (?regions=a&regions=b) is a list, possibly empty.
raw_values = values | st.lists(values, max_size=4)
queries = st.dictionaries(keys, raw_values, max_size=8)


def assert_widgets_accept(filters: flt.Filters) -> None:
    """What the sidebar's widgets and the SQL macros need: known choices, values within the widgets' ranges."""
    for key in flt.LIST_KEYS:
        chosen = getattr(filters, key)
        assert set(chosen) <= set(VOCAB.allowed(key)) and len(set(chosen)) == len(chosen), (key, chosen)
    low, high = flt.YEAR_RANGE
    for year in (filters.year_from, filters.year_to):
        assert year is None or low <= year <= high, year
    if filters.year_from is not None and filters.year_to is not None:
        assert filters.year_from <= filters.year_to
    assert filters.as_of is None or flt.AS_OF_RANGE[0] <= filters.as_of <= flt.AS_OF_RANGE[1], filters.as_of
    assert filters.region is None or filters.region in VOCAB.regions
    for key in ("org", "partnership"):
        value = getattr(filters, key)
        assert value is None or flt.ID_PATTERN.fullmatch(value), (key, value)


@PROPERTY
@given(queries)
def test_any_query_gives_a_state_the_widgets_accept(query):
    parsed = flt.parse(query, VOCAB, OPTIONS)
    assert_widgets_accept(parsed.filters)
    for name, value in parsed.options.items():
        allowed = OPTIONS[name]
        assert value in allowed if allowed is not None else 0 < len(value) <= flt.MAX_PARAM_LENGTH


@PROPERTY
@given(queries)
def test_a_value_that_is_not_used_is_reported(query):
    parsed = flt.parse(query, VOCAB, OPTIONS)
    first = {key: raw if isinstance(raw, str) else (raw[0] if raw else "") for key, raw in query.items()}
    dropped = [key for key in SINGLE_VALUED if first.get(key)
               and getattr(parsed.filters, {"asof": "as_of", "from": "year_from", "to": "year_to"}.get(key, key)) is None]
    unknown = [key for key in query if key not in flt.KNOWN_KEYS and key not in OPTIONS and first[key]]
    if dropped or unknown:
        assert parsed.problems, (dropped, unknown)
    assert all(isinstance(problem, str) and problem for problem in parsed.problems)


@PROPERTY
@given(queries)
def test_the_state_round_trips_through_its_url(query):
    """The URL the app writes back for a parsed state parses to the same state, with no problem."""
    parsed = flt.parse(query, VOCAB, OPTIONS)
    again = flt.parse(flt.encode(parsed.filters, parsed.options), VOCAB, OPTIONS)
    assert again.filters == parsed.filters
    assert again.options == parsed.options
    assert again.problems == ()


@settings(PROPERTY, max_examples=200)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_an_as_of_date_is_kept_exactly_when_the_date_widget_accepts_it(day):
    parsed = flt.parse({"asof": day.isoformat()}, VOCAB)
    inside = flt.AS_OF_RANGE[0] <= day <= flt.AS_OF_RANGE[1]
    assert parsed.filters.as_of == (day if inside else None)
    assert bool(parsed.problems) != inside
