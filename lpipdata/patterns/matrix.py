"""The case-by-column matrix of the Patterns view: every condition, then every outcome, per case.

A cell holds the case's calibrated membership (the colour) and its raw value in words (the
text). The matrix lists the cases with any coded evidence, most codings first, up to MAX_CASES.
"""

from __future__ import annotations

import pandas as pd

from lpipdata.patterns.analysis import membership, setting_for
from lpipdata.patterns.conditions import ALL_DIMENSIONS, conditions_for
from lpipdata.patterns.request import Request, outcome_setting

MAX_CASES = 60
CELL_COLUMNS = ["case_id", "case_name", "column", "label", "group", "membership", "shown"]


def outcome_column(dimension: str) -> str:
    return f"outcome:{dimension}"


def dimension_of(column: str) -> str | None:
    """The dimension an outcome column stands for, or None for a condition column."""
    return column.split(":", 1)[1] if column.startswith("outcome:") else None


def matrix_cells(conditions: pd.DataFrame, outcomes: pd.DataFrame, request: Request) -> tuple[pd.DataFrame, int]:
    """Long frame of cells (CELL_COLUMNS) and how many coded cases the cap left out."""
    totals = outcomes[outcomes["dimension"] == ALL_DIMENSIONS].set_index("case_id")["codings"]
    cases = conditions.set_index("case_id").join(totals, how="inner").sort_values(
        ["codings", "case_name"], ascending=[False, True])
    shown = cases.head(MAX_CASES)
    cells = [*_condition_cells(shown, request), *_outcome_cells(shown, outcomes, request)]
    frame = pd.DataFrame(cells, columns=CELL_COLUMNS) if cells else pd.DataFrame(columns=CELL_COLUMNS)
    return frame, len(cases) - len(shown)


def _condition_cells(cases: pd.DataFrame, request: Request) -> list[tuple]:
    cells = []
    for spec in conditions_for(request.case_kind):
        values = cases[spec.name]
        calibrated, _ = membership(setting_for(request, spec.name, values), values, spec.measure)
        cells += [(case_id, cases.at[case_id, "case_name"], spec.name, spec.label, "condition",
                   calibrated[case_id], _raw_text(values[case_id], spec.kind)) for case_id in cases.index]
    return cells


def _outcome_cells(cases: pd.DataFrame, outcomes: pd.DataFrame, request: Request) -> list[tuple]:
    cells = []
    setting = outcome_setting(request)
    for dimension in dimensions_present(outcomes):
        counts = outcomes[outcomes["dimension"] == dimension].set_index("case_id").reindex(cases.index)
        calibrated, _ = membership(setting, counts["net"], "net score")
        label = "All dimensions" if dimension == ALL_DIMENSIONS else dimension.capitalize()
        cells += [(case_id, cases.at[case_id, "case_name"], outcome_column(dimension), label, "outcome",
                   calibrated[case_id], _outcome_text(counts.loc[case_id])) for case_id in cases.index]
    return cells


def dimensions_present(outcomes: pd.DataFrame) -> list[str]:
    """The dimensions with any coding, in the codebook's order, then 'all'."""
    present = [d for d in outcomes["dimension"].unique() if d != ALL_DIMENSIONS]
    return sorted(present) + ([ALL_DIMENSIONS] if len(outcomes) else [])


def _raw_text(value: object, kind: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "not recorded"
    if kind == "yes/no" and isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def _outcome_text(counts: pd.Series) -> str:
    if pd.isna(counts["codings"]):
        return "no coded evidence"
    return (f"net {int(counts['net']):+d}: {int(counts['enables'])} enables, {int(counts['hinders'])} hinders, "
            f"{int(counts['mixed'])} mixed, {int(counts['neutral'])} neutral")


def wide(cells: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a table (the chart's alternative and its CSV): one row per case, each column's
    raw value and its calibrated membership side by side."""
    if cells.empty:
        return pd.DataFrame(columns=["case_id", "case"])
    raw = cells.pivot(index=["case_id", "case_name"], columns="label", values="shown")
    member = cells.pivot(index=["case_id", "case_name"], columns="label", values="membership")
    order = list(dict.fromkeys(cells["label"]))
    parts = {}
    for label in order:
        parts[label] = raw[label]
        parts[f"{label} (membership)"] = member[label].round(3)
    table = pd.DataFrame(parts).reset_index().rename(columns={"case_name": "case"})
    return table.sort_values("case", kind="stable").reset_index(drop=True)
