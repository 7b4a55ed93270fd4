-- Read models shared by several pages. Built into the database by lpipdata.build.

CREATE VIEW region_summary AS
SELECT
    r.region_id, r.name, r.nation, r.lpip_name, r.lpip_phase, r.lead_org_id,
    lead.name AS lead_org_name, r.funding, r.summary, r.geography,
    r.source_id, r.confidence,
    (SELECT count(*) FROM partnerships p WHERE p.region_id = r.region_id) AS partnership_count,
    (SELECT count(*) FROM organisations o WHERE o.region_id = r.region_id) AS organisation_count,
    (SELECT count(*) FROM events e WHERE e.region_id = r.region_id) AS event_count,
    (SELECT string_agg(DISTINCT i.theme, ', ' ORDER BY i.theme)
       FROM region_issues ri JOIN issues i USING (issue_id)
      WHERE ri.region_id = r.region_id AND ri.emphasis = 'core') AS core_themes
FROM regions r
LEFT JOIN organisations lead ON lead.org_id = r.lead_org_id;

CREATE VIEW membership_detail AS
SELECT
    m.partnership_id, p.name AS partnership_name, p.scale, p.region_id AS partnership_region_id,
    p.founded, p.ended, p.founded_first, p.ended_last,
    m.org_id, o.name AS org_name, o.org_type, o.sector, o.region_id AS org_region_id,
    m.role, m.since, m.until, m.since_first, m.until_last,
    m.source_id, s.url AS source_url, m.confidence
FROM memberships m
JOIN partnerships p USING (partnership_id)
JOIN organisations o USING (org_id)
LEFT JOIN sources s ON s.source_id = m.source_id;

-- Filter semantics live here once; every query that filters calls these macros.
-- An empty choice list means "no restriction".
CREATE MACRO picked(choices, value) AS (len(choices) = 0 OR list_contains(choices, value));

-- Active on a day: began no later than it (first possible day) and not ended before it
-- (last possible day). Without a known start we cannot say, so it is not counted.
CREATE MACRO active_on(first_day, last_day, on_day) AS (
    on_day IS NULL
    OR (first_day IS NOT NULL AND first_day <= on_day AND (last_day IS NULL OR last_day >= on_day))
);

-- Overlaps the period [year_from, year_to]; an unknown start or end does not exclude.
CREATE MACRO overlaps_period(first_day, last_day, year_from, year_to) AS (
    (year_to IS NULL OR first_day IS NULL OR first_day <= make_date(year_to, 12, 31))
    AND (year_from IS NULL OR last_day IS NULL OR last_day >= make_date(year_from, 1, 1))
);

CREATE MACRO has_theme(pid, themes) AS (
    len(themes) = 0 OR EXISTS (
        SELECT 1 FROM partnership_issues pi JOIN issues i USING (issue_id)
        WHERE pi.partnership_id = pid AND list_contains(themes, i.theme))
);

CREATE MACRO filtered_partnerships(regions, themes, scales, year_from, year_to, as_of) AS TABLE
SELECT p.*
FROM partnerships p
WHERE picked(regions, p.region_id)
  AND picked(scales, p.scale)
  AND overlaps_period(p.founded_first, p.ended_last, year_from, year_to)
  AND active_on(p.founded_first, p.ended_last, as_of)
  AND has_theme(p.partnership_id, themes);

-- Memberships of the filtered partnerships, by organisations of the chosen sectors,
-- current on the "as of" day (an unknown since/until follows the partnership's dates).
CREATE MACRO filtered_memberships(regions, themes, scales, sectors, year_from, year_to, as_of) AS TABLE
SELECT md.*
FROM membership_detail md
WHERE md.partnership_id IN (
        SELECT partnership_id FROM filtered_partnerships(regions, themes, scales, year_from, year_to, as_of))
  AND picked(sectors, md.sector)
  AND (as_of IS NULL OR ((md.since_first IS NULL OR md.since_first <= as_of)
                         AND (md.until_last IS NULL OR md.until_last >= as_of)));

CREATE MACRO filtered_organisations(regions, sectors) AS TABLE
SELECT o.*
FROM organisations o
WHERE picked(regions, o.region_id) AND picked(sectors, o.sector);
