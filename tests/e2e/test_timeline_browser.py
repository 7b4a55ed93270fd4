"""The timeline in a real browser: bars and markers render, a click shows details and the source link,
and the zoom survives the rerun a click causes."""

from __future__ import annotations

from tests.e2e.conftest import assert_no_exception, open_view, screenshot, wait_until_idle

YPIP_SOURCE = "https://gtr.ukri.org/projects?ref=ES%2FZ50239X%2F1"
WISERD_SOURCE = "https://wiserd.ac.uk/news/cymru-wledig-lpip-rural-wales-launched-at-the-senedd"

# Screen position of the point whose customdata is [kind, id]: a bar's middle or an event marker.
POINT_POSITION = """([kind, id]) => {
  const gd = document.querySelector('.stPlotlyChart .js-plotly-plot');
  const layout = gd._fullLayout, box = gd.getBoundingClientRect();
  for (const trace of gd._fullData) {
    const index = (trace.customdata || []).findIndex(c => c && c[0] === kind && c[1] === id);
    if (index < 0) continue;
    let x = trace.x[index];
    if (trace.type === 'bar') x = layout.xaxis.d2l(trace.base[index]) + trace.x[index] / 2;
    else x = layout.xaxis.d2l(x);
    return {x: box.left + layout._size.l + layout.xaxis.l2p(x),
            y: box.top + layout._size.t + layout.yaxis.l2p(trace.y[index]), type: trace.type};
  }
  return null;
}"""

CHART_RANGE = "() => document.querySelector('.stPlotlyChart .js-plotly-plot')._fullLayout.xaxis.range.map(String)"


def open_timeline(page, app_url: str) -> None:
    """Open /timeline as a deep link (run alone, this is the fresh server's first page) and wait for the bars."""
    open_view(page, app_url + "/timeline")
    assert page.get_by_test_id("stSidebarNav").get_by_text("Timeline", exact=True).count() == 1  # the app's navigation
    page.wait_for_selector(".stPlotlyChart .js-plotly-plot .barlayer .point path", timeout=30_000)


def click_point(page, kind: str, item: str) -> str:
    position = page.evaluate(POINT_POSITION, [kind, item])
    assert position, f"no {kind} {item} on the chart"
    page.mouse.move(position["x"], position["y"])
    page.mouse.click(position["x"], position["y"])
    return position["type"]


def details(page):
    panel = page.locator(".st-key-timeline_details")
    panel.wait_for(timeout=30_000)
    wait_until_idle(page)
    return panel


def test_timeline_draws_bars_and_markers_and_a_click_shows_the_source(page, app_url):
    open_timeline(page, app_url)
    assert page.locator(".stPlotlyChart .barlayer .point path").count() >= 8  # one thick bar per dated partnership
    assert page.locator(".stPlotlyChart .scatterlayer .point").count() >= 7  # event markers and end arrows
    assert page.locator(".stPlotlyChart .legendtext", has_text="launch").count() == 1
    page.get_by_text("No sourced start date (1)").wait_for()  # listed beside the chart, not dropped
    # The data grid draws on a canvas; its text is in a hidden accessibility table.
    page.locator('[data-testid="stDataFrame"] td', has_text="Undated network").first.wait_for(state="attached")
    screenshot(page, "timeline")

    assert click_point(page, "partnership", "ypip") == "bar"
    panel = details(page)
    panel.get_by_role("heading", name="Yorkshire and the Humber Policy Innovation Partnership").wait_for()
    assert "Feb 2024 – Dec 2026" in panel.inner_text()
    assert panel.get_by_role("link", name="Open source").get_attribute("href") == YPIP_SOURCE
    assert "partnership=ypip" in page.url
    assert_no_exception(page)
    page.mouse.move(5, 5)  # let the hover label go, so the screenshot shows the chart
    screenshot(page, "timeline-selected")


def test_clicking_an_event_keeps_the_zoom(page, app_url):
    open_timeline(page, app_url)
    page.evaluate("async () => { await Plotly.relayout(document.querySelector('.stPlotlyChart .js-plotly-plot'),"
                  " {'xaxis.range': ['2023-06-01', '2025-06-01']}); }")
    zoomed = page.evaluate(CHART_RANGE)
    assert zoomed[0].startswith("2023-06-01")

    assert click_point(page, "event", "rw-launch") == "scatter"
    panel = details(page)
    panel.get_by_role("heading", name="Rural Wales LPIP launched at the Senedd").wait_for()
    assert "10 Jul 2024" in panel.inner_text()
    assert panel.get_by_role("link", name="Open source").get_attribute("href") == WISERD_SOURCE
    assert "event=rw-launch" in page.url
    assert page.evaluate(CHART_RANGE) == zoomed  # uirevision: the presenter keeps their place
