"""Browser harness: `streamlit run dashboard.py` on a free port, driven by Debian's Chromium.

Tests skip with a reason when Chromium is absent, unless CI is set: there a missing
browser is a failure, so CI can never pass without running them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from lpipdata.config import PROJECT_ROOT
from tests.conftest import ARTIFACTS, geo_dir

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_health(base_url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer {base_url}/_stcore/health within {STARTUP_SECONDS}s")


def start_server(db_path: Path, extra_env: dict[str, str] | None = None):
    port = free_port()
    env = {**os.environ, "LPIP_DB": str(db_path), "LPIP_MODE": "public", **(extra_env or {})}
    if geo_dir():
        env.setdefault("LPIP_GEO_DIR", str(geo_dir()))
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")  # noqa: SIM115 - closed in stop_server
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base_url, process)
    except RuntimeError:
        stop_server(process, log)
        raise
    return base_url, process, log


def stop_server(process: subprocess.Popen, log) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def app_url(tiny_db):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base_url, process, log = start_server(tiny_db)
    yield base_url
    stop_server(process, log)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing under CI; install it with `apt-get install -y chromium`")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


def is_loopback(url: str) -> bool:
    return (urlparse(url).hostname or "") in ("127.0.0.1", "localhost", "::1") or url.startswith(("data:", "blob:"))


def block_non_loopback(route, record: list[str] | None = None) -> None:
    """Abort every request that leaves the machine, as on venue wifi that is down; note it in `record`."""
    if is_loopback(route.request.url):
        route.continue_()
    else:
        if record is not None:
            record.append(route.request.url)
        route.abort()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    external_requests: list[str] = []  # every request that tried to leave the machine (all aborted)
    context.route("**/*", lambda route: block_non_loopback(route, external_requests))
    tab = context.new_page()
    tab.external_requests = external_requests
    tab.failed_requests = []
    tab.on("requestfailed", lambda request: tab.failed_requests.append(request.url))
    yield tab
    context.close()


def open_view(tab, url: str, timeout_ms: int = 30_000) -> None:
    """Load a view and wait until Streamlit has finished running the script."""
    tab.goto(url)
    tab.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    wait_until_idle(tab, timeout_ms)
    assert_no_exception(tab)


def wait_until_idle(tab, timeout_ms: int = 30_000) -> None:
    """Wait until the script has run to the end and nothing is still a loading skeleton.

    The app's script state goes initial -> running -> notRunning; 'initial' is not idle. The
    very first run on a fresh server may pass through Streamlit's legacy page mode (its
    navigation lists the entry script, 'dashboard') before ui/__init__.py reruns it properly.
    """
    tab.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            const nav = document.querySelector('[data-testid="stSidebarNav"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && app.getAttribute('data-test-connection-state') === 'CONNECTED'
                && !document.querySelector('[data-testid="stSkeleton"]')
                && !(nav && nav.innerText.includes('dashboard'));
        }""",
        timeout=timeout_ms,
    )


def count_runs(tab) -> None:
    """Start counting finished script runs in window.__lpipRuns (for waiting on a rerun)."""
    tab.evaluate("""() => {
        if (window.__lpipObserver) return;
        window.__lpipRuns = 0;
        const app = document.querySelector('[data-testid="stApp"]');
        window.__lpipObserver = new MutationObserver(() => {
            if (app.getAttribute('data-test-script-state') === 'notRunning') window.__lpipRuns += 1;
        });
        window.__lpipObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    }""")


def wait_for_rerun(tab, runs_before: int, timeout_ms: int = 30_000) -> None:
    """Wait until at least one more script run has finished than `runs_before`, then until idle."""
    tab.wait_for_function("(n) => window.__lpipRuns > n", arg=runs_before, timeout=timeout_ms)
    wait_until_idle(tab, timeout_ms)


def assert_no_exception(tab) -> None:
    errors = tab.locator('[data-testid="stException"]')
    assert errors.count() == 0, f"Streamlit exception on the page: {errors.first.inner_text()[:500]}"


def screenshot(tab, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=False)
    return path
