"""What every part of the store shares: the engine, transactions, the audit log, idempotency, the outbox."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from reglament.domain import ControlStatus, Obligation, ObligationStatus
from reglament.events.outbox import Outbox, OutboxEvent, PendingEvent
from reglament.store import errors
from reglament.store.rows import aware, check_text, utcnow
from reglament.store.schema import audit_log, idempotency, outbox


@dataclass(frozen=True)
class AuditEntry:
    """One row of the append-only audit log."""

    id: int
    subject_id: str
    actor: str
    at: dt.datetime
    action: str
    reason: str
    data: dict[str, Any]


@dataclass(frozen=True)
class DocumentState:
    """What decides how a document's obligations are settled (see Settle)."""

    document_id: str
    reglament: str
    kind: str
    registered: dt.date
    control_status: ControlStatus
    put_on: dt.date | None = None
    executed_on: dt.date | None = None
    removed_on: dt.date | None = None
    not_considered_under: str = ""
    answered_on: dt.date | None = None  # the first outgoing document registered `answer_to` it


@dataclass(frozen=True)
class Settlement:
    """A status the registry itself gives an obligation, why, and the event that says so."""

    status: ObligationStatus
    reason: str
    clause: str = ""
    event: OutboxEvent | None = None


Settle = Callable[[Obligation, DocumentState], "Settlement | None"]
"""Decides, inside the storing transaction, whether an open obligation is already settled by what the
document's record says (registered, put on control, executed, not considered)."""


@dataclass(frozen=True)
class ObligationChange:
    """A status or term change of an obligation, as an event brings it."""

    event_id: str
    obligation_id: str
    document_id: str
    status: ObligationStatus | None = None  # None for a term change
    new_due: dt.date | dt.datetime | None = None  # for a term change
    actor: str = ""
    reason: str = ""
    clause: str = ""
    data: dict[str, Any] = field(default_factory=dict)


class StoreBase:
    """Synchronous and thread-safe; every public method is one transaction."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._dialect = engine.dialect.name
        self._insert = postgresql.insert if self._dialect == "postgresql" else sqlite.insert
        # Built once and executed with parameters: building a statement from values costs more than
        # running it.
        self._claim_request = (
            self._insert(idempotency)
            .on_conflict_do_nothing(index_elements=["scope", "request_id"])
            .returning(idempotency.c.request_id)
        )
        # SQLite has one writer at a time anyway; queueing writers here keeps them off the busy-wait
        # loop. BEGIN IMMEDIATE still serialises writers of other processes on the same file.
        self._write_lock: contextlib.AbstractContextManager[Any] = (
            threading.Lock() if self._dialect == "sqlite" else contextlib.nullcontext()
        )
        self.outbox = Outbox(outbox, engine, self._write)  # the registry's events (reglament.events.outbox)

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self._dialect

    # -- transactions ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """A write transaction: committed when the block ends, rolled back on an exception."""
        with self._write_lock, self._engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self._engine.connect() as conn, conn.begin():
            yield conn

    def write(self) -> contextlib.AbstractContextManager[sa.Connection]:
        """A write transaction on this database, for a service's own tables (its store wraps this one)."""
        return self._write()

    def read(self) -> contextlib.AbstractContextManager[sa.Connection]:
        """A read transaction on this database, for a service's own tables."""
        return self._read()

    def _for_update(self, query: sa.Select[Any]) -> sa.Select[Any]:
        """Row locks on PostgreSQL; SQLite's write transaction already excludes every other writer."""
        return query.with_for_update() if self._dialect == "postgresql" else query

    # -- audit -----------------------------------------------------------------------------------

    def _audit(
        self,
        conn: sa.Connection,
        subject_id: str,
        actor: str,
        action: str,
        *,
        reason: str = "",
        data: dict[str, Any] | None = None,
        at: dt.datetime | None = None,
    ) -> None:
        conn.execute(
            sa.insert(audit_log),
            {
                "subject_id": subject_id,
                "actor": actor,
                "at": at or utcnow(),
                "action": action,
                "reason": reason,
                "data": data or {},
            },
        )

    def audit_for(self, subject_id: str) -> list[AuditEntry]:
        with self._read() as conn:
            rows = conn.execute(
                sa.select(audit_log).where(audit_log.c.subject_id == subject_id).order_by(audit_log.c.id)
            ).all()
        return [
            AuditEntry(
                id=row.id,
                subject_id=row.subject_id,
                actor=row.actor,
                at=aware(row.at),
                action=row.action,
                reason=row.reason,
                data=dict(row.data),
            )
            for row in rows
        ]

    # -- idempotency -----------------------------------------------------------------------------

    def _claim(
        self, conn: sa.Connection, scope: str, request_id: str, result_id: str, fingerprint: str | None = None
    ) -> str | None:
        """Claims `request_id` in `scope` for `result_id`; None if claimed now, else the first result's id.

        With a `fingerprint` (of the request), a request id first used with another request is an
        InvalidArgument naming `request_id`; nothing is written then."""
        check_text("request_id", request_id, idempotency.c.request_id)
        claimed = conn.execute(
            self._claim_request,
            {
                "scope": scope,
                "request_id": request_id,
                "result_id": result_id,
                "created_at": utcnow(),
                "fingerprint": fingerprint,
            },
        ).first()
        if claimed is not None:
            return None
        first = conn.execute(
            sa.select(idempotency.c.result_id, idempotency.c.fingerprint).where(
                idempotency.c.scope == scope, idempotency.c.request_id == request_id
            )
        ).one()
        if fingerprint is not None and first.fingerprint is not None and first.fingerprint != fingerprint:
            raise errors.InvalidArgument(
                "request_id", f"was already used for a different request ({first.result_id}); use a new request id"
            )
        return str(first.result_id)

    def seen_request(self, scope: str, request_id: str) -> str | None:
        """The result id of a request already handled in `scope`, or None."""
        with self._read() as conn:
            row = conn.execute(
                sa.select(idempotency.c.result_id).where(
                    idempotency.c.scope == scope, idempotency.c.request_id == request_id
                )
            ).first()
        return None if row is None else str(row.result_id)

    # -- outbox (reglament.events.outbox) ---------------------------------------------------------

    def _put_in_outbox(self, conn: sa.Connection, events: Sequence[OutboxEvent]) -> None:
        self.outbox.put(conn, events)

    def enqueue(self, events: Sequence[OutboxEvent]) -> None:
        """Puts events in the outbox in a transaction of their own (a change writes its events with itself)."""
        self.outbox.enqueue(events)

    def unpublished(self, limit: int = 500) -> list[PendingEvent]:
        """Events committed but not yet published, oldest first: (outbox id, event) pairs."""
        return self.outbox.unpublished(limit)

    def mark_published(self, ids: Sequence[int]) -> None:
        self.outbox.mark_published(ids)

    def count_unpublished(self) -> int:
        return self.outbox.count_unpublished()


def expect(condition: bool, message: str) -> None:
    """A step out of order: raise Conflict (the services answer FAILED_PRECONDITION)."""
    if not condition:
        raise errors.Conflict(message)
