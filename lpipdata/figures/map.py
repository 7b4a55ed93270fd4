"""The map: LPIP regions coloured by a measure over optional ONS boundary layers, with selectable points.

Everything is MapLibre (``go.Choroplethmap`` / ``go.Scattermap``) on the ``white-bg`` style, which needs
no tiles, fonts or sprites, so the default map draws with no internet. Only circle markers and no
map text are used for the same reason (text and other symbols would fetch glyphs or sprites).

Streamlit reports clicks on points, not on polygons, so every drawn region also gets a marker at a
point inside its shape. Markers carry ``customdata = [kind, id]`` with kind ``"region"`` or ``"org"``;
:func:`selection_target` reads it back from a Streamlit selection event.

Geometry arrives as GeoJSON text from the build. It is parsed once per process into rings held as
numpy arrays: plotly deep-copies trace properties several times per figure, and copying one array
per ring instead of one list per vertex makes a UK-wide map about 30x cheaper to build and send.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme
from lpipdata.schema import load_schema

ATTRIBUTION = ("Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
               "Contains OS data © Crown copyright and database right 2025")
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

# Regions drawn as shapes: the LPIP places. The hub is UK-wide and context regions (phase "none")
# overlap LPIP places (Wales contains Rural Wales), so both are listed in the table instead.
DRAWN_PHASES = ("1 and 2", "1")
PHASE_LABELS = {"1 and 2": "Phase 1 and 2 LPIP", "1": "Phase 1 only", "hub": "UK-wide coordination hub",
                "none": "Context region (not an LPIP)"}

LAYER_TITLES = {"itl1": "ITL1 regions", "lad": "Local authority districts", "cauth": "Combined authorities"}
LAYER_ITEM = {"itl1": "ITL1 region", "lad": "local authority district", "cauth": "combined authority"}
MEASURE_TITLES = {"partnerships": "Partnerships", "organisations": "Organisations", "emphasis": "Issue emphasis"}
COLOUR_BY_TITLES = {"sector": "Sector", "org_type": "Organisation type"}
LEGEND_TITLES = {"sector": "Organisations by sector", "org_type": "Organisations by type"}
SIZE_BY_TITLES = {"fixed": "Same size", "memberships": "Number of memberships"}
# value -> (MapLibre style, label). Only white-bg works offline.
BASEMAPS = {"none": ("white-bg", "None (works offline)"),
            "carto-positron": ("carto-positron", "Street map (needs internet)")}
TILE_ATTRIBUTION = "Street map © OpenStreetMap contributors © CARTO"

UK_VIEW = {"center": {"lat": 55.3, "lon": -3.4}, "zoom": 4.0}  # the whole UK, Shetland to Scilly
MAP_HEIGHT = 500
# Above this many points a white halo no longer separates them, and it doubles what the browser draws.
HALO_POINTS = 2_000
_TRANSPARENT = "rgba(0,0,0,0)"
_LAYER_STYLE = {  # fill, line colour, line width
    "itl1": ("#F2F2F2", "#8C8C8C", 0.8),
    "lad": (_TRANSPARENT, "#B3B3B3", 0.5),
    "cauth": (_TRANSPARENT, "#3D3D3D", 1.8),
}
# Marker sizes are arrays, and plotly then defaults marker opacity to 0.7 ("bubble" charts): set it to 1.
REGION_MARKER = {"fill": "#FFFFFF", "ring": "#1A1A1A"}
SELECTED = "#000000"


@dataclass(frozen=True)
class MapView:
    """What the user chose to see; every field comes from the URL."""

    measure: str = "partnerships"
    emphasis_theme: str = "net zero"
    layers: tuple[str, ...] = ("itl1",)
    colour_by: str = "sector"
    size_by: str = "fixed"
    basemap: str = "none"
    presenting: bool = False
    selected_region: str | None = None
    selected_org: str | None = None


def measure_column(measure: str) -> str:
    return "theme_links" if measure == "emphasis" else measure


def measure_label(view: MapView) -> str:
    """Short label for the colour bar and table column."""
    if view.measure == "emphasis":
        return f"Issue links: {view.emphasis_theme}"
    return MEASURE_TITLES[view.measure]


def measure_definition(view: MapView) -> str:
    """One sentence saying exactly what the colour counts."""
    if view.measure == "partnerships":
        return "Colour: the number of partnerships based in the region that match the filters."
    if view.measure == "organisations":
        return ("Colour: the number of organisations based in the region (sector filter applies; with a theme, "
                "scale, period or as-of filter, only those in a matching partnership).")
    return (f"Colour: issue emphasis on {view.emphasis_theme}, the number of the region's issue links in that "
            "theme: issues its sources name for the region plus issues of its matching partnerships, each "
            "counted once whether core or mentioned (the table splits core and mentioned).")


# ---------------------------------------------------------------------------------------------- geometry

@lru_cache(maxsize=2048)
def _parsed_geometry(text: str) -> dict:
    """A GeoJSON geometry with every ring as an (n, 2) float array; cached, so treat it as read-only."""
    geometry = json.loads(text)
    kind = geometry["type"]
    if kind == "Polygon":
        return {"type": kind, "coordinates": [np.asarray(ring, dtype=float) for ring in geometry["coordinates"]]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [[np.asarray(ring, dtype=float) for ring in polygon]
                                              for polygon in geometry["coordinates"]]}
    return geometry


def feature_collection(ids: Sequence[str], geojson_texts: Sequence[str]) -> dict:
    """A FeatureCollection whose feature ids are `ids` (what a choropleth's `locations` refer to)."""
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": str(i), "geometry": _parsed_geometry(text)}
                         for i, text in zip(ids, geojson_texts, strict=True)]}


# ---------------------------------------------------------------------------------------------- frames

def drawn_regions(measures: pd.DataFrame, shapes: pd.DataFrame) -> pd.DataFrame:
    """Regions drawn on the map: LPIP places that have a shape, largest first (smaller ones on top)."""
    if shapes is None or shapes.empty:
        return measures.iloc[0:0].assign(geojson=[], centroid_lat=[], centroid_lon=[], area_km2=[])
    lpip = measures[measures["lpip_phase"].isin(DRAWN_PHASES)]
    merged = lpip.merge(shapes, on="region_id", how="inner")
    return merged.sort_values(["area_km2", "region_id"], ascending=[False, True]).reset_index(drop=True)


def undrawn_note(measures: pd.DataFrame, shapes: pd.DataFrame | None) -> str | None:
    """Which regions the filters include but the map cannot draw, and why; None when all are drawn."""
    drawn = set(drawn_regions(measures, shapes)["region_id"])
    parts = []
    for row in measures.itertuples():
        if row.region_id in drawn:
            continue
        if row.lpip_phase == "hub":
            why = "hub, whole UK"
        elif row.lpip_phase not in DRAWN_PHASES:
            why = "context region"
        else:
            why = "no boundary"
        parts.append(f"{row.name} – {why}, {_plural(row.partnerships, 'partnership')}")
    if not parts:
        return None
    return "Not drawn on the map: " + "; ".join(parts) + ". They are listed in the regions table."


def map_notes(measures: pd.DataFrame, shapes: pd.DataFrame | None, orgs: pd.DataFrame, view: MapView) -> list[str]:
    """The lines under the map: what the colour means, and what the map leaves out."""
    notes = []
    if shapes is not None and len(shapes):
        notes.append(measure_definition(view))
        notes.append(undrawn_note(measures, shapes))
    unplaced = unplaced_count(orgs)
    if unplaced:
        notes.append(f"{_plural(unplaced, 'organisation')} without a sourced place "
                     f"{'is' if unplaced == 1 else 'are'} in the table only.")
    if len(orgs) and orgs["location_confidence"].eq("inferred").any():
        notes.append("Points are town centres or, for councils and combined authorities, a point inside the "
                     "area they govern; none is an address.")
    return [note for note in notes if note]


def region_table(measures: pd.DataFrame, shapes: pd.DataFrame | None, view: MapView) -> pd.DataFrame:
    """The table alternative for regions: what the map colours, plus where each region's facts come from."""
    drawn = set(drawn_regions(measures, shapes)["region_id"])
    table = pd.DataFrame({
        "region": measures["name"],
        "region_id": measures["region_id"],
        "LPIP phase": measures["lpip_phase"].map(PHASE_LABELS).fillna(measures["lpip_phase"]),
        "on map": measures["region_id"].map(lambda r: "yes" if r in drawn else "no"),
        "partnerships": measures["partnerships"],
        "organisations": measures["organisations"],
    })
    if view.measure == "emphasis":
        table[f"issue links: {view.emphasis_theme}"] = measures["theme_links"]
        table["core links"] = measures["core_links"]
        table["mentioned links"] = measures["mentioned_links"]
    table["lead organisation"] = measures["lead_org_name"]
    table["confidence"] = measures["confidence"]
    table["source"] = measures["source_url"]
    return table.reset_index(drop=True)


def organisation_table(orgs: pd.DataFrame) -> pd.DataFrame:
    """The table alternative for organisation points, with coordinates and source links."""
    return pd.DataFrame({
        "organisation": orgs["name"], "org_id": orgs["org_id"], "type": orgs["org_type"], "sector": orgs["sector"],
        "region": orgs["region_name"], "place": orgs["place"], "lat": orgs["lat"], "lon": orgs["lon"],
        "location confidence": orgs["location_confidence"], "memberships": orgs["memberships"],
        "confidence": orgs["confidence"], "source": orgs["source_url"],
    }).reset_index(drop=True)


def unplaced_count(orgs: pd.DataFrame) -> int:
    """Organisations without coordinates: listed in the table, not drawn."""
    return int((orgs["lat"].isna() | orgs["lon"].isna()).sum()) if len(orgs) else 0


# ---------------------------------------------------------------------------------------------- figure

def map_figure(measures: pd.DataFrame, shapes: pd.DataFrame | None, layers: Mapping[str, pd.DataFrame],
               orgs: pd.DataFrame, view: MapView) -> go.Figure:
    """The map figure.

    measures: lpipdata.queries.map.region_measures; shapes: region_geometries (None without boundaries);
    layers: {layer: layer_geometries(layer)} for the layers to draw, in order; orgs: organisation_points.
    """
    tiles = view.basemap != "none"
    traces: list = [_layer_trace(name, frame, tiles) for name, frame in layers.items()]
    regions = drawn_regions(measures, shapes)
    if len(regions):
        traces.append(_region_choropleth(regions, view))
        if view.selected_region in set(regions["region_id"]):
            traces.append(_selected_outline(regions[regions["region_id"] == view.selected_region]))
    placed = orgs.dropna(subset=["lat", "lon"])
    if len(placed):
        traces.extend(_organisation_traces(placed, view))
    if len(regions):
        traces.extend(_region_marker_traces(regions, view))
    style = BASEMAPS.get(view.basemap, BASEMAPS["none"])[0]
    legend_size = 16 if view.presenting else 11
    layout = {
        "template": theme.template(view.presenting),
        "height": MAP_HEIGHT,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "map": {"style": style, **UK_VIEW},
        "uirevision": "lpip-map",
        "clickmode": "event+select",
        "hovermode": "closest",
        # Top left, over the Atlantic; a legend outside the map would shrink it.
        "legend": {"x": 0.005, "y": 0.995, "xanchor": "left", "yanchor": "top", "font": {"size": legend_size},
                   "grouptitlefont": {"size": legend_size}, "tracegroupgap": 4, "bgcolor": "rgba(255,255,255,0.85)",
                   "itemclick": False, "itemdoubleclick": False},
        "showlegend": True,
    }
    return go.Figure(data=traces, layout=layout)


def _layer_trace(name: str, frame: pd.DataFrame, tiles: bool) -> go.Choroplethmap:
    fill, line, width = _LAYER_STYLE[name]
    if tiles:
        fill = _TRANSPARENT
    hover = name != "itl1"  # ITL1 is the base map; its name under every pointer would be noise
    return go.Choroplethmap(
        geojson=feature_collection(frame["code"], frame["geojson"]),
        locations=[str(code) for code in frame["code"]],
        z=np.zeros(len(frame)),
        colorscale=[[0, fill], [1, fill]], showscale=False,
        marker={"line": {"color": line, "width": width}},
        text=[f"{_escape(n)} ({LAYER_ITEM[name]})" for n in frame["name"]],
        hovertemplate="%{text}<extra></extra>" if hover else None,
        hoverinfo=None if hover else "skip",
        name=LAYER_TITLES[name], meta=f"layer-{name}", showlegend=False,
    )


def _region_choropleth(regions: pd.DataFrame, view: MapView) -> go.Choroplethmap:
    column = measure_column(view.measure)
    values = regions[column].astype(float)
    return go.Choroplethmap(
        geojson=feature_collection(regions["region_id"], regions["geojson"]),
        locations=[str(r) for r in regions["region_id"]],
        z=values.to_numpy(),
        zmin=0, zmax=max(1.0, float(values.max())),
        colorscale=theme.SEQUENTIAL,
        marker={"opacity": 0.85, "line": {"color": theme.OUTLINE, "width": 1.2}},
        colorbar={"title": {"text": measure_label(view), "side": "right"}, "thickness": 14, "len": 0.55,
                  "x": 0.995, "xanchor": "right", "y": 0.55, "tickformat": "d",
                  **({"dtick": 1} if values.max() <= 8 else {}),
                  "bgcolor": "rgba(255,255,255,0.85)"},
        text=[_region_hover(row, view) for row in regions.itertuples()],
        hovertemplate="%{text}<extra></extra>",
        name="LPIP regions", meta="regions", showlegend=False,
    )


def _selected_outline(region: pd.DataFrame) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=feature_collection(region["region_id"], region["geojson"]),
        locations=[str(r) for r in region["region_id"]], z=[0],
        colorscale=[[0, _TRANSPARENT], [1, _TRANSPARENT]], showscale=False,
        marker={"line": {"color": SELECTED, "width": 3.5}},
        hoverinfo="skip", name="Selected region", meta="selected-region", showlegend=False,
    )


def _region_marker_traces(regions: pd.DataFrame, view: MapView) -> list[go.Scattermap]:
    """A ringed white circle per region (two stacked circles: MapLibre circles have no outline)."""
    sizes = np.array([min(36.0, 12 + 3 * math.sqrt(n)) for n in regions["partnerships"]])
    selected = (regions["region_id"] == view.selected_region).to_numpy()
    ring_sizes = sizes + np.where(selected, 10, 5)
    customdata = [["region", region_id] for region_id in regions["region_id"]]
    text = [_region_hover(row, view) for row in regions.itertuples()]
    common = {"lat": regions["centroid_lat"].to_numpy(float), "lon": regions["centroid_lon"].to_numpy(float),
              "mode": "markers", "customdata": customdata, "text": text, "hovertemplate": "%{text}<extra></extra>",
              "unselected": {"marker": {"opacity": 1}}, "selected": {"marker": {"opacity": 1}}}
    ring = go.Scattermap(**common, marker={"size": ring_sizes, "color": REGION_MARKER["ring"], "opacity": 1},
                         name="LPIP region (click marker)", meta="region-marker-rings", legendrank=1)
    fill = go.Scattermap(**common, marker={"size": sizes, "opacity": 1,
                                           "color": np.where(selected, "#FFD700", REGION_MARKER["fill"])},
                         name="LPIP region marker", meta="region-markers", showlegend=False)
    return [ring, fill]


def organisation_colours(colour_by: str) -> dict[str, str]:
    """Colours over the schema's whole enum, so a category keeps its colour whatever the filters show."""
    if colour_by == "sector":
        return dict(theme.SECTOR_COLOURS)
    return theme.colour_map(load_schema().table("organisations").field("org_type").enum)


def _organisation_traces(orgs: pd.DataFrame, view: MapView) -> list[go.Scattermap]:
    """A white halo under every point (legible on any fill), the selected organisation ringed, then one
    trace per category so the legend explains the colours."""
    column = "sector" if view.colour_by == "sector" else "org_type"
    sizes = _org_sizes(orgs, view.size_by)
    customdata = [["org", org_id] for org_id in orgs["org_id"]]
    text = [_org_hover(row) for row in orgs.itertuples()]
    stable = {"unselected": {"marker": {"opacity": 1}}, "selected": {"marker": {"opacity": 1}}}
    lat, lon = orgs["lat"].to_numpy(float), orgs["lon"].to_numpy(float)
    traces = []
    if len(orgs) <= HALO_POINTS:
        # The halo takes no hover or clicks (the point above it does), so it carries no per-point text.
        traces.append(go.Scattermap(lat=lat, lon=lon, mode="markers", hoverinfo="skip",
                                    marker={"size": _compact(sizes + 4), "color": "#FFFFFF", "opacity": 1},
                                    name="Organisation halo", meta="org-halo", showlegend=False, **stable))
    chosen = (orgs["org_id"] == view.selected_org).to_numpy()
    if chosen.any():
        traces.append(go.Scattermap(lat=lat[chosen], lon=lon[chosen], mode="markers",
                                    customdata=[["org", view.selected_org]], text=[text[int(np.argmax(chosen))]],
                                    hovertemplate="%{text}<extra></extra>",
                                    marker={"size": sizes[chosen] + 12, "color": SELECTED, "opacity": 1},
                                    name="Selected organisation", meta="org-selected", showlegend=False, **stable))
    colours = organisation_colours(view.colour_by)
    for category in sorted(orgs[column].dropna().unique()):
        rows = (orgs[column] == category).to_numpy()
        traces.append(go.Scattermap(
            lat=lat[rows], lon=lon[rows], mode="markers",
            customdata=[c for c, keep in zip(customdata, rows) if keep],
            text=[t for t, keep in zip(text, rows) if keep], hovertemplate="%{text}<extra></extra>",
            marker={"size": _compact(sizes[rows]), "color": colours.get(category, theme.OUTLINE), "opacity": 1},
            name=str(category), meta=f"org-{column}-{category}",
            legendgroup="organisations", legendgrouptitle={"text": LEGEND_TITLES[view.colour_by]},
            **stable,
        ))
    return traces


def _compact(sizes: np.ndarray) -> float | np.ndarray:
    """One number when every point has the same size: the browser is sent one value, not thousands."""
    return float(sizes[0]) if len(sizes) and (sizes == sizes[0]).all() else sizes


def _org_sizes(orgs: pd.DataFrame, size_by: str) -> np.ndarray:
    if size_by == "memberships":
        return np.array([min(30.0, 7 + 4 * math.sqrt(n)) for n in orgs["memberships"]])
    return np.full(len(orgs), 10.0)


# ---------------------------------------------------------------------------------------------- text

def _escape(value) -> str:
    """Data text for plotly labels, which render a subset of HTML: shown literally."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=False)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _region_hover(row, view: MapView) -> str:
    lines = [f"<b>{_escape(row.name)}</b>", _escape(PHASE_LABELS.get(row.lpip_phase, row.lpip_phase)),
             f"{_plural(row.partnerships, 'partnership')} · {_plural(row.organisations, 'organisation')}"]
    if view.measure == "emphasis":
        lines.append(f"{view.emphasis_theme}: {row.theme_links} issue links "
                     f"({row.core_links} core, {row.mentioned_links} mentioned)")
    lines.append("Click the marker for details")
    return "<br>".join(lines)


def _org_hover(row) -> str:
    place = _escape(row.place) if isinstance(row.place, str) else "place not sourced"
    if isinstance(row.location_confidence, str) and row.location_confidence != "sourced":
        place += f" (location {_escape(row.location_confidence)})"
    return "<br>".join([f"<b>{_escape(row.name)}</b>", f"{_escape(row.org_type)} · {_escape(row.sector)} sector",
                        f"{place} · {_escape(row.region_name)}", _plural(row.memberships, "membership")])


def selection_target(points: Sequence[Mapping]) -> tuple[str, str] | None:
    """(kind, id) of the first selected marker in a Streamlit selection event, or None."""
    for point in points or ():
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and len(data) == 2 and data[0] in ("region", "org") and data[1]:
            return str(data[0]), str(data[1])
    return None
