"""Streamlit sections of the region profile; pages/region.py calls them in order.

Each section shows one part of a :class:`~lpipdata.queries.region.RegionProfile`: data text is
escaped in Markdown, tables show it literally, links pass through ``safe_url``.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pandas as pd
import streamlit as st

from lpipdata import brief, counts, filters as flt
from lpipdata import chart_text as words
from lpipdata.figures import region as figures, theme
from lpipdata.queries.region import RegionProfile, display_table
from lpipdata.safe import csv_bytes, escape_markdown as md, safe_url
from ui import present, state, widgets

LINKS = {"Source": widgets.source_column("Source"), "Link": widgets.source_column("Link")}
TOP_ORGANISATIONS = 5


def markdown_link(title: object, url: object) -> str:
    """A Markdown link to a source from the data: only http(s), with characters that could end the
    link (parentheses, spaces, brackets) percent-encoded; plain escaped text when there is no address."""
    target = safe_url(url)
    label = md(title) or "source"
    return f"[{label} ↗]({quote(target, safe=':/?#@!$&*+,;=%~')})" if target else label


def source_links(sources: pd.DataFrame) -> str:
    """Several sources as links, each followed by what it supports and its confidence flag."""
    return " · ".join(f"{markdown_link(row.source_title, row.source_url)} ({md(row.themes)})"
                      f"{md(widgets.confidence_note(row.confidence))}" for row in sources.itertuples())


def region_picker(filters: flt.Filters, options: dict[str, str], vocab: flt.Vocabulary) -> str | None:
    """A region selectbox kept in the URL (?region=...); returns the chosen region or None."""
    key = state.widget_key("region")
    st.session_state[key] = filters.region
    st.selectbox("Region", list(vocab.regions), format_func=lambda r: vocab.regions.get(r, r), key=key,
                 placeholder="Choose a region", on_change=_apply_region, args=(filters, options))
    return filters.region


def _apply_region(filters: flt.Filters, options: dict[str, str]) -> None:
    state.write(filters.with_(region=st.session_state[state.widget_key("region")]), options)


def scoped(filters: flt.Filters, region_id: str) -> flt.Filters:
    """The shared filters with the profile's region as the only region (for the filter sentence)."""
    return filters.with_(regions=(region_id,))


def heading(profile: RegionProfile, sentence: str, presenting: bool = False) -> None:
    """The region's name, LPIP and nation, and what the filters leave; on one line when presenting."""
    header = profile.header.iloc[0]
    st.title(md(profile.name))
    lpip = f"**{md(header['lpip_name']) or 'LPIP name not sourced'}** · {md(header['nation'])}"
    if presenting:
        st.markdown(f"{lpip} · {sentence}")
        return
    st.markdown(lpip)
    st.caption(sentence)


def facts(profile: RegionProfile) -> None:
    """The summary and the LPIP facts, each with its source and its confidence flag."""
    header = profile.header.iloc[0]
    st.markdown(md(header["summary"]) or "_No summary sourced._")
    st.caption("Summary" + widgets.confidence_note(header["confidence"]))
    widgets.source_button(header["source_url"], key="src_summary")
    for number, fact in enumerate(profile.facts.itertuples()):
        text, link = st.columns([5, 2], vertical_alignment="center")
        value = md(fact.value) if isinstance(fact.value, str) and fact.value else "_not sourced_"
        text.markdown(f"**{md(fact.fact)}**: {value}{md(widgets.confidence_note(fact.confidence))}")
        if fact.fact == "Core themes" and len(profile.theme_sources) > 1:
            link.caption(f"{len(profile.theme_sources)} sources, below")
            st.caption("Core theme sources: " + source_links(profile.theme_sources))
        else:
            widgets.source_button(fact.source_url, key=f"src_fact_{number}", container=link)


def map_inset(profile: RegionProfile, presenting: bool = False) -> None:
    if not profile.has_boundaries:
        st.info("No map: this database was built without boundary files. Add them with "
                "`python -m lpipdata geo fetch` and rebuild to see the region on a map.")
        return
    if profile.shape.empty:
        st.info("No outline is recorded for this region (it has no ONS areas in region_areas).")
    height_px = theme.PRESENT_FIGURE_PX if presenting else 380
    figure = figures.map_inset(profile.shape, profile.outlines, profile.points, profile.name, height_px=height_px,
                               presenting=presenting)
    in_words = words.region_map_text(profile.name, profile.points, not profile.shape.empty)
    st.plotly_chart(figure, key="region_map", theme=None, config=theme.chart_config(f"lpip-{profile.region_id}-map"),
                    height=present.chart_height(presenting), alt=in_words)
    widgets.chart_text(in_words, "region_map", presenting)
    st.caption("Boundaries: ONS, Open Government Licence v3.0. Points: organisations based in the region.")


def partnerships(profile: RegionProfile) -> None:
    """One small table per scale, neighbourhood to UK, and one CSV of them all."""
    frame = profile.partnerships
    if frame.empty:
        st.info("No partnerships in this region match the filters. Clear some filters in the sidebar.")
        return
    for scale in theme.SCALE_ORDER:
        group = frame[frame["scale"] == scale]
        if not group.empty:
            st.markdown(f"**{scale.capitalize()}** · {len(group)} partnership{'s' if len(group) != 1 else ''}")
            st.dataframe(display_table(group, "partnerships").drop(columns="Scale"), hide_index=True,
                         column_config=LINKS, key=f"partnerships_{scale}")
    st.download_button("Download CSV", csv_bytes(display_table(frame, "partnerships")), mime="text/csv",
                       file_name=f"lpip-{profile.region_id}-partnerships.csv", key="download_partnerships",
                       icon=":material/download:")


def organisations(profile: RegionProfile) -> None:
    """The most connected organisations in words, then all of them in a table."""
    frame = profile.organisations
    if frame.empty:
        st.info("No memberships are recorded for the partnerships shown.")
        return
    st.caption(f"{counts.MEMBER_ORGANISATIONS.of(len(frame))}, most connected first: the number of this region's "
               "partnerships each belongs to.", help=counts.help_text(counts.MEMBER_ORGANISATIONS))
    lines = [f"{rank}. **{md(org.name)}**, {md(org.org_type)} ({md(org.sector)}): "
             f"{org.partnerships} partnership{'s' if org.partnerships != 1 else ''}"
             f"{md(widgets.confidence_note(org.confidence))}"
             for rank, org in enumerate(frame.head(TOP_ORGANISATIONS).itertuples(), start=1)]
    st.markdown("\n".join(lines))
    widgets.data_table(display_table(frame, "organisations"), f"lpip-{profile.region_id}-organisations.csv",
                       key="organisations", column_config=LINKS)


def issues(profile: RegionProfile) -> None:
    if profile.issues.empty:
        st.info("No issues are recorded for this region (with these theme filters).")
        return
    widgets.data_table(display_table(profile.issues, "issues"), f"lpip-{profile.region_id}-issues.csv",
                       key="issues", column_config=LINKS)


def timeline(profile: RegionProfile, presenting: bool = False) -> None:
    if profile.partnerships.empty and profile.events.empty:
        st.info("Nothing dated to show for this region.")
        return
    in_words = words.region_timeline_text(profile.name, profile.partnerships, profile.events)
    st.plotly_chart(figures.mini_timeline(profile.partnerships, profile.events, presenting=presenting),
                    key="region_timeline", theme=None,
                    config=theme.chart_config(f"lpip-{profile.region_id}-timeline"), alt=in_words)
    widgets.chart_text(in_words, "region_timeline", presenting)
    if not profile.events.empty:
        widgets.data_table(display_table(profile.events, "events"), f"lpip-{profile.region_id}-events.csv",
                           key="events", column_config=LINKS)


def network(profile: RegionProfile, presenting: bool = False) -> None:
    if profile.memberships.empty:
        st.info("No memberships to draw for this region.")
        return
    drawn = min(figures.EXCERPT_ORGANISATIONS, len(profile.organisations))
    st.caption(f"The {drawn} most connected organisations (circles, by sector) and the partnerships they belong to "
               "(squares).")
    figure = figures.network_excerpt(profile.memberships, profile.organisations, presenting=presenting)
    in_words = words.region_network_text(profile.name, drawn, profile.organisations)
    st.plotly_chart(figure, key="region_network",
                    theme=None, config=theme.chart_config(f"lpip-{profile.region_id}-network"), alt=in_words)
    widgets.chart_text(in_words, "region_network", presenting)


def sources(profile: RegionProfile) -> None:
    if profile.sources.empty:
        st.info("No sources are cited by this region's records.")
        return
    widgets.data_table(display_table(profile.sources, "sources"), f"lpip-{profile.region_id}-sources.csv",
                       key="sources", column_config=LINKS)


def brief_download(profile: RegionProfile, sentence: str, data_version: str) -> None:
    """The profile as one offline HTML file, built only when the button is clicked."""
    generated = f"{date.today():%d %b %Y}, data version {data_version}"

    def build() -> str:
        return brief.region_brief(profile, brief_charts(profile), generated, sentence, map_note=_map_note(profile))

    st.download_button("Download brief (HTML)", build, file_name=f"lpip-region-{profile.region_id}.html",
                       mime="text/html", on_click="ignore", key="download_brief", icon=":material/description:",
                       help="One self-contained file: opens offline, prints cleanly.")


def brief_charts(profile: RegionProfile) -> dict:
    """The brief's figures; its map is drawn as SVG so it shows when the file is opened from disk."""
    has_map = profile.has_boundaries and not (profile.shape.empty and profile.points.empty)
    return {
        "map": figures.outline_map(profile.shape, profile.outlines, profile.points, profile.name) if has_map else None,
        "timeline": None if profile.partnerships.empty and profile.events.empty
        else figures.mini_timeline(profile.partnerships, profile.events),
        "network": None if profile.memberships.empty else figures.network_excerpt(profile.memberships,
                                                                                    profile.organisations),
    }


def _map_note(profile: RegionProfile) -> str:
    if not profile.has_boundaries:
        return "No map: the database was built without boundary files."
    return "No outline or located organisations are recorded for this region."
