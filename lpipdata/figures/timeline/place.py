"""Where everything goes: each drawn partnership gets a row in its scale's lane, rows that do not
overlap share a line, and events sit on their partnership's row (or in the 'other events' lane).
Also what is drawn at all when there is too much (:func:`drawable`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from lpipdata.figures import theme
from lpipdata.figures.timeline.hover import _text, event_hover, partnership_hover

OTHER_EVENTS = "other events"
LANES = (OTHER_EVENTS,) + tuple(reversed(theme.SCALE_ORDER))  # top to bottom: widest scale first
LANE_LABELS = {OTHER_EVENTS: "Other events", "UK": "UK", "nation": "Nation", "region": "Region",
               "city-region": "City region", "sub-regional": "Sub-regional", "local": "Local",
               "neighbourhood": "Neighbourhood"}

MAX_BARS = 80  # rows a reader can follow; more and the page becomes a long scroll of bars
MAX_EVENTS = 250
LANE_GAP = 0.5  # rows of space between lanes
LANE_HEADER = 0.8  # rows at the top of a lane for its name (inside the plot, so the time axis gets the width)
BAR_WIDTH, SPAN_WIDTH, LABEL_LIFT = 0.42, 0.14, 0.45  # in rows
CHAR_SHARE = 1 / 90  # a label character's width as a share of the x span (about 7px of 650px)


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


BAR_FIELDS = ["partnership_id", "name", "acronym", "scale", "governance_form", "region_name", "founded", "founded_as",
              "ended", "founded_first", "founded_last", "ended_first", "ended_last", "themes", "primary_theme", "confidence",
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
