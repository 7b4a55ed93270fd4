"""Compare regions: two to four regions side by side (?regions=yh,rw,forth,ni)."""

import streamlit as st

from lpipdata import compare
from lpipdata.figures import compare as figures
from lpipdata.queries import compare as queries
from ui import cached, compare as view, state, widgets

filters, options = state.page_state({"measure": tuple(figures.MEASURES)})
vocab = state.vocabulary()
widgets.filter_sidebar(filters, options, vocab)

st.title("Compare regions")
regions, problem = compare.choose_regions(filters.regions, cached.fetch(queries.default_regions), vocab.regions)
if problem:
    st.warning(problem)
elif not filters.regions:
    st.info("Showing the four phase-2 LPIPs. Choose two to four regions in the sidebar to compare others.")
if len(regions) < compare.MIN_REGIONS:
    st.stop()

scoped = filters.with_(regions=regions)
overview = cached.fetch(queries.overview, scoped)
st.caption(view.sentence(scoped, overview, vocab))
view.side_by_side(overview)

st.header("Issue profile")
measure = widgets.option("Shade by", "measure", figures.MEASURES, filters, options)
view.section("issues", cached.fetch(queries.issue_profile, scoped),
             lambda frame: figures.issue_heatmap(frame, measure), "issues",
             "No issues are recorded for these regions (with these theme filters).")

st.header("Mix of partnership scales")
view.section("scales", cached.fetch(queries.scale_mix, scoped), figures.scale_mix, "scales",
             "No partnerships in these regions match the filters.")

st.header("Sector mix of members")
view.section("sectors", cached.fetch(queries.sector_mix, scoped), figures.sector_mix, "sectors",
             "No memberships in these regions match the filters.")

st.header("Network density and centralisation")
st.caption("Organisations are linked when they share a partnership in the region. Density: the share of "
           "possible links present. Degree centralisation: 1 when one organisation links all others, 0 when "
           "all are equally linked (needs three organisations).")
view.section("network", cached.fetch(queries.network_metrics, scoped), figures.network_measures, "network",
             "No memberships in these regions match the filters.")

st.header("Organisations shared between the regions")
st.caption("Bridges: organisations with memberships in partnerships of two or more of these regions.")
view.section("bridges", cached.fetch(queries.bridge_memberships, scoped), figures.bridges, "bridges",
             "No organisation belongs to partnerships in more than one of these regions.",
             table_frame=cached.fetch(queries.bridges, scoped))

st.header("Partnerships founded per year")
view.section("founded", cached.fetch(queries.founded_per_year, scoped), figures.founded_per_year, "founded",
             "No partnerships in these regions match the filters.")
