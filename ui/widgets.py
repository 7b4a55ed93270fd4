"""Widgets several pages share: the filter sidebar, view options, tables with downloads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from lpipdata import filters as flt
from lpipdata.safe import csv_bytes, safe_url
from lpipdata.safe import escape_markdown as md
from ui import state

YEARS = flt.YEAR_RANGE  # the parser refuses URL values outside the widgets' ranges (lpipdata/filters.py)
ALL_FILTERS = ("regions", "themes", "scales", "sectors", "period", "as_of")


def filter_sidebar(filters: flt.Filters, options: Mapping[str, str], vocab: flt.Vocabulary,
                   fields: Sequence[str] = ALL_FILTERS) -> None:
    """The shared filters in the sidebar; any change is written to the URL at once."""
    preset = {
        "regions": list(filters.regions), "themes": list(filters.themes), "scales": list(filters.scales),
        "sectors": list(filters.sectors), "as_of": filters.as_of,
        "period": (filters.year_from or YEARS[0], filters.year_to or YEARS[1]),
    }
    for name in fields:
        st.session_state[state.widget_key(name)] = preset[name]
    on_change = {"on_change": _apply_sidebar, "args": (filters, dict(options), tuple(fields))}
    with st.sidebar:
        st.subheader("Filters")
        if "regions" in fields:
            st.multiselect("Regions", list(vocab.regions), format_func=lambda r: vocab.regions.get(r, r),
                           key=state.widget_key("regions"), placeholder="All regions", **on_change)
        for name, label in (("themes", "Themes"), ("scales", "Scales"), ("sectors", "Sectors")):
            if name in fields:
                st.multiselect(label, list(vocab.allowed(name)), key=state.widget_key(name),
                               placeholder=f"All {label.lower()}", **on_change)
        if "period" in fields:
            st.slider("Period", *YEARS, key=state.widget_key("period"), **on_change)
        if "as_of" in fields:
            st.date_input("As of", key=state.widget_key("as_of"), min_value=flt.AS_OF_RANGE[0],
                          max_value=flt.AS_OF_RANGE[1], format="YYYY-MM-DD",
                          help="Show only partnerships and memberships active on this day.", **on_change)
        if filters != flt.Filters(region=filters.region, org=filters.org, partnership=filters.partnership):
            st.button("Clear filters", on_click=_clear, args=(filters, dict(options)))


def _apply_sidebar(filters: flt.Filters, options: dict[str, str], fields: tuple[str, ...]) -> None:
    value = {name: st.session_state.get(state.widget_key(name)) for name in fields}
    changes = {name: tuple(value[name] or ()) for name in ("regions", "themes", "scales", "sectors") if name in fields}
    if "period" in fields:
        low, high = value["period"]
        changes["year_from"] = None if low == YEARS[0] else low
        changes["year_to"] = None if high == YEARS[1] else high
    if "as_of" in fields:
        changes["as_of"] = value["as_of"] or None
    state.write(filters.with_(**changes), options)


def _clear(filters: flt.Filters, options: dict[str, str]) -> None:
    state.write(flt.Filters(region=filters.region, org=filters.org, partnership=filters.partnership), options)


def option(label: str, name: str, choices: Mapping[str, str], filters: flt.Filters,
           options: Mapping[str, str], horizontal: bool = True) -> str:
    """A view option (e.g. the map's measure) kept in the URL; `choices` maps value -> label.
    In presentation mode the URL (the slide) fixes it, so no control is drawn."""
    current = options.get(name) or next(iter(choices))
    if state.is_presenting(options):
        return current
    st.session_state[state.widget_key(name)] = current
    st.radio(label, list(choices), format_func=lambda v: choices[v], key=state.widget_key(name),
             horizontal=horizontal, on_change=_apply_option, args=(name, filters, dict(options)))
    return current


def _apply_option(name: str, filters: flt.Filters, options: dict[str, str]) -> None:
    state.write(filters, {**options, name: st.session_state[state.widget_key(name)]})


def data_table(frame: pd.DataFrame, filename: str, key: str, column_config: Mapping | None = None,
               height: int | str = "auto") -> None:
    """A table with a CSV download of exactly what it shows (formula-safe)."""
    st.dataframe(frame, hide_index=True, column_config=column_config, key=f"table_{key}", height=height)
    # A callable builds the CSV only when clicked, not on every rerun.
    st.download_button("Download CSV", lambda: csv_bytes(frame), file_name=filename, mime="text/csv",
                       key=f"download_{key}", icon=":material/download:")


def source_column(label: str = "Source") -> st.column_config.LinkColumn:
    """A clickable source URL column; links open in a new tab."""
    return st.column_config.LinkColumn(label, display_text="open source ↗", validate=r"^https?://")


def chart_text(sentence: str, key: str, presenting: bool = False) -> None:
    """The chart's one-sentence text alternative (lpipdata.chart_text), shown under it; the same sentence
    is the chart's accessible name (st.plotly_chart's `alt`). Escaped: it names data. The container's
    class is `st-key-chart_text_<key>`. A slide has no room for it: there it is the chart's name only."""
    if presenting:
        return
    with st.container(key=f"chart_text_{key}"):
        st.caption(md(sentence))


def synthetic_notice(info: Mapping[str, str]) -> None:
    if info.get("is_synthetic") == "yes":
        st.warning("This database holds **synthetic** benchmark data, not real organisations.", icon=":material/science:")


def confidence_note(confidence: str | None) -> str:
    """A visible flag for facts that are not directly sourced."""
    return f" · ⚠ {confidence}" if confidence and confidence != "sourced" else ""


def source_button(url: str | None, key: str, container=None, label: str = "Source") -> None:
    """One click to the source, in a new tab; a plain note when the source has no public URL."""
    target = container or st
    link = safe_url(url)
    if link:
        target.link_button(label, link, icon=":material/open_in_new:", key=key)
    else:
        target.caption("Source has no web address; see Evidence for its details")


def large_table(frame: pd.DataFrame, filename: str, key: str, column_config: Mapping | None = None,
                max_rows: int = 1_000) -> None:
    """`data_table` for tables that can run to tens of thousands of rows (e.g. at 100x scale):
    shows the first `max_rows` rows and says so, and makes the CSV of every row (formula-safe)
    only when the button is clicked, so reruns do not pay for it."""
    shown = frame.head(max_rows)
    st.dataframe(shown, hide_index=True, column_config=column_config, key=f"table_{key}")
    if len(frame) > len(shown):
        st.caption(f"The first {len(shown):,} of {len(frame):,} rows are shown; the CSV has them all.")
    st.download_button("Download CSV", lambda: csv_bytes(frame), file_name=filename, mime="text/csv",
                       key=f"download_{key}", icon=":material/download:", on_click="ignore")
