"""Evidence: search sources and observations, and see every row each source supports."""

import streamlit as st

from lpipdata.config import settings
from lpipdata.queries import evidence, home
from lpipdata.safe import escape_markdown as md
from ui import cached, state, widgets
from ui import evidence as view

mode = settings().mode
public_only = mode != "research"
info = cached.fetch(home.build_info)
codebook = cached.fetch(evidence.codebook, public_only)
coders = cached.fetch(evidence.coders, public_only)
filters, options = state.page_state(view.view_options(cached.fetch(evidence.source_ids, public_only),
                                                      codebook["code_id"], coders))
vocab = state.vocabulary()
partnerships = cached.fetch(evidence.partnership_names, public_only)
widgets.filter_sidebar(filters, options, vocab, fields=("regions",))
view.sidebar(filters, options, partnerships, codebook, coders)

st.title("Evidence")
st.caption(view.mode_note(mode, info.get("mode")))
widgets.synthetic_notice(info)
text = view.search_box(filters, options)
layout = widgets.option("Show as", "layout", view.LAYOUTS, filters, options)
search = evidence.Search(text=text, kind=options.get("kind"), confidence=options.get("confidence"),
                         regions=filters.regions, partnership=filters.partnership, code=options.get("code"),
                         direction=options.get("direction"), coder=options.get("coder"), public_only=public_only)
sources = cached.fetch(evidence.sources, search)
observations = cached.fetch(evidence.observations, search)
codings = cached.fetch(evidence.codings, tuple(observations["observation_id"].head(view.CARD_LIMIT)), public_only)
selected = options.get("source")
supported = cached.fetch(evidence.supported_rows, selected, public_only) if selected else None

if selected and (layout == "table" or selected not in view.card_ids(sources)):
    view.selected_source_panel(cached.fetch(evidence.source, selected, public_only), supported,
                               search.terms, filters, options, as_table=layout == "table")
if sources.empty and observations.empty:
    st.info(f"No sources or observations match '{md(text)}' with these filters. Try fewer or shorter words, "
            "another source kind or confidence, or clear the filters in the sidebar."
            if text else "No sources or observations match these filters. Clear some filters in the sidebar.")
    st.stop()

st.caption(md(evidence.describe(search, len(sources), len(observations), vocab.regions, partnerships,
                                dict(zip(codebook["code_id"], codebook["path"])))))
if layout == "table":
    view.results_tables(sources, observations)
else:
    view.source_cards(sources, search.terms, selected, supported, filters, options)
    view.observation_cards(observations, codings, search.terms)
