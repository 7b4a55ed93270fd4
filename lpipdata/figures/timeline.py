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
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lpipdata import dates
from lpipdata import filters as flt
from lpipdata.figures import theme

OTHER_EVENTS = "other events"
LANES = (OTHER_EVENTS,) + tuple(reversed(theme.SCALE_ORDER))  # top to bottom: widest scale first
LANE_LABELS = {OTHER_EVENTS: "Other events", "UK": "UK", "nation": "Nation", "region": "Region",
               "city-region": "City region", "sub-regional": "Sub-regional", "local": "Local",
               "neighbourhood": "Neighbourhood"}
EVENT_SYMBOLS = {"founding": "circle", "devolution deal": "star", "funding": "diamond", "launch": "triangle-up",
                 "workshop": "square", "conference": "pentagon", "publication": "hexagon", "election": "cross",
                 "call": "triangle-down", "closure": "x", "policy": "hourglass"}
CONFIDENCE_PATTERN = {"sourced": "", "inferred": "/", "unverified": "."}
NO_THEME = "no theme recorded"
NO_THEME_COLOUR = "#A0A0A0"
UNDATED_COLOUR = "#E3E3E3"
EVENT_COLOUR = "#1A1A1A"
AS_OF_COLOUR = "#D55E00"
TODAY_COLOUR = "#8A8A8A"
FADED = 0.28

MAX_BARS = 80  # rows a reader can follow; more and the page becomes a long scroll of bars
MAX_EVENTS = 250
LANE_GAP = 0.5  # rows of space between lanes
LANE_HEADER = 0.8  # rows at the top of a lane for its name (inside the plot, so the time axis gets the width)
BAR_WIDTH, SPAN_WIDTH, LABEL_LIFT = 0.42, 0.14, 0.45  # in rows
CHAR_SHARE = 1 / 90  # a label character's width as a share of the x span (about 7px of 650px)


@dataclass(frozen=True)
class Sizes:
    row_px: int
    font: int
    marker: int


NORMAL, PRESENTING = Sizes(row_px=30, font=12, marker=10), Sizes(row_px=44, font=18, marker=15)
AXES_PX = 90  # the two time axes and the margins around the rows


def fitted(rows: float, height_px: int) -> Sizes:
    """Presentation sizes shrunk so that `rows` rows fit in `height_px`: a slide cannot scroll."""
    row_px = max(18, min(PRESENTING.row_px, int((height_px - AXES_PX) / max(rows, 1.0))))
    share = row_px / PRESENTING.row_px
    return Sizes(row_px, font=max(12, round(PRESENTING.font * share)), marker=max(8, round(PRESENTING.marker * share)))


@dataclass(frozen=True)
class Lane:
    name: str
    bottom: float
    top: float



@dataclass(frozen=True)
class Placed:
    """Where everything goes: one row per drawn partnership, events with their y, the lanes."""

    rows: pd.DataFrame
    events: pd.DataFrame
    lanes: tuple[Lane, ...]
    x_range: tuple[pd.Timestamp, pd.Timestamp]

    @property
    def row_count(self) -> float:
        """The chart's height in rows, lane headers and gaps included."""
        return -min((lane.bottom for lane in self.lanes), default=-1.0)


@dataclass(frozen=True)
class Drawable:
    """What the chart draws when there is too much to draw one bar per partnership."""

    bars: pd.DataFrame
    events: pd.DataFrame
    hidden_bars: int
    hidden_events: int

    def note(self) -> str | None:
        if not (self.hidden_bars or self.hidden_events):
            return None
        drawn_bars, drawn_events = len(self.bars), len(self.events)
        return (f"Too many to draw one by one: the chart shows the {drawn_bars:,} earliest-founded of "
                f"{drawn_bars + self.hidden_bars:,} partnerships and {drawn_events:,} of "
                f"{drawn_events + self.hidden_events:,} events. Narrow the regions, scales or period to see "
                "the rest; the tables below list them all.")


def drawable(bars: pd.DataFrame, events: pd.DataFrame, max_bars: int = MAX_BARS,
             max_events: int = MAX_EVENTS) -> Drawable:
    """Cap what is drawn (bars are ordered earliest-founded first), keeping events on drawn rows."""
    with_events = set(events["partnership_id"].dropna())
    candidates = bars[bars["founded_first"].notna() | bars["partnership_id"].isin(with_events)]
    kept = candidates.head(max_bars)
    on_chart = events["partnership_id"].isna() | events["partnership_id"].isin(kept["partnership_id"])
    kept_events = events[on_chart].head(max_events)
    return Drawable(kept, kept_events, len(candidates) - len(kept), len(events) - len(kept_events))


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


# --- placing rows in lanes -------------------------------------------------------------------


BAR_FIELDS = ["partnership_id", "name", "acronym", "scale", "governance_form", "region_name", "founded", "ended",
              "founded_first", "founded_last", "ended_first", "ended_last", "themes", "primary_theme", "confidence",
              "source_title", "active_on_as_of"]
EVENT_FIELDS = ["event_id", "date", "end_date", "date_first", "date_last", "end_date_last", "title", "kind",
                "partnership_id", "partnership_name", "region_name", "confidence", "source_title"]


def with_hover(frame: pd.DataFrame, fields: list[str], hover: Callable[[dict], str]) -> pd.DataFrame:
    """Only the columns the chart uses (wide frames make every pandas step slower), plus hover text."""
    narrow = frame[[f for f in fields if f in frame]]
    # Plain object columns: pandas' Arrow-backed strings make each of the many small selections slow.
    narrow = narrow.astype({c: object for c in narrow.columns if pd.api.types.is_string_dtype(narrow[c])})
    narrow = narrow.astype({c: "datetime64[us]" for c in narrow.columns if c.endswith(("_first", "_last"))})
    return narrow.assign(hover=[hover(record) for record in narrow.to_dict("records")])


def place(bars: pd.DataFrame, events: pd.DataFrame, today: date, as_of: date | None = None,
          period: tuple[int | None, int | None] = (None, None)) -> Placed:
    """Give every drawn partnership a row in its scale's lane, packing rows that do not overlap."""
    bars = with_hover(bars, BAR_FIELDS, partnership_hover)
    events = with_hover(events, EVENT_FIELDS, event_hover)
    rows = extents(bars, events, pd.Timestamp(today))
    x_range = within_period(visible_range(rows, events, today, as_of), period)
    char_span = (x_range[1] - x_range[0]) * CHAR_SHARE
    rows = rows.assign(lane=rows["scale"], label=[label(name, acronym, dated) for name, acronym, dated
                                                  in zip(rows["name"], rows["acronym"], rows["dated"])])
    label_end = rows["start"] + label_chars(rows) * char_span
    rows = rows.assign(reach=pd.concat([rows["end"], label_end], axis=1).max(axis=1) + char_span * 2)
    loose = events[events["partnership_id"].isna()].assign(lane=OTHER_EVENTS, start=lambda e: e["date_first"])
    loose = loose.assign(reach=event_end(loose) + char_span * 3)
    lanes, y_of_rows, y_of_loose = [], {}, {}
    top = 0.0
    for name in LANES:
        items = loose if name == OTHER_EVENTS else rows[rows["lane"] == name]
        if items.empty:
            continue
        packed = pack_rows(items["start"].tolist(), items["reach"].tolist())
        count = max(packed) + 1
        target = y_of_loose if name == OTHER_EVENTS else y_of_rows
        target.update({key: top - LANE_HEADER - row - 0.5 for key, row in zip(items.index, packed)})
        lanes.append(Lane(name, top - LANE_HEADER - count, top))
        top -= LANE_HEADER + count + LANE_GAP
    rows = rows.assign(y=pd.Series(y_of_rows, dtype=float))
    return Placed(rows, place_events(events, rows, y_of_loose), tuple(lanes), x_range)


def extents(bars: pd.DataFrame, events: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """Start and end to draw: founded to ended (or today), or an undated row's events' span."""
    dated = bars[bars["founded_first"].notna()]
    ongoing = dated["ended_last"].isna()
    dated = dated.assign(start=dated["founded_first"], dated=True, ongoing=ongoing,
                         end=dated["ended_last"].where(~ongoing, dated["founded_last"].clip(lower=today)))
    attached = events[events["partnership_id"].notna()].assign(last=lambda e: event_end(e))
    span = attached.groupby("partnership_id").agg(first=("date_first", "min"), last=("last", "max"))
    undated = bars[bars["founded_first"].isna() & bars["partnership_id"].isin(span.index)]
    undated = undated.join(span, on="partnership_id")
    undated = undated.assign(start=undated["first"], dated=False, ongoing=False,
                             end=undated[["last", "ended_last"]].max(axis=1)).drop(columns=["first", "last"])
    both = pd.concat([part for part in (dated, undated) if not part.empty]) if len(undated) else dated
    return both.sort_values(["start", "name"]).reset_index(drop=True)


def event_end(events: pd.DataFrame) -> pd.Series:
    """The last day an event can mean: its end date's last day, else its own date's."""
    return events["end_date_last"].fillna(events["date_last"])


def place_events(events: pd.DataFrame, rows: pd.DataFrame, y_of_loose: dict) -> pd.DataFrame:
    """Events sit on their partnership's row; events tied to none sit in the 'other events' lane."""
    y_of_partnership = dict(zip(rows["partnership_id"], rows["y"]))
    y = events["partnership_id"].map(y_of_partnership)
    y = y.fillna(pd.Series(y_of_loose, dtype=float))
    return events.assign(y=y).dropna(subset=["y"])


def pack_rows(starts: Sequence, reaches: Sequence) -> list[int]:
    """Greedy interval packing (items sorted by start): each goes in the first row free by then."""
    row_reach: list = []
    rows = []
    for start, reach in zip(starts, reaches):
        free = next((i for i, taken in enumerate(row_reach) if taken < start), None)
        if free is None:
            row_reach.append(reach)
            free = len(row_reach) - 1
        row_reach[free] = reach
        rows.append(free)
    return rows


def visible_range(rows: pd.DataFrame, events: pd.DataFrame, today: date,
                  as_of: date | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """From the earliest start to the latest end, today or the as-of day, with a little room."""
    starts = list(rows["start"].dropna()) + list(events["date_first"].dropna())
    ends = list(rows["end"].dropna()) + list(event_end(events).dropna()) + [pd.Timestamp(today)]
    if as_of:
        starts.append(pd.Timestamp(as_of))
        ends.append(pd.Timestamp(as_of))
    low, high = min(starts, default=pd.Timestamp(today)), max(ends)
    room = max((high - low) * 0.03, pd.Timedelta(days=120))
    return low - room, high + room


def within_period(data_range: tuple[pd.Timestamp, pd.Timestamp],
                  period: tuple[int | None, int | None]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The period filter's years when given, else the data's own range."""
    year_from, year_to = period
    low = pd.Timestamp(date(year_from, 1, 1)) if year_from else data_range[0]
    high = pd.Timestamp(date(year_to, 12, 31)) if year_to else data_range[1]
    return low, high


def label_chars(rows: pd.DataFrame) -> pd.Series:
    return rows["label"].astype(str).str.len().astype("int64")


def label(name: object, acronym: object, dated: bool) -> str:
    """The bar's label: its name, or its acronym when the name is long."""
    name, acronym = _text(name), _text(acronym)
    text = acronym if len(name) > 40 and acronym else name
    text = text if len(text) <= 40 else text[:39] + "…"
    return text if dated else f"{text} · dates not sourced"


# --- traces ----------------------------------------------------------------------------------


def colour_key(rows: pd.DataFrame, colour_by: str) -> pd.Series:
    column = "primary_theme" if colour_by == "theme" else "region_name"
    return rows[column].fillna(NO_THEME if colour_by == "theme" else "unknown region").astype(str)


def colour_palette(keys: pd.Series) -> dict[str, str]:
    named = theme.colour_map([k for k in keys.unique() if k != NO_THEME])
    return {**named, NO_THEME: NO_THEME_COLOUR}


def ms(delta: pd.Series) -> list[float]:
    """Bar lengths on a date axis are milliseconds."""
    return (delta.dt.total_seconds() * 1000).tolist()


def bar(rows: pd.DataFrame, start: pd.Series, end: pd.Series, width: float, colour: str | list[str],
        **extra) -> go.Bar:
    """Horizontal bars from `start` to `end` that report clicks as their partnership."""
    return go.Bar(orientation="h", base=start.dt.strftime("%Y-%m-%d").tolist(), x=ms(end - start),
                  y=rows["y"].tolist(), width=width, customdata=[["partnership", p] for p in rows["partnership_id"]],
                  hovertext=rows["hover"].tolist(),
                  hovertemplate="%{hovertext}<extra></extra>", marker_color=colour, **extra)


def not_active(rows: pd.DataFrame) -> pd.Series:
    """True for partnerships not active on the as-of day (never true without one)."""
    if "active_on_as_of" not in rows:
        return pd.Series(False, index=rows.index)
    return rows["active_on_as_of"].astype("boolean").eq(False).fillna(False).astype(bool)


def opacity(rows: pd.DataFrame) -> list[float]:
    return [FADED if faded else 1.0 for faded in not_active(rows)]


def bar_traces(rows: pd.DataFrame, colours: pd.Series, palette: dict[str, str]) -> list[go.Bar]:
    """Thick bars for the span a partnership certainly ran: one trace (and legend entry) per colour."""
    dated = rows[rows["dated"]]
    dated = dated.assign(certain_start=dated["founded_last"],
                         certain_end=dated["end"].where(dated["ongoing"], dated["ended_first"]))
    dated = dated[dated["certain_end"] > dated["certain_start"]]
    traces = []
    for key in sorted(colours[dated.index].unique()):
        part = dated[colours[dated.index] == key]
        traces.append(bar(part, part["certain_start"], part["certain_end"], BAR_WIDTH, palette[key],
                          name=key, legendgroup="colour", marker_opacity=opacity(part),
                          marker_pattern_shape=[CONFIDENCE_PATTERN.get(c, "") for c in part["confidence"]]))
    return traces


def span_traces(rows: pd.DataFrame, colours: pd.Series, palette: dict[str, str]) -> list[go.Bar]:
    """Thin bars for the days a year- or month-only founded or ended date could mean."""
    dated = rows[rows["dated"]]
    traces = []
    for first, last in (("founded_first", "founded_last"), ("ended_first", "ended_last")):
        part = dated[dated[last] > dated[first]]
        if not part.empty:
            traces.append(bar(part, part[first], part[last] + pd.Timedelta(days=1), SPAN_WIDTH,
                              [palette[c] for c in colours[part.index]], name="date span", showlegend=False,
                              marker_opacity=opacity(part)))
    return traces


def undated_traces(rows: pd.DataFrame) -> list[go.Bar]:
    """Grey rows spanning the events of partnerships whose start is not sourced."""
    part = rows[~rows["dated"]]
    if part.empty:
        return []
    return [bar(part, part["start"], part["end"] + pd.Timedelta(days=1), BAR_WIDTH, UNDATED_COLOUR,
                name="no sourced start", legendgroup="key")]


def ongoing_traces(rows: pd.DataFrame, colours: pd.Series, palette: dict[str, str],
                   sizes: Sizes) -> list[go.Scatter]:
    """An arrow at the end of each bar without an end date (drawn to today)."""
    part = rows[rows["dated"] & rows["ongoing"]]
    if part.empty:
        return []
    return [go.Scatter(x=part["end"].dt.strftime("%Y-%m-%d").tolist(), y=part["y"].tolist(), mode="markers",
                       marker=dict(symbol="triangle-right", size=sizes.marker, opacity=opacity(part),
                                   color=[palette[c] for c in colours[part.index]]),
                       customdata=[["partnership", p] for p in part["partnership_id"]],
                       hovertext=part["hover"].tolist(),
                       hovertemplate="%{hovertext}<extra></extra>", name="no end date", showlegend=False)]


def event_traces(events: pd.DataFrame, sizes: Sizes) -> list[go.Scatter]:
    """One marker trace per event kind (its legend entry); thin lines for imprecise dates."""
    traces = []
    spread = events[event_end(events) > events["date_first"]]
    if not spread.empty:
        x, y = [], []
        for first, last, row_y in zip(spread["date_first"], event_end(spread), spread["y"]):
            x += [first.strftime("%Y-%m-%d"), (last + pd.Timedelta(days=1)).strftime("%Y-%m-%d"), None]
            y += [row_y, row_y, None]
        traces.append(go.Scatter(x=x, y=y, mode="lines", line=dict(color=EVENT_COLOUR, width=1.5),
                                 hoverinfo="skip", showlegend=False, name="event date span"))
    kinds = set(events["kind"])
    for kind in [k for k in EVENT_SYMBOLS if k in kinds] + sorted(kinds - set(EVENT_SYMBOLS)):
        part = events[events["kind"] == kind]
        symbol = EVENT_SYMBOLS.get(kind, "circle")
        traces.append(go.Scatter(
            x=part["date_first"].dt.strftime("%Y-%m-%d").tolist(), y=part["y"].tolist(), mode="markers",
            marker=dict(symbol=[symbol if c == "sourced" else f"{symbol}-open" for c in part["confidence"]],
                        size=sizes.marker, color=EVENT_COLOUR, line=dict(color="white", width=1)),
            customdata=[["event", e] for e in part["event_id"]], name=kind, legendgroup="events",
            hovertext=part["hover"].tolist(),
            hovertemplate="%{hovertext}<extra></extra>"))
    return traces


def label_traces(placed: Placed, sizes: Sizes) -> list[go.Scatter]:
    """Names above the bars, starting at the bar's start; near the right edge they end at its end."""
    rows = placed.rows
    if rows.empty:
        return []
    char_span = (placed.x_range[1] - placed.x_range[0]) * CHAR_SHARE
    too_late = rows["start"] + label_chars(rows) * char_span > placed.x_range[1]
    x = rows["start"].where(~too_late, rows["end"].clip(upper=placed.x_range[1]))
    return [go.Scatter(x=x.dt.strftime("%Y-%m-%d").tolist(), y=(rows["y"] + LABEL_LIFT).tolist(),
                       mode="text", text=[html.escape(t) for t in rows["label"]],
                       textposition=["middle left" if late else "middle right" for late in too_late],
                       textfont=dict(size=sizes.font,
                                     color=["#9A9A9A" if faded else "#1A1A1A" for faded in not_active(rows)]),
                       hoverinfo="skip", showlegend=False, name="labels")]


# plotly draws an axis only when a trace uses it: this empty one carries the years along the top.
TOP_AXIS_ANCHOR = go.Scatter(x=[None], y=[None], xaxis="x2", showlegend=False, hoverinfo="skip", name="top axis")


def key_traces(placed: Placed) -> list:
    """Legend entries that explain the drawing: hatching, dots, arrows, thin spans and open symbols."""
    rows = placed.rows
    entries = []
    kinds = set(rows.loc[rows["dated"], "confidence"])
    if "inferred" in kinds:
        entries.append(("hatched: inferred", "/"))
    if "unverified" in kinds:
        entries.append(("dotted: unverified", "."))
    keys = [go.Bar(x=[None], y=[None], orientation="h", name=name, legendgroup="key", hoverinfo="skip",
                   marker_color=NO_THEME_COLOUR, marker_pattern_shape=pattern) for name, pattern in entries]
    dated = rows[rows["dated"]]
    if dated["ongoing"].any():
        keys.append(go.Scatter(x=[None], y=[None], mode="markers", name="no end date", legendgroup="key",
                               marker=dict(symbol="triangle-right", color=NO_THEME_COLOUR, size=10),
                               hoverinfo="skip"))
    if ((dated["founded_last"] > dated["founded_first"]) | (dated["ended_last"] > dated["ended_first"])).any():
        keys.append(go.Scatter(x=[None], y=[None], mode="lines", name="thin: year/month only",
                               line=dict(color=NO_THEME_COLOUR, width=3), legendgroup="key", hoverinfo="skip"))
    if any(placed.events["confidence"] != "sourced"):
        keys.append(go.Scatter(x=[None], y=[None], mode="markers", name="open: not sourced",
                               marker=dict(symbol="circle-open", color=EVENT_COLOUR), legendgroup="key",
                               hoverinfo="skip"))
    return keys


LEGEND_RANK = {"colour": 100, "events": 200, "key": 300}


def order_legend(traces: list) -> None:
    """Colours first, then event kinds, then the key to hatching and spans, in one flowing legend.

    Legend groups would stack as tall columns, so the group is only used to rank and then dropped.
    """
    for trace in traces:
        if trace.legendgroup in LEGEND_RANK:
            trace.legendrank = LEGEND_RANK[trace.legendgroup]
            trace.legendgroup = None


# --- hover text (plotly renders a subset of HTML, so every value from data is escaped) --------


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else str(value)


def _esc(value: object) -> str:
    return html.escape(_text(value))


def lifespan(founded: object, ended: object) -> str:
    """'2017 – no end date', 'Feb 2024 – Dec 2026', 'start not sourced – Jul 2024'."""
    start = dates.display(_text(founded) or None) or "start not sourced"
    end = dates.display(_text(ended) or None) or "no end date"
    return f"{start} – {end}"


def confidence_flag(confidence: object) -> str:
    return "" if _text(confidence) in ("", "sourced") else f"<br>⚠ {_esc(confidence)}"


def partnership_hover(row: dict) -> str:
    name, acronym = _text(row["name"]), _text(row["acronym"])
    shown_acronym = f" ({html.escape(acronym)})" if acronym and acronym != name else ""
    form = f" · {_esc(row['governance_form'])}" if _text(row["governance_form"]) else ""
    themes = f"<br>Themes: {_esc(row['themes'])}" if _text(row["themes"]) else ""
    return (f"<b>{html.escape(name)}</b>{shown_acronym}<br>{_esc(row['scale'])}{form}"
            f"<br>{html.escape(lifespan(row['founded'], row['ended']))}<br>{_esc(row['region_name'])}{themes}"
            f"<br>Source: {_esc(row['source_title']) or 'not named'}{confidence_flag(row['confidence'])}"
            "<br><i>Click for details and the source link</i>")


def event_hover(row: dict) -> str:
    end = _text(row["end_date"])
    when = dates.display(row["date"]) + (f" – {dates.display(end)}" if end else "")
    about = f" · {_esc(row['partnership_name'])}" if _text(row["partnership_name"]) else ""
    return (f"<b>{_esc(row['title'])}</b><br>{_esc(row['kind'])} · {html.escape(when)}<br>{_esc(row['region_name'])}"
            f"{about}<br>Source: {_esc(row['source_title']) or 'not named'}{confidence_flag(row['confidence'])}"
            "<br><i>Click for details and the source link</i>")


# --- layout ----------------------------------------------------------------------------------


def layout(placed: Placed, sizes: Sizes, presenting: bool, colour_by: str, lines: list[tuple[dict, dict]]) -> dict:
    lanes = placed.lanes
    low = -placed.row_count
    names = list(colour_key(placed.rows, colour_by).unique()) + list(placed.events["kind"].unique()) + ["x" * 20] * 4
    entry_px = min(230, 7 * max(len(n) for n in names)) * sizes.font / NORMAL.font
    legend_px = 30 + 22 * math.ceil(len(names) / 3)  # about three entries per legend line
    # Beside the chart on a slide: a wide screen has width to spare, not height.
    legend = (dict(orientation="v", yanchor="top", y=1, x=1.02, traceorder="normal", font_size=16,
                   tracegroupgap=0) if presenting else
              dict(orientation="h", yanchor="top", y=-0.04, x=0, traceorder="normal", entrywidth=entry_px,
                   entrywidthmode="pixels"))
    return dict(
        template=theme.template(presenting), height=int(-low * sizes.row_px) + AXES_PX + (0 if presenting else legend_px),
        margin=dict(t=70, b=20, r=50, l=10),  # room above the top axis and on the right for the day labels
        hovermode="closest", dragmode="zoom", uirevision="timeline",  # zoom and pan survive reruns
        barmode="overlay", hoverlabel=dict(align="left"),
        xaxis=dict(type="date", range=[day.strftime("%Y-%m-%d") for day in placed.x_range], showgrid=True,
                   gridcolor="#E6E6E6", title=None, automargin=True),
        # The same years along the top, so a tall chart can be read without scrolling to its foot.
        xaxis2=dict(type="date", matches="x", overlaying="x", side="top", showgrid=False, title=None,
                    dtick=top_axis_step(placed.x_range), tick0="2000-01-01"),
        yaxis=dict(range=[low - 0.1, 0.1], fixedrange=True, showticklabels=False, showgrid=False, zeroline=False),
        legend=legend,
        shapes=[lane_band(lane, i) for i, lane in enumerate(lanes)] + [shape for shape, _ in lines],
        annotations=[lane_title(lane, sizes) for lane in lanes] + [note for _, note in lines],
    )


def top_axis_step(x_range: tuple[pd.Timestamp, pd.Timestamp]) -> str:
    """A whole number of years (or quarters) between top-axis ticks, about ten across.

    It is fixed because plotly's automatic ticks on an overlaying date axis drift off the year.
    """
    years = (x_range[1] - x_range[0]).days / 365.25
    if years < 2:
        return "M3"
    return f"M{12 * next((step for step in (1, 2, 5, 10, 20) if step >= years / 10), 50)}"


def lane_band(lane: Lane, index: int) -> dict:
    return dict(type="rect", xref="paper", x0=0, x1=1, y0=lane.bottom - LANE_GAP / 2, y1=lane.top + LANE_GAP / 2,
                fillcolor="#F3F5F8" if index % 2 == 0 else "white", line_width=0, layer="below",
                name=f"lane {lane.name}")


def lane_title(lane: Lane, sizes: Sizes) -> dict:
    """The lane's scale, written in its top-left corner."""
    return dict(xref="paper", x=0, y=lane.top - 0.05, yanchor="top", xanchor="left", showarrow=False,
                text=f"<b>{LANE_LABELS.get(lane.name, lane.name).upper()}</b>", name=f"lane {lane.name}",
                font=dict(size=sizes.font, color="#4A4A4A"))


def day_lines(today: date, as_of: date | None) -> list[tuple[dict, dict]]:
    """A dotted line for today and a solid one for the as-of day, each with a label at the top."""
    # The earlier day is labelled left of its line and the later one right of it, so labels never overlap.
    as_of_first = as_of is None or as_of <= today
    lines = [(today, "today", TODAY_COLOUR, "dot", "left" if as_of_first else "right", "today")]
    if as_of:
        lines.append((as_of, "as-of", AS_OF_COLOUR, "solid", "right" if as_of_first else "left",
                      f"As of {dates.display(as_of.isoformat())}"))
    out = []
    for day, name, colour, dash, anchor, text in lines:
        x = day.isoformat()
        out.append((dict(type="line", name=name, xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                         line=dict(color=colour, width=2, dash=dash)),
                    dict(x=x, xref="x", y=1, yref="paper", yanchor="bottom", yshift=24, xanchor=anchor,
                         text=f"<b>{text}</b>", showarrow=False, font=dict(color=colour), name=name)))
    return out


# --- the table alternative and the words around the chart ------------------------------------


def partnership_table(bars: pd.DataFrame, as_of: date | None = None) -> pd.DataFrame:
    """The partnerships shown, one row each, dates at their own precision."""
    table = pd.DataFrame({
        "Partnership": bars["name"], "Acronym": bars["acronym"], "Scale": bars["scale"], "Region": bars["region_name"],
        "Founded": [dates.display(_text(d) or None) or "not sourced" for d in bars["founded"]],
        "Ended": [dates.display(_text(d) or None) or "no end date" for d in bars["ended"]],
        "Themes": bars["themes"], "Confidence": bars["confidence"], "Source": bars["source_url"],
    })
    if as_of:
        table.insert(6, f"Active on {as_of.isoformat()}", bars["active_on_as_of"].map({True: "yes", False: "no"}))
    return table.reset_index(drop=True)


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events shown, in date order, dates at their own precision."""
    return pd.DataFrame({
        "Date": [dates.display(d) for d in events["date"]],
        "Until": [dates.display(_text(d) or None) for d in events["end_date"]],
        "Kind": events["kind"], "Event": events["title"], "Region": events["region_name"],
        "Partnership": events["partnership_name"], "Confidence": events["confidence"], "Source": events["source_url"],
    }).reset_index(drop=True)


def members_table(members: pd.DataFrame) -> pd.DataFrame:
    """A selected partnership's members (queries.timeline.partnership_members), each with its source."""
    return pd.DataFrame({"Organisation": members["org_name"], "Role": members["role"],
                         "Confidence": members["confidence"], "Source": members["source_url"]})


def partnership_events_table(events: pd.DataFrame) -> pd.DataFrame:
    """A selected partnership's events (queries.timeline.partnership_events), dates at their precision."""
    return pd.DataFrame({"Date": [dates.display(d) for d in events["date"]], "Kind": events["kind"],
                         "Event": events["title"], "Confidence": events["confidence"], "Source": events["source_url"]})


def undated_table(bars: pd.DataFrame) -> pd.DataFrame:
    """Partnerships whose start is not sourced: they have no bar, so they are listed instead."""
    part = bars[bars["founded"].isna()]
    return pd.DataFrame({"Partnership": part["name"], "Source": part["source_url"], "Scale": part["scale"],
                         "Ended": [dates.display(_text(d) or None) for d in part["ended"]]}).reset_index(drop=True)


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


def reading_note(today: date) -> str:
    return ("A bar starts on the first day its founding date can mean. A thin stretch is a date the source gives "
            "only as a year or a month (for example '2017': any day that year); the thick bar follows it. "
            f"Partnerships without an end date run to today ({dates.display(today.isoformat())}) and end in ▶.")
