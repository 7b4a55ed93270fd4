"""The offline outline map: the map inset drawn as SVG polygons, for the downloaded brief."""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme
from lpipdata.figures.region.maps import CONTEXT_FILL, CONTEXT_LINE, REGION_FILL, _coordinates, _view
from lpipdata.figures.region.text import plain


def outline_map(shape: pd.DataFrame, outlines: pd.DataFrame, points: pd.DataFrame, region_name: str,
                width_px: int = 930, height_px: int = 420) -> go.Figure:
    """The same inset drawn as SVG polygons, for the downloaded brief.

    MapLibre cannot start its worker in a page opened from disk (file://), and WebGL canvases print
    unreliably, so the offline brief draws the outlines on plain axes: longitude scaled by the
    cosine of the central latitude, which keeps shapes true at UK scale.
    """
    centre, _ = _view(shape, points, width_px, height_px)
    squeeze = math.cos(math.radians(centre["lat"]))
    figure = go.Figure()
    if not outlines.empty:
        figure.add_trace(_polygon_trace(outlines["geojson"], squeeze, CONTEXT_FILL, CONTEXT_LINE, 0.8, "ITL1 regions"))
    if not shape.empty:
        figure.add_trace(_polygon_trace(shape["geojson"], squeeze, REGION_FILL, theme.OUTLINE, 1.5, plain(region_name)))
    for sector, group in points.groupby("sector", sort=True):
        figure.add_trace(go.Scatter(x=group["lon"] * squeeze, y=group["lat"], mode="markers", name=plain(sector),
                                    marker=dict(size=9, color=theme.SECTOR_COLOURS.get(str(sector), theme.OUTLINE)),
                                    hovertext=[plain(n) for n in group["name"]],
                                    hovertemplate="%{hovertext}<extra></extra>"))
    x_range, y_range = _outline_ranges(shape, points, squeeze, aspect=width_px / height_px)
    hidden = dict(visible=False, showgrid=False, zeroline=False)
    figure.update_layout(
        template=theme.TEMPLATE, height=height_px, margin=dict(l=0, r=0, t=0, b=0), plot_bgcolor="white",
        xaxis={**hidden, "range": x_range, "constrain": "range"},
        yaxis={**hidden, "range": y_range, "scaleanchor": "x", "scaleratio": 1, "constrain": "range"},
        legend=dict(orientation="h", yanchor="bottom", y=0.01, xanchor="left", x=0.01, title_text="Sector"),
    )
    return figure


def _polygon_trace(geojson_texts, squeeze: float, fill: str, line: str, width: float, name: str) -> go.Scatter:
    """Every ring of the geometries as one filled line trace, rings separated by gaps."""
    xs, ys = [], []
    for text in geojson_texts:
        geometry = json.loads(text)
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for ring in (ring for polygon in polygons for ring in polygon):
            xs += [point[0] * squeeze for point in ring] + [None]
            ys += [point[1] for point in ring] + [None]
    return go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=fill, line=dict(color=line, width=width),
                      name=name, showlegend=False, hoverinfo="skip")


def _outline_ranges(shape: pd.DataFrame, points: pd.DataFrame, squeeze: float, aspect: float,
                    padding: float = 2.2) -> tuple[list[float], list[float]]:
    """Axis ranges around the region (padded), widened on one axis to the figure's width/height ratio."""
    if not shape.empty:
        lons, lats = _coordinates(json.loads(shape.iloc[0]["geojson"]))
    elif not points.empty:
        lons, lats = list(points["lon"]), list(points["lat"])
    else:
        lons, lats = [-8.2, 1.8], [49.9, 60.9]
    half_x = max((max(lons) - min(lons)) * squeeze, 0.1) * padding / 2
    half_y = max(max(lats) - min(lats), 0.1) * padding / 2
    half_x, half_y = max(half_x, half_y * aspect), max(half_y, half_x / aspect)
    mid_x, mid_y = (max(lons) + min(lons)) * squeeze / 2, (max(lats) + min(lats)) / 2
    return [mid_x - half_x, mid_x + half_x], [mid_y - half_y, mid_y + half_y]
