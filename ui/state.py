"""The one owner of session state and the URL.

Pages call :func:`page_state` first. It parses ``st.query_params`` into a typed
:class:`~lpipdata.filters.Filters` plus the page's own view options, shows one warning
for anything it had to ignore, and remembers the filters in the session so that they
follow the user to the next page (Streamlit clears the URL on navigation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from lpipdata import filters as flt
from lpipdata.queries.home import region_names
from lpipdata.schema import load_schema
from ui import cached


class Keys:
    FILTERS = "lpip_filters"
    WIDGET_PREFIX = "w_"


GLOBAL_OPTIONS: dict[str, tuple[str, ...]] = {"present": ("1",)}


def vocabulary() -> flt.Vocabulary:
    schema = load_schema()
    return flt.Vocabulary(
        regions=cached.fetch(region_names),
        themes=schema.table("issues").field("theme").enum,
        scales=schema.table("partnerships").field("scale").enum,
        sectors=schema.table("organisations").field("sector").enum,
    )


def _query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params.keys()}


def page_state(options: Mapping[str, Sequence[str] | None] | None = None) -> tuple[flt.Filters, dict[str, str]]:
    """The filter state and view options for this run of the page.

    `options` maps each view option to its allowed values, or to None for free text.
    """
    allowed = {**GLOBAL_OPTIONS, **(options or {})}
    query = _query()
    if not (set(query) & (flt.KNOWN_KEYS | set(allowed))) and Keys.FILTERS in st.session_state:
        carried = st.session_state[Keys.FILTERS]
        st.query_params.from_dict(flt.encode(carried))
        query = _query()
    parsed = flt.parse(query, vocabulary(), allowed)
    if parsed.problems:
        st.warning("Some link settings were not understood and were reset: " + "; ".join(parsed.problems))
    st.session_state[Keys.FILTERS] = parsed.filters
    return parsed.filters, parsed.options


def write(filters: flt.Filters, options: Mapping[str, str] | None = None) -> None:
    """Make `filters` (and the page's options) the current state, in the session and the URL."""
    st.session_state[Keys.FILTERS] = filters
    st.query_params.from_dict(flt.encode(filters, options))


def widget_key(name: str) -> str:
    return Keys.WIDGET_PREFIX + name


def is_presenting(options: Mapping[str, str]) -> bool:
    return options.get("present") == "1"
