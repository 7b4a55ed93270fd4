"""From the read model to a QCA result: the case table, calibration, truth table, solutions,
necessity, and the plain facts the page states above the result.

Pure functions over DataFrames; the page fetches `conditions` and `outcomes` from
lpipdata.queries.patterns and passes them in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lpipdata import qca
from lpipdata.patterns.conditions import BY_NAME, ConditionSpec
from lpipdata.patterns.request import OUTCOME_KEY, Request, Setting, outcome_setting

OUTCOME_COUNTS = ("enables", "hinders", "mixed", "neutral", "net", "codings", "inferred")


@dataclass(frozen=True)
class Calibrated:
    """The cases with coded evidence on the outcome: raw values, memberships and how each was set."""

    raw: pd.DataFrame
    memberships: pd.DataFrame
    rules: dict[str, str]
    outcome_column: str
    cases_without_evidence: int


@dataclass(frozen=True)
class Result:
    calibrated: Calibrated
    table: qca.TruthTable | None
    conservative: qca.Solution | None
    parsimonious: qca.Solution | None
    necessity: pd.DataFrame
    reason: str | None  # why there is no truth table, in words with a way forward


def case_table(conditions: pd.DataFrame, outcomes: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Conditions joined to the outcome counts of one dimension; cases without codings there drop out."""
    counts = outcomes[outcomes["dimension"] == dimension].set_index("case_id")[list(OUTCOME_COUNTS)]
    return conditions.set_index("case_id").join(counts, how="inner")


def default_setting(spec: ConditionSpec, case_kind: str, values: pd.Series) -> Setting:
    if spec.kind == "category":
        common = values.dropna().mode()
        return Setting(spec.name, "category", category=str(common.iloc[0]) if len(common) else "")
    return Setting(spec.name, "crisp", (float(spec.default_for(case_kind)),))


def setting_for(request: Request, name: str, values: pd.Series) -> Setting:
    return request.setting(name) or default_setting(BY_NAME[name], request.case_kind, values)


def membership(setting: Setting, values: pd.Series, measure: str) -> tuple[pd.Series, str]:
    """The calibrated memberships and the rule in words."""
    if setting.kind == "category":
        calibrated = values.map(lambda v: float(v == setting.category) if isinstance(v, str) else float("nan"))
        return calibrated, f"1 when {measure} is '{setting.category}'"
    numeric = pd.to_numeric(values.map(lambda v: float(v) if v is not None else float("nan")), errors="coerce")
    rule = qca.Calibration(setting.name, setting.kind, setting.values, measure=measure)
    is_yes_no = values.map(lambda v: isinstance(v, bool)).all() and setting.values == (1.0,)
    return rule.apply(numeric), f"1 when {measure} is yes" if is_yes_no else rule.describe()


def measure_for(spec: ConditionSpec, case_kind: str) -> str:
    """The measure in words; a region's yes/no conditions are shares of its partnerships."""
    if case_kind == "regions" and spec.kind == "yes/no":
        return f"share of partnerships with a {spec.measure}" if spec.measure.endswith("member") \
            else f"share of partnerships with {spec.measure}"
    return spec.measure


def set_phrase(rule: str, label: str) -> str:
    """A calibration rule as the name of its set, for solutions in words: '1 when member count ≥ 20'
    -> 'member count ≥ 20'; a fuzzy set is named by its label."""
    if rule.startswith("fuzzy"):
        return f"{label.lower()} (fuzzy)"
    return rule.removeprefix("1 when ").removesuffix(" is yes")


def calibrate(table: pd.DataFrame, request: Request, columns: tuple[str, ...], total_cases: int) -> Calibrated:
    """Memberships for `columns` (conditions) and the outcome, with the rule used for each."""
    memberships, rules = {}, {}
    for name in columns:
        setting = setting_for(request, name, table[name])
        memberships[name], rules[name] = membership(setting, table[name], measure_for(BY_NAME[name], request.case_kind))
    outcome_column = f"{request.outcome}_outcome"
    memberships[outcome_column], rules[OUTCOME_KEY] = membership(outcome_setting(request), table["net"],
                                                                 "the net score")
    frame = pd.DataFrame(memberships, index=table.index)
    return Calibrated(table, frame, rules, outcome_column, total_cases - len(table))


def analyse(conditions: pd.DataFrame, outcomes: pd.DataFrame, request: Request) -> Result:
    """The full analysis of the request, or a Result with the reason it cannot be run."""
    table = case_table(conditions, outcomes, request.outcome)
    calibrated = calibrate(table, request, request.conditions, len(conditions))
    if table.empty:
        return Result(calibrated, None, None, None, pd.DataFrame(), no_evidence_reason(request))
    data, outcome = calibrated.memberships, calibrated.outcome_column
    tt = qca.truth_table(data, outcome, request.conditions, incl_cut=request.incl_cut)
    return Result(calibrated, tt, qca.minimise(tt, include_remainders=False),
                  qca.minimise(tt, include_remainders=True),
                  qca.necessity(data.dropna(subset=list(request.conditions) + [outcome]), outcome,
                                request.conditions),
                  None)


def no_evidence_reason(request: Request) -> str:
    what = "any dimension" if request.outcome == "all" else f"'{request.outcome}'"
    return (f"No {request.case_kind} have visible coded evidence on {what}, so there is no outcome to analyse. "
            "Add coded excerpts (see the README, 'Adding coded interview evidence': "
            "`python -m lpipdata evidence import FILE`), rebuild, choose another outcome, or widen the filters.")


def honesty(result: Result, request: Request) -> list[str]:
    """What a reader must know before reading the result, one plain sentence each."""
    calibrated, tt = result.calibrated, result.table
    raw = calibrated.raw
    sentences = [f"{len(raw)} {request.case_kind} have coded evidence on this outcome; "
                 f"{calibrated.cases_without_evidence} others that the filters keep have none and are left out."]
    if tt is not None:
        k = len(tt.conditions)
        sentences.append(f"{tt.remainders} of the {2 ** k} configurations of {k} conditions have no case "
                         "(limited diversity): the parsimonious solution assumes things about them.")
        if tt.missing:
            sentences.append(f"{len(tt.missing)} case(s) lack a value for a chosen condition and are left out: "
                             + ", ".join(map(str, tt.missing[:8])) + ("…" if len(tt.missing) > 8 else "") + ".")
        if tt.ambiguous:
            sentences.append(f"{len(tt.ambiguous)} case(s) sit exactly at 0.5 on a condition and fit no row.")
    inferred, total = int(raw["inferred"].sum()), int(raw["codings"].sum())
    if inferred:
        sentences.append(f"{inferred} of the {total} codings behind the outcome are the atlas team's inferred "
                         "reading of public text, not a researcher's coding.")
    return sentences
