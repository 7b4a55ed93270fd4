"""Keyboard only (issue 14): with Tab, the arrow keys and Enter alone, and no mouse, a user can choose a
region, select an organisation on the network (its search box), move the as-of date, step through a
storyboard and open a source link. Each test reaches its control by pressing Tab, as a keyboard user
does, and says what had focus when it could not."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlparse

from tests.e2e.conftest import open_view, wait_until_idle

# What has focus: its accessible name (aria-label, else its text) and role, for finding and for messages.
FOCUSED = """() => {
    const e = document.activeElement;
    return {name: (e.getAttribute('aria-label') || e.innerText || '').trim(), tag: e.tagName,
            role: e.getAttribute('role') || '', text: (e.innerText || e.value || '').trim().slice(0, 80)};
}"""
MAX_TABS = 150
# Slide n is up: its header says so and its page has finished running.
SLIDE_SHOWN = """(n) => {
    const header = document.querySelector('.st-key-lpip_slide');
    const app = document.querySelector('[data-testid="stApp"]');
    return header && header.innerText.includes(`Slide ${n} of`)
        && new URLSearchParams(location.search).get('slide') === n
        && app.getAttribute('data-test-script-state') === 'notRunning';
}"""


def press(tab, key: str) -> None:
    tab.keyboard.press(key)


def tab_to(tab, name: str, exact: bool = True, tag: str | None = None) -> dict:
    """Press Tab until the control named `name` (a link if tag="A") has focus; fail with the focus order seen.
    Streamlit buttons' names carry their icon's ligature ('arrow_forward Next →'): `exact=False` looks for
    `name` as a word among them."""
    seen = []
    for _ in range(MAX_TABS):
        press(tab, "Tab")
        focused = tab.evaluate(FOCUSED)
        label = focused["name"]
        words = label.split()
        if (label == name or (not exact and name in words)) and (tag is None or focused["tag"] == tag):
            return focused
        seen.append(label.replace("\n", " ")[:40])
    raise AssertionError(f"{name!r} not reached with Tab; focus went: {seen}")


def query_of(tab) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlparse(tab.url).query).items()}


def wait_for_query(tab, key: str, timeout_ms: int = 30_000) -> str:
    tab.wait_for_function("(key) => new URLSearchParams(location.search).has(key)", arg=key, timeout=timeout_ms)
    wait_until_idle(tab)
    return query_of(tab)[key]


def test_choose_a_region_with_the_keyboard(page, app_url):
    open_view(page, app_url + "/region")
    tab_to(page, "Region")
    for key in ("ArrowDown", "ArrowDown", "Enter"):  # open the list, move to an option, choose it
        press(page, key)
    region = wait_for_query(page, "region")
    heading = page.locator('[data-testid="stMain"] h1').first.inner_text()
    assert heading and heading != "Region profile", heading
    assert page.get_by_role("heading", name="Partnerships by scale").count() == 1, region


def test_select_an_organisation_on_the_network_with_the_search_box(page, app_url):
    open_view(page, app_url + "/network")
    tab_to(page, "Find an organisation")
    for key in ("ArrowDown", "Enter"):
        press(page, key)
    org = wait_for_query(page, "org")
    chosen = page.locator('[data-testid="stSelectbox"]').filter(has_text="Find an organisation")
    assert org and chosen.count() == 1
    assert "ego network" in page.locator('[data-testid="stMain"]').inner_text().lower()


def test_move_the_as_of_date_with_the_arrow_keys(page, app_url):
    open_view(page, app_url + "/timeline")
    tab_to(page, "year, As of")
    # Each part of the date is a spin button: ArrowUp fills in this year (month, day), ArrowDown steps back.
    for key in ("ArrowUp", "ArrowDown", "ArrowDown", "Tab", "ArrowUp", "Tab", "ArrowUp"):
        press(page, key)
    tab_to(page, "Choose date")
    press(page, "Tab")  # leaving the date commits it
    as_of = date.fromisoformat(wait_for_query(page, "asof"))
    assert as_of.year == date.today().year - 2
    assert f"active on {as_of.day} {as_of:%b %Y}" in page.locator('[data-testid="stMain"]').inner_text()


def test_step_through_a_storyboard_with_arrow_keys_and_buttons(page, app_url):
    open_view(page, app_url + "/present?story=four-lpips&slide=1&present=1")
    for keys, slide in ((["ArrowRight"], "2"), (["Next", "Enter"], "3"), (["Previous", "Enter"], "2")):
        if len(keys) == 2:
            tab_to(page, keys[0], exact=False, tag="BUTTON")  # the slide's own buttons, reached with Tab
        press(page, keys[-1])  # ArrowRight: the Next button's shortcut
        try:
            page.wait_for_function(SLIDE_SHOWN, arg=slide, timeout=60_000)
        except Exception as err:
            raise AssertionError(f"{keys} did not open slide {slide}; the page is at {page.url}") from err
        wait_until_idle(page, 60_000)
        assert query_of(page)["slide"] == slide
    assert "slide 2 of" in page.locator(".st-key-lpip_slide").inner_text().lower()


def test_open_a_source_link_with_the_keyboard(page, app_url):
    open_view(page, app_url + "/")
    focused = tab_to(page, "Source", exact=False, tag="A")
    href = page.evaluate("() => document.activeElement.href")
    assert href.startswith("https://"), focused
    with page.context.expect_page() as opened:
        press(page, "Enter")
    # The source opens in a new tab. The test machine is offline (the request is aborted), so the tab
    # shows an error page; what counts is that it asked for the source's address.
    opened.value.wait_for_load_state()
    assert href in page.external_requests, page.external_requests
