"""Shared fixtures: a tiny database built by the real build code, and a browser harness."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from lpipdata import db
from lpipdata.build import build_database
from lpipdata.config import PROJECT_ROOT

# Locally Hypothesis explores new examples on every run, to find new bugs; in CI it replays a fixed
# sequence, so a submission's result does not depend on the draw. Loaded before any test module
# builds its own settings, which then inherit it.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
SHARED_GEO = PROJECT_ROOT.parent / "shared" / "geo"
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"


def geo_dir() -> Path | None:
    """Boundary folder for tests: $LPIP_GEO_DIR, else ../shared/geo when present."""
    configured = os.environ.get("LPIP_GEO_DIR")
    if configured and (Path(configured) / "itl1.geojson").exists():
        return Path(configured)
    return SHARED_GEO if (SHARED_GEO / "itl1.geojson").exists() else None


def copy_fixture_data(target: Path) -> Path:
    """The tiny CSVs plus the project's real datapackage.json, in a fresh folder."""
    shutil.copytree(FIXTURES / "data", target)
    shutil.copy(PROJECT_ROOT / "data" / "datapackage.json", target / "datapackage.json")
    return target


@pytest.fixture(scope="session")
def tiny_data_dir(tmp_path_factory) -> Path:
    return copy_fixture_data(tmp_path_factory.mktemp("tiny") / "data")


@pytest.fixture(scope="session")
def tiny_db(tiny_data_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tinydb") / "lpip.duckdb"
    build_database(tiny_data_dir, out, mode="public", geo_dir=geo_dir())
    return out


@pytest.fixture(scope="session")
def research_db(tiny_data_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("researchdb") / "lpip.duckdb"
    build_database(tiny_data_dir, out, mode="research", geo_dir=geo_dir())
    return out


@pytest.fixture()
def con(tiny_db):
    connection = db.connect(tiny_db)
    yield connection
    connection.close()


@pytest.fixture()
def tiny_env(tiny_db, monkeypatch):
    """Point the app's settings at the tiny database (for AppTest)."""
    monkeypatch.setenv("LPIP_DB", str(tiny_db))
    monkeypatch.setenv("LPIP_MODE", "public")
    monkeypatch.setenv("LPIP_ERROR_DETAILS", "full")  # a failing AppTest shows its real exception
    if geo_dir():
        monkeypatch.setenv("LPIP_GEO_DIR", str(geo_dir()))
    return tiny_db


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
