"""MapLibre maps on plain axes: a page opened from disk (file://) cannot start MapLibre's
worker, so map traces are redrawn as SVG shapes, as the region brief does."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from plotly.colors import sample_colorscale

MAP_TRACES = ("choroplethmap", "scattermap")


# --------------------------------------------------------------------------- maps on plain axes

def offline_figure(figure: go.Figure) -> go.Figure:
    """`figure` with MapLibre traces redrawn as SVG shapes on plain axes; other figures unchanged.

    Longitude is scaled by the cosine of the map's central latitude, which keeps shapes true
    at UK scale (the same projection as the region brief's outline map).
    """
    if not any(trace.type in MAP_TRACES for trace in figure.data):
        return figure
    centre = figure.layout.map.center.lat if figure.layout.map.center.lat is not None else 54.5
    squeeze = math.cos(math.radians(centre))
    redrawn = go.Figure(layout=figure.layout)
    redrawn.layout.map = None
    for trace in figure.data:
        redrawn.add_traces(_plain_traces(trace, squeeze))
    hidden = dict(visible=False, showgrid=False, zeroline=False)
    return redrawn.update_layout(xaxis=hidden, yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1},
                                 plot_bgcolor="white", dragmode="pan")


def _plain_traces(trace, squeeze: float) -> list:
    if trace.type == "choroplethmap":
        return _choropleth_shapes(trace, squeeze)
    if trace.type == "scattermap":
        return [_plain_points(trace, squeeze)]
    return [trace]


def _plain_points(trace, squeeze: float) -> go.Scatter:
    marker = trace.marker
    return go.Scatter(
        x=[lon * squeeze if lon is not None else None for lon in trace.lon], y=list(trace.lat),
        mode=trace.mode or "markers", marker=dict(size=marker.size, color=marker.color, opacity=marker.opacity),
        text=trace.text, hovertext=trace.hovertext, hovertemplate=trace.hovertemplate, hoverinfo=trace.hoverinfo,
        name=trace.name, showlegend=trace.showlegend, legendgroup=trace.legendgroup, legendrank=trace.legendrank,
        legendgrouptitle=trace.legendgrouptitle.to_plotly_json(), textposition=trace.textposition,
        textfont=trace.textfont.to_plotly_json(),
    )


def _choropleth_shapes(trace, squeeze: float) -> list[go.Scatter]:
    """One filled shape per feature, coloured as the choropleth colours it, plus its colour bar."""
    key = (trace.featureidkey or "id").split(".")
    features = {str(_dig(feature, key)): feature for feature in trace.geojson["features"]}
    colours = _fill_colours(trace)
    texts = list(trace.text) if trace.text is not None else [None] * len(trace.locations)
    shapes = []
    for location, colour, text in zip(trace.locations, colours, texts):
        feature = features.get(str(location))
        if feature is None:
            continue
        xs, ys = _rings(feature["geometry"], squeeze)
        skip = trace.hoverinfo == "skip" or text is None
        shapes.append(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour, opacity=trace.marker.opacity,
            line=dict(color=trace.marker.line.color, width=trace.marker.line.width), name=trace.name,
            showlegend=False, hoveron="fills", hoverinfo="skip" if skip else "text", text=None if skip else text,
        ))
    if trace.showscale is not False and trace.z is not None and len(trace.z):
        shapes.append(_colour_bar(trace))
    return shapes


def _dig(feature: Mapping, path: Sequence[str]):
    for part in path:
        feature = feature.get(part) if isinstance(feature, Mapping) else None
    return feature


def _fill_colours(trace) -> list[str]:
    scale = [list(step) for step in trace.colorscale]
    if len({colour for _, colour in scale}) == 1:  # a one-colour layer (outlines, context)
        return [scale[0][1]] * len(trace.locations)
    values = [float(v) for v in trace.z]
    low = trace.zmin if trace.zmin is not None else min(values)
    high = trace.zmax if trace.zmax is not None else max(values)
    span = (high - low) or 1.0
    return sample_colorscale(scale, [min(1.0, max(0.0, (v - low) / span)) for v in values])


def _colour_bar(trace) -> go.Scatter:
    """An invisible point that carries the choropleth's colour bar."""
    values = [float(v) for v in trace.z]
    return go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                      marker=dict(colorscale=trace.colorscale, cmin=trace.zmin if trace.zmin is not None else min(values),
                                  cmax=trace.zmax if trace.zmax is not None else max(values), color=[values[0]],
                                  showscale=True, colorbar=trace.colorbar.to_plotly_json()))


def _rings(geometry: Mapping, squeeze: float) -> tuple[list, list]:
    """Every ring of a (multi)polygon as one line, rings separated by gaps (each is filled on its own)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs, ys = [], []
    for ring in (ring for polygon in polygons for ring in polygon):
        xs += [float(point[0]) * squeeze for point in ring] + [None]
        ys += [float(point[1]) for point in ring] + [None]
    return xs, ys
