"""Timeline: when each partnership started and ended, what happened when, and the landscape on an "as of" day."""

from datetime import date

import streamlit as st

from lpipdata.figures import theme
from lpipdata.figures import timeline as figures
from lpipdata.queries import timeline as queries
from ui import cached, present, state, widgets
from ui import timeline as view

filters, options = state.page_state({"colour": tuple(view.COLOURS), "event": cached.fetch(queries.event_ids)})
vocab = state.vocabulary()
widgets.filter_sidebar(filters, options, vocab)
presenting = state.is_presenting(options)

st.title("Timeline")
if not presenting:
    st.markdown("Partnerships as bars from founding to end, in swimlanes by scale, with dated events as markers. "
                "Set **As of** in the sidebar to draw a day across the chart; the map and the network then show "
                "only what was active on it.")
colour_by = widgets.option("Colour bars by", "colour", view.COLOURS, filters, options)
today = date.today()
timeline = view.view(filters, colour_by, today, presenting)
if timeline.empty:
    st.info("No partnership or event matches these filters. Widen the period, or remove a region, theme, scale "
            "or sector in the sidebar.")
    st.stop()

if not presenting:
    view.notes(filters, timeline, vocab)
with present.stage(presenting):
    chart_column, side_column = st.columns([4, 1])
    with chart_column:
        in_words = figures.chart_text(timeline.bars, timeline.events, filters.as_of)
        st.plotly_chart(timeline.figure, key=view.CHART_KEY, on_select=view.on_select(filters, options),
                        selection_mode="points", theme=None, config=theme.chart_config("lpip-timeline"),
                        height=present.chart_height(presenting), alt=in_words)
        widgets.chart_text(in_words, "timeline", presenting)
        if not presenting:
            st.caption(figures.reading_note(today))
    with side_column:
        view.selected_details(filters, options)
        view.undated_list(timeline.undated)
if presenting:
    view.notes(filters, timeline, vocab)
    st.caption(figures.reading_note(today))

view.tables(timeline.partnerships, timeline.event_rows)
