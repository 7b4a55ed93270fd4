"""Network: who works with whom, across partnerships, regions and scales."""

from datetime import date
from functools import partial

import streamlit as st

from lpipdata import network as net
from lpipdata.figures import network as figures
from lpipdata.figures import theme
from lpipdata.safe import escape_markdown as md
from ui import playback, present, state, widgets
from ui import network as view

filters, options = state.page_state(net.URL_OPTIONS)
vocab = state.vocabulary()
widgets.filter_sidebar(filters, options, vocab)
choice = view.display_options(filters, options)
presenting = state.is_presenting(options)

st.title("Network")
time_control = partial(playback.control, filters, options, playback.steps(filters, date.today()), key="network_time",
                       story=bool(options.get("story")))
analysis = view.analysis(filters)
if analysis.is_empty:
    st.info(f"No memberships match these filters ({view.summary(filters, analysis, vocab)}), so there is no network "
            "to draw. Widen the period, clear the “as of” date, or choose more regions, themes, scales or sectors.",
            icon=":material/info:")
    time_control(compact=presenting)
    st.stop()
summary = ("Who works with whom: organisations and the partnerships they belong to. "
           + view.summary(filters, analysis, vocab))
selected = net.selected_node(filters)
ego = selected is not None and analysis.has(selected)
if not presenting:
    st.caption(summary + ".")
    search, actions = st.columns([3, 1], vertical_alignment="bottom")
    with search:
        view.search(filters, options, analysis)
    if ego:
        with actions:
            view.clear_selection(filters, options)
    time_control()
drawing = view.drawing(filters, choice.mode, selected, choice.steps) if ego else view.drawing(filters, choice.mode)
nodes, edges = net.visible(analysis.nodes, drawing, choice.min_degree)

with present.stage(presenting):
    if ego:
        st.markdown(f"**Ego network of {md(analysis.label(selected))}**, {choice.steps} "
                    f"step{'s' * (choice.steps > 1)} out ({net.MODES[choice.mode].lower()})")
    elif selected:
        st.info("The selected organisation or partnership is not in the network under these filters, so the "
                "whole network is shown.", icon=":material/info:")
    if nodes.empty:
        st.info(f"No node has {choice.min_degree} or more ties under these filters. Lower the minimum degree in "
                "the sidebar.", icon=":material/info:")
    else:
        figure = figures.network_figure(nodes, edges, choice.colour_by, choice.size_by, centre=drawing.centre,
                                        presenting=presenting, height=theme.PRESENT_FIGURE_PX if presenting else 520)
        in_words = view.chart_text(nodes, edges, filters, analysis.label(selected) if ego else None)
        st.plotly_chart(figure, key=view.CHART_KEY, on_select=partial(view.chart_clicked, filters, dict(options)),
                        selection_mode="points", theme=None, config=theme.chart_config("lpip-network"),
                        height=present.chart_height(presenting), alt=in_words)
        widgets.chart_text(in_words, "network", presenting)
        st.caption("Click a node for its ego network. Circles are organisations, diamonds partnerships; "
                   "hover for names and metrics.")
if presenting:
    st.caption(summary + ".")
    time_control(compact=True)
view.drawing_notes(drawing, analysis, choice.min_degree)

if filters.org:
    view.organisation_panel(filters, filters.org)
elif filters.partnership:
    view.partnership_panel(filters, filters.partnership)

st.header("Metrics and sources")
view.tables(analysis)
view.exports(analysis, choice.mode)
