"""Streamlit pieces of the timeline page: the click handler, the details panel, the side list."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import pandas as pd
import streamlit as st

from lpipdata import dates
from lpipdata import filters as flt
from lpipdata.figures import theme
from lpipdata.figures import timeline as figures
from lpipdata.queries import timeline as queries
from lpipdata.safe import escape_markdown as md
from ui import cached, nav, state, widgets

CHART_KEY = "timeline_chart"
COLOURS = {"region": "Region", "theme": "Theme"}  # "colour bars by", a view option


def view(filters: flt.Filters, colour_by: str, today: date, presenting: bool) -> figures.TimelineView:
    """The timeline for this state, built once per database version: a click or a rerun reuses it."""
    shared = filters.with_(region=None, org=None, partnership=None)  # selections do not change the chart
    return _view(*cached.database_key(), shared, colour_by, today, presenting)


# A resource cache hands back the same (never modified) objects, where a data cache would copy
# them and plotly would validate the figure again on every rerun.
@st.cache_resource(max_entries=16, show_spinner=False)
def _view(path: str, version: str, filters: flt.Filters, colour_by: str, today: date,
          presenting: bool) -> figures.TimelineView:
    bars = cached.fetch(queries.partnership_bars, filters)
    events = cached.fetch(queries.timeline_events, filters)
    return figures.timeline_view(bars, events, filters, today=today, colour_by=colour_by,
                                 fit_px=theme.PRESENT_FIGURE_PX if presenting else None)


def notes(filters: flt.Filters, timeline: figures.TimelineView, vocab: flt.Vocabulary) -> None:
    """What the chart shows, in words, and what it had to leave out."""
    st.caption(figures.summary(filters, timeline.bars, timeline.events, vocab))
    if timeline.shown.note():
        st.info(timeline.shown.note(), icon=":material/filter_alt:")


def on_select(filters: flt.Filters, options: Mapping[str, str]) -> Callable[[], None]:
    """A chart callback that puts the clicked bar or event into the URL (a double click clears it)."""
    def remember_selection() -> None:
        points = st.session_state[CHART_KEY].selection.points
        kind, item = points[0]["customdata"] if points else (None, None)
        select(filters, options, partnership=item if kind == "partnership" else None,
               event=item if kind == "event" else None)
    return remember_selection


def select(filters: flt.Filters, options: Mapping[str, str], partnership: str | None = None,
           event: str | None = None) -> None:
    state.write(filters.with_(partnership=partnership), {**options, "event": event or ""})


def value(item) -> str | None:
    """A value from a query row, with SQL NULL (None or NaN) as None."""
    return None if item is None or (not isinstance(item, str) and pd.isna(item)) else item


def selected_details(filters: flt.Filters, options: Mapping[str, str]) -> None:
    """The clicked (or linked) event or partnership, with its source one click away."""
    if options.get("event"):
        shown = event_details(options["event"], filters, options)
    elif filters.partnership:
        shown = partnership_details(filters.partnership)
    else:
        st.caption("Click a bar or an event for its details and a link to its source.")
        return
    if shown:
        st.button("Clear selection", key="timeline_clear", icon=":material/close:",
                  on_click=select, args=(filters, dict(options)))


def partnership_details(partnership_id: str) -> bool:
    frame = cached.fetch(queries.partnership_detail, partnership_id)
    if frame.empty:
        st.warning(f"There is no partnership with the id {md(partnership_id)}.")
        return False
    row = frame.iloc[0]
    with st.container(border=True, key="timeline_details"):
        st.markdown(f"##### {md(row['name'])}")
        st.markdown(f"**{md(row['scale'])}** scale · {md(value(row['governance_form']) or 'form not recorded')} · "
                    f"{md(row['region_name'])}")
        milestone = value(row["founded_as"])
        st.markdown(md(figures.lifespan(row["founded"], row["ended"])
                       + (f" (the start date marks its {milestone})" if milestone and value(row["founded"]) else "")))
        if value(row["themes"]):
            st.markdown(f"Themes: {md(row['themes'])}")
        if value(row["summary"]):
            st.markdown(md(row["summary"]))
        source(row)
        members = figures.members_table(cached.fetch(queries.partnership_members, partnership_id))
        related(members, "Members", "timeline_members")
        events = figures.partnership_events_table(cached.fetch(queries.partnership_events, partnership_id))
        related(events, "Events", "timeline_partnership_events")
        nav.link("region", "Region profile", {"region": row["region_id"]})
    return True


def related(table: pd.DataFrame, label: str, key: str) -> None:
    """Members or events of the selected partnership, each with its own confidence and source."""
    if not table.empty:
        with st.expander(f"{label} ({len(table)})"):
            st.dataframe(table, hide_index=True, key=key, column_config={"Source": widgets.source_column()})


def source(row: pd.Series) -> None:
    flag = md(widgets.confidence_note(row["confidence"]))
    st.caption(f"Source: {md(value(row['source_title']) or 'not named')}{flag}")
    widgets.source_button(value(row["source_url"]), key="timeline_source", label="Open source")


def event_details(event_id: str, filters: flt.Filters, options: Mapping[str, str]) -> bool:
    frame = cached.fetch(queries.event_detail, event_id)
    if frame.empty:
        st.warning(f"There is no event with the id {md(event_id)}.")
        return False
    row = frame.iloc[0]
    when = dates.display(row["date"]) + (f" – {dates.display(row['end_date'])}" if value(row["end_date"]) else "")
    with st.container(border=True, key="timeline_details"):
        st.markdown(f"##### {md(row['title'])}")
        st.markdown(f"**{md(row['kind'])}** · {md(when)} · {md(row['region_name'])}")
        if value(row["org_name"]):
            st.markdown(f"Organisation: {md(row['org_name'])}")
        if value(row["note"]):
            st.markdown(f"Note: {md(row['note'])}")
        source(row)
        if value(row["partnership_id"]):
            st.button(f"Show {md(row['partnership_name'])}", key="timeline_event_partnership",
                      icon=":material/timeline:", on_click=select, args=(filters, dict(options)),
                      kwargs={"partnership": row["partnership_id"]})
    return True


def undated_list(table: pd.DataFrame) -> None:
    """Partnerships with no sourced start: they cannot be drawn as bars, so they are listed here."""
    st.markdown(f"**No sourced start date ({len(table)})**")
    if table.empty:
        st.caption("Every partnership shown has a sourced start date.")
        return
    st.caption("Not drawn as bars. Those with dated events get a grey row spanning them.")
    st.dataframe(table, hide_index=True, key="timeline_undated", height=min(420, 38 + 35 * len(table)),
                 column_config={"Source": widgets.source_column()})


def tables(partnerships: pd.DataFrame, events: pd.DataFrame) -> None:
    """The table alternative to the chart: everything matching the filters, with CSV downloads."""
    st.subheader("Table")
    first, second = st.tabs([f"Partnerships ({len(partnerships)})", f"Events ({len(events)})"])
    with first:
        widgets.data_table(partnerships, "lpip-timeline-partnerships.csv", key="timeline_partnerships",
                           column_config={"Source": widgets.source_column()})
    with second:
        widgets.data_table(events, "lpip-timeline-events.csv", key="timeline_events",
                           column_config={"Source": widgets.source_column()})
