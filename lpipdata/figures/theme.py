"""One look for every figure: templates, colour-blind-safe palettes and export settings.

Categorical colours come from Okabe & Ito (2008) and Paul Tol's "muted" scheme, both
designed to stay distinguishable with the common colour-vision deficiencies. The
sequential scale is cividis, which is perceptually uniform and colour-blind safe.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
CATEGORICAL = OKABE_ITO[:7] + TOL_MUTED
SEQUENTIAL = "cividis"
NO_DATA = "#E6E6E6"
OUTLINE = "#5A5A5A"

SECTOR_COLOURS = {"public": "#0072B2", "academic": "#E69F00", "third": "#009E73", "private": "#D55E00",
                  "community": "#CC79A7"}
SCALE_ORDER = ("neighbourhood", "local", "sub-regional", "city-region", "region", "nation", "UK")

TEMPLATE = "lpip"
PRESENT_TEMPLATE = "lpip_present"
EXPORT_WIDTH, EXPORT_HEIGHT = 1920, 1080
# A slide's main figure as plotly lays it out (label placement, map zoom, timeline rows); in the
# browser it is then stretched to the screen below the slide header.
PRESENT_FIGURE_PX = 640


def colour_map(values) -> dict[str, str]:
    """A stable colour per category (sorted, so the same value keeps its colour across pages)."""
    known = {**SECTOR_COLOURS}
    ordered = [v for v in sorted({str(v) for v in values}) if v not in known]
    return {**{v: CATEGORICAL[i % len(CATEGORICAL)] for i, v in enumerate(ordered)},
            **{k: c for k, c in known.items() if k in {str(v) for v in values}}}


def _register() -> None:
    base = go.layout.Template(
        layout=dict(
            font=dict(family="Source Sans Pro, Arial, sans-serif", size=14, color="#1A1A1A"),
            colorway=list(CATEGORICAL),
            paper_bgcolor="white", plot_bgcolor="white",
            margin=dict(l=10, r=10, t=40, b=10),
            hoverlabel=dict(font_size=14),
            legend=dict(bgcolor="rgba(255,255,255,0.85)"),
        )
    )
    pio.templates[TEMPLATE] = base
    present = go.layout.Template(base)
    present.layout.font.size = 22
    present.layout.font.color = "#000000"
    present.layout.hoverlabel.font.size = 20
    present.layout.title.font.size = 30
    pio.templates[PRESENT_TEMPLATE] = present


def template(presenting: bool = False) -> str:
    return PRESENT_TEMPLATE if presenting else TEMPLATE


def chart_config(filename: str) -> dict:
    """plotly config: the modebar PNG button exports at 1920x1080, entirely in the browser."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "width": EXPORT_WIDTH,
                                 "height": EXPORT_HEIGHT, "scale": 1},
    }


_register()
