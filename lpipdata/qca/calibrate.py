"""Calibration: raw values into set membership, crisp (0/1) or fuzzy (0..1).

Follows R's QCA `calibrate()`: crisp sets by one threshold, fuzzy sets by Ragin's direct method
(three anchors, logistic). Missing raw values stay missing; the truth table reports such cases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

CrispRule = Literal["at_or_above", "above", "below", "at_or_below"]
CRISP_RULES: tuple[CrispRule, ...] = ("at_or_above", "above", "below", "at_or_below")
RULE_SYMBOLS = {"at_or_above": "≥", "above": ">", "below": "<", "at_or_below": "≤"}

# Ragin's direct method puts full inclusion at 0.95 and full exclusion at 0.05 (R's idm = 0.95).
INCLUSION_DEGREE = 0.95
# R's calibrate() snaps the logistic tails to exact 0 and 1; doing the same keeps exports identical.
SNAP_LOW, SNAP_HIGH = 0.0001, 0.9999


def crisp(values: pd.Series, threshold: float, *, at_or_above: bool = True,
          one_when_below: bool = False) -> pd.Series:
    """1/0 membership by one threshold; NaN stays NaN.

    By default 1 when the value is at or above the threshold (R's `calibrate(type = "crisp")`).
    `at_or_above=False` leaves the threshold itself on the low side (1 only when above).
    `one_when_below=True` gives 1 to the low side instead, e.g. "fewer than 10 cabinets":
    `crisp(cabinets, 10, one_when_below=True)`.
    """
    numbers = _numeric(values)
    high = numbers >= threshold if at_or_above else numbers > threshold
    member = ~high if one_when_below else high
    return member.astype(float).where(numbers.notna())


def fuzzy(values: pd.Series, exclusion: float, crossover: float, inclusion: float) -> pd.Series:
    """Ragin's direct method: 0.05 at `exclusion`, 0.5 at `crossover`, 0.95 at `inclusion`.

    A logistic curve in log-odds, each side of the crossover scaled by its own anchor, as R's
    `calibrate(type = "fuzzy", logistic = TRUE)`. Anchors given high-to-low (exclusion above
    inclusion) make a decreasing set. Raises ValueError unless the anchors are strictly ordered.
    """
    check_anchors(exclusion, crossover, inclusion)
    numbers = _numeric(values)
    decreasing = exclusion > inclusion
    low, high = (inclusion, exclusion) if decreasing else (exclusion, inclusion)
    membership = _increasing_logistic(numbers.to_numpy(dtype=float), low, crossover, high)
    if decreasing:
        membership = 1 - membership
    membership = np.where(membership < SNAP_LOW, 0.0, np.where(membership > SNAP_HIGH, 1.0, membership))
    return pd.Series(membership, index=numbers.index, name=values.name)


def check_anchors(exclusion: float, crossover: float, inclusion: float) -> None:
    """ValueError saying why, unless exclusion < crossover < inclusion or the exact reverse."""
    anchors = {"exclusion": exclusion, "crossover": crossover, "inclusion": inclusion}
    for name, value in anchors.items():
        if not math.isfinite(value):
            raise ValueError(f"The {name} anchor must be a finite number, not {value!r}.")
    increasing = exclusion < crossover < inclusion
    decreasing = exclusion > crossover > inclusion
    if not (increasing or decreasing):
        raise ValueError(
            "Fuzzy anchors must be strictly ordered: exclusion < crossover < inclusion for a set that "
            "grows with the value, or exclusion > crossover > inclusion for one that shrinks; got "
            f"exclusion={exclusion:g}, crossover={crossover:g}, inclusion={inclusion:g}, so the crossover "
            "does not lie strictly between the other two."
        )


def _increasing_logistic(x: np.ndarray, low: float, crossover: float, high: float) -> np.ndarray:
    log_odds_at_anchor = math.log(INCLUSION_DEGREE / (1 - INCLUSION_DEGREE))
    # Each side of the crossover has its own scale, so asymmetric anchors still hit 0.05 and 0.95.
    scale = np.where(x >= crossover, high - crossover, crossover - low)
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-(x - crossover) * log_odds_at_anchor / scale))


def _numeric(values: pd.Series) -> pd.Series:
    return pd.to_numeric(pd.Series(values), errors="raise").astype(float)


@dataclass(frozen=True)
class Calibration:
    """How one condition is calibrated, in a form the page can store, apply and explain.

    `thresholds` holds one threshold (crisp) or the anchors (exclusion, crossover, inclusion)
    (fuzzy). `direction` is the crisp rule; a fuzzy set's direction follows its anchors' order.
    `measure` names the raw value in plain words for `describe()`, e.g. "member count".
    """

    condition: str
    kind: Literal["crisp", "fuzzy"]
    thresholds: tuple[float, ...]
    direction: CrispRule = "at_or_above"
    measure: str = ""

    def __post_init__(self) -> None:
        if self.kind == "crisp":
            if len(self.thresholds) != 1:
                raise ValueError(f"A crisp calibration takes one threshold, got {len(self.thresholds)}.")
            if self.direction not in CRISP_RULES:
                raise ValueError(f"Unknown crisp rule {self.direction!r}; use one of {', '.join(CRISP_RULES)}.")
        elif self.kind == "fuzzy":
            if len(self.thresholds) != 3:
                raise ValueError("A fuzzy calibration takes three anchors: exclusion, crossover, inclusion.")
            check_anchors(*self.thresholds)
        else:
            raise ValueError(f"Unknown calibration kind {self.kind!r}; use 'crisp' or 'fuzzy'.")

    def apply(self, values: pd.Series) -> pd.Series:
        """The calibrated memberships, named after the condition."""
        if self.kind == "fuzzy":
            calibrated = fuzzy(values, *self.thresholds)
        else:
            calibrated = crisp(values, self.thresholds[0],
                               at_or_above=self.direction in ("at_or_above", "below"),
                               one_when_below=self.direction in ("below", "at_or_below"))
        return calibrated.rename(self.condition)

    def describe(self) -> str:
        """Plain English, e.g. "1 when member count ≥ 5" or "fuzzy: 0.05 at 2, 0.5 at 5, 0.95 at 10"."""
        if self.kind == "fuzzy":
            exclusion, crossover, inclusion = self.thresholds
            return f"fuzzy: 0.05 at {exclusion:g}, 0.5 at {crossover:g}, 0.95 at {inclusion:g}"
        measure = self.measure or self.condition
        return f"1 when {measure} {RULE_SYMBOLS[self.direction]} {self.thresholds[0]:g}"
