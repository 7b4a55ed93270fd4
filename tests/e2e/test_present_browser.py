"""Presentation mode in Chromium with the network cut off: the example storyboard, stepped with the
arrow keys at 1920x1080 and resized to 1280x720 on every slide (the main figure must fit both
screens without scrolling), and its offline HTML export."""

from __future__ import annotations

import pytest

from lpipdata import stories
from lpipdata.build import build_database
from lpipdata.config import PROJECT_ROOT
from tests.conftest import ARTIFACTS, geo_dir
from tests.e2e.conftest import assert_no_exception, open_view, screenshot, start_server, stop_server

TITLES = ["The UK's LPIP places", "Yorkshire's partnership network", "How Yorkshire's partnerships grew",
          "The four phase 2 LPIPs side by side", "Rural Wales", "Conditions against coded evidence",
          "How Yorkshire's levels connect"]
PATHS = ["/map?measure=partnerships", "/network?regions=yh", "/timeline?regions=yh",
         "/compare?regions=yh%2Crw%2Cforth%2Cni&section=scales", "/region?region=rw",
         "/patterns?cases=regions&conditions=has_university%2Cscales_spanned%2Cmember_count", "/multilevel?regions=yh"]
FULL_HD, HD = {"width": 1920, "height": 1080}, {"width": 1280, "height": 720}
PATIENCE_MS = 120_000  # generous: the machine running the suite may be busy; this is no timing test

# True once slide `title` is up and fully drawn: the script has finished, nothing is still a
# skeleton, and every chart on the page has drawn (MapLibre maps: their style and tiles loaded).
SLIDE_DRAWN = """(title) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    const heading = document.querySelector('.st-key-lpip_slide h2');
    if (!heading || heading.innerText.trim() !== title) return false;
    const charts = [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')];
    const mapsLoaded = (chart) => Object.keys(chart._fullLayout).filter((k) => /^map[0-9]*$/.test(k))
        .every((k) => chart._fullLayout[k]._subplot && chart._fullLayout[k]._subplot.map.loaded());
    return charts.length > 0 && charts.every((c) => c._fullLayout && c.querySelector('.main-svg') && mapsLoaded(c));
}"""


def wait_for_slide(tab, title: str, timeout_ms: int = PATIENCE_MS) -> None:
    tab.wait_for_function(SLIDE_DRAWN, arg=title, timeout=timeout_ms)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    """The real seed data, so that the slides and screenshots show real LPIP data."""
    out = tmp_path_factory.mktemp("present-seed") / "lpip.duckdb"
    build_database(PROJECT_ROOT / "data", out, mode="public", geo_dir=geo_dir())
    return out


@pytest.fixture(scope="module")
def seed_app(seed_db):
    base_url, process, log = start_server(seed_db)
    yield base_url
    stop_server(process, log)


# The slide's main figure: below the header, inside the screen, and filling a good share of it.
# Plotly redraws after a resize, so this is waited for rather than read once.
MAIN_FIGURE_BOX = """() => {
    const chart = document.querySelector('.st-key-lpip_stage .js-plotly-plot');
    const header = document.querySelector('.st-key-lpip_slide');
    if (!chart || !header) return null;
    const box = chart.getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, height: box.height, header: header.getBoundingClientRect().bottom,
            screen: window.innerHeight, scrolled: document.querySelector('[data-testid="stMain"]').scrollTop};
}"""
FILLS = 0.3  # the smallest share of the screen's height a main figure may take (the region map, at 720p)


def main_figure_fits(tab) -> dict:
    fits = f"() => {{ const b = ({MAIN_FIGURE_BOX})(); return b && b.top >= b.header && b.bottom <= b.screen " \
           f"&& b.height >= {FILLS} * b.screen && b.scrolled === 0; }}"
    try:
        tab.wait_for_function(fits, timeout=15_000)
    except Exception:  # the assertion below reports the box that did not fit
        pass
    box = tab.evaluate(MAIN_FIGURE_BOX)
    assert box and box["top"] >= box["header"] and box["bottom"] <= box["screen"], box
    assert box["height"] >= FILLS * box["screen"] and box["scrolled"] == 0, box
    return box


def main_figure_or_its_absence(tab, path: str) -> None:
    """The main figure fits; without boundary files the region profile has no map, and its stage
    says so instead."""
    if geo_dir() is not None or not path.startswith("/region"):
        main_figure_fits(tab)
    else:
        assert "No map: this database was built without boundary files" in tab.locator(".st-key-lpip_stage").inner_text()


def look_of_the_slide(tab) -> dict:
    return tab.evaluate("""() => ({
        sidebar: !!document.querySelector('[data-testid="stSidebar"]')?.offsetParent,
        header: !!document.querySelector('[data-testid="stHeader"]')?.offsetParent,
        body: parseFloat(getComputedStyle(document.querySelector('[data-testid="stMain"] p')).fontSize),
        title: parseFloat(getComputedStyle(document.querySelector('.st-key-lpip_slide h2')).fontSize),
    })""")


def test_the_example_story_steps_with_the_arrow_keys_offline(page, seed_app):
    page.set_viewport_size(FULL_HD)
    open_view(page, seed_app + "/present?story=four-lpips&slide=1", PATIENCE_MS)
    for number, (title, path) in enumerate(zip(TITLES, PATHS), start=1):
        wait_for_slide(page, title)
        assert_no_exception(page)
        assert page.url == f"{seed_app}{path}&present=1&story=four-lpips&slide={number}"
        assert page.locator(".st-key-lpip_slide_counter").inner_text() == f"Slide {number} of {len(TITLES)}"
        look = look_of_the_slide(page)
        assert not look["sidebar"] and not look["header"], look
        assert look["body"] >= 20 and look["title"] >= 1.5 * look["body"], look
        main_figure_or_its_absence(page, path)
        screenshot(page, f"present-slide-{number}")
        page.set_viewport_size(HD)
        wait_for_slide(page, title)
        main_figure_or_its_absence(page, path)
        screenshot(page, f"present-slide-{number}-720p")
        page.set_viewport_size(FULL_HD)
        if number < len(TITLES):
            page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    wait_for_slide(page, TITLES[-2])
    assert not [url for url in page.failed_requests if url.startswith("http://127.0.0.1")]


def test_a_slide_link_in_a_fresh_browser_restores_the_slide(page, seed_app):
    page.set_viewport_size(FULL_HD)
    open_view(page, seed_app + PATHS[1] + "&present=1&story=four-lpips&slide=2", PATIENCE_MS)
    wait_for_slide(page, TITLES[1])
    page.get_by_role("button", name="Notes").click()
    assert page.get_by_text("Yorkshire Universities, their 2021 memorandum of understanding").is_visible()


def test_the_exported_story_opens_from_disk_with_the_network_cut_off(browser, seed_db, tmp_path):
    out = tmp_path / "four-lpips.html"
    assert stories.main(["export", "four-lpips", "--out", str(out), "--db", str(seed_db)]) == 0
    context = browser.new_context(viewport=FULL_HD)
    leaving = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
                  else (leaving.append(route.request.url), route.abort()))
    tab = context.new_page()
    try:
        tab.goto(out.as_uri())
        tab.wait_for_function("() => document.querySelectorAll('section.slide .js-plotly-plot .main-svg').length >= 7",
                              timeout=PATIENCE_MS)
        slides = tab.locator("section.slide")
        assert slides.count() == len(TITLES)
        for number, title in enumerate(TITLES, start=1):
            section = tab.locator(f"#slide-{number}")
            assert section.locator("h2").inner_text() == title
            assert section.locator(".js-plotly-plot .main-svg").count() >= 1, title
        tab.keyboard.press("ArrowRight")
        tab.keyboard.press("ArrowRight")
        tab.wait_for_function("() => location.hash === '#slide-2'")
        tab.screenshot(path=str(ARTIFACTS / "present-export-slide-2.png"))
        assert leaving == []
    finally:
        context.close()


def test_a_slide_link_as_the_first_request_to_a_new_server(page, seed_db):
    """A presenter's laptop: start the atlas, open a bookmarked slide. Streamlit's legacy page mode
    must not run the page without dashboard.py's frame (ui/__init__.py switches it off)."""
    base_url, process, log = start_server(seed_db)
    try:
        page.set_viewport_size(FULL_HD)
        open_view(page, base_url + PATHS[1] + "&present=1&story=four-lpips&slide=2", PATIENCE_MS)
        wait_for_slide(page, TITLES[1])
    finally:
        stop_server(process, log)


@pytest.mark.parametrize("path", ["/map?present=1", "/network?regions=rw&present=1", "/timeline?regions=yh&present=1",
                                  "/compare?present=1", "/region?region=ni&present=1",
                                  "/multilevel?regions=yh&present=1"])
def test_presentation_mode_fits_each_main_figure_on_a_720p_screen(page, seed_app, path):
    page.set_viewport_size(HD)
    open_view(page, seed_app + path, PATIENCE_MS)
    assert_no_exception(page)
    title = page.locator(".st-key-lpip_slide h2").inner_text()
    assert title in {"Map", "Network", "Timeline", "Compare regions", "Region profile", "Multilevel"}
    assert page.get_by_role("button", name="Exit presentation").is_visible()
    main_figure_or_its_absence(page, path)
    screenshot(page, f"present-mode-{title.split()[0].lower()}-720p")
