"""Caching at two boundaries: one read-only connection per database version, and query results.

Cache keys include the database file's version (mtime and size), so a rebuild shows up
on the next rerun without restarting the server or clearing anything.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import streamlit as st

from lpipdata import db
from lpipdata.config import settings


def database_path() -> Path:
    return settings().db_path


def database_key() -> tuple[str, str]:
    """(path, version) of the database: the first arguments of every resource cached per database
    version, so that a rebuild starts it afresh."""
    path = database_path()
    return str(path), db.version(path)


def require_database() -> str:
    """The database version; stops the page with build instructions when it is missing."""
    path = database_path()
    try:
        connection(str(path), db.version(path))
        return db.version(path)
    except (db.DatabaseMissing, FileNotFoundError) as err:
        st.error(str(err) if isinstance(err, db.DatabaseMissing) else f"No database at {path}.")
        st.markdown("Build it from the CSVs in `data/`, then reload this page:")
        st.code(f"{db.BUILD_COMMAND}\n# or, to set up, build and serve in one step:\nmake run", language="bash")
        st.stop()


@st.cache_resource(max_entries=2, show_spinner=False, on_release=lambda con: con.close())
def connection(path: str, version: str):
    return db.connect(Path(path))


def fetch(function, *args, **kwargs):
    """Call a lpipdata query or computation with the database connection, cached on its arguments.

    `function` is any function from lpipdata whose first parameter is the connection; it is
    looked up by module and name so the cache key stays small and stable.
    """
    return _cached(function.__module__, function.__qualname__, *database_key(), args, tuple(sorted(kwargs.items())))


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(module: str, name: str, path: str, version: str, args: tuple, kwargs: tuple):
    function = getattr(importlib.import_module(module), name)
    return function(connection(path, version), *args, **dict(kwargs))
