"""Playing the as-of day through the years: Play/Pause, a step back and forward, and a slider of the
years that have data (lpipdata/multilevel/playback.py says which).

How it plays, and why this way: the as-of day lives in the URL like every filter, so each step is
a plain rerun of the page with a new `asof`, and a presenter who pauses can share exactly that
year. While playing, the URL also holds `play=1`, and a fragment that draws nothing runs four times
a second (`st.fragment(run_every=...)`): once the year has been on screen for a second it moves the
URL to the next step and reruns the page. The
browser stays idle between steps (no sleeping script), a click on Pause lands at once, and the
page's views are cached per filter state and day, so each step is served from the cache after its
first showing and the layout never moves. Plotly's own animation frames were not used: they play in
the browser only, so the URL, the measures and the tables could not follow the year.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import date

import streamlit as st

from lpipdata import dates
from lpipdata import filters as flt
from lpipdata.multilevel import playback
from lpipdata.multilevel import view as ml
from ui import cached, state, widgets

PLAY = "play"  # the view option set while playing: {"play": ("1",)}
OPTIONS = {PLAY: ("1",)}
STEP_SECONDS = 1.0
TICK_SECONDS = 0.25  # how often the timer looks: a step lands within this of its second
ALL_DATES = "all"


def steps(filters: flt.Filters, today: date) -> tuple[date, ...]:
    """The years to play for these filters (cached per filter state; the as-of day does not change them)."""
    return cached.fetch(ml.play_steps, ml.shared_filters(filters).with_(as_of=None), today, widgets.YEARS[0])


def is_playing(options: Mapping[str, str]) -> bool:
    return options.get(PLAY) == "1"


def _write(filters: flt.Filters, options: Mapping[str, str], as_of: date | None, playing: bool) -> None:
    kept = {k: v for k, v in options.items() if k != PLAY}
    state.write(filters.with_(as_of=as_of), {**kept, **({PLAY: "1"} if playing else {})})


def _play(filters: flt.Filters, options: dict[str, str], steps: tuple[date, ...]) -> None:
    _write(filters, options, playback.start_day(steps, filters.as_of), True)


def _pause(filters: flt.Filters, options: dict[str, str]) -> None:
    _write(filters, options, filters.as_of, False)


def _step(filters: flt.Filters, options: dict[str, str], day: date | None) -> None:
    _write(filters, options, day, is_playing(options))


def _slid(filters: flt.Filters, options: dict[str, str], key: str) -> None:
    value = st.session_state[key]
    _write(filters, options, None if value == ALL_DATES else date.fromisoformat(value), is_playing(options))


def choices(steps: tuple[date, ...], as_of: date | None) -> list[str]:
    """The slider's values: all dates, then every step, with the current as-of day among them when it
    is not a step (e.g. set in the sidebar), so the slider always shows what the page shows."""
    days = sorted(set(steps) | ({as_of} if as_of else set()))
    return [ALL_DATES, *(day.isoformat() for day in days)]


def label(value: str, steps: tuple[date, ...], today: date) -> str:
    if value == ALL_DATES:
        return "All dates"
    day = date.fromisoformat(value)
    if day in steps:
        return f"{day.year} (today)" if day == today and (day.month, day.day) != (12, 31) else str(day.year)
    return dates.display(value)


def control(filters: flt.Filters, options: Mapping[str, str], steps: tuple[date, ...], *, key: str,
            story: bool = False, today: date | None = None, compact: bool = False) -> None:
    """The time control. In a storyboard the left and right arrow keys move between slides, so the
    years step with Shift and the arrow keys; elsewhere the arrow keys step the years."""
    today = today or date.today()
    options = dict(options)
    if not steps:
        st.info("No partnership matching these filters has a sourced founding date in this period, so there are no "
                "years to play. Widen the period or the filters, or clear the as-of date.", icon=":material/history:")
        return
    playing = is_playing(options)
    arrows = ("Shift+Left", "Shift+Right") if story else ("Left", "Right")
    with st.container(horizontal=True, vertical_alignment="bottom", key=f"{key}_controls", gap="small"):
        if playing:
            st.button("Pause", icon=":material/pause:", key=f"{key}_pause", on_click=_pause, args=(filters, options),
                      type="primary", shortcut="P", help="Stop on this year (P). The link keeps the year.")
        else:
            st.button("Play", icon=":material/play_arrow:", key=f"{key}_play", on_click=_play,
                      args=(filters, options, steps), type="primary", shortcut="P",
                      help="Step through the years that have data, one a second (P)")
        before, after = playback.previous_day(steps, filters.as_of), playback.next_day(steps, filters.as_of)
        st.button("Earlier", icon=":material/skip_previous:", key=f"{key}_previous", on_click=_step,
                  args=(filters, options, before), disabled=before is None, shortcut=arrows[0],
                  help=f"The year before ({arrows[0].replace('+', ' and ')} arrow key)")
        st.button("Later", icon=":material/skip_next:", key=f"{key}_next", on_click=_step,
                  args=(filters, options, after), disabled=after is None, shortcut=arrows[1],
                  help=f"The next year with a change ({arrows[1].replace('+', ' and ')} arrow key)")
        if not compact:
            _slider(filters, options, steps, key, today)
    if compact:
        _slider(filters, options, steps, key, today)
    st.caption(_where(filters.as_of, steps, playing, today))
    if playing:
        _ticker(filters, options, steps, time.monotonic())


def _slider(filters: flt.Filters, options: dict[str, str], steps: tuple[date, ...], key: str, today: date) -> None:
    values = choices(steps, filters.as_of)
    slider_key = state.widget_key(f"{key}_year")
    st.session_state[slider_key] = filters.as_of.isoformat() if filters.as_of else ALL_DATES
    st.select_slider("Year shown (as of its last day)", values, key=slider_key,
                     format_func=lambda v: label(v, steps, today), on_change=_slid,
                     args=(filters, options, slider_key), width="stretch",
                     help="Each step is a year in which a partnership or a membership starts or ends; the "
                          "view shows what stood on that year's last day.")


def _where(as_of: date | None, steps: tuple[date, ...], playing: bool, today: date) -> str:
    if as_of is None:
        return (f"All dates: every recorded partnership, whatever its dates. {len(steps)} years have changes, "
                f"{steps[0].year} to {steps[-1].year}; press Play to step through them.")
    index = playback.position(steps, as_of)
    where = f"As of {dates.display(as_of.isoformat())}"
    if index is not None and steps[index] == as_of:
        where += f", year {index + 1} of {len(steps)}"
    if playing:
        where += " · playing, one year a second"
    return where + "."


@st.fragment(run_every=TICK_SECONDS)
def _ticker(filters: flt.Filters, options: dict[str, str], steps: tuple[date, ...], drawn_at: float) -> None:
    """Runs once as the page is drawn (and does nothing then), then every TICK_SECONDS: the first run
    a second after the year was drawn moves the as-of day to the next step and reruns the whole page."""
    # A quarter second less than the step: the rerun that shows the next year takes about that long.
    if time.monotonic() - drawn_at < STEP_SECONDS - TICK_SECONDS:
        return
    if state.current_query().get(PLAY) != "1":  # paused meanwhile
        return
    following = playback.next_day(steps, filters.as_of)
    _write(filters, options, following or filters.as_of, following is not None)
    st.rerun(scope="app")
