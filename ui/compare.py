"""Streamlit sections of the Compare view: the regions side by side, and chart + table sections."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lpipdata import filters as flt
from lpipdata.figures import theme
from lpipdata.queries.compare import display_table
from lpipdata.safe import escape_markdown as md
from ui import nav, widgets


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


def section(key: str, frame: pd.DataFrame, build: Callable[[pd.DataFrame], go.Figure], table: str,
            empty: str, table_frame: pd.DataFrame | None = None) -> None:
    """A chart drawn by `build` from `frame`, with its numbers as a table (`table_frame` when the chart's
    rows are not the best reading) and a CSV download."""
    if frame.empty:
        st.info(empty)
        return
    st.plotly_chart(build(frame), key=f"chart_{key}", theme=None, config=theme.chart_config(f"lpip-compare-{key}"))
    with st.expander("Table (CSV download)"):
        shown = display_table(frame if table_frame is None else table_frame, table)
        widgets.data_table(shown, f"lpip-compare-{key}.csv", key=key)
