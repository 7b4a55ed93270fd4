"""Overview: what is in the atlas, and a way into each LPIP region."""

import streamlit as st

from lpipdata import dates
from lpipdata.counts import ORGANISATIONS_BASED, PARTNERSHIPS, help_text
from lpipdata.queries import home
from lpipdata.safe import escape_markdown as md
from lpipdata.text import count
from ui import cached, nav, state, widgets

PHASES = {"1 and 2": "Phase 1 and 2", "1": "Phase 1 only", "hub": "UK-wide hub"}


def region_card(region) -> None:
    with st.container(border=True, height="stretch"):
        st.markdown(f"#### {md(region.name)}")
        st.markdown(f"**{md(region.lpip_name or 'LPIP name not sourced')}**  \n{PHASES.get(region.lpip_phase, '')}"
                    + (f" · {md(region.funding)}" if md(region.funding) else ""))
        st.markdown(f"Lead: {md(region.lead_org_name) or '_not sourced_'}  \n"
                    f"Core themes: {md(region.core_themes) or '_none recorded_'}")
        st.caption(f"{PARTNERSHIPS.of(region.partnership_count)} · {ORGANISATIONS_BASED.of(region.organisation_count)}"
                   + widgets.confidence_note(region.confidence), help=help_text(PARTNERSHIPS, ORGANISATIONS_BASED))
        with st.container(horizontal=True):
            nav.link("region", "Profile", {"region": region.region_id}, icon=":material/article:")
            widgets.source_button(region.source_url, key=f"src_{region.region_id}")


def phase_one_coverage(coverage: dict) -> None:
    """How many of the funded phase-1 LPIPs are in the atlas (counted from the regions), with the source of the ten."""
    missing = coverage["funded"] - coverage["in_atlas"]
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(f"**{coverage['in_atlas']} of the {coverage['funded']} phase-1 LPIPs** are in the atlas: the "
                    f"{count(coverage['went_on'], 'place')} that went on to phase 2 and "
                    f"{count(coverage['phase_one_only'], 'phase-1-only place')} below."
                    + (f" The other {missing} are not in the atlas: the sources found do not name them."
                       if missing > 0 else ""))
        widgets.source_button(coverage["source_url"], key="src_phase_one",
                              label=f"Source: {coverage['funded']} funded")


def card_rows(group, per_row: int = 4) -> None:
    """The region cards, `per_row` to a row (a fifth card starts a new row rather than being dropped)."""
    cards = list(group.itertuples())
    for start in range(0, len(cards), per_row):
        for column, region in zip(st.columns(per_row), cards[start:start + per_row]):
            with column:
                region_card(region)


state.page_state()  # validates the URL and carries the shared filters on to the next page
info = cached.fetch(home.build_info)
counts = cached.fetch(home.headline_counts, public_only=info.get("mode") != "research")
regions = cached.fetch(home.lpip_regions)
coverage = cached.fetch(home.phase_one_coverage)
latest = cached.fetch(home.latest_source_date)

st.title("LPIP governance atlas")
st.markdown("Who works with whom on net zero and inclusive growth in the UK's Local Policy Innovation "
            "Partnership regions, and since when. Every fact links to its source.")
widgets.synthetic_notice(info)
with st.container(horizontal=True):
    for name in ("organisations", "partnerships", "memberships", "events", "sources"):
        st.metric(name.capitalize(), f"{counts.get(name, 0):,}", border=True)

for heading, phases in (("Phase 2 LPIPs", ("1 and 2",)), ("Phase 1 places and the coordination hub", ("1", "hub"))):
    st.header(heading)
    if "1" in phases:
        phase_one_coverage(coverage)
    card_rows(regions[regions["lpip_phase"].isin(phases)])

st.caption(f"Data built {info.get('built_at', 'unknown')} (version {info.get('data_version', '?')}) · "
           f"{counts.get('sources', 0)} sources, the latest dated {dates.display(latest) or 'unknown'}."
           + (f" Built with minimum confidence '{info['min_confidence']}': less certain facts are left out."
              if info.get("min_confidence", "unverified") != "unverified" else ""))
