"""Questions the Patterns view asks: each case's conditions and coded outcomes, and the facts and
excerpts behind any one cell. The read models live in lpipdata/sql/60_patterns.sql.

A case is a partnership or a region (`case_kind` 'partnerships' or 'regions'). Restricted
evidence is left out whenever `public_only` is true, as on the Evidence view.
"""

from __future__ import annotations

import pandas as pd

from lpipdata.db import run
from lpipdata.filters import Filters

CONDITION_MACROS = {"partnerships": "partnership_conditions", "regions": "region_conditions"}
FILTER_ARGS = ("$regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[], $sectors::VARCHAR[], "
               "$year_from, $year_to, $as_of::DATE")
PARTNERSHIP_FILTER_ARGS = "$regions::VARCHAR[], $themes::VARCHAR[], $scales::VARCHAR[], $year_from, $year_to, $as_of::DATE"


def conditions(con, filters: Filters, case_kind: str) -> pd.DataFrame:
    """One row per case the filters keep, with every condition (see patterns.conditions).

    Columns: case_id, case_name, region_id, source_id, confidence, then the condition columns.
    """
    macro = CONDITION_MACROS[case_kind]
    return run(con, f"SELECT * FROM {macro}({FILTER_ARGS}) ORDER BY case_name", filters.sql_params())


def outcomes(con, case_kind: str, public_only: bool) -> pd.DataFrame:
    """Coded outcomes per case and dimension ('all' for every dimension).

    Columns: case_id, dimension, enables, hinders, mixed, neutral, net, codings, inferred.
    """
    return run(con, "SELECT * FROM case_outcomes($case_kind, $public_only) ORDER BY case_id, dimension",
               {"case_kind": case_kind, "public_only": public_only})


def excerpts(con, case_kind: str, case_id: str, dimension: str, public_only: bool) -> pd.DataFrame:
    """The coded excerpts behind one outcome cell, with their source and confidence.

    Columns: coding_id, observation_id, text, code_path, dimension, direction, coder, confidence,
    source_id, source_title, source_url, source_kind.
    """
    sql = """
        SELECT ce.coding_id, ce.observation_id, ob.text, ce.code_path, ce.dimension, ce.direction, ce.coder,
               ce.confidence, ce.source_id, s.title AS source_title, s.url AS source_url, s.kind AS source_kind
        FROM coded_evidence ce
        JOIN observations ob USING (observation_id)
        JOIN sources s ON s.source_id = ce.source_id
        WHERE NOT ($public_only AND ce.restricted)
          AND ce.dimension IS NOT NULL
          AND ($dimension = 'all' OR ce.dimension = $dimension)
          AND (CASE WHEN $case_kind = 'regions' THEN ce.region_id ELSE ce.partnership_id END) = $case_id
        ORDER BY ce.direction, ce.code_path, ce.coding_id
    """
    return run(con, sql, {"case_kind": case_kind, "case_id": case_id, "dimension": dimension,
                          "public_only": public_only})


def case_facts(con, filters: Filters, case_kind: str, case_id: str) -> pd.DataFrame:
    """The sourced rows a case's conditions are computed from: for a partnership, its own row, its
    memberships and its core issues; for a region, its row and its partnerships.

    Columns: record, detail, confidence, source_id, source_url.
    """
    if case_kind == "regions":
        sql = f"""
            SELECT 'Region' AS record, r.name AS detail, r.confidence, r.source_id, s.url AS source_url, 0 AS rank
            FROM regions r LEFT JOIN sources s USING (source_id) WHERE r.region_id = $case_id
            UNION ALL
            SELECT 'Partnership', p.name || ' (' || p.scale || ')', p.confidence, p.source_id, s.url, 1
            FROM filtered_partnerships({PARTNERSHIP_FILTER_ARGS}) p
            LEFT JOIN sources s USING (source_id) WHERE p.region_id = $case_id
            ORDER BY rank, detail
        """
    else:
        sql = f"""
            SELECT 'Partnership' AS record,
                   p.name || ' (' || p.scale || ', ' || coalesce(p.governance_form, 'form not recorded')
                          || ', founded ' || coalesce(p.founded, 'date not sourced') || ')' AS detail,
                   p.confidence, p.source_id, s.url AS source_url, 0 AS rank
            FROM partnerships p LEFT JOIN sources s USING (source_id) WHERE p.partnership_id = $case_id
            UNION ALL
            SELECT 'Membership', m.org_name || ' (' || m.role || '; ' || m.org_type || ', ' || m.sector || ')',
                   m.confidence, m.source_id, m.source_url, 1
            FROM filtered_memberships({FILTER_ARGS}) m WHERE m.partnership_id = $case_id
            UNION ALL
            SELECT 'Core issue', i.name || ' (' || i.theme || ')', pi.confidence, pi.source_id, s.url, 2
            FROM partnership_issues pi JOIN issues i USING (issue_id) LEFT JOIN sources s USING (source_id)
            WHERE pi.partnership_id = $case_id AND pi.emphasis = 'core'
            ORDER BY rank, detail
        """
    frame = run(con, sql, {**filters.sql_params(), "case_id": case_id})
    return frame.drop(columns="rank")
