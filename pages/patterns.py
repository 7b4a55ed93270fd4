"""Patterns: which partnership conditions go with participation, confidence and capacity, across cases."""

import streamlit as st

from lpipdata.config import settings
from lpipdata.figures import patterns as figures
from lpipdata.figures import theme
from lpipdata.patterns import request as rq
from lpipdata.patterns.matrix import dimension_of
from lpipdata.patterns.view import patterns_view
from lpipdata.queries import patterns as queries
from ui import cached, present, state, widgets
from ui import patterns as view

public_only = settings().mode != "research"
filters, options = state.page_state(view.view_options())
request = rq.parse(options, view.dimensions())
widgets.filter_sidebar(filters, options, state.vocabulary(), fields=("regions", "themes", "scales", "as_of"))
presenting = state.is_presenting(options)
if not presenting:
    view.sidebar(filters, options, request)

st.title("Patterns")
if request.problems:
    st.warning("Some pattern settings were not understood and were reset: " + "; ".join(request.problems))
if not presenting:
    st.markdown("Which conditions of partnerships go with what the coded evidence says about **participation, "
                "confidence, capability and capacity**? Cases are set against conditions computed from the data "
                "and outcomes counted from the codings, then compared with QCA: a truth table, and the "
                "combinations of conditions that are consistently followed by the outcome.")
patterns = cached.fetch(patterns_view, filters, request, public_only, presenting)
result = patterns.result
if result.reason:
    st.info(result.reason, icon=":material/science:")
    st.stop()
if not presenting:  # on a slide the figure comes first and the words follow it
    view.honesty(list(patterns.honesty))
with present.stage(presenting):
    figure = figures.outline_cell(patterns.figure, patterns.cells, request.cell, presenting) if request.cell \
        else patterns.figure
    st.plotly_chart(figure, key=view.CHART_KEY,
                    on_select=view.on_cell(filters, options, request), selection_mode="points", theme=None,
                    config=theme.chart_config("lpip-patterns"), height=present.chart_height(presenting))
if presenting:
    view.honesty(list(patterns.honesty))
st.caption(figures.LEGEND)
if patterns.cases_left_out:
    st.caption(f"The matrix shows the {len(patterns.matrix_table)} cases with the most codings; "
               f"{patterns.cases_left_out} more are in the analysis and the CSV.")
cell = request.cell
excerpts = facts = None
if cell and dimension_of(cell[1]) is not None:
    excerpts = cached.fetch(queries.excerpts, request.case_kind, cell[0], dimension_of(cell[1]), public_only)
elif cell:
    facts = cached.fetch(queries.case_facts, filters, request.case_kind, cell[0])
view.cell_evidence(patterns.cells, excerpts, facts, request, filters, options)
with st.expander("The matrix as a table", icon=":material/table:"):
    widgets.data_table(patterns.matrix_table, "lpip-patterns-matrix.csv", key="patterns_matrix_table")

st.header("Calibration")
view.calibration(result, request, filters, options)
st.header("Truth table")
st.caption("One row per configuration of the chosen conditions: its cases (n), consistency (how far its cases "
           "show the outcome) and coverage (how much of the outcome it accounts for).")
view.truth_table(result, "lpip-patterns-truth-table.csv")
st.header("Solutions")
view.solutions(result)
st.subheader("Necessity")
st.caption("Is a condition (or its absence) present wherever the outcome is? High consistency says so; "
           "coverage and relevance say whether it is trivially everywhere.")
view.necessity(result)
view.exports(patterns)
