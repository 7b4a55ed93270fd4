"""AppTest helpers: run the real entry point against the tiny database."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lpipdata.config import PROJECT_ROOT

ENTRY = str(PROJECT_ROOT / "dashboard.py")


def run_app(page: str | None = None, **query: str) -> AppTest:
    """Run dashboard.py (optionally switched to `page`, e.g. "pages/map.py") with query parameters."""
    app = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    if page:
        app.switch_page(page)
        for key, value in query.items():
            app.query_params[key] = value
        app.run()
    return app
