"""The Evidence view in a real browser: highlighted hits, deep links, and data shown literally."""

import re

import pytest

from tests.e2e.conftest import block_non_loopback, open_view, screenshot, start_server, stop_server, wait_until_idle

HIGHLIGHT = "[data-testid='stMain'] span.stMarkdownColoredBackground"
WISERD_URL = "https://wiserd.ac.uk/news/cymru-wledig-lpip-rural-wales-launched-at-the-senedd"
INJECTED = "<b>Bold</b><script>alert(1)</script> [click me](https://example.com) =SUM(1)"


def fresh_tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.route("**/*", block_non_loopback)
    return context, context.new_page()


def test_search_highlights_the_hit(page, app_url):
    open_view(page, app_url + "/evidence?q=panel")
    main = page.get_by_test_id("stMain")
    main.get_by_text("A community panel of 12 people sits as equal decision-makers.").wait_for()
    highlight = page.locator(HIGHLIGHT).filter(has_text="panel")
    assert highlight.count() == 1
    assert highlight.first.inner_text() == "panel"
    assert highlight.first.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 209, 102)"
    assert highlight.first.locator("strong").count() == 1
    assert main.get_by_role("heading", name="Observations (1)").is_visible()
    screenshot(page, "evidence")


def test_typing_a_search_updates_the_url_and_the_results(page, app_url):
    open_view(page, app_url + "/evidence")
    box = page.get_by_role("searchbox", name="Search sources and observations", exact=True)
    box.fill("commissioning")
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=commissioning"))
    page.locator(HIGHLIGHT).filter(has_text="commissioning").wait_for()
    wait_until_idle(page)
    assert page.get_by_test_id("stMain").get_by_role("heading", name="Observations (1)").is_visible()


def test_deep_link_restores_the_search_in_a_fresh_context(browser, app_url):
    context, tab = fresh_tab(browser)
    try:
        open_view(tab, app_url + "/evidence?q=ukri&kind=web%20page&source=ukri-2024")
        assert tab.get_by_role("searchbox", name="Search sources and observations", exact=True).input_value() == "ukri"
        assert tab.get_by_role("radio", name="Web page").is_checked()
        main = tab.get_by_test_id("stMain")
        assert main.get_by_role("heading", name="Sources (2)").is_visible()
        assert main.get_by_role("button", name="Hide what it supports").is_visible()
        main.get_by_text("Phase-2 awards announced (2024-02-13)").wait_for()
        assert tab.locator(HIGHLIGHT).filter(has_text="UKRI").count() >= 2
    finally:
        context.close()


def test_every_supported_row_opens_its_source_in_a_new_tab(page, app_url):
    open_view(page, app_url + "/evidence?source=wiserd-launch&q=senedd")
    main = page.get_by_test_id("stMain")
    row = main.get_by_role("listitem").filter(has_text="Cymru Wledig LPIP Rural Wales")
    link = row.first.get_by_role("link", name="source ↗")
    assert link.get_attribute("href") == WISERD_URL
    assert link.get_attribute("target") == "_blank"
    assert main.get_by_role("listitem").count() == 15  # 13 fact rows, the Rural Wales excerpt and its coding
    assert main.get_by_role("link", name="source ↗").count() == 15
    open_source = main.get_by_role("link", name="Open source").first
    assert open_source.get_attribute("target") == "_blank"


def test_injection_row_is_shown_as_literal_text(page, app_url):
    open_view(page, app_url + "/evidence?source=brief&q=brief")
    main = page.get_by_test_id("stMain")
    organisation = main.get_by_role("listitem").filter(has_text="Organisation:").filter(has_text="alert(1)")
    organisation.first.wait_for()
    organisation.first.scroll_into_view_if_needed()
    # word joiners (U+2060) keep bare addresses from becoming links; they are invisible
    assert INJECTED in organisation.first.inner_text().replace("\u2060", "")
    assert main.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
    assert main.locator("b").count() == 0
    assert main.locator("script").count() == 0
    assert main.get_by_role("link", name="click me").count() == 0
    assert main.locator("a", has_text="click me").count() == 0
    assert page.evaluate("() => document.querySelectorAll('b').length") == 0
    screenshot(page, "evidence-injection")


def test_first_deep_link_to_a_fresh_server_runs_through_the_app_shell(browser, tiny_db):
    base_url, process, log = start_server(tiny_db)
    context, tab = fresh_tab(browser)
    try:
        open_view(tab, base_url + "/evidence?q=panel")
        nav = tab.get_by_test_id("stSidebarNav")
        assert nav.get_by_text("Overview").count() == 1 and nav.get_by_text("Evidence").count() == 1
    finally:
        context.close()
        stop_server(process, log)


def test_coded_excerpts_show_their_code_direction_and_coder(page, app_url):
    open_view(page, app_url + "/evidence?code=participation&direction=hinders")
    main = page.get_by_test_id("stMain")
    excerpt = main.get_by_text("Commissioners said the council's timetable left little room for residents.")
    excerpt.wait_for()
    excerpt.scroll_into_view_if_needed()
    coding = main.get_by_text("coded by researcher-a").first
    assert coding.is_visible()
    assert main.get_by_text("hinders", exact=True).first.is_visible()  # the direction badge
    assert main.get_by_text("coded Participation (or below), hinders").count() == 1  # the sentence says the filter
    screenshot(page, "evidence-coded")
