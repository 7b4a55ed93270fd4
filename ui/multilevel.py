"""Streamlit pieces of the Multilevel page: the cached views, the click handler, the panel of a
clicked partnership or link, the measures and the tables."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lpipdata import filters as flt
from lpipdata.figures import multilevel as figures
from lpipdata.figures import theme
from lpipdata.multilevel import ladder, measures, tables
from lpipdata.multilevel import view as ml
from lpipdata.figures import timeline as timeline_figures
from lpipdata.queries import multilevel as queries
from lpipdata.queries import timeline as timeline_queries
from lpipdata.safe import escape_markdown as md
from ui import cached, nav, playback, state, widgets
from ui.evidence import source_link

CHART_KEY = "multilevel_chart"
LINK = "link"  # the view option naming a clicked link: lower_id~upper_id


def view_options() -> dict[str, tuple[str, ...] | None]:
    """The page's URL options (lpipdata.stories.vocab lists the same for slides)."""
    return {LINK: None, **playback.OPTIONS}


# --- the cached views ---------------------------------------------------------------------------
# Resource caches hand back the same, never modified, objects: a data cache would copy them, and
# plotly would validate the figure again, on every rerun. Keys are the database version and the
# filter state without selections; the history also without the as-of day, so it is computed once
# for a whole playback.

@st.cache_resource(max_entries=8, show_spinner="Placing the partnerships on the ladder…")
def _history(path: str, version: str, filters: flt.Filters, today: date) -> ml.History:
    # Steps start no earlier than the as-of date widget allows, as in playback.steps.
    return ml.history(cached.connection(path, version), filters, today, first_year=widgets.YEARS[0])


@st.cache_resource(max_entries=128, show_spinner=False)
def _step(path: str, version: str, filters: flt.Filters, today: date, presenting: bool) -> ml.StepView:
    past = _history(path, version, filters.with_(as_of=None), today)
    return ml.step_view(cached.connection(path, version), filters, past, presenting,
                        theme.PRESENT_FIGURE_PX if presenting else None)


@st.cache_resource(max_entries=64, show_spinner=False)
def _over_time(path: str, version: str, filters: flt.Filters, today: date, as_of: date | None) -> go.Figure:
    past = _history(path, version, filters, today)
    return figures.over_time_figure(past.over_time, as_of,
                                    colours=figures.region_colours(past.placement.bands["region_id"]))


def history(filters: flt.Filters, today: date) -> ml.History:
    return _history(*cached.database_key(), ml.shared_filters(filters).with_(as_of=None), today)


def step(filters: flt.Filters, today: date, presenting: bool) -> ml.StepView:
    return _step(*cached.database_key(), ml.shared_filters(filters), today, presenting)


def over_time_figure(filters: flt.Filters, today: date) -> go.Figure:
    return _over_time(*cached.database_key(), ml.shared_filters(filters).with_(as_of=None), today, filters.as_of)


def selected_link(options: Mapping[str, str]) -> tuple[str, str] | None:
    return ladder.parse_link_key(options.get(LINK))


def figure(view: ml.StepView, past: ml.History, filters: flt.Filters, options: Mapping[str, str],
           presenting: bool) -> go.Figure:
    """The cached ladder, with the selected partnership or link drawn over a copy of it."""
    return figures.with_selection(view.figure, view.nodes, view.links.head(ml.MAX_DRAWN_LINKS), past.placement,
                                  partnership=filters.partnership, link=selected_link(options), presenting=presenting)


# --- clicks ----------------------------------------------------------------------------------------

def on_select(filters: flt.Filters, options: Mapping[str, str]) -> Callable[[], None]:
    """The ladder's callback: a clicked partnership or link goes into the URL; clicking it again clears it."""
    def remember() -> None:
        points = st.session_state[CHART_KEY].selection.points
        data = next((p["customdata"] for p in points if p.get("customdata")), None)
        if data and data[0] == "partnership":
            chosen = None if filters.partnership == data[1] else data[1]
            select(filters, options, partnership=chosen)
        elif data and data[0] == "link":
            key = ladder.link_key(data[1], data[2])
            select(filters, options, link=None if options.get(LINK) == key else key)
        else:
            select(filters, options)
    return remember


def select(filters: flt.Filters, options: Mapping[str, str], partnership: str | None = None,
           link: str | None = None) -> None:
    state.write(filters.with_(partnership=partnership), {**options, LINK: link or ""})


# --- the panel beside the ladder ----------------------------------------------------------------------

def details(view: ml.StepView, filters: flt.Filters, options: Mapping[str, str]) -> None:
    """The clicked link's shared members, or the clicked partnership's members, each with its source."""
    link = selected_link(options)
    if link is not None:
        shown = link_panel(view, link)
    elif filters.partnership:
        shown = partnership_panel(view, filters.partnership)
    else:
        st.caption("Click a point for a partnership's members, or a diamond for the members two partnerships "
                   "share, each with its source.")
        return
    if shown:
        st.button("Clear selection", key="multilevel_clear", icon=":material/close:", on_click=select,
                  args=(filters, dict(options)))


SHOWN_LINES = 8  # members listed in the panel before the rest fold into an expander


def _listed(lines: list[str], noun: str, none: str) -> None:
    """A Markdown list, its first SHOWN_LINES open and the rest in an expander (no scroll box: a
    scrolling region without focusable content is unreachable by keyboard)."""
    if not lines:
        st.markdown(none)
        return
    st.markdown("\n".join(lines[:SHOWN_LINES]))
    if len(lines) > SHOWN_LINES:
        with st.expander(f"{len(lines) - SHOWN_LINES} more {noun}"):
            st.markdown("\n".join(lines[SHOWN_LINES:]))


def _member_lines(members: pd.DataFrame) -> list[str]:
    return [f"- **{md(row.org_name)}** · {md(row.role)}{widgets.confidence_note(row.confidence)}"
            f"{source_link(row.source_url)}" for row in members.itertuples()]


def partnership_panel(view: ml.StepView, partnership_id: str) -> bool:
    card = cached.fetch(timeline_queries.partnership_detail, partnership_id)
    if card.empty:
        st.warning(f"There is no partnership with the id '{md(partnership_id)}'.")
        return False
    row = card.iloc[0]
    members = cached.fetch(timeline_queries.partnership_members, partnership_id)
    with st.container(border=True, key="multilevel_details"):
        st.markdown(f"##### {md(row['name'])}")
        st.markdown(f"**{md(row['scale'])}** scale · {md(row['region_name'])} · "
                    f"{md(timeline_figures.lifespan(row['founded'], row['ended']))}"
                    f"{widgets.confidence_note(row['confidence'])}")
        widgets.source_button(row["source_url"], key="multilevel_source", label="Source for this partnership")
        if partnership_id not in set(view.nodes["partnership_id"]):
            st.caption(f"Not on the ladder {ml.day_label(view.day)} with these filters.")
        st.markdown(f"**Members ({len(members)})**")
        _listed(_member_lines(members), "members", "No member recorded.")
        linked = tables.partnership_links_table(view.links, view.nodes, partnership_id)
        st.markdown(f"**Cross-level links ({len(linked)})**")
        _listed([f"- {md(link[1])} ({md(link[2])}): {md(link[5])}" for link in linked.itertuples()], "links",
                f"None {ml.day_label(view.day)}.")
        nav.link("network", "Its members in the network", {"partnership": partnership_id})
    return True


def link_panel(view: ml.StepView, link: tuple[str, str]) -> bool:
    lower, upper = (cached.fetch(timeline_queries.partnership_detail, p) for p in link)
    if lower.empty or upper.empty:
        st.warning("The selected link names a partnership that is not recorded.")
        return False
    shared = cached.fetch(queries.shared_members, *link)
    counted = view.links[(view.links["lower_id"] == link[0]) & (view.links["upper_id"] == link[1])]
    on_day = tuple(counted["org_ids"].iloc[0]) if not counted.empty else ()
    low, high = lower.iloc[0], upper.iloc[0]
    with st.container(border=True, key="multilevel_details"):
        st.markdown(f"##### {md(low['name'])} ↔ {md(high['name'])}")
        st.markdown(f"{md(low['scale'])} ({md(low['region_name'])}) and {md(high['scale'])} "
                    f"({md(high['region_name'])}): **{len(on_day)} shared member{'s' * (len(on_day) != 1)}**"
                    + (f" {md(ml.day_label(view.day))}" if view.day else ""))
        lines = [f"- **{md(row.org_name)}**{'' if row.org_id in on_day else ' (not counted on this day)'}  \n"
                 f"  {md(_text(row.lower_role) or '')} in the {md(low['scale'])} one{source_link(row.lower_source_url)}"
                 f"{widgets.confidence_note(_weakest(row.lower_confidence))}; "
                 f"{md(_text(row.upper_role) or '')} in the {md(high['scale'])} one{source_link(row.upper_source_url)}"
                 f"{widgets.confidence_note(_weakest(row.upper_confidence))}"
                 for row in shared.itertuples()]
        _listed(lines, "shared members", "They share no member organisation.")
        first, second = st.columns(2)
        widgets.source_button(low["source_url"], key="multilevel_lower_source", container=first,
                              label=f"{_short(low)} source")
        widgets.source_button(high["source_url"], key="multilevel_upper_source", container=second,
                              label=f"{_short(high)} source")
    return True


def _short(row: pd.Series) -> str:
    return str(_text(row["acronym"]) or row["name"])[:24]


def _weakest(levels: object) -> str:
    text = _text(levels) or ""
    return next((level for level in ("unverified", "inferred") if level in text), "sourced")


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and value != value) or value is pd.NA else str(value)


def unscaled(past: ml.History) -> None:
    """Partnerships whose scale is not on the ladder: listed apart, never drawn."""
    if past.placement.unscaled.empty:
        return
    st.markdown(f"**Without a scale on the ladder ({len(past.placement.unscaled)})**")
    st.dataframe(tables.unscaled_table(past.placement.unscaled), hide_index=True, key="multilevel_unscaled",
                 column_config={"Source": widgets.source_column()})


# --- the measures, the table alternatives and the exports ------------------------------------------

def measures_section(view: ml.StepView, past: ml.History, filters: flt.Filters, today: date,
                     presenting: bool) -> None:
    """The measures for the view and each region, the brokers, and the measures over time."""
    st.header("Vertical integration")
    if not presenting:
        st.caption("How the measures are defined: " + " ".join(
            f"**{md(spec.label)}**: {md(spec.definition)}" for spec in measures.measure_specs()[:4]))
    widgets.data_table(tables.measures_table(view.scopes), "lpip-multilevel-measures.csv", key="multilevel_measures")
    nav.link("compare", "These measures for two to four regions side by side (Compare)",
             {**flt.encode(filters.with_(region=None, org=None, partnership=None)), "section": "multilevel"},
             icon=":material/compare_arrows:")
    st.subheader("Multilevel brokers")
    st.caption("Organisations carrying the most cross-level links: each link counted is a pair of partnerships on "
               "different levels that the organisation belongs to both of.")
    brokers = tables.brokers_table(view.brokers)
    widgets.data_table(brokers.drop(columns=["org_id"]).head(50), "lpip-multilevel-brokers.csv",
                       key="multilevel_brokers")
    with st.container(horizontal=True):
        for org_id, name in zip(brokers["org_id"].head(3), brokers["Organisation"].head(3)):
            nav.link("network", f"{md(str(name)[:40])} in the network", {"org": org_id}, icon=":material/hub:")
        nav.link("network", "All brokers across regions and scales (Network, Brokers tab)",
                 flt.encode(filters.with_(region=None, org=None, partnership=None)), icon=":material/hub:")
    st.subheader("Over time")
    if past.over_time.empty:
        st.info("No dated partnership matches these filters, so the measures have no history to show.")
        return
    st.caption("Each measure on the last day of every year in which a partnership or a membership starts or ends "
               "(today for this year); it holds until the next such year. The orange line marks the year shown "
               "above.")
    st.plotly_chart(over_time_figure(filters, today), key="multilevel_over_time", theme=None,
                    config=theme.chart_config("lpip-multilevel-over-time"))
    widgets.data_table(tables.over_time_table(past.over_time), "lpip-multilevel-over-time.csv",
                       key="multilevel_over_time_table")


def tables_section(view: ml.StepView) -> None:
    """The table alternatives to the ladder, with CSV downloads, and the ladder for Gephi."""
    st.header("Tables")
    partnerships, links = st.tabs([f"Partnerships ({len(view.nodes)})", f"Cross-level links ({len(view.links)})"])
    with partnerships:
        widgets.large_table(view.partnerships_table, "lpip-multilevel-partnerships.csv",
                            key="multilevel_partnerships", column_config={"Source": widgets.source_column()})
    with links:
        widgets.large_table(view.links_table.drop(columns=["lower_id", "upper_id"]), "lpip-multilevel-links.csv",
                            key="multilevel_links")
    st.download_button("The ladder as GraphML (Gephi)", lambda: tables.ladder_graphml(view.nodes, view.links),
                       file_name="lpip-multilevel.graphml", mime="application/xml", on_click="ignore",
                       icon=":material/download:", key="multilevel_graphml")
