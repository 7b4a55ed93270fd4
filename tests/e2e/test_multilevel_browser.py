"""Multilevel in a real browser: the ladder draws, a click on a link between two levels lists the
members the two share with their source links, a click on a partnership lists its members, Play
moves the as-of date through the URL and changes the figure, and presentation mode fits."""

from __future__ import annotations

from tests.e2e.conftest import assert_no_exception, count_runs, open_view, screenshot, wait_for_rerun, wait_until_idle

YPIP_SOURCE_PREFIX = "https://gtr.ukri.org/"
LOAD_MS = 60_000

# Screen position of the point whose customdata is [kind, a] or [kind, a, b].
POINT_POSITION = """([kind, a, b]) => {
  const gd = document.querySelector('.stPlotlyChart .js-plotly-plot');
  const layout = gd._fullLayout, box = gd.getBoundingClientRect();
  for (const trace of gd._fullData) {
    const index = (trace.customdata || [])
      .findIndex(c => c && c[0] === kind && c[1] === a && (b === null || c[2] === b));
    if (index < 0) continue;
    return {x: box.left + layout._size.l + layout.xaxis.l2p(layout.xaxis.d2l(trace.x[index])),
            y: box.top + layout._size.t + layout.yaxis.l2p(layout.yaxis.d2l(trace.y[index]))};
  }
  return null;
}"""
# The partnerships drawn on the ladder now (their ids), or null while no ladder is drawn.
DRAWN_PARTNERSHIPS = """() => {
  const gd = document.querySelector('.stPlotlyChart .js-plotly-plot');
  if (!gd || !gd._fullData) return null;
  return gd._fullData.flatMap(t => (t.customdata || []).filter(c => c && c[0] === 'partnership').map(c => c[1])).sort();
}"""

# What the tiny database's Yorkshire ladder holds at the end of each year with a change (2011: the LEP alone).
DRAWN_IN = {"2014": ["old-lep", "wyca-p"], "2017": ["leeds-climate", "old-lep", "wyca-p"],
            "2024": ["leeds-climate", "wyca-p", "ypip"]}


def open_ladder(page, url: str) -> None:
    open_view(page, url, LOAD_MS)
    page.wait_for_selector(".stPlotlyChart .js-plotly-plot .scatterlayer .point", timeout=LOAD_MS)
    wait_until_idle(page, LOAD_MS)


def click_point(page, kind: str, a: str, b: str | None = None) -> None:
    page.locator(".stPlotlyChart").first.scroll_into_view_if_needed()
    position = page.evaluate(POINT_POSITION, [kind, a, b])
    assert position, f"no {kind} point for {a} {b or ''}"
    page.mouse.move(position["x"], position["y"])
    page.mouse.click(position["x"], position["y"])


def location(page) -> str:
    return page.evaluate("() => location.href")


def test_clicking_a_link_between_two_levels_shows_the_members_they_share(page, app_url):
    open_ladder(page, app_url + "/multilevel?regions=yh")
    assert page.get_by_role("heading", name="Multilevel", exact=True).count() == 1
    assert page.get_by_text("5 partnerships on 5 levels in 1 region, 4 cross-level links recorded.").count() == 1
    assert page.get_by_text("2 of 3 local and sub-regional partnerships (67%) are connected upward").count() == 1
    ticks = page.evaluate("() => [...document.querySelector('.stPlotlyChart .js-plotly-plot')"
                          ".querySelectorAll('.yaxislayer-above .ytick text')].map(t => t.textContent)")
    assert ticks == ["Neighbourhood", "Local", "Sub-regional", "City-region", "Region", "Nation", "UK"]
    screenshot(page, "multilevel")

    count_runs(page)
    click_point(page, "link", "leeds-climate", "ypip")
    wait_for_rerun(page, 0, LOAD_MS)
    panel = page.locator(".st-key-multilevel_details")
    panel.wait_for(timeout=LOAD_MS)
    text = panel.inner_text()
    assert "Leeds Climate Commission ↔ Yorkshire and the Humber Policy Innovation Partnership" in text
    assert "1 shared member" in text and "University of Leeds" in text
    sources = panel.get_by_role("link", name="source ↗")
    assert sources.count() == 2 and sources.first.get_attribute("href").startswith(YPIP_SOURCE_PREFIX)
    assert "link=leeds-climate~ypip" in location(page) or "link=leeds-climate%7Eypip" in location(page)
    assert_no_exception(page)
    page.mouse.move(5, 5)
    screenshot(page, "multilevel-link")

    runs = page.evaluate("() => window.__lpipRuns")
    click_point(page, "partnership", "wyca-p")
    wait_for_rerun(page, runs, LOAD_MS)
    page.wait_for_function("() => document.querySelector('.st-key-multilevel_details')"
                           "?.innerText.includes('West Yorkshire Combined Authority')", timeout=LOAD_MS)
    text = page.locator(".st-key-multilevel_details").inner_text()
    assert "Members (1)" in text and "Leeds City Council" in text and "Cross-level links (2)" in text
    assert "partnership=wyca-p" in location(page) and "link=" not in location(page)
    assert_no_exception(page)


def test_play_advances_the_as_of_date_in_the_url_and_the_figure_changes(page, app_url):
    open_ladder(page, app_url + "/multilevel?regions=yh")
    everything = page.evaluate(DRAWN_PARTNERSHIPS)
    assert len(everything) == 5
    page.get_by_role("button", name="Play").click()
    seen = {}
    for year, drawn in (("2014", DRAWN_IN["2014"]), ("2017", DRAWN_IN["2017"])):
        page.wait_for_function(f"() => location.href.includes('asof={year}-12-31')", timeout=LOAD_MS)
        page.wait_for_function(f"() => ({DRAWN_PARTNERSHIPS})()?.join() === '{','.join(drawn)}'", timeout=LOAD_MS)
        seen[year] = page.evaluate(DRAWN_PARTNERSHIPS)
        assert "play=1" in location(page)
    assert seen["2014"] != seen["2017"] != everything
    page.wait_for_function("() => location.href.includes('asof=2024-12-31') && !location.href.includes('play=1')",
                           timeout=LOAD_MS)  # stops on the last year with a change, and stays there
    wait_until_idle(page, LOAD_MS)
    assert page.get_by_role("button", name="Play").is_visible()
    assert page.get_by_text("As of 31 Dec 2024, year 4 of 4.").count() == 1
    assert_no_exception(page)


def test_pause_keeps_the_year_in_a_link_that_restores_it(page, app_url):
    open_ladder(page, app_url + "/multilevel?regions=yh&asof=2014-12-31")
    page.get_by_role("button", name="Play").click()
    page.wait_for_function("() => location.href.includes('asof=2017-12-31')", timeout=LOAD_MS)
    page.get_by_role("button", name="Pause").click()
    page.wait_for_function("() => !location.href.includes('play=1')", timeout=LOAD_MS)
    wait_until_idle(page, LOAD_MS)
    stopped = location(page)
    page.wait_for_timeout(2_500)  # paused: nothing moves (this waits; it asserts no time)
    assert location(page) == stopped
    # Usually 2017 or 2024; on a busy machine the play may run on, round to the start, before the click lands.
    year = stopped.split("asof=")[1][:4]
    drawn = page.evaluate(DRAWN_PARTNERSHIPS)
    open_ladder(page, stopped)
    assert page.evaluate(DRAWN_PARTNERSHIPS) == drawn and "play=1" not in location(page)
    if year in DRAWN_IN:
        assert drawn == DRAWN_IN[year], stopped


def test_the_arrow_keys_step_the_years(page, app_url):
    open_ladder(page, app_url + "/multilevel?regions=yh&asof=2017-12-31")
    page.locator("body").press("ArrowLeft")
    page.wait_for_function("() => location.href.includes('asof=2014-12-31')", timeout=LOAD_MS)
    wait_until_idle(page, LOAD_MS)
    page.locator("body").press("ArrowRight")
    page.wait_for_function("() => location.href.includes('asof=2017-12-31')", timeout=LOAD_MS)
    assert_no_exception(page)


def test_presentation_mode_fits_the_ladder_and_keeps_the_time_control(page, app_url):
    open_ladder(page, app_url + "/multilevel?regions=yh&present=1")
    box = """() => {
        const chart = document.querySelector('.st-key-lpip_stage .js-plotly-plot').getBoundingClientRect();
        return {top: chart.top, bottom: chart.bottom, height: chart.height, screen: window.innerHeight};
    }"""
    try:  # plotly redraws after the stage has its size, so the fit is waited for, then asserted
        fits = f"() => {{ const b = ({box})(); return b.bottom <= b.screen && b.height >= 0.5 * b.screen; }}"
        page.wait_for_function(fits, timeout=15_000)
    except Exception:
        pass
    found = page.evaluate(box)
    assert found["bottom"] <= found["screen"] and found["height"] >= 0.5 * found["screen"], found
    assert page.get_by_role("button", name="Play").is_visible()
    assert page.get_by_role("button", name="Exit presentation").is_visible()
    assert_no_exception(page)
    screenshot(page, "multilevel-present-720p")


def test_on_a_slide_shift_and_the_arrows_step_the_years_and_the_arrows_the_slides(page, app_url):
    open_ladder(page, app_url + "/multilevel?regions=yh&present=1&story=four-lpips&slide=7")
    page.locator("body").press("Shift+ArrowRight")
    page.wait_for_function("() => location.href.includes('asof=2011-12-31')", timeout=LOAD_MS)
    wait_until_idle(page, LOAD_MS)
    assert "slide=7" in location(page)
    assert page.get_by_text("has partnerships at one level only on 31 Dec 2011").count() == 1  # said, not drawn
    page.locator("body").press("ArrowLeft")
    page.wait_for_function("() => location.pathname.endsWith('/patterns') && location.href.includes('slide=6')",
                           timeout=LOAD_MS)
