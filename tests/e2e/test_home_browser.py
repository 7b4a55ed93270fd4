from tests.e2e.conftest import open_view, screenshot


def test_home_shows_regions_in_browser(page, app_url):
    open_view(page, app_url + "/")
    page.get_by_text("Phase 2 LPIPs").wait_for()
    for name in ("Yorkshire and the Humber", "Rural Wales", "Forth Water Basin", "Northern Ireland"):
        assert page.get_by_role("heading", name=name).count() == 1, name
    assert page.get_by_text("Partnerships").first.is_visible()
    screenshot(page, "home")
    assert not page.failed_requests or all("127.0.0.1" not in u for u in page.failed_requests)
