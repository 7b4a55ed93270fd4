-- Patterns view read models (lpipdata/queries/patterns.py): conditions computed from the data for
-- each case, and outcomes counted from the codings. Nothing here is entered by hand; the meaning
-- of every column is in lpipdata/patterns/conditions.py and the data dictionary.

-- A scale's place in the schema's order: neighbourhood 1 ... UK 7.
CREATE MACRO scale_rank(s) AS (
    (SELECT position FROM vocabulary WHERE table_name = 'partnerships' AND column_name = 'scale' AND value = s)
);

-- Memberships current on a day (all of them when the day is NULL), in partnerships current then.
CREATE MACRO current_memberships(as_of) AS TABLE
SELECT md.*
FROM membership_detail md
WHERE active_on(md.founded_first, md.ended_last, as_of)
  AND (as_of IS NULL OR ((md.since_first IS NULL OR md.since_first <= as_of)
                         AND (md.until_last IS NULL OR md.until_last >= as_of)));

-- One row per partnership that the shared filters keep, with its conditions on the as-of day.
CREATE MACRO partnership_conditions(regions, themes, scales, sectors, year_from, year_to, as_of) AS TABLE
WITH chosen AS (
    SELECT * FROM filtered_partnerships(regions, themes, scales, year_from, year_to, as_of)
), members AS (
    SELECT * FROM filtered_memberships(regions, themes, scales, sectors, year_from, year_to, as_of)
), roster AS (
    SELECT partnership_id,
           count(DISTINCT org_id) AS member_count,
           count(DISTINCT org_region_id) AS regions_spanned,
           bool_or(org_type = 'university') AS has_university,
           bool_or(org_type IN ('local authority', 'combined authority')) AS has_local_authority,
           bool_or(org_type IN ('VCSE', 'community group') OR sector = 'community') AS has_community,
           bool_or(role = 'funder') AS has_funder,
           min(org_type) FILTER (WHERE role IN ('lead', 'co-lead')) AS lead_type
    FROM members GROUP BY partnership_id
), sector_shares AS (
    SELECT partnership_id, sector,
           count(DISTINCT org_id) / sum(count(DISTINCT org_id)) OVER (PARTITION BY partnership_id) AS share
    FROM members GROUP BY partnership_id, sector
), sector_mix AS (
    SELECT partnership_id, count(*) AS sector_count, 1 - sum(share * share) AS sector_diversity
    FROM sector_shares GROUP BY partnership_id
), reach AS (
    SELECT m.partnership_id,
           count(DISTINCT other.scale) AS scales_spanned,
           count(DISTINCT other.partnership_id) FILTER (WHERE other.partnership_id <> m.partnership_id) AS embeddedness
    FROM (SELECT DISTINCT partnership_id, org_id FROM members) m
    JOIN current_memberships(as_of) other USING (org_id)
    GROUP BY m.partnership_id
), core_themes AS (
    SELECT pi.partnership_id,
           bool_or(i.theme = 'net zero') AS core_net_zero,
           bool_or(i.theme = 'inclusive growth') AS core_inclusive_growth
    FROM partnership_issues pi JOIN issues i USING (issue_id)
    WHERE pi.emphasis = 'core'
    GROUP BY pi.partnership_id
)
SELECT p.partnership_id AS case_id, p.name AS case_name, p.region_id, p.source_id, p.confidence,
       p.scale, scale_rank(p.scale) AS scale_rank, p.governance_form,
       coalesce(roster.member_count, 0) AS member_count,
       coalesce(roster.regions_spanned, 0) AS regions_spanned,
       coalesce(reach.scales_spanned, 1) AS scales_spanned,
       coalesce(sector_mix.sector_count, 0) AS sector_count,
       round(coalesce(sector_mix.sector_diversity, 0), 3) AS sector_diversity,
       coalesce(roster.has_university, false) AS has_university,
       coalesce(roster.has_local_authority, false) AS has_local_authority,
       coalesce(roster.has_community, false) AS has_community,
       roster.lead_type,
       -- greatest() skips NULLs, so an unknown founding date must stay NULL explicitly.
       CASE WHEN p.founded_first IS NOT NULL
            THEN round(greatest(0, datediff('day', p.founded_first, coalesce(as_of, current_date)) / 365.25), 1)
       END AS age_years,
       coalesce(core_themes.core_net_zero, false) AS core_net_zero,
       coalesce(core_themes.core_inclusive_growth, false) AS core_inclusive_growth,
       coalesce(reach.embeddedness, 0) AS embeddedness,
       coalesce(roster.has_funder, false) AS has_funder
FROM chosen p
LEFT JOIN roster USING (partnership_id)
LEFT JOIN sector_mix USING (partnership_id)
LEFT JOIN reach USING (partnership_id)
LEFT JOIN core_themes USING (partnership_id);

-- The matching aggregates per region, over the partnerships the filters keep in it. Yes/no
-- conditions become the share of its partnerships that have them.
CREATE MACRO region_conditions(regions, themes, scales, sectors, year_from, year_to, as_of) AS TABLE
WITH cases AS (
    SELECT * FROM partnership_conditions(regions, themes, scales, sectors, year_from, year_to, as_of)
), members AS (
    SELECT * FROM filtered_memberships(regions, themes, scales, sectors, year_from, year_to, as_of)
), sector_shares AS (
    SELECT partnership_region_id AS region_id, sector,
           count(DISTINCT org_id) / sum(count(DISTINCT org_id)) OVER (PARTITION BY partnership_region_id) AS share
    FROM members GROUP BY partnership_region_id, sector
), sector_mix AS (
    SELECT region_id, count(*) AS sector_count, 1 - sum(share * share) AS sector_diversity
    FROM sector_shares GROUP BY region_id
), people AS (
    SELECT partnership_region_id AS region_id, count(DISTINCT org_id) AS member_count,
           count(DISTINCT org_region_id) AS regions_spanned
    FROM members GROUP BY partnership_region_id
)
SELECT r.region_id AS case_id, r.name AS case_name, r.region_id, r.source_id, r.confidence,
       count(*) AS partnership_count,
       coalesce(any_value(people.member_count), 0) AS member_count,
       coalesce(any_value(people.regions_spanned), 0) AS regions_spanned,
       count(DISTINCT c.scale) AS scales_spanned,
       max(c.scale_rank) AS scale_rank,
       coalesce(any_value(sector_mix.sector_count), 0) AS sector_count,
       round(coalesce(any_value(sector_mix.sector_diversity), 0), 3) AS sector_diversity,
       round(avg(c.has_university::INTEGER), 3) AS has_university,
       round(avg(c.has_local_authority::INTEGER), 3) AS has_local_authority,
       round(avg(c.has_community::INTEGER), 3) AS has_community,
       round(median(c.age_years), 1) AS age_years,
       round(avg(c.core_net_zero::INTEGER), 3) AS core_net_zero,
       round(avg(c.core_inclusive_growth::INTEGER), 3) AS core_inclusive_growth,
       round(avg(c.embeddedness), 1) AS embeddedness,
       round(avg(c.has_funder::INTEGER), 3) AS has_funder
FROM cases c
JOIN regions r USING (region_id)
LEFT JOIN people USING (region_id)
LEFT JOIN sector_mix USING (region_id)
GROUP BY r.region_id, r.name, r.source_id, r.confidence;

-- Coded outcomes per case and dimension (and 'all' dimensions): how many visible codings say the
-- case enables, hinders, is mixed or neutral, and the net score (enables minus hinders).
CREATE MACRO case_outcomes(case_kind, public_only) AS TABLE
WITH visible AS (
    SELECT CASE WHEN case_kind = 'regions' THEN region_id ELSE partnership_id END AS case_id, *
    FROM coded_evidence
    WHERE NOT (public_only AND restricted) AND dimension IS NOT NULL
)
SELECT case_id, coalesce(dimension, 'all') AS dimension,
       count(*) FILTER (WHERE direction = 'enables') AS enables,
       count(*) FILTER (WHERE direction = 'hinders') AS hinders,
       count(*) FILTER (WHERE direction = 'mixed') AS mixed,
       count(*) FILTER (WHERE direction = 'neutral') AS neutral,
       count(*) FILTER (WHERE direction = 'enables') - count(*) FILTER (WHERE direction = 'hinders') AS net,
       count(*) AS codings,
       count(*) FILTER (WHERE confidence = 'inferred') AS inferred
FROM visible
WHERE case_id IS NOT NULL
GROUP BY GROUPING SETS ((case_id, dimension), (case_id));
