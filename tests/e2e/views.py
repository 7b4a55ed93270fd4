"""Every view in the navigation, each with an example query that fills it, for the browser tests that
visit them all (offline, accessibility). A page added to ui/nav.py is visited without a change here."""

from __future__ import annotations

from urllib.parse import urlencode

from ui import nav

# Views that show little without a choice get one; any other view is opened as it is.
EXAMPLE_QUERIES: dict[str, dict[str, str]] = {
    "region": {"region": "yh"},
    "compare": {"regions": "yh,rw"},
    "present": {"story": "four-lpips", "slide": "1"},
}


def every_view(presenting: bool = False) -> list[tuple[str, str]]:
    """(test id, path with query) for every registered page, in the presentation layout if `presenting`."""
    views = []
    for spec in nav.PAGES:
        query = dict(EXAMPLE_QUERIES.get(spec.name, {}))
        if presenting:
            query["present"] = "1"
        path = "/" + (spec.url_path or "") + ("?" + urlencode(query) if query else "")
        views.append((f"{spec.name}{'-present' if presenting else ''}", path))
    return views
