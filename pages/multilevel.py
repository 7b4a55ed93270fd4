"""Multilevel: partnerships on a ladder of scales, linked across levels by the members they share,
with measures of vertical integration and an as-of date that plays through the years."""

from datetime import date

import streamlit as st

from lpipdata.figures import multilevel as figures
from lpipdata.figures import theme
from lpipdata.multilevel import view as ml
from ui import multilevel as view
from ui import playback, present, state, widgets

filters, options = state.page_state(view.view_options())
widgets.filter_sidebar(filters, options, state.vocabulary())
presenting, playing = state.is_presenting(options), playback.is_playing(options)
in_story = bool(options.get("story"))
today = date.today()
past = view.history(filters, today)
ladder = view.step(filters, today, presenting)

st.title("Multilevel")
if not presenting:
    st.markdown("Is a local partnership connected upward to regional and national ones through the organisations "
                "they share, or do the levels sit apart?")
    playback.control(filters, options, past.steps, key="multilevel_time", story=in_story, today=today)
    st.caption(ml.summary(ladder, past))
with present.stage(presenting):
    chart_column, side_column = st.columns([3, 1])
    with chart_column:
        if ladder.figure is None:
            st.info(ladder.reason, icon=":material/stacked_bar_chart:")
            if not ladder.empty:
                st.dataframe(ladder.partnerships_table, hide_index=True, key="multilevel_one_level",
                             column_config={"Source": widgets.source_column()})
        else:
            st.plotly_chart(view.figure(ladder, past, filters, options, presenting), key=view.CHART_KEY,
                            on_select=view.on_select(filters, options), selection_mode="points", theme=None,
                            config=theme.chart_config("lpip-multilevel"), height=present.chart_height(presenting),
                            alt=f"Ladder of scales: {ml.summary(ladder, past)} {ml.measures_sentence(ladder)}")
    with side_column:
        if presenting:
            playback.control(filters, options, past.steps, key="multilevel_time", story=in_story, today=today,
                             compact=True)
        if not ladder.empty:
            st.markdown(ml.measures_sentence(ladder))
        view.details(ladder, filters, options)
        view.unscaled(past)
if presenting:  # on a slide the stage fills the screen below the header; words follow it
    st.caption(ml.summary(ladder, past))
elif ladder.figure is not None:
    st.caption(figures.LEGEND)
if ml.drawing_note(ladder):
    st.caption(ml.drawing_note(ladder))

if ladder.empty:
    st.stop()
if playing:
    st.caption("The measures and tables follow when playback is paused.")
    st.stop()
view.measures_section(ladder, past, filters, today, presenting)
view.tables_section(ladder)
