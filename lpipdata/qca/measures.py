"""Set-theoretic measures of fit shared by the truth table, the solutions and the necessity table.

All take membership arrays in [0, 1] of equal length. A ratio whose denominator is zero (an empty
set) is NaN, never an exception: the page shows it as "no cases" rather than failing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# R's QCA compares scores with a tolerance (admisc::agteb); without one, 0.8 computed as
# 0.7999999999999999 would miss a 0.8 cut-off that R lets through.
TOLERANCE = 1e-9


@dataclass(frozen=True)
class SufficiencyFit:
    """How far a set X is sufficient for Y: inclS (consistency), PRI and covS (coverage)."""

    inclS: float
    PRI: float
    covS: float


@dataclass(frozen=True)
class NecessityFit:
    """How far X is necessary for Y: inclN, covN and RoN (relevance of necessity)."""

    inclN: float
    covN: float
    RoN: float


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, or NaN when the denominator is zero."""
    return float(numerator / denominator) if denominator > 0 else float("nan")


def sufficiency_fit(x: np.ndarray, y: np.ndarray) -> SufficiencyFit:
    """Ragin's fuzzy formulas; PRI discounts cases that are in both Y and not-Y (Ragin 2008)."""
    overlap = np.minimum(x, y).sum()
    in_both = np.minimum(np.minimum(x, y), 1 - y).sum()
    return SufficiencyFit(
        inclS=ratio(overlap, x.sum()),
        PRI=ratio(overlap - in_both, x.sum() - in_both),
        covS=ratio(overlap, y.sum()),
    )


def necessity_fit(x: np.ndarray, y: np.ndarray) -> NecessityFit:
    """RoN after Schneider & Wagemann (2012): low when X is near-constant, i.e. trivially necessary."""
    overlap = np.minimum(x, y)
    return NecessityFit(
        inclN=ratio(overlap.sum(), y.sum()),
        covN=ratio(overlap.sum(), x.sum()),
        RoN=ratio((1 - x).sum(), (1 - overlap).sum()),
    )


def at_least(value: float, cut: float) -> bool:
    """value >= cut, forgiving floating-point noise the way R's QCA does."""
    return bool(value >= cut - TOLERANCE)
