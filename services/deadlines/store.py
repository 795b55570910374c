"""The deadlines service's own tables: tracked obligations, their status history, term changes,
substitutions, scheduler state and the outbox (reglament/store/schema.py, migration 0003).

Every method is one transaction. A status change, a term change and the event that announces it are
written together; the event is published afterwards and marked published, so a process that dies in
between publishes it on its next start (JetStream drops the duplicate by its Nats-Msg-Id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from reglament.domain import ClauseRef, ObligationStatus
from reglament.events import subjects
from reglament.events.envelope import deterministic_id
from reglament.events.outbox import Outbox, OutboxEvent, PendingEvent
from reglament.legaltime.clock import KYIV
from reglament.legaltime.extension import Capacity, Substitution
from reglament.legaltime.tracking import OPEN_STATUSES, TermSetter, TrackedObligation, fulfilled_late, late_reason
from reglament.store.rows import aware, decode_page_token, encode_page_token, utcnow
from reglament.store.schema import (
    deadline_obligations,
    deadline_outbox,
    deadline_state,
    deadline_status_changes,
    deadline_substitutions,
    deadline_term_changes,
)
from reglament.store.store import Store

MAX_PAGE = 500


class StaleObligation(Exception):
    """The obligation changed between reading it and writing the change (a concurrent change)."""


@dataclass(frozen=True)
class StatusChangeRecord:
    obligation_id: str
    status: ObligationStatus
    term_version: int
    clock: dt.datetime
    recorded_at: dt.datetime
    event_id: str
    reason: str


@dataclass(frozen=True)
class TermChangeRecord:
    obligation_id: str
    request_id: str | None
    term_version: int
    previous_due: dt.date | dt.datetime
    new_due: dt.date | dt.datetime
    requested_due: dt.date | dt.datetime
    actor: str
    actor_role: str
    capacity: Capacity
    requested_by: str
    reason: str
    basis: str
    requested_on: dt.date
    authority: str
    clauses: tuple[ClauseRef, ...]
    explanation: tuple[str, ...]
    event_id: str
    at: dt.datetime


@dataclass(frozen=True)
class Transition:
    """A status change the scheduler decided, with the event that announces it."""

    obligation_id: str
    from_status: ObligationStatus
    to_status: ObligationStatus
    term_version: int
    clock: dt.datetime
    reason: str
    event_id: str
    subject: str
    payload: bytes


# -- values <-> columns ------------------------------------------------------------------------------


def due_text(value: dt.date | dt.datetime) -> str:
    """ISO date, or a naive Kyiv datetime (aware values are converted to Kyiv time)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(KYIV).replace(tzinfo=None)
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def due_value(text: str) -> dt.date | dt.datetime:
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def facts_json(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Facts as JSON: dates and datetimes tagged, so they read back as such."""
    out: dict[str, Any] = {}
    for name, value in facts.items():
        if isinstance(value, dt.datetime):
            out[name] = {"$datetime": value.isoformat()}
        elif isinstance(value, dt.date):
            out[name] = {"$date": value.isoformat()}
        elif isinstance(value, tuple):
            out[name] = list(value)
        else:
            out[name] = value
    return out


def facts_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, dict) and "$date" in value:
            out[name] = dt.date.fromisoformat(value["$date"])
        elif isinstance(value, dict) and "$datetime" in value:
            out[name] = dt.datetime.fromisoformat(value["$datetime"])
        else:
            out[name] = value
    return out


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value



def _row(ob: TrackedObligation, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": ob.id,
        "source": ob.source,
        "reglament": ob.reglament,
        "municipality": ob.municipality,
        "subject_id": ob.subject_id,
        "document_kind": ob.document_kind,
        "document_number": ob.document_number,
        "clause": ob.clause,
        "encoding_key": ob.key,
        "quote": ob.quote,
        "interpretation": ob.interpretation,
        "bearer": ob.bearer,
        "action": ob.action,
        "due": due_text(ob.due),
        "due_day": ob.due_day,
        "original_due": due_text(ob.original_due),
        "status": ob.status.value,
        "term_version": ob.term_version,
        "executors": list(ob.executors),
        "setter": ob.setter.to_json(),
        "facts": facts_json(ob.facts),
        "explanation": list(ob.explanation),
        "created_at": now,
        "updated_at": now,
        "due_soon_at": None,
        "violated_at": None,
        "closed_at": None,
    }


def _tracked(row: sa.Row[Any]) -> TrackedObligation:
    return TrackedObligation(
        id=row.id,
        source=row.source,
        reglament=row.reglament,
        municipality=row.municipality,
        subject_id=row.subject_id,
        document_kind=row.document_kind,
        document_number=row.document_number,
        clause=row.clause,
        key=row.encoding_key,
        quote=row.quote,
        interpretation=row.interpretation,
        bearer=row.bearer,
        action=row.action,
        due=due_value(row.due),
        original_due=due_value(row.original_due),
        status=ObligationStatus(row.status),
        term_version=row.term_version,
        executors=tuple(row.executors),
        setter=TermSetter.from_json(row.setter),
        facts=facts_from_json(row.facts),
        explanation=tuple(row.explanation),
        created_at=_aware(row.created_at),
        due_soon_at=_aware(row.due_soon_at),
        violated_at=_aware(row.violated_at),
        closed_at=_aware(row.closed_at),
    )


def _term_change(row: sa.Row[Any]) -> TermChangeRecord:
    return TermChangeRecord(
        obligation_id=row.obligation_id,
        request_id=row.request_id,
        term_version=row.term_version,
        previous_due=due_value(row.previous_due),
        new_due=due_value(row.new_due),
        requested_due=due_value(row.requested_due),
        actor=row.actor,
        actor_role=row.actor_role,
        capacity=Capacity(row.capacity),
        requested_by=row.requested_by,
        reason=row.reason,
        basis=row.basis,
        requested_on=row.requested_on,
        authority=row.authority,
        clauses=tuple(ClauseRef(**c) for c in row.clauses),
        explanation=tuple(row.explanation),
        event_id=row.event_id,
        at=_aware(row.at) or utcnow(),
    )


def _substitution(row: sa.Row[Any]) -> Substitution:
    return Substitution(
        reglament=row.reglament,
        absent_role=row.absent_role,
        absent_name=row.absent_name,
        substitute_role=row.substitute_role,
        substitute_name=row.substitute_name,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        basis=row.basis,
        id=row.id,
    )


class DeadlinesStore:
    """Synchronous and thread-safe; every public method is one transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._engine = store.engine
        dialect = self._engine.dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        self._insert_obligations = (
            insert(deadline_obligations)
            .on_conflict_do_nothing(index_elements=["id"])
            .returning(deadline_obligations.c.id)
        )
        self._write = store.write  # the store's transactions (and, on SQLite, its writers' queue)
        self._read = store.read
        self.outbox = Outbox(deadline_outbox, self._engine, self._write)  # (reglament.events.outbox)

    @classmethod
    def open(cls, url: str) -> DeadlinesStore:
        return cls(Store.open(url))

    def close(self) -> None:
        self._store.close()

    # -- tracking ----------------------------------------------------------------------------------

    def track(self, obligations: Sequence[TrackedObligation]) -> set[str]:
        """Start tracking the obligations not tracked yet; returns the ids that are new."""
        if not obligations:
            return set()
        now = utcnow()
        rows = {ob.id: _row(ob, now) for ob in obligations}
        with self._write() as conn:
            return set(conn.execute(self._insert_obligations, [rows[k] for k in sorted(rows)]).scalars())

    def known(self, ids: Sequence[str]) -> set[str]:
        """Which of these obligations are tracked already."""
        if not ids:
            return set()
        t = deadline_obligations
        with self._read() as conn:
            return set(conn.execute(sa.select(t.c.id).where(t.c.id.in_(sorted(set(ids))))).scalars())

    def subject_contexts(self, subject_ids: Sequence[str]) -> dict[str, TrackedObligation]:
        """For each document, one obligation tracked for it since its registration: what the service knows
        of the document (reglament, kind, number, executors, facts, setter). Documents never tracked are absent."""
        t = deadline_obligations
        out: dict[str, TrackedObligation] = {}
        if not subject_ids:
            return out
        with self._read() as conn:
            rows = conn.execute(
                sa.select(t).where(t.c.subject_id.in_(sorted(set(subject_ids)))).order_by(t.c.created_at, t.c.id)
            ).all()
        for row in rows:
            if row.subject_id not in out:
                out[row.subject_id] = _tracked(row)
        return out

    def get(self, obligation_id: str) -> TrackedObligation | None:
        with self._read() as conn:
            row = conn.execute(
                sa.select(deadline_obligations).where(deadline_obligations.c.id == obligation_id)
            ).first()
        return None if row is None else _tracked(row)

    def page(
        self,
        *,
        subject_id: str | None = None,
        reglament: str | None = None,
        status: ObligationStatus | None = None,
        page_size: int = 50,
        page_token: str | None = None,
    ) -> tuple[list[TrackedObligation], str | None]:
        t = deadline_obligations
        query = sa.select(t)
        if subject_id is not None:
            query = query.where(t.c.subject_id == subject_id)
        if reglament is not None:
            query = query.where(t.c.reglament == reglament)
        if status is not None:
            query = query.where(t.c.status == status.value)
        if page_token:
            day, after = decode_page_token(page_token)
            query = query.where(sa.tuple_(t.c.due_day, t.c.id) > sa.tuple_(day, after))
        query = query.order_by(t.c.due_day, t.c.id).limit(page_size + 1)
        with self._read() as conn:
            rows = conn.execute(query).all()
        page = [_tracked(r) for r in rows[:page_size]]
        token = encode_page_token([page[-1].due_day.isoformat(), page[-1].id]) if len(rows) > page_size else None
        return page, token

    def open_due_by(self, last_day: dt.date, subject_id: str | None = None) -> list[TrackedObligation]:
        """Open obligations due on or before `last_day` (the scheduler looks no further)."""
        t = deadline_obligations
        query = sa.select(t).where(t.c.status.in_([s.value for s in OPEN_STATUSES]), t.c.due_day <= last_day)
        if subject_id is not None:
            query = query.where(t.c.subject_id == subject_id)
        with self._read() as conn:
            rows = conn.execute(query.order_by(t.c.due_day, t.c.id)).all()
        return [_tracked(r) for r in rows]

    def for_period(self, reglament: str, first: dt.date, last: dt.date) -> list[TrackedObligation]:
        t = deadline_obligations
        query = sa.select(t).where(t.c.reglament == reglament, t.c.due_day >= first, t.c.due_day <= last)
        with self._read() as conn:
            rows = conn.execute(query.order_by(t.c.due_day, t.c.id)).all()
        return [_tracked(r) for r in rows]

    # -- the clock ---------------------------------------------------------------------------------

    def apply_transitions(self, transitions: Sequence[Transition]) -> list[Transition]:
        """Record each status change with its event, unless the obligation moved meanwhile (its
        status or term version differs from what the transition was decided on)."""
        applied: list[Transition] = []
        if not transitions:
            return applied
        now = utcnow()
        t = deadline_obligations
        stamp = {ObligationStatus.DUE_SOON: "due_soon_at", ObligationStatus.VIOLATED: "violated_at"}
        with self._write() as conn:
            for tr in transitions:
                values: dict[str, Any] = {"status": tr.to_status.value, "updated_at": now}
                if tr.to_status in stamp:
                    values[stamp[tr.to_status]] = aware(tr.clock)
                result = conn.execute(
                    sa.update(t)
                    .where(
                        t.c.id == tr.obligation_id,
                        t.c.status == tr.from_status.value,
                        t.c.term_version == tr.term_version,
                    )
                    .values(**values)
                )
                if result.rowcount != 1:
                    continue
                self._record_status(conn, tr, now)
                applied.append(tr)
        return applied

    def _record_status(self, conn: sa.Connection, tr: Transition, now: dt.datetime) -> None:
        conn.execute(
            sa.insert(deadline_status_changes),
            {
                "obligation_id": tr.obligation_id,
                "status": tr.to_status.value,
                "term_version": tr.term_version,
                "clock": aware(tr.clock),
                "recorded_at": now,
                "event_id": tr.event_id,
                "reason": tr.reason,
            },
        )
        if tr.payload:
            self.outbox.put(conn, [OutboxEvent(tr.event_id, tr.subject, tr.payload)], now=now)

    def close_obligations(self, closes: Sequence[tuple[str, ObligationStatus, dt.datetime, str, str]]) -> set[str]:
        """Stop tracking: (obligation id, FULFILLED or WAIVED, when, event id, reason). Returns the ids
        closed now; unknown or already closed obligations are left as they are. A fulfilment after the
        due day of an obligation the clock had not marked yet is recorded as violated first (at the
        moment of fulfilment), so the obligation, its history and the discipline report show the
        violation; statuses still only move forward."""
        closed: set[str] = set()
        if not closes:
            return closed
        now = utcnow()
        t = deadline_obligations
        with self._write() as conn:
            for ob_id, status, at, event_id, reason in closes:
                row = conn.execute(sa.select(t).where(t.c.id == ob_id)).first()
                if row is None or ObligationStatus(row.status) in (ObligationStatus.FULFILLED, ObligationStatus.WAIVED):
                    continue
                ob = _tracked(row)
                previous = ob.status
                values: dict[str, Any] = {"status": status.value, "closed_at": aware(at), "updated_at": now}
                if fulfilled_late(ob, status, at):
                    values["violated_at"] = aware(at)
                    late = Transition(
                        ob_id,
                        previous,
                        ObligationStatus.VIOLATED,
                        ob.term_version,
                        at,
                        late_reason(ob, at),
                        deterministic_id(subjects.OBLIGATION_VIOLATED, ob_id, f"term-{ob.term_version}"),
                        "",
                        b"",  # the obligation is closed already: nothing to announce, the record keeps it
                    )
                    self._record_status(conn, late, now)
                    previous = ObligationStatus.VIOLATED
                conn.execute(sa.update(t).where(t.c.id == ob_id).values(**values))
                self._record_status(
                    conn,
                    Transition(ob_id, previous, status, ob.term_version, at, reason, event_id, "", b""),
                    now,
                )
                closed.add(ob_id)
        return closed

    def status_changes(self, obligation_id: str) -> list[StatusChangeRecord]:
        t = deadline_status_changes
        with self._read() as conn:
            rows = conn.execute(sa.select(t).where(t.c.obligation_id == obligation_id).order_by(t.c.id)).all()
        return [
            StatusChangeRecord(
                r.obligation_id,
                ObligationStatus(r.status),
                r.term_version,
                _aware(r.clock) or utcnow(),
                _aware(r.recorded_at) or utcnow(),
                r.event_id,
                r.reason,
            )
            for r in rows
        ]

    # -- outbox (reglament.events.outbox) -----------------------------------------------------------

    def unpublished(self, limit: int = 1000) -> list[PendingEvent]:
        return self.outbox.unpublished(limit)

    def mark_published(self, ids: Sequence[int]) -> None:
        self.outbox.mark_published(ids)

    # -- term changes ------------------------------------------------------------------------------

    def term_change_by_request(self, request_id: str) -> TermChangeRecord | None:
        t = deadline_term_changes
        with self._read() as conn:
            row = conn.execute(sa.select(t).where(t.c.request_id == request_id)).first()
        return None if row is None else _term_change(row)

    def change_term(
        self, ob: TrackedObligation, change: TermChangeRecord, subject: str, payload: bytes
    ) -> tuple[TermChangeRecord, bool]:
        """Record a term change, move the obligation to its new term (pending again), and queue the
        event — in one transaction. A request id seen before returns the first change, unchanged.
        Raises StaleObligation if the obligation changed since `ob` was read."""
        t = deadline_obligations
        now = utcnow()
        with self._write() as conn:
            if change.request_id is not None:
                first = conn.execute(
                    sa.select(deadline_term_changes).where(deadline_term_changes.c.request_id == change.request_id)
                ).first()
                if first is not None:
                    return _term_change(first), False
            result = conn.execute(
                sa.update(t)
                .where(t.c.id == ob.id, t.c.term_version == ob.term_version, t.c.status == ob.status.value)
                .values(
                    due=due_text(change.new_due),
                    due_day=change.new_due.date() if isinstance(change.new_due, dt.datetime) else change.new_due,
                    status=ObligationStatus.PENDING.value,
                    term_version=change.term_version,
                    due_soon_at=None,
                    updated_at=now,
                )
            )
            if result.rowcount != 1:
                raise StaleObligation(ob.id)
            conn.execute(
                sa.insert(deadline_term_changes),
                {
                    "obligation_id": change.obligation_id,
                    "request_id": change.request_id,
                    "term_version": change.term_version,
                    "previous_due": due_text(change.previous_due),
                    "new_due": due_text(change.new_due),
                    "requested_due": due_text(change.requested_due),
                    "actor": change.actor,
                    "actor_role": change.actor_role,
                    "capacity": change.capacity.value,
                    "requested_by": change.requested_by,
                    "reason": change.reason,
                    "basis": change.basis,
                    "requested_on": change.requested_on,
                    "authority": change.authority,
                    "clauses": [
                        {
                            "reglament": c.reglament,
                            "clause": c.clause,
                            "quote": c.quote,
                            "interpretation": c.interpretation,
                        }
                        for c in change.clauses
                    ],
                    "explanation": list(change.explanation),
                    "event_id": change.event_id,
                    "at": aware(change.at),
                },
            )
            self.outbox.put(conn, [OutboxEvent(change.event_id, subject, payload)], now=now)
        return change, True

    def term_changes(
        self, *, obligation_id: str | None = None, subject_id: str | None = None
    ) -> list[TermChangeRecord]:
        t = deadline_term_changes
        query = sa.select(t)
        if obligation_id is not None:
            query = query.where(t.c.obligation_id == obligation_id)
        elif subject_id is not None:
            ids = sa.select(deadline_obligations.c.id).where(deadline_obligations.c.subject_id == subject_id)
            query = query.where(t.c.obligation_id.in_(ids))
        with self._read() as conn:
            rows = conn.execute(query.order_by(t.c.id)).all()
        return [_term_change(r) for r in rows]

    # -- substitutions -----------------------------------------------------------------------------

    def record_substitution(self, sub: Substitution, request_id: str | None) -> tuple[Substitution, bool]:
        t = deadline_substitutions
        with self._write() as conn:
            if request_id is not None:
                first = conn.execute(sa.select(t).where(t.c.request_id == request_id)).first()
                if first is not None:
                    return _substitution(first), False
            new_id = conn.execute(
                sa.insert(t).returning(t.c.id),
                {
                    "reglament": sub.reglament,
                    "request_id": request_id,
                    "absent_role": sub.absent_role,
                    "absent_name": sub.absent_name,
                    "substitute_role": sub.substitute_role,
                    "substitute_name": sub.substitute_name,
                    "valid_from": sub.valid_from,
                    "valid_until": sub.valid_until,
                    "basis": sub.basis,
                    "created_at": utcnow(),
                },
            ).scalar_one()
            row = conn.execute(sa.select(t).where(t.c.id == new_id)).one()
        return _substitution(row), True

    def substitutions(self, reglament: str, absent_role: str) -> list[Substitution]:
        t = deadline_substitutions
        with self._read() as conn:
            rows = conn.execute(
                sa.select(t).where(t.c.reglament == reglament, t.c.absent_role == absent_role).order_by(t.c.id)
            ).all()
        return [_substitution(r) for r in rows]

    # -- state -------------------------------------------------------------------------------------

    def set_state(self, key: str, value: str) -> None:
        self.set_states([(key, value)])

    def set_states(self, items: Sequence[tuple[str, str]]) -> None:
        """Stores each (key, value) in one transaction; a later item of the same key wins."""
        t = deadline_state
        with self._write() as conn:
            for key, value in items:
                updated = conn.execute(
                    sa.update(t).where(t.c.key == key).values(value=value, updated_at=utcnow())
                ).rowcount
                if not updated:
                    conn.execute(sa.insert(t), {"key": key, "value": value, "updated_at": utcnow()})

    def get_state(self, key: str) -> str | None:
        t = deadline_state
        with self._read() as conn:
            return conn.execute(sa.select(t.c.value).where(t.c.key == key)).scalar_one_or_none()

    def get_states(self, keys: Sequence[str]) -> dict[str, str]:
        t = deadline_state
        if not keys:
            return {}
        with self._read() as conn:
            rows = conn.execute(sa.select(t.c.key, t.c.value).where(t.c.key.in_(sorted(set(keys))))).all()
        return {row.key: row.value for row in rows}
