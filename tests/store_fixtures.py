"""Fixtures giving each store test a fresh SQLite file and PostgreSQL schema (PYTEST_DONT_REWRITE: no asserts)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from reglament.store import NewDocument, Store

PG_URL_ENV = "REGLAMENT_TEST_PG_URL"
PG_DEFAULT_URLS = (
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "postgresql+psycopg://root@127.0.0.1:5432/test",
)
PG_CONNECT_TIMEOUT_S = 3

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def _reachable_pg_url() -> tuple[str | None, str]:
    """The first PostgreSQL URL that accepts a connection, or None and why none did."""
    candidates = (os.environ[PG_URL_ENV],) if os.environ.get(PG_URL_ENV) else PG_DEFAULT_URLS
    reasons = []
    for candidate in candidates:
        engine = sa.create_engine(candidate, connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S})
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            return candidate, ""
        except sa.exc.SQLAlchemyError as exc:
            reasons.append(
                f"{sa.make_url(candidate).render_as_string()}: {type(getattr(exc, 'orig', None) or exc).__name__}"
            )
        finally:
            engine.dispose()
    return None, "; ".join(reasons)


@pytest.fixture(scope="session")
def pg_base_url() -> str:
    url, reason = _reachable_pg_url()
    if url is None:
        pytest.skip(f"PostgreSQL is not reachable (set {PG_URL_ENV}), so this test is skipped: {reason}")
    return url


@pytest.fixture
def pg_schema_url(pg_base_url: str) -> Iterator[str]:
    """A URL whose connections see only a schema made for this test; the schema is dropped afterwards."""
    schema = f"store_test_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(pg_base_url)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        url = sa.make_url(pg_base_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty database, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'run' / 'registry.db'}"
    return str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store.open(store_url)
    try:
        yield opened
    finally:
        opened.close()


def new_document(**changes: Any) -> NewDocument:
    """An incoming letter registered on 05.03.2024, with `changes` applied."""
    registered = changes.get("registered", dt.date(2024, 3, 5))
    values: dict[str, Any] = {
        "reglament": "vinnytsia-2020",
        "kind": "incoming",
        "journal": "incoming",
        "title": "Про ремонт покрівлі будинку на вул. Соборній, 12",
        "correspondent": "ОСББ «Соборна 12»",
        "received": registered - dt.timedelta(days=1),
        "registered": registered,
    }
    values.update(changes)
    return NewDocument(**values)
