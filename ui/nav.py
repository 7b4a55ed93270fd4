"""The page registry: dashboard.py builds the navigation from it and pages link through it.

Only pages listed here exist for users, so an unfinished view is simply not listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from lpipdata.config import PROJECT_ROOT


@dataclass(frozen=True)
class PageSpec:
    name: str
    path: str
    title: str
    icon: str
    url_path: str | None = None


PLANNED: tuple[PageSpec, ...] = (
    PageSpec("home", "pages/home.py", "Overview", ":material/home:"),
    PageSpec("map", "pages/map.py", "Map", ":material/map:", "map"),
    PageSpec("network", "pages/network.py", "Network", ":material/hub:", "network"),
    PageSpec("timeline", "pages/timeline.py", "Timeline", ":material/timeline:", "timeline"),
    PageSpec("region", "pages/region.py", "Region profile", ":material/article:", "region"),
    PageSpec("compare", "pages/compare.py", "Compare regions", ":material/compare_arrows:", "compare"),
    PageSpec("evidence", "pages/evidence.py", "Evidence", ":material/search:", "evidence"),
    PageSpec("patterns", "pages/patterns.py", "Patterns", ":material/grid_on:", "patterns"),
    PageSpec("multilevel", "pages/multilevel.py", "Multilevel", ":material/stacked_line_chart:", "multilevel"),
    PageSpec("present", "pages/present.py", "Present", ":material/slideshow:", "present"),
)
# A view exists for users only once its page module does: work in progress never shows.
PAGES: tuple[PageSpec, ...] = tuple(p for p in PLANNED if (PROJECT_ROOT / p.path).exists())


def spec(name: str) -> PageSpec | None:
    return next((p for p in PAGES if p.name == name), None)


def navigation_pages() -> list:
    return [st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path, default=p.name == "home")
            for p in PAGES]


def link(name: str, label: str, query: Mapping[str, str] | None = None, icon: str | None = None) -> bool:
    """A link to a registered page carrying `query`; draws nothing if that page does not exist yet."""
    page = spec(name)
    if page is None:
        return False
    st.page_link(page.path, label=label, icon=icon or page.icon, query_params=dict(query or {}))
    return True
