"""The map's words: hover text for regions and organisations, and the notes under the map."""

from __future__ import annotations

import html
import math

import pandas as pd

from lpipdata.counts import ORGANISATIONS_BASED
from lpipdata.figures.map.tables import drawn_regions, unplaced_count
from lpipdata.figures.map.view import DRAWN_PHASES, PHASE_LABELS, MapView, measure_definition


def _escape(value) -> str:
    """Data text for plotly labels, which render a subset of HTML: shown literally."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=False)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _region_hover(row, view: MapView) -> str:
    lines = [f"<b>{_escape(row.name)}</b>", _escape(PHASE_LABELS.get(row.lpip_phase, row.lpip_phase)),
             f"{_plural(row.partnerships, 'partnership')} · {ORGANISATIONS_BASED.of(row.organisations)}"]
    if view.measure == "emphasis":
        lines.append(f"{view.emphasis_theme}: {row.theme_links} issue links "
                     f"({row.core_links} core, {row.mentioned_links} mentioned)")
    lines.append("Click the marker for details")
    return "<br>".join(lines)


def _org_hover(row) -> str:
    place = _escape(row.place) if isinstance(row.place, str) else "place not sourced"
    if isinstance(row.location_confidence, str) and row.location_confidence != "sourced":
        place += f" (location {_escape(row.location_confidence)})"
    return "<br>".join([f"<b>{_escape(row.name)}</b>", f"{_escape(row.org_type)} · {_escape(row.sector)} sector",
                        f"{place} · {_escape(row.region_name)}", _plural(row.memberships, "membership")])


# ---------------------------------------------------------------------------------------------- notes

def undrawn_note(measures: pd.DataFrame, shapes: pd.DataFrame | None) -> str | None:
    """Which regions the filters include but the map cannot draw, and why; None when all are drawn."""
    drawn = set(drawn_regions(measures, shapes)["region_id"])
    parts = []
    for row in measures.itertuples():
        if row.region_id in drawn:
            continue
        if row.lpip_phase == "hub":
            why = "hub, whole UK"
        elif row.lpip_phase not in DRAWN_PHASES:
            why = "context region"
        else:
            why = "no boundary"
        parts.append(f"{row.name} – {why}, {_plural(row.partnerships, 'partnership')}")
    if not parts:
        return None
    return "Not drawn on the map: " + "; ".join(parts) + ". They are listed in the regions table."


def map_notes(measures: pd.DataFrame, shapes: pd.DataFrame | None, orgs: pd.DataFrame, view: MapView) -> list[str]:
    """The lines under the map: what the colour means, and what the map leaves out."""
    notes = []
    if shapes is not None and len(shapes):
        notes.append(measure_definition(view))
        notes.append(undrawn_note(measures, shapes))
    unplaced = unplaced_count(orgs)
    if unplaced:
        notes.append(f"{unplaced} of the {ORGANISATIONS_BASED.plural.replace('the region', 'the regions shown')} "
                     f"{'has' if unplaced == 1 else 'have'} no sourced place, so {'it is' if unplaced == 1 else 'they are'} "
                     "in the table only.")
    if len(orgs) and orgs["location_confidence"].eq("inferred").any():
        notes.append("Points are town centres or, for councils and combined authorities, a point inside the "
                     "area they govern; none is an address.")
    return [note for note in notes if note]
