-- Evidence view read models (lpipdata/queries/evidence.py). Built into the database by lpipdata.build.

-- A source is restricted when its visibility says so (interviews, workshops). NULL and unknown
-- ids are not restricted: validation already rejects a source_id that names no source.
CREATE MACRO source_is_restricted(sid) AS (
    coalesce((SELECT s.visibility = 'restricted' FROM sources s WHERE s.source_id = sid), false)
);

-- Every term of the search occurs in the text, ignoring case. contains() takes the term
-- literally, so '%' and '_' typed by a user are not wildcards. No terms matches everything.
CREATE MACRO matches_all(haystack, terms) AS (
    len(terms) = 0
    OR coalesce(list_bool_and(list_transform(terms, lambda t: contains(lower(coalesce(haystack, '')), lower(t)))),
                false)
);

-- Each code with its path from the top of the codebook ('Participation > Lived experience') and its
-- dimension: its own, else its nearest ancestor's. Depth is bounded, so a parent loop (which
-- validation rejects) cannot run forever.
CREATE VIEW code_paths AS
WITH RECURSIVE up(code_id, ancestor_id, depth) AS (
    SELECT code_id, code_id, 0 FROM codes
    UNION ALL
    SELECT up.code_id, c.parent_id, up.depth + 1
    FROM up JOIN codes c ON c.code_id = up.ancestor_id
    WHERE c.parent_id IS NOT NULL AND up.depth < 32
)
SELECT up.code_id, any_value(own.name) AS name, any_value(own.parent_id) AS parent_id,
       string_agg(a.name, ' > ' ORDER BY up.depth DESC) AS path,
       arg_min(a.dimension, up.depth) FILTER (WHERE a.dimension IS NOT NULL) AS dimension,
       max(up.depth) AS depth, list(up.ancestor_id ORDER BY up.depth) AS lineage
FROM up
JOIN codes a ON a.code_id = up.ancestor_id
JOIN codes own ON own.code_id = up.code_id
GROUP BY up.code_id;

-- One row per fact row that cites a source: which table, which row (its primary key joined
-- with '/'), a readable label, and what the Evidence filters need (region, partnership,
-- confidence). Every table with a source_id column appears here; tests/unit/test_evidence_citations.py
-- checks that against the schema, so a new fact table cannot be forgotten.
--
-- `restricted`: the row's own source is restricted, or a row it names directly (its
-- organisation, partnership or region) cites a restricted source, or it is a restricted
-- observation. A public build has already dropped these rows; the flag lets queries hide them
-- again when a research build is served in public mode, and labels never name a hidden row.
CREATE VIEW citations AS
SELECT 1 AS sort_order, 'regions' AS table_name, 'Region' AS record_type, r.region_id AS row_key,
       r.name AS label, r.source_id, r.confidence, r.region_id, NULL::VARCHAR AS partnership_id,
       source_is_restricted(r.source_id) OR source_is_restricted(lead.source_id) AS restricted
FROM regions r
LEFT JOIN organisations lead ON lead.org_id = r.lead_org_id
UNION ALL
SELECT 2, 'region_areas', 'Region area', ra.region_id || '/' || ra.area_code,
       ra.area_name || ' (' || ra.area_type || ' ' || ra.area_code || ') in ' || r.name,
       ra.source_id, ra.confidence, ra.region_id, NULL,
       source_is_restricted(ra.source_id) OR source_is_restricted(r.source_id)
FROM region_areas ra
JOIN regions r USING (region_id)
UNION ALL
SELECT 3, 'organisations', 'Organisation', o.org_id, o.name, o.source_id, o.confidence, o.region_id, NULL,
       source_is_restricted(o.source_id) OR source_is_restricted(r.source_id)
FROM organisations o
LEFT JOIN regions r USING (region_id)
UNION ALL
SELECT 4, 'partnerships', 'Partnership', p.partnership_id, p.name, p.source_id, p.confidence, p.region_id,
       p.partnership_id,
       source_is_restricted(p.source_id) OR source_is_restricted(r.source_id)
FROM partnerships p
LEFT JOIN regions r USING (region_id)
UNION ALL
SELECT 5, 'memberships', 'Membership', m.partnership_id || '/' || m.org_id || '/' || m.role,
       o.name || ' (' || m.role || ') in ' || p.name,
       m.source_id, m.confidence, p.region_id, m.partnership_id,
       source_is_restricted(m.source_id) OR source_is_restricted(o.source_id) OR source_is_restricted(p.source_id)
FROM memberships m
JOIN organisations o USING (org_id)
JOIN partnerships p USING (partnership_id)
UNION ALL
SELECT 6, 'region_issues', 'Region issue', ri.region_id || '/' || ri.issue_id,
       r.name || ': ' || i.name || ' (' || coalesce(ri.emphasis, 'emphasis not recorded') || ')',
       ri.source_id, ri.confidence, ri.region_id, NULL,
       source_is_restricted(ri.source_id) OR source_is_restricted(r.source_id)
FROM region_issues ri
JOIN regions r USING (region_id)
JOIN issues i USING (issue_id)
UNION ALL
SELECT 7, 'partnership_issues', 'Partnership issue', pi.partnership_id || '/' || pi.issue_id,
       p.name || ': ' || i.name || ' (' || coalesce(pi.emphasis, 'emphasis not recorded') || ')',
       pi.source_id, pi.confidence, p.region_id, pi.partnership_id,
       source_is_restricted(pi.source_id) OR source_is_restricted(p.source_id)
FROM partnership_issues pi
JOIN partnerships p USING (partnership_id)
JOIN issues i USING (issue_id)
UNION ALL
SELECT 8, 'events', 'Event', e.event_id, e.title || ' (' || e.date || ')',
       e.source_id, e.confidence, e.region_id, e.partnership_id,
       source_is_restricted(e.source_id) OR source_is_restricted(r.source_id)
           OR source_is_restricted(p.source_id) OR source_is_restricted(o.source_id)
FROM events e
LEFT JOIN regions r ON r.region_id = e.region_id
LEFT JOIN partnerships p ON p.partnership_id = e.partnership_id
LEFT JOIN organisations o ON o.org_id = e.org_id
UNION ALL
SELECT 9, 'observations', 'Observation', ob.observation_id, ob.text,
       ob.source_id, ob.confidence, coalesce(ob.region_id, p.region_id), ob.partnership_id,
       ob.visibility = 'restricted' OR source_is_restricted(ob.source_id)
           OR source_is_restricted(r.source_id) OR source_is_restricted(p.source_id)
FROM observations ob
LEFT JOIN regions r ON r.region_id = ob.region_id
LEFT JOIN partnerships p ON p.partnership_id = ob.partnership_id
UNION ALL
SELECT 10, 'codings', 'Coding', cd.coding_id,
       cp.name || ' (' || cd.direction || ', ' || cd.coder || '): ' || ob.text,
       cd.source_id, cd.confidence, coalesce(cd.region_id, p.region_id), cd.partnership_id,
       ob.visibility = 'restricted' OR source_is_restricted(cd.source_id) OR source_is_restricted(ob.source_id)
           OR source_is_restricted(r.source_id) OR source_is_restricted(p.source_id)
           OR source_is_restricted(o.source_id)
FROM codings cd
JOIN observations ob USING (observation_id)
JOIN code_paths cp USING (code_id)
LEFT JOIN regions r ON r.region_id = cd.region_id
LEFT JOIN partnerships p ON p.partnership_id = cd.partnership_id
LEFT JOIN organisations o ON o.org_id = cd.org_id;

-- Coded evidence, one row per coding, with everything the Evidence and Patterns views need.
-- `restricted` as in `citations`; `dimension` is the code's own or its nearest ancestor's.
CREATE VIEW coded_evidence AS
SELECT cd.coding_id, cd.observation_id, cd.code_id, cp.name AS code_name, cp.path AS code_path, cp.dimension,
       cp.lineage, cd.direction, cd.coder, cd.partnership_id, coalesce(cd.region_id, p.region_id) AS region_id, cd.org_id,
       cd.source_id, cd.confidence, c.restricted
FROM codings cd
JOIN code_paths cp USING (code_id)
LEFT JOIN partnerships p ON p.partnership_id = cd.partnership_id
JOIN citations c ON c.table_name = 'codings' AND c.row_key = cd.coding_id;

-- Visible codings with the chosen code (or a code below it), direction and coder; NULL means any.
CREATE MACRO matching_codings(code, dir, who, public_only) AS TABLE
SELECT * FROM coded_evidence ce
WHERE NOT (public_only AND ce.restricted)
  AND (code IS NULL OR list_contains(ce.lineage, code))
  AND (dir IS NULL OR ce.direction = dir)
  AND (who IS NULL OR ce.coder = who);
