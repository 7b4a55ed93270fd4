from lpipdata.build import build_database
from lpipdata.config import PROJECT_ROOT
from tests.conftest import geo_dir
from tests.e2e.conftest import open_view, screenshot, start_server, stop_server


def test_home_shows_regions_in_browser(page, app_url):
    open_view(page, app_url + "/")
    page.get_by_text("Phase 2 LPIPs").wait_for()
    for name in ("Yorkshire and the Humber", "Rural Wales", "Forth Water Basin", "Northern Ireland"):
        assert page.get_by_role("heading", name=name).count() == 1, name
    assert page.get_by_text("Partnerships").first.is_visible()
    screenshot(page, "home")
    assert not page.failed_requests or all("127.0.0.1" not in u for u in page.failed_requests)


def test_home_on_the_seed_data_shows_the_eight_lpip_regions(page, tmp_path_factory):
    """The real seed data end to end: build it, serve it, see every LPIP region (README screenshot)."""
    out = tmp_path_factory.mktemp("seed") / "lpip.duckdb"
    build_database(PROJECT_ROOT / "data", out, mode="public", geo_dir=geo_dir())
    base_url, process, log = start_server(out)
    try:
        open_view(page, base_url + "/")
        page.get_by_text("Phase 2 LPIPs").wait_for()
        for name in ("Yorkshire and the Humber", "Rural Wales", "Forth Water Basin", "Northern Ireland",
                     "South-West coast", "London", "West Midlands", "UK-wide (Hub, funders)"):
            assert page.get_by_role("heading", name=name).count() == 1, name
        page.set_viewport_size({"width": 1280, "height": 1100})
        screenshot(page, "home-seed")
    finally:
        stop_server(process, log)
