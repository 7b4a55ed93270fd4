"""Boundary layers (ITL1 regions, local authority districts, combined authorities) for the atlas.

Public entry points:
- `load_layer`, `available_layers`, `missing_layers`, `check_codes` (layers.py): read and validate
  the GeoJSON layers in the boundary folder (settings().geo_dir, LPIP_GEO_DIR).
- `boundary_tables` (tables.py): the precomputed tables the database build stores, so the app
  does no geometry work.
- `process_topojson` (process.py) and `fetch` (fetch.py): rebuild the layers from the pinned
  upstream TopoJSON; `python -m lpipdata geo fetch` (cli.py) is the command-line front end.

Nothing in this package imports streamlit.
"""

from __future__ import annotations


class GeoError(ValueError):
    """A boundary file or boundary source is missing or wrong; the message says which and how to fix it."""


# Imported after GeoError is defined because the submodules import it from here.
from lpipdata.geo.layers import LAYERS, available_layers, check_codes, load_layer, missing_layers  # noqa: E402
from lpipdata.geo.tables import boundary_tables  # noqa: E402

__all__ = [
    "GeoError",
    "LAYERS",
    "available_layers",
    "boundary_tables",
    "check_codes",
    "load_layer",
    "missing_layers",
]
