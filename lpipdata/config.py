"""Settings read once from the environment; the only place that reads LPIP_* variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = (
    Setting("LPIP_DB", str(PROJECT_ROOT / "data" / "lpip.duckdb"), "Path of the built DuckDB database the app reads."),
    Setting("LPIP_DATA_DIR", str(PROJECT_ROOT / "data"), "Folder holding datapackage.json and the source CSVs."),
    Setting("LPIP_GEO_DIR", str(PROJECT_ROOT / "data" / "geo"), "Folder holding the boundary GeoJSON layers (itl1, lad, cauth)."),
    Setting("LPIP_MODE", "public", "'public' hides restricted evidence; 'research' shows it."),
    Setting("LPIP_ERROR_DETAILS", "none", "What an uncaught error shows in the browser: 'none' (a short message; "
            "for a public server), or 'type', 'stacktrace' or 'full' (for development)."),
)
# Streamlit's client.showErrorDetails values, least revealing first.
ERROR_DETAILS = ("none", "type", "stacktrace", "full")


@dataclass(frozen=True)
class Settings:
    db_path: Path
    data_dir: Path
    geo_dir: Path
    mode: str
    error_details: str = "none"

    @property
    def is_research(self) -> bool:
        return self.mode == "research"


def settings(environ: dict[str, str] | None = None) -> Settings:
    """Return the settings from `environ` (default: the process environment)."""
    env = os.environ if environ is None else environ
    value = {s.name: env.get(s.name) or s.default for s in SETTINGS}
    mode = value["LPIP_MODE"] if value["LPIP_MODE"] in ("public", "research") else "public"
    details = value["LPIP_ERROR_DETAILS"].strip().lower()
    return Settings(
        db_path=Path(value["LPIP_DB"]),
        data_dir=Path(value["LPIP_DATA_DIR"]),
        geo_dir=Path(value["LPIP_GEO_DIR"]),
        mode=mode,
        error_details=details if details in ERROR_DETAILS else "none",  # an unknown value reveals nothing
    )
