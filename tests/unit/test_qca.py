"""The QCA engine against R's QCA package on the Lipset data, plus its own formulas and exports.

Reference values and where they come from (each expected value below names its source):
- MANUAL_TT: QCA help page for truthTable, as rendered in the package repository
  dusadrian/QCA, inst/staticdocs/truthTable.html (QCA 3.22.1): `truthTable(LC, "SURV")` and
  `print(ttLC, show.cases = TRUE, complete = TRUE)`.
- MANUAL_MIN: QCA help page for minimize, dusadrian/QCA, inst/staticdocs/minimize.html
  (QCA 3.22.1): `minimize(ttLC, details = TRUE, show.cases = TRUE)`, `minimize(ttLC,
  include = "?", ...)`, `pLC$SA`, the `~SURV` runs and the `LF` (fuzzy) runs.
- LIPSET_RD: the data's help page, cran/QCA man/Lipset.Rd (the crisp thresholds behind LC).
- R_EXPORT: R 4.5.1 / QCA 3.25 output recorded by a third party in DiogoRibeiro7/setqca-python,
  validation/fixtures/r_qca.json (the LC and LF data, calibrate() values, necessity scores). Used
  where the manual prints no number; its LF results agree with MANUAL_MIN wherever both print one.
The manual prints three decimals, so those values are compared to +/- 0.0005.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lpipdata import qca

LIPSET = Path(__file__).resolve().parents[1] / "fixtures" / "lipset"
CONDITIONS = ["DEV", "URB", "LIT", "IND", "STB"]
PRINTED = 5e-4  # the manual rounds to three decimals
# No example database: it would leave a .hypothesis folder in the working tree.
PROPERTY = settings(max_examples=60, deadline=None, database=None)


def printed(value: float) -> pytest.approx:
    return pytest.approx(value, abs=PRINTED)


@pytest.fixture(scope="module")
def lr() -> pd.DataFrame:
    return pd.read_csv(LIPSET / "lipset-raw.tsv", sep="\t")


@pytest.fixture(scope="module")
def lc(lr) -> pd.DataFrame:
    """LR calibrated with the thresholds LIPSET_RD documents."""
    return pd.DataFrame({
        "DEV": qca.crisp(lr["DEV"], 550),                     # 0 below 550 USD, 1 otherwise
        "URB": qca.crisp(lr["URB"], 50),                      # 1 from 50 %
        "LIT": qca.crisp(lr["LIT"], 75),                      # 1 from 75 %
        "IND": qca.crisp(lr["IND"], 30),                      # 1 from 30 %
        "STB": qca.crisp(lr["STB"], 10, one_when_below=True),  # 1 when fewer than 10 cabinets
        "SURV": qca.crisp(lr["SURV"], 0, at_or_above=False),  # 1 when the score is positive
    })


@pytest.fixture(scope="module")
def lf() -> pd.DataFrame:
    return pd.read_csv(LIPSET / "lipset-fuzzy.csv", index_col=0)


# ----- Lipset crisp (LC): calibration, truth table, solutions --------------------------------

# LC as published: each country's configuration and outcome as listed row by row in MANUAL_TT's
# `print(ttLC, show.cases = TRUE)`; identical to the LC data frame in R_EXPORT ("LC-SURV-crisp").
LC_PUBLISHED = pd.DataFrame(
    [  # DEV URB LIT IND STB SURV
        ("AU", 1, 0, 1, 1, 0, 0), ("BE", 1, 1, 1, 1, 1, 1), ("CZ", 1, 1, 1, 1, 1, 1),
        ("EE", 0, 0, 1, 0, 1, 0), ("FI", 1, 0, 1, 0, 1, 1), ("FR", 1, 0, 1, 1, 1, 1),
        ("DE", 1, 1, 1, 1, 0, 0), ("GR", 0, 0, 0, 0, 0, 0), ("HU", 0, 0, 1, 0, 0, 0),
        ("IE", 1, 0, 1, 0, 1, 1), ("IT", 0, 0, 0, 0, 1, 0), ("NL", 1, 1, 1, 1, 1, 1),
        ("PL", 0, 0, 1, 0, 0, 0), ("PT", 0, 0, 0, 0, 0, 0), ("RO", 0, 0, 0, 0, 1, 0),
        ("ES", 0, 0, 0, 0, 0, 0), ("SE", 1, 0, 1, 1, 1, 1), ("UK", 1, 1, 1, 1, 1, 1),
    ],
    columns=["case", *CONDITIONS, "SURV"],
).set_index("case")

# MANUAL_TT, `print(ttLC, show.cases = TRUE)`: R row number -> (configuration, OUT, n, incl, PRI, cases)
LC_OBSERVED_ROWS = {
    1: ((0, 0, 0, 0, 0), "0", 3, 0.0, 0.0, {"GR", "PT", "ES"}),
    2: ((0, 0, 0, 0, 1), "0", 2, 0.0, 0.0, {"IT", "RO"}),
    5: ((0, 0, 1, 0, 0), "0", 2, 0.0, 0.0, {"HU", "PL"}),
    6: ((0, 0, 1, 0, 1), "0", 1, 0.0, 0.0, {"EE"}),
    22: ((1, 0, 1, 0, 1), "1", 2, 1.0, 1.0, {"FI", "IE"}),
    23: ((1, 0, 1, 1, 0), "0", 1, 0.0, 0.0, {"AU"}),
    24: ((1, 0, 1, 1, 1), "1", 2, 1.0, 1.0, {"FR", "SE"}),
    31: ((1, 1, 1, 1, 0), "0", 1, 0.0, 0.0, {"DE"}),
    32: ((1, 1, 1, 1, 1), "1", 4, 1.0, 1.0, {"BE", "CZ", "NL", "UK"}),
}


def test_raw_lipset_fixture_has_the_18_countries(lr):
    assert list(lr.columns) == [*CONDITIONS, "SURV"]
    assert list(lr.index) == list(LC_PUBLISHED.index)


def test_crisp_calibration_of_lr_reproduces_published_lc(lc):
    pd.testing.assert_frame_equal(lc, LC_PUBLISHED.astype(float), check_names=False)


def test_truth_table_reproduces_r_on_lc(lc):
    # R's truthTable default incl.cut is 1 (MANUAL_TT calls truthTable(LC, "SURV")).
    tt = qca.truth_table(lc, "SURV", CONDITIONS, incl_cut=1)
    observed = tt.rows[tt.rows["n"] > 0]
    assert set(observed.index) == set(LC_OBSERVED_ROWS)
    for row, (configuration, out, n, incl, pri, cases) in LC_OBSERVED_ROWS.items():
        found = tt.rows.loc[row]
        assert tuple(found[CONDITIONS]) == configuration
        assert (found["OUT"], found["n"], set(found["cases"])) == (out, n, cases)
        assert (found["incl"], found["PRI"]) == (printed(incl), printed(pri))
    assert len(tt.rows) == 32 and tt.remainders == 23  # MANUAL_TT, complete = TRUE: 23 rows "?"
    assert (tt.rows.loc[tt.rows["n"] == 0, "OUT"] == "?").all()
    # MANUAL_MIN, minimize(ttLC, details = TRUE): "n OUT = 1/0/C: 8/10/0, Total: 18"
    assert (tt.positive["n"].sum(), tt.negative["n"].sum()) == (8, 10)
    assert tt.ambiguous == () and tt.missing == ()


def test_conservative_solution_reproduces_r_on_lc(lc):
    solution = qca.minimise(qca.truth_table(lc, "SURV", CONDITIONS, incl_cut=1), include_remainders=False)
    # MANUAL_MIN, minimize(ttLC, details = TRUE, show.cases = TRUE):
    #   M1: DEV*~URB*LIT*STB + DEV*LIT*IND*STB
    #   1  DEV*~URB*LIT*STB  1.000  1.000  0.500  0.250  FI,IE; FR,SE
    #   2  DEV*LIT*IND*STB   1.000  1.000  0.750  0.500  FR,SE; BE,CZ,NL,UK
    #      M1                1.000  1.000  1.000
    assert solution.kind == "conservative"
    assert solution.expression == "DEV*~URB*LIT*STB + DEV*LIT*IND*STB"
    expected = [
        ("DEV*~URB*LIT*STB", 1.0, 1.0, 0.5, 0.25, {"FI", "IE", "FR", "SE"}),
        ("DEV*LIT*IND*STB", 1.0, 1.0, 0.75, 0.5, {"FR", "SE", "BE", "CZ", "NL", "UK"}),
    ]
    for term, (label, incl, pri, cov, cov_unique, cases) in zip(solution.terms, expected, strict=True):
        assert term.label == label and set(term.cases) == cases
        assert (term.inclS, term.PRI, term.covS, term.covU) == (printed(incl), printed(pri), printed(cov),
                                                                printed(cov_unique))
    assert solution.terms[0].literals == (("DEV", True), ("URB", False), ("LIT", True), ("STB", True))
    assert (solution.consistency, solution.PRI, solution.coverage) == (printed(1), printed(1), printed(1))
    assert solution.simplifying_assumptions == () and solution.reason is None


def test_parsimonious_solution_reproduces_r_on_lc(lc):
    solution = qca.minimise(qca.truth_table(lc, "SURV", CONDITIONS, incl_cut=1), include_remainders=True)
    # MANUAL_MIN, minimize(ttLC, include = "?", details = TRUE, show.cases = TRUE):
    #   M1: DEV*STB
    #   1  DEV*STB  1.000  1.000  1.000    -    FI,IE; FR,SE; BE,CZ,NL,UK
    #      M1       1.000  1.000  1.000
    assert solution.kind == "parsimonious" and solution.expression == "DEV*STB"
    (term,) = solution.terms
    assert (term.inclS, term.PRI, term.covS) == (printed(1), printed(1), printed(1))
    assert math.isnan(term.covU)  # R prints "-" for a one-term solution
    assert set(term.cases) == {"FI", "IE", "FR", "SE", "BE", "CZ", "NL", "UK"}
    assert (solution.consistency, solution.coverage) == (printed(1), printed(1))
    # MANUAL_MIN, pLC$SA: the simplifying assumptions are rows 18, 20, 26, 28 and 30.
    assert solution.simplifying_assumptions == (18, 20, 26, 28, 30)


def test_negated_outcome_solutions_reproduce_r_on_lc(lc):
    negated = lc.assign(NOT_SURV=1 - lc["SURV"])
    tt = qca.truth_table(negated, "NOT_SURV", CONDITIONS, incl_cut=1)
    # MANUAL_MIN, minimize(ttLCn): M1: ~DEV*~URB*~IND + DEV*LIT*IND*~STB <=> ~SURV
    assert qca.minimise(tt, include_remainders=False).expression == "~DEV*~URB*~IND + DEV*LIT*IND*~STB"
    # MANUAL_MIN, minimize(ttLCn, include = "?", details = TRUE, show.cases = TRUE):
    #   1  ~DEV  1.000  1.000  0.800  0.300  GR,PT,ES; IT,RO; HU,PL; EE
    #   2  ~STB  1.000  1.000  0.700  0.200  GR,PT,ES; HU,PL; AU; DE
    parsimonious = qca.minimise(tt, include_remainders=True)
    assert parsimonious.expression == "~DEV + ~STB"
    assert [(t.covS, t.covU) for t in parsimonious.terms] == [(printed(0.8), printed(0.3)),
                                                               (printed(0.7), printed(0.2))]
    assert set(parsimonious.terms[1].cases) == {"GR", "PT", "ES", "HU", "PL", "AU", "DE"}


# ----- Lipset fuzzy (LF): the manual's fuzzy-set runs -------------------------------------------

# R_EXPORT, analysis "LF-SURV-incl80": observed rows -> (OUT, n, incl, PRI); cases from the case
# lists MANUAL_MIN prints for the solution terms.
LF_OBSERVED_ROWS = {
    1: ("0", 3, 0.215976331360947, 0.0), 2: ("0", 2, 0.278026905829596, 0.0),
    5: ("0", 2, 0.520900321543409, 0.113095238095238), 6: ("0", 1, 0.528571428571429, 0.228070175438597),
    22: ("1", 2, 0.804270462633452, 0.719387755102041), 23: ("0", 1, 0.378205128205128, 0.0396039603960395),
    24: ("0", 2, 0.7087719298245621, 0.634361233480176), 31: ("0", 1, 0.445255474452555, 0.0499999999999999),
    32: ("1", 4, 0.904205607476635, 0.885793871866295),
}


def test_fuzzy_truth_table_reproduces_r_on_lf(lf):
    tt = qca.truth_table(lf, "SURV", CONDITIONS, incl_cut=0.8)
    observed = tt.rows[tt.rows["n"] > 0]
    assert set(observed.index) == set(LF_OBSERVED_ROWS)
    for row, (out, n, incl, pri) in LF_OBSERVED_ROWS.items():
        found = tt.rows.loc[row]
        assert (found["OUT"], found["n"]) == (out, n)
        assert (found["incl"], found["PRI"]) == (pytest.approx(incl, abs=1e-9), pytest.approx(pri, abs=1e-9))
    # MANUAL_MIN, minimize(ttLF, details = TRUE): "n OUT = 1/0/C: 6/12/0"
    assert (tt.positive["n"].sum(), tt.negative["n"].sum()) == (6, 12)
    assert set(tt.rows.loc[22, "cases"]) == {"FI", "IE"}
    assert set(tt.rows.loc[32, "cases"]) == {"BE", "CZ", "NL", "UK"}


def test_fuzzy_conservative_solution_reproduces_r_on_lf(lf):
    solution = qca.minimise(qca.truth_table(lf, "SURV", CONDITIONS, incl_cut=0.8), include_remainders=False)
    # MANUAL_MIN, minimize(ttLF, details = TRUE):
    #   1  DEV*URB*LIT*IND*STB    0.904  0.886  0.454  0.393  BE,CZ,NL,UK
    #   2  DEV*~URB*LIT*~IND*STB  0.804  0.719  0.265  0.204  FI,IE
    #      M1                     0.870  0.843  0.658
    expected = [("DEV*URB*LIT*IND*STB", 0.904, 0.886, 0.454, 0.393, {"BE", "CZ", "NL", "UK"}),
                ("DEV*~URB*LIT*~IND*STB", 0.804, 0.719, 0.265, 0.204, {"FI", "IE"})]
    _assert_terms(solution, expected)
    assert (solution.consistency, solution.PRI, solution.coverage) == (printed(0.870), printed(0.843),
                                                                       printed(0.658))


def test_fuzzy_parsimonious_solution_reproduces_r_on_lf(lf):
    solution = qca.minimise(qca.truth_table(lf, "SURV", CONDITIONS, incl_cut=0.8), include_remainders=True)
    # MANUAL_MIN, minimize(ttLF, include = "?", details = TRUE):
    #   M1: DEV*~IND + URB*STB
    #   1  DEV*~IND  0.815  0.721  0.284  0.194  FI,IE
    #   2  URB*STB   0.874  0.845  0.520  0.430  BE,CZ,NL,UK
    #      M1        0.850  0.819  0.714
    expected = [("DEV*~IND", 0.815, 0.721, 0.284, 0.194, {"FI", "IE"}),
                ("URB*STB", 0.874, 0.845, 0.520, 0.430, {"BE", "CZ", "NL", "UK"})]
    _assert_terms(solution, expected)
    assert solution.expression == "DEV*~IND + URB*STB"
    assert (solution.consistency, solution.PRI, solution.coverage) == (printed(0.850), printed(0.819),
                                                                       printed(0.714))


def _assert_terms(solution: qca.Solution, expected: list[tuple]) -> None:
    assert [term.label for term in solution.terms] == [row[0] for row in expected]
    for term, (_, incl, pri, cov, cov_unique, cases) in zip(solution.terms, expected, strict=True):
        assert (term.inclS, term.PRI, term.covS, term.covU) == (printed(incl), printed(pri), printed(cov),
                                                                printed(cov_unique))
        assert set(term.cases) == cases


def test_necessity_reproduces_r_on_lf(lf):
    table = qca.necessity(lf, "SURV", CONDITIONS).set_index("condition")
    # R_EXPORT, necessity screen "LF-SURV-screen": pof(X, "SURV", LF, relation = "necessity").
    expected = {
        "DEV": (0.8309859154929577, 0.7746170678336981, 0.8113553113553114),
        "URB": (0.5387323943661972, 0.7714285714285715, 0.8985831469052944),
        "LIT": (0.9906103286384976, 0.6428027418126427, 0.5094142259414226),
        "IND": (0.6690140845070423, 0.6842737094837934, 0.786178861788618),
        "STB": (0.9201877934272301, 0.7069431920649235, 0.6801181102362206),
        "~DEV": (0.2852112676056338, 0.2742663656884876, 0.5870263326910725),
        "~URB": (0.5680751173708919, 0.4016597510373444, 0.452127659574468),
        "~LIT": (0.09624413145539908, 0.1683778234086242, 0.7642607683352737),
        "~IND": (0.4166666666666667, 0.3671147880041365, 0.5764705882352942),
        "~STB": (0.2183098591549296, 0.2691751085383502, 0.6871127633209418),
    }
    assert list(table.index) == ["DEV", "~DEV", "URB", "~URB", "LIT", "~LIT", "IND", "~IND", "STB", "~STB"]
    for label, values in expected.items():
        assert tuple(table.loc[label, ["inclN", "covN", "RoN"]]) == pytest.approx(values, abs=1e-9)


# ----- calibration ----------------------------------------------------------------------------

def test_fuzzy_anchors_take_the_ragin_scores():
    values = pd.Series([2.0, 5.0, 10.0])
    assert list(qca.fuzzy(values, 2, 5, 10)) == pytest.approx([0.05, 0.5, 0.95])
    assert list(qca.fuzzy(values, 10, 5, 2)) == pytest.approx([0.95, 0.5, 0.05])  # decreasing set


RAW = [0, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100, -50, 150]


@pytest.mark.parametrize("anchors, expected", [
    # R_EXPORT, calibration "increasing-logistic-idm95": calibrate(x, type = "fuzzy", thresholds = c(20, 50, 80))
    ((20, 50, 80), [0.00733745807066141, 0.01934249769983508, 0.05, 0.07916845804317633, 0.1231471380298757,
                    0.2725982855090026, 0.5, 0.7274017144909974, 0.8768528619701244, 0.9208315419568237, 0.95,
                    0.9806575023001649, 0.9926625419293386, 0, 1]),
    # R_EXPORT, calibration "decreasing-logistic-idm95": thresholds = c(80, 50, 20)
    ((80, 50, 20), [0.9926625419293386, 0.9806575023001649, 0.95, 0.9208315419568237, 0.8768528619701244,
                    0.7274017144909974, 0.5, 0.2725982855090026, 0.1231471380298756, 0.07916845804317629, 0.05,
                    0.01934249769983509, 0.00733745807066144, 1, 0]),
])
def test_fuzzy_calibration_reproduces_r(anchors, expected):
    assert list(qca.fuzzy(pd.Series(RAW, dtype=float), *anchors)) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("anchors", [
    (5, 2, 10), (2, 10, 5), (2, 2, 10), (2, 5, 5), (10, 2, 5), (1, float("nan"), 3),
])
def test_fuzzy_refuses_anchors_out_of_order(anchors):
    with pytest.raises(ValueError, match="anchor"):
        qca.fuzzy(pd.Series([1.0, 2.0]), *anchors)


def test_fuzzy_keeps_missing_values_missing():
    result = qca.fuzzy(pd.Series([np.nan, 5.0], index=["a", "b"]), 2, 5, 10)
    assert math.isnan(result["a"]) and result["b"] == pytest.approx(0.5)


@pytest.mark.parametrize("keywords, expected", [
    ({}, [0, 1, 1]),
    ({"at_or_above": False}, [0, 0, 1]),
    ({"one_when_below": True}, [1, 0, 0]),
    ({"one_when_below": True, "at_or_above": False}, [1, 1, 0]),
])
def test_crisp_rules_around_the_threshold(keywords, expected):
    result = qca.crisp(pd.Series([4.0, 5.0, 6.0, np.nan]), 5, **keywords)
    assert list(result[:3]) == expected and math.isnan(result.iloc[3])


def test_calibration_describes_and_applies_itself():
    members = qca.Calibration("BIG", "crisp", (5,), measure="member count")
    assert members.describe() == "1 when member count ≥ 5"
    assert list(members.apply(pd.Series([4, 5]))) == [0.0, 1.0]
    assert members.apply(pd.Series([4, 5])).name == "BIG"
    stable = qca.Calibration("STB", "crisp", (10,), direction="below", measure="cabinets")
    assert stable.describe() == "1 when cabinets < 10"
    assert list(stable.apply(pd.Series([9, 10]))) == [1.0, 0.0]
    fuzzy = qca.Calibration("BIG", "fuzzy", (2, 5, 10))
    assert fuzzy.describe() == "fuzzy: 0.05 at 2, 0.5 at 5, 0.95 at 10"
    assert list(fuzzy.apply(pd.Series([2, 5, 10]))) == pytest.approx([0.05, 0.5, 0.95])


@pytest.mark.parametrize("arguments", [
    ("X", "crisp", (1, 2)), ("X", "fuzzy", (1, 2)), ("X", "fuzzy", (3, 2, 1, 0)), ("X", "fuzzy", (1, 3, 2)),
    ("X", "ordinal", (1,)),
])
def test_calibration_refuses_bad_settings(arguments):
    with pytest.raises(ValueError):
        qca.Calibration(*arguments)


# ----- truth table on a hand-made fuzzy dataset ---------------------------------------------------

def tiny_fuzzy() -> pd.DataFrame:
    """Four cases; c3 sits on 0.5 in A. Memberships per row worked out by hand in the test."""
    return pd.DataFrame({"A": [0.8, 0.6, 0.5, 0.1], "B": [0.3, 0.9, 0.2, 0.2], "Y": [0.9, 0.4, 0.7, 0.1]},
                        index=["c1", "c2", "c3", "c4"])


def test_fuzzy_truth_table_by_hand():
    tt = qca.truth_table(tiny_fuzzy(), "Y", ["A", "B"], incl_cut=0.8)
    rows = tt.rows
    # Row 3 (A, ~B): memberships 0.7, 0.1, 0.5, 0.1, all within Y, so incl 1.4/1.4; cov 1.4/2.1.
    assert rows.loc[3, ["incl", "PRI", "cov"]].tolist() == pytest.approx([1.0, 1.0, 1.4 / 2.1])
    # Row 4 (A, B): memberships 0.3, 0.6, 0.2, 0.1 -> overlap 1.0 of 1.2; in Y and ~Y 0.8.
    assert rows.loc[4, ["incl", "PRI", "cov"]].tolist() == pytest.approx([1.0 / 1.2, 0.2 / 0.4, 1.0 / 2.1])
    # Row 1 (~A, ~B): memberships 0.2, 0.1, 0.5, 0.8 -> overlap 0.9 of 1.6; in Y and ~Y 0.6.
    assert rows.loc[1, ["incl", "PRI", "cov"]].tolist() == pytest.approx([0.9 / 1.6, 0.3 / 1.0, 0.9 / 2.1])
    assert rows["cases"].tolist() == [("c4",), (), ("c1",), ("c2",)]
    assert rows["OUT"].tolist() == ["0", "?", "1", "1"]
    assert rows["n"].tolist() == [1, 0, 1, 1] and math.isnan(rows.loc[2, "incl"])
    assert tt.ambiguous == ("c3",) and tt.remainders == 1
    assert qca.truth_table(tiny_fuzzy(), "Y", ["A", "B"], incl_cut=0.9).rows.loc[4, "OUT"] == "0"
    solution = qca.minimise(tt, include_remainders=False)
    # A covers rows 3 and 4: memberships 0.8, 0.6, 0.5, 0.1 -> overlap 1.8 of 2.0; coverage 1.8/2.1.
    assert solution.expression == "A" and set(solution.terms[0].cases) == {"c1", "c2"}
    assert (solution.consistency, solution.coverage) == pytest.approx((0.9, 1.8 / 2.1))


def test_truth_table_reports_missing_cases_and_the_case_cut_off():
    data = tiny_fuzzy().assign(B=[0.3, 0.9, 0.2, np.nan])
    tt = qca.truth_table(data, "Y", ["A", "B"], incl_cut=0.8, n_cut=2)
    assert tt.missing == ("c4",)
    assert (tt.rows["OUT"] == "?").all()  # no row reaches two cases
    assert tt.to_frame().loc[3, "cases"] == "c1"


def test_to_frame_joins_case_ids(lc):
    frame = qca.truth_table(lc, "SURV", CONDITIONS).to_frame()
    assert frame.loc[32, "cases"] == "BE, CZ, NL, UK" and frame.loc[3, "cases"] == ""


def test_more_than_six_conditions_are_refused_with_a_reason():
    reason = qca.check_conditions([f"C{index}" for index in range(7)])
    assert reason is not None and "64 configurations" in reason and "without a case" in reason
    assert qca.check_conditions(CONDITIONS) is None
    assert qca.check_conditions([]) is not None and qca.check_conditions(["A", "A"]) is not None
    assert qca.MAX_CONDITIONS == 6


@pytest.mark.parametrize("change, message", [
    (dict(conditions=[f"C{index}" for index in range(11)]), "between 1 and 10"),
    (dict(conditions=[]), "between 1 and 10"),
    (dict(conditions=["A", "Y"]), "outcome"),
    (dict(conditions=["A", "MISSING"]), "No column"),
    (dict(data=tiny_fuzzy().assign(A=[2, 0, 0, 0])), r"\[0, 1\]"),
    (dict(incl_cut=1.5), "cut-off"),
    (dict(n_cut=0), "cut-off"),
])
def test_truth_table_refuses_what_it_cannot_analyse(change, message):
    arguments = dict(data=tiny_fuzzy(), outcome="Y", conditions=["A", "B"]) | change
    with pytest.raises(ValueError, match=message):
        qca.truth_table(**arguments)


def test_eight_conditions_still_run_in_the_engine():
    rng = np.random.default_rng(3)
    data = pd.DataFrame(rng.integers(0, 2, size=(30, 9)), columns=[*(f"C{i}" for i in range(8)), "Y"])
    tt = qca.truth_table(data, "Y", [f"C{i}" for i in range(8)])
    assert len(tt.rows) == 256 and tt.rows["n"].sum() == 30


# ----- minimisation edge cases ------------------------------------------------------------------

@pytest.mark.parametrize("include_remainders", [False, True])
def test_no_positive_rows_gives_an_empty_solution_with_a_reason(include_remainders):
    data = pd.DataFrame({"A": [1, 0, 1], "B": [0, 0, 1], "Y": [0, 0, 0]}, index=["a", "b", "c"])
    solution = qca.minimise(qca.truth_table(data, "Y", ["A", "B"]), include_remainders)
    assert solution.is_empty and solution.expression == "" and solution.terms == ()
    assert "nothing to minimise" in solution.reason
    assert math.isnan(solution.consistency) and math.isnan(solution.coverage)


def test_outcome_everywhere_with_remainders_gives_the_trivial_solution():
    data = pd.DataFrame({"A": [1, 0], "B": [0, 0], "Y": [1, 1]}, index=["a", "b"])
    solution = qca.minimise(qca.truth_table(data, "Y", ["A", "B"]), include_remainders=True)
    assert solution.expression == "1" and "no condition is needed" in solution.reason
    assert solution.simplifying_assumptions == (2, 4)
    assert qca.minimise(qca.truth_table(data, "Y", ["A", "B"]), include_remainders=False).expression == "~B"


# ----- necessity formulas ---------------------------------------------------------------------

def test_necessity_formulas_by_hand():
    data = pd.DataFrame({"X": [1.0, 0.5, 0.0], "Y": [0.8, 0.4, 0.2]})
    table = qca.necessity(data, "Y", ["X"]).set_index("condition")
    # X: overlap 0.8 + 0.4 + 0 = 1.2; sum Y 1.4; sum X 1.5; sum(1 - X) 1.5; sum(1 - overlap) 1.8.
    assert tuple(table.loc["X"]) == pytest.approx((1.2 / 1.4, 1.2 / 1.5, 1.5 / 1.8))
    # ~X = 0, 0.5, 1: overlap 0 + 0.4 + 0.2 = 0.6; sum(1 - ~X) 1.5; sum(1 - overlap) 2.4.
    assert tuple(table.loc["~X"]) == pytest.approx((0.6 / 1.4, 0.6 / 1.5, 1.5 / 2.4))


def test_necessity_divides_by_zero_into_nan():
    data = pd.DataFrame({"ALL": [1.0, 1.0], "NONE": [0.0, 0.0], "Y": [1.0, 1.0], "NOY": [0.0, 0.0]})
    table = qca.necessity(data, "NOY", ["NONE"]).set_index("condition")
    assert math.isnan(table.loc["NONE", "inclN"]) and math.isnan(table.loc["NONE", "covN"])
    assert math.isnan(qca.necessity(data, "Y", ["ALL"]).set_index("condition").loc["ALL", "RoN"])


# ----- export to R ------------------------------------------------------------------------------

def test_r_csv_round_trips_through_pandas(lf):
    data = lf.assign(DEV=lf["DEV"] + 0.00049)  # more decimals than the export keeps
    export = qca.to_r_csv(data, CONDITIONS, "SURV")
    assert export.csv.splitlines()[0] == ",DEV,URB,LIT,IND,STB,SURV"
    back = pd.read_csv(io.StringIO(export.csv), index_col=0)
    assert list(back.index) == list(data.index) and list(back.columns) == [*CONDITIONS, "SURV"]
    np.testing.assert_allclose(back.to_numpy(), data[[*CONDITIONS, "SURV"]].round(3).to_numpy())
    assert export.names == {name: name for name in [*CONDITIONS, "SURV"]}


def test_r_csv_renames_labels_and_writes_missing_as_na():
    data = pd.DataFrame({"member count": [0.5, np.nan], "2nd wave": [1.0, 0.25], "true": [0.0, 1.0]},
                        index=["a", "b"])
    export = qca.to_r_csv(data, ["member count", "2nd wave"], "true")
    assert export.names == {"member count": "MEMBER_COUNT", "2nd wave": "X_2ND_WAVE", "true": "TRUE_"}
    assert export.csv.splitlines() == [",MEMBER_COUNT,X_2ND_WAVE,TRUE_", "a,0.5,1,0", "b,NA,0.25,1"]


def test_r_csv_neutralises_formula_injection_in_case_ids():
    hostile = ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tTab", "\rReturn", "plain"]
    data = pd.DataFrame({"A": [1.0] * 7, "Y": [0.0] * 7}, index=hostile)
    text = qca.to_r_csv(data, ["A"], "Y").csv
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert [row[0] for row in rows] == ["'" + case for case in hostile[:-1]] + ["plain"]
    assert list(pd.read_csv(io.StringIO(text), index_col=0).index) == [row[0] for row in rows]


def test_r_csv_refuses_duplicate_case_ids():
    with pytest.raises(ValueError, match="unique"):
        qca.to_r_csv(pd.DataFrame({"A": [1.0, 0.0], "Y": [1.0, 0.0]}, index=["a", "a"]), ["A"], "Y")


@pytest.mark.parametrize("label, expected", [
    ("DEV", "DEV"), ("member count", "MEMBER_COUNT"), ("Région élue", "REGION_ELUE"), ("3rd", "X_3RD"),
    ("", "X"), ("__", "X"), ("na", "NA_"), ("a--b", "A_B"),
])
def test_r_name_makes_valid_r_names(label, expected):
    assert qca.r_name(label) == expected


def test_r_names_keep_names_apart():
    assert qca.r_names(["a b", "a-b", "A_B"]) == {"a b": "A_B", "a-b": "A_B_2", "A_B": "A_B_3"}


def test_r_script_reruns_truth_table_and_both_solutions():
    script = qca.r_script(["member count", "STB"], "surv", 0.8, 'lpip "qca".csv')
    assert 'read.csv("lpip \\"qca\\".csv", row.names = 1)' in script
    assert 'truthTable(data, outcome = "SURV", conditions = c("MEMBER_COUNT", "STB"),' in script
    assert "incl.cut = 0.8, n.cut = 1" in script
    assert "minimize(tt, details = TRUE)" in script
    assert 'minimize(tt, include = "?", details = TRUE)' in script


# ----- properties -------------------------------------------------------------------------------

@st.composite
def crisp_data(draw, max_conditions: int = 4) -> tuple[pd.DataFrame, list[str]]:
    count = draw(st.integers(1, max_conditions))
    cases = draw(st.integers(1, 14))
    conditions = [f"C{index}" for index in range(count)]
    values = draw(st.lists(st.lists(st.sampled_from([0.0, 1.0]), min_size=count + 1, max_size=count + 1),
                           min_size=cases, max_size=cases))
    frame = pd.DataFrame(values, columns=[*conditions, "Y"], index=[f"case{index}" for index in range(cases)])
    return frame, conditions


def covered_rows(term: qca.Term, tt: qca.TruthTable) -> pd.DataFrame:
    mask = np.ones(len(tt.rows), dtype=bool)
    for condition, present in term.literals:
        mask &= (tt.rows[condition] == int(present)).to_numpy()
    return tt.rows[mask]


@PROPERTY
@given(crisp_data(), st.sampled_from([0.5, 0.8, 1.0]))
def test_crisp_truth_tables_and_solutions_hold_together(sample, incl_cut):
    data, conditions = sample
    tt = qca.truth_table(data, "Y", conditions, incl_cut=incl_cut)
    assigned = [case for cases in tt.rows["cases"] for case in cases]
    assert sorted(assigned) == sorted(data.index)  # each case in exactly one row
    assert tt.rows["n"].sum() == len(data) and tt.ambiguous == ()
    fit = tt.rows[["incl", "PRI", "cov"]].to_numpy(dtype=float)
    fit = fit[~np.isnan(fit)]  # rows without cases have no fit
    assert ((fit >= 0) & (fit <= 1 + 1e-12)).all()
    positive_cases = {case for cases in tt.positive["cases"] for case in cases}
    for include_remainders, allowed in ((False, {"1"}), (True, {"1", "?"})):
        solution = qca.minimise(tt, include_remainders)
        if tt.positive.empty:
            assert solution.is_empty
            continue
        assert positive_cases <= {case for term in solution.terms for case in term.cases}
        for term in solution.terms:
            assert set(covered_rows(term, tt)["OUT"]) <= allowed  # no term reaches a negative row
        assert 0 <= solution.consistency <= 1 + 1e-12 and 0 <= solution.coverage <= 1 + 1e-12


@PROPERTY
@given(st.integers(1, 3).flatmap(lambda count: st.tuples(
    st.just(count),
    st.lists(st.lists(st.sampled_from([0.0, 0.2, 0.5, 0.5, 0.7, 1.0]), min_size=count + 1, max_size=count + 1),
             min_size=1, max_size=12))))
def test_fuzzy_cases_land_in_at_most_one_row(sample):
    count, values = sample
    conditions = [f"C{index}" for index in range(count)]
    data = pd.DataFrame(values, columns=[*conditions, "Y"])
    tt = qca.truth_table(data, "Y", conditions)
    assigned = [case for cases in tt.rows["cases"] for case in cases]
    assert len(assigned) == len(set(assigned)) and not set(assigned) & set(tt.ambiguous)
    assert tt.rows["n"].sum() + len(tt.ambiguous) == len(data)
    assert set(tt.ambiguous) == set(data.index[(data[conditions] == 0.5).any(axis=1)])


def fewest_terms_by_brute_force(count: int, on: set[int], allowed: set[int]) -> int:
    """Test oracle: the smallest number of implicants (inside `allowed`) that cover `on`."""
    def rows_of(implicant):
        return {row for row in range(2 ** count)
                if all(value is None or value == (row >> (count - 1 - i)) & 1 for i, value in enumerate(implicant))}
    implicants = [rows_of(imp) for imp in itertools.product((0, 1, None), repeat=count)]
    candidates = [rows for rows in implicants if rows <= allowed and rows & on]
    for size in range(1, len(on) + 1):
        if any(on <= set().union(*combo) for combo in itertools.combinations(candidates, size)):
            return size
    raise AssertionError("no cover")


@settings(PROPERTY, max_examples=40)
@given(crisp_data(max_conditions=4), st.booleans())
def test_sympy_cover_has_the_fewest_terms(sample, include_remainders):
    """SOPform's chart reduction ends greedily on cyclic charts; up to 4 conditions it stays minimal."""
    data, conditions = sample
    tt = qca.truth_table(data, "Y", conditions, incl_cut=1)
    on = {row - 1 for row in tt.positive.index}
    if not on:
        return
    allowed = on | ({row - 1 for row in tt.remainder_rows.index} if include_remainders else set())
    solution = qca.minimise(tt, include_remainders)
    assert len(solution.terms) == fewest_terms_by_brute_force(len(conditions), on, allowed)
