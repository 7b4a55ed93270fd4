"""Boolean minimisation of a truth table into a solution, with each term's fit.

sympy's `SOPform` does the minimisation: the positive rows are its minterms and, for the
parsimonious solution, the remainders its don't-cares. It returns one cover by prime implicants.
Where R's QCA lists several equally short models (M1, M2, ...) we show one of them; and where the
prime-implicant chart is cyclic, sympy breaks the tie greedily, so the cover is short but, unlike
R's exhaustive search, not guaranteed to be the shortest.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from sympy import Symbol
from sympy.logic.boolalg import And, Boolean, BooleanFalse, BooleanTrue, Not, Or, SOPform

from lpipdata.qca.measures import sufficiency_fit
from lpipdata.qca.truth_table import TruthTable

Kind = Literal["conservative", "parsimonious"]
SetLiteral = tuple[str, bool]  # (condition, present)


@dataclass(frozen=True)
class Term:
    """One conjunction of the solution, e.g. DEV*~IND, and how well it fits.

    `literals` are (condition, present) pairs in the table's condition order. `cases` are the
    cases with membership above 0.5 in the term. `covU` (unique coverage) is NaN when the term is
    the whole solution, as R prints "-".
    """

    literals: tuple[SetLiteral, ...]
    label: str
    inclS: float
    PRI: float
    covS: float
    covU: float
    cases: tuple[Hashable, ...]


@dataclass(frozen=True)
class Solution:
    """A minimised solution: `expression` such as "DEV*~IND + URB*STB", its terms and fit.

    Terms are sorted by length (fewer conditions first), then condition by condition in the table's
    order: a condition present before it negated, before it absent from the term. This reproduces
    the order R's QCA prints. `simplifying_assumptions` are the remainder rows (R row numbers) the
    solution treats as if they showed the outcome. `reason` explains an empty or trivial solution.
    """

    kind: Kind
    outcome: str
    expression: str
    terms: tuple[Term, ...]
    consistency: float
    PRI: float
    coverage: float
    simplifying_assumptions: tuple[int, ...] = ()
    reason: str | None = None

    @property
    def is_empty(self) -> bool:
        return not self.terms


def minimise(tt: TruthTable, include_remainders: bool) -> Solution:
    """The conservative (`include_remainders=False`) or parsimonious solution of the truth table.

    Never raises for a table without positive rows: it returns an empty solution with a reason.
    """
    kind: Kind = "parsimonious" if include_remainders else "conservative"
    positive_rows = [int(row) for row in tt.positive.index]
    if not positive_rows:
        return _empty(tt, kind)
    dont_care_rows = [int(row) for row in tt.remainder_rows.index] if include_remainders else []
    variables = [Symbol(f"c{index}") for index in range(len(tt.conditions))]
    # SOPform numbers configurations from 0; R's row numbers start at 1.
    cover = SOPform(variables, [row - 1 for row in positive_rows], [row - 1 for row in dont_care_rows])
    literal_sets = sorted(_terms_of(cover, tt.conditions),
                          key=lambda literals: _order(literals, tt.conditions))
    return _solution(tt, kind, literal_sets)


def term_label(literals: tuple[SetLiteral, ...]) -> str:
    """QCA notation: DEV*~URB; the empty conjunction (every case) is "1"."""
    return "*".join(condition if present else f"~{condition}" for condition, present in literals) or "1"


def term_membership(memberships: pd.DataFrame, literals: tuple[SetLiteral, ...]) -> np.ndarray:
    """Each case's membership in the conjunction: the minimum of x (present) or 1 - x (negated)."""
    values = [memberships[condition].to_numpy() if present else 1 - memberships[condition].to_numpy()
              for condition, present in literals]
    return np.minimum.reduce(values) if values else np.ones(len(memberships))


def _terms_of(cover: Boolean, conditions: tuple[str, ...]) -> list[tuple[SetLiteral, ...]]:
    if isinstance(cover, BooleanTrue):
        return [()]
    if isinstance(cover, BooleanFalse):
        return []
    position = {f"c{index}": index for index in range(len(conditions))}
    terms = []
    for conjunction in Or.make_args(cover):
        literals = []
        for literal in And.make_args(conjunction):
            symbol, present = (literal.args[0], False) if isinstance(literal, Not) else (literal, True)
            literals.append((position[symbol.name], present))
        terms.append(tuple((conditions[index], present) for index, present in sorted(literals)))
    return terms


def _order(literals: tuple[SetLiteral, ...], conditions: tuple[str, ...]) -> tuple:
    state = dict(literals)
    # Per condition: 0 present, 1 negated, 2 not in the term.
    rank = tuple(2 if condition not in state else (0 if state[condition] else 1) for condition in conditions)
    return (len(literals), rank)


def _solution(tt: TruthTable, kind: Kind, literal_sets: list[tuple[SetLiteral, ...]]) -> Solution:
    outcome = tt.memberships[tt.outcome].to_numpy()
    term_values = [term_membership(tt.memberships, literals) for literals in literal_sets]
    solution_values = np.maximum.reduce(term_values)
    fit = sufficiency_fit(solution_values, outcome)
    terms = tuple(
        _term(tt, literals, values, term_values, index, outcome)
        for index, (literals, values) in enumerate(zip(literal_sets, term_values))
    )
    return Solution(
        kind=kind, outcome=tt.outcome, expression=" + ".join(term.label for term in terms), terms=terms,
        consistency=fit.inclS, PRI=fit.PRI, coverage=fit.covS,
        simplifying_assumptions=_assumed_remainders(tt, literal_sets),
        reason=_trivial_reason(kind) if literal_sets == [()] else None,
    )


def _term(tt: TruthTable, literals: tuple[SetLiteral, ...], values: np.ndarray,
          all_values: list[np.ndarray], index: int, outcome: np.ndarray) -> Term:
    fit = sufficiency_fit(values, outcome)
    return Term(
        literals=literals, label=term_label(literals), inclS=fit.inclS, PRI=fit.PRI, covS=fit.covS,
        covU=_unique_coverage(all_values, index, outcome),
        cases=tuple(tt.memberships.index[values > 0.5]),
    )


def _unique_coverage(all_values: list[np.ndarray], index: int, outcome: np.ndarray) -> float:
    """Coverage lost if this term were dropped; undefined for a one-term solution."""
    others = [values for position, values in enumerate(all_values) if position != index]
    if not others or outcome.sum() == 0:
        return float("nan")
    with_term = np.minimum(np.maximum.reduce(all_values), outcome).sum()
    without_term = np.minimum(np.maximum.reduce(others), outcome).sum()
    return float((with_term - without_term) / outcome.sum())


def _assumed_remainders(tt: TruthTable, literal_sets: list[tuple[SetLiteral, ...]]) -> tuple[int, ...]:
    remainders = tt.remainder_rows
    configurations = zip(remainders.index, remainders[list(tt.conditions)].to_numpy())
    return tuple(int(row) for row, configuration in configurations
                 if any(_covers(literals, tt.conditions, configuration) for literals in literal_sets))


def _covers(literals: tuple[SetLiteral, ...], conditions: tuple[str, ...], configuration: np.ndarray) -> bool:
    value = dict(zip(conditions, configuration.tolist()))
    return all(value[condition] == int(present) for condition, present in literals)


def _empty(tt: TruthTable, kind: Kind) -> Solution:
    reason = (f"No configuration has at least {tt.n_cut} case(s) and consistency of at least "
              f"{tt.incl_cut:g} for {tt.outcome}, so there is nothing to minimise.")
    nan = float("nan")
    return Solution(kind=kind, outcome=tt.outcome, expression="", terms=(), consistency=nan, PRI=nan,
                    coverage=nan, reason=reason)


def _trivial_reason(kind: Kind) -> str:
    unobserved = " with the remainders assumed positive" if kind == "parsimonious" else ""
    return (f"Every configuration shows the outcome{unobserved}, so no condition is needed: "
            "the solution is 1 (all cases).")
