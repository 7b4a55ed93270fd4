"""Compare regions: two to four regions side by side (?regions=yh,rw,forth,ni)."""

import streamlit as st

from lpipdata import compare, compare_sections
from lpipdata.figures import compare as figures
from lpipdata.queries import compare as queries
from ui import cached, compare as view, present, state, widgets

filters, options = state.page_state(view.OPTIONS)
vocab = state.vocabulary()
widgets.filter_sidebar(filters, options, vocab)
with st.sidebar:
    measure = widgets.option("Shade the issue profile by", "measure", figures.MEASURES, filters, options,
                             horizontal=False)
presenting = state.is_presenting(options)
order = compare_sections.shown_first(options.get("section"))

st.title("Compare regions")
regions, problem = compare.choose_regions(filters.regions, cached.fetch(queries.default_regions), vocab.regions)
if problem:
    st.warning(problem)
elif not filters.regions and not presenting:
    st.info("Showing the four phase-2 LPIPs. Choose two to four regions in the sidebar to compare others.")
if len(regions) < compare.MIN_REGIONS:
    st.stop()

scoped = filters.with_(regions=regions)
overview = cached.fetch(queries.overview, scoped)
if presenting:
    with present.stage(True):
        st.subheader(compare_sections.SECTIONS[order[0]].title, anchor=False)
        view.section(order[0], scoped, measure, presenting=True)
st.caption(view.sentence(scoped, overview, vocab))
view.side_by_side(overview)

for key in order[1:] if presenting else compare_sections.SECTIONS:
    view.section_header(key)
    view.section(key, scoped, measure)
