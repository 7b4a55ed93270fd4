"""The map's plotly traces: boundary layers, the region choropleth and its click markers, and the
organisation points; and the GeoJSON they draw, parsed once per process into numpy rings (the package
docstring says why)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme
from lpipdata.figures.map.text import _escape, _org_hover, _region_hover
from lpipdata.figures.map.view import (_LAYER_STYLE, _TRANSPARENT, HALO_POINTS, LAYER_ITEM, LAYER_TITLES,
                                       LEGEND_TITLES, REGION_MARKER, SELECTED, MapView, measure_column,
                                       measure_label)
from lpipdata.schema import load_schema


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


# ---------------------------------------------------------------------------------------------- traces

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

