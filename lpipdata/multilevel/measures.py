"""Measures of vertical integration: is a local partnership connected upward, through shared
members, to regional and national ones, or do the levels sit apart?

This registry is the measures' one definition: the page, the tables, Compare and the data
dictionary (docs/data-dictionary.md, via :func:`glossary`) all read it. The values are computed
from the read models in lpipdata/sql/70_multilevel.sql for one day at a time (the as-of day, or
each year of a playback), and for the whole view and each region in it.

The tiers are named by their boundary scales; which scales fall in them follows the schema's
order (the `vocabulary` table), so the list of scales is never repeated here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lpipdata.schema import load_schema

LOWER_TIER_TOP = "sub-regional"  # this scale and every scale below it: local and sub-regional partnerships
UPPER_TIER_BOTTOM = "region"  # this scale and every scale above it: regional and national partnerships
ALL = "all"  # the scope id of the whole view
ALL_NAME = "All regions shown"


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    label: str
    definition: str


def _tier(scales: tuple[str, ...], below: bool, boundary: str) -> str:
    position = scales.index(boundary)
    return ", ".join(scales[: position + 1] if below else scales[position:])


def measure_specs(scales: tuple[str, ...] | None = None) -> tuple[MeasureSpec, ...]:
    """Every measure with its definition; the tiers are spelled out from the schema's scales."""
    scales = tuple(scales or load_schema().table("partnerships").field("scale").enum)
    lower, upper = _tier(scales, True, LOWER_TIER_TOP), _tier(scales, False, UPPER_TIER_BOTTOM)
    return (
        MeasureSpec("lower_tier", "Local and sub-regional partnerships",
                    f"Partnerships at {LOWER_TIER_TOP} scale or below ({lower}) active on the day; for a region, "
                    "those based in it."),
        MeasureSpec("connected_upward", "Connected upward",
                    f"Of those, the partnerships with a path to a partnership at {UPPER_TIER_BOTTOM} scale or above "
                    f"({upper}): a chain of cross-level links, each joining two partnerships on different levels "
                    "that share a member organisation on the day. The chain may pass through partnerships of any "
                    "level and of other regions shown."),
        MeasureSpec("share_connected_upward", "Share connected upward",
                    "Connected upward divided by the local and sub-regional partnerships; empty when there are none."),
        MeasureSpec("levels_unlinked", "Levels with no link upward",
                    "The levels at which the scope has partnerships on the day, none of which shares a member "
                    "organisation with a partnership on any higher level, although partnerships on a higher level "
                    "are shown. The highest level shown has nothing above it and is never listed."),
        MeasureSpec("cross_level_links", "Cross-level links",
                    "Pairs of partnerships on different levels that share at least one member organisation on the "
                    "day; for a region, the pairs with at least one partnership in it. A link's weight is the "
                    "number of organisations the two share."),
        MeasureSpec("broker_links", "Links carried (multilevel brokers)",
                    "For an organisation: how many cross-level links it carries, i.e. pairs of partnerships on "
                    "different levels that it is a member of both of. The organisation carrying most is the "
                    "scope's top multilevel broker (ties broken by the levels it spans, then by name)."),
    )


def glossary() -> str:
    """The Markdown section of the data dictionary that defines every multilevel measure."""
    lines = ["## Multilevel measures (computed, not a file)", "",
             "Computed by `lpipdata/multilevel/measures.py` from the read models in `lpipdata/sql/70_multilevel.sql` "
             "(`ladder_partnerships`, `ladder_memberships`, `cross_level_ties`). Nothing here is entered by hand. "
             "Every measure respects the shared filters and is computed for one day: the as-of day, each year of a "
             "playback (31 December, or today for the current year), or, without a day, every recorded partnership "
             "and membership whatever their dates. A partnership is active on a day from its `founded` to its "
             "`ended` date; one whose founding is not sourced is active on no day. A membership counts while both "
             "it (`since` to `until`) and its partnership are active. Measures are given for the whole view and "
             "for each region (a partnership's `region_id`).", "",
             "| measure | definition |", "| --- | --- |"]
    lines += [f"| `{m.name}` | {m.definition} |" for m in measure_specs()]
    lines += ["", "Over time: the page and its CSV give every measure for each year in which something changes "
              "(a partnership or a membership starts or ends), from the founding, ending, since and until dates.", ""]
    return "\n".join(lines)


# --- computing them ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Tiers:
    """The level numbers of the tier boundaries (from queries.multilevel.levels)."""

    lower_top: int
    upper_bottom: int

    @classmethod
    def from_levels(cls, levels: pd.DataFrame) -> Tiers:
        level_of = dict(zip(levels["scale"], levels["level"]))
        return cls(int(level_of[LOWER_TIER_TOP]), int(level_of[UPPER_TIER_BOTTOM]))


SCOPE_COLUMNS = ["scope_id", "scope_name", "partnerships", "levels", "lower_tier", "connected_upward",
                 "share_connected_upward", "levels_unlinked", "cross_level_links", "top_broker", "top_broker_links"]
BROKER_COLUMNS = ["org_id", "org_name", "broker_links", "levels_spanned", "partnerships", "regions"]
NODE_FIELDS = ["partnership_id", "level", "region_id", "region_name"]
TIE_FIELDS = ["lower_id", "upper_id", "lower_level", "upper_level", "org_id", "org_name"]

# Plain Python over the rows: at 100x seed scale pandas' per-group overhead is most of the time.


def _records(frame: pd.DataFrame, fields: list[str]) -> list[tuple]:
    if frame.empty:
        return []
    return list(frame[fields].astype(object).itertuples(index=False, name=None))


def _reached(nodes: list[tuple], ties: list[tuple], tiers: Tiers) -> set[str]:
    """The partnerships (of any tier) with a path of cross-level links to one at the upper tier
    (union-find over the links: the partnerships in a component with an upper-tier one)."""
    parent: dict[str, str] = {node[0]: node[0] for node in nodes}

    def root(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for tie in ties:
        if tie[0] in parent and tie[1] in parent:
            a, b = root(tie[0]), root(tie[1])
            if a != b:
                parent[a] = b
    upper_roots = {root(node[0]) for node in nodes if node[1] >= tiers.upper_bottom}
    return {node[0] for node in nodes if root(node[0]) in upper_roots}


def connected_upward(nodes: pd.DataFrame, ties: pd.DataFrame, tiers: Tiers) -> set[str]:
    """The partnerships (of any tier) with a path of cross-level links to one at the upper tier."""
    return _reached(_records(nodes, NODE_FIELDS), _records(ties, TIE_FIELDS), tiers)


def _ranked(ties: list[tuple], region_of: dict[str, str]) -> list[tuple]:
    """(org_id, org_name, broker_links, levels_spanned, partnerships, regions), most links first."""
    pairs: dict[tuple[str, str], set] = {}
    levels: dict[tuple[str, str], set] = {}
    for lower, upper, lower_level, upper_level, org_id, org_name in ties:
        key = (org_id, org_name)
        pairs.setdefault(key, set()).add((lower, upper))
        levels.setdefault(key, set()).update((lower_level, upper_level))
    rows = []
    for (org_id, org_name), held in pairs.items():
        ids = {p for pair in held for p in pair}
        rows.append((org_id, org_name, len(held), len(levels[(org_id, org_name)]), len(ids),
                     len({region_of.get(p) for p in ids} - {None})))
    return sorted(rows, key=lambda r: (-r[2], -r[3], str(r[1]), str(r[0])))


def _top_broker(ties: list[tuple]) -> tuple[str, int] | None:
    """(name, links carried) of the organisation carrying most cross-level links, as :func:`_ranked`
    would rank it first, without ranking everyone."""
    pairs: dict[str, set] = {}
    levels: dict[str, set] = {}
    names: dict[str, str] = {}
    for lower, upper, lower_level, upper_level, org_id, org_name in ties:
        pairs.setdefault(org_id, set()).add((lower, upper))
        levels.setdefault(org_id, set()).update((lower_level, upper_level))
        names[org_id] = org_name
    if not pairs:
        return None
    best = min(pairs, key=lambda o: (-len(pairs[o]), -len(levels[o]), str(names[o]), str(o)))
    return names[best], len(pairs[best])


def brokers(ties: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """Organisations by the cross-level links they carry, most first (ties: levels spanned, name).

    Columns: org_id, org_name, broker_links, levels_spanned, partnerships, regions.
    """
    region_of = dict(zip(nodes["partnership_id"], nodes["region_id"]))
    return pd.DataFrame(_ranked(_records(ties, TIE_FIELDS), region_of), columns=BROKER_COLUMNS)


def scope_measures(nodes: pd.DataFrame, ties: pd.DataFrame, tiers: Tiers, scale_of: dict[int, str]) -> pd.DataFrame:
    """Every measure for the whole view and for each region in it, on one day.

    `nodes`: the partnerships active on the day and on a rung (partnership_id, level, region_id,
    region_name); `ties`: the cross-level ties that day (queries.multilevel.ties_on); `scale_of`:
    level -> scale name. One row per scope (the view first, then regions by name), SCOPE_COLUMNS.
    """
    return pd.DataFrame(_scope_rows(_records(nodes, NODE_FIELDS), _records(ties, TIE_FIELDS), tiers, scale_of),
                        columns=SCOPE_COLUMNS)


def _scope_rows(nodes: list[tuple], ties: list[tuple], tiers: Tiers, scale_of: dict[int, str]) -> list[dict]:
    nodes = [(pid, int(level), region, name) for pid, level, region, name in nodes]
    reached = _reached(nodes, ties, tiers)
    top_level = max((node[1] for node in nodes), default=0)
    reaching_up = {tie[0] for tie in ties}
    regions = sorted({(node[3], node[2]) for node in nodes})
    scopes = [(ALL, ALL_NAME, nodes)] + [(region, name, [n for n in nodes if n[2] == region])
                                         for name, region in regions]
    rows = []
    for scope_id, scope_name, part in scopes:
        ids = {node[0] for node in part}
        touching = ties if scope_id == ALL else [t for t in ties if t[0] in ids or t[1] in ids]
        lower = [node for node in part if node[1] <= tiers.lower_top]
        connected = sum(node[0] in reached for node in lower)
        top = _top_broker(touching)
        rows.append({
            "scope_id": scope_id, "scope_name": scope_name, "partnerships": len(part),
            "levels": len({node[1] for node in part}), "lower_tier": len(lower), "connected_upward": connected,
            "share_connected_upward": connected / len(lower) if lower else None,
            "levels_unlinked": _levels_unlinked(part, reaching_up, top_level, scale_of),
            "cross_level_links": len({(t[0], t[1]) for t in touching}),
            "top_broker": top[0] if top else None,
            "top_broker_links": top[1] if top else 0,
        })
    return rows


def _levels_unlinked(part: list[tuple], reaching_up: set[str], top_level: int,
                     scale_of: dict[int, str]) -> tuple[str, ...]:
    """The scope's levels below the view's highest whose partnerships share no member upward."""
    out = []
    for level in sorted({node[1] for node in part}):
        if level < top_level and not any(node[0] in reaching_up for node in part if node[1] == level):
            out.append(scale_of.get(level, str(level)))
    return tuple(out)


def over_time(days, nodes_by_day: pd.DataFrame, ties_by_day: pd.DataFrame, tiers: Tiers,
              scale_of: dict[int, str]) -> pd.DataFrame:
    """:func:`scope_measures` for each of `days`: the frames carry a `day` column. One row per day and
    scope, days in order; a day with no partnership still has its row for the whole view."""
    nodes = _by_day(nodes_by_day, NODE_FIELDS)
    ties = _by_day(ties_by_day, TIE_FIELDS)
    rows = [{"day": day, **row} for day in days
            for row in _scope_rows(nodes.get(day, []), ties.get(day, []), tiers, scale_of)]
    return pd.DataFrame(rows, columns=["day", *SCOPE_COLUMNS])


def _by_day(frame: pd.DataFrame, fields: list[str]) -> dict:
    if frame.empty:
        return {}
    grouped: dict = {}
    days = [pd.Timestamp(d).date() for d in frame["day"]]
    for day, record in zip(days, _records(frame, fields)):
        grouped.setdefault(day, []).append(record)
    return grouped
