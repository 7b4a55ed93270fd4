"""The map: LPIP regions coloured by a measure over optional ONS boundary layers, with selectable points.

Everything is MapLibre (``go.Choroplethmap`` / ``go.Scattermap``) on the ``white-bg`` style, which needs
no tiles, fonts or sprites, so the default map draws with no internet. Only circle markers and no
map text are used for the same reason (text and other symbols would fetch glyphs or sprites).

Streamlit reports clicks on points, not on polygons, so every drawn region also gets a marker at a
point inside its shape. Markers carry ``customdata = [kind, id]`` with kind ``"region"`` or ``"org"``;
:func:`selection_target` reads it back from a Streamlit selection event.

Where things are:

- view.py: :class:`MapView` (what the user chose to see, from the URL), the titles, basemaps, styles and
  sizes for each choice, and what the colour measures (:func:`measure_label`, :func:`measure_definition`).
- tables.py: the regions drawn (:func:`drawn_regions`) and the table alternatives for regions and organisations.
- text.py: hover text, and the notes under the map (:func:`map_notes`, :func:`undrawn_note`).
- traces.py: the plotly traces (boundary layers, the region choropleth and markers, organisation points), their
  colours and sizes, and the GeoJSON they draw (:func:`feature_collection`).
- here: :func:`map_figure`, which puts those together, and :func:`selection_target`.

Geometry arrives as GeoJSON text from the build. It is parsed once per process into rings held as
numpy arrays: plotly deep-copies trace properties several times per figure, and copying one array
per ring instead of one list per vertex makes a UK-wide map about 30x cheaper to build and send.

Callers use the names below as ``figures.X``; the submodules import each other, never this package.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from lpipdata.figures import theme
from lpipdata.figures.map.tables import drawn_regions, organisation_table, region_table, unplaced_count
from lpipdata.figures.map.text import map_notes, undrawn_note
from lpipdata.figures.map.traces import (_layer_trace, _organisation_traces, _region_choropleth,
                                         _region_marker_traces, _selected_outline, feature_collection)
from lpipdata.figures.map.view import (ATTRIBUTION, BASEMAPS, COLOUR_BY_TITLES, HALO_POINTS, LAYER_TITLES, MAP_HEIGHT,
                                       MEASURE_TITLES, OGL_URL, PHASE_LABELS, SIZE_BY_TITLES, TILE_ATTRIBUTION,
                                       UK_VIEW, MapView, measure_column, measure_definition)

__all__ = ["ATTRIBUTION", "BASEMAPS", "COLOUR_BY_TITLES", "HALO_POINTS", "LAYER_TITLES", "MEASURE_TITLES", "OGL_URL",
           "PHASE_LABELS", "SIZE_BY_TITLES", "TILE_ATTRIBUTION", "MapView", "drawn_regions", "feature_collection",
           "map_figure", "map_notes", "measure_column", "measure_definition", "organisation_table", "region_table",
           "selection_target", "undrawn_note", "unplaced_count"]


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


def selection_target(points: Sequence[Mapping]) -> tuple[str, str] | None:
    """(kind, id) of the first selected marker in a Streamlit selection event, or None."""
    for point in points or ():
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and len(data) == 2 and data[0] in ("region", "org") and data[1]:
            return str(data[0]), str(data[1])
    return None
