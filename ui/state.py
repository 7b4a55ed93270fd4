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
    DRAFT_STORY = "lpip_draft_story"  # slides collected with "Add current view to storyboard"


# Presentation mode and the storyboard slide travel with every view; story and slide are
# checked by ui/present.py against the storyboard file.
GLOBAL_OPTIONS: dict[str, tuple[str, ...] | None] = {"present": ("1",), "story": None, "slide": None}
PRESENTATION_KEYS = ("present", "story", "slide")


def vocabulary() -> flt.Vocabulary:
    return flt.Vocabulary.from_schema(load_schema(), cached.fetch(region_names))


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


def current_query() -> dict[str, str]:
    """The URL's query parameters as they are now, one value per key."""
    return {key: values[0] for key, values in _query().items() if values}


def set_presenting(on: bool, **view_options: str) -> None:
    """Switch presentation mode on or off for the current view; the rest of its URL is kept, with
    `view_options` (e.g. which chart to show) set."""
    query = {k: v for k, v in current_query().items() if k not in PRESENTATION_KEYS} | view_options
    st.query_params.from_dict({**query, "present": "1"} if on else query)


def draft_story() -> list[dict]:
    """The slides of this session's draft storyboard (plain dicts, see lpipdata.stories.draft_toml)."""
    return list(st.session_state.get(Keys.DRAFT_STORY, []))


def save_draft_story(slides: list[dict]) -> None:
    st.session_state[Keys.DRAFT_STORY] = list(slides)
