"""Overview: what is in the atlas, and a way into each LPIP region."""

import streamlit as st

from lpipdata import dates
from lpipdata.queries import home
from lpipdata.safe import escape_markdown as md
from ui import cached, nav, widgets

PHASES = {"1 and 2": "Phase 1 and 2 LPIP", "1": "Phase 1 only", "hub": "UK-wide coordination hub"}

info = cached.fetch(home.build_info)
counts = cached.fetch(home.headline_counts, public_only=info.get("mode") != "research")
regions = cached.fetch(home.lpip_regions)
latest = cached.fetch(home.latest_source_date)

st.title("LPIP governance atlas")
st.markdown("Who works with whom on net zero and inclusive growth in the UK's Local Policy Innovation "
            "Partnership regions, and since when. Every fact links to its source.")
widgets.synthetic_notice(info)

columns = st.columns(5)
for column, name in zip(columns, ("organisations", "partnerships", "memberships", "events", "sources")):
    column.metric(name.capitalize(), f"{counts.get(name, 0):,}")

st.header("The LPIP regions")
for start in range(0, len(regions), 2):
    for column, region in zip(st.columns(2), regions.iloc[start:start + 2].itertuples()):
        with column.container(border=True):
            st.subheader(md(region.name))
            st.markdown(f"**{md(region.lpip_name or 'LPIP name not sourced')}** · {PHASES.get(region.lpip_phase, '')}")
            st.markdown(f"Lead organisation: {md(region.lead_org_name) or '_not sourced_'}"
                        + (f" · Funding: {md(region.funding)}" if region.funding else ""))
            st.markdown(f"Core themes: {md(region.core_themes) or '_none recorded_'}")
            st.caption(f"{region.partnership_count} partnerships · {region.organisation_count} organisations"
                       + widgets.confidence_note(region.confidence))
            links = st.columns(2)
            with links[0]:
                nav.link("region", "Open profile", {"region": region.region_id}, icon=":material/article:")
            widgets.source_button(region.source_url, key=f"src_{region.region_id}", container=links[1])

st.caption(f"Data built {info.get('built_at', 'unknown')} (version {info.get('data_version', '?')}) · "
           f"{counts.get('sources', 0)} sources, the latest dated {dates.display(latest) or 'unknown'}.")
