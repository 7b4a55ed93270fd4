"""Questions the multilevel view asks: which partnerships sit on which level of the ladder of scales,
which organisations they share across levels, on one day or on many, and the records behind a click.

The read models are in lpipdata/sql/70_multilevel.sql. Functions that take `days` answer for each
day in the tuple at once (None: everything recorded, whatever its dates), so a playback's years cost
one query. Every function takes the connection first, then hashable values (a `Filters` is frozen).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lpipdata.db import run
from lpipdata.filters import Filters

ARGS = "$regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[], $sectors::VARCHAR[], $year_from, $year_to"
Days = tuple[date | None, ...]


def _params(filters: Filters, **extra) -> dict:
    return {**filters.sql_params(), **extra}


def levels(con) -> pd.DataFrame:
    """The ladder's rungs: every scale of the schema with its level (1 = neighbourhood), lowest first.

    Columns: scale, level.
    """
    return run(con, "SELECT scale, level FROM scale_levels ORDER BY level")


def partnerships(con, filters: Filters) -> pd.DataFrame:
    """Every partnership the filters keep, whatever its dates (the as-of day is not applied): the
    ladder's places are set from these once, so nothing moves while the years play.

    Columns: partnership_id, name, acronym, scale, level (NULL for a scale the schema does not list),
    region_id, region_name, governance_form, founded, ended (partial-date text), founded_first,
    ended_last (dates), confidence, source_id, source_title, source_url. Ordered by region, level,
    founding (undated last) and name.
    """
    sql = f"""
        SELECT * FROM ladder_partnerships({ARGS})
        ORDER BY region_id, level NULLS LAST, founded_first NULLS LAST, name, partnership_id
    """
    return run(con, sql, _params(filters))


def partnerships_on(con, filters: Filters, days: Days) -> pd.DataFrame:
    """The partnerships active on each day, with how many member organisations each has then.

    Columns: day, partnership_id, members. A None day counts every recorded membership.
    """
    sql = f"""
        WITH members AS (
            SELECT d.day, m.partnership_id, count(DISTINCT m.org_id) AS members
            FROM ladder_memberships({ARGS}) m, (SELECT unnest($days::DATE[]) AS day) d
            WHERE active_on(m.held_from, m.held_to, d.day)
            GROUP BY ALL
        )
        SELECT p.day, p.partnership_id, coalesce(members.members, 0) AS members
        FROM ladder_partnerships_on({ARGS}, $days::DATE[]) p
        LEFT JOIN members ON members.partnership_id = p.partnership_id AND members.day IS NOT DISTINCT FROM p.day
        ORDER BY p.day NULLS FIRST, p.partnership_id
    """
    return run(con, sql, _params(filters, days=list(days)))


def ties_on(con, filters: Filters, days: Days) -> pd.DataFrame:
    """Cross-level ties on each day: an organisation in two partnerships on different levels.

    Columns: day, lower_id, upper_id, lower_level, upper_level, lower_region_id, upper_region_id,
    org_id, org_name. One row per tie; a link is a (lower_id, upper_id) pair.
    """
    sql = f"""
        SELECT t.*, o.name AS org_name
        FROM cross_level_ties({ARGS}, $days::DATE[]) t
        JOIN organisations o ON o.org_id = t.org_id
        ORDER BY t.day NULLS FIRST, t.lower_id, t.upper_id, o.name, t.org_id
    """
    return run(con, sql, _params(filters, days=list(days)))


def changes(con, filters: Filters, days: Days) -> pd.DataFrame:
    """For each day, a fingerprint of what stood on it: the active partnerships and the memberships
    held (so the cross-level ties too, which follow from them). Two days with the same fingerprint
    draw the same ladder, network and map.

    Columns: day, partnerships, memberships, fingerprint (a number; equal sets give equal numbers).
    """
    sql = f"""
        WITH d AS (SELECT unnest($days::DATE[]) AS day),
        p AS (SELECT day, count(*) AS n, sum(hash(partnership_id)) AS h
              FROM ladder_partnerships_on({ARGS}, $days::DATE[]) GROUP BY day),
        m AS (SELECT d.day, count(*) AS n, sum(hash(m.partnership_id || '|' || m.org_id || '|' || m.role)) AS h
              FROM ladder_memberships({ARGS}) m, d
              WHERE active_on(m.held_from, m.held_to, d.day) GROUP BY d.day)
        SELECT d.day, coalesce(p.n, 0) AS partnerships, coalesce(m.n, 0) AS memberships,
               hash(coalesce(p.h, 0)::VARCHAR || '/' || coalesce(m.h, 0)::VARCHAR) AS fingerprint
        FROM d LEFT JOIN p ON p.day = d.day LEFT JOIN m ON m.day = d.day
        ORDER BY d.day
    """
    return run(con, sql, _params(filters, days=list(days)))


def first_start(con, filters: Filters) -> date | None:
    """The earliest day any partnership the filters keep was founded (None when none is dated)."""
    sql = f"SELECT min(founded_first) AS first FROM ladder_partnerships({ARGS})"
    first = run(con, sql, _params(filters))["first"].iloc[0]
    return None if pd.isna(first) else pd.Timestamp(first).date()


def shared_members(con, lower_id: str, upper_id: str) -> pd.DataFrame:
    """The organisations two partnerships share, with the role, dates and source of each membership.

    Columns: org_id, org_name, sector, lower_role, lower_since, lower_until, lower_confidence,
    lower_source_url, upper_role, upper_since, upper_until, upper_confidence, upper_source_url.
    One row per organisation (several roles in one partnership are joined with '; ').
    """
    sql = """
        WITH side AS (
            SELECT partnership_id, org_id, any_value(org_name) AS org_name, any_value(sector) AS sector,
                   string_agg(DISTINCT role, '; ' ORDER BY role) AS role,
                   string_agg(DISTINCT since, '; ' ORDER BY since) AS since,
                   string_agg(DISTINCT until, '; ' ORDER BY until) AS until,
                   string_agg(DISTINCT confidence, '; ' ORDER BY confidence) AS confidence,
                   first(source_url ORDER BY source_url NULLS LAST) AS source_url
            FROM membership_detail
            WHERE partnership_id IN ($lower_id, $upper_id)
            GROUP BY partnership_id, org_id
        )
        SELECT lo.org_id, lo.org_name, lo.sector,
               lo.role AS lower_role, lo.since AS lower_since, lo.until AS lower_until,
               lo.confidence AS lower_confidence, lo.source_url AS lower_source_url,
               hi.role AS upper_role, hi.since AS upper_since, hi.until AS upper_until,
               hi.confidence AS upper_confidence, hi.source_url AS upper_source_url
        FROM side lo JOIN side hi ON hi.org_id = lo.org_id
        WHERE lo.partnership_id = $lower_id AND hi.partnership_id = $upper_id
        ORDER BY lo.org_name, lo.org_id
    """
    return run(con, sql, {"lower_id": lower_id, "upper_id": upper_id})
