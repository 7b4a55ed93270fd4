"""Patterns in a real browser: the matrix draws, a click on a square lists the excerpts behind it
with their source link, and the deep link restores the analysis."""

from __future__ import annotations

from tests.e2e.conftest import (
    assert_no_exception, count_runs, open_view, screenshot, wait_for_rerun, wait_until_idle,
)

YPIP_SOURCE = "https://gtr.ukri.org/projects?ref=ES%2FZ50239X%2F1"

# Screen position of the matrix square whose customdata is [case_id, column].
SQUARE_POSITION = """([caseId, column]) => {
  const gd = document.querySelector('.stPlotlyChart .js-plotly-plot');
  const layout = gd._fullLayout, box = gd.getBoundingClientRect();
  for (const trace of gd._fullData) {
    const index = (trace.customdata || []).findIndex(c => c && c[0] === caseId && c[1] === column);
    if (index < 0) continue;
    return {x: box.left + layout._size.l + layout.xaxis.l2p(layout.xaxis.d2l(trace.x[index])),
            y: box.top + layout._size.t + layout.yaxis.l2p(layout.yaxis.d2l(trace.y[index]))};
  }
  return null;
}"""


def open_patterns(page, url: str) -> None:
    open_view(page, url)
    page.wait_for_selector(".stPlotlyChart .js-plotly-plot .scatterlayer .point", timeout=30_000)
    wait_until_idle(page)


def click_square(page, case_id: str, column: str) -> None:
    position = page.evaluate(SQUARE_POSITION, [case_id, column])
    assert position, f"no square for {case_id} / {column}"
    page.mouse.move(position["x"], position["y"])
    page.mouse.click(position["x"], position["y"])


def test_clicking_an_outcome_square_lists_its_excerpts_with_the_source(page, app_url):
    open_patterns(page, app_url + "/patterns?outcome=participation")
    assert page.get_by_role("heading", name="Truth table").count() == 1
    assert page.get_by_text("Conservative solution").count() == 1
    squares = page.locator(".stPlotlyChart .scatterlayer .point").count()
    assert squares >= 5 * 16  # five coded partnerships, every condition and outcome
    screenshot(page, "patterns")

    count_runs(page)
    click_square(page, "ypip", "outcome:participation")
    wait_for_rerun(page, 0)
    panel = page.locator(".st-key-patterns_cell")
    panel.wait_for(timeout=30_000)
    assert "A community panel of 12 people sits as equal decision-makers." in panel.inner_text()
    assert panel.get_by_role("link", name="source ↗").first.get_attribute("href") == YPIP_SOURCE
    assert "cell=ypip~outcome%3Aparticipation" in page.url or "cell=ypip%7Eoutcome%3Aparticipation" in page.url
    assert_no_exception(page)
    page.mouse.move(5, 5)
    screenshot(page, "patterns-cell")


def test_a_deep_link_restores_the_analysis_and_its_cell(page, app_url):
    open_patterns(page, app_url + "/patterns?cases=regions&conditions=has_university%2Cmember_count"
                  "&cell=yh~member_count")
    panel = page.locator(".st-key-patterns_cell")
    panel.wait_for(timeout=30_000)
    assert "Partnership" in panel.inner_text() and "Region" in panel.inner_text()
    assert page.get_by_text("regions have coded evidence on this outcome").count() == 1
    assert_no_exception(page)
