"""The truth table: one row per configuration of the conditions, with its cases and fit.

Rows follow R's QCA numbering: row r is configuration r - 1 written in binary, the first condition
the most significant digit, so row 1 is all absent and row 2**k all present.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lpipdata.qca.measures import at_least, sufficiency_fit

MAX_CONDITIONS = 6  # what the page allows: beyond it, limited diversity swamps the analysis
# What the engine accepts: 1,024 rows. sympy then needs tens of seconds for a parsimonious
# solution (about 0.2 s at 8 conditions), another reason the page stops at MAX_CONDITIONS.
ENGINE_MAX_CONDITIONS = 10
POSITIVE, NEGATIVE, REMAINDER = "1", "0", "?"
ROW_COLUMNS = ("OUT", "n", "incl", "PRI", "cov", "cases")


@dataclass(frozen=True, eq=False)
class TruthTable:
    """A truth table and what it was built from.

    `rows` is indexed by R's row number and holds the condition columns (0/1), OUT ("1", "0" or
    "?" for a remainder), n, incl, PRI, cov and cases (a tuple of case ids). incl, PRI and cov are
    NaN for rows without cases, as R prints "-". `memberships` are the complete cases' calibrated
    values; `ambiguous` cases sit exactly on 0.5 in some condition and so belong to no row;
    `missing` cases lack a value and were left out.
    """

    outcome: str
    conditions: tuple[str, ...]
    incl_cut: float
    n_cut: int
    rows: pd.DataFrame
    memberships: pd.DataFrame
    ambiguous: tuple[Hashable, ...]
    missing: tuple[Hashable, ...]

    @property
    def positive(self) -> pd.DataFrame:
        """Rows with enough cases that pass the consistency cut-off (OUT = 1)."""
        return self.rows[self.rows["OUT"] == POSITIVE]

    @property
    def negative(self) -> pd.DataFrame:
        """Rows with enough cases that fail the consistency cut-off (OUT = 0)."""
        return self.rows[self.rows["OUT"] == NEGATIVE]

    @property
    def remainder_rows(self) -> pd.DataFrame:
        """Rows with fewer than n_cut cases: configurations the data cannot speak to."""
        return self.rows[self.rows["OUT"] == REMAINDER]

    @property
    def remainders(self) -> int:
        """How many rows are remainders (limited diversity)."""
        return len(self.remainder_rows)

    def to_frame(self) -> pd.DataFrame:
        """The rows for display or download, cases joined into one comma-separated text."""
        frame = self.rows.copy()
        frame["cases"] = frame["cases"].map(lambda cases: ", ".join(str(case) for case in cases))
        return frame


def check_conditions(conditions: Sequence[str]) -> str | None:
    """Why this choice of conditions cannot be analysed on the page, or None when it can."""
    count = len(conditions)
    if count == 0:
        return "Choose at least one condition."
    if len(set(conditions)) != count:
        return "Each condition can be chosen only once."
    if count > MAX_CONDITIONS:
        return (f"{MAX_CONDITIONS} conditions make {2 ** MAX_CONDITIONS} configurations; more than that "
                f"leaves almost every row without a case ({count} make {2 ** count}).")
    return None


def truth_table(data: pd.DataFrame, outcome: str, conditions: Sequence[str],
                incl_cut: float = 0.8, n_cut: int = 1) -> TruthTable:
    """Build the full truth table (all 2**k rows, remainders included) from calibrated data.

    `data` holds memberships in [0, 1], one row per case, indexed by case id. A row's OUT is "1"
    when it has at least `n_cut` cases and consistency at least `incl_cut`, "0" when it has the
    cases but not the consistency, "?" otherwise. As in R, consistency and coverage sum over every
    case's membership in the configuration, not only the cases counted in the row.
    """
    conditions = tuple(conditions)
    _validate(data, outcome, conditions, incl_cut, n_cut)
    used = data[[*conditions, outcome]].astype(float)
    complete = used.notna().all(axis=1)
    memberships = used[complete]
    configurations = _configurations(len(conditions))
    row_membership = _row_memberships(memberships[list(conditions)].to_numpy(), configurations)
    rows = _rows(memberships, outcome, conditions, configurations, row_membership, incl_cut, n_cut)
    # Membership of exactly 0.5 in any condition leaves a case above 0.5 in no row (fuzzy QCA rule).
    in_no_row = ~(row_membership > 0.5).any(axis=1)
    return TruthTable(
        outcome=outcome, conditions=conditions, incl_cut=incl_cut, n_cut=n_cut, rows=rows,
        memberships=memberships, ambiguous=tuple(memberships.index[in_no_row]),
        missing=tuple(used.index[~complete]),
    )


def _validate(data: pd.DataFrame, outcome: str, conditions: tuple[str, ...], incl_cut: float,
              n_cut: int) -> None:
    if not 1 <= len(conditions) <= ENGINE_MAX_CONDITIONS:
        raise ValueError(f"Give between 1 and {ENGINE_MAX_CONDITIONS} conditions, not {len(conditions)}.")
    if len(set(conditions)) != len(conditions):
        raise ValueError("Each condition can appear only once.")
    if outcome in conditions:
        raise ValueError(f"The outcome {outcome!r} cannot also be a condition.")
    clashes = set(conditions) & set(ROW_COLUMNS)
    if clashes:
        raise ValueError(f"Condition names clash with truth-table columns: {', '.join(sorted(clashes))}.")
    absent = [column for column in (*conditions, outcome) if column not in data.columns]
    if absent:
        raise ValueError(f"No column for {', '.join(absent)} in the data.")
    if not 0 <= incl_cut <= 1:
        raise ValueError(f"The consistency cut-off must lie in [0, 1], not {incl_cut}.")
    if int(n_cut) != n_cut or n_cut < 1:
        raise ValueError(f"The case cut-off must be a whole number of at least 1, not {n_cut}.")
    values = data[[*conditions, outcome]].astype(float).to_numpy()
    if ((values < 0) | (values > 1)).any():
        raise ValueError("Memberships must lie in [0, 1]; calibrate the raw values first.")


def _configurations(count: int) -> np.ndarray:
    return np.array(list(itertools.product((0, 1), repeat=count)), dtype=int)


def _row_memberships(condition_values: np.ndarray, configurations: np.ndarray) -> np.ndarray:
    """cases x rows: each case's membership in each configuration."""
    present = configurations[np.newaxis, :, :] == 1
    values = condition_values[:, np.newaxis, :]
    return np.where(present, values, 1 - values).min(axis=2)


def _rows(memberships: pd.DataFrame, outcome: str, conditions: tuple[str, ...],
          configurations: np.ndarray, row_membership: np.ndarray, incl_cut: float,
          n_cut: int) -> pd.DataFrame:
    outcome_values = memberships[outcome].to_numpy()
    records = []
    for index, configuration in enumerate(configurations):
        in_row = row_membership[:, index] > 0.5
        cases = tuple(memberships.index[in_row])
        fit = sufficiency_fit(row_membership[:, index], outcome_values)
        observed = len(cases) > 0
        records.append({
            **dict(zip(conditions, configuration.tolist())),
            "OUT": _out(len(cases), fit.inclS, incl_cut, n_cut),
            "n": len(cases),
            "incl": fit.inclS if observed else np.nan,
            "PRI": fit.PRI if observed else np.nan,
            "cov": fit.covS if observed else np.nan,
            "cases": cases,
        })
    return pd.DataFrame.from_records(records, index=pd.RangeIndex(1, len(records) + 1, name="row"))


def _out(case_count: int, consistency: float, incl_cut: float, n_cut: int) -> str:
    if case_count < n_cut:
        return REMAINDER
    return POSITIVE if at_least(consistency, incl_cut) else NEGATIVE
