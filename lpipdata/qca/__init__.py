"""Qualitative comparative analysis (QCA) in pure Python, checked against R's QCA package.

- calibrate.py: raw values into crisp (0/1) or fuzzy (0..1) set membership; `Calibration`.
- truth_table.py: one row per configuration with its cases, consistency, PRI and coverage.
- minimise.py: conservative and parsimonious solutions (sympy's SOPform) and each term's fit.
- necessity.py: each condition and its negation as a necessary condition (inclN, covN, RoN).
- r_export.py: the calibrated data as a CSV for R and the R lines that rerun the analysis.
- measures.py: the set-theoretic formulas the others share.

Callers use the names below as `qca.X`; the submodules import each other, never this package.
"""

from lpipdata.qca.calibrate import Calibration, check_anchors, crisp, fuzzy
from lpipdata.qca.minimise import Solution, Term, minimise, term_label, term_membership
from lpipdata.qca.necessity import necessity
from lpipdata.qca.r_export import RExport, r_name, r_names, r_script, to_r_csv
from lpipdata.qca.truth_table import (
    ENGINE_MAX_CONDITIONS,
    MAX_CONDITIONS,
    NEGATIVE,
    POSITIVE,
    REMAINDER,
    TruthTable,
    check_conditions,
    truth_table,
)

__all__ = [
    "Calibration", "ENGINE_MAX_CONDITIONS", "MAX_CONDITIONS", "NEGATIVE", "POSITIVE", "REMAINDER",
    "RExport", "Solution", "Term", "TruthTable", "check_anchors", "check_conditions", "crisp", "fuzzy",
    "minimise", "necessity", "r_name", "r_names", "r_script", "term_label", "term_membership",
    "to_r_csv", "truth_table",
]
