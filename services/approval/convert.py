"""Translation between reglament.v1 approval messages and the approval domain (no legal decisions here)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from google.protobuf.message import Message

from reglament.approval import facts as parse
from reglament.approval.lifecycle import (
    ApproverSubstituted,
    Decision,
    DraftInput,
    DraftState,
    Event,
    OutcomeApplied,
    RouteCompleted,
    RouteStarted,
    Signed,
    StepStatus,
    StepView,
    Visa,
    VisaRecorded,
)
from reglament.approval.meetings import (
    DeclarationInput,
    ItemInput,
    MeetingInput,
    MeetingValidation,
    NoticeInput,
)
from reglament.domain import ClauseRef, Finding, Obligation
from reglament.errors import InvalidArgument
from reglament.events import envelope, subjects
from reglament.route import PlannedStep
from reglament.rules.loader import Reglament
from reglament.v1 import approval_pb2, common_pb2, events_pb2
from services import convert
from services.approval.store import OutboxEvent

_STAGE = {
    "on_route": approval_pb2.DRAFT_STAGE_ON_ROUTE,
    "returned": approval_pb2.DRAFT_STAGE_RETURNED,
    "route_completed": approval_pb2.DRAFT_STAGE_ROUTE_COMPLETED,
    "adopted": approval_pb2.DRAFT_STAGE_ADOPTED,
    "not_adopted": approval_pb2.DRAFT_STAGE_NOT_ADOPTED,
    "signed": approval_pb2.DRAFT_STAGE_SIGNED,
}
_STATUS = {
    StepStatus.PENDING: approval_pb2.STEP_STATUS_PENDING,
    StepStatus.WAITING: approval_pb2.STEP_STATUS_WAITING,
    StepStatus.APPROVED: approval_pb2.STEP_STATUS_APPROVED,
    StepStatus.APPROVED_WITH_REMARKS: approval_pb2.STEP_STATUS_APPROVED_WITH_REMARKS,
    StepStatus.REJECTED: approval_pb2.STEP_STATUS_REJECTED,
    StepStatus.DEEMED_APPROVED: approval_pb2.STEP_STATUS_DEEMED_APPROVED,
}
_DECISION = {
    Decision.APPROVE: approval_pb2.VISA_DECISION_APPROVE,
    Decision.APPROVE_WITH_REMARKS: approval_pb2.VISA_DECISION_APPROVE_WITH_REMARKS,
    Decision.REJECT: approval_pb2.VISA_DECISION_REJECT,
}
_DECISION_BACK = {v: k for k, v in _DECISION.items()}
_DOCUMENT_KIND = {
    "ec_decision": common_pb2.DOCUMENT_KIND_EC_DECISION,
    "mayor_order": common_pb2.DOCUMENT_KIND_MAYOR_ORDER,
}


def fingerprint(request: Message) -> str:
    """sha256 of the request without its request id: a retry must be the same request."""
    copy = type(request)()
    copy.CopyFrom(request)
    if hasattr(copy, "request_id"):
        copy.request_id = ""
    return hashlib.sha256(copy.SerializeToString(deterministic=True)).hexdigest()


def decision(value: int) -> Decision:
    try:
        return _DECISION_BACK[value]  # type: ignore[index]
    except KeyError:
        raise InvalidArgument("is required: APPROVE, APPROVE_WITH_REMARKS or REJECT", field="decision") from None


def iso(value: dt.date | dt.datetime | None) -> str:
    return convert.iso(value)


def ref(value: ClauseRef | None) -> common_pb2.ClauseRef | None:
    return convert.clause_ref(value) if value is not None else None


def draft_input(msg: approval_pb2.Draft, field: str = "draft") -> DraftInput:
    return DraftInput(
        kind=msg.kind,
        title=parse.text(msg.title, f"{field}.title"),
        preparing_body=parse.text(msg.preparing_body, f"{field}.preparing_body"),
        competent_body=parse.text(msg.competent_body, f"{field}.competent_body"),
        responsible_deputy=parse.text(msg.responsible_deputy, f"{field}.responsible_deputy"),
        coordinating_deputy=parse.text(msg.coordinating_deputy, f"{field}.coordinating_deputy"),
        finance_competence=msg.finance_competence,
        to_council=msg.to_council,
        restricted=msg.restricted,
        task_bodies=tuple(parse.names(msg.task_bodies, f"{field}.task_bodies", limit=100)),
        attributes=dict(msg.attributes),
    )


def draft_message(draft: DraftInput) -> approval_pb2.Draft:
    return approval_pb2.Draft(
        kind=draft.kind,
        title=draft.title,
        preparing_body=draft.preparing_body,
        competent_body=draft.competent_body,
        responsible_deputy=draft.responsible_deputy,
        coordinating_deputy=draft.coordinating_deputy,
        finance_competence=draft.finance_competence,
        to_council=draft.to_council,
        restricted=draft.restricted,
        task_bodies=list(draft.task_bodies),
        attributes=dict(draft.attributes),
    )


def step(s: PlannedStep) -> approval_pb2.RouteStep:
    return approval_pb2.RouteStep(
        order=s.order,
        role=s.role,
        body=s.body,
        clause=convert.clause_ref(s.ref),
        paper_only=s.paper_only,
        after=list(s.after),
        step_id=s.step_id,
        holder=s.holder,
        role_name=s.role_name,
    )


def visa(v: Visa) -> approval_pb2.Visa:
    return approval_pb2.Visa(
        seq=v.seq,
        round=v.round,
        step_id=v.step_id,
        actor=v.actor,
        on_behalf_of=v.on_behalf_of,
        decision=_DECISION[v.decision],
        remarks=v.remarks,
        medium=v.medium,
        visaed_on=iso(v.visaed_on),
        voided=v.voided,
    )


def step_state(v: StepView) -> approval_pb2.StepState:
    msg = approval_pb2.StepState(
        step=step(v.step),
        status=_STATUS[v.status],
        approver=v.approver,
        substitute=v.substitute,
        waiting_for=list(v.waiting_for),
        covered_by=v.covered_by,
    )
    if v.visa is not None:
        msg.visaed_by = v.visa.actor
        msg.remarks = v.visa.remarks
        msg.visaed_on = iso(v.visa.visaed_on)
    if v.deemed_by is not None:
        msg.deemed_by.CopyFrom(convert.clause_ref(v.deemed_by))
    return msg


def draft_route(
    state: DraftState, views: Sequence[StepView], findings: Sequence[Finding] = ()
) -> approval_pb2.DraftRoute:
    msg = approval_pb2.DraftRoute(
        draft_id=state.id,
        reglament=state.reglament,
        draft=draft_message(state.draft),
        stage=_STAGE[state.stage.value],
        round=state.round,
        round_reason=state.round_reason,
        steps=[step_state(v) for v in views],
        visas=[visa(v) for v in state.visas],
        substitutions=[
            approval_pb2.Substitution(
                step_id=s.step_id,
                role=next((x.role for x in state.steps if x.step_id == s.step_id), ""),
                body=next((x.body for x in state.steps if x.step_id == s.step_id), ""),
                absent=s.absent,
                substitute=s.substitute,
                acting=s.acting,
                phase=s.phase,
                clause=ref(s.ref),
            )
            for s in state.substitutions
            if s.round == state.round  # in force: made for the current round
        ],
        paper_only=state.paper_clause is not None,
        findings=[convert.finding(f) for f in findings],
        obligations=[convert.obligation(o) for o in state.obligations],
        meeting=iso(state.meeting),
        signed=iso(state.signed),
        signed_by=state.signed_by,
        submitted=iso(state.submitted),
    )
    if state.round_clause is not None:
        msg.round_clause.CopyFrom(convert.clause_ref(state.round_clause))
    if state.paper_clause is not None:
        msg.paper_only_clause.CopyFrom(convert.clause_ref(state.paper_clause))
    return msg


def obligations(items: Sequence[Obligation]) -> list[common_pb2.Obligation]:
    return [convert.obligation(o) for o in items]


# -- meetings ---------------------------------------------------------------------------------------


def _opt(msg: Message, name: str) -> object | None:
    return getattr(msg, name) if msg.HasField(name) else None


def _opt_count(msg: Message, name: str, field: str) -> int | None:
    value = _opt(msg, name)
    return parse.count(value, field) if isinstance(value, int) else None


def meeting_input(reglament: Reglament, msg: approval_pb2.Meeting, field: str = "meeting") -> MeetingInput:
    date = parse.day(msg.date, f"{field}.date", required=True)
    assert date is not None
    start = parse.moment(msg.start, f"{field}.start")
    if start is not None and not isinstance(start, dt.datetime):
        raise InvalidArgument("is a datetime YYYY-MM-DDTHH:MM", field=f"{field}.start")
    if msg.members_total < 0 or msg.members_total > 1000:
        raise InvalidArgument("must be 0..1000", field=f"{field}.members_total")
    for name in ("items", "declarations", "notices"):
        if len(getattr(msg, name)) > parse.MAX_ITEMS:
            raise InvalidArgument(f"at most {parse.MAX_ITEMS} entries", field=f"{field}.{name}")
    agenda: dict[str, object] = {}
    materials_to_members = None
    if msg.HasField("agenda"):
        a = msg.agenda
        agenda = {
            "agenda_formed": parse.day(a.formed, f"{field}.agenda.formed"),
            "agenda_agreed_by_mayor": _opt(a, "agreed_by_mayor"),
            "agenda_signed_by_keruiuchyi": _opt(a, "signed_by_keruiuchyi"),
            "agenda_approved": _opt(a, "approved"),
        }
        materials_to_members = parse.day(a.materials_to_members, f"{field}.agenda.materials_to_members")
    protocol: dict[str, object] = {}
    if msg.HasField("protocol"):
        p = msg.protocol
        protocol = {"protocol_date": parse.day(p.date, f"{field}.protocol.date")}
        for name in (
            "has_number_date",
            "has_attendance",
            "has_agenda",
            "has_speakers",
            "has_votes",
            "has_amendments",
            "has_record",
            "signed_by_mayor",
            "signed_by_keruiuchyi",
        ):
            protocol[f"protocol_{name}"] = _opt(p, name)
    poll = None
    if msg.HasField("poll"):
        poll = {
            "emergency": _opt(msg.poll, "emergency"),
            "poll_signed_by_mayor": _opt(msg.poll, "signed_by_mayor"),
            "poll_signatures": _opt_count(msg.poll, "signatures", f"{field}.poll.signatures"),
        }
    items = []
    for i, item in enumerate(msg.items):
        where = f"{field}.items[{i}]"
        items.append(
            ItemInput(
                draft_id=parse.text(item.draft_id, f"{where}.draft_id", limit=64),
                title=parse.text(item.title, f"{where}.title"),
                votes_for=_opt_count(item, "votes_for", f"{where}.votes_for"),
                votes_against=_opt_count(item, "votes_against", f"{where}.votes_against"),
                tacit_consent=_opt(item, "tacit_consent"),  # type: ignore[arg-type]
                has_remarks=_opt(item, "has_remarks"),  # type: ignore[arg-type]
                adopted=_opt(item, "adopted"),  # type: ignore[arg-type]
                changed=_opt(item, "changed"),  # type: ignore[arg-type]
                proposer=parse.text(item.proposer, f"{where}.proposer"),
                added_at_meeting=_opt(item, "added_at_meeting"),  # type: ignore[arg-type]
                members_consent=_opt(item, "members_consent"),  # type: ignore[arg-type]
                facts=parse.attribute_facts(reglament, item.attributes, field=f"{where}.attributes"),
            )
        )
    declarations = []
    for i, d in enumerate(msg.declarations):
        where = f"{field}.declarations[{i}]"
        if d.item < 0 or d.item > len(msg.items):
            raise InvalidArgument(f"must be 0..{len(msg.items)}", field=f"{where}.item")
        declarations.append(
            DeclarationInput(
                member=parse.text(d.member, f"{where}.member"),
                item=d.item,
                in_protocol=_opt(d, "in_protocol"),  # type: ignore[arg-type]
                member_votes=_opt(d, "member_votes"),  # type: ignore[arg-type]
                external_control=_opt(d, "external_control"),  # type: ignore[arg-type]
                known=parse.day(d.known, f"{where}.known"),
                notified=parse.day(d.notified, f"{where}.notified"),
            )
        )
    notices = []
    for i, n in enumerate(msg.notices):
        where = f"{field}.notices[{i}]"
        notices.append(
            NoticeInput(
                person=parse.text(n.person, f"{where}.person"),
                category=parse.text(n.category, f"{where}.category", limit=50),
                sent=parse.moment(n.sent, f"{where}.sent"),
                signed=_opt(n, "signed"),  # type: ignore[arg-type]
                agreed=_opt(n, "agreed"),  # type: ignore[arg-type]
            )
        )
    fulfilled = {}
    for key, raw in msg.fulfilled.items():
        when = parse.moment(raw, f"{field}.fulfilled[{key[:40]}]")
        if when is None:
            raise InvalidArgument("is required: a date or datetime", field=f"{field}.fulfilled[{key[:40]}]")
        fulfilled[key] = when
    return MeetingInput(
        date=date,
        body=parse.text(msg.body, f"{field}.body", limit=100),
        start=start,
        members_total=msg.members_total or None,
        present=_opt_count(msg, "present", f"{field}.present"),
        present_members=tuple(parse.names(msg.present_members, f"{field}.present_members")),
        absent_members=tuple(parse.names(msg.absent_members, f"{field}.absent_members")),
        invited=tuple(parse.names(msg.invited, f"{field}.invited")),
        agenda=agenda,
        materials_to_members=materials_to_members,
        protocol=protocol,
        poll=poll,
        items=tuple(items),
        declarations=tuple(declarations),
        notices=tuple(notices),
        facts=parse.attribute_facts(reglament, msg.attributes, field=f"{field}.attributes"),
        fulfilled=fulfilled,
    )


def meeting_validation(v: MeetingValidation) -> approval_pb2.MeetingValidation:
    return approval_pb2.MeetingValidation(
        findings=[
            approval_pb2.MeetingFinding(index=p.index, part=p.part, finding=convert.finding(p.finding))
            for p in v.findings
        ],
        obligations=obligations(v.obligations),
        satisfied=[convert.clause_ref(r) for r in v.satisfied],
        quorum=v.quorum,
        ignored=list(v.ignored),
    )


# -- events -----------------------------------------------------------------------------------------


def _event(
    event_type: str, body: Message, municipality: str, reglament: str, key: Sequence[str], correlation: str
) -> OutboxEvent:
    event = envelope.make_event(
        event_type,
        municipality=municipality,
        reglament=reglament,
        body=body,
        event_id=envelope.deterministic_id(event_type, *key),
    )
    event.correlation_id = correlation
    return OutboxEvent(event.event_id, envelope.subject_of(event), event.SerializeToString())


def draft_correlation(draft_id: str) -> str:
    """Every event of one draft carries the id of its draft.submitted event as correlation id."""
    return envelope.deterministic_id(subjects.DRAFT_SUBMITTED, draft_id, "1")


def events(reglament: Reglament, domain_events: Sequence[Event]) -> list[OutboxEvent]:
    municipality, rid = reglament.meta.municipality, reglament.id
    out: list[OutboxEvent] = []
    for e in domain_events:
        correlation = draft_correlation(e.draft_id)
        if isinstance(e, RouteStarted):
            kind = subjects.DRAFT_SUBMITTED if e.round == 1 else subjects.DRAFT_ROUTE_RESTARTED
            body = events_pb2.DraftRouteStarted(
                draft_id=e.draft_id,
                kind=e.kind,
                title=e.title,
                round=e.round,
                reason=e.reason,
                clause=ref(e.clause),
                steps=list(e.steps),
            )
            out.append(_event(kind, body, municipality, rid, (e.draft_id, str(e.round)), correlation))
        elif isinstance(e, VisaRecorded):
            v = e.visa
            visa_body = events_pb2.DraftVisaRecorded(
                draft_id=e.draft_id,
                round=v.round,
                seq=v.seq,
                step_id=v.step_id,
                role=e.step.role,
                actor=v.actor,
                on_behalf_of=v.on_behalf_of,
                decision=v.decision.value,
                remarks=v.remarks,
                visaed_on=iso(v.visaed_on),
                clause=convert.clause_ref(e.step.ref),
                covers=list(v.covers),
            )
            out.append(
                _event(
                    subjects.DRAFT_VISA_RECORDED, visa_body, municipality, rid, (e.draft_id, str(v.seq)), correlation
                )
            )
        elif isinstance(e, RouteCompleted):
            done = events_pb2.DraftRouteCompleted(
                draft_id=e.draft_id, round=e.round, kind=e.kind, completed_on=iso(e.completed_on)
            )
            out.append(
                _event(subjects.DRAFT_ROUTE_COMPLETED, done, municipality, rid, (e.draft_id, str(e.round)), correlation)
            )
        elif isinstance(e, ApproverSubstituted):
            s = e.substitution
            sub = events_pb2.ApproverSubstituted(
                draft_id=e.draft_id,
                step_id=s.step_id,
                absent=s.absent,
                substitute=s.substitute,
                phase=s.phase,
                clause=ref(s.ref),
            )
            out.append(
                _event(
                    subjects.DRAFT_APPROVER_SUBSTITUTED, sub, municipality, rid, (e.draft_id, str(s.seq)), correlation
                )
            )
        elif isinstance(e, Signed):
            signed = events_pb2.DraftSigned(
                draft_id=e.draft_id,
                kind=_DOCUMENT_KIND[e.document_kind],
                title=e.title,
                signed=iso(e.signed),
                signed_by=e.signed_by,
                meeting=iso(e.meeting),
                executors=list(e.executors),
                correspondent=e.correspondent,
                restricted=e.restricted,
                urgent=e.urgent,
                attributes=dict(e.attributes),
            )
            out.append(_event(subjects.DRAFT_SIGNED, signed, municipality, rid, (e.draft_id,), correlation))
        elif isinstance(e, OutcomeApplied):
            kind = subjects.DRAFT_NOT_ADOPTED if e.outcome.value == "not_adopted" else subjects.DRAFT_ADOPTED
            outcome = events_pb2.DraftOutcome(
                draft_id=e.draft_id,
                meeting_id=e.meeting_id,
                meeting=iso(e.meeting),
                outcome=e.outcome.value,
                clause=ref(e.clause),
            )
            out.append(_event(kind, outcome, municipality, rid, (e.draft_id, e.meeting_id), correlation))
    return out


def meeting_event(
    reglament: Reglament, meeting_id: str, meeting: MeetingInput, validation: MeetingValidation, members_total: int
) -> OutboxEvent:
    severities = [p.finding.severity for p in validation.findings]
    body = events_pb2.MeetingRecorded(
        meeting_id=meeting_id,
        body=meeting.body or "executive_committee",
        date=iso(meeting.date),
        present=meeting.present_count() or 0,
        members_total=members_total,
        quorum=validation.quorum,
        violations=severities.count("violation"),
        warnings=severities.count("warning"),
    )
    event_id = envelope.deterministic_id(subjects.MEETING_RECORDED, meeting_id)
    return _event(subjects.MEETING_RECORDED, body, reglament.meta.municipality, reglament.id, (meeting_id,), event_id)
