"""Questions the Compare view asks about 2-4 regions side by side.

Every function takes the connection and a Filters whose `regions` are the regions being compared
(chosen with :func:`lpipdata.compare.choose_regions`). Rows come back in that order (region_order).
"""

from __future__ import annotations

import pandas as pd

from lpipdata import compare
from lpipdata.db import run
from lpipdata.figures.theme import SCALE_ORDER
from lpipdata.filters import Filters
from lpipdata.counts import MEMBER_ORGANISATIONS
from lpipdata.queries.region import LEADING_THEMES, MEMBERSHIPS, PARTNERSHIPS, THEME_RANK, labelled

CHOSEN = """(SELECT region_id, name AS region, list_position($regions::VARCHAR[], region_id) AS region_order
             FROM regions WHERE list_contains($regions::VARCHAR[], region_id))"""
EMPHASIS_WEIGHT = {"core": 2, "mentioned": 1}
# How each answer is shown as a table (and exported as CSV): column -> label.
TABLES: dict[str, dict[str, str]] = {
    "overview": {"region": "Region", "lpip_name": "LPIP", "lead_org_name": "Lead organisation",
                 "partnerships": "Partnerships", "organisations": MEMBER_ORGANISATIONS.label(),
                 "memberships": "Memberships", "issues": "Recorded issues"},
    "issues": {"region": "Region", "theme": "Theme", "partnerships": "Partnerships on the theme",
               "core_issues": "Core issues", "mentioned_issues": "Mentioned issues", "emphasis": "Emphasis score"},
    "scales": {"region": "Region", "scale": "Scale", "partnerships": "Partnerships",
               "share": "Share of the region's partnerships"},
    "sectors": {"region": "Region", "sector": "Sector", "organisations": "Member organisations",
                "share": "Share of the region's members"},
    "network": {"region": "Region", "organisations": MEMBER_ORGANISATIONS.label(), "partnerships": "Partnerships",
                "ties": "Ties (pairs sharing a partnership)", "density": "Density",
                "centralisation": "Degree centralisation"},
    "bridges": {"organisation": "Organisation", "org_type": "Type", "sector": "Sector", "based_in": "Based in",
                "regions": "Regions", "region_names": "Member in", "partnerships": "Partnerships"},
    "founded": {"region": "Region", "year": "Year founded (empty: no date)", "partnerships": "Partnerships"},
    "multilevel": {"region": "Region", "partnerships": "Partnerships", "levels": "Levels",
                   "lower_tier": "Local and sub-regional", "connected_upward": "Connected upward",
                   "share_connected_upward": "Share connected upward", "levels_unlinked": "Levels with no link upward",
                   "cross_level_links": "Cross-level links", "top_broker": "Top multilevel broker",
                   "top_broker_links": "Links it carries"},
}


def display_table(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """One of the Compare TABLES as a reader sees it."""
    return labelled(frame, TABLES[name])


def params(filters: Filters) -> dict:
    return {**filters.sql_params(), "leading_themes": LEADING_THEMES, "core_weight": EMPHASIS_WEIGHT["core"],
            "mentioned_weight": EMPHASIS_WEIGHT["mentioned"]}


def default_regions(con) -> tuple[str, ...]:
    """The phase-2 LPIP regions (funded in phases 1 and 2), by name."""
    frame = run(con, "SELECT region_id FROM regions WHERE lpip_phase = $phase ORDER BY name", {"phase": "1 and 2"})
    return tuple(frame["region_id"])


def overview(con, filters: Filters) -> pd.DataFrame:
    """One row per region: region_id, region, lpip_name, lead_org_name, partnerships, organisations,
    memberships, issues (the region's recorded issues)."""
    sql = f"""
        WITH p AS (SELECT region_id, count(*) AS partnerships FROM {PARTNERSHIPS} GROUP BY 1),
        m AS (SELECT partnership_region_id AS region_id, count(DISTINCT org_id) AS organisations,
                     count(*) AS memberships FROM {MEMBERSHIPS} GROUP BY 1),
        i AS (SELECT region_id, count(*) AS issues FROM region_issues GROUP BY 1)
        SELECT c.region_id, c.region, rs.lpip_name, rs.lead_org_name,
               coalesce(p.partnerships, 0) AS partnerships, coalesce(m.organisations, 0) AS organisations,
               coalesce(m.memberships, 0) AS memberships, coalesce(i.issues, 0) AS issues
        FROM {CHOSEN} c
        JOIN region_summary rs USING (region_id)
        LEFT JOIN p USING (region_id) LEFT JOIN m USING (region_id) LEFT JOIN i USING (region_id)
        ORDER BY c.region_order
    """
    return run(con, sql, params(filters))


def issue_profile(con, filters: Filters) -> pd.DataFrame:
    """Every region x theme met in any of the regions (zeros included), net zero and inclusive growth first.

    Columns: region_id, region, theme, partnerships (the region's partnerships working on the theme),
    core_issues, mentioned_issues, emphasis (core issues count 2, mentioned 1).
    """
    sql = f"""
        WITH on_theme AS (
            SELECT p.region_id, i.theme, count(DISTINCT p.partnership_id) AS partnerships
            FROM {PARTNERSHIPS} p JOIN partnership_issues pi USING (partnership_id) JOIN issues i USING (issue_id)
            GROUP BY 1, 2),
        stated AS (
            SELECT ri.region_id, i.theme, count(*) FILTER (WHERE ri.emphasis = 'core') AS core_issues,
                   count(*) FILTER (WHERE ri.emphasis = 'mentioned') AS mentioned_issues
            FROM region_issues ri JOIN issues i USING (issue_id)
            WHERE list_contains($regions::VARCHAR[], ri.region_id)
            GROUP BY 1, 2),
        themes AS (
            SELECT theme FROM on_theme UNION SELECT theme FROM stated)
        SELECT c.region_id, c.region, t.theme, coalesce(o.partnerships, 0) AS partnerships,
               coalesce(s.core_issues, 0) AS core_issues, coalesce(s.mentioned_issues, 0) AS mentioned_issues,
               coalesce(s.core_issues, 0) * $core_weight + coalesce(s.mentioned_issues, 0) * $mentioned_weight
                   AS emphasis
        FROM {CHOSEN} c CROSS JOIN themes t
        LEFT JOIN on_theme o ON o.region_id = c.region_id AND o.theme = t.theme
        LEFT JOIN stated s ON s.region_id = c.region_id AND s.theme = t.theme
        WHERE picked($themes::VARCHAR[], t.theme)
        ORDER BY {THEME_RANK.format(col='t.theme')}, t.theme, c.region_order
    """
    return run(con, sql, params(filters))


def scale_mix(con, filters: Filters) -> pd.DataFrame:
    """Partnerships per region and scale: region_id, region, scale, partnerships, share (of the region's)."""
    sql = f"""
        SELECT c.region_id, c.region, p.scale, count(*) AS partnerships,
               round(count(*) / sum(count(*)) OVER (PARTITION BY c.region_id), 3) AS share
        FROM {PARTNERSHIPS} p JOIN {CHOSEN} c USING (region_id)
        GROUP BY c.region_id, c.region, c.region_order, p.scale
        ORDER BY c.region_order, list_position($scale_order, p.scale)
    """
    return run(con, sql, {**params(filters), "scale_order": list(SCALE_ORDER)})


def sector_mix(con, filters: Filters) -> pd.DataFrame:
    """Member organisations of each region's partnerships by sector: region_id, region, sector,
    organisations, share (of the region's member organisations)."""
    sql = f"""
        SELECT c.region_id, c.region, m.sector, count(DISTINCT m.org_id) AS organisations,
               round(count(DISTINCT m.org_id) / sum(count(DISTINCT m.org_id)) OVER (PARTITION BY c.region_id), 3)
                   AS share
        FROM {MEMBERSHIPS} m JOIN {CHOSEN} c ON c.region_id = m.partnership_region_id
        GROUP BY c.region_id, c.region, c.region_order, m.sector
        ORDER BY c.region_order, m.sector
    """
    return run(con, sql, params(filters))


def membership_pairs(con, filters: Filters) -> pd.DataFrame:
    """Who belongs to which partnership, per region: region_id, partnership_id, org_id."""
    sql = f"""SELECT DISTINCT partnership_region_id AS region_id, partnership_id, org_id FROM {MEMBERSHIPS}
              ORDER BY 1, 2, 3"""
    return run(con, sql, params(filters))


def network_metrics(con, filters: Filters) -> pd.DataFrame:
    """Density and degree centralisation of each region's organisation network (see lpipdata.compare).

    Columns: region_id, region, organisations, partnerships, ties, density, centralisation.
    """
    regions = run(con, f"SELECT region_id, region FROM {CHOSEN} ORDER BY region_order", params(filters))
    return compare.network_measures(membership_pairs(con, filters), regions)


def bridges(con, filters: Filters) -> pd.DataFrame:
    """Organisations with memberships in partnerships of two or more of the regions, most regions first.

    Columns: org_id, organisation, org_type, sector, based_in, regions (count), region_names, partnerships.
    """
    sql = f"""
        SELECT m.org_id, m.org_name AS organisation, m.org_type, m.sector, home.name AS based_in,
               count(DISTINCT m.partnership_region_id) AS regions,
               string_agg(DISTINCT c.region, ', ' ORDER BY c.region) AS region_names,
               count(DISTINCT m.partnership_id) AS partnerships
        FROM {MEMBERSHIPS} m
        JOIN {CHOSEN} c ON c.region_id = m.partnership_region_id
        LEFT JOIN regions home ON home.region_id = m.org_region_id
        GROUP BY m.org_id, m.org_name, m.org_type, m.sector, home.name
        HAVING count(DISTINCT m.partnership_region_id) >= 2
        ORDER BY regions DESC, partnerships DESC, organisation
    """
    return run(con, sql, params(filters))


def bridge_memberships(con, filters: Filters) -> pd.DataFrame:
    """The bridges' partnerships per region, for the dot matrix: org_id, organisation, sector,
    region_id, region, partnerships."""
    sql = f"""
        WITH spans AS (
            SELECT org_id FROM {MEMBERSHIPS} GROUP BY org_id HAVING count(DISTINCT partnership_region_id) >= 2)
        SELECT m.org_id, m.org_name AS organisation, m.sector, c.region_id, c.region,
               count(DISTINCT m.partnership_id) AS partnerships
        FROM {MEMBERSHIPS} m JOIN spans USING (org_id) JOIN {CHOSEN} c ON c.region_id = m.partnership_region_id
        GROUP BY m.org_id, m.org_name, m.sector, c.region_id, c.region, c.region_order
        ORDER BY organisation, c.region_order
    """
    return run(con, sql, params(filters))


def founded_per_year(con, filters: Filters) -> pd.DataFrame:
    """Partnerships founded per region and year: region_id, region, year, partnerships.

    Partnerships without a founding date are counted in a row whose year is empty.
    """
    sql = f"""
        SELECT c.region_id, c.region, year(p.founded_first) AS year, count(*) AS partnerships
        FROM {PARTNERSHIPS} p JOIN {CHOSEN} c USING (region_id)
        GROUP BY c.region_id, c.region, c.region_order, year(p.founded_first)
        ORDER BY c.region_order, year NULLS LAST
    """
    frame = run(con, sql, params(filters))
    frame["year"] = frame["year"].astype("Int64")
    return frame

