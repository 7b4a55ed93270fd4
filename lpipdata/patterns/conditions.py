"""The conditions and outcomes of the Patterns view: what each column of the read model means,
and how it is calibrated by default.

The values come from lpipdata/sql/60_patterns.sql (computed at build time from the data, never
entered by hand); this registry is their one definition, used by the page, the calibration and
the data dictionary (docs/data-dictionary.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["count", "number", "yes/no", "share", "category"]
CASE_KINDS = {"partnerships": "Partnerships", "regions": "Regions"}
ALL_DIMENSIONS = "all"


@dataclass(frozen=True)
class ConditionSpec:
    """One condition: its column, short label, plain-English measure and definition.

    `default` is the crisp threshold (1 at or above it) for partnerships and `region_default` for
    regions, or None where the condition does not apply to that kind of case. A category's
    default is chosen from the data (its most common value).
    """

    name: str
    label: str
    measure: str
    kind: Kind
    definition: str
    default: float | None
    region_default: float | None

    def applies_to(self, case_kind: str) -> bool:
        return (self.default if case_kind == "partnerships" else self.region_default) is not None \
            or (self.kind == "category" and case_kind == "partnerships")

    def default_for(self, case_kind: str) -> float | None:
        return self.default if case_kind == "partnerships" else self.region_default


CONDITIONS: tuple[ConditionSpec, ...] = (
    ConditionSpec("scale_rank", "Scale", "scale rank", "count",
                  "The partnership's scale as its place in the schema's order (neighbourhood 1, local 2, "
                  "sub-regional 3, city-region 4, region 5, nation 6, UK 7); for a region, its widest partnership.",
                  5, 6),
    ConditionSpec("scales_spanned", "Scales spanned", "scales spanned", "count",
                  "How many distinct scales the partnerships of its member organisations cover, this one included "
                  "(memberships current on the as-of day); for a region, the distinct scales of its partnerships.",
                  3, 3),
    ConditionSpec("regions_spanned", "Regions spanned", "regions spanned", "count",
                  "How many distinct regions its member organisations are based in.", 2, 3),
    ConditionSpec("member_count", "Members", "member count", "count",
                  "Distinct member organisations on the as-of day (all recorded members without one).", 5, 20),
    ConditionSpec("sector_count", "Sectors", "sector count", "count",
                  "Distinct sectors (public, private, third, academic, community) among its members.", 3, 3),
    ConditionSpec("sector_diversity", "Sector diversity", "sector diversity", "number",
                  "Blau's index of the members' sectors: 1 minus the sum of squared sector shares; 0 when one sector, "
                  "0.8 at most with five equal sectors.", 0.4, 0.5),
    ConditionSpec("has_university", "University member", "university member", "yes/no",
                  "A university is a member; for a region, the share of its partnerships with one.", 1, 0.5),
    ConditionSpec("has_local_authority", "Local authority member", "local authority member", "yes/no",
                  "A local or combined authority is a member; for a region, the share of its partnerships with one.",
                  1, 0.5),
    ConditionSpec("has_community", "Community member", "community member", "yes/no",
                  "A VCSE or community group (or a community-sector organisation) is a member; for a region, the "
                  "share of its partnerships with one.", 1, 0.25),
    ConditionSpec("lead_type", "Lead type", "lead type", "category",
                  "The organisation type of the member in the lead (or co-lead) role; empty when no lead is recorded. "
                  "Calibrated as 1 when it is the chosen type.", None, None),
    ConditionSpec("age_years", "Age", "age in years", "number",
                  "Years from founding to the as-of day (today without one); empty when the founding date is not "
                  "sourced. For a region, the median of its partnerships.", 5, 5),
    ConditionSpec("governance_form", "Governance form", "governance form", "category",
                  "The partnership's governance form as its source describes it. Calibrated as 1 when it is the "
                  "chosen form.", None, None),
    ConditionSpec("core_net_zero", "Net zero core", "net zero core", "yes/no",
                  "Net zero is a core issue (an issue of theme 'net zero' with emphasis 'core'); for a region, the "
                  "share of its partnerships.", 1, 0.5),
    ConditionSpec("core_inclusive_growth", "Inclusive growth core", "inclusive growth core", "yes/no",
                  "Inclusive growth is a core issue; for a region, the share of its partnerships.", 1, 0.5),
    ConditionSpec("embeddedness", "Embeddedness", "embeddedness", "count",
                  "How many other partnerships share at least one member organisation with it (current on the as-of "
                  "day); for a region, the mean over its partnerships.", 3, 3),
    ConditionSpec("has_funder", "Funder member", "funder member", "yes/no",
                  "Funding, where known: a member is recorded in the 'funder' role. Amounts are not in the data. "
                  "For a region, the share of its partnerships with a recorded funder.", 1, 0.25),
)
BY_NAME = {c.name: c for c in CONDITIONS}
DEFAULT_CONDITIONS = ("has_community", "scales_spanned", "embeddedness")

OUTCOME_COLUMNS = {
    "enables": "Codings saying the case enables what the code names.",
    "hinders": "Codings saying the case holds it back.",
    "mixed": "Codings that find a mixed picture.",
    "neutral": "Codings that describe without judging.",
    "net": "The net score: enables minus hinders.",
    "codings": "All visible codings of the case in the dimension.",
    "inferred": "How many of those codings are the atlas team's inferred reading, not a researcher's.",
}
DEFAULT_OUTCOME_THRESHOLD = 1.0  # crisp: the outcome is present when enables outnumber hinders


def conditions_for(case_kind: str) -> tuple[ConditionSpec, ...]:
    return tuple(c for c in CONDITIONS if c.applies_to(case_kind))


def glossary() -> str:
    """The Markdown section of the data dictionary that defines every condition and outcome."""
    lines = ["## Patterns read model (computed, not a file)", "",
             "Computed at build time by `lpipdata/sql/60_patterns.sql` (`partnership_conditions`, "
             "`region_conditions`, `case_outcomes`) and defined in `lpipdata/patterns/conditions.py`. "
             "Nothing here is entered by hand. Every condition respects the shared filters and the as-of day.",
             "", "| condition | kind | default crisp threshold (partnerships / regions) | definition |",
             "| --- | --- | --- | --- |"]
    for c in CONDITIONS:
        default = "most common value" if c.kind == "category" else f"≥ {c.default:g} / " + (
            f"≥ {c.region_default:g}" if c.region_default is not None else "n/a")
        lines.append(f"| `{c.name}` | {c.kind} | {default} | {c.definition} |")
    lines += ["", "Outcomes are counted per case (partnership or region) and dimension, from the visible codings "
              "(restricted ones never in a public build); the dimension `all` counts every dimension.", "",
              "| outcome column | definition |", "| --- | --- |"]
    lines += [f"| `{name}` | {text} |" for name, text in OUTCOME_COLUMNS.items()]
    lines += ["", f"By default an outcome is present (1) when its net score is at least {DEFAULT_OUTCOME_THRESHOLD:g}.", ""]
    return "\n".join(lines)
