from datetime import date

import pytest

from lpipdata import dates


@pytest.mark.parametrize("text,first,last", [
    ("2014", date(2014, 1, 1), date(2014, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-03-06", date(2024, 3, 6), date(2024, 3, 6)),
])
def test_bounds(text, first, last):
    assert dates.bounds(text) == (first, last)


@pytest.mark.parametrize("text", ["2021-13-01", "2024-02-30", "24", "2024/02", "2024-2", "", "2024-00"])
def test_rejects_non_dates(text):
    assert not dates.is_partial_date(text)


@pytest.mark.parametrize("text,shown,precision", [
    ("2014", "2014", "year"), ("2024-02", "Feb 2024", "month"), ("2024-03-06", "6 Mar 2024", "day")])
def test_display_keeps_precision(text, shown, precision):
    assert dates.display(text) == shown
    assert dates.precision(text) == precision


def test_active_on_edges():
    assert dates.is_active(date(2014, 4, 1), "2014-04-01", None)  # founding day
    assert not dates.is_active(date(2014, 3, 31), "2014-04-01", None)
    assert dates.is_active(date(2024, 3, 31), "2011", "2024-03")  # last day of the ended month
    assert not dates.is_active(date(2024, 4, 1), "2011", "2024-03")
    assert dates.is_active(date(2099, 1, 1), "2011", None)  # open-ended
    assert dates.is_active(date(2017, 1, 1), "2017", None)  # a year counts from its first day
    assert not dates.is_active(date(2017, 1, 1), None, None)  # unknown start: not counted, as in SQL


def test_not_after_compares_at_the_coarser_precision():
    assert dates.not_after("2021-05", "2021")
    assert dates.not_after("2021", "2021-05")
    assert not dates.not_after("2022", "2021-12-31")
