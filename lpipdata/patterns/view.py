"""Everything the Patterns page shows for one request, computed in one call the page caches."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from lpipdata import qca
from lpipdata.figures import patterns as figures
from lpipdata.filters import Filters
from lpipdata.patterns import analysis, matrix
from lpipdata.patterns.request import Request
from lpipdata.queries import patterns as queries

R_FILENAME = "lpip-patterns-qca.csv"


@dataclass(frozen=True)
class PatternsView:
    result: analysis.Result
    cells: pd.DataFrame
    cases_left_out: int
    matrix_table: pd.DataFrame
    honesty: tuple[str, ...]
    figure: go.Figure
    r_csv: str | None
    r_script: str | None


def patterns_view(con, filters: Filters, request: Request, public_only: bool, presenting: bool = False) -> PatternsView:
    """The matrix and its figure, the analysis, the words above it and the R export for `request`."""
    request = replace(request, cell=None)  # the selected cell changes nothing computed here
    conditions = queries.conditions(con, filters, request.case_kind)
    outcomes = queries.outcomes(con, request.case_kind, public_only)
    outcomes = outcomes[outcomes["case_id"].isin(conditions["case_id"])]
    result = analysis.analyse(conditions, outcomes, request)
    cells, left_out = matrix.matrix_cells(conditions, outcomes, request)
    r_csv = r_script = None
    if result.table is not None:
        data = result.calibrated.memberships
        r_csv = qca.to_r_csv(data, request.conditions, result.calibrated.outcome_column).csv
        r_script = qca.r_script(request.conditions, result.calibrated.outcome_column, request.incl_cut, R_FILENAME)
    return PatternsView(result, cells, left_out, matrix.wide(cells), tuple(analysis.honesty(result, request)),
                        figures.matrix(cells, presenting=presenting), r_csv, r_script)
