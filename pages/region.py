"""Region profile: a one-page brief per region (?region=yh), downloadable as an offline HTML file."""

import streamlit as st

from lpipdata import filters as flt
from lpipdata.queries import home, region as queries
from ui import cached, present, region as view, state, widgets

PROFILE_FILTERS = ("themes", "scales", "sectors", "period", "as_of")

filters, options = state.page_state()
vocab = state.vocabulary()
widgets.filter_sidebar(filters, options, vocab, fields=PROFILE_FILTERS)
presenting = state.is_presenting(options)

if presenting and filters.region:
    region_id, download = filters.region, None  # the slide fixes the region: no picker above the stage
else:
    picker, download = st.columns([3, 1], vertical_alignment="bottom")
    with picker:
        region_id = view.region_picker(filters, options, vocab)
if region_id is None:
    st.title("Region profile")
    st.info("Choose a region above to see its partnerships, organisations, issues and sources on one page.")
    st.stop()

profile = cached.fetch(queries.region_profile, filters, region_id)
sentence = flt.describe(view.scoped(filters, region_id), len(profile.partnerships), "partnerships", vocab)
if download is not None:
    with download:
        view.brief_download(profile, sentence, cached.fetch(home.build_info).get("data_version", "unknown"))

with present.stage(presenting):
    view.heading(profile, sentence, presenting)
    about, where = st.columns([3, 2], gap="large")
    with about:
        st.header("Summary and LPIP facts")
        view.facts(profile)
    with where:
        if not presenting:  # on a slide the map needs the height more than a title
            st.header("Map")
        view.map_inset(profile, presenting)

st.header("Partnerships by scale")
view.partnerships(profile)

st.header("Key organisations")
view.organisations(profile)

st.header("Issues")
st.caption("Net zero and inclusive growth first, then the other themes; core priorities before mentions.")
view.issues(profile)

st.header("Timeline")
view.timeline(profile, presenting)

st.header("Network excerpt")
view.network(profile, presenting)

st.header("Sources used")
st.caption("Every source cited by the records this profile draws on; links open in a new tab.")
view.sources(profile)
