"""Questions the region profile asks: one region's facts, partnerships, organisations, issues,
events, boundaries and the sources behind them.

Every function takes the connection first, then hashable values. The shared filters apply
(themes, scales, sectors, period, as-of); their region list is replaced by the one region.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lpipdata import dates
from lpipdata.db import run
from lpipdata.figures.theme import SCALE_ORDER
from lpipdata.filters import Filters
from lpipdata.safe import safe_url

PARTNERSHIPS = ("filtered_partnerships($regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[], "
                "$year_from, $year_to, $as_of::DATE)")
MEMBERSHIPS = ("filtered_memberships($regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[], "
               "$sectors::VARCHAR[], $year_from, $year_to, $as_of::DATE)")
# Net zero and inclusive growth are the LPIP programme's two headline themes, so they lead.
LEADING_THEMES = ["net zero", "inclusive growth"]
THEME_RANK = "coalesce(list_position($leading_themes, {col}), 99)"
PHASE_TEXT = {"1 and 2": "Funded in phases 1 and 2", "1": "Phase 1 only", "hub": "UK-wide coordination hub",
              "none": "Not an LPIP place (context only)"}
# When several rows stand behind one line, the weakest confidence is the one to show.
WEAKEST = ("CASE WHEN bool_or({col} = 'unverified') THEN 'unverified' "
           "WHEN bool_or({col} = 'inferred') THEN 'inferred' ELSE 'sourced' END")


def scoped_params(filters: Filters, region_id: str) -> dict:
    """The filter macros' parameters restricted to one region, plus the profile's own."""
    return {**filters.with_(regions=(region_id,)).sql_params(), "region_id": region_id,
            "scale_order": list(SCALE_ORDER), "leading_themes": LEADING_THEMES}


def region_header(con, region_id: str) -> pd.DataFrame:
    """One row (or none for an unknown id): region_id, name, nation, lpip_name, lpip_phase, summary,
    confidence, source_title, source_url."""
    sql = """
        SELECT r.region_id, r.name, r.nation, r.lpip_name, r.lpip_phase, r.summary, r.confidence,
               s.title AS source_title, s.url AS source_url
        FROM regions r LEFT JOIN sources s USING (source_id)
        WHERE r.region_id = $region_id
    """
    return run(con, sql, {"region_id": region_id})


def region_facts(con, region_id: str) -> pd.DataFrame:
    """The LPIP facts, each with its source: fact, value, confidence, source_title, source_url.

    LPIP, phase, lead organisation, funding and geography come from the region's row. The core
    themes come from its region_issues; when several sources name them, source_title says how many
    and source_url is empty (see :func:`theme_sources`). A missing value stays None.
    """
    sql = f"""
        WITH r AS (
            SELECT rs.*, s.title AS source_title, s.url AS source_url
            FROM region_summary rs LEFT JOIN sources s USING (source_id) WHERE rs.region_id = $region_id),
        core AS (
            SELECT i.theme, ri.source_id, ri.confidence, s.title AS source_title, s.url AS source_url
            FROM region_issues ri JOIN issues i USING (issue_id) LEFT JOIN sources s ON s.source_id = ri.source_id
            WHERE ri.region_id = $region_id AND ri.emphasis = 'core'),
        facts AS (
            SELECT 1 AS ord, 'LPIP' AS fact, lpip_name AS value, confidence, source_title, source_url FROM r
            UNION ALL SELECT 2, 'Phase', lpip_phase, confidence, source_title, source_url FROM r
            UNION ALL SELECT 3, 'Lead organisation', lead_org_name, confidence, source_title, source_url FROM r
            UNION ALL SELECT 4, 'Funding', funding, confidence, source_title, source_url FROM r
            UNION ALL SELECT 5, 'Geography', geography, confidence, source_title, source_url FROM r
            UNION ALL
            SELECT 6, 'Core themes',
                   (SELECT string_agg(theme, ', ' ORDER BY {THEME_RANK.format(col='theme')}, theme)
                      FROM (SELECT DISTINCT theme FROM core)),
                   {WEAKEST.format(col='confidence')},
                   CASE WHEN count(DISTINCT source_id) = 1 THEN any_value(source_title)
                        ELSE count(DISTINCT source_id) || ' sources' END,
                   CASE WHEN count(DISTINCT source_id) = 1 THEN any_value(source_url) END
            FROM core HAVING count(*) > 0)
        SELECT fact, value, confidence, source_title, source_url FROM facts ORDER BY ord
    """
    frame = run(con, sql, {"region_id": region_id, "leading_themes": LEADING_THEMES})
    is_phase = frame["fact"] == "Phase"
    frame.loc[is_phase, "value"] = frame.loc[is_phase, "value"].map(lambda phase: PHASE_TEXT.get(phase, phase))
    return frame


def theme_sources(con, region_id: str) -> pd.DataFrame:
    """The sources naming the region's core themes: source_title, source_url, themes, confidence."""
    sql = f"""
        SELECT s.title AS source_title, s.url AS source_url,
               string_agg(DISTINCT i.theme, ', ' ORDER BY i.theme) AS themes,
               {WEAKEST.format(col='ri.confidence')} AS confidence
        FROM region_issues ri JOIN issues i USING (issue_id) LEFT JOIN sources s ON s.source_id = ri.source_id
        WHERE ri.region_id = $region_id AND ri.emphasis = 'core'
        GROUP BY s.source_id, s.title, s.url
        ORDER BY min({THEME_RANK.format(col='i.theme')}), s.title
    """
    return run(con, sql, {"region_id": region_id, "leading_themes": LEADING_THEMES})


def partnerships(con, filters: Filters, region_id: str) -> pd.DataFrame:
    """The region's partnerships, by scale (neighbourhood ... UK) then founding date.

    Columns: partnership_id, name, acronym, scale, governance_form, founded, ended, founded_first,
    ended_last, founded_text, ended_text (at the source's precision), members, summary, confidence,
    source_title, source_url.
    """
    sql = f"""
        WITH members AS (SELECT partnership_id, count(DISTINCT org_id) AS members FROM {MEMBERSHIPS} GROUP BY 1)
        SELECT p.partnership_id, p.name, p.acronym, p.scale, p.governance_form, p.founded, p.ended,
               p.founded_first, p.ended_last, coalesce(m.members, 0) AS members, p.summary, p.confidence,
               s.title AS source_title, s.url AS source_url
        FROM {PARTNERSHIPS} p
        LEFT JOIN members m USING (partnership_id)
        LEFT JOIN sources s ON s.source_id = p.source_id
        ORDER BY list_position($scale_order, p.scale), p.founded_first NULLS LAST, p.name
    """
    frame = run(con, sql, scoped_params(filters, region_id))
    frame.insert(frame.columns.get_loc("founded_first"), "founded_text", display_dates(frame["founded"]))
    frame.insert(frame.columns.get_loc("founded_first"), "ended_text", display_dates(frame["ended"]))
    return frame


def display_dates(partial_dates: pd.Series) -> pd.Series:
    """Partial dates as people read them, at their own precision ('2014', 'Feb 2024'); '' when unknown."""
    return partial_dates.map(lambda text: dates.display(text) if isinstance(text, str) else "")


def key_organisations(con, filters: Filters, region_id: str) -> pd.DataFrame:
    """Organisations in the region's partnerships, most connected first (by partnerships joined).

    Columns: org_id, name, org_type, sector, home_region, partnerships, roles, partnership_names,
    confidence (the weakest of the organisation's row and its memberships), source_title, source_url.
    """
    sql = f"""
        SELECT m.org_id, m.org_name AS name, m.org_type, m.sector, hr.name AS home_region,
               count(DISTINCT m.partnership_id) AS partnerships,
               string_agg(DISTINCT m.role, ', ' ORDER BY m.role) AS roles,
               string_agg(DISTINCT coalesce(p.acronym, p.name), '; ' ORDER BY coalesce(p.acronym, p.name))
                   AS partnership_names,
               {WEAKEST.format(col='m.confidence')} AS membership_confidence,
               any_value(o.confidence) AS org_confidence,
               any_value(s.title) AS source_title, any_value(s.url) AS source_url
        FROM {MEMBERSHIPS} m
        JOIN partnerships p USING (partnership_id)
        JOIN organisations o USING (org_id)
        LEFT JOIN regions hr ON hr.region_id = o.region_id
        LEFT JOIN sources s ON s.source_id = o.source_id
        GROUP BY m.org_id, m.org_name, m.org_type, m.sector, hr.name
        ORDER BY partnerships DESC, name
    """
    frame = run(con, sql, scoped_params(filters, region_id))
    frame.insert(frame.columns.get_loc("source_title"), "confidence",
                 [weakest(a, b) for a, b in zip(frame["org_confidence"], frame["membership_confidence"])])
    return frame.drop(columns=["org_confidence", "membership_confidence"])


def weakest(*confidences: str | None) -> str:
    """The least certain of several confidence flags (sourced < inferred < unverified)."""
    order = ("sourced", "inferred", "unverified")
    known = [c for c in confidences if c in order]
    return max(known, key=order.index) if known else "sourced"


def issues(con, filters: Filters, region_id: str) -> pd.DataFrame:
    """The region's issues: net zero and inclusive growth first, then core before mentioned.

    Columns: theme, issue, emphasis, detail, partnerships (how many of the region's shown
    partnerships work on it), confidence, source_title, source_url.
    """
    sql = f"""
        WITH on_issue AS (
            SELECT pi.issue_id, count(DISTINCT pi.partnership_id) AS partnerships
            FROM partnership_issues pi JOIN {PARTNERSHIPS} p USING (partnership_id) GROUP BY 1)
        SELECT i.theme, i.name AS issue, ri.emphasis, ri.detail, coalesce(oi.partnerships, 0) AS partnerships,
               ri.confidence, s.title AS source_title, s.url AS source_url
        FROM region_issues ri
        JOIN issues i USING (issue_id)
        LEFT JOIN on_issue oi USING (issue_id)
        LEFT JOIN sources s ON s.source_id = ri.source_id
        WHERE ri.region_id = $region_id AND picked($themes::VARCHAR[], i.theme)
        ORDER BY {THEME_RANK.format(col='i.theme')}, CASE ri.emphasis WHEN 'core' THEN 0 ELSE 1 END, i.theme, i.name
    """
    return run(con, sql, scoped_params(filters, region_id))


def events(con, filters: Filters, region_id: str) -> pd.DataFrame:
    """The region's dated events within the period, oldest first.

    Columns: event_id, date, date_text, date_first, title, kind, partnership, confidence,
    source_title, source_url.
    """
    sql = """
        SELECT e.event_id, e.date, e.date_first, e.title, e.kind, p.name AS partnership, e.confidence,
               s.title AS source_title, s.url AS source_url
        FROM events e
        LEFT JOIN partnerships p USING (partnership_id)
        LEFT JOIN sources s ON s.source_id = e.source_id
        WHERE e.region_id = $region_id
          AND overlaps_period(e.date_first, coalesce(e.end_date_last, e.date_last), $year_from, $year_to)
        ORDER BY e.date_first, e.title
    """
    frame = run(con, sql, scoped_params(filters, region_id))
    frame.insert(frame.columns.get_loc("date_first"), "date_text", display_dates(frame["date"]))
    return frame


def network_memberships(con, filters: Filters, region_id: str) -> pd.DataFrame:
    """Who belongs to which of the region's partnerships, one row per pair.

    Columns: partnership_id, partnership_name, acronym, scale, org_id, org_name, org_type, sector.
    """
    sql = f"""
        SELECT DISTINCT m.partnership_id, m.partnership_name, p.acronym, m.scale,
               m.org_id, m.org_name, m.org_type, m.sector
        FROM {MEMBERSHIPS} m JOIN partnerships p USING (partnership_id)
        ORDER BY m.partnership_id, m.org_id
    """
    return run(con, sql, scoped_params(filters, region_id))


def has_boundaries(con) -> bool:
    """Whether the build stored boundary tables (it skips them when no boundary files were given)."""
    flag = run(con, "SELECT value FROM meta WHERE key = 'has_boundaries'")
    tables = run(con, """SELECT count(*) AS n FROM information_schema.tables
                         WHERE table_name IN ('region_shapes', 'boundaries')""")
    return not flag.empty and flag.iloc[0, 0] == "yes" and int(tables.iloc[0, 0]) == 2


def region_shape(con, region_id: str) -> pd.DataFrame:
    """The region's outline: region_id, geojson, centroid_lat, centroid_lon, area_km2 (empty without boundaries)."""
    if not has_boundaries(con):
        return pd.DataFrame(columns=["region_id", "geojson", "centroid_lat", "centroid_lon", "area_km2"])
    return run(con, """SELECT region_id, geojson, centroid_lat, centroid_lon, area_km2
                       FROM region_shapes WHERE region_id = $region_id""", {"region_id": region_id})


def uk_outlines(con) -> pd.DataFrame:
    """The UK's ITL1 regions for context: code, name, geojson (empty without boundaries)."""
    if not has_boundaries(con):
        return pd.DataFrame(columns=["code", "name", "geojson"])
    return run(con, "SELECT code, name, geojson FROM boundaries WHERE layer = $layer ORDER BY code", {"layer": "itl1"})


def organisation_points(con, filters: Filters, region_id: str) -> pd.DataFrame:
    """Organisations based in the region that have coordinates: org_id, name, org_type, sector, place, lat, lon."""
    sql = """
        SELECT org_id, name, org_type, sector, place, lat, lon
        FROM filtered_organisations([$region_id], $sectors::VARCHAR[])
        WHERE lat IS NOT NULL AND lon IS NOT NULL
        ORDER BY name
    """
    return run(con, sql, scoped_params(filters, region_id))


def sources_used(con, filters: Filters, region_id: str) -> pd.DataFrame:
    """Every source cited by a row about the region that the profile draws on, most cited first.

    Columns: source_id, kind, title, publisher, published, published_text, cited_by (which kinds of
    rows cite it), citations, url.
    """
    sql = f"""
        WITH shown_partnerships AS (SELECT partnership_id, source_id FROM {PARTNERSHIPS}),
        shown_memberships AS (SELECT partnership_id, org_id, source_id FROM {MEMBERSHIPS}),
        citations AS (
            SELECT 'region' AS cited_by, source_id FROM regions WHERE region_id = $region_id
            UNION ALL SELECT 'region areas', source_id FROM region_areas WHERE region_id = $region_id
            UNION ALL SELECT 'issues', source_id FROM region_issues WHERE region_id = $region_id
            UNION ALL SELECT 'partnerships', source_id FROM shown_partnerships
            UNION ALL SELECT 'memberships', source_id FROM shown_memberships
            UNION ALL SELECT 'partnership issues', pi.source_id
                      FROM partnership_issues pi JOIN shown_partnerships USING (partnership_id)
            UNION ALL SELECT 'organisations', source_id FROM organisations
                      WHERE region_id = $region_id OR org_id IN (SELECT org_id FROM shown_memberships)
            UNION ALL SELECT 'events', source_id FROM events
                      WHERE region_id = $region_id
                        AND overlaps_period(date_first, coalesce(end_date_last, date_last), $year_from, $year_to)
            UNION ALL SELECT 'observations', source_id FROM observations
                      WHERE region_id = $region_id
                         OR partnership_id IN (SELECT partnership_id FROM shown_partnerships))
        SELECT s.source_id, s.kind, s.title, s.publisher, s.published,
               string_agg(DISTINCT c.cited_by, ', ' ORDER BY c.cited_by) AS cited_by,
               count(*) AS citations, s.url
        FROM citations c JOIN sources s USING (source_id)
        GROUP BY s.source_id, s.kind, s.title, s.publisher, s.published, s.url
        ORDER BY citations DESC, s.title
    """
    frame = run(con, sql, scoped_params(filters, region_id))
    frame.insert(frame.columns.get_loc("cited_by"), "published_text", display_dates(frame["published"]))
    return frame


# How each answer is shown as a table, on the page and in the brief: column -> label.
TABLES: dict[str, dict[str, str]] = {
    "facts": {"fact": "Fact", "value": "Value", "confidence": "Confidence", "source_url": "Source"},
    "partnerships": {"scale": "Scale", "name": "Partnership", "acronym": "Acronym", "founded_text": "Founded",
                     "ended_text": "Ended", "governance_form": "Form", "members": "Members",
                     "confidence": "Confidence", "source_url": "Source"},
    "organisations": {"name": "Organisation", "org_type": "Type", "sector": "Sector", "home_region": "Based in",
                      "partnerships": "Partnerships", "roles": "Roles", "partnership_names": "Member of",
                      "confidence": "Confidence", "source_url": "Source"},
    "issues": {"theme": "Theme", "issue": "Issue", "emphasis": "Emphasis", "detail": "Detail",
               "partnerships": "Partnerships on it", "confidence": "Confidence", "source_url": "Source"},
    "events": {"date_text": "Date", "title": "Event", "kind": "Kind", "partnership": "Partnership",
               "confidence": "Confidence", "source_url": "Source"},
    "sources": {"title": "Title", "publisher": "Publisher", "kind": "Kind", "published_text": "Published",
                "cited_by": "Cited by", "citations": "Citations", "url": "Link"},
}
URL_COLUMNS = ("source_url", "url")


def display_table(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """One of the profile's TABLES as a reader sees it (see :func:`labelled`)."""
    return labelled(frame, TABLES[name])


def labelled(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The given columns, labelled, with confidence flags marked and only http(s) links kept."""
    shown = frame[list(columns)].copy()
    for column in URL_COLUMNS:
        if column in shown:
            shown[column] = shown[column].map(safe_url).astype(object)
    if "confidence" in shown:
        shown["confidence"] = shown["confidence"].map(confidence_label)
    return shown.rename(columns=columns)


def confidence_label(confidence: str | None) -> str:
    """'sourced' as is; anything less certain visibly flagged, e.g. '⚠ unverified'."""
    return confidence if confidence in (None, "sourced") else f"⚠ {confidence}"


@dataclass(frozen=True)
class RegionProfile:
    """Everything the profile and its HTML brief show, fetched together so both agree."""

    region_id: str
    header: pd.DataFrame
    facts: pd.DataFrame
    theme_sources: pd.DataFrame
    partnerships: pd.DataFrame
    organisations: pd.DataFrame
    issues: pd.DataFrame
    events: pd.DataFrame
    memberships: pd.DataFrame
    shape: pd.DataFrame
    outlines: pd.DataFrame
    points: pd.DataFrame
    sources: pd.DataFrame
    has_boundaries: bool

    @property
    def name(self) -> str:
        return str(self.header.iloc[0]["name"]) if not self.header.empty else self.region_id


def region_profile(con, filters: Filters, region_id: str) -> RegionProfile:
    """All of one region's profile."""
    return RegionProfile(
        region_id=region_id, header=region_header(con, region_id), facts=region_facts(con, region_id),
        theme_sources=theme_sources(con, region_id),
        partnerships=partnerships(con, filters, region_id), organisations=key_organisations(con, filters, region_id),
        issues=issues(con, filters, region_id), events=events(con, filters, region_id),
        memberships=network_memberships(con, filters, region_id), shape=region_shape(con, region_id),
        outlines=uk_outlines(con), points=organisation_points(con, filters, region_id),
        sources=sources_used(con, filters, region_id), has_boundaries=has_boundaries(con),
    )
