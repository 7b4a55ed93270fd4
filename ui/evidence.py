"""Streamlit pieces of the Evidence view: the search box, its filters, result cards and source panels.

Every text from the data is escaped (``lpipdata.highlight.highlight_markdown`` escapes each
segment); the only Markdown here is our own emphasis, badges and links to `safe_url` addresses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import quote

import pandas as pd
import streamlit as st

from lpipdata import filters as flt
from lpipdata.highlight import MAX_QUERY_CHARS, clean_query, highlight_markdown
from lpipdata.safe import escape_markdown as md
from lpipdata.safe import safe_url
from lpipdata.schema import load_schema
from ui import state, widgets

CARD_LIMIT = 25
LAYOUTS = {"list": "List", "table": "Table"}
RESTRICTED_BADGE = " :violet-badge[restricted]"
LINK_SAFE = ":/?#@!$&'*+,;=%~[]"  # URL characters that may stay as they are inside a Markdown link


DIRECTION_BADGES = {"enables": ":green-badge[enables]", "hinders": ":red-badge[hinders]",
                    "mixed": ":orange-badge[mixed]", "neutral": ":gray-badge[neutral]"}


def view_options(source_ids: Sequence[str], code_ids: Sequence[str],
                 coders: Sequence[str]) -> dict[str, Sequence[str] | None]:
    """The page's view options and their allowed values (None: free text), for state.page_state."""
    return {"q": None, "kind": kinds(), "confidence": confidences(), "layout": tuple(LAYOUTS),
            "source": tuple(source_ids), "code": tuple(code_ids), "direction": directions(),
            "coder": tuple(coders)}


def directions() -> tuple[str, ...]:
    return load_schema().table("codings").field("direction").enum


def kinds() -> tuple[str, ...]:
    return load_schema().table("sources").field("kind").enum


def confidences() -> tuple[str, ...]:
    return load_schema().table("observations").field("confidence").enum


def query_text(options: Mapping[str, str]) -> str:
    return clean_query(options.get("q", ""))


# --- Controls ---------------------------------------------------------------------------------
def search_box(filters: flt.Filters, options: Mapping[str, str]) -> str:
    """The search box; pressing Enter writes the text to the URL as `q`."""
    key = state.widget_key("q")
    st.session_state[key] = query_text(options)
    st.text_input("Search sources and observations", key=key, max_chars=MAX_QUERY_CHARS, type="search",
                  placeholder="e.g. net zero, community panel, UKRI", on_change=_apply_search,
                  args=(filters, dict(options)),
                  help="Finds sources by title or publisher and observations by their text. "
                       "Every word must occur; case does not matter.")
    return query_text(options)


def _apply_search(filters: flt.Filters, options: dict[str, str]) -> None:
    state.write(filters, {**options, "q": clean_query(st.session_state[state.widget_key("q")])})


def sidebar(filters: flt.Filters, options: Mapping[str, str], partnerships: Mapping[str, str],
            codebook: pd.DataFrame, coders: Sequence[str]) -> None:
    """Partnership, source kind, confidence and the coding filters, under the shared region filter."""
    with st.sidebar:
        key = state.widget_key("partnership")
        st.session_state[key] = filters.partnership if filters.partnership in partnerships else ""
        st.selectbox("Partnership", ["", *partnerships], key=key,
                     format_func=lambda p: partnerships.get(p, "All partnerships"),
                     on_change=_apply_partnership, args=(filters, dict(options)))
        widgets.option("Source kind", "kind", {"": "All kinds", **{k: k.capitalize() for k in kinds()}},
                       filters, options, horizontal=False)
        widgets.option("Confidence", "confidence",
                       {"": "Any confidence", **{c: c.capitalize() for c in confidences()}},
                       filters, options, horizontal=False)
        st.subheader("Coded evidence")
        code_labels = {row.code_id: f"{row.path} ({row.codings})" for row in codebook.itertuples()}
        _choice("Code", "code", {"": "Any code", **code_labels}, filters, options,
                help="Excerpts coded with this code or a code below it in the codebook.")
        widgets.option("Direction", "direction", {"": "Any direction", **{d: d for d in directions()}},
                       filters, options, horizontal=False)
        _choice("Coder", "coder", {"": "Any coder", **{c: c for c in coders}}, filters, options)


def _choice(label: str, name: str, choices: Mapping[str, str], filters: flt.Filters,
            options: Mapping[str, str], help: str | None = None) -> None:
    """A select box for a view option with many values, kept in the URL like `widgets.option`."""
    key = state.widget_key(name)
    st.session_state[key] = options.get(name) if options.get(name) in choices else ""
    st.selectbox(label, list(choices), key=key, format_func=lambda v: choices[v], help=help,
                 on_change=_apply_choice, args=(name, filters, dict(options)))


def _apply_choice(name: str, filters: flt.Filters, options: dict[str, str]) -> None:
    state.write(filters, {**options, name: st.session_state[state.widget_key(name)] or ""})


def _apply_partnership(filters: flt.Filters, options: dict[str, str]) -> None:
    chosen = st.session_state[state.widget_key("partnership")] or None
    state.write(filters.with_(partnership=chosen), options)


def mode_note(mode: str, build_mode: str | None) -> str:
    """Which evidence this run may show, said plainly."""
    if mode != "research":
        return ":material/lock: Public mode: restricted evidence (such as interview notes) is hidden."
    note = ":material/lock_open: Research mode: restricted evidence is shown and marked *restricted*."
    if build_mode != "research":
        note += " This database is a public build, so it holds no restricted evidence."
    return note


# --- Results ----------------------------------------------------------------------------------
def source_cards(frame: pd.DataFrame, terms: Sequence[str], selected: str | None, supported: pd.DataFrame,
                 filters: flt.Filters, options: Mapping[str, str]) -> None:
    st.subheader(f"Sources ({len(frame)})")
    if frame.empty:
        st.caption("No sources match; see the observations below.")
    for row in frame.head(CARD_LIMIT).itertuples():
        with st.container(border=True):
            st.markdown(f"**{highlight_markdown(row.title, terms)}**"
                        + (RESTRICTED_BADGE if row.visibility == "restricted" else ""))
            st.caption(" · ".join([highlight_markdown(row.publisher, terms) or "Publisher not recorded",
                                   md(row.kind), f"published {row.published_label}" if row.published_label
                                   else "publication date not recorded"]))
            with st.container(horizontal=True):
                open_source(row.url, row.kind, key=f"src_{row.source_id}")
                _supports_button(row.source_id, row.supports, row.source_id == selected, filters, options)
            if row.source_id == selected:
                supported_list(supported, terms)
    _more_note(len(frame), "sources")


def card_ids(sources: pd.DataFrame) -> set[str]:
    """Ids of the sources that get a card (the first CARD_LIMIT)."""
    return set(sources["source_id"].head(CARD_LIMIT))


def _supports_button(source_id: str, count: int, is_open: bool, filters: flt.Filters,
                     options: Mapping[str, str]) -> None:
    label = "Hide what it supports" if is_open else f"What it supports ({count})"
    st.button(label, key=f"supports_{source_id}", icon=":material/account_tree:", on_click=select_source,
              args=(None if is_open else source_id, filters, dict(options)), disabled=count == 0)


def select_source(source_id: str | None, filters: flt.Filters, options: dict[str, str]) -> None:
    state.write(filters, {**options, "source": source_id or ""})


def observation_cards(frame: pd.DataFrame, codings: pd.DataFrame, terms: Sequence[str]) -> None:
    """Each excerpt with its codings (code, direction, coder) and one click to its source."""
    st.subheader(f"Observations ({len(frame)})")
    if frame.empty:
        st.caption("No observations match.")
    by_excerpt = dict(tuple(codings.groupby("observation_id"))) if not codings.empty else {}
    for row in frame.head(CARD_LIMIT).itertuples():
        with st.container(border=True):
            st.markdown(highlight_markdown(row.text, terms)
                        + (RESTRICTED_BADGE if row.visibility == "restricted" else ""))
            st.markdown(coding_lines(by_excerpt.get(row.observation_id)))
            where = [md(name) for name in (row.partnership_name, row.region_name) if isinstance(name, str)]
            st.caption(f"{' · '.join(where) or 'no region recorded'}"
                       + f" · {md(row.confidence)} · from: {md(row.source_title)}")
            open_source(row.source_url, row.source_kind, key=f"obs_src_{row.observation_id}")
    _more_note(len(frame), "observations")


def coding_lines(codings: pd.DataFrame | None) -> str:
    """One Markdown line per coding: direction badge, code path, coder, and its confidence flag."""
    if codings is None or codings.empty:
        return ":gray[Not coded yet.]"
    return "  \n".join(
        f"{DIRECTION_BADGES.get(row.direction, md(row.direction))} **{md(row.code_path)}**"
        + (f" · about {md(row.org_name)}" if isinstance(row.org_name, str) else "")
        + f" · :gray[coded by {md(row.coder)}]" + widgets.confidence_note(row.confidence)
        for row in codings.itertuples())


def open_source(url: object, kind: object, key: str) -> None:
    """One click to the source in a new tab, or a note on why there is no link."""
    if safe_url(url):
        widgets.source_button(url, key=key, label="Open source")
    else:
        st.caption(f"No web address: this {md(kind)} is not published online.")


def _more_note(total: int, noun: str) -> None:
    if total > CARD_LIMIT:
        st.caption(f"Showing the first {CARD_LIMIT} of {total} {noun}. Narrow the search, "
                   "or choose *Table* to see and download them all.")


def supported_list(rows: pd.DataFrame, terms: Sequence[str]) -> None:
    """Every row citing the source, one line each, with its confidence and its source link."""
    if rows.empty:
        st.caption("No visible rows cite this source.")
        return
    lines = [f"- **{md(row.record_type)}**: {highlight_markdown(row.label, terms)}"
             + widgets.confidence_note(row.confidence)
             + (RESTRICTED_BADGE if row.visibility == "restricted" else "")
             + source_link(row.source_url)
             for row in rows.itertuples()]
    with st.container(height=360 if len(lines) > 12 else "content"):
        st.markdown("\n".join(lines))


def source_link(url: object) -> str:
    """' · [source ↗](url)' in Markdown; empty when the source has no web address (its card says so)."""
    link = safe_url(url)
    if not link:
        return ""
    # Percent-encode what would end a Markdown link target early: spaces, parentheses, angles.
    return f" · [source ↗]({quote(link, safe=LINK_SAFE)})"


def selected_source_panel(source: Mapping | None, supported: pd.DataFrame, terms: Sequence[str],
                          filters: flt.Filters, options: Mapping[str, str], as_table: bool = False) -> None:
    """What the selected source supports, above the results (as a list, or a table with CSV)."""
    if source is None:
        return
    with st.container(border=True):
        st.markdown(f"**What this source supports:** {md(source['title'])}"
                    + (RESTRICTED_BADGE if source["visibility"] == "restricted" else ""))
        with st.container(horizontal=True):
            open_source(source["url"], source["kind"], key="src_selected")
            st.button("Close", key="close_selected", icon=":material/close:", on_click=select_source,
                      args=(None, filters, dict(options)))
        if as_table:
            widgets.data_table(supported, f"lpip-evidence-{source['source_id']}.csv", key="evidence_supported",
                               column_config={"source_url": widgets.source_column()})
        else:
            supported_list(supported, terms)


def results_tables(sources: pd.DataFrame, observations: pd.DataFrame) -> None:
    """The table alternative: everything found, with CSV downloads."""
    st.subheader(f"Sources ({len(sources)})")
    widgets.data_table(sources, "lpip-evidence-sources.csv", key="evidence_sources",
                       column_config={"url": widgets.source_column(), "published_label": "published (as shown)"})
    st.subheader(f"Observations ({len(observations)})")
    widgets.data_table(observations, "lpip-evidence-observations.csv", key="evidence_observations",
                       column_config={"source_url": widgets.source_column()})
