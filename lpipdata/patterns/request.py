"""What the Patterns view was asked for, read from its URL options and checked.

Every bad value (an unknown condition, a threshold out of range, more than six conditions, a
malformed cell) falls back to a sensible default and is reported once, in plain words, so the
page can show one warning and carry on.

URL options (all text):
- `cases`: partnerships | regions
- `outcome`: a dimension, or `all`
- `conditions`: condition names, comma-separated (2 to 6)
- `cal`: calibrations that differ from the default, `;`-separated: `member_count:8` (crisp, 1 at
  or above 8), `age_years:2/5/10` (fuzzy anchors: exclusion/crossover/inclusion),
  `lead_type=university` (a category: 1 when equal); the outcome's own is `outcome:2`
- `incl`: the consistency cut-off for a truth-table row to count as showing the outcome (0.5 to 1)
- `cell`: the matrix cell whose evidence is listed, `case_id~column`
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lpipdata import qca
from lpipdata.patterns.conditions import (
    ALL_DIMENSIONS, BY_NAME, CASE_KINDS, DEFAULT_CONDITIONS, DEFAULT_OUTCOME_THRESHOLD, conditions_for,
)

OUTCOME_KEY = "outcome"
DEFAULT_INCL = 0.8
INCL_RANGE = (0.5, 1.0)
MIN_CONDITIONS = 2


@dataclass(frozen=True)
class Setting:
    """One calibration as the URL holds it: crisp (one threshold), fuzzy (three anchors), or a
    category value."""

    name: str
    kind: str
    values: tuple[float, ...] = ()
    category: str | None = None

    def encode(self) -> str:
        if self.kind == "category":
            return f"{self.name}={self.category}"
        return f"{self.name}:" + "/".join(f"{v:g}" for v in self.values)


@dataclass(frozen=True)
class Request:
    case_kind: str = "partnerships"
    outcome: str = ALL_DIMENSIONS
    conditions: tuple[str, ...] = DEFAULT_CONDITIONS
    settings: tuple[Setting, ...] = ()
    incl_cut: float = DEFAULT_INCL
    cell: tuple[str, str] | None = None
    problems: tuple[str, ...] = field(default=(), compare=False)

    def setting(self, name: str) -> Setting | None:
        return next((s for s in self.settings if s.name == name), None)

    def encoded(self) -> dict[str, str]:
        return {"cases": self.case_kind, "outcome": self.outcome, "conditions": ",".join(self.conditions),
                "cal": ";".join(s.encode() for s in self.settings), "incl": f"{self.incl_cut:g}"}

    def options(self, with_cell: bool = False) -> dict[str, str]:
        """The URL options that restore this request (defaults left out, but always the kind of case)."""
        defaults = DEFAULT_REQUEST.encoded()
        chosen = {k: v for k, v in self.encoded().items() if v != defaults[k] or k == "cases"}
        if with_cell and self.cell:
            chosen["cell"] = "~".join(self.cell)
        return {k: v for k, v in chosen.items() if v}


DEFAULT_REQUEST = Request()


def parse(options: Mapping[str, str], dimensions: Sequence[str]) -> Request:
    """The request the URL options describe; every problem is reported and defaulted."""
    problems: list[str] = []
    case_kind = options.get("cases") if options.get("cases") in CASE_KINDS else "partnerships"
    outcome = options.get("outcome", ALL_DIMENSIONS)
    if outcome not in (*dimensions, ALL_DIMENSIONS):
        problems.append(f"outcome '{outcome[:40]}' is not a dimension; showing all dimensions")
        outcome = ALL_DIMENSIONS
    return Request(
        case_kind=case_kind, outcome=outcome,
        conditions=_conditions(options.get("conditions"), case_kind, problems),
        settings=_settings(options.get("cal"), case_kind, problems),
        incl_cut=_incl(options.get("incl"), problems),
        cell=_cell(options.get("cell"), problems),
        problems=tuple(problems),
    )


def _conditions(text: str | None, case_kind: str, problems: list[str]) -> tuple[str, ...]:
    if not text:
        return DEFAULT_CONDITIONS
    allowed = {c.name for c in conditions_for(case_kind)}
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in allowed]
    if unknown:
        problems.append(f"unknown condition(s) {', '.join(repr(n[:40]) for n in unknown)} for {case_kind} ignored")
    chosen = tuple(dict.fromkeys(n for n in names if n in allowed))
    reason = qca.check_conditions(chosen) if chosen else None
    if reason and len(chosen) > qca.MAX_CONDITIONS:
        problems.append(f"{len(chosen)} conditions refused: {reason} Using the first {qca.MAX_CONDITIONS}.")
        chosen = chosen[:qca.MAX_CONDITIONS]
    if len(chosen) < MIN_CONDITIONS:
        problems.append(f"choose {MIN_CONDITIONS} to {qca.MAX_CONDITIONS} conditions; using the default ones")
        return DEFAULT_CONDITIONS
    return chosen


def _settings(text: str | None, case_kind: str, problems: list[str]) -> tuple[Setting, ...]:
    settings: dict[str, Setting] = {}
    for part in (text or "").split(";"):
        if part.strip():
            setting = _setting(part.strip(), case_kind, problems)
            if setting:
                settings[setting.name] = setting
    return tuple(settings.values())


def _setting(part: str, case_kind: str, problems: list[str]) -> Setting | None:
    if "=" in part and ":" not in part.split("=")[0]:
        name, value = (s.strip() for s in part.split("=", 1))
        spec = BY_NAME.get(name)
        if spec is None or spec.kind != "category" or not spec.applies_to(case_kind) or not value:
            problems.append(f"calibration '{part[:40]}' is not a category condition with a value; ignored")
            return None
        return Setting(name, "category", category=value)
    name, _, numbers = part.partition(":")
    if name != OUTCOME_KEY and (name not in BY_NAME or BY_NAME[name].kind == "category"
                                or not BY_NAME[name].applies_to(case_kind)):
        problems.append(f"calibration for unknown condition '{name[:40]}' ignored")
        return None
    values = _numbers(numbers)
    problem = _threshold_problem(values)
    if problem:
        problems.append(f"calibration '{part[:40]}': {problem}; using the default")
        return None
    return Setting(name, "crisp" if len(values) == 1 else "fuzzy", values)


def _numbers(text: str) -> tuple[float, ...] | None:
    try:
        return tuple(float(v) for v in text.split("/"))
    except ValueError:
        return None


def _threshold_problem(values: tuple[float, ...] | None) -> str | None:
    if values is None or len(values) not in (1, 3):
        return "give one threshold (crisp) or three anchors a/b/c (fuzzy)"
    if not all(math.isfinite(v) and abs(v) <= 1e6 for v in values):
        return "thresholds must be finite numbers within ±1,000,000"
    if len(values) == 3:
        try:
            qca.check_anchors(*values)
        except ValueError as err:
            return str(err).rstrip(".")
    return None


def _incl(text: str | None, problems: list[str]) -> float:
    if text is None:
        return DEFAULT_INCL
    value = _numbers(text)
    low, high = INCL_RANGE
    if value is None or len(value) != 1 or not low <= value[0] <= high:
        problems.append(f"consistency cut-off '{text[:20]}' is not a number from {low:g} to {high:g}; "
                        f"using {DEFAULT_INCL:g}")
        return DEFAULT_INCL
    return value[0]


def _cell(text: str | None, problems: list[str]) -> tuple[str, str] | None:
    if not text:
        return None
    case_id, sep, column = text.partition("~")
    if not sep or not case_id or not column:
        problems.append(f"cell '{text[:40]}' is not 'case~column'; no cell selected")
        return None
    return case_id, column


def outcome_setting(request: Request) -> Setting:
    return request.setting(OUTCOME_KEY) or Setting(OUTCOME_KEY, "crisp", (DEFAULT_OUTCOME_THRESHOLD,))
