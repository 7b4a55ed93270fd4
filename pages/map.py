"""Map: LPIP regions coloured by a measure over ONS boundaries, organisations as points.

Click a region's marker or an organisation's point for its details; the selection is kept in the URL.
Draws offline (MapLibre on a blank background); a street-map background is an opt-in that needs internet.
"""

from datetime import date

import streamlit as st

from lpipdata import counts
from lpipdata.figures import map as figures
from lpipdata.figures import theme
from lpipdata.queries import map as queries
from ui import cached, playback, present, state, widgets
from ui import map as map_ui

vocab = state.vocabulary()
filters, options = state.page_state(map_ui.option_choices(vocab))
status = cached.fetch(queries.boundary_status)
view = map_ui.current_view(filters, options, vocab, status)
widgets.filter_sidebar(filters, options, vocab)
map_ui.view_controls(filters, options, vocab, status, view)

shown = filters.with_(region=None, org=None, partnership=None)  # a selection changes no count: share the cache
data = map_ui.map_data(shown, view, status["has_boundaries"])
measures, orgs, shapes = data.measures, data.orgs, data.shapes

st.title("Map")
presenting = state.is_presenting(options)
with present.stage(presenting):
    st.caption(map_ui.caption(filters, measures, orgs, vocab),
               help=counts.help_text(counts.PARTNERSHIPS, counts.ORGANISATIONS_BASED))
    if not status["has_boundaries"]:
        map_ui.boundary_notice()
    if measures[figures.measure_column(view.measure)].sum() == 0 and orgs.empty:
        st.info("Nothing matches these filters: every region counts zero and no organisation is shown. "
                "Widen the filters in the sidebar, or use **Clear filters**.")
    map_column, details_column = st.columns([3, 2], gap="medium")
    in_words = map_ui.chart_text(measures, shapes, orgs, view, filters.as_of)
    with map_column:
        st.plotly_chart(map_ui.figure(shown, view, status["has_boundaries"]), key=map_ui.CHART_KEY,
                        on_select=map_ui.selection_handler(filters, options), selection_mode="points", theme=None,
                        config=theme.chart_config("lpip-map"), height=present.chart_height(presenting), alt=in_words)
        map_ui.attribution(view)
        widgets.chart_text(in_words, "map", presenting)
    with details_column:
        playback.control(filters, options, playback.steps(shown, date.today()), key="map_time", compact=True,
                         story=bool(options.get("story")))
        map_ui.details(filters, options, vocab, view, region_markers=status["has_boundaries"])
st.caption("  \n".join(figures.map_notes(measures, shapes, orgs, view)))

st.subheader("Table view")
regions_tab, orgs_tab = st.tabs(["Regions", "Organisations"])
with regions_tab:
    widgets.data_table(figures.region_table(measures, shapes, view), "lpip-map-regions.csv", key="map_regions",
                       column_config={"source": widgets.source_column()})
with orgs_tab:
    widgets.data_table(figures.organisation_table(orgs), "lpip-map-organisations.csv", key="map_organisations",
                       column_config={"source": widgets.source_column()})
