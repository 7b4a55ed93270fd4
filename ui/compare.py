"""Streamlit sections of the Compare view: the regions side by side, and chart + table sections."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lpipdata import filters as flt
from lpipdata.figures import compare as figures
from lpipdata.figures import theme
from lpipdata.queries import compare as queries
from lpipdata.queries.compare import display_table
from lpipdata.safe import escape_markdown as md
from ui import cached, nav, present, state, widgets


def sentence(scoped: flt.Filters, overview: pd.DataFrame, vocab: flt.Vocabulary) -> str:
    """The filter sentence for the compared regions, counting their partnerships."""
    return flt.describe(scoped, int(overview["partnerships"].sum()), "partnerships", vocab)


def side_by_side(overview: pd.DataFrame) -> None:
    """One card per region: its LPIP, lead, headline counts and a link to its profile."""
    for column, region in zip(st.columns(len(overview)), overview.itertuples()):
        with column.container(border=True):
            st.subheader(md(region.region))
            st.caption(md(region.lpip_name) or "LPIP name not sourced")
            st.markdown(f"Lead: {md(region.lead_org_name) or '_not sourced_'}")
            st.markdown(f"**{int(region.partnerships)}** {_plural(region.partnerships, 'partnership')}  \n"
                        f"**{int(region.organisations)}** member {_plural(region.organisations, 'organisation')}")
            nav.link("region", "Open profile", {"region": region.region_id}, icon=":material/article:")
    with st.expander("Table (CSV download)"):
        widgets.data_table(display_table(overview, "overview"), "lpip-compare-overview.csv", key="overview")


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else noun + "s"


# The page's view options and their values (lpipdata.stories keeps a copy for storyboards).
OPTIONS = {"measure": tuple(figures.MEASURES), "section": tuple(figures.SECTIONS)}


@dataclass(frozen=True)
class Section:
    """One chart section: its query, its figure builder and what to say when it is empty. The
    table shows `table_query`'s rows when given (when the chart's rows are not the best reading)."""
    query: Callable
    build: Callable[..., go.Figure]
    empty: str
    caption: str = ""
    table_query: Callable | None = None


SECTIONS = {
    "issues": Section(queries.issue_profile, figures.issue_heatmap,
                      "No issues are recorded for these regions (with these theme filters)."),
    "scales": Section(queries.scale_mix, figures.scale_mix, "No partnerships in these regions match the filters."),
    "sectors": Section(queries.sector_mix, figures.sector_mix, "No memberships in these regions match the filters."),
    "network": Section(queries.network_metrics, figures.network_measures,
                       "No memberships in these regions match the filters.",
                       caption="Organisations are linked when they share a partnership in the region. Density: the "
                               "share of possible links present. Degree centralisation: 1 when one organisation "
                               "links all others, 0 when all are equally linked (needs three organisations)."),
    "bridges": Section(queries.bridge_memberships, figures.bridges,
                       "No organisation belongs to partnerships in more than one of these regions.",
                       caption="Bridges: organisations with memberships in partnerships of two or more of these "
                               "regions.", table_query=queries.bridges),
    "founded": Section(queries.founded_per_year, figures.founded_per_year,
                       "No partnerships in these regions match the filters."),
}


def section(key: str, scoped: flt.Filters, measure: str, presenting: bool = False) -> None:
    """Section `key`'s chart, with its numbers as a table and a CSV download; in presentation mode
    the chart fills the stage and the table is left out."""
    spec = SECTIONS[key]
    frame = cached.fetch(spec.query, scoped)
    if spec.caption:
        st.caption(spec.caption)
    if frame.empty:
        st.info(spec.empty)
        return
    extra = {"measure": measure} if key == "issues" else {}
    st.plotly_chart(spec.build(frame, presenting=presenting, **extra), key=f"chart_{key}", theme=None,
                    config=theme.chart_config(f"lpip-compare-{key}"), height=present.chart_height(presenting))
    if presenting:
        return
    with st.expander("Table (CSV download)"):
        shown = frame if spec.table_query is None else cached.fetch(spec.table_query, scoped)
        widgets.data_table(display_table(shown, key), f"lpip-compare-{key}.csv", key=key)


def section_header(key: str) -> None:
    """The section's title, with a button that presents its chart full-screen."""
    with st.container(horizontal=True, vertical_alignment="center"):
        st.header(figures.SECTIONS[key], width="stretch")
        st.button("Present this chart", icon=":material/slideshow:", key=f"present_{key}", type="tertiary",
                  on_click=state.set_presenting, args=(True,), kwargs={"section": key})
