"""Control of execution as records: one control row per document, its steps in one transaction each, the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from reglament.domain import Control, ControlReportRow, ControlStatus, InterimReport, Obligation
from reglament.store import errors
from reglament.store.base import DocumentState, OutboxEvent, Settle, expect
from reglament.store.obligations import ObligationsMixin
from reglament.store.rows import check_actor, check_text, control_of, control_row, utcnow
from reglament.store.schema import document_control, documents, interim_reports

MAX_REPORT_DAYS = 366 * 5


@dataclass(frozen=True)
class ControlStep:
    """One change of a document's control, written in one transaction.

    `expected`: the statuses the step may start from (NOT_ON_CONTROL: no control row); `control`: the
    record after the step (None: unchanged, e.g. an interim report). The request id makes a retry
    return the first result and write nothing.
    """

    document_id: str
    scope: str  # idempotency scope, e.g. "control.put"
    action: str  # audit action, e.g. "control.put"
    actor: str
    reason: str
    expected: frozenset[ControlStatus]
    control: Control | None = None
    interim: InterimReport | None = None
    request_id: str | None = None
    new_obligations: Sequence[Obligation] = ()  # derived by the step (e.g. long-term control)
    events: Sequence[OutboxEvent] = ()
    data: dict[str, Any] = field(default_factory=dict)


class ControlMixin(ObligationsMixin):
    def control_for(self, document_id: str) -> Control | None:
        with self._read() as conn:
            return self._control(conn, document_id)

    def controls_for(self, ids: Sequence[str]) -> dict[str, Control]:
        """The control records of those of `ids` that have one (two queries, however many ids)."""
        if not ids:
            return {}
        with self._read() as conn:
            rows = conn.execute(sa.select(document_control).where(document_control.c.document_id.in_(list(ids))))
            reports: dict[str, list[InterimReport]] = {}
            for r in conn.execute(
                sa.select(interim_reports)
                .where(interim_reports.c.document_id.in_(list(ids)))
                .order_by(interim_reports.c.reported_on, interim_reports.c.id)
            ):
                reports.setdefault(r.document_id, []).append(InterimReport(r.reported_on, r.actor, r.text))
            return {row.document_id: control_of(row, reports.get(row.document_id, ())) for row in rows}

    def _control(self, conn: sa.Connection, document_id: str) -> Control | None:
        row = conn.execute(sa.select(document_control).where(document_control.c.document_id == document_id)).first()
        if row is None:
            return None
        reports = [
            InterimReport(reported_on=r.reported_on, actor=r.actor, text=r.text)
            for r in conn.execute(
                sa.select(interim_reports)
                .where(interim_reports.c.document_id == document_id)
                .order_by(interim_reports.c.reported_on, interim_reports.c.id)
            )
        ]
        return control_of(row, reports)

    def apply_control_step(self, step: ControlStep, *, settle: Settle | None = None) -> tuple[Control | None, bool]:
        """Writes `step`; returns (the control after it, True), or (the current control, False) for a
        request id seen before. Raises Conflict, writing nothing, when the document's control is not in
        one of the expected statuses (a step out of order), NotFound for an unknown document."""
        check_actor(step.actor)
        if step.interim is not None:
            check_text("actor", step.interim.actor, interim_reports.c.actor)
        with self._write() as conn:
            if step.request_id is not None:
                first = self._claim(conn, step.scope, step.request_id, step.document_id)
                if first is not None:
                    if first != step.document_id:
                        raise errors.InvalidArgument(
                            "request_id", f"already used for another document ({first}) in {step.scope}"
                        )
                    return self._control(conn, step.document_id), False
            doc = conn.execute(
                self._for_update(
                    sa.select(documents.c.id, documents.c.reglament, documents.c.category).where(
                        documents.c.id == step.document_id
                    )
                )
            ).first()
            if doc is None:
                raise errors.NotFound(f"no document with id {step.document_id!r}", field="document_id")
            current = self._control(conn, step.document_id)
            status = current.status if current is not None else ControlStatus.NOT_ON_CONTROL
            expect(
                status in step.expected,
                f"the document's control is {status.value}; this step needs "
                + " or ".join(sorted(s.value for s in step.expected)),
            )
            now = utcnow()
            if step.control is not None:
                row = control_row(step.control, reglament=doc.reglament, category=doc.category)
                if current is None:
                    conn.execute(sa.insert(document_control), row)
                else:
                    conn.execute(
                        sa.update(document_control)
                        .where(document_control.c.document_id == step.document_id)
                        .values({k: v for k, v in row.items() if k != "document_id"})
                    )
            if step.interim is not None:
                conn.execute(
                    sa.insert(interim_reports),
                    {
                        "document_id": step.document_id,
                        "reported_on": step.interim.reported_on,
                        "actor": step.interim.actor,
                        "text": step.interim.text,
                        "created_at": now,
                    },
                )
            self._audit(conn, step.document_id, step.actor, step.action, reason=step.reason, data=step.data, at=now)
            self._put_in_outbox(conn, step.events)
            after = self._control(conn, step.document_id)
            state = self._states(conn, [step.document_id], lock=False)[step.document_id]
            if step.new_obligations:
                self._insert_obligations(conn, step.new_obligations, state, settle)
            if settle is not None:
                self._settle_open(conn, state, settle, step.actor)
        return after, True

    def document_state(self, document_id: str) -> DocumentState | None:
        with self._read() as conn:
            return self._states(conn, [document_id], lock=False).get(document_id)

    # -- the report ------------------------------------------------------------------------------

    def control_report(self, reglament: str, start: dt.date, end: dt.date) -> list[ControlReportRow]:
        """Per reporting class: registered, put on control, carried over, executed (late), removed, open
        and overdue at the end of [start, end] (both days included). Classes without any figure are left out."""
        if end < start:
            raise errors.InvalidArgument("period_to", f"{end} is before {start}")
        if (end - start).days > MAX_REPORT_DAYS:
            raise errors.InvalidArgument("period_to", f"a period of at most {MAX_REPORT_DAYS} days")
        d, c = documents.c, document_control.c

        def count(cond: Any) -> Any:
            return sa.func.sum(sa.case((cond, 1), else_=0))

        registered = sa.select(d.category, sa.func.count().label("n")).where(
            d.reglament == reglament, d.registered >= start, d.registered <= end
        )
        controlled = c.put_on.is_not(None)
        open_at_end = sa.and_(controlled, c.put_on <= end, sa.or_(c.removed_on.is_(None), c.removed_on > end))
        executed_in = sa.and_(controlled, c.executed_on.is_not(None), c.executed_on >= start, c.executed_on <= end)
        control_q = sa.select(
            c.category,
            count(sa.and_(controlled, c.put_on >= start, c.put_on <= end)).label("put"),
            count(
                sa.and_(
                    controlled,
                    c.put_on < start,
                    sa.or_(c.removed_on.is_(None), c.removed_on >= start),
                )
            ).label("carried"),
            count(executed_in).label("executed"),
            count(sa.and_(executed_in, c.due.is_not(None), c.executed_on > c.due)).label("late"),
            count(sa.and_(controlled, c.removed_on.is_not(None), c.removed_on >= start, c.removed_on <= end)).label(
                "removed"
            ),
            count(open_at_end).label("open"),
            count(
                sa.and_(
                    open_at_end,
                    sa.or_(c.executed_on.is_(None), c.executed_on > end),
                    c.due.is_not(None),
                    c.due < end,
                )
            ).label("overdue"),
        ).where(c.reglament == reglament)
        with self._read() as conn:
            registered_by = {row.category: int(row.n) for row in conn.execute(registered.group_by(d.category))}
            control_by = {row.category: row for row in conn.execute(control_q.group_by(c.category))}
        out = []
        for category in sorted(set(registered_by) | set(control_by)):
            row = control_by.get(category)
            figures = ControlReportRow(
                category=category,
                registered=registered_by.get(category, 0),
                put_on_control=int(row.put or 0) if row else 0,
                carried_over=int(row.carried or 0) if row else 0,
                executed=int(row.executed or 0) if row else 0,
                executed_late=int(row.late or 0) if row else 0,
                removed=int(row.removed or 0) if row else 0,
                open_at_end=int(row.open or 0) if row else 0,
                overdue=int(row.overdue or 0) if row else 0,
            )
            if any(getattr(figures, name) for name in _FIGURES):
                out.append(figures)
        return out


_FIGURES = (
    "registered",
    "put_on_control",
    "carried_over",
    "executed",
    "executed_late",
    "removed",
    "open_at_end",
    "overdue",
)


def total(rows: Sequence[ControlReportRow]) -> ControlReportRow:
    """The sum of a report's rows."""
    return ControlReportRow("total", **{name: sum(getattr(r, name) for r in rows) for name in _FIGURES})
