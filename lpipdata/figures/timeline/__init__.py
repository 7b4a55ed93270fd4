"""The timeline: partnership lifespans as bars in swimlanes by scale, dated events as markers.

Reading the chart honestly:

- A bar starts on the first day its ``founded`` date can mean. When the source gives only
  a year or a month, that span is drawn as a thin bar ("founded some time in 2017") and the
  thick bar starts after it; an ``ended`` date is drawn the same way. Labels and hover
  text show dates at their own precision ('2017', 'Feb 2024', '13 Feb 2024').
- A partnership without an end date runs to today and ends in an arrow.
- Hatching marks an inferred row, dots an unverified one; an event whose fact is not
  sourced is drawn as an open symbol.
- With an "as of" day the chart keeps the whole history, draws the day as a line and fades
  the partnerships not active on it.
- A partnership without a sourced start cannot be drawn as a bar. If it has events it
  gets a grey row spanning them ("dates not sourced"); either way the page lists it.

Bars are ``go.Bar`` traces and events ``go.Scatter`` markers: both report clicks to
Streamlit's ``on_select``. Each clickable point carries ``customdata = [kind, id]`` with
kind 'partnership' or 'event'.

- place.py: lanes and rows (which row each partnership and event goes in, the visible range),
  and the cap on what is drawn (:func:`drawable`).
- hover.py: hover text, and dates at their own precision (:func:`lifespan`).
- traces.py: the plotly traces (bars, spans, arrows, events, labels, the legend's key) and their
  sizes (normal, presenting, :func:`fitted` to a slide's height).
- layout.py: lane bands and titles, the two time axes, the legend, the today and as-of lines.
- tables.py: the table alternatives and a selected partnership's tables.
- here: :func:`timeline_view` and :func:`timeline_figure`, which put those together, and the
  words around the chart.

Callers use the names below as ``figures.X``; the submodules import each other, never this package.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lpipdata import chart_text as chart_words
from lpipdata import dates
from lpipdata import filters as flt
from lpipdata.figures.timeline.hover import lifespan
from lpipdata.figures.timeline.layout import day_lines, layout, top_axis_step
from lpipdata.figures.timeline.place import BAR_WIDTH, SPAN_WIDTH, Drawable, drawable, pack_rows, place
from lpipdata.figures.timeline.tables import (event_table, members_table, partnership_events_table,
                                              partnership_table, undated_table)
from lpipdata.figures.timeline.traces import (FADED, NO_THEME, NO_THEME_COLOUR, NORMAL, PRESENTING, TOP_AXIS_ANCHOR,
                                              bar_traces, colour_key, colour_palette, event_traces, fitted,
                                              key_traces, label_traces, ongoing_traces, order_legend, span_traces,
                                              undated_traces)

__all__ = ["BAR_WIDTH", "FADED", "NO_THEME", "NO_THEME_COLOUR", "PRESENTING", "SPAN_WIDTH", "Drawable",
           "TimelineView", "chart_text", "drawable", "event_table", "fitted", "lifespan", "members_table", "pack_rows",
           "partnership_events_table", "partnership_table", "place", "reading_note", "summary", "timeline_figure",
           "timeline_view", "top_axis_step", "undated_table"]


@dataclass(frozen=True)
class TimelineView:
    """Everything the page shows for one filter state: the frames, what is drawn, the chart, the tables."""

    bars: pd.DataFrame
    events: pd.DataFrame
    shown: Drawable
    figure: go.Figure
    partnerships: pd.DataFrame
    event_rows: pd.DataFrame
    undated: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.bars.empty and self.events.empty


def timeline_view(bars: pd.DataFrame, events: pd.DataFrame, filters: flt.Filters, *, today: date,
                  colour_by: str = "region", fit_px: int | None = None) -> TimelineView:
    """The chart (capped to what a reader can follow) and its table alternatives; `fit_px` as in
    :func:`timeline_figure`."""
    shown = drawable(bars, events)
    figure = timeline_figure(shown.bars, shown.events, today=today, colour_by=colour_by, as_of=filters.as_of,
                             period=(filters.year_from, filters.year_to), fit_px=fit_px)
    return TimelineView(bars, events, shown, figure, partnership_table(bars, filters.as_of), event_table(events),
                        undated_table(bars))


def timeline_figure(bars: pd.DataFrame, events: pd.DataFrame, *, today: date, colour_by: str = "region",
                    as_of: date | None = None, period: tuple[int | None, int | None] = (None, None),
                    fit_px: int | None = None) -> go.Figure:
    """The timeline for `bars` (queries.timeline.partnership_bars) and `events` (timeline_events).

    `colour_by` is 'region' or 'theme'. `period` (year_from, year_to) sets the visible range.
    `fit_px` draws it for presentation: large type, shrunk as needed to fit that height, and
    the legend beside the chart rather than under it.
    """
    placed = place(bars, events, today, as_of, period)
    presenting = fit_px is not None
    sizes = fitted(placed.row_count, fit_px) if presenting else NORMAL
    colours = colour_key(placed.rows, colour_by)
    palette = colour_palette(colours)
    traces = (undated_traces(placed.rows) + bar_traces(placed.rows, colours, palette)
              + span_traces(placed.rows, colours, palette) + ongoing_traces(placed.rows, colours, palette, sizes)
              + event_traces(placed.events, sizes) + label_traces(placed, sizes) + key_traces(placed)
              + [TOP_AXIS_ANCHOR])
    order_legend(traces)
    # One Figure built from finished parts: plotly validates each property once, not on every update.
    return go.Figure(data=traces, layout=layout(placed, sizes, presenting, colour_by, day_lines(today, as_of)))


def summary(filters: flt.Filters, bars: pd.DataFrame, events: pd.DataFrame, vocab: flt.Vocabulary) -> str:
    """The filter sentence, e.g. '26 partnerships in Yorkshire and the Humber; 42 events;
    11 of the partnerships active on 1 Apr 2024 (the rest are faded)'."""
    sentence = flt.describe(filters.with_(as_of=None), len(bars), "partnerships", vocab)
    sentence += f"; {len(events)} event{'s' if len(events) != 1 else ''}"
    if filters.as_of:
        active = int(bars["active_on_as_of"].astype("boolean").eq(True).fillna(False).sum())
        sentence += (f"; {active} of the partnerships active on {dates.display(filters.as_of.isoformat())} "
                     "(the rest are faded)")
    return sentence


def chart_text(bars: pd.DataFrame, events: pd.DataFrame, as_of: date | None) -> str:
    """The chart in one sentence (lpipdata.chart_text): counts, the earliest and latest founding, the as-of day."""
    return chart_words.timeline_text(bars, events, as_of)


def reading_note(today: date) -> str:
    return ("A bar starts on the first day its founding date can mean. A thin stretch is a date the source gives "
            "only as a year or a month (for example '2017': any day that year); the thick bar follows it. "
            f"Partnerships without an end date run to today ({dates.display(today.isoformat())}) and end in ▶.")
