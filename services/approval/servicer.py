"""reglament.v1.Approval: translates RPCs to the approval domain and its store; publishes through the outbox."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import grpc

from reglament.approval import facts as parse
from reglament.approval import lifecycle
from reglament.approval.drafts import validate_draft
from reglament.approval.lifecycle import ChangeKind, DraftState, Outcome
from reglament.approval.meetings import item_outcome, validate_meeting
from reglament.documents import validate_request_id
from reglament.errors import DomainError, InvalidArgument, NotFound
from reglament.route import draft_facts, plan_route
from reglament.rules.loader import Reglament, load_reglament
from reglament.v1 import approval_pb2, approval_pb2_grpc
from services import convert as common
from services.approval import convert
from services.approval.store import ApprovalStore, MeetingRow, Mutation
from services.rulebook import reglament_or_not_found, today_kyiv
from services.runtime import rpc

if TYPE_CHECKING:
    from services.approval.service import ApprovalService

_CHANGE = {
    approval_pb2.CHANGE_KIND_SUBSTANTIVE: ChangeKind.SUBSTANTIVE,
    approval_pb2.CHANGE_KIND_AT_MEETING: ChangeKind.AT_MEETING,
    approval_pb2.CHANGE_KIND_MINOR: ChangeKind.MINOR,
}
_CONTENT = (
    "tasks_have_terms",
    "tasks_have_responsible",
    "executor_count",
    "has_coordinator",
    "has_distribution_list",
    "pages",
    "bound_and_certified",
    "mayor_permission",
)
MAX_ID = 64


def _draft_id(value: str, field: str = "draft_id") -> str:
    if not value:
        raise InvalidArgument("is required", field=field)
    if len(value) > MAX_ID:
        raise InvalidArgument(f"is longer than {MAX_ID} characters", field=field)
    return value


def _state(states: dict[str, DraftState], draft_id: str, field: str = "draft_id") -> DraftState:
    state = states.get(draft_id)
    if state is None:
        raise NotFound(f"no draft with id {draft_id!r}", field=field)
    return state


def _today(value: str, field: str = "today") -> dt.date:
    return parse.day(value, field) or today_kyiv()


def _fulfilled(raw: dict[str, str], field: str) -> dict[str, Any]:
    out = {}
    for key, value in raw.items():
        when = parse.moment(value, f"{field}[{key[:40]}]")
        if when is None:
            raise InvalidArgument("is required: a date or datetime", field=f"{field}[{key[:40]}]")
        out[key] = when
    return out


class ApprovalServicer(approval_pb2_grpc.ApprovalServicer):
    def __init__(self, service: ApprovalService) -> None:
        self.service = service

    @property
    def store(self) -> ApprovalStore:
        return self.service.store

    async def _mutate(self, rpc_name: str, request: Any, draft_ids: list[str], apply: Any) -> bytes:
        request_id = validate_request_id(request.request_id)
        replied = await asyncio.to_thread(
            self.store.mutate,
            rpc=rpc_name,
            request_id=request_id,
            fingerprint=convert.fingerprint(request),
            draft_ids=draft_ids,
            apply=apply,
        )
        await self.service.flush_outbox()
        return replied.response

    def _route(self, reglament: Reglament, result: lifecycle.Result, today: dt.date) -> Mutation:
        state = result.state
        reply = convert.draft_route(state, lifecycle.view(reglament, state, today), result.findings)
        return Mutation(
            response=reply.SerializeToString(), drafts=[state], events=convert.events(reglament, result.events)
        )

    # -- routes -----------------------------------------------------------------------------------

    @rpc
    async def PlanRoute(
        self, request: approval_pb2.PlanRouteRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.PlanRouteResponse:
        reglament = reglament_or_not_found(request.reglament)
        if not request.HasField("draft"):
            raise InvalidArgument("is required", field="draft")
        draft = convert.draft_input(request.draft)
        facts = draft_facts(reglament, draft.base(), draft.attributes, field_prefix="draft.")
        route = await asyncio.to_thread(plan_route, reglament, facts, holders=draft.holders(), today=today_kyiv())
        response = approval_pb2.PlanRouteResponse(
            steps=[convert.step(s) for s in route.steps],
            paper_only=route.paper_only,
            findings=[common.finding(f) for f in route.findings],
        )
        if route.paper_clause is not None:
            response.paper_only_clause.CopyFrom(common.clause_ref(route.paper_clause))
        return response

    @rpc
    async def SubmitDraft(
        self, request: approval_pb2.SubmitDraftRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.DraftRoute:
        reglament = reglament_or_not_found(request.reglament)
        if not request.HasField("draft"):
            raise InvalidArgument("is required", field="draft")
        draft = convert.draft_input(request.draft)
        draft.facts(reglament)  # every field checked before anything is written
        today = today_kyiv()
        submitted = parse.day(request.submitted, "submitted") or today
        if len(request.approvers) > parse.MAX_ITEMS or len(request.substitutions) > parse.MAX_ITEMS:
            raise InvalidArgument(f"at most {parse.MAX_ITEMS} entries", field="approvers")
        approvers = [
            lifecycle.Approver(
                role=parse.text(a.role, f"approvers[{i}].role", required=True, limit=100),
                body=parse.text(a.body, f"approvers[{i}].body"),
                person=parse.text(a.person, f"approvers[{i}].person", required=True),
            )
            for i, a in enumerate(request.approvers)
        ]
        substitutions = [
            (
                parse.text(s.role, f"substitutions[{i}].role", required=True, limit=100),
                parse.text(s.body, f"substitutions[{i}].body"),
                parse.text(s.absent, f"substitutions[{i}].absent"),
                parse.text(s.substitute, f"substitutions[{i}].substitute"),
                s.acting,
            )
            for i, s in enumerate(request.substitutions)
        ]
        draft_id = uuid.uuid4().hex

        def apply(states: dict[str, DraftState]) -> Mutation:
            result = lifecycle.submit(
                reglament,
                draft_id,
                draft,
                submitted=submitted,
                today=today,
                approvers=approvers,
                substitutions=substitutions,
            )
            return self._route(reglament, result, today)

        reply = await self._mutate("SubmitDraft", request, [draft_id], apply)
        return approval_pb2.DraftRoute.FromString(reply)

    @rpc
    async def GetRoute(
        self, request: approval_pb2.GetRouteRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.DraftRoute:
        draft_id = _draft_id(request.draft_id)
        today = _today(request.today)
        state = await asyncio.to_thread(self.store.get_draft, draft_id)
        if state is None:
            raise NotFound(f"no draft with id {draft_id!r}", field="draft_id")
        reglament = load_reglament(state.reglament)
        views = await asyncio.to_thread(lifecycle.view, reglament, state, today)
        return convert.draft_route(state, views)

    @rpc
    async def RecordVisa(
        self, request: approval_pb2.RecordVisaRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.DraftRoute:
        draft_id = _draft_id(request.draft_id)
        decision = convert.decision(request.decision)
        actor = parse.text(request.actor, "actor", required=True)
        remarks = parse.text(request.remarks, "remarks", limit=parse.MAX_REMARKS)
        role = parse.text(request.role, "role", required=True, limit=100)
        body = parse.text(request.body, "body")
        clause = parse.text(request.clause, "clause", limit=64)
        medium = parse.text(request.medium, "medium", limit=20)
        today = today_kyiv()
        visaed_on = parse.day(request.visaed_on, "visaed_on") or today

        def apply(states: dict[str, DraftState]) -> Mutation:
            state = _state(states, draft_id)
            reglament = load_reglament(state.reglament)
            step = lifecycle.find_step(reglament, state, role, body, clause)
            result = lifecycle.record_visa(
                reglament,
                state,
                step,
                actor=actor,
                decision=decision,
                visaed_on=visaed_on,
                today=today,
                remarks=remarks,
                medium=medium,
            )
            return self._route(reglament, result, today)

        reply = await self._mutate("RecordVisa", request, [draft_id], apply)
        return approval_pb2.DraftRoute.FromString(reply)

    @rpc
    async def SubstituteApprover(
        self, request: approval_pb2.SubstituteApproverRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.DraftRoute:
        draft_id = _draft_id(request.draft_id)
        if not request.HasField("substitution"):
            raise InvalidArgument("is required", field="substitution")
        s = request.substitution
        role = parse.text(s.role, "substitution.role", required=True, limit=100)
        body = parse.text(s.body, "substitution.body")
        absent = parse.text(s.absent, "substitution.absent", required=True)
        person = parse.text(s.substitute, "substitution.substitute", required=True)
        clause = parse.text(request.clause, "clause", limit=64)
        today = today_kyiv()

        def apply(states: dict[str, DraftState]) -> Mutation:
            state = _state(states, draft_id)
            reglament = load_reglament(state.reglament)
            try:
                step = lifecycle.find_step(reglament, state, role, body, clause)
                result = lifecycle.substitute(reglament, state, step, absent, person, s.acting, today)
            except DomainError as exc:
                raise (
                    lifecycle.prefixed(exc, "substitution")
                    if exc.field in ("role", "body", "absent", "acting", "substitute")
                    else exc
                ) from None
            return self._route(reglament, result, today)

        reply = await self._mutate("SubstituteApprover", request, [draft_id], apply)
        return approval_pb2.DraftRoute.FromString(reply)

    @rpc
    async def ChangeDraft(
        self, request: approval_pb2.ChangeDraftRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.DraftRoute:
        draft_id = _draft_id(request.draft_id)
        kind = _CHANGE.get(request.kind)
        if kind is None:
            raise InvalidArgument("is required: SUBSTANTIVE, AT_MEETING or MINOR", field="kind")
        draft = convert.draft_input(request.draft) if request.HasField("draft") else None
        proposer = parse.text(request.proposer, "proposer")
        meeting = parse.day(request.meeting, "meeting")
        parse.text(request.reason, "reason", limit=parse.MAX_REMARKS)
        today = today_kyiv()

        def apply(states: dict[str, DraftState]) -> Mutation:
            state = _state(states, draft_id)
            reglament = load_reglament(state.reglament)
            if draft is not None:
                draft.facts(reglament)
            result = lifecycle.change(
                reglament, state, kind, today=today, draft=draft, proposer=proposer, meeting=meeting
            )
            return self._route(reglament, result, today)

        reply = await self._mutate("ChangeDraft", request, [draft_id], apply)
        return approval_pb2.DraftRoute.FromString(reply)

    @rpc
    async def SignDraft(
        self, request: approval_pb2.SignDraftRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.DraftRoute:
        draft_id = _draft_id(request.draft_id)
        signed_by = parse.text(request.signed_by, "signed_by", required=True, limit=100)
        signer = parse.text(request.signer, "signer")
        annexes_signed_by = parse.text(request.annexes_signed_by, "annexes_signed_by", limit=100)
        today = today_kyiv()
        signed = parse.day(request.signed, "signed") or today

        def apply(states: dict[str, DraftState]) -> Mutation:
            state = _state(states, draft_id)
            reglament = load_reglament(state.reglament)
            result = lifecycle.sign(
                reglament,
                state,
                signed_by=signed_by,
                signed=signed,
                today=today,
                signer=signer,
                signer_chaired=request.signer_chaired,
                has_annexes=request.has_annexes,
                annexes_signed_by=annexes_signed_by,
                urgent=request.urgent,
            )
            return self._route(reglament, result, today)

        reply = await self._mutate("SignDraft", request, [draft_id], apply)
        return approval_pb2.DraftRoute.FromString(reply)

    # -- checks -----------------------------------------------------------------------------------

    @rpc
    async def ValidateDraft(
        self, request: approval_pb2.ValidateDraftRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.Validation:
        today = _today(request.today)
        state: DraftState | None = None
        if request.draft_id:
            extra = dict(request.draft.attributes)
            only_attributes = approval_pb2.Draft(attributes=extra)
            if request.HasField("draft") and request.draft != only_attributes:
                raise InvalidArgument("with draft_id, only draft.attributes may add facts", field="draft")
            state = await asyncio.to_thread(self.store.get_draft, _draft_id(request.draft_id))
            if state is None:
                raise NotFound(f"no draft with id {request.draft_id!r}", field="draft_id")
            if request.reglament and request.reglament != state.reglament:
                raise InvalidArgument(f"the draft is under {state.reglament}", field="reglament")
            reglament = load_reglament(state.reglament)
            twice = sorted(set(extra) & set(state.draft.attributes))
            if twice:
                raise InvalidArgument("the stored draft already gives this fact", field=f"draft.attributes[{twice[0]}]")
            draft = replace(state.draft, attributes={**state.draft.attributes, **extra})
        else:
            reglament = reglament_or_not_found(request.reglament)
            if not request.HasField("draft"):
                raise InvalidArgument("is required (or draft_id)", field="draft")
            draft = convert.draft_input(request.draft)
        typed = {name: getattr(request.content, name) if request.content.HasField(name) else None for name in _CONTENT}
        for name in ("executor_count", "pages"):
            parse.count(typed[name], f"content.{name}")
        facts = draft_facts(reglament, draft.base(), draft.attributes, field_prefix="draft.")
        content, ignored = parse.declared(reglament, typed)
        clash = set(content) & set(draft.attributes)
        if clash:
            name = sorted(clash)[0]
            raise InvalidArgument(f"fact {name!r} is given twice (content and attributes)", field=f"content.{name}")
        facts.update(content)
        if state is not None:
            for fact, value in lifecycle.route_facts(reglament, state, today).items():
                facts.setdefault(fact, value)
        meeting = parse.day(request.meeting, "meeting") or (state.meeting if state is not None else None)
        materials = parse.day(request.materials_submitted, "materials_submitted")
        fulfilled = _fulfilled(dict(request.fulfilled), "fulfilled")
        result = await asyncio.to_thread(
            lambda: validate_draft(
                reglament,
                facts,
                today=today,
                meeting=meeting,
                materials_submitted=materials,
                fulfilled=fulfilled,
                holders=draft.holders(state.proposer if state else ""),
                subject_id=state.id if state else "",
            )
        )
        return approval_pb2.Validation(
            findings=[common.finding(f) for f in result.findings],
            obligations=convert.obligations(result.obligations),
            steps=[convert.step(s) for s in result.route.steps],
            satisfied=[common.clause_ref(r) for r in result.satisfied],
            ignored=[*ignored, *result.ignored],
        )

    @rpc
    async def ValidateMeeting(
        self, request: approval_pb2.ValidateMeetingRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.MeetingValidation:
        reglament = reglament_or_not_found(request.reglament)
        if not request.HasField("meeting"):
            raise InvalidArgument("is required", field="meeting")
        meeting = convert.meeting_input(reglament, request.meeting)
        today = _today(request.today)
        result = await asyncio.to_thread(validate_meeting, reglament, meeting, today=today)
        return convert.meeting_validation(result)

    @rpc
    async def RecordMeeting(
        self, request: approval_pb2.RecordMeetingRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.MeetingRecord:
        reglament = reglament_or_not_found(request.reglament)
        if not request.HasField("meeting"):
            raise InvalidArgument("is required", field="meeting")
        meeting = convert.meeting_input(reglament, request.meeting)
        today = _today(request.today)
        if meeting.date > today:
            raise InvalidArgument(
                f"{meeting.date} is after today ({today}): record a meeting once held", field="meeting.date"
            )
        meeting_id = uuid.uuid4().hex
        linked = [item.draft_id for item in meeting.items if item.draft_id]
        if len(set(linked)) != len(linked):
            raise InvalidArgument("a draft is linked to two items", field="meeting.items")
        members_total = meeting.members_total or reglament.meta.executive_committee.total

        def apply(states: dict[str, DraftState]) -> Mutation:
            completed = {}
            for i, item in enumerate(meeting.items):
                if not item.draft_id:
                    continue
                state = _state(states, item.draft_id, f"meeting.items[{i}].draft_id")
                if state.reglament != reglament.id:
                    raise InvalidArgument(f"the draft is under {state.reglament}", field=f"meeting.items[{i}].draft_id")
                completed[item.draft_id] = lifecycle.is_complete(lifecycle.view(reglament, state, today))
            validation = validate_meeting(
                reglament, meeting, today=today, subject_id=meeting_id, drafts_route_completed=completed
            )
            reply = approval_pb2.MeetingRecord(meeting_id=meeting_id, validation=convert.meeting_validation(validation))
            changed: list[DraftState] = []
            domain_events: list[lifecycle.Event] = []
            for i, item in enumerate(meeting.items, start=1):
                if not item.draft_id:
                    continue
                outcome, reason, cite = item_outcome(reglament, validation, i, item)
                applied = "unchanged"
                if outcome is not None:
                    try:
                        result = lifecycle.meeting_outcome(
                            reglament,
                            states[item.draft_id],
                            outcome,
                            meeting_id=meeting_id,
                            meeting=meeting.date,
                            today=today,
                            proposer=item.proposer,
                        )
                    except DomainError as exc:
                        reason = str(exc)
                        cite = lifecycle.clause_ref(reglament, exc.clause)
                    else:
                        changed.append(result.state)
                        domain_events.extend(result.events)
                        applied = outcome.value
                        event = result.events[0]
                        cite = event.clause if isinstance(event, lifecycle.OutcomeApplied) else None
                reply.outcomes.append(
                    approval_pb2.ItemOutcome(
                        item=i,
                        draft_id=item.draft_id,
                        outcome=applied,
                        reason=reason,
                        clause=convert.ref(cite),
                    )
                )
            out_events = [
                convert.meeting_event(reglament, meeting_id, meeting, validation, members_total),
                *convert.events(reglament, domain_events),
            ]
            row = MeetingRow(
                meeting_id,
                reglament.id,
                meeting.body or "executive_committee",
                meeting.date,
                request.meeting.SerializeToString(),
                reply.SerializeToString(),
            )
            return Mutation(response=reply.SerializeToString(), drafts=changed, events=out_events, meeting=row)

        reply = await self._mutate("RecordMeeting", request, linked, apply)
        return approval_pb2.MeetingRecord.FromString(reply)


__all__ = ["ApprovalServicer", "Outcome"]
