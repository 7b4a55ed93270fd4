"""Partial dates: the sources often give only a year or a month, so precision is kept.

A partial date is text in one of three forms: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
It stands for an interval of days; :func:`bounds` returns its first and last day.
A partnership is active on a day when it could have been: founded no later than that
day (its first possible day) and not ended before it (its last possible day).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # [0-9], not \d: no other scripts' digits
FORMAT_HINT = "YYYY, YYYY-MM or YYYY-MM-DD"
# Years a source, partnership or event can sensibly carry; a year such as 0000 or 9999 is a typing slip.
YEAR_RANGE = (1800, 2099)
# The same form and year range as a standard Table Schema `pattern` constraint: data/datapackage.json gives
# it to every partial-date field, so any Frictionless tool checks them too (the day of the month is ours).
PARTIAL_DATE_PATTERN = r"(18|19|20)[0-9]{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse(text: str) -> tuple[int, int | None, int | None]:
    """Split a partial date into (year, month, day), raising ValueError if it is not one."""
    match = PARTIAL_DATE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a date ({FORMAT_HINT})")
    year, month, day = (int(part) if part else None for part in match.groups())
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ValueError(f"{text!r} is outside the years {YEAR_RANGE[0]} to {YEAR_RANGE[1]}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a date ({FORMAT_HINT})")
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            raise ValueError(f"{text!r} is not a date ({FORMAT_HINT})") from None
    return year, month, day


def is_partial_date(text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


def bounds(text: str) -> tuple[date, date]:
    """First and last day that a partial date can mean."""
    year, month, day = parse(text)
    if day is not None:
        return date(year, month, day), date(year, month, day)
    if month is not None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def precision(text: str) -> str:
    """'year', 'month' or 'day'."""
    _, month, day = parse(text)
    return "day" if day is not None else "month" if month is not None else "year"


def display(text: str | None) -> str:
    """Human form at the date's own precision: '2014', 'Feb 2024', '13 Feb 2024'."""
    if not text:
        return ""
    year, month, day = parse(text)
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def is_active(on: date, start: str | None, end: str | None) -> bool:
    """Whether something that began at `start` and ended at `end` may be active on `on`.

    Without a known start we cannot say it was, the same rule as the SQL macro active_on.
    """
    if not start or bounds(start)[0] > on:
        return False
    return not (end and bounds(end)[1] < on)


def not_after(first: str, second: str) -> bool:
    """True unless `first` is certainly later than `second` (e.g. 2021-05 vs 2021 is fine)."""
    return bounds(first)[0] <= bounds(second)[1]
