"""Questions the timeline asks: which partnerships ran when, and what happened when.

The timeline draws the whole history and marks the "as of" day with a line, so its
queries do not drop partnerships inactive on that day: they flag them
(``active_on_as_of``) for the figure to fade. Every other shared filter applies as on the
other views: regions, themes and scales through ``filtered_partnerships``, the period as
an overlap, and sectors as "has a member organisation in one of these sectors".

Dates come back both as the partial-date text the source gave (``founded``: '2017',
'2024-02', '2014-04-01') and as the first and last day it can mean (``founded_first``,
``founded_last``), so the figure can draw honest spans and labels keep their precision.
"""

from __future__ import annotations

import pandas as pd

from lpipdata.db import run
from lpipdata.filters import Filters

# Partnerships passing the shared filters except "as of" (the timeline marks it instead).
SHOWN_PARTNERSHIPS = """
    shown AS (
        SELECT fp.partnership_id
        FROM filtered_partnerships($regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[],
                                   $year_from, $year_to, NULL::DATE) fp
        WHERE len($sectors::VARCHAR[]) = 0 OR fp.partnership_id IN (
            SELECT md.partnership_id FROM membership_detail md WHERE list_contains($sectors::VARCHAR[], md.sector))
    )
"""

# All themes of a partnership, and one to colour it by: a core theme before a mentioned one.
PARTNERSHIP_THEMES = """
    themes AS (
        SELECT pi.partnership_id,
               string_agg(DISTINCT i.theme, ', ' ORDER BY i.theme) AS themes,
               first(i.theme ORDER BY pi.emphasis <> 'core', i.theme) AS primary_theme
        FROM partnership_issues pi JOIN issues i ON i.issue_id = pi.issue_id
        GROUP BY pi.partnership_id
    )
"""

PARTNERSHIP_COLUMNS = """
    p.partnership_id, p.name, p.acronym, p.scale, p.governance_form, p.region_id, r.name AS region_name,
    p.founded, p.founded_as, p.ended, p.founded_first, p.founded_last, p.ended_first, p.ended_last,
    t.themes, coalesce(t.primary_theme, 'no theme recorded') AS primary_theme,
    p.summary, p.website, p.confidence, p.note, p.source_id, s.title AS source_title, s.url AS source_url
"""

PARTNERSHIP_JOINS = """
    JOIN regions r ON r.region_id = p.region_id
    LEFT JOIN sources s ON s.source_id = p.source_id
    LEFT JOIN themes t ON t.partnership_id = p.partnership_id
"""

EVENT_COLUMNS = """
    e.event_id, e.date, e.end_date, e.date_first, e.date_last, e.end_date_first, e.end_date_last,
    e.title, e.kind, e.region_id, r.name AS region_name,
    e.partnership_id, p.name AS partnership_name, p.acronym AS partnership_acronym, p.scale,
    e.org_id, o.name AS org_name, e.confidence, e.note, e.source_id, s.title AS source_title, s.url AS source_url
"""

EVENT_JOINS = """
    JOIN regions r ON r.region_id = e.region_id
    LEFT JOIN partnerships p ON p.partnership_id = e.partnership_id
    LEFT JOIN organisations o ON o.org_id = e.org_id
    LEFT JOIN sources s ON s.source_id = e.source_id
"""


def partnership_bars(con, filters: Filters) -> pd.DataFrame:
    """Partnerships matching the filters (as-of excepted), earliest founded first, undated last.

    Columns: partnership_id, name, acronym, scale, governance_form, region_id, region_name,
    founded, founded_as (the milestone founded marks), ended (partial-date text), founded_first,
    founded_last, ended_first, ended_last
    (dates), themes ('net zero, water'), primary_theme, summary, website, confidence, note,
    source_id, source_title, source_url, and active_on_as_of (True/False, or None without an
    as-of date; an unknown start is not counted as active).
    """
    sql = f"""
        WITH {SHOWN_PARTNERSHIPS}, {PARTNERSHIP_THEMES}
        SELECT {PARTNERSHIP_COLUMNS},
               CASE WHEN $as_of::DATE IS NULL THEN NULL
                    ELSE active_on(p.founded_first, p.ended_last, $as_of::DATE) END AS active_on_as_of
        FROM partnerships p JOIN shown ON shown.partnership_id = p.partnership_id
        {PARTNERSHIP_JOINS}
        ORDER BY p.founded_first NULLS LAST, p.name
    """
    return run(con, sql, filters.sql_params())


def timeline_events(con, filters: Filters) -> pd.DataFrame:
    """Dated events matching the filters, in date order.

    An event tied to a partnership is kept when that partnership is on the timeline; an
    event tied to none (e.g. a national white paper) is kept only while no theme, scale or
    sector is chosen, since those describe partnerships. The region filter uses the event's
    own region; the period keeps events that overlap it.

    Columns: event_id, date, end_date (partial-date text), date_first, date_last,
    end_date_first, end_date_last (dates), title, kind, region_id, region_name,
    partnership_id, partnership_name, partnership_acronym, scale, org_id, org_name,
    confidence, note, source_id, source_title, source_url.
    """
    sql = f"""
        WITH {SHOWN_PARTNERSHIPS}
        SELECT {EVENT_COLUMNS}
        FROM events e {EVENT_JOINS}
        WHERE picked($regions::VARCHAR[], e.region_id)
          AND overlaps_period(e.date_first, coalesce(e.end_date_last, e.date_last), $year_from, $year_to)
          AND CASE WHEN e.partnership_id IS NULL
                   THEN len($themes::VARCHAR[]) = 0 AND len($scales::VARCHAR[]) = 0
                        AND len($sectors::VARCHAR[]) = 0
                   ELSE e.partnership_id IN (SELECT partnership_id FROM shown) END
        ORDER BY e.date_first, e.event_id
    """
    return run(con, sql, filters.sql_params())


def event_ids(con) -> tuple[str, ...]:
    """Every event id, so a link's `event=` value can be checked."""
    return tuple(run(con, "SELECT event_id FROM events ORDER BY event_id")["event_id"])


def partnership_detail(con, partnership_id: str) -> pd.DataFrame:
    """One partnership by id (no filters apply: a link may name any), with the columns of
    :func:`partnership_bars` except active_on_as_of. Empty when the id is unknown."""
    sql = f"""
        WITH {PARTNERSHIP_THEMES}
        SELECT {PARTNERSHIP_COLUMNS}
        FROM partnerships p {PARTNERSHIP_JOINS}
        WHERE p.partnership_id = $partnership_id
    """
    return run(con, sql, {"partnership_id": partnership_id})


def partnership_members(con, partnership_id: str) -> pd.DataFrame:
    """Member organisations of a partnership, leads first.

    Columns: org_id, org_name, sector, role, since, until, confidence, source_url.
    """
    sql = """
        SELECT org_id, org_name, sector, role, since, until, confidence, source_url
        FROM membership_detail
        WHERE partnership_id = $partnership_id
        ORDER BY CASE role WHEN 'lead' THEN 0 WHEN 'co-lead' THEN 1 WHEN 'chair' THEN 2 ELSE 3 END, org_name
    """
    return run(con, sql, {"partnership_id": partnership_id})


def partnership_events(con, partnership_id: str) -> pd.DataFrame:
    """Events of one partnership in date order, with the columns of :func:`timeline_events`."""
    sql = f"""
        SELECT {EVENT_COLUMNS}
        FROM events e {EVENT_JOINS}
        WHERE e.partnership_id = $partnership_id
        ORDER BY e.date_first, e.event_id
    """
    return run(con, sql, {"partnership_id": partnership_id})


def event_detail(con, event_id: str) -> pd.DataFrame:
    """One event by id, with the columns of :func:`timeline_events`; empty when unknown."""
    sql = f"""
        SELECT {EVENT_COLUMNS}
        FROM events e {EVENT_JOINS}
        WHERE e.event_id = $event_id
    """
    return run(con, sql, {"event_id": event_id})
