"""SQLAlchemy engines for the two backends: SQLite (a file, WAL, immediate write transactions) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.pool import ConnectionPoolEntry

from reglament.store import errors

SQLITE_BUSY_TIMEOUT_MS = 30_000
# Small on purpose: the PostgreSQL server is shared by the three services and by tests.
PG_POOL_SIZE = 10
PG_MAX_OVERFLOW = 10


def create_engine(url: str) -> sa.Engine:
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise errors.InvalidArgument("url", str(exc)) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _create_sqlite_engine(parsed)
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return sa.create_engine(parsed, pool_size=PG_POOL_SIZE, max_overflow=PG_MAX_OVERFLOW, pool_pre_ping=True)
    raise errors.InvalidArgument("url", f"unsupported database {backend!r}: use sqlite:/// or postgresql+psycopg://")


def _create_sqlite_engine(url: sa.URL) -> sa.Engine:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        raise errors.InvalidArgument("url", "an in-memory SQLite database is private to one connection; use a file")
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, pool_size=5, max_overflow=20)

    @sa.event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # The sqlite3 module's own transaction handling would begin DEFERRED transactions behind our
        # back; we switch it off and emit BEGIN ourselves (see _begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            # In WAL mode NORMAL loses no committed transaction when the process dies, only on power loss.
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        # IMMEDIATE takes the write lock at BEGIN, so a read-then-write transaction never fails
        # half-way with SQLITE_BUSY; reads stay DEFERRED and do not block anyone in WAL mode.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
