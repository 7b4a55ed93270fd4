"""Questions the map page asks.

Geometry comes precomputed from the build (tables ``boundaries`` and ``region_shapes``, made by
lpipdata.geo): these functions return GeoJSON text, and the figure builder assembles it. A database
built without boundary files has neither table; :func:`boundary_status` says so and the page shows
organisation points only.
"""

from __future__ import annotations

import pandas as pd

from lpipdata.db import run
from lpipdata.filters import Filters

# The boundary layers the build stores (boundaries.layer), in drawing order.
LAYERS = ("itl1", "lad", "cauth")
MEASURES = ("partnerships", "organisations", "emphasis")

_FILTERED_PARTNERSHIPS = """filtered_partnerships($regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[],
                                                   $year_from, $year_to, $as_of::DATE)"""
# Memberships of matching partnerships anywhere: an organisation's own region decides where it is counted.
_FILTERED_MEMBERSHIPS = """filtered_memberships([]::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[],
                                                $sectors::VARCHAR[], $year_from, $year_to, $as_of::DATE)"""
# Organisations shown: based in a chosen region and of a chosen sector; once a partnership filter (theme,
# scale, period, as-of) is set, only those with a membership in a matching partnership.
_SHOWN_ORGANISATIONS = f"""
    SELECT o.* FROM filtered_organisations($regions::VARCHAR[], $sectors::VARCHAR[]) o
    WHERE NOT $partnership_filters OR o.org_id IN (SELECT org_id FROM {_FILTERED_MEMBERSHIPS})
"""


def _params(filters: Filters, **extra) -> dict:
    partnership_filters = bool(filters.themes or filters.scales or filters.year_from or filters.year_to
                               or filters.as_of)
    return {**filters.sql_params(), "partnership_filters": partnership_filters, **extra}


def boundary_status(con) -> dict:
    """Whether the build stored boundaries: {'has_boundaries': bool, 'layers': tuple of stored layers}."""
    meta = run(con, "SELECT value FROM meta WHERE key = $key", {"key": "has_boundaries"})
    tables = set(run(con, "SELECT table_name FROM duckdb_tables() WHERE table_name IN ('boundaries', 'region_shapes')")
                 ["table_name"])
    has = (not meta.empty and meta.iloc[0, 0] == "yes") and tables == {"boundaries", "region_shapes"}
    if not has:
        return {"has_boundaries": False, "layers": ()}
    stored = set(run(con, "SELECT DISTINCT layer FROM boundaries")["layer"])
    return {"has_boundaries": True, "layers": tuple(layer for layer in LAYERS if layer in stored)}


def layer_geometries(con, layer: str) -> pd.DataFrame:
    """One boundary layer's features. Columns: code, name, region_code, geojson (geometry as GeoJSON text)."""
    return run(con, "SELECT code, name, region_code, geojson FROM boundaries WHERE layer = $layer ORDER BY code",
               {"layer": layer})


def region_geometries(con) -> pd.DataFrame:
    """Each region's outline (the union of its region_areas), largest first so smaller regions draw on top.

    Columns: region_id, geojson, centroid_lat, centroid_lon (a point inside the shape), area_km2.
    """
    return run(con, """SELECT region_id, geojson, centroid_lat, centroid_lon, area_km2
                       FROM region_shapes ORDER BY area_km2 DESC, region_id""")


def region_measures(con, filters: Filters, emphasis_theme: str) -> pd.DataFrame:
    """One row per region the region filter allows, with the three map measures.

    - partnerships: partnerships based in the region that match the filters.
    - organisations: organisations based in the region (sector filter applies; with a theme, scale,
      period or as-of filter, only those with a membership in a matching partnership).
    - theme_links = core_links + mentioned_links: the region's issue links in `emphasis_theme`, i.e. its
      region_issues in that theme plus the partnership_issues of its matching partnerships in that theme.

    Columns: region_id, name, nation, lpip_name, lpip_phase, lead_org_id, lead_org_name, summary,
    core_themes, partnerships, organisations, theme_links, core_links, mentioned_links, source_url, confidence.
    """
    sql = f"""
        WITH fp AS (SELECT partnership_id, region_id FROM {_FILTERED_PARTNERSHIPS}),
        shown AS ({_SHOWN_ORGANISATIONS}),
        links AS (
            SELECT ri.region_id, ri.emphasis FROM region_issues ri JOIN issues i USING (issue_id)
            WHERE i.theme = $emphasis_theme
            UNION ALL
            SELECT fp.region_id, pi.emphasis FROM partnership_issues pi JOIN issues i USING (issue_id)
            JOIN fp USING (partnership_id)
            WHERE i.theme = $emphasis_theme)
        SELECT rs.region_id, rs.name, rs.nation, rs.lpip_name, rs.lpip_phase, rs.lead_org_id, rs.lead_org_name,
               rs.summary, rs.core_themes,
               (SELECT count(*) FROM fp WHERE fp.region_id = rs.region_id) AS partnerships,
               (SELECT count(*) FROM shown WHERE shown.region_id = rs.region_id) AS organisations,
               (SELECT count(*) FROM links WHERE links.region_id = rs.region_id) AS theme_links,
               (SELECT count(*) FROM links WHERE links.region_id = rs.region_id AND emphasis = 'core') AS core_links,
               (SELECT count(*) FROM links WHERE links.region_id = rs.region_id AND emphasis = 'mentioned')
                   AS mentioned_links,
               s.url AS source_url, rs.confidence
        FROM region_summary rs LEFT JOIN sources s USING (source_id)
        WHERE picked($regions::VARCHAR[], rs.region_id)
        ORDER BY CASE rs.lpip_phase WHEN '1 and 2' THEN 0 WHEN '1' THEN 1 WHEN 'hub' THEN 2 ELSE 3 END, rs.name
    """
    frame = run(con, sql, _params(filters, emphasis_theme=emphasis_theme))
    counts = ["partnerships", "organisations", "theme_links", "core_links", "mentioned_links"]
    return frame.astype({column: "int64" for column in counts})


def organisation_points(con, filters: Filters) -> pd.DataFrame:
    """The organisations the filters show (see region_measures), with coordinates where known.

    memberships counts their memberships of partnerships that match the filters (anywhere).
    Columns: org_id, name, org_type, sector, region_id, region_name, place, lat, lon, location_confidence,
    website, memberships, source_url, confidence. lat/lon are empty when no place is sourced.
    """
    sql = f"""
        WITH shown AS ({_SHOWN_ORGANISATIONS}),
        m AS (SELECT org_id, count(*) AS memberships FROM {_FILTERED_MEMBERSHIPS} GROUP BY org_id)
        SELECT o.org_id, o.name, o.org_type, o.sector, o.region_id, r.name AS region_name, o.place, o.lat, o.lon,
               o.location_confidence, o.website, coalesce(m.memberships, 0) AS memberships,
               s.url AS source_url, o.confidence
        FROM shown o
        JOIN regions r USING (region_id)
        LEFT JOIN m USING (org_id)
        LEFT JOIN sources s ON s.source_id = o.source_id
        ORDER BY o.name, o.org_id
    """
    frame = run(con, sql, _params(filters))
    return frame.astype({"memberships": "int64", "lat": "float64", "lon": "float64"})


def region_partnerships(con, region_id: str, filters: Filters) -> pd.DataFrame:
    """Partnerships based in `region_id` that match the filters (the region filter itself is set aside).

    Columns: partnership_id, name, acronym, scale, founded, ended, members, source_url, confidence.
    """
    sql = f"""
        SELECT p.partnership_id, p.name, p.acronym, p.scale, p.founded, p.ended,
               (SELECT count(DISTINCT m.org_id) FROM memberships m WHERE m.partnership_id = p.partnership_id)
                   AS members,
               s.url AS source_url, p.confidence
        FROM {_FILTERED_PARTNERSHIPS} p LEFT JOIN sources s USING (source_id)
        ORDER BY p.founded_first NULLS LAST, p.name
    """
    frame = run(con, sql, {**filters.sql_params(), "regions": [region_id]})
    return frame.astype({"members": "int64"})


def region_issue_links(con, region_id: str) -> pd.DataFrame:
    """The issues recorded for a region, core first. Columns: issue, theme, emphasis, detail, source_url, confidence."""
    return run(con, """
        SELECT i.name AS issue, i.theme, ri.emphasis, ri.detail, s.url AS source_url, ri.confidence
        FROM region_issues ri JOIN issues i USING (issue_id) LEFT JOIN sources s ON s.source_id = ri.source_id
        WHERE ri.region_id = $region_id
        ORDER BY CASE ri.emphasis WHEN 'core' THEN 0 ELSE 1 END, i.theme, i.name
    """, {"region_id": region_id})


def organisation_detail(con, org_id: str) -> dict | None:
    """One organisation, or None when there is no such organisation in this build.

    Keys: org_id, name, org_type, sector, region_id, region_name, place, location_confidence, website,
    source_url, confidence, note.
    """
    frame = run(con, """
        SELECT o.org_id, o.name, o.org_type, o.sector, o.region_id, r.name AS region_name, o.place,
               o.location_confidence, o.website, s.url AS source_url, o.confidence, o.note
        FROM organisations o JOIN regions r USING (region_id) LEFT JOIN sources s ON s.source_id = o.source_id
        WHERE o.org_id = $org_id
    """, {"org_id": org_id})
    if frame.empty:
        return None
    return {key: (None if pd.isna(value) else value) for key, value in frame.iloc[0].items()}


def organisation_memberships(con, org_id: str) -> pd.DataFrame:
    """Every membership of an organisation on record (filters not applied), earliest first.

    Columns: partnership_id, partnership, scale, region, role, since, until, source_url, confidence.
    """
    return run(con, """
        SELECT md.partnership_id, md.partnership_name AS partnership, md.scale, r.name AS region, md.role,
               md.since, md.until, md.source_url, md.confidence
        FROM membership_detail md JOIN regions r ON r.region_id = md.partnership_region_id
        WHERE md.org_id = $org_id
        ORDER BY coalesce(md.since_first, md.founded_first) NULLS LAST, md.partnership_name, md.role
    """, {"org_id": org_id})
