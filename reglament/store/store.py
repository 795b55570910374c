"""The registry's system of record: documents, their numbers, control, obligations, events, audit (DESIGN §9).

The Store is one class made of parts, each in its own module: registration and listing
(`documents`), obligations and processed events (`obligations`), control of execution and the control
report (`control`); transactions, audit, idempotency and the outbox live in `base`.
"""

from __future__ import annotations

import sqlalchemy as sa

from reglament.domain import NewDocument
from reglament.store import errors
from reglament.store import migrate as schema_migrations
from reglament.store.base import AuditEntry, DocumentState, ObligationChange, OutboxEvent, Settlement
from reglament.store.control import ControlMixin, ControlStep
from reglament.store.documents import MAX_PAGE_SIZE, REGISTER_SCOPE, DocumentFilter, DocumentsMixin, Registration
from reglament.store.engines import PG_MAX_OVERFLOW, PG_POOL_SIZE, SQLITE_BUSY_TIMEOUT_MS, create_engine

__all__ = [
    "MAX_PAGE_SIZE",
    "PG_MAX_OVERFLOW",
    "PG_POOL_SIZE",
    "REGISTER_SCOPE",
    "SQLITE_BUSY_TIMEOUT_MS",
    "AuditEntry",
    "ControlStep",
    "DocumentFilter",
    "DocumentState",
    "NewDocument",
    "ObligationChange",
    "OutboxEvent",
    "Registration",
    "Settlement",
    "Store",
]


class Store(DocumentsMixin, ControlMixin):
    """Synchronous and thread-safe; every public method is one transaction."""

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        """Open `sqlite:///path/to/file.db` or `postgresql+psycopg://...`; migrate to head by default."""
        engine = create_engine(url)
        try:
            if migrate:
                schema_migrations.upgrade(engine)
            else:
                with engine.connect() as connection:
                    current = schema_migrations.current_revision(connection)
                head = schema_migrations.head_revision()
                if current != head:
                    raise errors.SchemaOutOfDate(f"database is at revision {current}, the code expects {head}")
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def __init__(self, engine: sa.Engine) -> None:
        super().__init__(engine)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
