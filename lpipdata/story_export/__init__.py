"""A storyboard as one self-contained HTML file: for a USB stick and a venue without wifi.

The file holds the slides in order, each with its title, caption, presenter notes (folded) and
the figures its page draws for the slide's filter state, in the presentation template.
plotly.js is inlined once in the head; nothing is fetched from a network, and the arrow keys
step from slide to slide. All text from the story and the data is escaped with html.escape;
figure data travels as JSON that plotly.io escapes for a script element.

MapLibre maps cannot start their worker in a page opened from disk (file://), so map traces
are redrawn here on plain axes (:func:`offline_figure`), as the region brief does.

- figures.py: each view's figures for a slide (FIGURES by page), in the presentation template.
- offline.py: MapLibre map traces redrawn as SVG shapes on plain axes.
- document.py: the HTML document, its style and key script, and export_story.

Callers use the names below as `story_export.X`; the submodules import each other, never this package.
"""

from lpipdata.story_export.document import KEYS_SCRIPT, STYLE, export_story, story_html
from lpipdata.story_export.figures import (
    FIGURES,
    SlideFigures,
    compare_figures,
    for_projector,
    map_figures,
    network_figures,
    region_figures,
    slide_figures,
    timeline_figures,
)
from lpipdata.story_export.offline import MAP_TRACES, offline_figure

__all__ = [
    "FIGURES",
    "KEYS_SCRIPT",
    "MAP_TRACES",
    "STYLE",
    "SlideFigures",
    "compare_figures",
    "export_story",
    "for_projector",
    "map_figures",
    "network_figures",
    "offline_figure",
    "region_figures",
    "slide_figures",
    "story_html",
    "timeline_figures",
]
