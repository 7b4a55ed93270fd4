"""Streamlit helpers for the map page: its view options, marker selection and the details panel.

Every choice here is written to the URL through ``state.write``, so a link restores the view,
the selected region (``region=``) or the selected organisation (``org=``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lpipdata import chart_text as words
from lpipdata import counts
from lpipdata import filters as flt
from lpipdata.figures import map as figures
from lpipdata.figures.map.view import measure_label
from lpipdata.queries import map as queries
from lpipdata.safe import escape_markdown as md
from lpipdata.safe import safe_url
from ui import cached, nav, playback, state, widgets

CHART_KEY = "map"
NO_LAYERS = "none"
# Every subset of the layers, in canonical order, is one allowed URL value: layers=itl1,cauth
LAYER_VALUES = (NO_LAYERS,) + tuple(",".join(combo) for size in range(1, len(queries.LAYERS) + 1)
                                     for combo in combinations(queries.LAYERS, size))
BOUNDARY_HELP = ("Boundaries are not in this database, so only organisations are shown. To add them, run "
                 "`python -m lpipdata geo fetch` (or set `LPIP_GEO_DIR` to a folder with `itl1.geojson`, "
                 "`lad.geojson` and `cauth.geojson`), then rebuild with `python -m lpipdata build`.")


@dataclass(frozen=True)
class MapData:
    """What the map draws: region measures, organisation points, region shapes (None without
    boundaries) and the boundary layers chosen, each from the query cache."""

    measures: pd.DataFrame
    orgs: pd.DataFrame
    shapes: pd.DataFrame | None
    layers: dict[str, pd.DataFrame]


def map_data(shown: flt.Filters, view: figures.MapView, has_boundaries: bool) -> MapData:
    return MapData(measures=cached.fetch(queries.region_measures, shown, view.emphasis_theme),
                   orgs=cached.fetch(queries.organisation_points, shown),
                   shapes=cached.fetch(queries.region_geometries) if has_boundaries else None,
                   layers={layer: cached.fetch(queries.layer_geometries, layer) for layer in view.layers})


def figure(shown: flt.Filters, view: figures.MapView, has_boundaries: bool) -> go.Figure:
    """The map figure, built once per database version, filters and view: a rerun reuses it."""
    return _figure(*cached.database_key(), shown, view, has_boundaries)


# A resource cache hands back the same (never modified) figure, where a data cache would copy it
# and plotly would validate it again: about 75 ms a rerun at seed scale, 300 ms at 100x.
@st.cache_resource(max_entries=16, show_spinner=False)
def _figure(path: str, version: str, shown: flt.Filters, view: figures.MapView, has_boundaries: bool) -> go.Figure:
    data = map_data(shown, view, has_boundaries)
    return figures.map_figure(data.measures, data.shapes, data.layers, data.orgs, view)


def option_choices(vocab: flt.Vocabulary) -> dict[str, tuple[str, ...]]:
    """The map's view options and their allowed values, for state.page_state."""
    return {"measure": queries.MEASURES, "emphasis": tuple(vocab.themes), "layers": LAYER_VALUES,
            "colour": tuple(figures.COLOUR_BY_TITLES), "size": tuple(figures.SIZE_BY_TITLES),
            "basemap": tuple(figures.BASEMAPS), **playback.OPTIONS}


def current_view(filters: flt.Filters, options: Mapping[str, str], vocab: flt.Vocabulary,
                 status: Mapping) -> figures.MapView:
    return figures.MapView.from_options(filters, options, vocab.themes[0], status["layers"],
                                        state.is_presenting(options))


def caption(filters: flt.Filters, measures: pd.DataFrame, orgs: pd.DataFrame, vocab: flt.Vocabulary) -> str:
    """What the map counts, each count by its name (lpipdata.counts)."""
    return (flt.describe(filters, int(measures["partnerships"].sum()), "partnerships", vocab) + " · "
            + counts.ORGANISATIONS_BASED.of(len(orgs), where="the regions shown"))


def chart_text(measures: pd.DataFrame, shapes: pd.DataFrame | None, orgs: pd.DataFrame, view: figures.MapView,
               as_of) -> str:
    """The map in one sentence: the regions it colours (the drawn ones), their extremes, the points."""
    drawn = figures.drawn_regions(measures, shapes)
    return words.map_text(drawn, figures.measure_column(view.measure), measure_label(view), orgs, as_of)


def view_controls(filters: flt.Filters, options: Mapping[str, str], vocab: flt.Vocabulary,
                  status: Mapping, view: figures.MapView) -> None:
    """The map's own options, in the sidebar under the shared filters."""
    with st.sidebar:
        st.subheader("Map view")
        widgets.option("Colour regions by", "measure", figures.MEASURE_TITLES, filters, options, horizontal=False)
        if view.measure == "emphasis":
            key = state.widget_key("emphasis")
            st.session_state[key] = view.emphasis_theme
            st.selectbox("Issue theme", list(vocab.themes), key=key, on_change=_write_option,
                         args=("emphasis", filters, dict(options)))
        if status["has_boundaries"]:
            key = state.widget_key("layers")
            st.session_state[key] = list(view.layers)
            st.pills("Boundary layers", list(status["layers"]), selection_mode="multi", key=key,
                     format_func=lambda layer: figures.LAYER_TITLES[layer], on_change=_write_layers,
                     args=(filters, dict(options)), help="LPIP regions are always drawn; these add ONS outlines.")
        widgets.option("Colour organisations by", "colour", figures.COLOUR_BY_TITLES, filters, options)
        widgets.option("Organisation size", "size", figures.SIZE_BY_TITLES, filters, options)
        widgets.option("Background", "basemap", {k: label for k, (_, label) in figures.BASEMAPS.items()},
                       filters, options, horizontal=False)


def _write_option(name: str, filters: flt.Filters, options: dict[str, str]) -> None:
    state.write(filters, {**options, name: st.session_state[state.widget_key(name)]})


def _write_layers(filters: flt.Filters, options: dict[str, str]) -> None:
    chosen = set(st.session_state[state.widget_key("layers")] or ())
    value = ",".join(layer for layer in queries.LAYERS if layer in chosen) or NO_LAYERS
    state.write(filters, {**options, "layers": value})


def selection_handler(filters: flt.Filters, options: Mapping[str, str]):
    """The chart's on_select callback: a clicked region or organisation marker becomes the selection."""
    def apply() -> None:
        event = st.session_state.get(CHART_KEY)
        target = figures.selection_target(event.selection.points if event else ())
        if target:
            kind, ident = target
            changes = {"region": ident, "org": None} if kind == "region" else {"org": ident, "region": None}
            state.write(filters.with_(**changes), options)
    return apply


def _select(filters: flt.Filters, options: dict[str, str], region: str | None, org: str | None) -> None:
    state.write(filters.with_(region=region, org=org), options)


def _choose_region(filters: flt.Filters, options: dict[str, str]) -> None:
    _select(filters, options, st.session_state[state.widget_key("map_region")] or None, None)


def details(filters: flt.Filters, options: Mapping[str, str], vocab: flt.Vocabulary, view: figures.MapView,
            region_markers: bool = True) -> None:
    """The panel beside the map: the selected organisation or region, or how to select one."""
    if filters.org:
        organisation_panel(filters, options)
    elif filters.region:
        region_panel(filters, options, view)
    else:
        what = "a region's white marker, or an organisation's point," if region_markers else "an organisation's point"
        st.info(f"Click {what} to see its details here.", icon=":material/touch_app:")
    key = state.widget_key("map_region")
    st.session_state[key] = filters.region if not filters.org else None
    st.selectbox("Or choose a region", list(vocab.regions), format_func=lambda r: vocab.regions.get(r, r),
                 index=None, placeholder="Choose a region", key=key, on_change=_choose_region,
                 args=(filters, dict(options)))


def _clear_button(filters: flt.Filters, options: Mapping[str, str]) -> None:
    st.button("Clear selection", icon=":material/close:", on_click=_select, args=(filters, dict(options), None, None),
              key="map_clear_selection")


def region_panel(filters: flt.Filters, options: Mapping[str, str], view: figures.MapView) -> None:
    region_id = filters.region
    frame = cached.fetch(queries.region_measures, filters.with_(regions=(region_id,)), view.emphasis_theme)
    if frame.empty:
        st.warning(f"Region '{md(region_id)}' is not in this database.")
        return
    region = frame.iloc[0]
    partnerships = cached.fetch(queries.region_partnerships, region_id, filters)
    issues = cached.fetch(queries.region_issue_links, region_id)
    with st.container(border=True, key="map_region_details"):
        st.subheader(md(region["name"]))
        st.markdown(f"**{md(region['lpip_name']) or 'LPIP name not sourced'}** · "
                    f"{md(figures.PHASE_LABELS.get(region['lpip_phase'], region['lpip_phase']))}"
                    + widgets.confidence_note(region["confidence"]))
        st.markdown(f"Lead organisation: {md(region['lead_org_name']) or '_not sourced_'}")
        st.markdown(f"Matching the filters: **{region['partnerships']}** {counts.PARTNERSHIPS.plural} and "
                    f"**{region['organisations']}** {counts.ORGANISATIONS_BASED.plural}.",
                    help=counts.help_text(counts.PARTNERSHIPS, counts.ORGANISATIONS_BASED))
        st.markdown("Themes: " + (_issue_line(issues) or "_none recorded_"))
        if isinstance(region["summary"], str):
            st.caption(md(region["summary"]))
        widgets.source_button(region["source_url"], key="map_region_source")
        nav.link("region", "Open region profile", flt.encode(filters.with_(region=region_id, org=None)))
        if len(partnerships):
            st.dataframe(partnerships[["name", "scale", "founded", "source_url", "ended", "members", "confidence"]],
                         hide_index=True, key="map_region_partnerships", height=min(300, 38 + 35 * len(partnerships)),
                         column_config={"source_url": widgets.source_column()})
        _clear_button(filters, options)


def _issue_line(issues: pd.DataFrame) -> str:
    parts = []
    for emphasis in ("core", "mentioned"):
        chosen = issues[issues["emphasis"] == emphasis]
        if len(chosen):
            names = ", ".join(f"{md(row.issue)} ({md(row.theme)})" for row in chosen.itertuples())
            parts.append(f"{emphasis}: {names}")
    return "; ".join(parts)


def organisation_panel(filters: flt.Filters, options: Mapping[str, str]) -> None:
    org = cached.fetch(queries.organisation_detail, filters.org)
    if org is None:
        st.warning(f"Organisation '{md(filters.org)}' is not in this database.")
        _clear_button(filters, options)
        return
    memberships = cached.fetch(queries.organisation_memberships, filters.org)
    with st.container(border=True, key="map_org_details"):
        st.subheader(md(org["name"]))
        st.markdown(f"{md(org['org_type']).capitalize()} · {md(org['sector'])} sector"
                    + widgets.confidence_note(org["confidence"]))
        place = md(org["place"]) if org["place"] else "place not sourced"
        if org["place"] and org["location_confidence"] not in (None, "sourced"):
            place += f" (location {md(org['location_confidence'])})"
        st.markdown(f"Based in {md(org['region_name'])}: {place}")
        links = st.columns(2)
        with links[0]:
            widgets.source_button(org["source_url"], key="map_org_source")
        website = safe_url(org["website"])
        if website:
            links[1].link_button("Website", website, icon=":material/language:")
        st.markdown(f"**Memberships** ({len(memberships)}, all on record; filters not applied)")
        if len(memberships):
            st.dataframe(memberships[["partnership", "role", "since", "until", "source_url", "scale", "confidence"]],
                         hide_index=True, key="map_org_memberships", height=min(300, 38 + 35 * len(memberships)),
                         column_config={"source_url": widgets.source_column()})
        _clear_button(filters, options)


def boundary_notice() -> None:
    st.info(BOUNDARY_HELP, icon=":material/map:")


def attribution(view: figures.MapView) -> None:
    """The ONS licence line, shown whether or not boundaries are drawn."""
    tiles = f" {figures.TILE_ATTRIBUTION}." if view.basemap != "none" else ""
    st.caption(f"{figures.ATTRIBUTION}. [Open Government Licence]({figures.OGL_URL}).{tiles}")
