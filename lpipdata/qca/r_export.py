"""Hand the analysis to R: calibrated data as CSV plus the few lines of R that rerun it.

R reads the file with `read.csv("file.csv", row.names = 1)`: an unnamed first column of case
ids, then one column per condition and the outcome.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from lpipdata.safe import neutralise_formulas

# Reserved words that an upper-cased label could hit (R is case-sensitive: Inf, NaN are safe).
R_RESERVED = {"TRUE", "FALSE", "NULL", "NA"}
DECIMALS = 3


@dataclass(frozen=True)
class RExport:
    """The CSV text and the R column name given to each label."""

    csv: str
    names: dict[str, str] = field(default_factory=dict)


def r_name(label: str) -> str:
    """A valid R column name: upper-case ASCII letters, digits and underscores, starting with a letter.

    Upper case because R's QCA has read lower-case condition names as negations.
    """
    ascii_text = unicodedata.normalize("NFKD", str(label)).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Z0-9]+", "_", ascii_text.upper()).strip("_")
    if not name or not name[0].isalpha():
        name = f"X_{name}".rstrip("_")
    return f"{name}_" if name in R_RESERVED else name


def r_names(labels: Sequence[str]) -> dict[str, str]:
    """r_name for each label, with a numeric suffix where two labels would share a name."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for label in labels:
        name, suffix = r_name(label), 2
        while name in taken:
            name, suffix = f"{r_name(label)}_{suffix}", suffix + 1
        names[label] = name
        taken.add(name)
    return names


def to_r_csv(data: pd.DataFrame, conditions: Sequence[str], outcome: str) -> RExport:
    """CSV of the calibrated conditions and outcome, case ids as R row names, up to 3 decimals.

    Case ids that a spreadsheet would run as a formula get a leading apostrophe. Missing values
    are written NA. Raises ValueError for duplicate case ids, which R refuses as row names.
    """
    labels = [*conditions, outcome]
    if data.index.has_duplicates:
        raise ValueError("Case ids must be unique: R refuses duplicate row names.")
    names = r_names(labels)
    case_ids = neutralise_formulas(pd.DataFrame({"case": [str(case) for case in data.index]}))["case"]
    buffer = io.StringIO()
    # CRLF line ends (RFC 4180) make the writer quote any id holding a CR or LF, which R and
    # spreadsheets would otherwise read as the end of a row.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["", *(names[label] for label in labels)])
    for case_id, (_, row) in zip(case_ids, data[labels].iterrows()):
        writer.writerow([case_id, *(_number(value) for value in row)])
    return RExport(csv=buffer.getvalue(), names=names)


def r_script(conditions: Sequence[str], outcome: str, incl_cut: float, filename: str, n_cut: int = 1) -> str:
    """R code that rebuilds the truth table and both solutions from the exported CSV."""
    names = r_names([*conditions, outcome])
    condition_list = ", ".join(_r_string(names[condition]) for condition in conditions)
    return "\n".join([
        "# Rerun the atlas's QCA with R's QCA package (install.packages(\"QCA\") once).",
        "library(QCA)",
        f"data <- read.csv({_r_string(filename)}, row.names = 1)",
        f"tt <- truthTable(data, outcome = {_r_string(names[outcome])}, conditions = c({condition_list}),",
        f"                 incl.cut = {incl_cut:g}, n.cut = {n_cut}, show.cases = TRUE, complete = TRUE)",
        "tt",
        "# conservative solution: observed configurations only",
        "minimize(tt, details = TRUE)",
        "# parsimonious solution: remainders as don't-cares",
        "minimize(tt, include = \"?\", details = TRUE)",
        "",
    ])


def _number(value: object) -> str:
    number = float(value)
    if math.isnan(number):
        return "NA"
    return f"{round(number, DECIMALS):.{DECIMALS}f}".rstrip("0").rstrip(".")


def _r_string(text: str) -> str:
    """A double-quoted R string literal; line breaks would end the statement, so they become spaces."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\r\n]+", " ", escaped) + '"'
