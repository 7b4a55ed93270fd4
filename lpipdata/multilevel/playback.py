"""Playing the as-of day through the years (pure functions; the page's timer is in ui/playback.py).

A step is a year in which what stood changes: a partnership or a membership starts or ends (and
with them the cross-level ties).
Its day is 31 December of that year (what stood at the year's end), or today for the current
year, which has not ended. Years in which nothing changes are skipped, so every step shows
something new; the years are written on the control, so the gaps are never hidden.
"""

from __future__ import annotations

from datetime import date

import pandas as pd


def step_day(year: int, today: date) -> date:
    """The as-of day that stands for `year`: its last day, or today while it is still running."""
    return min(date(year, 12, 31), today)


def candidate_days(first: date | None, today: date, year_from: int | None = None,
                   year_to: int | None = None) -> tuple[date, ...]:
    """One day per year from the first founding (or the period's start, if later) to this year (or the
    period's end). None without a dated partnership: nothing can be placed in time."""
    if first is None:
        return ()
    start = max(first.year, year_from or 0)
    end = min(today.year, year_to or today.year)
    return tuple(step_day(year, today) for year in range(start, end + 1))


def steps(changes: pd.DataFrame) -> tuple[date, ...]:
    """The days on which the ladder differs from the year before (queries.multilevel.changes, in
    day order). Leading years with nothing active are dropped; a later empty year is a step."""
    out: list[date] = []
    previous = None
    for day, partnerships, fingerprint in zip(changes["day"], changes["partnerships"], changes["fingerprint"]):
        if not out and partnerships == 0:
            continue
        if fingerprint != previous:
            out.append(pd.Timestamp(day).date())
        previous = fingerprint
    return tuple(out)


def position(days: tuple[date, ...], as_of: date | None) -> int | None:
    """The index of the step showing `as_of`: the last step on or before it (None: before every step,
    or no as-of day)."""
    if as_of is None:
        return None
    earlier = [i for i, day in enumerate(days) if day <= as_of]
    return earlier[-1] if earlier else None


def next_day(days: tuple[date, ...], as_of: date | None) -> date | None:
    """The step after the one showing `as_of` (the first step without an as-of day); None at the end."""
    later = [day for day in days if as_of is None or day > as_of]
    return later[0] if later else None


def previous_day(days: tuple[date, ...], as_of: date | None) -> date | None:
    """The step before `as_of`; None when there is none (or no as-of day)."""
    if as_of is None:
        return None
    earlier = [day for day in days if day < as_of]
    return earlier[-1] if earlier else None


def start_day(days: tuple[date, ...], as_of: date | None) -> date | None:
    """Where Play starts: from the current step, or from the first when there is no as-of day or the
    last step is already showing."""
    if not days:
        return None
    if as_of is None or next_day(days, as_of) is None:
        return days[0]
    return as_of
