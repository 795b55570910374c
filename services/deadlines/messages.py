"""Translation between the deadlines domain records and reglament.v1 deadlines messages."""

from __future__ import annotations

import datetime as dt

from reglament.domain import ClauseRef, ObligationStatus
from reglament.legaltime.discipline import DisciplineReport
from reglament.legaltime.extension import Capacity, Substitution
from reglament.legaltime.spec import CountingPolicy, TermSpec
from reglament.legaltime.terms import DueDate
from reglament.legaltime.tracking import TermSetter, TrackedObligation
from reglament.v1 import common_pb2, deadlines_pb2
from services import convert
from services.deadlines.store import StatusChangeRecord, TermChangeRecord, due_text

CAPACITY_TO_PROTO = {
    Capacity.SET_TERM: deadlines_pb2.EXTENSION_CAPACITY_SET_TERM,
    Capacity.REPLACES_SETTER: deadlines_pb2.EXTENSION_CAPACITY_REPLACES_SETTER,
    Capacity.ADOPTING_BODY: deadlines_pb2.EXTENSION_CAPACITY_ADOPTING_BODY,
}
CAPACITY_FROM_PROTO = {v: k for k, v in CAPACITY_TO_PROTO.items()}
STATUS_TO_PROTO = {s: common_pb2.ObligationStatus.Value("OBLIGATION_STATUS_" + s.name) for s in ObligationStatus}
STATUS_FROM_PROTO = {v: k for k, v in STATUS_TO_PROTO.items()}


def moment(value: dt.datetime | None) -> str:
    return "" if value is None else value.isoformat(timespec="seconds")


def due(value: dt.date | dt.datetime | None) -> str:
    return "" if value is None else due_text(value)


def clause_ref(ref: ClauseRef) -> common_pb2.ClauseRef:
    return convert.clause_ref(ref)


def policy(p: CountingPolicy) -> deadlines_pb2.CountingPolicyRef:
    return deadlines_pb2.CountingPolicyRef(
        source=p.source, quote=p.quote, end_on_non_working=p.end_on_non_working.value, interpretation=p.interpretation
    )


def term(spec: TermSpec) -> deadlines_pb2.TermSpecView:
    return deadlines_pb2.TermSpecView(
        unit=spec.unit.value,
        amount=spec.amount,
        anchor=spec.anchor,
        direction=spec.direction.value,
        day=spec.day or 0,
        weekday=spec.weekday or 0,
        time=spec.time or "",
    )


def explained(detail: DueDate) -> dict[str, object]:
    """The fields of ExplainDueDateResponse that come from the computation itself."""
    return {
        "start": due(detail.start),
        "nominal_due": due(detail.nominal),
        "end_rule": detail.end_rule.value,
        "days": [
            deadlines_pb2.DayNote(date=n.day.isoformat(), counted=n.counted, reason=n.reason) for n in detail.days
        ],
        "counted_days": sum(1 for n in detail.days if n.counted),
    }


def setter(s: TermSetter) -> deadlines_pb2.TermSetter:
    return deadlines_pb2.TermSetter(kind=s.kind, role=s.role, name=s.name, source=s.source, clause=s.clause)


def status_change(s: StatusChangeRecord) -> deadlines_pb2.StatusChange:
    return deadlines_pb2.StatusChange(
        status=STATUS_TO_PROTO[s.status],
        clock=moment(s.clock),
        recorded_at=moment(s.recorded_at),
        reason=s.reason,
        event_id=s.event_id,
        obligation_id=s.obligation_id,
    )


def term_change(c: TermChangeRecord) -> deadlines_pb2.TermChange:
    return deadlines_pb2.TermChange(
        obligation_id=c.obligation_id,
        previous_due=due(c.previous_due),
        new_due=due(c.new_due),
        requested_due=due(c.requested_due),
        actor=c.actor,
        actor_role=c.actor_role,
        capacity=CAPACITY_TO_PROTO[c.capacity],
        requested_by=c.requested_by,
        reason=c.reason,
        basis=c.basis,
        requested_on=c.requested_on.isoformat(),
        authority=c.authority,
        clauses=[clause_ref(r) for r in c.clauses],
        explanation=list(c.explanation),
        request_id=c.request_id or "",
        at=moment(c.at),
        term_version=c.term_version,
    )


def obligation(ob: TrackedObligation) -> common_pb2.Obligation:
    return common_pb2.Obligation(
        id=ob.id,
        clause=common_pb2.ClauseRef(
            reglament=ob.source, clause=ob.clause, quote=ob.quote, interpretation=ob.interpretation
        ),
        subject_id=ob.subject_id,
        bearer=ob.bearer,
        action=ob.action,
        due=due(ob.due),
        explanation=list(ob.explanation),
        status=STATUS_TO_PROTO[ob.status],
    )


def tracked(
    ob: TrackedObligation,
    changes: list[TermChangeRecord] | None = None,
    statuses: list[StatusChangeRecord] | None = None,
) -> deadlines_pb2.TrackedObligation:
    return deadlines_pb2.TrackedObligation(
        obligation=obligation(ob),
        reglament=ob.reglament,
        document_kind=ob.document_kind,
        document_number=ob.document_number,
        original_due=due(ob.original_due),
        term_version=ob.term_version,
        executors=list(ob.executors),
        setter=setter(ob.setter),
        created_at=moment(ob.created_at),
        due_soon_at=moment(ob.due_soon_at),
        violated_at=moment(ob.violated_at),
        closed_at=moment(ob.closed_at),
        term_changes=[term_change(c) for c in changes or []],
        status_changes=[status_change(s) for s in statuses or []],
    )


def substitution(s: Substitution) -> deadlines_pb2.TermSubstitution:
    return deadlines_pb2.TermSubstitution(
        id=s.id,
        reglament=s.reglament,
        absent_role=s.absent_role,
        absent_name=s.absent_name,
        substitute_role=s.substitute_role,
        substitute_name=s.substitute_name,
        valid_from=s.valid_from.isoformat(),
        valid_until=s.valid_until.isoformat() if s.valid_until else "",
        basis=s.basis,
    )


def discipline(report: DisciplineReport, month: str) -> deadlines_pb2.DisciplineReportResponse:
    return deadlines_pb2.DisciplineReportResponse(
        reglament=report.reglament,
        month=month,
        period_start=report.period_start.isoformat(),
        period_end=report.period_end.isoformat(),
        as_of=moment(report.as_of),
        clause=clause_ref(report.clause) if report.clause else None,
        report_due=report.report_due.isoformat() if report.report_due else "",
        explanation=list(report.explanation),
        obligations_due=report.obligations_due,
        violations=len(report.violations),
        by_unit=[
            deadlines_pb2.DisciplineRow(
                name=t.name, obligations_due=t.obligations_due, violations=t.violations, obligation_ids=t.violated_ids
            )
            for t in report.by_unit
        ],
        by_executor=[
            deadlines_pb2.DisciplineRow(
                name=t.name,
                unit=t.unit,
                obligations_due=t.obligations_due,
                violations=t.violations,
                obligation_ids=t.violated_ids,
            )
            for t in report.by_executor
        ],
        violated=[
            deadlines_pb2.DisciplineViolation(
                obligation_id=v.obligation.id,
                subject_id=v.obligation.subject_id,
                document_number=v.obligation.document_number,
                document_kind=v.obligation.document_kind,
                clause=common_pb2.ClauseRef(
                    reglament=v.obligation.source,
                    clause=v.obligation.clause,
                    quote=v.obligation.quote,
                    interpretation=v.obligation.interpretation,
                ),
                action=v.obligation.action,
                due=due(v.obligation.due),
                violated_at=moment(v.obligation.violated_at),
                status=STATUS_TO_PROTO[v.obligation.status],
                unit=v.unit,
                executors=list(v.executors),
            )
            for v in report.violations
        ],
    )
