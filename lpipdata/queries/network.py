"""Questions the network view asks: who is a member of which partnership, and one organisation's
or partnership's own record with its sources.

Every function takes the connection first, then hashable values (a `Filters` is frozen).
"""

from __future__ import annotations

import pandas as pd

from lpipdata.db import run
from lpipdata.figures.theme import SCALE_ORDER
from lpipdata.filters import Filters

MEMBERSHIPS = ("filtered_memberships($regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[], "
               "$sectors::VARCHAR[], $year_from, $year_to, $as_of::DATE)")
SCALE_RANK = "coalesce(list_position($scale_order, {col}), 99)"


def memberships(con, filters: Filters) -> pd.DataFrame:
    """Every membership under the filters, one row per (partnership, organisation, role).

    Columns: partnership_id, partnership_name, acronym, scale, partnership_region_id,
    partnership_region_name, org_id, org_name, org_type, sector, org_region_id, org_region_name,
    role, since, until, source_id, source_url, confidence. Sorted, so graphs built from it are
    the same on every run.
    """
    sql = f"""
        SELECT fm.partnership_id, fm.partnership_name, p.acronym, fm.scale, fm.partnership_region_id,
               pr.name AS partnership_region_name,
               fm.org_id, fm.org_name, fm.org_type, fm.sector, fm.org_region_id, orr.name AS org_region_name,
               fm.role, fm.since, fm.until, fm.source_id, fm.source_url, fm.confidence
        FROM {MEMBERSHIPS} fm
        JOIN partnerships p USING (partnership_id)
        LEFT JOIN regions pr ON pr.region_id = fm.partnership_region_id
        LEFT JOIN regions orr ON orr.region_id = fm.org_region_id
        ORDER BY fm.partnership_id, fm.org_id, fm.role
    """
    return run(con, sql, filters.sql_params())


def organisation(con, org_id: str) -> pd.DataFrame:
    """One row (none for an unknown id): org_id, name, org_type, sector, region_id, region_name,
    place, website, confidence, source_title, source_url."""
    sql = """
        SELECT o.org_id, o.name, o.org_type, o.sector, o.region_id, r.name AS region_name, o.place,
               o.website, o.confidence, s.title AS source_title, s.url AS source_url
        FROM organisations o
        LEFT JOIN regions r USING (region_id)
        LEFT JOIN sources s ON s.source_id = o.source_id
        WHERE o.org_id = $org_id
    """
    return run(con, sql, {"org_id": org_id})


def organisation_memberships(con, org_id: str, filters: Filters) -> pd.DataFrame:
    """All of one organisation's memberships, with whether each is in the filtered network.

    Columns: partnership, role, source_url, confidence, scale, region, since, until, in_view,
    partnership_id, region_id (what a reader needs first comes first). Ordered from the
    smallest scale to UK-wide.
    """
    sql = f"""
        WITH shown AS (SELECT partnership_id, role FROM {MEMBERSHIPS} WHERE org_id = $org_id)
        SELECT md.partnership_name AS partnership, md.role, md.source_url, md.confidence, md.scale,
               r.name AS region, md.since, md.until, shown.role IS NOT NULL AS in_view,
               md.partnership_id, md.partnership_region_id AS region_id
        FROM membership_detail md
        LEFT JOIN regions r ON r.region_id = md.partnership_region_id
        LEFT JOIN shown ON shown.partnership_id = md.partnership_id AND shown.role = md.role
        WHERE md.org_id = $org_id
        ORDER BY {SCALE_RANK.format(col='md.scale')}, md.partnership_name, md.role
    """
    return run(con, sql, {**filters.sql_params(), "org_id": org_id, "scale_order": list(SCALE_ORDER)})


def organisation_regions(con, org_id: str) -> pd.DataFrame:
    """The regions an organisation is tied to: its home region and its partnerships' regions.

    Columns: region_id, name, is_home. Home region first, then by name.
    """
    sql = """
        WITH tied AS (
            SELECT region_id, true AS is_home FROM organisations WHERE org_id = $org_id
            UNION ALL
            SELECT partnership_region_id, false FROM membership_detail WHERE org_id = $org_id)
        SELECT t.region_id, r.name, bool_or(t.is_home) AS is_home
        FROM tied t JOIN regions r USING (region_id)
        GROUP BY t.region_id, r.name
        ORDER BY is_home DESC, r.name
    """
    return run(con, sql, {"org_id": org_id})


def partnership(con, partnership_id: str) -> pd.DataFrame:
    """One row (none for an unknown id): partnership_id, name, acronym, scale, governance_form,
    founded, ended, region_id, region_name, confidence, source_title, source_url."""
    sql = """
        SELECT p.partnership_id, p.name, p.acronym, p.scale, p.governance_form, p.founded, p.ended,
               p.region_id, r.name AS region_name, p.confidence, s.title AS source_title, s.url AS source_url
        FROM partnerships p
        LEFT JOIN regions r USING (region_id)
        LEFT JOIN sources s ON s.source_id = p.source_id
        WHERE p.partnership_id = $partnership_id
    """
    return run(con, sql, {"partnership_id": partnership_id})


def partnership_members(con, partnership_id: str, filters: Filters) -> pd.DataFrame:
    """All members of one partnership, with whether each membership is in the filtered network.

    Columns: organisation, role, source_url, confidence, org_type, sector, region, since, until,
    in_view, org_id. Ordered by role then name.
    """
    sql = f"""
        WITH shown AS (SELECT org_id, role FROM {MEMBERSHIPS} WHERE partnership_id = $partnership_id)
        SELECT md.org_name AS organisation, md.role, md.source_url, md.confidence, md.org_type, md.sector,
               r.name AS region, md.since, md.until, shown.role IS NOT NULL AS in_view, md.org_id
        FROM membership_detail md
        LEFT JOIN regions r ON r.region_id = md.org_region_id
        LEFT JOIN shown ON shown.org_id = md.org_id AND shown.role = md.role
        WHERE md.partnership_id = $partnership_id
        ORDER BY md.role, md.org_name
    """
    return run(con, sql, {**filters.sql_params(), "partnership_id": partnership_id})
