"""An uncaught error shows a short message, not a traceback with server paths or buttons that send the
error to search engines (issue 14, failure 5). The database here is valid DuckDB with none of the
atlas's tables, so the first query fails."""

import duckdb

from tests.e2e.conftest import start_server, stop_server, wait_until_idle


def test_an_uncaught_error_shows_a_short_message(page, tmp_path):
    broken = tmp_path / "lpip.duckdb"
    with duckdb.connect(str(broken)) as con:
        con.execute("CREATE TABLE unrelated (x INTEGER)")
    base_url, process, log = start_server(broken, extra_env={"LPIP_ERROR_DETAILS": ""})  # the default
    try:
        page.goto(base_url + "/")
        error = page.locator('[data-testid="stException"]')
        error.first.wait_for(timeout=30_000)
        wait_until_idle(page)
        text = error.first.inner_text()
        assert "error" in text.lower(), text
        for leak in ("Traceback", "CatalogException", "regions", ".py", "/", "duckdb"):
            assert leak not in text, f"{leak!r} shown to the user: {text}"
        assert page.get_by_role("link", name="Ask Google").count() == 0
        assert page.get_by_text("Ask ChatGPT").count() == 0
    finally:
        stop_server(process, log)
