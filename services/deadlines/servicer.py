"""reglament.v1.Deadlines: translates RPCs to the term arithmetic, the tracked obligations and the
extension rules of the core library (no legal decision is taken here)."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import grpc

from reglament.documents import (
    MAX_EXECUTORS,
    MAX_TASK_TEXT,
    MAX_TASKS,
    TASK_FACTS,
    facts_of,
    parse_fact,
    text_field,
)
from reglament.domain import Document, Task
from reglament.due import (
    compute_term,
    due_for_clause,
    load_term_source,
    parse_moment,
    statute_obligations,
)
from reglament.errors import FailedPrecondition, InvalidArgument, NotFound
from reglament.events import envelope, subjects
from reglament.legaltime.clock import ClockError, parse_instant
from reglament.legaltime.discipline import discipline_for, month_bounds
from reglament.legaltime.extension import ChangeRequest, Decision, Substitution, decide
from reglament.legaltime.spec import TermSpec
from reglament.legaltime.statute import Statute, StatuteError, load_statute
from reglament.legaltime.tracking import TrackedObligation
from reglament.rules.evaluate import evaluate
from reglament.rules.facts import DOCUMENT_KINDS
from reglament.rules.loader import Reglament
from reglament.rules.schema import Subject
from reglament.v1 import common_pb2, deadlines_pb2, deadlines_pb2_grpc, events_pb2
from services import convert
from services.deadlines import messages
from services.deadlines.store import MAX_PAGE, StaleObligation, TermChangeRecord, due_text
from services.rulebook import reglament_or_not_found
from services.runtime import rpc

if TYPE_CHECKING:
    from services.deadlines.service import DeadlinesService

DEFAULT_PAGE = 50
MAX_ID = 200
MAX_NAME = 200
MAX_REQUEST_ID = 128
MAX_REASON = 4000
MAX_BASIS = 1000
_ROLE = re.compile(r"^[a-z][a-z0-9_]{0,99}$")
TICK_SKEW = dt.timedelta(minutes=1)
"""How far ahead of the service's system clock a caller's `now` may be (clocks of two machines differ)."""


def _role(value: str, field: str) -> str:
    if not _ROLE.match(value):
        raise InvalidArgument(
            f"{value[:40]!r} is not a role id (e.g. mayor, deputy_mayor, executive_committee)", field=field
        )
    return value


def _day(value: str, field: str, *, required: bool = False) -> dt.date | None:
    if not value:
        if required:
            raise InvalidArgument("is required (YYYY-MM-DD)", field=field)
        return None
    parsed = parse_moment(value, field)
    if isinstance(parsed, dt.datetime):
        raise InvalidArgument(f"{value!r} is a datetime; a date YYYY-MM-DD is expected", field=field)
    return parsed


def _instant(value: str, field: str, default: dt.datetime) -> dt.datetime:
    if not value:
        return default
    try:
        return parse_instant(value, field)
    except ClockError as exc:
        raise InvalidArgument(str(exc).removeprefix(f"{field}: "), field=field) from None


def _document(msg: common_pb2.Document, reglament: Reglament) -> tuple[Document, dict[str, object]]:
    """A document given by its facts (ComputeDueDate by document), each bad field named."""
    kind = convert.kind_name(msg.kind)
    if not kind:
        raise InvalidArgument(f"unknown document kind; one of {', '.join(DOCUMENT_KINDS)}", field="document.kind")
    registered = _day(msg.registered, "document.registered", required=True)
    assert registered is not None
    received = _day(msg.received, "document.received")
    due_date = _day(msg.due_date, "document.due_date")
    signed = _day(msg.signed, "document.signed")
    if signed is not None and signed > registered:
        raise InvalidArgument(f"{signed} is after the registration day {registered}", field="document.signed")
    tasks = _tasks(msg.tasks, registered)
    # facts the document's own fields give, as registration sets them; attributes may not contradict them
    given = ({"signed"} if signed is not None else set()) | (set(TASK_FACTS) if tasks else set())
    vocabulary = reglament.facts()
    for name, raw in msg.attributes.items():
        field = f"document.attributes[{name[:40]}]"
        decl = vocabulary.get(name)
        if decl is None:
            raise InvalidArgument(f"unknown fact {name!r} for reglament {reglament.id}", field=field)
        if name in given:
            raise InvalidArgument(f"fact {name!r} is given by the document's own field", field=field)
        parse_fact(name, raw, decl, field)
    doc = Document(
        id=msg.id[:MAX_ID],
        reglament=reglament.id,
        kind=kind,
        journal=kind,
        number=msg.number,
        title=msg.title,
        correspondent=msg.correspondent,
        received=received,
        registered=registered,
        due_date=due_date,
        urgent=msg.urgent,
        for_information=msg.for_information,
        restricted=msg.restricted,
        simple=msg.simple,
        executors=tuple(msg.executors),
        attributes=dict(msg.attributes),
        signed=signed,
        tasks=tasks,
    )
    return doc, facts_of(doc, vocabulary)


def _tasks(tasks: Sequence[common_pb2.Task], registered: dt.date) -> tuple[Task, ...]:
    """The document's tasks with their own terms (r12-s3-p3), checked as registration checks them."""
    if len(tasks) > MAX_TASKS:
        raise InvalidArgument(f"{len(tasks)} tasks; at most {MAX_TASKS}", field="document.tasks")
    out = []
    for i, task in enumerate(tasks):
        field = f"document.tasks[{i}]"
        text = text_field(task.text, f"{field}.text", MAX_TASK_TEXT, required=True)
        due = _day(task.due, f"{field}.due")
        if len(task.executors) > MAX_EXECUTORS:
            raise InvalidArgument(
                f"{len(task.executors)} executors; at most {MAX_EXECUTORS}", field=f"{field}.executors"
            )
        if due is not None and due < registered:
            raise InvalidArgument(f"{due} is before the registration day {registered}", field=f"{field}.due")
        executors = tuple(
            text_field(name, f"{field}.executors[{j}]", MAX_NAME, required=True)
            for j, name in enumerate(task.executors)
        )
        out.append(Task(text=text, due=due, executors=executors))
    return tuple(out)


class DeadlinesServicer(deadlines_pb2_grpc.DeadlinesServicer):
    def __init__(self, service: DeadlinesService) -> None:
        self.service = service

    # -- terms -------------------------------------------------------------------------------------

    @rpc
    async def ComputeDueDate(
        self, request: deadlines_pb2.ComputeDueDateRequest, context: grpc.aio.ServicerContext
    ) -> deadlines_pb2.ComputeDueDateResponse:
        if request.HasField("document"):
            return await self._due_by_document(request)
        source = _source(request.reglament)
        if not request.clause:
            raise InvalidArgument("is required (e.g. r12-s3-p2.3), or give a document", field="clause")
        result = due_for_clause(source, request.clause, request.from_date, variant=request.variant or None)
        return deadlines_pb2.ComputeDueDateResponse(
            due=convert.iso(result.due),
            clause=convert.clause_ref(result.ref),
            explanation=list(result.explanation),
            policy=result.policy,
        )

    async def _due_by_document(
        self, request: deadlines_pb2.ComputeDueDateRequest
    ) -> deadlines_pb2.ComputeDueDateResponse:
        reglament = reglament_or_not_found(request.reglament or request.document.reglament)
        doc, facts = _document(request.document, reglament)
        today = self.service.clock.today()

        def run() -> list[common_pb2.Obligation]:
            try:
                result = evaluate(reglament, Subject.DOCUMENT, facts, subject_id=doc.id, today=today)
                found = [*result.obligations, *statute_obligations(reglament, facts, subject_id=doc.id)]
            except ValueError as exc:
                raise InvalidArgument(str(exc), field="document") from None
            return [convert.obligation(o) for o in sorted(found, key=lambda o: (due_text(o.due), o.ref.clause))]

        obligations = await asyncio.to_thread(run)
        return deadlines_pb2.ComputeDueDateResponse(obligations=obligations)

    @rpc
    async def ExplainDueDate(
        self, request: deadlines_pb2.ExplainDueDateRequest, context: grpc.aio.ServicerContext
    ) -> deadlines_pb2.ExplainDueDateResponse:
        if request.obligation_id:
            return await self._explain_tracked(request.obligation_id)
        source = _source(request.reglament)
        if not request.clause:
            raise InvalidArgument("is required (e.g. r12-s3-p2.3), or give an obligation_id", field="clause")
        result = due_for_clause(source, request.clause, request.from_date, variant=request.variant or None)
        assert result.detail is not None and result.spec is not None and result.counting is not None
        return deadlines_pb2.ExplainDueDateResponse(
            due=convert.iso(result.due),
            clause=convert.clause_ref(result.ref),
            explanation=list(result.explanation),
            policy=messages.policy(result.counting),
            anchor=messages.due(result.anchor),
            term=messages.term(result.spec),
            original_due=convert.iso(result.due),
            **messages.explained(result.detail),  # type: ignore[arg-type]
        )

    async def _explain_tracked(self, obligation_id: str) -> deadlines_pb2.ExplainDueDateResponse:
        store = self.service.store
        ob = await asyncio.to_thread(store.get, text_field(obligation_id, "obligation_id", MAX_ID, required=True))
        if ob is None:
            raise NotFound(f"no tracked obligation {obligation_id[:64]!r}", field="obligation_id")
        changes = await asyncio.to_thread(store.term_changes, obligation_id=ob.id)
        source = _source(ob.source)
        spec = _spec_of(source, ob)
        anchor = ob.facts.get(spec.anchor)
        if anchor is None:
            raise FailedPrecondition(f"the document has no {spec.anchor!r} to count from", field="obligation_id")
        detail = compute_term(source, spec, anchor, clause=f"{ob.source}/{ob.clause}", field="obligation_id")
        lines = list(detail.explanation)
        for change in changes:
            lines.append(
                f"Строк змінено {change.at:%d.%m.%Y}: з {messages.due(change.previous_due)} на "
                f"{messages.due(change.new_due)} — {change.actor} ({change.authority})."
            )
        return deadlines_pb2.ExplainDueDateResponse(
            due=messages.due(ob.due),
            clause=common_pb2.ClauseRef(
                reglament=ob.source, clause=ob.clause, quote=ob.quote, interpretation=ob.interpretation
            ),
            explanation=lines,
            policy=messages.policy(source.policy),
            anchor=messages.due(anchor),
            term=messages.term(spec),
            term_changes=[messages.term_change(c) for c in changes],
            status=messages.STATUS_TO_PROTO[ob.status],
            original_due=messages.due(ob.original_due),
            **messages.explained(detail),  # type: ignore[arg-type]
        )

    # -- tracked obligations -----------------------------------------------------------------------

    @rpc
    async def GetObligation(
        self, request: deadlines_pb2.GetObligationRequest, context: grpc.aio.ServicerContext
    ) -> deadlines_pb2.TrackedObligation:
        ob_id = text_field(request.id, "id", MAX_ID, required=True)
        return await self._tracked_message(ob_id)

    async def _tracked_message(self, ob_id: str) -> deadlines_pb2.TrackedObligation:
        store = self.service.store
        ob = await asyncio.to_thread(store.get, ob_id)
        if ob is None:
            raise NotFound(f"no tracked obligation {ob_id[:64]!r}", field="id")
        changes = await asyncio.to_thread(store.term_changes, obligation_id=ob_id)
        statuses = await asyncio.to_thread(store.status_changes, ob_id)
        return messages.tracked(ob, changes, statuses)

    @rpc
    async def ListObligations(
        self, request: deadlines_pb2.ListObligationsRequest, context: grpc.aio.ServicerContext
    ) -> deadlines_pb2.ListObligationsResponse:
        if not 0 <= request.page_size <= MAX_PAGE:
            raise InvalidArgument(f"must be 0..{MAX_PAGE}", field="page_size")
        status = None
        if request.status:
            status = messages.STATUS_FROM_PROTO.get(request.status)
            if status is None:
                raise InvalidArgument(f"unknown status {request.status}", field="status")
        store = self.service.store
        try:
            page, token = await asyncio.to_thread(
                lambda: store.page(
                    subject_id=request.subject_id or None,
                    reglament=request.reglament or None,
                    status=status,
                    page_size=request.page_size or DEFAULT_PAGE,
                    page_token=request.page_token or None,
                )
            )
        except ValueError as exc:
            raise InvalidArgument(str(exc).removeprefix("page_token: "), field="page_token") from None
        return deadlines_pb2.ListObligationsResponse(
            obligations=[messages.tracked(ob) for ob in page], next_page_token=token or ""
        )

    @rpc
    async def ListTermChanges(
        self, request: deadlines_pb2.ListTermChangesRequest, context: grpc.aio.ServicerContext
    ) -> deadlines_pb2.ListTermChangesResponse:
        if not request.obligation_id and not request.subject_id:
            raise InvalidArgument("give obligation_id or subject_id", field="obligation_id")
        store = self.service.store
        changes = await asyncio.to_thread(
            lambda: store.term_changes(
                obligation_id=request.obligation_id or None, subject_id=request.subject_id or None
            )
        )
        return deadlines_pb2.ListTermChangesResponse(changes=[messages.term_change(c) for c in changes])

    # -- moving a term -----------------------------------------------------------------------------

    @rpc
    async def ExtendTerm(
        self, request: deadlines_pb2.ExtendTermRequest, context: grpc.aio.ServicerContext
    ) -> deadlines_pb2.ExtendTermResponse:
        request_id = text_field(request.request_id, "request_id", MAX_REQUEST_ID) or None
        ob_id = text_field(request.obligation_id, "obligation_id", MAX_ID, required=True)
        new_due = parse_moment(request.new_due, "new_due")
        actor = text_field(request.actor, "actor", MAX_NAME, required=True)
        actor_role = _role(request.actor_role, "actor_role")
        capacity = messages.CAPACITY_FROM_PROTO.get(request.capacity)
        if capacity is None:
            raise InvalidArgument("is required: SET_TERM, REPLACES_SETTER or ADOPTING_BODY", field="capacity")
        change_request = ChangeRequest(
            new_due=new_due,
            actor=actor,
            actor_role=actor_role,
            capacity=capacity,
            requested_by=text_field(request.requested_by, "requested_by", MAX_NAME),
            reason=text_field(request.reason, "reason", MAX_REASON),
            basis=text_field(request.basis, "basis", MAX_BASIS),
            requested_on=_day(request.requested_on, "requested_on"),
            interim_answer=request.interim_answer,
            author_notified=request.author_notified,
            via_general_department=request.via_general_department,
        )
        store = self.service.store
        if request_id is not None:
            first = await asyncio.to_thread(store.term_change_by_request, request_id)
            if first is not None:
                return await self._extended(first, created=False, request_obligation=ob_id)
        ob = await asyncio.to_thread(store.get, ob_id)
        if ob is None:
            raise NotFound(f"no tracked obligation {ob_id[:64]!r}", field="obligation_id")
        reglament = reglament_or_not_found(ob.reglament)
        statute = _statute_of(ob)
        today = self.service.clock.today()
        substitutions = await asyncio.to_thread(store.substitutions, ob.reglament, ob.setter.role)
        decision = await asyncio.to_thread(decide, reglament, ob, change_request, substitutions, today, statute=statute)
        change = _change_record(ob, change_request, decision, request_id, today, self.service.clock.now())
        event = _term_changed_event(ob, change, decision)
        try:
            recorded, created = await asyncio.to_thread(
                store.change_term, ob, change, envelope.subject_of(event), event.SerializeToString()
            )
        except StaleObligation:
            raise FailedPrecondition(
                "the obligation changed while the request was decided (another change or the clock); retry",
                field="obligation_id",
            ) from None
        scheduler = self.service.scheduler
        if scheduler is not None:
            await scheduler.flush()
        return await self._extended(recorded, created=created, request_obligation=ob_id)

    async def _extended(
        self, change: TermChangeRecord, *, created: bool, request_obligation: str
    ) -> deadlines_pb2.ExtendTermResponse:
        if change.obligation_id != request_obligation:
            raise InvalidArgument(
                f"was already used for obligation {change.obligation_id}; use a new request id", field="request_id"
            )
        tracked = await self._tracked_message(change.obligation_id)
        return deadlines_pb2.ExtendTermResponse(
            obligation=tracked, change=messages.term_change(change), created=created
        )

    @rpc
    async def RecordSubstitution(
        self, request: deadlines_pb2.RecordSubstitutionRequest, context: grpc.aio.ServicerContext
    ) -> deadlines_pb2.RecordSubstitutionResponse:
        request_id = text_field(request.request_id, "request_id", MAX_REQUEST_ID) or None
        reglament = reglament_or_not_found(request.reglament)
        absent_role = _role(request.absent_role, "absent_role")
        substitute_role = _role(request.substitute_role, "substitute_role")
        valid_from = _day(request.valid_from, "valid_from", required=True)
        valid_until = _day(request.valid_until, "valid_until")
        assert valid_from is not None
        if valid_until is not None and valid_until < valid_from:
            raise InvalidArgument(f"{valid_until} is before valid_from {valid_from}", field="valid_until")
        sub = Substitution(
            reglament=reglament.id,
            absent_role=absent_role,
            absent_name=text_field(request.absent_name, "absent_name", MAX_NAME),
            substitute_role=substitute_role,
            substitute_name=text_field(request.substitute_name, "substitute_name", MAX_NAME, required=True),
            valid_from=valid_from,
            valid_until=valid_until,
            basis=text_field(request.basis, "basis", MAX_BASIS, required=True),
        )
        if absent_role == substitute_role and sub.absent_name.casefold() == sub.substitute_name.casefold():
            raise InvalidArgument("an official does not substitute for themselves", field="substitute_name")
        recorded, created = await asyncio.to_thread(self.service.store.record_substitution, sub, request_id)
        return deadlines_pb2.RecordSubstitutionResponse(substitution=messages.substitution(recorded), created=created)

    # -- the clock ---------------------------------------------------------------------------------

    @rpc
    async def Tick(
        self, request: deadlines_pb2.TickRequest, context: grpc.aio.ServicerContext
    ) -> deadlines_pb2.TickResponse:
        scheduler = self.service.scheduler
        if scheduler is None or self.service.bus is None:
            raise FailedPrecondition("the service is not connected to NATS yet; retry", field="now")
        clock = self.service.clock
        now = _instant(request.now, "now", clock.now())
        if clock.fixed is None and now > clock.now() + TICK_SKEW:
            # On the system clock, a moment in the future would mark every term up to it violated for good
            # (statuses only move forward); only a service on a fixed clock (REGLAMENT_CLOCK) runs ahead.
            raise FailedPrecondition(
                f"{now.isoformat(timespec='seconds')} is later than the service's clock "
                f"({clock.now().isoformat(timespec='seconds')}); the clock is not run ahead of time unless the "
                "service runs on a fixed clock (REGLAMENT_CLOCK)",
                field="now",
            )
        subject_id = text_field(request.subject_id, "subject_id", MAX_ID) or None
        result = await scheduler.tick(now, subject_id)
        return deadlines_pb2.TickResponse(
            now=messages.moment(result.now),
            changes=[
                deadlines_pb2.StatusChange(
                    status=messages.STATUS_TO_PROTO[t.to_status],
                    clock=messages.moment(t.clock),
                    reason=t.reason,
                    event_id=t.event_id,
                    obligation_id=t.obligation_id,
                )
                for t in result.changes
            ],
            published=result.published,
        )

    # -- executive discipline ----------------------------------------------------------------------

    @rpc
    async def DisciplineReport(
        self, request: deadlines_pb2.DisciplineReportRequest, context: grpc.aio.ServicerContext
    ) -> deadlines_pb2.DisciplineReportResponse:
        reglament = reglament_or_not_found(request.reglament)
        try:
            first, last = month_bounds(request.month)
        except ValueError as exc:
            raise InvalidArgument(str(exc).removeprefix("month: "), field="month") from None
        as_of = _instant(request.as_of, "as_of", self.service.clock.now())
        store = self.service.store
        obligations = await asyncio.to_thread(store.for_period, reglament.id, first, last)
        report = await asyncio.to_thread(discipline_for, reglament, request.month.strip(), obligations, as_of)
        return messages.discipline(report, request.month.strip())


# -- helpers -----------------------------------------------------------------------------------------


def _source(source_id: str) -> Reglament | Statute:
    """A reglament or statute by id, NOT_FOUND if neither exists."""
    if not source_id:
        raise InvalidArgument("is required (e.g. vinnytsia-2020)", field="reglament")
    if not re.match(r"^[a-z0-9][a-z0-9_-]{0,63}$", source_id):
        raise InvalidArgument(f"{source_id[:70]!r} is not a reglament id", field="reglament")
    try:
        return load_term_source(source_id)
    except LookupError as exc:
        raise NotFound(f"unknown reglament {source_id!r}", field="reglament") from exc


def _statute_of(ob: TrackedObligation) -> Statute | None:
    if ob.source == ob.reglament:
        return None
    try:
        return load_statute(ob.source)
    except (LookupError, StatuteError):
        return None


def _spec_of(source: Reglament | Statute, ob: TrackedObligation) -> TermSpec:
    if isinstance(source, Statute):
        return source.provision(ob.key).obligation.term
    encoding = source.encoding(ob.key)
    if encoding.obligation is None:
        raise FailedPrecondition(f"{ob.key} no longer sets a term", field="obligation_id")
    return encoding.obligation.term


def _change_record(
    ob: TrackedObligation,
    request: ChangeRequest,
    decision: Decision,
    request_id: str | None,
    today: dt.date,
    now: dt.datetime,
) -> TermChangeRecord:
    version = ob.term_version + 1
    return TermChangeRecord(
        obligation_id=ob.id,
        request_id=request_id,
        term_version=version,
        previous_due=ob.due,
        new_due=decision.new_due,
        requested_due=decision.requested_due,
        actor=request.actor,
        actor_role=request.actor_role,
        capacity=request.capacity,
        requested_by=request.requested_by,
        reason=request.reason,
        basis=request.basis,
        requested_on=request.requested_on or today,
        authority=decision.authority,
        clauses=decision.clauses,
        explanation=decision.explanation,
        event_id=envelope.deterministic_id(subjects.OBLIGATION_TERM_CHANGED, ob.id, f"term-{version}"),
        at=now,
    )


def _term_changed_event(ob: TrackedObligation, change: TermChangeRecord, decision: Decision) -> events_pb2.Event:
    primary = decision.clauses[0] if decision.clauses else None
    body = events_pb2.TermChanged(
        obligation_id=ob.id,
        subject_id=ob.subject_id,
        previous_due=messages.due(change.previous_due),
        new_due=messages.due(change.new_due),
        actor=change.actor,
        actor_role=change.capacity.value,
        reason=change.reason,
        clause=convert.clause_ref(primary) if primary is not None else None,
        request_id=change.request_id or "",
        role=change.actor_role,
        status=common_pb2.OBLIGATION_STATUS_PENDING,
        term_version=change.term_version,
        requested_by=change.requested_by,
        basis=change.basis,
    )
    return envelope.make_event(
        subjects.OBLIGATION_TERM_CHANGED,
        municipality=ob.municipality,
        reglament=ob.reglament,
        body=body,
        event_id=change.event_id,
        occurred_at=change.at.astimezone(dt.UTC),
    )
