"""The map inset: the region over the UK's ITL1 regions, with its organisations as points.

Drawn with MapLibre on a blank style (no tiles, works offline); also the view (centre and zoom)
that :mod:`lpipdata.figures.region.outline` reuses.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme
from lpipdata.figures.region.text import plain

REGION_FILL = theme.TOL_MUTED[1]  # light cyan: no sector uses it, so points on top stay distinct
CONTEXT_FILL, CONTEXT_LINE = "#F2F2F2", "#BDBDBD"
UK_CENTRE, UK_ZOOM = {"lat": 54.6, "lon": -3.4}, 4.0
MAPLIBRE_TILE_PX = 512


def map_inset(shape: pd.DataFrame, outlines: pd.DataFrame, points: pd.DataFrame, region_name: str,
              width_px: int = 600, height_px: int = 380, presenting: bool = False) -> go.Figure:
    """The region in colour over the UK's ITL1 regions in light grey, with its organisations as points.

    `shape` is region_shapes' row for the region (may be empty), `outlines` the ITL1 boundaries,
    `points` the organisations with coordinates. Drawn with MapLibre on a blank style: no tiles, works offline.
    """
    figure = go.Figure()
    if not outlines.empty:
        figure.add_trace(_context_trace(outlines))
    if not shape.empty:
        figure.add_trace(_region_trace(shape.iloc[0], region_name))
    for sector, group in points.groupby("sector", sort=True):
        figure.add_trace(_points_trace(group, str(sector)))
    centre, zoom = _view(shape, points, width_px, height_px)
    figure.update_layout(
        template=theme.template(presenting), height=height_px, margin=dict(l=0, r=0, t=0, b=0),
        map=dict(style="white-bg", center=centre, zoom=zoom),
        legend=dict(orientation="h", yanchor="bottom", y=0.01, xanchor="left", x=0.01, title_text="Sector"),
    )
    return figure


def feature_collection(ids, geojson_texts) -> dict:
    """A GeoJSON FeatureCollection from stored geometry texts, each feature keyed by its id."""
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": str(i), "properties": {}, "geometry": json.loads(g)}
                         for i, g in zip(ids, geojson_texts)]}


def _context_trace(outlines: pd.DataFrame) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=feature_collection(outlines["code"], outlines["geojson"]), locations=list(outlines["code"]),
        z=[0] * len(outlines), colorscale=[[0, CONTEXT_FILL], [1, CONTEXT_FILL]], showscale=False,
        marker_line_color=CONTEXT_LINE, marker_line_width=0.8, name="ITL1 regions", showlegend=False,
        hovertext=[plain(n) for n in outlines["name"]], hovertemplate="%{hovertext}<extra></extra>",
    )


def _region_trace(shape: pd.Series, region_name: str) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=feature_collection([shape["region_id"]], [shape["geojson"]]), locations=[str(shape["region_id"])],
        z=[1], colorscale=[[0, REGION_FILL], [1, REGION_FILL]], showscale=False, marker_opacity=0.8,
        marker_line_color=theme.OUTLINE, marker_line_width=1.5, name=plain(region_name), showlegend=False,
        hovertext=[f"{plain(region_name)}<br>{shape['area_km2']:,.0f} km²"],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _points_trace(group: pd.DataFrame, sector: str) -> go.Scattermap:
    labels = [f"<b>{plain(n)}</b><br>{plain(t)} · {plain(p)}"
              for n, t, p in zip(group["name"], group["org_type"], group["place"])]
    # Markers only: text labels on a map would need glyph files from the internet.
    return go.Scattermap(
        lat=group["lat"], lon=group["lon"], mode="markers", name=plain(sector),
        marker=dict(size=10, color=theme.SECTOR_COLOURS.get(sector, theme.OUTLINE)),
        hovertext=labels, hovertemplate="%{hovertext}<extra></extra>",
    )


def _view(shape: pd.DataFrame, points: pd.DataFrame, width_px: int, height_px: int) -> tuple[dict, float]:
    """Centre and zoom that fit the region (or its organisations) with room for neighbours around it."""
    lons, lats = [], []
    if not shape.empty:
        lons, lats = _coordinates(json.loads(shape.iloc[0]["geojson"]))
    elif not points.empty:
        lons, lats = list(points["lon"]), list(points["lat"])
    if not lons:
        return UK_CENTRE, UK_ZOOM
    return ({"lat": (min(lats) + max(lats)) / 2, "lon": (min(lons) + max(lons)) / 2},
            fit_zoom(min(lons), max(lons), min(lats), max(lats), width_px, height_px))


def fit_zoom(lon_min: float, lon_max: float, lat_min: float, lat_max: float,
             width_px: int, height_px: int, padding: float = 2.2) -> float:
    """The MapLibre zoom at which the box, enlarged by `padding`, fits the figure (clamped to 4-9)."""
    lon_span = max(lon_max - lon_min, 0.05) * padding
    merc_span = max(_mercator_y(lat_max) - _mercator_y(lat_min), 0.001) * padding
    zoom_lon = math.log2(width_px * 360 / (MAPLIBRE_TILE_PX * lon_span))
    zoom_lat = math.log2(height_px * 2 * math.pi / (MAPLIBRE_TILE_PX * merc_span))
    return round(min(max(min(zoom_lon, zoom_lat), 4.0), 9.0), 2)


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _coordinates(geometry: dict) -> tuple[list[float], list[float]]:
    """All longitudes and latitudes of a (Multi)Polygon geometry."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    points = [point for polygon in polygons for ring in polygon for point in ring]
    return [p[0] for p in points], [p[1] for p in points]
