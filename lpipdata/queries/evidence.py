"""Questions the Evidence view asks: search sources and observations, and what a source supports.

Restricted evidence is left out whenever `public_only` is true, whatever the build: a public
build has already dropped it, and the queries hide it again when a research build is served
in public mode. The read models (`citations`, `matches_all`) live in lpipdata/sql/50_evidence.sql.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from lpipdata import dates
from lpipdata.db import run
from lpipdata.highlight import search_terms


@dataclass(frozen=True)
class Search:
    """One evidence search: the typed text plus the view's filters (hashable, so it caches)."""

    text: str = ""
    kind: str | None = None
    confidence: str | None = None
    regions: tuple[str, ...] = ()
    partnership: str | None = None
    code: str | None = None
    direction: str | None = None
    coder: str | None = None
    public_only: bool = True

    @property
    def terms(self) -> tuple[str, ...]:
        return search_terms(self.text)

    @property
    def is_coded(self) -> bool:
        """Whether a code, direction or coder narrows the evidence to matching codings."""
        return bool(self.code or self.direction or self.coder)

    @property
    def is_scoped(self) -> bool:
        """Whether region, partnership, confidence or coding narrow which cited rows count."""
        return bool(self.regions or self.partnership or self.confidence or self.is_coded)

    def params(self) -> dict:
        return {"terms": list(self.terms), "kind": self.kind, "confidence": self.confidence,
                "regions": list(self.regions), "partnership": self.partnership, "public_only": self.public_only,
                "code": self.code, "direction": self.direction, "coder": self.coder}


# Rows a viewer may see: in public mode, nothing restricted.
VISIBLE_CITATIONS = "(SELECT * FROM citations WHERE NOT ($public_only AND restricted))"

# A visible coding with the chosen code (or a code below it), direction and coder.
MATCHING_CODINGS = "matching_codings($code::VARCHAR, $direction::VARCHAR, $coder::VARCHAR, $public_only)"

# A cited row in the chosen regions, partnership and confidence (each empty choice means any);
# with a coding filter, only the matching codings and the excerpts they code count.
IN_SCOPE = f"""picked($regions::VARCHAR[], c.region_id)
              AND ($partnership::VARCHAR IS NULL OR c.partnership_id = $partnership)
              AND ($confidence::VARCHAR IS NULL OR c.confidence = $confidence)
              AND ($code::VARCHAR IS NULL AND $direction::VARCHAR IS NULL AND $coder::VARCHAR IS NULL
                   OR c.table_name = 'codings' AND c.row_key IN (SELECT coding_id FROM {MATCHING_CODINGS} mc)
                   OR c.table_name = 'observations'
                      AND c.row_key IN (SELECT observation_id FROM {MATCHING_CODINGS} mo))"""


def sources(con, search: Search) -> pd.DataFrame:
    """Sources whose title or publisher holds every search term, newest first.

    Region, partnership and confidence keep a source when at least one row it supports has
    them. Columns: source_id, title, publisher, kind, published, published_label, url,
    visibility, supports (how many visible rows cite it).
    """
    sql = f"""
        WITH visible AS {VISIBLE_CITATIONS}
        SELECT s.source_id, s.title, s.publisher, s.kind, s.published, s.url, s.visibility,
               (SELECT count(*) FROM visible c WHERE c.source_id = s.source_id) AS supports
        FROM sources s
        WHERE (NOT $public_only OR s.visibility = 'public')
          AND ($kind::VARCHAR IS NULL OR s.kind = $kind)
          AND matches_all(s.title || ' ' || coalesce(s.publisher, ''), $terms::VARCHAR[])
          AND (NOT $scoped OR EXISTS (SELECT 1 FROM visible c WHERE c.source_id = s.source_id AND {IN_SCOPE}))
        ORDER BY s.published_last DESC NULLS LAST, s.title
    """
    frame = run(con, sql, {**search.params(), "scoped": search.is_scoped})
    frame.insert(frame.columns.get_loc("published") + 1, "published_label",
                 frame["published"].map(_date_label).astype(object))
    return frame


def observations(con, search: Search) -> pd.DataFrame:
    """Observations whose text holds every search term, by region, partnership and dimension.

    `dimensions` and `codes` summarise the excerpt's visible codings (all of them, not only
    those a coding filter matched). Columns: observation_id, text, dimensions, codes, region_id,
    region_name, partnership_id, partnership_name, confidence, visibility, source_id,
    source_title, source_kind, source_url.
    """
    sql = f"""
        WITH coded AS (
            SELECT observation_id,
                   string_agg(DISTINCT dimension, ', ' ORDER BY dimension) AS dimensions,
                   string_agg(code_path || ' (' || direction || ', ' || coder || ')', '; '
                              ORDER BY code_path, coder) AS codes
            FROM coded_evidence WHERE NOT ($public_only AND restricted)
            GROUP BY observation_id
        )
        SELECT o.observation_id, o.text, coalesce(coded.dimensions, '') AS dimensions,
               coalesce(coded.codes, '') AS codes, c.region_id, r.name AS region_name,
               o.partnership_id, p.name AS partnership_name, o.confidence,
               CASE WHEN c.restricted THEN 'restricted' ELSE 'public' END AS visibility,
               o.source_id, s.title AS source_title, s.kind AS source_kind, s.url AS source_url
        FROM observations o
        JOIN {VISIBLE_CITATIONS} c ON c.table_name = 'observations' AND c.row_key = o.observation_id
        JOIN sources s ON s.source_id = o.source_id
        LEFT JOIN partnerships p ON p.partnership_id = o.partnership_id
        LEFT JOIN regions r ON r.region_id = c.region_id
        LEFT JOIN coded USING (observation_id)
        WHERE ($kind::VARCHAR IS NULL OR s.kind = $kind)
          AND matches_all(o.text, $terms::VARCHAR[])
          AND {IN_SCOPE}
        ORDER BY r.name NULLS LAST, p.name NULLS LAST, coded.dimensions NULLS LAST, o.observation_id
    """
    return run(con, sql, search.params())


def codings(con, observation_ids: tuple[str, ...], public_only: bool) -> pd.DataFrame:
    """The visible codings of these excerpts, for the badges beside each one.

    Columns: observation_id, coding_id, code_id, code_name, code_path, dimension, direction,
    coder, confidence, org_id, org_name.
    """
    sql = """
        SELECT ce.observation_id, ce.coding_id, ce.code_id, ce.code_name, ce.code_path, ce.dimension,
               ce.direction, ce.coder, ce.confidence, ce.org_id, o.name AS org_name
        FROM coded_evidence ce
        LEFT JOIN organisations o ON o.org_id = ce.org_id
        WHERE list_contains($ids::VARCHAR[], ce.observation_id) AND NOT ($public_only AND ce.restricted)
        ORDER BY ce.observation_id, ce.code_path, ce.coder, ce.coding_id
    """
    return run(con, sql, {"ids": list(observation_ids), "public_only": public_only})


def codebook(con, public_only: bool) -> pd.DataFrame:
    """Every code with its path, dimension and how many visible codings use it or a code below it.

    Columns: code_id, name, path, dimension, depth, codings.
    """
    sql = """
        SELECT cp.code_id, cp.name, cp.path, cp.dimension, cp.depth,
               (SELECT count(*) FROM coded_evidence ce
                WHERE list_contains(ce.lineage, cp.code_id) AND NOT ($public_only AND ce.restricted)) AS codings
        FROM code_paths cp
        ORDER BY cp.path
    """
    return run(con, sql, {"public_only": public_only})


def coders(con, public_only: bool) -> tuple[str, ...]:
    """The coders of visible codings, by name."""
    frame = run(con, "SELECT DISTINCT coder FROM coded_evidence WHERE NOT ($public_only AND restricted) ORDER BY 1",
                {"public_only": public_only})
    return tuple(frame["coder"])


def supported_rows(con, source_id: str, public_only: bool) -> pd.DataFrame:
    """Every visible row that cites the source, grouped by table.

    Columns: record_type, label, row_key, table_name, confidence, region_id, region_name,
    partnership_id, visibility, source_id, source_url.
    """
    sql = f"""
        SELECT c.record_type, c.label, c.row_key, c.table_name, c.confidence, c.region_id,
               r.name AS region_name, c.partnership_id,
               CASE WHEN c.restricted THEN 'restricted' ELSE 'public' END AS visibility,
               c.source_id, s.url AS source_url
        FROM {VISIBLE_CITATIONS} c
        JOIN sources s ON s.source_id = c.source_id
        LEFT JOIN regions r ON r.region_id = c.region_id
        WHERE c.source_id = $source_id AND (NOT $public_only OR s.visibility = 'public')
        ORDER BY c.sort_order, c.label, c.row_key
    """
    return run(con, sql, {"source_id": source_id, "public_only": public_only})


def source(con, source_id: str, public_only: bool) -> dict | None:
    """One source's fields (as in :func:`sources`) or None when it is absent or hidden."""
    frame = sources(con, Search(public_only=public_only))
    match = frame[frame["source_id"] == source_id]
    return None if match.empty else match.iloc[0].to_dict()


def source_ids(con, public_only: bool) -> tuple[str, ...]:
    """Ids of the sources a viewer may select."""
    frame = run(con, "SELECT source_id FROM sources WHERE NOT $public_only OR visibility = 'public' ORDER BY 1",
                {"public_only": public_only})
    return tuple(frame["source_id"])


def partnership_names(con, public_only: bool) -> dict[str, str]:
    """{partnership_id: name} of the partnerships a viewer may see, by name."""
    frame = run(con, f"""
        SELECT row_key AS partnership_id, label AS name FROM {VISIBLE_CITATIONS} c
        WHERE table_name = 'partnerships' ORDER BY label
    """, {"public_only": public_only})
    return dict(zip(frame["partnership_id"], frame["name"]))


def describe(search: Search, source_count: int, observation_count: int,
             region_names: Mapping[str, str], partnership_names: Mapping[str, str],
             code_names: Mapping[str, str] | None = None) -> str:
    """One plain sentence of what is shown, e.g.
    "2 sources and 1 observation matching 'panel' in Yorkshire and the Humber, sourced facts"."""
    sentence = f"{_count(source_count, 'source')} and {_count(observation_count, 'observation')}"
    if search.terms:
        sentence += f" matching '{' '.join(search.terms)}'"
    qualifiers = []
    if search.kind:
        qualifiers.append(f"from {search.kind} sources")
    if search.regions:
        qualifiers.append("in " + ", ".join(region_names.get(r, r) for r in search.regions))
    if search.partnership:
        qualifiers.append("about " + partnership_names.get(search.partnership, search.partnership))
    if search.confidence:
        qualifiers.append(f"{search.confidence} facts only")
    if search.is_coded:
        qualifiers.append(_coding_phrase(search, code_names))
    return ", ".join([sentence, *qualifiers])


def _coding_phrase(search: Search, code_names: Mapping[str, str] | None) -> str:
    """e.g. "coded Participation (or below), hinders, by researcher-a"."""
    parts = ["coded"]
    if search.code:
        parts.append(f"{(code_names or {}).get(search.code, search.code)} (or below)")
    if search.direction:
        parts.append(search.direction)
    if search.coder:
        parts.append(f"by {search.coder}")
    return parts[0] + " " + ", ".join(parts[1:])


def _date_label(value: object) -> str:
    """The publication date at its own precision; empty when the source gives none."""
    return dates.display(value) if isinstance(value, str) else ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
