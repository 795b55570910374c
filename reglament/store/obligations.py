"""Obligations: stored once per event and per id, settled by the document's record, changed by status and
term events (which may arrive before their obligation), and the consumers' processed events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from reglament.domain import ControlStatus, Obligation, ObligationStatus
from reglament.store import errors
from reglament.store.base import DocumentState, ObligationChange, OutboxEvent, Settle, Settlement, StoreBase
from reglament.store.rows import check_text, due_text, due_value, obligation_of, obligation_row, utcnow
from reglament.store.schema import (
    document_control,
    document_links,
    documents,
    obligation_changes,
    obligations,
    processed_events,
)

FINAL = frozenset({ObligationStatus.FULFILLED, ObligationStatus.WAIVED})
_RANK = {ObligationStatus.PENDING: 0, ObligationStatus.DUE_SOON: 1, ObligationStatus.VIOLATED: 2}


def status_after(current: ObligationStatus, new: ObligationStatus) -> ObligationStatus:
    """Fulfilled and waived are final; otherwise a status only moves forward (pending → due soon →
    violated), so a late "due soon" never undoes a "violated"."""
    if current in FINAL:
        return current
    if new in FINAL:
        return new
    return new if _RANK[new] >= _RANK[current] else current


class ObligationsMixin(StoreBase):
    def __init__(self, engine: sa.Engine) -> None:
        super().__init__(engine)
        self._claim_event = (
            self._insert(processed_events)
            .on_conflict_do_nothing(index_elements=["consumer", "event_id"])
            .returning(processed_events.c.event_id)
        )
        self._insert_new_obligations = (
            self._insert(obligations).on_conflict_do_nothing(index_elements=["id"]).returning(obligations.c.id)
        )
        self._insert_change = (
            self._insert(obligation_changes)
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(obligation_changes.c.id)
        )

    # -- storing ---------------------------------------------------------------------------------

    def store_obligations(
        self, consumer: str, event_id: str, obligations_: Sequence[Obligation], *, settle: Settle | None = None
    ) -> int:
        """Store the obligations an event carries, once per (consumer, event); returns how many were new.

        One transaction: the event is recorded as processed together with its effect, so a redelivered
        event changes nothing, and an obligation id already stored (from another event) is skipped.
        Raises NotFound, writing nothing, when an obligation's subject is not a stored document.
        """
        return self.store_obligations_batch(consumer, [(event_id, obligations_)], settle=settle)[event_id]

    def store_obligations_batch(
        self,
        consumer: str,
        events: Sequence[tuple[str, Sequence[Obligation]]],
        *,
        settle: Settle | None = None,
    ) -> dict[str, int]:
        """`store_obligations` for a consumer's fetched batch of events in one transaction (one commit).

        Returns event id -> obligations it added (0 for an event processed before). An obligation that
        two events of the batch carry counts for the first. Raises NotFound, writing nothing, when any
        subject is not a stored document; the consumer can then handle the events one by one. A new
        obligation is settled at once when `settle` says the document's record already settles it, and
        changes that arrived before it are applied.
        """
        check_text("consumer", consumer, processed_events.c.consumer)
        now = utcnow()
        carried: dict[str, list[str]] = {}  # event id -> ids of the obligations it brings first
        unique: dict[str, Obligation] = {}
        for event_id, obligations_ in events:
            check_text("event_id", event_id, processed_events.c.event_id)
            mine = carried.setdefault(event_id, [])
            for obligation in obligations_:
                if obligation.id not in unique:
                    unique[obligation.id] = obligation
                    mine.append(obligation.id)
        rows = {key: obligation_row(obligation, now) for key, obligation in unique.items()}
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
            subjects = sorted({rows[key]["document_id"] for key in wanted})
            states = self._states(conn, subjects, lock=settle is not None)
            missing = sorted(set(subjects) - set(states))
            if missing:
                raise errors.NotFound(f"obligations refer to documents that are not stored: {missing}")
            inserted = set(conn.execute(self._insert_new_obligations, [rows[key] for key in wanted]).scalars())
            if inserted:
                self._after_insert(conn, [unique[key] for key in sorted(inserted)], states, settle)
        for event_id in claimed:
            result[event_id] = sum(key in inserted for key in carried[event_id])
        return result

    def _insert_obligations(
        self, conn: sa.Connection, new: Sequence[Obligation], state: DocumentState, settle: Settle | None
    ) -> list[Obligation]:
        """Obligations the registry itself derives (e.g. long-term control): inserted unless stored."""
        now = utcnow()
        if not new:
            return []
        inserted = set(
            conn.execute(self._insert_new_obligations, [obligation_row(o, now) for o in new]).scalars()
        )
        added = [o for o in new if o.id in inserted]
        self._after_insert(conn, added, {state.document_id: state}, settle)
        return added

    def _after_insert(
        self,
        conn: sa.Connection,
        added: Sequence[Obligation],
        states: dict[str, DocumentState],
        settle: Settle | None,
    ) -> None:
        early = self._changes_for(conn, [o.id for o in added])
        for obligation in added:
            status, due = obligation.status, obligation.due
            for change in early.get(obligation.id, []):
                if change.status:
                    status = status_after(status, ObligationStatus(change.status))
                if change.new_due:
                    due = due_value(change.new_due)
            if (status, due) != (obligation.status, obligation.due):
                self._set(conn, obligation.id, status, due)
            if settle is not None and status not in FINAL:
                current = replace(obligation, status=status, due=due)
                settlement = settle(current, states[obligation.subject_id])
                if settlement is not None:
                    self._settle(conn, current, settlement, actor="registry")

    def _states(self, conn: sa.Connection, ids: Sequence[str], *, lock: bool) -> dict[str, DocumentState]:
        """The record that settles obligations, for each stored document among `ids`.

        With `lock` the documents' rows are locked (PostgreSQL), so a concurrent control step and the
        storing of obligations see each other's effect: none of them is left open by a race.
        """
        query = sa.select(
            documents.c.id,
            documents.c.reglament,
            documents.c.kind,
            documents.c.registered,
            documents.c.not_considered_under,
        ).where(documents.c.id.in_(list(ids)))
        if lock:
            query = self._for_update(query.order_by(documents.c.id))
        docs = conn.execute(query).all()
        controls = {
            row.document_id: row
            for row in conn.execute(
                sa.select(
                    document_control.c.document_id,
                    document_control.c.status,
                    document_control.c.put_on,
                    document_control.c.executed_on,
                    document_control.c.removed_on,
                ).where(document_control.c.document_id.in_(list(ids)))
            )
        }
        answer_doc = documents.alias("answer")
        answers = dict(
            conn.execute(
                sa.select(document_links.c.target_id, sa.func.min(answer_doc.c.registered))
                .join(answer_doc, answer_doc.c.id == document_links.c.document_id)
                .where(document_links.c.relation == "answer_to", document_links.c.target_id.in_(list(ids)))
                .group_by(document_links.c.target_id)
            ).all()
        )
        out = {}
        for row in docs:
            control = controls.get(row.id)
            out[row.id] = DocumentState(
                document_id=row.id,
                reglament=row.reglament,
                kind=row.kind,
                registered=row.registered,
                control_status=ControlStatus(control.status) if control else ControlStatus.NOT_ON_CONTROL,
                put_on=control.put_on if control else None,
                executed_on=control.executed_on if control else None,
                removed_on=control.removed_on if control else None,
                not_considered_under=row.not_considered_under,
                answered_on=answers.get(row.id),
            )
        return out

    def _changes_for(self, conn: sa.Connection, ids: Sequence[str]) -> dict[str, list[sa.Row[Any]]]:
        if not ids:
            return {}
        out: dict[str, list[sa.Row[Any]]] = {}
        for row in conn.execute(
            sa.select(obligation_changes)
            .where(obligation_changes.c.obligation_id.in_(list(ids)))
            .order_by(obligation_changes.c.id)
        ):
            out.setdefault(row.obligation_id, []).append(row)
        return out

    def _set(
        self, conn: sa.Connection, obligation_id: str, status: ObligationStatus, due: dt.date | dt.datetime
    ) -> None:
        conn.execute(
            sa.update(obligations)
            .where(obligations.c.id == obligation_id)
            .values(status=status.value, due=due_text(due), updated_at=utcnow())
        )

    def _settle(self, conn: sa.Connection, obligation: Obligation, settlement: Settlement, *, actor: str) -> None:
        """The registry gives `obligation` a status from the document's record: stored, recorded in the
        obligation's history and the document's audit, and announced through the outbox."""
        self._set(conn, obligation.id, settlement.status, obligation.due)
        event_id = settlement.event.event_id if settlement.event else f"registry:{obligation.id}:{settlement.status}"
        conn.execute(
            self._insert_change,
            {
                "event_id": event_id,
                "obligation_id": obligation.id,
                "document_id": obligation.subject_id,
                "status": settlement.status.value,
                "new_due": "",
                "actor": actor,
                "reason": settlement.reason,
                "clause": settlement.clause or obligation.ref.clause,
                "at": utcnow(),
            },
        )
        self._audit(
            conn,
            obligation.subject_id,
            actor,
            f"obligation.{settlement.status.value}",
            reason=settlement.reason,
            data={"obligation_id": obligation.id, "clause": obligation.ref.clause, "due": due_text(obligation.due)},
        )
        if settlement.event is not None:
            self._put_in_outbox(conn, [settlement.event])

    def settle_documents(self, ids: Sequence[str], settle: Settle, *, actor: str = "registry") -> int:
        """Settles the open obligations of these documents by what their records now say (e.g. an answer
        was registered); returns how many were settled."""
        if not ids:
            return 0
        with self._write() as conn:
            states = self._states(conn, sorted(set(ids)), lock=True)
            return sum(len(self._settle_open(conn, state, settle, actor)) for state in states.values())

    def _settle_open(
        self, conn: sa.Connection, state: DocumentState, settle: Settle, actor: str
    ) -> list[tuple[Obligation, Settlement]]:
        """Settles every open obligation of a document that its (new) record settles."""
        rows = conn.execute(
            sa.select(obligations)
            .where(
                obligations.c.document_id == state.document_id,
                obligations.c.status.notin_([s.value for s in FINAL]),
            )
            .order_by(obligations.c.id)
        ).all()
        done = []
        for row in rows:
            obligation = obligation_of(row)
            settlement = settle(obligation, state)
            if settlement is not None:
                self._settle(conn, obligation, settlement, actor=actor)
                done.append((obligation, settlement))
        return done

    # -- changes from events ---------------------------------------------------------------------

    def apply_obligation_changes(
        self, consumer: str, changes: Sequence[ObligationChange], *, today: dt.date
    ) -> dict[str, bool]:
        """Stores status and term changes of obligations, once per (consumer, event): event id → whether
        it was new. A change of an obligation not stored yet is kept and applied when it arrives.

        A status moves only forward (see status_after). A term change sets the new due date; an
        obligation due soon or violated whose new term is today or later is pending again.
        """
        check_text("consumer", consumer, processed_events.c.consumer)
        now = utcnow()
        result = {c.event_id: False for c in changes}
        if not changes:
            return result
        with self._write() as conn:
            claims = [{"consumer": consumer, "event_id": e, "processed_at": now} for e in sorted(result)]
            claimed = set(conn.execute(self._claim_event, claims).scalars())
            todo = [c for c in changes if c.event_id in claimed]
            current = {
                row.id: row
                for row in conn.execute(
                    self._for_update(
                        sa.select(obligations.c.id, obligations.c.status, obligations.c.due, obligations.c.clause)
                        .where(obligations.c.id.in_(sorted({c.obligation_id for c in todo})))
                        .order_by(obligations.c.id)
                    )
                )
            }
            state: dict[str, tuple[ObligationStatus, str]] = {
                key: (ObligationStatus(row.status), row.due) for key, row in current.items()
            }
            for change in todo:
                check_text("event_id", change.event_id, obligation_changes.c.event_id)
                new_due = due_text(change.new_due) if change.new_due is not None else ""
                added = conn.execute(
                    self._insert_change,
                    {
                        "event_id": change.event_id,
                        "obligation_id": change.obligation_id,
                        "document_id": change.document_id,
                        "status": change.status.value if change.status else "",
                        "new_due": new_due,
                        "actor": change.actor[:200],
                        "reason": change.reason,
                        "clause": change.clause[:100],
                        "at": now,
                    },
                ).first()
                if added is None:
                    continue
                result[change.event_id] = True
                before = state.get(change.obligation_id)
                action = f"obligation.{change.status.value}" if change.status else "obligation.term_changed"
                data: dict[str, Any] = {"obligation_id": change.obligation_id, **change.data}
                if before is not None:
                    status, due = before
                    if change.status is not None:
                        status = status_after(status, change.status)
                    if new_due:
                        data["previous_due"] = due
                        data["new_due"] = new_due
                        due = new_due
                        if status in (ObligationStatus.DUE_SOON, ObligationStatus.VIOLATED) and new_due[:10] >= (
                            today.isoformat()
                        ):
                            status = ObligationStatus.PENDING
                    data["status"] = status.value
                    state[change.obligation_id] = (status, due)
                    conn.execute(
                        sa.update(obligations)
                        .where(obligations.c.id == change.obligation_id)
                        .values(status=status.value, due=due, updated_at=now)
                    )
                else:
                    data["note"] = "obligation not stored yet; applied when it arrives"
                if change.document_id:
                    self._audit(
                        conn, change.document_id, change.actor or consumer, action, reason=change.reason, data=data
                    )
        return result

    # -- reading ---------------------------------------------------------------------------------

    def obligations_for(self, document_id: str) -> list[Obligation]:
        with self._read() as conn:
            rows = conn.execute(
                sa.select(obligations)
                .where(obligations.c.document_id == document_id)
                .order_by(obligations.c.due, obligations.c.id)
            ).all()
        return [obligation_of(row) for row in rows]

    def obligation_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of `ids` are stored."""
        if not ids:
            return set()
        with self._read() as conn:
            return set(conn.execute(sa.select(obligations.c.id).where(obligations.c.id.in_(list(ids)))).scalars())

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
        check_text("consumer", consumer, processed_events.c.consumer)
        check_text("event_id", event_id, processed_events.c.event_id)
        with self._write() as conn:
            claimed = conn.execute(
                self._claim_event, {"consumer": consumer, "event_id": event_id, "processed_at": utcnow()}
            ).first()
        return claimed is not None


__all__ = ["FINAL", "ObligationsMixin", "OutboxEvent", "status_after"]
