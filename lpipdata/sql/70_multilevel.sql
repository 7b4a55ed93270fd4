-- Multilevel view read models (lpipdata/queries/multilevel.py): partnerships on a ladder of scales,
-- and the organisations they share across levels. Nothing here is entered by hand; the measures built
-- on these are defined in lpipdata/multilevel/measures.py and the data dictionary.
--
-- Days: every macro that takes `days` (a list of dates) answers for each of them at once, so the page
-- can ask for one "as of" day or for every year of a playback in one query. A NULL day means "no as-of
-- day": everything recorded, whatever its dates (active_on() is true for a NULL day).

-- Each scale's level: its place in the schema's order (neighbourhood 1 ... UK 7).
CREATE VIEW scale_levels AS
SELECT value AS scale, position AS level
FROM vocabulary
WHERE table_name = 'partnerships' AND column_name = 'scale';

-- The partnerships the shared filters keep, whatever their dates, with their level (NULL for a scale
-- the schema does not list). A sector filter keeps a partnership with a member in one of the sectors.
CREATE MACRO ladder_partnerships(regions, themes, scales, sectors, year_from, year_to) AS TABLE
SELECT p.partnership_id, p.name, p.acronym, p.scale, sl.level, p.region_id, r.name AS region_name,
       p.governance_form, p.founded, p.ended, p.founded_first, p.ended_last, p.confidence, p.source_id,
       s.title AS source_title, s.url AS source_url
FROM filtered_partnerships(regions, themes, scales, year_from, year_to, NULL::DATE) p
JOIN regions r ON r.region_id = p.region_id
LEFT JOIN scale_levels sl ON sl.scale = p.scale
LEFT JOIN sources s ON s.source_id = p.source_id
WHERE len(sectors) = 0 OR p.partnership_id IN (
    SELECT md.partnership_id FROM membership_detail md WHERE list_contains(sectors, md.sector));

-- Memberships of those partnerships (by organisations of the chosen sectors), with the days each holds:
-- from the later of the partnership's founding and the membership's start to the earlier of their
-- ends. held_from is NULL when the founding is not sourced, so, as in active_on(), such a membership
-- holds on no as-of day; without one it counts. These are filtered_memberships' rules, for many days.
CREATE MACRO ladder_memberships(regions, themes, scales, sectors, year_from, year_to) AS TABLE
SELECT md.partnership_id, lp.level, lp.region_id, md.org_id, md.org_name, md.org_type, md.sector, md.role,
       md.confidence, md.source_id, md.source_url,
       CASE WHEN md.founded_first IS NOT NULL THEN greatest(md.founded_first, md.since_first) END AS held_from,
       least(md.ended_last, md.until_last) AS held_to
FROM membership_detail md
JOIN ladder_partnerships(regions, themes, scales, sectors, year_from, year_to) lp USING (partnership_id)
WHERE picked(sectors, md.sector);

-- The partnerships active on each day.
CREATE MACRO ladder_partnerships_on(regions, themes, scales, sectors, year_from, year_to, days) AS TABLE
SELECT d.day, p.*
FROM ladder_partnerships(regions, themes, scales, sectors, year_from, year_to) p,
     (SELECT unnest(days) AS day) d
WHERE active_on(p.founded_first, p.ended_last, d.day);

-- Cross-level ties on each day: one organisation holding memberships of two partnerships on
-- different levels on that day. The page's links are these ties grouped by pair of partnerships.
CREATE MACRO cross_level_ties(regions, themes, scales, sectors, year_from, year_to, days) AS TABLE
WITH held AS (
    SELECT DISTINCT d.day, m.partnership_id, m.level, m.region_id, m.org_id
    FROM ladder_memberships(regions, themes, scales, sectors, year_from, year_to) m,
         (SELECT unnest(days) AS day) d
    WHERE m.level IS NOT NULL AND active_on(m.held_from, m.held_to, d.day)
)
SELECT lo.day, lo.partnership_id AS lower_id, hi.partnership_id AS upper_id, lo.level AS lower_level,
       hi.level AS upper_level, lo.region_id AS lower_region_id, hi.region_id AS upper_region_id, lo.org_id
FROM held lo
JOIN held hi ON hi.org_id = lo.org_id AND hi.level > lo.level AND hi.day IS NOT DISTINCT FROM lo.day;
