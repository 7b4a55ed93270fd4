"""What the map shows: :class:`MapView` (the user's choices), the titles and styles for each choice, and
the words for what the colour measures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lpipdata.counts import ORGANISATIONS_BASED
from lpipdata.filters import Filters

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
MEASURE_TITLES = {"partnerships": "Partnerships", "organisations": ORGANISATIONS_BASED.label(),
                  "emphasis": "Issue emphasis"}
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

    @classmethod
    def from_options(cls, filters: Filters, options: Mapping[str, str], default_theme: str,
                     available_layers: Sequence[str], presenting: bool) -> MapView:
        """The view a URL asks for (validated options); unset ones take the defaults above, the
        emphasis theme the first theme filtered on, and only layers the database has are kept."""
        layers = options.get("layers", ",".join(cls.layers))
        return cls(measure=options.get("measure", cls.measure),
                   emphasis_theme=options.get("emphasis") or (filters.themes[0] if filters.themes else default_theme),
                   layers=tuple(layer for layer in layers.split(",") if layer in available_layers),
                   colour_by=options.get("colour", cls.colour_by), size_by=options.get("size", cls.size_by),
                   basemap=options.get("basemap", cls.basemap), presenting=presenting,
                   selected_region=filters.region, selected_org=filters.org)


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
