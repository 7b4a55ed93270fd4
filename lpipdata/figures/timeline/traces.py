"""The plotly traces: bars, date spans, arrows, event markers, labels and the legend's key,
with the sizes they are drawn at (normal, or fitted to a slide)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme
from lpipdata.figures.timeline.place import (BAR_WIDTH, CHAR_SHARE, LABEL_LIFT, SPAN_WIDTH, Placed, event_end,
                                             label_chars)

EVENT_SYMBOLS = {"founding": "circle", "devolution deal": "star", "funding": "diamond", "launch": "triangle-up",
                 "workshop": "square", "conference": "pentagon", "publication": "hexagon", "election": "cross",
                 "call": "triangle-down", "closure": "x", "policy": "hourglass"}
CONFIDENCE_PATTERN = {"sourced": "", "inferred": "/", "unverified": "."}
NO_THEME = "no theme recorded"
NO_THEME_COLOUR = "#A0A0A0"
UNDATED_COLOUR = "#E3E3E3"
EVENT_COLOUR = "#1A1A1A"
FADED = 0.28


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
