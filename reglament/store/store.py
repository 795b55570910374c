"""The registry's system of record: documents, their numbers, obligations and processed events (DESIGN §9)."""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import json
import string
import threading
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.pool import ConnectionPoolEntry

from reglament.domain import ClauseRef, Document, NewDocument, Obligation, ObligationStatus
from reglament.store import errors
from reglament.store import migrate as schema_migrations
from reglament.store.schema import (
    audit_log,
    documents,
    idempotency,
    journal_counters,
    obligations,
    processed_events,
)

REGISTER_SCOPE = "register"
MAX_PAGE_SIZE = 1000
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Small on purpose: the PostgreSQL server is shared by the three services and by tests.
PG_POOL_SIZE = 10
PG_MAX_OVERFLOW = 10


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


class Store:
    """Synchronous and thread-safe; every public method is one transaction."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._dialect = engine.dialect.name
        insert = postgresql.insert if self._dialect == "postgresql" else sqlite.insert
        # Built once and executed with parameters: building a statement from values costs more than
        # running it.
        self._claim_request = (
            insert(idempotency)
            .on_conflict_do_nothing(index_elements=["scope", "request_id"])
            .returning(idempotency.c.request_id)
        )
        self._next_seq = (
            insert(journal_counters)
            .on_conflict_do_update(
                index_elements=["reglament", "journal", "year"],
                set_={"last_seq": journal_counters.c.last_seq + 1},
            )
            .returning(journal_counters.c.last_seq)
        )
        self._claim_event = (
            insert(processed_events)
            .on_conflict_do_nothing(index_elements=["consumer", "event_id"])
            .returning(processed_events.c.event_id)
        )
        self._insert_new_obligations = (
            insert(obligations).on_conflict_do_nothing(index_elements=["id"]).returning(obligations.c.id)
        )
        # SQLite has one writer at a time anyway; queueing writers here keeps them off the busy-wait
        # loop. BEGIN IMMEDIATE still serialises writers of other processes on the same file.
        self._write_lock: contextlib.AbstractContextManager[Any] = (
            threading.Lock() if self._dialect == "sqlite" else contextlib.nullcontext()
        )

    # -- lifecycle -------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        """Open `sqlite:///path/to/file.db` or `postgresql+psycopg://...`; migrate to head by default."""
        engine = _create_engine(url)
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

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self._dialect

    # -- documents -------------------------------------------------------------------------------

    def register_document(
        self,
        new: NewDocument,
        *,
        request_id: str | None = None,
        actor: str = "system",
        number_format: str = "{seq}",
    ) -> tuple[Document, bool]:
        """Number and store `new`; `(document, True)`, or `(the first document, False)` for a seen request id.

        `number_format` is a format string with `{seq}` and optionally `{year}`, e.g. "{seq}-р".
        The number is the next in (reglament, journal, year of registration): the counter row is
        incremented in the same transaction as the insert, so numbers have no gaps and no duplicates.
        """
        _validate_new_document(new)
        _validate_number_format(number_format)
        if request_id is not None:
            _check_text("request_id", request_id, idempotency.c.request_id)
        _check_text("actor", actor, audit_log.c.actor)

        with self._write() as conn:
            return self._register_in(conn, new, request_id, actor, number_format)

    def register_documents(
        self, items: Sequence[tuple[NewDocument, str | None, str]], *, actor: str = "system"
    ) -> list[tuple[Document, bool] | Exception]:
        """`register_document` for several documents in ONE transaction (group commit): each item is
        (new, request_id, number_format); the result for an item that fails validation is its
        exception, and it writes nothing. Numbers stay gapless: all or none of the batch commits."""
        _check_text("actor", actor, audit_log.c.actor)
        results: dict[int, tuple[Document, bool] | Exception] = {}
        for i, (new, request_id, number_format) in enumerate(items):
            try:
                _validate_new_document(new)
                _validate_number_format(number_format)
                if request_id is not None:
                    _check_text("request_id", request_id, idempotency.c.request_id)
            except errors.StoreError as exc:
                results[i] = exc
        valid = [i for i in range(len(items)) if i not in results]
        if valid:
            with self._write() as conn:
                for i in valid:
                    new, request_id, number_format = items[i]
                    results[i] = self._register_in(conn, new, request_id, actor, number_format)
        return [results[i] for i in range(len(items))]

    def _register_in(
        self, conn: sa.Connection, new: NewDocument, request_id: str | None, actor: str, number_format: str
    ) -> tuple[Document, bool]:
        document_id = uuid.uuid4().hex
        now = _utcnow()
        year = new.registered.year
        if request_id is not None:
            claimed = conn.execute(
                self._claim_request,
                {"scope": REGISTER_SCOPE, "request_id": request_id, "result_id": document_id, "created_at": now},
            ).first()
            if claimed is None:
                first = conn.execute(
                    sa.select(documents)
                    .join(idempotency, idempotency.c.result_id == documents.c.id)
                    .where(idempotency.c.scope == REGISTER_SCOPE, idempotency.c.request_id == request_id)
                ).one()
                return _document(first), False

        seq = conn.execute(
            self._next_seq, {"reglament": new.reglament, "journal": new.journal, "year": year, "last_seq": 1}
        ).scalar_one()
        number = number_format.format(seq=seq, year=year)
        _check_text("number", number, documents.c.number)

        document = Document(
            id=document_id,
            reglament=new.reglament,
            kind=new.kind,
            journal=new.journal,
            number=number,
            title=new.title,
            correspondent=new.correspondent,
            received=new.received,
            registered=new.registered,
            due_date=new.due_date,
            urgent=new.urgent,
            for_information=new.for_information,
            restricted=new.restricted,
            simple=new.simple,
            executors=tuple(new.executors),
            attributes=dict(new.attributes),
            created_at=now,
            signed=new.signed,
            seq=seq,
        )
        conn.execute(sa.insert(documents), _document_row(document, year=year))
        conn.execute(
            sa.insert(audit_log),
            {
                "subject_id": document_id,
                "actor": actor,
                "at": now,
                "action": "document.registered",
                "reason": "",
                "data": {"journal": new.journal, "number": number, "request_id": request_id},
            },
        )
        return document, True

    def get_document(self, document_id: str) -> Document | None:
        with self._read() as conn:
            row = conn.execute(sa.select(documents).where(documents.c.id == document_id)).first()
        return None if row is None else _document(row)

    def list_documents(
        self,
        *,
        reglament: str | None = None,
        journal: str | None = None,
        kind: str | None = None,
        page_size: int = 50,
        page_token: str | None = None,
    ) -> tuple[list[Document], str | None]:
        """Documents in order of (registered, id); the token, when not None, fetches the next page."""
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise errors.InvalidArgument("page_size", f"must be between 1 and {MAX_PAGE_SIZE}")
        query = sa.select(documents)
        if reglament is not None:
            query = query.where(documents.c.reglament == reglament)
        if journal is not None:
            query = query.where(documents.c.journal == journal)
        if kind is not None:
            query = query.where(documents.c.kind == kind)
        if page_token:
            after_registered, after_id = _decode_page_token(page_token)
            query = query.where(
                sa.tuple_(documents.c.registered, documents.c.id) > sa.tuple_(after_registered, after_id)
            )
        query = query.order_by(documents.c.registered, documents.c.id).limit(page_size + 1)
        with self._read() as conn:
            rows = conn.execute(query).all()
        page = [_document(row) for row in rows[:page_size]]
        next_token = _encode_page_token(page[-1]) if len(rows) > page_size else None
        return page, next_token

    def count_documents(self) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one())

    # -- obligations -----------------------------------------------------------------------------

    def store_obligations(self, consumer: str, event_id: str, obligations_: Sequence[Obligation]) -> int:
        """Store the obligations an event carries, once per (consumer, event); returns how many were new.

        One transaction: the event is recorded as processed together with its effect, so a redelivered
        event changes nothing, and an obligation id already stored (from another event) is skipped.
        Raises NotFound, writing nothing, when an obligation's subject is not a stored document.
        """
        return self.store_obligations_batch(consumer, [(event_id, obligations_)])[event_id]

    def store_obligations_batch(
        self, consumer: str, events: Sequence[tuple[str, Sequence[Obligation]]]
    ) -> dict[str, int]:
        """`store_obligations` for a consumer's fetched batch of events in one transaction (one commit).

        Returns event id -> obligations it added (0 for an event processed before). An obligation that
        two events of the batch carry counts for the first. Raises NotFound, writing nothing, when any
        subject is not a stored document; the consumer can then handle the events one by one.
        """
        _check_text("consumer", consumer, processed_events.c.consumer)
        now = _utcnow()
        carried: dict[str, list[str]] = {}  # event id -> ids of the obligations it brings first
        unique: dict[str, Obligation] = {}
        for event_id, obligations_ in events:
            _check_text("event_id", event_id, processed_events.c.event_id)
            mine = carried.setdefault(event_id, [])
            for obligation in obligations_:
                if obligation.id not in unique:
                    unique[obligation.id] = obligation
                    mine.append(obligation.id)
        rows = {key: _obligation_row(obligation, now) for key, obligation in unique.items()}
        result = dict.fromkeys(carried, 0)
        if not carried:
            return result

        with self._write() as conn:
            # Sorted, so that concurrent transactions with overlapping keys take row locks in one
            # order (PostgreSQL would otherwise be free to deadlock them).
            claims = [{"consumer": consumer, "event_id": event_id, "processed_at": now} for event_id in sorted(carried)]
            claimed = set(conn.execute(self._claim_event, claims).scalars())
            wanted = sorted(key for event_id in claimed for key in carried[event_id])
            if not wanted:
                return result
            subjects = {rows[key]["document_id"] for key in wanted}
            known = set(conn.execute(sa.select(documents.c.id).where(documents.c.id.in_(subjects))).scalars())
            missing = sorted(subjects - known)
            if missing:
                raise errors.NotFound(f"obligations refer to documents that are not stored: {missing}")
            inserted = set(conn.execute(self._insert_new_obligations, [rows[key] for key in wanted]).scalars())
        for event_id in claimed:
            result[event_id] = sum(key in inserted for key in carried[event_id])
        return result

    def obligations_for(self, document_id: str) -> list[Obligation]:
        with self._read() as conn:
            rows = conn.execute(
                sa.select(obligations)
                .where(obligations.c.document_id == document_id)
                .order_by(obligations.c.due, obligations.c.id)
            ).all()
        return [_obligation(row) for row in rows]

    def count_obligations(self) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(obligations)).scalar_one())

    # -- processed events ------------------------------------------------------------------------

    def already_processed(self, consumer: str, event_id: str) -> bool:
        with self._read() as conn:
            row = conn.execute(
                sa.select(processed_events.c.event_id).where(
                    processed_events.c.consumer == consumer, processed_events.c.event_id == event_id
                )
            ).first()
        return row is not None

    def mark_processed(self, consumer: str, event_id: str) -> bool:
        """Record the event as processed; False when it already was."""
        _check_text("consumer", consumer, processed_events.c.consumer)
        _check_text("event_id", event_id, processed_events.c.event_id)
        with self._write() as conn:
            claimed = conn.execute(
                self._claim_event, {"consumer": consumer, "event_id": event_id, "processed_at": _utcnow()}
            ).first()
        return claimed is not None

    # -- audit -----------------------------------------------------------------------------------

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
                at=_aware(row.at),
                action=row.action,
                reason=row.reason,
                data=dict(row.data),
            )
            for row in rows
        ]

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


# -- engines -------------------------------------------------------------------------------------


def _create_engine(url: str) -> sa.Engine:
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


# -- rows <-> records ----------------------------------------------------------------------------


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives timestamps back without their zone; the store writes them in UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _document_row(document: Document, *, year: int) -> dict[str, Any]:
    return {
        "id": document.id,
        "reglament": document.reglament,
        "kind": document.kind,
        "journal": document.journal,
        "year": year,
        "seq": document.seq,
        "number": document.number,
        "title": document.title,
        "correspondent": document.correspondent,
        "received": document.received,
        "registered": document.registered,
        "signed": document.signed,
        "due_date": document.due_date,
        "urgent": document.urgent,
        "for_information": document.for_information,
        "restricted": document.restricted,
        "simple": document.simple,
        "executors": list(document.executors),
        "attributes": dict(document.attributes),
        "created_at": document.created_at,
    }


def _document(row: sa.Row[Any]) -> Document:
    return Document(
        id=row.id,
        reglament=row.reglament,
        kind=row.kind,
        journal=row.journal,
        number=row.number,
        title=row.title,
        correspondent=row.correspondent,
        received=row.received,
        registered=row.registered,
        due_date=row.due_date,
        urgent=bool(row.urgent),
        for_information=bool(row.for_information),
        restricted=bool(row.restricted),
        simple=bool(row.simple),
        executors=tuple(row.executors),
        attributes=dict(row.attributes),
        created_at=_aware(row.created_at),
        signed=row.signed,
        seq=row.seq,
    )


def _due_text(due: dt.date | dt.datetime) -> str:
    # Aware datetimes are kept in UTC so that the text order of `due` is the order in time.
    if isinstance(due, dt.datetime) and due.tzinfo is not None:
        due = due.astimezone(dt.UTC)
    return due.isoformat()


def _due_value(text: str) -> dt.date | dt.datetime:
    return dt.date.fromisoformat(text) if len(text) == len("2024-01-31") else dt.datetime.fromisoformat(text)


def _obligation_row(obligation: Obligation, now: dt.datetime) -> dict[str, Any]:
    if not isinstance(obligation.due, dt.date):
        raise errors.InvalidArgument("due", f"obligation {obligation.id}: a date or datetime is required")
    try:
        status = ObligationStatus(obligation.status)
    except ValueError as exc:
        raise errors.InvalidArgument("status", f"obligation {obligation.id}: {exc}") from exc
    row = {
        "id": obligation.id,
        "document_id": obligation.subject_id,
        "reglament": obligation.ref.reglament,
        "clause": obligation.ref.clause,
        "quote": obligation.ref.quote,
        "interpretation": obligation.ref.interpretation,
        "bearer": obligation.bearer,
        "action": obligation.action,
        "due": _due_text(obligation.due),
        "explanation": list(obligation.explanation),
        "status": status.value,
        "created_at": now,
        "updated_at": now,
    }
    for name in ("id", "document_id", "reglament", "clause", "bearer", "action"):
        _check_text(name, row[name], obligations.c[name])
    for name in ("quote", "interpretation"):
        _check_text(name, row[name], obligations.c[name], required=False)
    return row


def _obligation(row: sa.Row[Any]) -> Obligation:
    return Obligation(
        id=row.id,
        ref=ClauseRef(reglament=row.reglament, clause=row.clause, quote=row.quote, interpretation=row.interpretation),
        subject_id=row.document_id,
        bearer=row.bearer,
        action=row.action,
        due=_due_value(row.due),
        explanation=tuple(row.explanation),
        status=ObligationStatus(row.status),
    )


# -- validation ----------------------------------------------------------------------------------


def _check_text(name: str, value: object, column: sa.Column[Any], *, required: bool = True) -> None:
    """Strings must fit their column: PostgreSQL would refuse them, SQLite would silently keep them."""
    if not isinstance(value, str):
        raise errors.InvalidArgument(name, "must be a string")
    if required and not value:
        raise errors.InvalidArgument(name, "must not be empty")
    length = getattr(column.type, "length", None)
    if length is not None and len(value) > length:
        raise errors.InvalidArgument(name, f"longer than {length} characters")


def _validate_new_document(new: NewDocument) -> None:
    for name in ("reglament", "kind", "journal"):
        _check_text(name, getattr(new, name), documents.c[name])
    for name in ("title", "correspondent"):
        _check_text(name, getattr(new, name), documents.c[name], required=False)
    if not isinstance(new.registered, dt.date) or isinstance(new.registered, dt.datetime):
        raise errors.InvalidArgument("registered", "must be a date")
    for name in ("received", "signed", "due_date"):
        value = getattr(new, name)
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise errors.InvalidArgument(name, "must be a date or None")
    for name in ("urgent", "for_information", "restricted", "simple"):
        if not isinstance(getattr(new, name), bool):
            raise errors.InvalidArgument(name, "must be a boolean")
    if isinstance(new.executors, str) or not all(isinstance(e, str) and e for e in new.executors):
        raise errors.InvalidArgument("executors", "must be a sequence of non-empty strings")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in new.attributes.items()):
        raise errors.InvalidArgument("attributes", "keys and values must be strings")


def _validate_number_format(number_format: str) -> None:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(number_format) if name is not None}
        number_format.format(seq=1, year=2000)
    except (ValueError, KeyError, IndexError, AttributeError) as exc:
        raise errors.InvalidArgument("number_format", str(exc)) from exc
    if "seq" not in fields or not fields <= {"seq", "year"}:
        raise errors.InvalidArgument("number_format", "must use {seq} and may use {year}, nothing else")


def _encode_page_token(last: Document) -> str:
    raw = json.dumps([last.registered.isoformat(), last.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_page_token(token: str) -> tuple[dt.date, str]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        registered, document_id = json.loads(raw)
        return dt.date.fromisoformat(registered), str(document_id)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise errors.InvalidArgument("page_token", "not a token this store issued") from exc
