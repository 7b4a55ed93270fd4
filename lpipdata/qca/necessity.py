"""Necessity: is each condition, or its absence, a superset of the outcome?"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lpipdata.qca.measures import necessity_fit


def necessity(data: pd.DataFrame, outcome: str, conditions: Sequence[str]) -> pd.DataFrame:
    """One row per condition X and per negation ~X, in that order: inclN, covN and RoN.

    inclN = sum(min(X, Y)) / sum(Y), covN = sum(min(X, Y)) / sum(X), and RoN (Schneider &
    Wagemann 2012) = sum(1 - X) / sum(1 - min(X, Y)). Cases missing X or Y are left out of that
    row; a zero denominator gives NaN.
    """
    records = []
    for condition in conditions:
        pair = data[[condition, outcome]].astype(float).dropna()
        x, y = pair[condition].to_numpy(), pair[outcome].to_numpy()
        for label, values in ((condition, x), (f"~{condition}", 1 - x)):
            fit = necessity_fit(values, y)
            records.append({"condition": label, "inclN": fit.inclN, "covN": fit.covN, "RoN": fit.RoN})
    return pd.DataFrame.from_records(records, columns=["condition", "inclN", "covN", "RoN"])
