"""The region profile in headless Chromium: each phase-2 region, literal injection text, the offline brief."""

from __future__ import annotations

import pytest

from tests.conftest import geo_dir
from tests.e2e.conftest import ARTIFACTS, block_non_loopback, open_view, screenshot, wait_until_idle

PHASE_TWO = {"yh": "Yorkshire and the Humber", "rw": "Rural Wales", "forth": "Forth Water Basin",
             "ni": "Northern Ireland"}
SECTIONS = ("Summary and LPIP facts", "Map", "Partnerships by scale", "Key organisations", "Issues", "Timeline",
            "Network excerpt", "Sources used")
INJECTED = "<script>alert(1)</script>"
LOAD_MS = 90_000  # a first run on a busy 2-core machine can take longer than the harness's 30 s default


def open_profile(tab, url: str) -> None:
    """Open a profile and wait until its last section is drawn and the script has finished."""
    open_view(tab, url, timeout_ms=LOAD_MS)
    tab.get_by_role("heading", name=SECTIONS[-1], exact=True).wait_for(timeout=LOAD_MS)
    wait_until_idle(tab, LOAD_MS)


def files_and_loopback_only(route) -> None:
    """The downloaded brief opens from disk: file: URLs load, anything on the network is aborted."""
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        block_non_loopback(route)


def wait_for_charts(tab, count: int) -> None:
    """Wait until `count` plotly charts have drawn their SVG layer (the map inset draws a canvas too)."""
    tab.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {count}",
                          timeout=30_000)


def wait_for_map(tab) -> None:
    """Wait until the MapLibre inset has loaded its sources and stopped moving, so screenshots show it."""
    tab.wait_for_function(
        """() => [...document.querySelectorAll('.js-plotly-plot')].some(chart => {
               const map = chart._fullLayout && chart._fullLayout.map && chart._fullLayout.map._subplot
                   && chart._fullLayout.map._subplot.map;
               return map && map.loaded() && map.areTilesLoaded() && !map.isMoving();
           })""", timeout=30_000)


@pytest.mark.parametrize("region_id", list(PHASE_TWO))
def test_profile_of_each_phase_two_region(page, app_url, region_id):
    open_profile(page, f"{app_url}/region?region={region_id}")
    name = PHASE_TWO[region_id]
    page.get_by_role("heading", name=name, exact=True).wait_for()
    for section in SECTIONS:
        assert page.get_by_role("heading", name=section, exact=True).count() == 1, section
    charts = 3 if geo_dir() else 2  # map inset (when boundaries were built), timeline, network excerpt
    wait_for_charts(page, charts)
    if geo_dir():
        wait_for_map(page)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == charts
    assert page.get_by_role("button", name="Download brief (HTML)").is_visible()
    screenshot(page, f"region-{region_id}")


def test_deep_link_restores_region_and_filters(page, app_url):
    open_profile(page, f"{app_url}/region?region=rw&scales=region")
    page.get_by_role("heading", name="Rural Wales", exact=True).wait_for()
    assert page.get_by_text("1 partnership at region scale in Rural Wales").is_visible()
    assert page.get_by_role("combobox", name="Region").input_value() == "Rural Wales"


def test_injection_row_shows_as_literal_text(page, app_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_profile(page, f"{app_url}/region?region=yh")
    literal = page.locator('[data-testid="stMarkdownContainer"]', has_text=INJECTED)
    assert literal.count() >= 1
    assert literal.first.is_visible()
    shown = literal.first.inner_text().replace("\u2060", "")  # the invisible joiner that stops autolinks
    assert "<b>Bold</b><script>alert(1)</script> [click me](https" in shown
    assert "example.com) =SUM(1)" in shown
    assert page.locator("b", has_text="Bold").count() == 0
    assert page.locator('a[href*="example.com"]').count() == 0
    assert page.locator("script", has_text="alert(1)").count() == 0
    assert dialogs == []


def test_downloaded_brief_opens_offline_with_its_charts(page, app_url, browser, tmp_path):
    open_profile(page, f"{app_url}/region?region=yh")
    button = page.get_by_role("button", name="Download brief (HTML)")
    with page.expect_download(timeout=60_000) as download_info:
        button.click()
    path = tmp_path / "brief-yh.html"
    download_info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert "Yorkshire and the Humber" in text and INJECTED not in text

    offline = browser.new_context(viewport={"width": 1280, "height": 720})
    offline.route("**/*", files_and_loopback_only)
    brief_tab = offline.new_page()
    failed = []
    brief_tab.on("request", lambda request: None if request.url.startswith(("file:", "data:", "blob:"))
                 else failed.append(request.url))
    brief_tab.on("requestfailed", lambda request: failed.append(request.url))
    try:
        brief_tab.goto(path.as_uri())
        brief_tab.get_by_role("heading", name="Yorkshire and the Humber", level=1).wait_for()
        wait_for_charts(brief_tab, 3 if geo_dir() else 2)
        assert brief_tab.get_by_role("heading", name="Sources used").is_visible()
        assert brief_tab.get_by_text(INJECTED, exact=False).first.is_visible()
        assert failed == []
        brief_tab.screenshot(path=str(ARTIFACTS / "brief-yh.png"), full_page=True)
    finally:
        offline.close()
