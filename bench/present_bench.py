"""Presentation mode: time from an arrow-key press to the next slide fully drawn, at seed scale.

Run with `.venv/bin/python bench/present_bench.py [--rounds 3] [--db PATH]`. It serves the seed
data (or --db) on loopback, opens the example storyboard at 1920x1080 in headless Chromium with
every other request blocked, and presses the right and left arrow keys through all its slides.
"Fully drawn" is the browser-side condition of tests/e2e/test_present_browser.py: the new slide's
title is up, the script has finished, no skeleton is left and every chart has drawn (MapLibre
maps: style and tiles loaded). The clock runs in the page, from just before the key press.
The first pass (every page's first visit in the session) is reported apart from later passes.
Results go to bench/results/present.md; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import empty_app_server, write_report  # noqa: E402
from lpipdata import stories  # noqa: E402
from lpipdata.build import build_database  # noqa: E402
from tests.conftest import geo_dir  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHROMIUM, CHROMIUM_FLAGS, block_non_loopback, start_server, stop_server)
from tests.e2e.test_present_browser import SLIDE_DRAWN  # noqa: E402

STORY = "four-lpips"
TIMEOUT_MS = 300_000


def click_floor(browser, repeats: int = 7) -> float:
    """Median milliseconds from a button click to its updated text in the empty one-widget app
    (bench/empty_app.py), timed like a slide: a slide key presses a button too."""
    context = browser.new_context()
    try:
        with empty_app_server() as base:
            return median_click_ms(context.new_page(), base, repeats)
    finally:
        context.close()


def median_click_ms(tab, base: str, repeats: int) -> float:
    tab.goto(base)
    tab.get_by_text("clicks: 0").wait_for(timeout=TIMEOUT_MS)
    samples = []
    for clicks in range(1, repeats + 1):
        tab.evaluate("() => { window.__clickStart = performance.now(); }")
        tab.get_by_role("button", name="Click").click()
        handle = tab.wait_for_function(
            "(n) => document.body.innerText.includes('clicks: ' + n) && performance.now() - window.__clickStart",
            arg=clicks, timeout=TIMEOUT_MS, polling="raf")
        samples.append(float(handle.json_value()))
    return statistics.median(samples)


def slide_titles() -> list[str]:
    vocab = stories.vocabulary_from_data(ROOT / "data")
    return [s.title for s in stories.load_story(stories.stories_dir(ROOT / "data") / f"{STORY}.toml", vocab).slides]


def press_and_time(tab, key: str, title: str) -> float:
    """Milliseconds from pressing `key` to slide `title` fully drawn, measured by the page's clock."""
    tab.evaluate("() => { window.__slideStart = performance.now(); }")
    tab.keyboard.press(key)
    handle = tab.wait_for_function(f"(title) => ({SLIDE_DRAWN})(title) && performance.now() - window.__slideStart",
                                   arg=title, timeout=TIMEOUT_MS, polling="raf")
    return float(handle.json_value())


def one_pass(tab, titles: list[str]) -> list[tuple[str, float]]:
    """Forward through every slide, then back to the first: (transition, ms) each."""
    timings = []
    for number in range(1, len(titles)):
        timings.append((f"{number} → {number + 1}", press_and_time(tab, "ArrowRight", titles[number])))
    for number in range(len(titles), 1, -1):
        timings.append((f"{number} → {number - 1}", press_and_time(tab, "ArrowLeft", titles[number - 2])))
    return timings


def measure(browser, base_url: str, rounds: int) -> list[list[tuple[str, float]]]:
    titles = slide_titles()
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.route("**/*", block_non_loopback)
    tab = context.new_page()
    tab.goto(f"{base_url}/present?story={STORY}&slide=1")
    tab.wait_for_function(SLIDE_DRAWN, arg=titles[0], timeout=TIMEOUT_MS)
    passes = [one_pass(tab, titles) for _ in range(rounds + 1)]
    context.close()
    return passes


def report(passes: list[list[tuple[str, float]]], click: float) -> list[str]:
    first, later = passes[0], [ms for one in passes[1:] for _, ms in one]
    lines = ["# Presentation mode: key press to next slide fully drawn (seed data, 1920x1080)", "",
             f"Floor: empty one-widget app, widget click to updated text: {click:.0f} ms (measured in the same run).", "",
             f"Later passes ({len(passes) - 1} x {len(first)} transitions): median {statistics.median(later):.0f} ms "
             f"({statistics.median(later) / click:.1f} x floor), min {min(later):.0f} ms, max {max(later):.0f} ms.", "",
             "| transition | first pass (ms) | later passes, median (ms) | x floor |", "| --- | --- | --- | --- |"]
    for index, (name, ms) in enumerate(first):
        median = statistics.median(one[index][1] for one in passes[1:])
        lines.append(f"| {name} | {ms:.0f} | {median:.0f} | {median / click:.1f} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3, help="passes after the first (default 3)")
    parser.add_argument("--db", type=Path, help="a built database (default: build the seed data)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        database = args.db or build_database(ROOT / "data", Path(tmp) / "lpip.duckdb", mode="public",
                                             geo_dir=geo_dir()).path
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        floor = click_floor(browser)
        base_url, server, log = start_server(database)
        try:
            passes = measure(browser, base_url, args.rounds)
        finally:
            stop_server(server, log)
            browser.close()
    lines = report(passes, floor)
    write_report("present", lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
