"""Streamlit sections of the Compare view: the regions side by side, and chart + table sections."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lpipdata import chart_text as words
from lpipdata import counts
from lpipdata import filters as flt
from lpipdata.compare_sections import SECTIONS
from lpipdata.figures import compare as figures
from lpipdata.figures import theme
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
            members = counts.MEMBER_ORGANISATIONS
            st.markdown(f"**{int(region.partnerships)}** {_plural(region.partnerships, 'partnership')}  \n"
                        f"**{int(region.organisations)}** {members.singular if region.organisations == 1 else members.plural}",
                        help=counts.help_text(counts.PARTNERSHIPS, members))
            nav.link("region", "Open profile", {"region": region.region_id}, icon=":material/article:")
    with st.expander("Table (CSV download)"):
        widgets.data_table(display_table(overview, "overview"), "lpip-compare-overview.csv", key="overview")


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else noun + "s"


# The page's view options and their values (lpipdata.stories keeps a copy for storyboards).
OPTIONS = {"measure": tuple(figures.MEASURES), "section": tuple(SECTIONS)}


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
    regions = list(dict.fromkeys(frame["region"])) if "region" in frame else []
    in_words = words.compare_text(key, frame, regions, measure)
    st.plotly_chart(spec.figure(frame, measure, presenting), key=f"chart_{key}", theme=None,
                    config=theme.chart_config(f"lpip-compare-{key}"), height=present.chart_height(presenting),
                    alt=in_words)
    widgets.chart_text(in_words, f"compare_{key}", presenting)
    if presenting:
        return
    with st.expander("Table (CSV download)"):
        shown = frame if spec.table_query is None else cached.fetch(spec.table_query, scoped)
        widgets.data_table(display_table(shown, key), f"lpip-compare-{key}.csv", key=key)


def section_header(key: str) -> None:
    """The section's title, with a button that presents its chart full-screen."""
    with st.container(horizontal=True, vertical_alignment="center"):
        st.header(SECTIONS[key].title, width="stretch")
        st.button("Present this chart", icon=":material/slideshow:", key=f"present_{key}", type="tertiary",
                  on_click=state.set_presenting, args=(True,), kwargs={"section": key})
