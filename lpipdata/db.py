"""The only place that opens the database, and the one way queries run."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd

BUILD_COMMAND = "python -m lpipdata build"
PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class DatabaseMissing(RuntimeError):
    """The database file is absent or unreadable; the message says how to build it."""


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the built database read-only.

    Each call makes its own in-memory DuckDB instance that attaches the file. Connecting to
    the path directly would reuse DuckDB's per-process instance, still open on the old file
    after a rebuild replaced it, and the app would go on showing the old data.
    """
    if not path.exists():
        raise DatabaseMissing(f"No database at {path}. Build it from data/ with `{BUILD_COMMAND}` (or `make run`).")
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH $path AS lpip (READ_ONLY)", {"path": str(path)})
        con.execute("USE lpip")
    except duckdb.Error as err:
        con.close()
        raise DatabaseMissing(f"Cannot open {path} ({err}). Rebuild it with `{BUILD_COMMAND}`.") from err
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for this thread (a connection is not thread-safe), on the attached database."""
    cur = con.cursor()
    cur.execute("USE lpip")
    return cur


def version(path: Path) -> str:
    """Changes whenever the file is rebuilt; cache keys include it."""
    stat = path.stat()
    return f"{stat.st_mtime_ns}-{stat.st_size}"


def run(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> pd.DataFrame:
    """Run one parameterised statement on its own cursor, passing only the parameters it names."""
    wanted = set(PARAM.findall(sql))
    given = {k: v for k, v in (params or {}).items() if k in wanted}
    missing = wanted - set(given)
    if missing:
        raise KeyError(f"query needs parameters: {', '.join(sorted(missing))}")
    return cursor(con).execute(sql, given).df()
