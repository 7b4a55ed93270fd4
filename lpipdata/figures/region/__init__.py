"""Figures for the region profile: a map inset, a mini timeline and a network excerpt.

Pure functions from the query frames in :mod:`lpipdata.queries.region` to plotly figures.
Plotly reads a small HTML subset in text and hover labels, so every piece of data text
passes through :func:`plain` first and shows literally.

- text.py: :func:`plain`, :func:`short_name` and :func:`scale_colours`, which every figure here uses.
- maps.py: the map inset (MapLibre, no tiles) and the view that fits it (:func:`fit_zoom`).
- outline.py: the same inset as SVG polygons (:func:`outline_map`), for the offline brief.
- timeline.py: the mini timeline of partnership lifespans and the region's events.
- network.py: the network excerpt of the most connected organisations and their partnerships.

Callers use the names below as ``figures.X``; the submodules import each other, never this package.
"""

from __future__ import annotations

from lpipdata.figures.region.maps import (CONTEXT_FILL, CONTEXT_LINE, MAPLIBRE_TILE_PX, REGION_FILL, UK_CENTRE,
                                          UK_ZOOM, feature_collection, fit_zoom, map_inset)
from lpipdata.figures.region.network import (EXCERPT_ORGANISATIONS, LAYOUT_SEED, component_layout, excerpt_graph,
                                             network_excerpt)
from lpipdata.figures.region.outline import outline_map
from lpipdata.figures.region.text import LABEL_LIMIT, plain, scale_colours, short_name
from lpipdata.figures.region.timeline import MINI_TIMELINE_ROWS, mini_timeline, mini_timeline_note

__all__ = ["CONTEXT_FILL", "CONTEXT_LINE", "EXCERPT_ORGANISATIONS", "LABEL_LIMIT", "LAYOUT_SEED", "MAPLIBRE_TILE_PX",
           "MINI_TIMELINE_ROWS", "REGION_FILL", "UK_CENTRE", "UK_ZOOM", "component_layout", "excerpt_graph",
           "feature_collection", "fit_zoom", "map_inset", "mini_timeline", "mini_timeline_note", "network_excerpt",
           "outline_map", "plain", "scale_colours", "short_name"]
