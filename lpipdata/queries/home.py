"""Questions the home page asks."""

from __future__ import annotations

import pandas as pd

from lpipdata.db import run

COUNTED_TABLES = ("organisations", "partnerships", "memberships", "events", "sources", "issues", "observations")
# Phase 1 funded ten LPIPs ("more than 60 applications for phase 1; 10 funded"): a sourced number, not
# something the atlas can count, since the sources found name only some of the ten.
PHASE_ONE_FUNDED = 10
PHASE_ONE_FUNDED_SOURCE = "plymouth-lpip-stage2"


def headline_counts(con, public_only: bool) -> dict[str, int]:
    """Row count per counted table ({table: count}); restricted evidence is left out when public_only."""
    sql = """
        SELECT 'organisations' AS name, count(*) AS n FROM organisations
        UNION ALL SELECT 'partnerships', count(*) FROM partnerships
        UNION ALL SELECT 'memberships', count(*) FROM memberships
        UNION ALL SELECT 'events', count(*) FROM events
        UNION ALL SELECT 'sources', count(*) FROM sources WHERE NOT $public_only OR visibility = 'public'
        UNION ALL SELECT 'issues', count(*) FROM issues
        UNION ALL SELECT 'observations', count(*) FROM observations WHERE NOT $public_only OR visibility = 'public'
    """
    frame = run(con, sql, {"public_only": public_only})
    return dict(zip(frame["name"], frame["n"].astype(int)))


def lpip_regions(con) -> pd.DataFrame:
    """The LPIP regions (phase 1, 2 and hub), phase 2 first.

    Columns: region_id, name, nation, lpip_name, lpip_phase, lead_org_id, lead_org_name, funding,
    summary, core_themes, partnership_count, organisation_count, source_id, source_url, confidence.
    """
    sql = """
        SELECT rs.region_id, rs.name, rs.nation, rs.lpip_name, rs.lpip_phase, rs.lead_org_id,
               rs.lead_org_name, rs.funding, rs.summary, rs.core_themes, rs.partnership_count,
               rs.organisation_count, rs.source_id, s.url AS source_url, rs.confidence
        FROM region_summary rs LEFT JOIN sources s USING (source_id)
        WHERE rs.lpip_phase <> $not_lpip
        ORDER BY CASE rs.lpip_phase WHEN '1 and 2' THEN 0 WHEN '1' THEN 1 ELSE 2 END, rs.name
    """
    return run(con, sql, {"not_lpip": "none"})


def phase_one_coverage(con) -> dict:
    """How many of the ten funded phase-1 LPIPs the atlas holds, counted from the regions.

    A phase-1 LPIP is a region whose lpip_phase is '1' (phase 1 only) or '1 and 2' (went on to phase 2).
    Keys: in_atlas, went_on (of those, also in phase 2), phase_one_only, funded (10), source_id and
    source_url (where the ten is stated; None when that source is not in this build).
    """
    sql = """
        SELECT count(*) FILTER (WHERE lpip_phase IN ('1', '1 and 2')) AS in_atlas,
               count(*) FILTER (WHERE lpip_phase = '1 and 2') AS went_on,
               count(*) FILTER (WHERE lpip_phase = '1') AS phase_one_only,
               (SELECT url FROM sources WHERE source_id = $source_id) AS source_url
        FROM regions
    """
    row = run(con, sql, {"source_id": PHASE_ONE_FUNDED_SOURCE}).iloc[0]
    return {"in_atlas": int(row["in_atlas"]), "went_on": int(row["went_on"]),
            "phase_one_only": int(row["phase_one_only"]), "funded": PHASE_ONE_FUNDED,
            "source_id": PHASE_ONE_FUNDED_SOURCE,
            "source_url": None if pd.isna(row["source_url"]) else str(row["source_url"])}


def build_info(con) -> dict[str, str]:
    """The database's meta table: built_at, data_version, mode, min_confidence, has_boundaries, is_synthetic."""
    frame = run(con, "SELECT key, value FROM meta")
    return dict(zip(frame["key"], frame["value"]))


def latest_source_date(con) -> str | None:
    """The most recent publication date among the sources (partial date text), or None."""
    frame = run(con, "SELECT published FROM sources WHERE published IS NOT NULL ORDER BY published_last DESC LIMIT 1")
    return None if frame.empty else frame.iloc[0, 0]


def region_names(con) -> dict[str, str]:
    """{region_id: name} for every region, LPIP regions first."""
    frame = run(con, """
        SELECT region_id, name FROM regions
        ORDER BY CASE lpip_phase WHEN '1 and 2' THEN 0 WHEN '1' THEN 1 WHEN 'hub' THEN 2 ELSE 3 END, name
    """)
    return dict(zip(frame["region_id"], frame["name"]))
