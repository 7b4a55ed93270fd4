"""Partial dates as the timeline uses them: active-on edges, precision parsing and the wording shown.

tests/unit/test_dates.py covers the basics; these are the timeline's edge cases. The SQL side of
"active on" (the active_on macro the map and network use) is checked on the tiny database in
tests/query/test_timeline_queries.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from lpipdata import dates
from lpipdata.figures.timeline import lifespan


@pytest.mark.parametrize("on,start,end,active", [
    (date(2014, 4, 1), "2014-04-01", None, True),        # the founding day itself
    (date(2014, 3, 31), "2014-04-01", None, False),      # the day before
    (date(2024, 3, 31), "2014-04-01", "2024-03-31", True),   # the ended day itself
    (date(2024, 4, 1), "2014-04-01", "2024-03-31", False),   # the day after
    (date(2024, 12, 31), "2011", "2024", True),          # a year-only end lasts to its last day
    (date(2025, 1, 1), "2011", "2024", False),
    (date(2024, 2, 1), "2024-02", None, True),           # a month-only start counts from its first day
    (date(2024, 1, 31), "2024-02", None, False),
    (date(2199, 1, 1), "2022-10", None, True),           # open-ended: active ever after
    (date(2024, 2, 29), "2024-02-29", "2024-02-29", True),  # a one-day partnership on a leap day
])
def test_active_on_edges(on, start, end, active):
    assert dates.is_active(on, start, end) is active


@pytest.mark.parametrize("text,parts,first,last", [
    ("2014", (2014, None, None), date(2014, 1, 1), date(2014, 12, 31)),
    ("2024-02", (2024, 2, None), date(2024, 2, 1), date(2024, 2, 29)),   # leap-year February
    ("2023-02", (2023, 2, None), date(2023, 2, 1), date(2023, 2, 28)),
    ("2021-03-17", (2021, 3, 17), date(2021, 3, 17), date(2021, 3, 17)),
])
def test_parsing_keeps_the_precision_and_its_span(text, parts, first, last):
    assert dates.parse(text) == parts
    assert dates.bounds(text) == (first, last)


@pytest.mark.parametrize("text", ["2014-01-01T00:00", "14", "2014-1", "2014-02-31", "Feb 2024", " 2014"])
def test_parsing_rejects_what_is_not_a_partial_date(text):
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        dates.parse(text)


@pytest.mark.parametrize("text,shown", [
    ("2014", "2014"), ("2024-02", "Feb 2024"), ("2024-02-13", "13 Feb 2024"), ("2014-01-01", "1 Jan 2014"),
    (None, ""), ("", ""),
])
def test_display_never_invents_a_day_or_month(text, shown):
    assert dates.display(text) == shown


@pytest.mark.parametrize("founded,ended,text", [
    ("2017", None, "2017 – no end date"),
    ("2024-02", "2026-12", "Feb 2024 – Dec 2026"),
    ("2014-04-01", "2024-03-31", "1 Apr 2014 – 31 Mar 2024"),
    (None, "2024-07", "start not sourced – Jul 2024"),
    (float("nan"), None, "start not sourced – no end date"),  # a NULL from a query arrives as NaN
])
def test_lifespan_wording(founded, ended, text):
    assert lifespan(founded, ended) == text
