"""Benchmarks: build times and page timings at seed, 10x and 100x, as ratios to an empty app.

Run with `make bench` (or `.venv/bin/python bench/run.py [--scales 1,10,100] [--repeats 7]`).
Everything runs on loopback in headless Chromium; results go to bench/results/latest.md.
This is a measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lpipdata.build import build_database  # noqa: E402
from lpipdata.synth import write_synthetic  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHROMIUM, CHROMIUM_FLAGS, block_non_loopback, count_runs, free_port, start_server, stop_server, wait_for_health,
    wait_for_rerun, wait_until_idle)

PAGES = {"home": "/", "map": "/map", "network": "/network", "timeline": "/timeline",
         "region": "/region?region=yh", "compare": "/compare", "evidence": "/evidence?q=net",
         "patterns": "/patterns", "multilevel": "/multilevel"}


def build_scales(scales: list[int], work: Path, geo_dir: Path | None) -> dict[int, tuple[Path, float]]:
    built = {}
    for scale in scales:
        data_dir = ROOT / "data"
        if scale > 1:
            data_dir = work / f"synth{scale}"
            write_synthetic(ROOT / "data", data_dir, scale)
        out = work / f"lpip-{scale}.duckdb"
        started = time.perf_counter()
        build_database(data_dir, out, mode="public", geo_dir=geo_dir)
        built[scale] = (out, time.perf_counter() - started)
    return built


def time_view(browser, url: str, repeats: int, rerun) -> tuple[float, float]:
    """(first load seconds, median rerun seconds) for one URL."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.route("**/*", block_non_loopback)
    tab = context.new_page()
    started = time.perf_counter()
    tab.goto(url)
    wait_until_idle(tab, 300_000)
    first = time.perf_counter() - started
    count_runs(tab)
    samples = []
    for _ in range(repeats):
        runs = tab.evaluate("() => window.__lpipRuns")
        started = time.perf_counter()
        rerun(tab)
        wait_for_rerun(tab, runs, 300_000)
        samples.append(time.perf_counter() - started)
    context.close()
    return first, statistics.median(samples)


def rerun_by_key(tab) -> None:
    """Streamlit's 'r' shortcut reruns the script: the server work of one interaction."""
    tab.locator("body").press("r")


@contextmanager
def empty_app_server():
    """Serve bench/empty_app.py (the floor every page is compared with) and yield its base URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "bench" / "empty_app.py"),
                               "--server.headless", "true", "--server.port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_health(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(10)


def click_and_wait(tab, expected: int) -> float:
    started = time.perf_counter()
    tab.get_by_role("button", name="Click").click()
    tab.get_by_text(f"clicks: {expected}", exact=True).wait_for(timeout=300_000)
    return time.perf_counter() - started


def rerun_and_wait(tab) -> float:
    runs = tab.evaluate("() => window.__lpipRuns")
    started = time.perf_counter()
    rerun_by_key(tab)
    wait_for_rerun(tab, runs, 300_000)
    return time.perf_counter() - started


def measure_empty(browser, repeats: int) -> dict[str, float]:
    """The empty one-widget app: first load, widget click to updated text, and a plain rerun (seconds)."""
    with empty_app_server() as base:
        tab = browser.new_page(viewport={"width": 1280, "height": 720})
        started = time.perf_counter()
        tab.goto(base)
        tab.get_by_text("clicks: 0").wait_for(timeout=300_000)
        first = time.perf_counter() - started
        count_runs(tab)
        clicks = [click_and_wait(tab, n) for n in range(1, repeats + 1)]
        reruns = [rerun_and_wait(tab) for _ in range(repeats)]
        tab.close()
    return {"first": first, "click": statistics.median(clicks), "rerun": statistics.median(reruns)}


def write_report(name: str, lines: list[str]) -> Path:
    """Write bench/results/<name>.md and echo it."""
    out = ROOT / "bench" / "results" / f"{name}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    pages = {name: PAGES[name] for name in args.pages.split(",") if (ROOT / "pages" / f"{name}.py").exists()}
    geo_dir = next((p for p in (ROOT / "data" / "geo", ROOT.parent / "shared" / "geo") if (p / "itl1.geojson").exists()), None)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        built = build_scales(scales, Path(tmp), geo_dir)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        floor = measure_empty(browser, args.repeats)
        lines = report_header(floor, built)
        for scale, (db_path, _) in built.items():
            base, server, log = start_server(db_path, {"LPIP_GEO_DIR": str(geo_dir or "")})
            try:
                for name, path in pages.items():
                    first, rerun = time_view(browser, base + path, args.repeats, rerun_by_key)
                    lines.append(f"| {name} | {scale}x | {first:.2f} | {first / floor['first']:.1f} | "
                                 f"{rerun * 1000:.0f} | {rerun / floor['rerun']:.1f} |")
                    print(lines[-1], flush=True)
            finally:
                stop_server(server, log)
        browser.close()
    write_report("latest", lines)
    return 0


def report_header(floor: dict[str, float], built: dict[int, tuple[Path, float]]) -> list[str]:
    lines = ["# Benchmark", "",
             f"Empty one-widget app: first load {floor['first']:.2f} s, widget click {floor['click'] * 1000:.0f} ms, "
             f"rerun ('r') {floor['rerun'] * 1000:.0f} ms.", ""]
    lines += [f"Build at {scale}x: {seconds:.2f} s" for scale, (_, seconds) in built.items()]
    lines += ["", "| page | data | first load (s) | x empty | rerun (ms) | x empty |", "| --- | --- | --- | --- | --- | --- |"]
    return lines


if __name__ == "__main__":
    sys.exit(main())
