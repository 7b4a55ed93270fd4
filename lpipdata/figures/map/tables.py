"""The table alternatives to the map: the regions it colours (and which of them it draws), and the
organisation points."""

from __future__ import annotations

import pandas as pd

from lpipdata.counts import ORGANISATIONS_BASED
from lpipdata.figures.map.view import DRAWN_PHASES, PHASE_LABELS, MapView


def drawn_regions(measures: pd.DataFrame, shapes: pd.DataFrame) -> pd.DataFrame:
    """Regions drawn on the map: LPIP places that have a shape, largest first (smaller ones on top)."""
    if shapes is None or shapes.empty:
        return measures.iloc[0:0].assign(geojson=[], centroid_lat=[], centroid_lon=[], area_km2=[])
    lpip = measures[measures["lpip_phase"].isin(DRAWN_PHASES)]
    merged = lpip.merge(shapes, on="region_id", how="inner")
    return merged.sort_values(["area_km2", "region_id"], ascending=[False, True]).reset_index(drop=True)


def region_table(measures: pd.DataFrame, shapes: pd.DataFrame | None, view: MapView) -> pd.DataFrame:
    """The table alternative for regions: what the map colours, plus where each region's facts come from."""
    drawn = set(drawn_regions(measures, shapes)["region_id"])
    table = pd.DataFrame({
        "region": measures["name"],
        "region_id": measures["region_id"],
        "LPIP phase": measures["lpip_phase"].map(PHASE_LABELS).fillna(measures["lpip_phase"]),
        "on map": measures["region_id"].map(lambda r: "yes" if r in drawn else "no"),
        "partnerships": measures["partnerships"],
        ORGANISATIONS_BASED.plural: measures["organisations"],
    })
    if view.measure == "emphasis":
        table[f"issue links: {view.emphasis_theme}"] = measures["theme_links"]
        table["core links"] = measures["core_links"]
        table["mentioned links"] = measures["mentioned_links"]
    table["lead organisation"] = measures["lead_org_name"]
    table["confidence"] = measures["confidence"]
    table["source"] = measures["source_url"]
    return table.reset_index(drop=True)


def organisation_table(orgs: pd.DataFrame) -> pd.DataFrame:
    """The table alternative for organisation points, with coordinates and source links."""
    return pd.DataFrame({
        "organisation": orgs["name"], "org_id": orgs["org_id"], "type": orgs["org_type"], "sector": orgs["sector"],
        "region": orgs["region_name"], "place": orgs["place"], "lat": orgs["lat"], "lon": orgs["lon"],
        "location confidence": orgs["location_confidence"], "memberships": orgs["memberships"],
        "confidence": orgs["confidence"], "source": orgs["source_url"],
    }).reset_index(drop=True)


def unplaced_count(orgs: pd.DataFrame) -> int:
    """Organisations without coordinates: listed in the table, not drawn."""
    return int((orgs["lat"].isna() | orgs["lon"].isna()).sum()) if len(orgs) else 0
