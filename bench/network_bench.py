"""Network view benchmark: graph, metrics and layout times, and the page in a browser, at seed,
10x and 100x scale, as ratios to the empty one-widget app measured in the same run.

Run with `.venv/bin/python bench/network_bench.py [--scales 1,10,100] [--repeats 5]`.
Results go to bench/results/network.md. A measurement, not a test: nothing asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import build_scales, measure_empty, rerun_and_wait, write_report  # noqa: E402
from lpipdata import db  # noqa: E402
from lpipdata import network as net  # noqa: E402
from lpipdata.filters import Filters  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHROMIUM, CHROMIUM_FLAGS, block_non_loopback, count_runs, start_server, stop_server,
    wait_for_rerun, wait_until_idle)


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def computation(db_path: Path) -> dict[str, float | int]:
    """The lpipdata work behind the page, without Streamlit: what the caches hold."""
    con = db.connect(db_path)
    try:
        built, graph_seconds = timed(net.graphs, con, Filters())
        analysis, metric_seconds = timed(net.analyse, built)
        two_mode, two_mode_seconds = timed(net.draw_network, built, net.TWO_MODE)
        _, projection_seconds = timed(net.draw_network, built, net.PROJECTION)
        hub = analysis.nodes[analysis.nodes["kind"] == net.ORG].sort_values(["degree", "node"]).iloc[-1]["node"]
        _, ego_seconds = timed(net.draw_ego, built, net.TWO_MODE, hub, 2)
    finally:
        con.close()
    return {"nodes": built.two_mode.number_of_nodes(), "edges": built.two_mode.number_of_edges(),
            "projection_edges": built.projection.number_of_edges(), "drawn": len(two_mode.nodes),
            "graphs": graph_seconds, "metrics": metric_seconds, "layout_two_mode": two_mode_seconds,
            "layout_projection": projection_seconds, "layout_ego": ego_seconds}


def click_and_wait(tab, label: str) -> float:
    """Seconds from clicking a sidebar radio option to the end of the rerun it causes."""
    runs = tab.evaluate("() => window.__lpipRuns")
    started = time.perf_counter()
    tab.locator('[data-testid="stSidebar"]').get_by_text(label, exact=True).click()
    wait_for_rerun(tab, runs, 600_000)
    return time.perf_counter() - started


def browser_timings(browser, base: str, repeats: int) -> dict[str, float]:
    """First load (cold caches: metrics and layout computed), a plain rerun (everything cached),
    a restyle (colour by community: cached layout), and a mode switch (a new layout)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.route("**/*", block_non_loopback)
    tab = context.new_page()
    tab.goto(base + "/")  # the entry point must run once before /network is served as a page
    wait_until_idle(tab, 600_000)
    started = time.perf_counter()
    tab.goto(base + "/network")
    wait_until_idle(tab, 600_000)
    tab.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=600_000)
    first = time.perf_counter() - started
    count_runs(tab)
    reruns = [rerun_and_wait(tab) for _ in range(repeats)]
    restyle = click_and_wait(tab, "Community")
    mode_switch = click_and_wait(tab, "Organisations only")
    context.close()
    return {"first": first, "rerun": statistics.median(reruns), "restyle": restyle, "mode_switch": mode_switch}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        built = build_scales(scales, Path(tmp), None)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        floor = measure_empty(browser, args.repeats)
        for scale, (db_path, _) in built.items():
            work = computation(db_path)
            base, server, log = start_server(db_path)
            try:
                results[scale] = (work, browser_timings(browser, base, args.repeats))
            finally:
                stop_server(server, log)
            print(scale, results[scale], flush=True)
        browser.close()
    lines = report(floor, results)
    write_report("network", lines)
    return 0


def report(floor: dict[str, float], results: dict[int, tuple[dict, dict]]) -> list[str]:
    lines = ["# Network view benchmark", "",
             f"Empty one-widget app: first load {floor['first']:.2f} s, widget click {floor['click'] * 1000:.0f} ms, "
             f"rerun ('r') {floor['rerun'] * 1000:.0f} ms. Reruns below are ratios to that rerun.", "",
             "## Computation (no Streamlit; cached per filter state in the app)", "",
             "| data | nodes | edges | projection edges | drawn | graphs (s) | metrics (s) | "
             "layout two-mode (s) | layout projection (s) | layout ego, 2 steps (s) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for scale, (w, _) in results.items():
        lines.append(f"| {scale}x | {w['nodes']:,} | {w['edges']:,} | {w['projection_edges']:,} | {w['drawn']} | "
                     f"{w['graphs']:.2f} | {w['metrics']:.2f} | {w['layout_two_mode']:.2f} | "
                     f"{w['layout_projection']:.2f} | {w['layout_ego']:.2f} |")
    lines += ["", "## /network in headless Chromium (ratio to the empty app)", "",
              "| data | first load, cold (s) | x empty | rerun (ms) | x empty | restyle (ms) | x empty | "
              "mode switch, new layout (ms) | x empty |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for scale, (_, b) in results.items():
        lines.append(f"| {scale}x | {b['first']:.2f} | {b['first'] / floor['first']:.1f} | "
                     + " | ".join(f"{b[k] * 1000:.0f} | {b[k] / floor['rerun']:.1f}"
                                  for k in ("rerun", "restyle", "mode_switch")) + " |")
    return lines


if __name__ == "__main__":
    sys.exit(main())
