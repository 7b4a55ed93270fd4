"""Streamlit pieces of the Patterns view: its controls, the matrix and the evidence behind a cell,
calibration, the truth table, the solutions and the exports.

Every setting lives in the URL (lpipdata.patterns.request says which); controls write a new
request there, so a deep link or a storyboard slide restores the whole analysis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd
import streamlit as st

from lpipdata import filters as flt
from lpipdata import qca
from lpipdata.patterns import conditions as cond
from lpipdata.patterns import request as rq
from lpipdata.patterns.analysis import Result, set_phrase
from lpipdata.patterns.matrix import dimension_of
from lpipdata.safe import escape_markdown as md
from lpipdata.schema import load_schema
from ui import state, widgets
from lpipdata.patterns.view import R_FILENAME
from ui.evidence import DIRECTION_BADGES, source_link

CHART_KEY = "patterns_matrix"


def dimensions() -> tuple[str, ...]:
    return load_schema().table("codes").field("dimension").enum


def view_options() -> dict[str, tuple[str, ...] | None]:
    """The page's URL options and their allowed values (None: checked by patterns.request, which
    reports every problem in one warning)."""
    return {"cases": tuple(cond.CASE_KINDS), "outcome": None, "conditions": None, "cal": None, "incl": None,
            "cell": None}


def write(filters: flt.Filters, options: Mapping[str, str], request: rq.Request, with_cell: bool = False) -> None:
    """Make `request` the page's state in the URL, keeping presentation mode and the slide."""
    kept = {k: v for k, v in options.items() if k in state.PRESENTATION_KEYS}
    state.write(filters, {**kept, **request.options(with_cell=with_cell)})


# --- Controls ---------------------------------------------------------------------------------
def sidebar(filters: flt.Filters, options: Mapping[str, str], request: rq.Request) -> None:
    """Cases, outcome, conditions and the consistency cut-off; each change goes to the URL."""
    with st.sidebar:
        st.subheader("Analysis")
        _control(st.radio, "Cases", "cases", list(cond.CASE_KINDS), request.case_kind, filters, options, request,
                 format_func=cond.CASE_KINDS.get, horizontal=True)
        outcomes = [*dimensions(), cond.ALL_DIMENSIONS]
        _control(st.selectbox, "Outcome (coded dimension)", "outcome", outcomes, request.outcome, filters, options,
                 request, format_func=lambda d: "All dimensions" if d == cond.ALL_DIMENSIONS else d.capitalize())
        labels = {c.name: c.label for c in cond.conditions_for(request.case_kind)}
        _control(st.multiselect, f"Conditions (2 to {qca.MAX_CONDITIONS})", "conditions", list(labels),
                 list(request.conditions), filters, options, request, format_func=labels.get,
                 max_selections=qca.MAX_CONDITIONS,
                 help=f"{qca.MAX_CONDITIONS} conditions make {2 ** qca.MAX_CONDITIONS} configurations; "
                      "more would leave almost every one without a case.")
        _control(st.slider, "Consistency cut-off", "incl", None, request.incl_cut, filters, options, request,
                 min_value=rq.INCL_RANGE[0], max_value=rq.INCL_RANGE[1], step=0.05,
                 help="A truth-table row counts as showing the outcome when its consistency reaches this.")


def _control(widget, label: str, name: str, choices, current, filters, options, request, **kwargs) -> None:
    key = state.widget_key(f"patterns_{name}")
    st.session_state[key] = current
    args = (label, choices) if choices is not None else (label,)
    widget(*args, key=key, on_change=_apply_control, args=(name, filters, dict(options), request), **kwargs)


def _changes(name: str, value) -> dict:
    """The request fields a control sets; a new kind of case starts from the default conditions."""
    if name == "cases":
        return {"case_kind": value, "conditions": rq.DEFAULT_REQUEST.conditions, "settings": ()}
    if name == "conditions":
        return {"conditions": tuple(value)}
    if name == "incl":
        return {"incl_cut": float(value)}
    return {"outcome": value}


def _apply_control(name: str, filters: flt.Filters, options: dict[str, str], request: rq.Request) -> None:
    chosen = replace(request, **_changes(name, st.session_state[state.widget_key(f"patterns_{name}")]))
    if len(chosen.conditions) < rq.MIN_CONDITIONS:
        st.toast(f"Choose at least {rq.MIN_CONDITIONS} conditions.", icon=":material/info:")
        return
    write(filters, options, chosen)


# --- Words above the result -------------------------------------------------------------------
def honesty(sentences: list[str]) -> None:
    st.info("  \n".join(md(s) for s in sentences), icon=":material/fact_check:")


# --- The matrix and the evidence behind a cell ---------------------------------------------------
def on_cell(filters: flt.Filters, options: Mapping[str, str], request: rq.Request):
    """The matrix's on_select callback: the clicked cell goes to the URL; clicking again clears it."""
    def remember() -> None:
        points = st.session_state[CHART_KEY].selection.points
        cell = tuple(points[0]["customdata"]) if points and points[0].get("customdata") else None
        write(filters, options, replace(request, cell=cell if cell != request.cell else None), with_cell=True)
    return remember


def cell_evidence(cells: pd.DataFrame, excerpts: pd.DataFrame | None, facts: pd.DataFrame | None,
                  request: rq.Request, filters: flt.Filters, options: Mapping[str, str]) -> None:
    """What the selected cell stands on: coded excerpts for an outcome, sourced rows for a condition."""
    if not request.cell:
        st.caption("Click a square for the evidence behind it: coded excerpts for an outcome, "
                   "the sourced rows a condition is computed from.")
        return
    match = cells[(cells["case_id"] == request.cell[0]) & (cells["column"] == request.cell[1])]
    if match.empty:
        st.caption("The selected cell is not in the matrix with these settings.")
        return
    cell = match.iloc[0]
    with st.container(border=True, key="patterns_cell"):
        st.markdown(f"**{md(cell['case_name'])} · {md(cell['label'])}:** {md(cell['shown'])}")
        if dimension_of(cell["column"]) is not None:
            _excerpt_list(excerpts)
        else:
            _fact_list(facts)
        st.button("Close", key="patterns_close_cell", icon=":material/close:",
                  on_click=write, args=(filters, dict(options), replace(request, cell=None)))


def _excerpt_list(excerpts: pd.DataFrame | None) -> None:
    if excerpts is None or excerpts.empty:
        st.caption("No visible coded excerpt for this case and dimension.")
        return
    with st.container(height=440 if len(excerpts) > 5 else "content"):
        for row in excerpts.itertuples():
            _excerpt(row)


def _excerpt(row) -> None:
    """One coded excerpt: its direction, text, code, coder, confidence and a link to its source."""
    st.markdown(f"{DIRECTION_BADGES.get(row.direction, md(row.direction))} {md(row.text)}  \n"
                f":gray[{md(row.code_path)} · coded by {md(row.coder)} · {md(row.confidence)} · "
                f"from: {md(row.source_title)}]{source_link(row.source_url)}")


def _fact_list(facts: pd.DataFrame | None) -> None:
    if facts is None or facts.empty:
        st.caption("No sourced rows behind this condition with these filters.")
        return
    lines = [f"- **{md(row.record)}**: {md(row.detail)}{widgets.confidence_note(row.confidence)}"
             f"{source_link(row.source_url) or ' · source: ' + md(row.source_id)}" for row in facts.itertuples()]
    with st.container(height=320 if len(lines) > 10 else "content"):
        st.markdown("\n".join(lines))


# --- Calibration ----------------------------------------------------------------------------
def calibration(result: Result, request: rq.Request, filters: flt.Filters, options: Mapping[str, str]) -> None:
    """The rule for each chosen condition and the outcome, with a form to change the thresholds."""
    rules = result.calibrated.rules
    shown = pd.DataFrame({"set": [cond.BY_NAME[n].label for n in request.conditions] + ["Outcome"],
                          "membership rule": [rules[n] for n in request.conditions] + [rules[rq.OUTCOME_KEY]]})
    st.dataframe(shown, hide_index=True)
    with st.expander("Change the thresholds", icon=":material/tune:"):
        with st.form("patterns_calibration", border=False):
            st.caption("One number: crisp, 1 at or above it. Three numbers a/b/c: fuzzy, 0.05 at a, "
                       "0.5 at b, 0.95 at c. For a category, the value that counts as 1.")
            for name in (*request.conditions, rq.OUTCOME_KEY):
                st.text_input(cond.BY_NAME[name].label if name in cond.BY_NAME else "Outcome (net score)",
                              value=_current(result, request, name), key=state.widget_key(f"cal_{name}"))
            st.form_submit_button("Apply", on_click=_apply_calibration, args=(filters, dict(options), request))


def _current(result: Result, request: rq.Request, name: str) -> str:
    setting = request.setting(name)
    if setting:
        return setting.category if setting.kind == "category" else "/".join(f"{v:g}" for v in setting.values)
    if name == rq.OUTCOME_KEY:
        return f"{cond.DEFAULT_OUTCOME_THRESHOLD:g}"
    spec = cond.BY_NAME[name]
    if spec.kind == "category":
        return result.calibrated.rules[name].split("'")[1] if "'" in result.calibrated.rules[name] else ""
    return f"{spec.default_for(request.case_kind):g}"


def _apply_calibration(filters: flt.Filters, options: dict[str, str], request: rq.Request) -> None:
    parts = []
    for name in (*request.conditions, rq.OUTCOME_KEY):
        text = (st.session_state.get(state.widget_key(f"cal_{name}")) or "").strip()
        if text:
            is_category = name in cond.BY_NAME and cond.BY_NAME[name].kind == "category"
            parts.append(f"{name}={text}" if is_category else f"{name}:{text}")
    parsed = rq.parse({**request.options(), "cal": ";".join(parts)}, dimensions())
    if parsed.problems:
        st.toast("Not applied: " + "; ".join(parsed.problems), icon=":material/warning:")
        return
    write(filters, options, parsed)


# --- Truth table, solutions, necessity -------------------------------------------------------------
def case_names(result: Result, cases) -> str:
    names = result.calibrated.raw["case_name"]
    return "; ".join(str(names.get(case, case)) for case in cases)


def truth_table(result: Result, filename: str) -> None:
    table = result.table.rows.copy()
    table["cases"] = table["cases"].map(lambda cases: case_names(result, cases))
    table = table.reset_index()
    labels = {n: cond.BY_NAME[n].label for n in result.table.conditions}
    table = table.rename(columns={**labels, "row": "row", "OUT": "outcome (1, 0, ? = no case)",
                                  "incl": "consistency", "cov": "coverage"})
    show_remainders = st.toggle("Show the configurations with no case (remainders)", key="patterns_remainders")
    shown = table if show_remainders else table[table["n"] > 0]
    widgets.data_table(shown, filename, key="patterns_truth_table")


def solutions(result: Result) -> None:
    for solution in (result.conservative, result.parsimonious):
        st.markdown(f"**{solution.kind.capitalize()} solution**"
                    + (" (no remainders assumed)" if solution.kind == "conservative"
                       else f" (assumes {len(solution.simplifying_assumptions)} remainder row(s))"))
        if solution.is_empty:
            st.caption(md(solution.reason or "No solution."))
            continue
        # The expression holds only condition names from the registry, never text from the data.
        st.markdown(f"`{solution.expression}` → outcome  \n{md(in_words(solution, result))}  \n"
                    f"Solution consistency **{solution.consistency:.2f}**, coverage **{solution.coverage:.2f}**")
        terms = pd.DataFrame([{"term": t.label, "in words": term_words(t, result), "consistency": round(t.inclS, 3),
                               "raw coverage": round(t.covS, 3),
                               "unique coverage": "–" if pd.isna(t.covU) else f"{t.covU:.3g}",
                               "cases": case_names(result, t.cases)} for t in solution.terms])
        st.dataframe(terms, hide_index=True)


def term_words(term: qca.Term, result: Result) -> str:
    """'not (university member) and member count ≥ 20': each condition named by its calibration."""
    rules = result.calibrated.rules
    phrases = [set_phrase(rules[name], cond.BY_NAME[name].label) for name, _ in term.literals]
    return " and ".join(phrase if present else f"not ({phrase})"
                        for phrase, (_, present) in zip(phrases, term.literals)) or "every case"


def in_words(solution: qca.Solution, result: Result) -> str:
    text = "; or ".join(term_words(t, result) for t in solution.terms)
    return text[:1].upper() + text[1:] + "."


def necessity(result: Result) -> None:
    frame = result.necessity.copy()
    frame["condition"] = frame["condition"].map(
        lambda c: ("not " if c.startswith("~") else "") + cond.BY_NAME[c.lstrip("~")].label.lower())
    st.dataframe(frame.rename(columns={"inclN": "consistency (necessity)", "covN": "coverage (necessity)",
                                       "RoN": "relevance (RoN)"}).round(3), hide_index=True)


def exports(view) -> None:
    """The calibrated data for R, and the R lines that rerun this analysis."""
    if view.r_csv is None:
        return
    with st.container(horizontal=True):
        st.download_button("Calibrated data for R (CSV)", view.r_csv, file_name=R_FILENAME, mime="text/csv",
                           icon=":material/download:", key="patterns_r_csv", on_click="ignore")
        st.download_button("R script", view.r_script, file_name="lpip-patterns-qca.R", mime="text/plain",
                           icon=":material/code:", key="patterns_r_script", on_click="ignore")
    st.caption("Save both in one folder and run the script in R: it reads the CSV and prints R's truth table "
               "and both solutions, to check the figures above.")
