"""Streamlit pieces of the network view: display options, search, the chart click, the panel
of the selected organisation or partnership, the tables and the Gephi exports."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from lpipdata import chart_text as words
from lpipdata import counts
from lpipdata import filters as flt
from lpipdata import network as net
from lpipdata.queries import network as queries
from lpipdata.safe import csv_bytes
from lpipdata.safe import escape_markdown as md
from ui import cached, nav, state, widgets

CHART_KEY = "network_chart"
SEARCH_KEY = state.widget_key("network_search")
NUMBER = {"betweenness": st.column_config.NumberColumn("betweenness", format="%.3f"),
          "pagerank": st.column_config.NumberColumn("PageRank", format="%.4f")}


# The graphs, metrics and layouts are cached as shared resources, not copied on every rerun as
# st.cache_data would: at 100x seed scale a copy of the metrics alone takes half a second.
# Everything is keyed on the database version and the graph filters (selections excluded), so
# each filter state is built, measured and laid out once, and a rebuilt database starts afresh.
# Callers must treat what they get as read-only.

@st.cache_resource(max_entries=2, show_spinner="Building the network…")
def _graphs(path: str, version: str, filters: flt.Filters) -> net.Graphs:
    return net.graphs(cached.connection(path, version), filters)


@st.cache_resource(max_entries=16, show_spinner="Computing centrality, brokerage and communities…")
def _analysis(path: str, version: str, filters: flt.Filters) -> net.Analysis:
    return net.analyse(_graphs(path, version, filters))


@st.cache_resource(max_entries=64, show_spinner="Laying out the network…")
def _drawing(path: str, version: str, filters: flt.Filters, mode: str, centre: str | None, steps: int) -> net.Drawing:
    built = _graphs(path, version, filters)
    return net.draw_network(built, mode) if centre is None else net.draw_ego(built, mode, centre, steps)


def analysis(filters: flt.Filters) -> net.Analysis:
    """Every node's metrics under the filters (selections do not change the graph)."""
    return _analysis(*cached.database_key(), net.graph_filters(filters))


def drawing(filters: flt.Filters, mode: str, centre: str | None = None, steps: int = 1) -> net.Drawing:
    """The layout of the whole network, or of `centre`'s ego network."""
    return _drawing(*cached.database_key(), net.graph_filters(filters), mode, centre, steps if centre else 1)


def display_options(filters: flt.Filters, options: Mapping[str, str]) -> net.ViewOptions:
    """The display choices in the sidebar (each kept in the URL)."""
    with st.sidebar:
        st.subheader("Network display")
        widgets.option("Show", "mode", net.MODES, filters, options, horizontal=False)
        widgets.option("Colour by", "colour", net.COLOUR_BY, filters, options)
        widgets.option("Size by", "size", net.SIZE_BY, filters, options)
        widgets.option("Minimum degree", "mindeg", {v: "all" if v == "1" else f"{v}+" for v in net.MIN_DEGREE},
                       filters, options)
        widgets.option("Ego network", "steps", {"1": "1 step", "2": "2 steps"}, filters, options)
    return net.ViewOptions.from_options(dict(options))


def summary(filters: flt.Filters, analysis: net.Analysis, vocab: flt.Vocabulary) -> str:
    sentence = flt.describe(filters, analysis.count(net.ORG), counts.MEMBER_ORGANISATIONS.plural, vocab)
    return (f"{sentence} · {analysis.count(net.PARTNERSHIP):,} partnerships · "
            f"{len(analysis.memberships):,} memberships")


def chart_text(nodes, edges, filters: flt.Filters, centre: str | None) -> str:
    """The drawn network in one sentence (lpipdata.chart_text), for its `alt` and the line under it."""
    return words.network_text(nodes, len(edges), filters.as_of, centre)


def search(filters: flt.Filters, options: Mapping[str, str], analysis: net.Analysis) -> None:
    """Find an organisation by name; picking one opens its ego network."""
    names = net.search_labels(analysis.nodes)
    st.session_state[SEARCH_KEY] = filters.org if filters.org in names else None
    st.selectbox("Find an organisation", list(names), format_func=lambda org: names.get(org, org), index=None,
                 key=SEARCH_KEY, placeholder=f"Type to search {len(names):,} organisations…",
                 on_change=_searched, args=(filters, dict(options)))


def _searched(filters: flt.Filters, options: dict[str, str]) -> None:
    org = st.session_state.get(SEARCH_KEY)
    state.write(filters.with_(org=org, partnership=None), options)


def chart_clicked(filters: flt.Filters, options: dict[str, str]) -> None:
    """A click on a node selects it (organisation or partnership) and shows its ego network."""
    points = st.session_state[CHART_KEY].selection.points
    node = next((p["customdata"] for p in points if isinstance(p.get("customdata"), str)), None)
    if node:
        state.write(net.select(filters, node), options)


def clear_selection(filters: flt.Filters, options: Mapping[str, str]) -> None:
    st.button("Show the whole network", icon=":material/zoom_out_map:", key="network_clear",
              on_click=lambda: state.write(filters.with_(org=None, partnership=None), dict(options)))


def drawing_notes(drawing: net.Drawing, analysis: net.Analysis, min_degree: int) -> None:
    """Say what the chart leaves out, and how estimated metrics were computed."""
    if drawing.is_sampled:
        st.info(f"Showing the {len(drawing.nodes):,} most connected of {drawing.total_nodes:,} nodes so the browser "
                "stays responsive. The tables below list every node.", icon=":material/filter_alt:")
    if min_degree > 1:
        st.caption(f"Nodes with fewer than {min_degree} ties are hidden (a partnership's ties are its members; "
                   "the selected node always shows).")
    for note in analysis.notes:
        st.caption(note)


def organisation_panel(filters: flt.Filters, org_id: str) -> None:
    """Who the organisation is, its memberships with roles, dates and sources, and its regions."""
    card = cached.fetch(queries.organisation, org_id)
    if card.empty:
        st.warning(f"No organisation has the id '{md(org_id)}'.")
        return
    org = card.iloc[0]
    st.subheader(md(org["name"]))
    st.markdown(f"{md(org['org_type'])} · {md(org['sector'])} sector · home region {md(org['region_name'])}"
                + widgets.confidence_note(org["confidence"]))
    widgets.source_button(org["source_url"], key="network_org_source", label="Source for this organisation")
    region_links(cached.fetch(queries.organisation_regions, org_id))
    members = cached.fetch(queries.organisation_memberships, org_id, net.graph_filters(filters))
    st.markdown(f"**Memberships** ({len(members)}; *in view* means it matches the current filters)")
    widgets.data_table(members.drop(columns=["partnership_id", "region_id"]), f"lpip-memberships-{org_id}.csv",
                       key="network_org_memberships", column_config=membership_columns())


def partnership_panel(filters: flt.Filters, partnership_id: str) -> None:
    """The partnership, and its members with roles, dates and sources."""
    card = cached.fetch(queries.partnership, partnership_id)
    if card.empty:
        st.warning(f"No partnership has the id '{md(partnership_id)}'.")
        return
    part = card.iloc[0]
    st.subheader(md(part["name"]))
    st.markdown(f"{md(part['scale'])} scale · {md(part['governance_form'] or 'form not recorded')} · "
                f"region {md(part['region_name'])}" + widgets.confidence_note(part["confidence"]))
    widgets.source_button(part["source_url"], key="network_partnership_source", label="Source for this partnership")
    members = cached.fetch(queries.partnership_members, partnership_id, net.graph_filters(filters))
    st.markdown(f"**Members** ({len(members)}; *in view* means it matches the current filters)")
    widgets.data_table(members.drop(columns=["org_id"]), f"lpip-members-{partnership_id}.csv",
                       key="network_partnership_members", column_config=membership_columns())


def region_links(regions) -> None:
    """Links to the profiles of the regions an organisation is tied to (once that page exists)."""
    names = [f"{md(r.name)}{' (home)' if r.is_home else ''}" for r in regions.itertuples()]
    st.markdown("**Regions:** " + (", ".join(names) or "none recorded"))
    columns = st.columns(max(len(regions), 1))
    for column, region in zip(columns, regions.itertuples()):
        with column:
            nav.link("region", md(region.name), {"region": region.region_id})


def membership_columns() -> dict:
    return {"source_url": widgets.source_column(), "in_view": st.column_config.CheckboxColumn("in view")}


def tables(analysis: net.Analysis) -> None:
    """The table alternatives to the chart, each with a CSV download."""
    orgs, brokers, parts, members = st.tabs(["Organisations", "Brokers", "Partnerships", "Memberships and sources"])
    with orgs:
        st.caption("Partners: organisations sharing a partnership. Shared partnerships: the same, counted once per "
                   "partnership shared. Betweenness and communities (Louvain, seed 42) are computed on the "
                   "organisation–partnership graph, PageRank on the organisations-only graph.")
        widgets.large_table(net.organisation_table(analysis.nodes), "lpip-network-organisations.csv",
                            key="network_organisations", column_config=NUMBER)
    with brokers:
        st.caption("Organisations whose partnerships span the most regions and scales: the links of multilevel "
                   "governance.")
        widgets.data_table(net.brokers(analysis.nodes), "lpip-network-brokers.csv", key="network_brokers",
                           column_config=NUMBER)
    with parts:
        widgets.large_table(net.partnership_table(analysis.nodes), "lpip-network-partnerships.csv",
                            key="network_partnerships", column_config=NUMBER)
    with members:
        widgets.large_table(net.membership_table(analysis.memberships), "lpip-network-memberships.csv",
                            key="network_memberships",
                            column_config=membership_columns())


def exports(analysis: net.Analysis, mode: str) -> None:
    """GraphML and GEXF for Gephi, and the shown graph's nodes and edges as CSV; each file is
    made only when its button is clicked."""
    st.markdown(f"**Export the {net.MODES[mode].lower()} graph** (all nodes, with attributes and metrics)")
    files = {
        "GraphML": (lambda: net.graphml_bytes(net.export_graph(analysis, mode)), "graphml", "application/xml"),
        "GEXF": (lambda: net.gexf_bytes(net.export_graph(analysis, mode)), "gexf", "application/xml"),
        "Nodes CSV": (lambda: csv_bytes(net.node_table(net.export_graph(analysis, mode))), "nodes.csv", "text/csv"),
        "Edges CSV": (lambda: csv_bytes(net.edge_table(net.export_graph(analysis, mode))), "edges.csv", "text/csv"),
    }
    for column, (label, (make, suffix, mime)) in zip(st.columns(len(files)), files.items()):
        column.download_button(label, make, file_name=f"lpip-network-{mode}.{suffix}", mime=mime,
                               key=f"network_export_{suffix}", icon=":material/download:", on_click="ignore")
