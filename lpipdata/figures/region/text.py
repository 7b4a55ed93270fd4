"""Text and colour helpers the region profile's figures share.

Plotly reads a small HTML subset in text and hover labels, so every piece of data text
passes through :func:`plain` first and shows literally.
"""

from __future__ import annotations

import html
import math

from lpipdata.figures import theme

LABEL_LIMIT = 28


def plain(text: object, limit: int | None = None) -> str:
    """Data text safe for plotly labels: shortened (before escaping, so no entity is cut) then escaped."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    value = str(text)
    if limit and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return html.escape(value, quote=False)


def scale_colours() -> dict[str, str]:
    """One colour per partnership scale, stable across figures because every scale is always passed."""
    return theme.colour_map(theme.SCALE_ORDER)


def short_name(acronym: object, name: object) -> str:
    """A partnership's acronym when it has one, else its name."""
    return acronym if isinstance(acronym, str) and acronym else str(name)
