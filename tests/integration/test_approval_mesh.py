"""The approval service over gRPC with the mesh running: routes, visas, meetings, signature, and the
registration of signed decisions and orders by the registry (through events) with their obligations."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import time
import uuid
from collections.abc import Iterator
from typing import Any

import grpc
import nats
import pytest
from nats.js.api import ConsumerConfig, DeliverPolicy

from reglament.approval.checks import kleene
from reglament.approval.facts import KYIV
from reglament.events import subjects
from reglament.natsd import NatsServer
from reglament.rules.evaluate import engine_facts
from reglament.rules.facts import to_epoch_day
from reglament.rules.loader import Reglament, load_reglament
from reglament.rules.reference import holds
from reglament.rules.schema import Condition, Encoding, FactRef, Kind, Subject
from reglament.v1 import approval_pb2 as A
from reglament.v1 import common_pb2, events_pb2, registry_pb2
from tests.conftest import Stubs

pytestmark = [pytest.mark.integration, pytest.mark.timeout(240)]

V = "vinnytsia-2020"
S = "shostka-2013"
TODAY = dt.date.today()
SUBMITTED = (TODAY - dt.timedelta(days=20)).isoformat()
MEETING = TODAY - dt.timedelta(days=7)
VISAED = TODAY - dt.timedelta(days=10)  # the route is completed before the meeting (r6-s4-p8)


def rpc_error(call: Any, *args: Any, **kwargs: Any) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as info:
        call(*args, timeout=10, **kwargs)
    return info.value


def submit(stubs: Stubs, reglament: str = V, **fields: Any) -> A.DraftRoute:
    approvers = fields.pop("approvers", [])
    title = fields.pop("title", f"Про благоустрій {uuid.uuid4().hex[:8]}")
    draft = A.Draft(kind=fields.pop("kind", "decision"), title=title, **fields)
    return stubs.approval.SubmitDraft(
        A.SubmitDraftRequest(
            request_id=uuid.uuid4().hex, reglament=reglament, draft=draft, approvers=approvers, submitted=SUBMITTED
        ),
        timeout=10,
    )


def visa(stubs: Stubs, route: A.DraftRoute, role: str, actor: str = "Особа", **fields: Any) -> A.DraftRoute:
    return stubs.approval.RecordVisa(
        A.RecordVisaRequest(
            draft_id=route.draft_id,
            role=role,
            actor=actor,
            decision=fields.pop("decision", A.VISA_DECISION_APPROVE),
            **fields,
        ),
        timeout=10,
    )


def complete(
    stubs: Stubs, route: A.DraftRoute, last: str = "keruiuchyi_spravamy", on: dt.date = VISAED
) -> A.DraftRoute:
    """Visas every pending step (each by its named approver if any), then the `last` role, all dated `on`."""
    day = on.isoformat()
    while True:
        pending = [s for s in route.steps if s.status == A.STEP_STATUS_PENDING and s.step.role != last]
        if not pending:
            break
        step = pending[0]
        actor = step.substitute or step.approver or "Особа"
        route = visa(stubs, route, step.step.role, actor=actor, body=step.step.body, visaed_on=day)
    waiting = [
        s for s in route.steps if s.step.role == last and s.status in (A.STEP_STATUS_PENDING, A.STEP_STATUS_WAITING)
    ]
    for step in waiting:
        route = visa(stubs, route, last, actor=step.approver or "Особа", body=step.step.body, visaed_on=day)
    return route


def stream_events(nats_url: str, subject: str) -> list[events_pb2.Event]:
    """Every event on the stream under `subject` (an ephemeral consumer from the start)."""

    async def read() -> list[events_pb2.Event]:
        nc = await nats.connect(nats_url)
        js = nc.jetstream()
        sub = await js.pull_subscribe(
            subject, stream=subjects.STREAM, config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL)
        )
        out: list[events_pb2.Event] = []
        while True:
            try:
                msgs = await sub.fetch(256, timeout=1)
            except (TimeoutError, nats.errors.TimeoutError):
                break
            for msg in msgs:
                out.append(events_pb2.Event.FromString(msg.data))
                await msg.ack()
        await nc.close()
        return out

    return asyncio.run(read())


def wait_for_registration(stubs: Stubs, title: str, kind: int, minimum_obligations: int) -> common_pb2.Document:
    deadline = time.monotonic() + 30
    while True:
        token, found = "", None
        while True:
            page = stubs.registry.ListDocuments(
                registry_pb2.ListDocumentsRequest(kind=kind, page_size=500, page_token=token), timeout=5
            )
            found = next((d for d in page.documents if d.title == title), found)
            token = page.next_page_token
            if not token:
                break
        if found is not None:
            doc = stubs.registry.GetDocument(registry_pb2.GetDocumentRequest(id=found.id), timeout=5)
            if len(doc.obligations) >= minimum_obligations or time.monotonic() > deadline:
                return doc
        elif time.monotonic() > deadline:
            raise AssertionError(f"no document titled {title!r} was registered")
        time.sleep(0.2)


# -- routes -----------------------------------------------------------------------------------------


def test_plan_route_stays_compatible_and_cites_paper_visas(stubs: Stubs) -> None:
    reply = stubs.approval.PlanRoute(
        A.PlanRouteRequest(
            reglament=V, draft=A.Draft(kind="decision", restricted=True, to_council=True, task_bodies=["Відділ А"])
        ),
        timeout=10,
    )
    assert [s.clause.clause for s in reply.steps][-2:] == ["r6-s4-p5.9", "r6-s4-p5.10"]
    assert reply.paper_only and reply.paper_only_clause.clause == "r6-s4-p5.12"
    assert all(s.paper_only and s.clause.quote and s.step_id and s.role_name for s in reply.steps)
    assert list(reply.findings) == []  # nothing said about content: nothing found
    error = rpc_error(stubs.approval.PlanRoute, A.PlanRouteRequest(reglament=V, draft=A.Draft(kind="law")))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "draft.kind" in (error.details() or "")
    error = rpc_error(stubs.approval.PlanRoute, A.PlanRouteRequest(reglament="kyiv-1990", draft=A.Draft(kind="order")))
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_a_decision_from_submission_to_registration_with_its_obligations(stubs: Stubs, nats_server: NatsServer) -> None:
    route = submit(
        stubs,
        preparing_body="Департамент житлового господарства",
        competent_body="Департамент житлового господарства",
        finance_competence=True,
        task_bodies=["Департамент освіти"],
        approvers=[A.Approver(role="legal_director", person="Коваль К.К.")],
    )
    assert route.stage == A.DRAFT_STAGE_ON_ROUTE and route.round == 1
    # the керуючий справами before 5.1–5.8: FAILED_PRECONDITION citing r6-s4-p6 with its words
    error = rpc_error(
        stubs.approval.RecordVisa,
        A.RecordVisaRequest(draft_id=route.draft_id, role="keruiuchyi_spravamy", actor="К", decision=1),
    )
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "vinnytsia-2020/r6-s4-p6" in (error.details() or "") and "«після їх погодження" in (error.details() or "")
    # someone else than the named director: PERMISSION_DENIED citing the step's clause
    error = rpc_error(
        stubs.approval.RecordVisa,
        A.RecordVisaRequest(draft_id=route.draft_id, role="legal_director", actor="Шевчук", decision=1),
    )
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED and "r6-s4-p5.3" in (error.details() or "")
    # the director is away: the person acting for them replaces them before the procedure (no visa yet)
    route = stubs.approval.SubstituteApprover(
        A.SubstituteApproverRequest(
            draft_id=route.draft_id,
            substitution=A.Substitution(
                role="legal_director", absent="Коваль К.К.", substitute="Мельник М.М.", acting=True
            ),
        ),
        timeout=10,
    )
    [substitution] = route.substitutions
    assert substitution.phase == "before" and substitution.clause.clause == "r6-s4-p5-a2"
    route = complete(stubs, route)
    assert route.stage == A.DRAFT_STAGE_ROUTE_COMPLETED
    covered = {s.step.step_id: s.covered_by for s in route.steps}
    assert covered["r6-s4-p5.2/head_competent_body"] == "r6-s4-p5.1/head_preparing_body"
    # signing before adoption: FAILED_PRECONDITION citing r6-s8-p1
    error = rpc_error(stubs.approval.SignDraft, A.SignDraftRequest(draft_id=route.draft_id, signed_by="mayor"))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "r6-s8-p1" in (error.details() or "")
    record = stubs.approval.RecordMeeting(
        A.RecordMeetingRequest(
            request_id=uuid.uuid4().hex,
            reglament=V,
            meeting=A.Meeting(
                date=MEETING.isoformat(),
                members_total=14,
                present=9,
                items=[A.AgendaItem(draft_id=route.draft_id, votes_for=9, adopted=True)],
            ),
        ),
        timeout=10,
    )
    assert record.validation.quorum
    assert [(o.draft_id, o.outcome) for o in record.outcomes] == [(route.draft_id, "adopted")]
    signed_on = (MEETING + dt.timedelta(days=1)).isoformat()
    route = stubs.approval.SignDraft(
        A.SignDraftRequest(request_id=uuid.uuid4().hex, draft_id=route.draft_id, signed_by="mayor", signed=signed_on),
        timeout=10,
    )
    assert route.stage == A.DRAFT_STAGE_SIGNED and route.meeting == MEETING.isoformat()
    doc = wait_for_registration(stubs, route.draft.title, common_pb2.DOCUMENT_KIND_EC_DECISION, 3)
    assert doc.journal == "ec_decision" and doc.number
    assert list(doc.executors) == ["Департамент освіти"]
    obligations = {o.clause.clause for o in doc.obligations}
    # registration next working day (r6-s8-p8), copies within 5 days of the meeting (r6-s11-p1),
    # distribution through the document system within 3 days (r6-s11-p2)
    assert {"r6-s8-p8", "r6-s11-p1", "r6-s11-p2"} <= obligations, obligations
    events = [
        e
        for e in stream_events(nats_server.url, "reglament.vinnytsia.draft.>")
        if e.WhichOneof("body") and getattr(e, e.WhichOneof("body")).draft_id == route.draft_id
    ]
    types = [e.type for e in events]
    assert types[0] == subjects.DRAFT_SUBMITTED and types[-1] == subjects.DRAFT_SIGNED
    assert {
        subjects.DRAFT_APPROVER_SUBSTITUTED,
        subjects.DRAFT_VISA_RECORDED,
        subjects.DRAFT_ROUTE_COMPLETED,
        subjects.DRAFT_ADOPTED,
    } <= set(types)
    assert len({e.correlation_id for e in events}) == 1  # one flow
    [signed] = [e for e in events if e.type == subjects.DRAFT_SIGNED]
    assert signed.draft_signed.kind == common_pb2.DOCUMENT_KIND_EC_DECISION
    assert signed.draft_signed.attributes["meeting"] == MEETING.isoformat()


def test_changes_at_the_meeting_are_visaed_again_by_the_r6_s4_p9_subset_before_signature(stubs: Stubs) -> None:
    route = complete(stubs, submit(stubs, finance_competence=True, to_council=True))
    record = stubs.approval.RecordMeeting(
        A.RecordMeetingRequest(
            reglament=V,
            meeting=A.Meeting(
                date=MEETING.isoformat(),
                present=10,
                items=[
                    A.AgendaItem(
                        draft_id=route.draft_id, votes_for=10, adopted=True, changed=True, proposer="Бондар Б.Б."
                    )
                ],
            ),
        ),
        timeout=10,
    )
    [outcome] = record.outcomes
    assert outcome.outcome == "adopted_with_changes"
    route = stubs.approval.GetRoute(A.GetRouteRequest(draft_id=route.draft_id), timeout=10)
    assert (route.round, route.round_reason, route.round_clause.clause) == (2, "changed_at_meeting", "r6-s4-p9")
    assert [(s.step.role, s.step.holder) for s in route.steps] == [
        ("head_preparing_body", ""),
        ("change_proposer", "Бондар Б.Б."),
        ("legal_director", ""),
        ("keruiuchyi_spravamy", ""),
    ]
    assert [o.clause.clause for o in route.obligations] == ["r6-s8-p4"]
    error = rpc_error(stubs.approval.SignDraft, A.SignDraftRequest(draft_id=route.draft_id, signed_by="mayor"))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "r6-s4-p9" in (error.details() or "")
    route = complete(stubs, route, on=TODAY)  # the re-approval of r6-s4-p9 follows the meeting
    assert route.stage == A.DRAFT_STAGE_ADOPTED
    assert stubs.approval.SignDraft(
        A.SignDraftRequest(draft_id=route.draft_id, signed_by="mayor"), timeout=10
    ).stage == (A.DRAFT_STAGE_SIGNED)


@pytest.mark.parametrize(
    ("present", "votes", "adopted", "outcome", "clause"),
    [
        (7, 7, True, "unchanged", "r6-s2-p1"),  # exactly half present: no quorum, nothing counts
        (8, 7, True, "unchanged", "r6-s8-p1"),  # exactly half for: no majority
        (8, 7, False, "not_adopted", "r6-s8-p3"),  # returned to the executors
        (8, 8, True, "adopted", "r6-s8-p1"),
    ],
)
def test_the_meeting_outcome_counts_only_with_quorum_and_majority(
    stubs: Stubs, present: int, votes: int, adopted: bool, outcome: str, clause: str
) -> None:
    route = complete(stubs, submit(stubs))
    record = stubs.approval.RecordMeeting(
        A.RecordMeetingRequest(
            reglament=V,
            meeting=A.Meeting(
                date=MEETING.isoformat(),
                members_total=14,
                present=present,
                items=[A.AgendaItem(draft_id=route.draft_id, votes_for=votes, adopted=adopted)],
            ),
        ),
        timeout=10,
    )
    [result] = record.outcomes
    assert (result.outcome, result.clause.clause) == (outcome, clause)
    stage = stubs.approval.GetRoute(A.GetRouteRequest(draft_id=route.draft_id), timeout=10).stage
    expected = {
        "unchanged": A.DRAFT_STAGE_ROUTE_COMPLETED,
        "not_adopted": A.DRAFT_STAGE_NOT_ADOPTED,
        "adopted": A.DRAFT_STAGE_ADOPTED,
    }[outcome]
    assert stage == expected


def record(stubs: Stubs, reglament: str, draft_id: str, item: A.AgendaItem, **meeting: Any) -> A.ItemOutcome:
    """Records a meeting of `MEETING` considering one draft; its outcome (the draft's stage is checked by callers)."""
    reply = stubs.approval.RecordMeeting(
        A.RecordMeetingRequest(
            reglament=reglament,
            meeting=A.Meeting(date=MEETING.isoformat(), members_total=14, items=[item], **meeting),
        ),
        timeout=10,
    )
    [result] = reply.outcomes
    assert result.draft_id == draft_id
    return result


def stage_of(stubs: Stubs, draft_id: str) -> int:
    return stubs.approval.GetRoute(A.GetRouteRequest(draft_id=draft_id), timeout=10).stage


@pytest.mark.parametrize(
    ("meeting", "clause", "says"),
    [
        ({}, "r6-s2-p1", "(present)"),  # nobody recorded how many members were present
        ({"present": 3, "body": "narada"}, "r6-s8-p1", "narada"),  # a нарада adopts no decision of the committee
    ],
)
def test_a_decision_is_not_adopted_without_the_facts_that_show_quorum_and_majority(
    stubs: Stubs, meeting: dict[str, Any], clause: str, says: str
) -> None:
    route = complete(stubs, submit(stubs))
    item = A.AgendaItem(draft_id=route.draft_id, votes_for=meeting.get("present", 9), adopted=True)
    result = record(stubs, V, route.draft_id, item, **meeting)
    assert (result.outcome, result.clause.clause) == ("unchanged", clause)
    assert says in result.reason and f"[{V}/{clause}]" in result.reason
    assert stage_of(stubs, route.draft_id) == A.DRAFT_STAGE_ROUTE_COMPLETED
    error = rpc_error(stubs.approval.SignDraft, A.SignDraftRequest(draft_id=route.draft_id, signed_by="mayor"))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION


@pytest.mark.parametrize(
    ("meeting", "votes", "field"),
    [
        ({"present": 15}, 9, "meeting.present"),  # more present than the 14 members of the committee
        ({"present": 8}, 9, "meeting.items[0].votes_for"),  # more votes than members present
    ],
)
def test_a_meeting_whose_counts_contradict_each_other_is_refused_and_nothing_changes(
    stubs: Stubs, meeting: dict[str, Any], votes: int, field: str
) -> None:
    route = complete(stubs, submit(stubs))
    item = A.AgendaItem(draft_id=route.draft_id, votes_for=votes, adopted=True)
    error = rpc_error(
        stubs.approval.RecordMeeting,
        A.RecordMeetingRequest(
            request_id=f"bad-counts-{route.draft_id}",
            reglament=V,
            meeting=A.Meeting(date=MEETING.isoformat(), members_total=14, items=[item], **meeting),
        ),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and (error.details() or "").startswith(f"{field}:")
    assert stage_of(stubs, route.draft_id) == A.DRAFT_STAGE_ROUTE_COMPLETED


def test_a_late_agenda_stays_a_finding_and_the_lawfully_voted_decision_is_adopted_and_signed(stubs: Stubs) -> None:
    route = complete(stubs, submit(stubs))
    late = (MEETING - dt.timedelta(days=1)).isoformat()  # formed the day before: due 2 days before (r6-s3-p1)
    reply = stubs.approval.RecordMeeting(
        A.RecordMeetingRequest(
            reglament=V,
            meeting=A.Meeting(
                date=MEETING.isoformat(),
                members_total=14,
                present=9,
                agenda=A.Agenda(formed=late, agreed_by_mayor=True, signed_by_keruiuchyi=True),
                items=[A.AgendaItem(draft_id=route.draft_id, votes_for=9, adopted=True)],
            ),
        ),
        timeout=10,
    )
    assert ("meeting", "r6-s3-p1") in {(f.part, f.finding.clause.clause) for f in reply.validation.findings}
    assert [o.outcome for o in reply.outcomes] == ["adopted"]
    signed = stubs.approval.SignDraft(
        A.SignDraftRequest(draft_id=route.draft_id, signed_by="mayor", signed=MEETING.isoformat()), timeout=10
    )
    assert signed.stage == A.DRAFT_STAGE_SIGNED


def test_a_draft_visaed_after_the_meeting_is_not_adopted_at_it(stubs: Stubs) -> None:
    route = complete(stubs, submit(stubs), on=MEETING + dt.timedelta(days=1))
    result = record(
        stubs, V, route.draft_id, A.AgendaItem(draft_id=route.draft_id, votes_for=9, adopted=True), present=9
    )
    assert (result.outcome, result.clause.clause) == ("unchanged", "r6-s4-p8")
    assert f"[{V}/r6-s4-p8]" in result.reason and "«їх електронні (паперові) копії" in result.reason
    assert stage_of(stubs, route.draft_id) == A.DRAFT_STAGE_ROUTE_COMPLETED


@pytest.mark.parametrize(
    ("signatures", "outcome"),
    [
        (7, "adopted"),  # exactly half of 14 signed the poll sheet: enough («не менше як половиною складу»)
        (6, "unchanged"),  # fewer than half
    ],
)
def test_a_decision_between_meetings_by_poll_needs_the_signatures_of_at_least_half_of_the_committee(
    stubs: Stubs, signatures: int, outcome: str
) -> None:
    route = complete(stubs, submit(stubs))
    poll = A.Poll(emergency=True, signed_by_mayor=True, signatures=signatures)
    item = A.AgendaItem(draft_id=route.draft_id, votes_for=signatures, adopted=True)
    result = record(stubs, V, route.draft_id, item, poll=poll)
    assert result.outcome == outcome, result.reason
    if outcome == "unchanged":
        assert result.clause.clause == "r6-s9-a1" and "не менше як половиною складу" in result.reason
    expected = A.DRAFT_STAGE_ADOPTED if outcome == "adopted" else A.DRAFT_STAGE_ROUTE_COMPLETED
    assert stage_of(stubs, route.draft_id) == expected


@pytest.mark.parametrize(
    ("present", "votes", "outcome", "clause"),
    [
        (7, 7, "unchanged", "r2-s2-p2.7"),  # exactly half of 14 take part: not competent (р. 2 п. 2.7 = р. 8 п. 4.1)
        (10, 7, "unchanged", "r8-s4-p4.8"),  # exactly half for: no majority of the total membership
        (10, 8, "adopted", "r8-s4-p4.8"),  # half + 1
    ],
)
def test_shostka_a_decision_needs_a_quorate_meeting_and_the_majority_of_the_total_membership(
    stubs: Stubs, present: int, votes: int, outcome: str, clause: str
) -> None:
    route = complete(stubs, submit(stubs, S))
    assert route.stage == A.DRAFT_STAGE_ROUTE_COMPLETED
    item = A.AgendaItem(draft_id=route.draft_id, votes_for=votes, adopted=True)
    result = record(stubs, S, route.draft_id, item, present=present)
    assert (result.outcome, result.clause.clause) == (outcome, clause), result.reason
    expected = A.DRAFT_STAGE_ADOPTED if outcome == "adopted" else A.DRAFT_STAGE_ROUTE_COMPLETED
    assert stage_of(stubs, route.draft_id) == expected


def refused_substitution(stubs: Stubs, route: A.DraftRoute, substitute: str, *, acting: bool) -> grpc.RpcError:
    """The refusal of a substitution for the legal deputy («Юрист») on a route with one visa; nothing changed."""
    error = rpc_error(
        stubs.approval.SubstituteApprover,
        A.SubstituteApproverRequest(
            draft_id=route.draft_id,
            substitution=A.Substitution(
                role="deputy_mayor_legal", absent="Юрист", substitute=substitute, acting=acting
            ),
        ),
    )
    after = stubs.approval.GetRoute(A.GetRouteRequest(draft_id=route.draft_id), timeout=10)
    assert list(after.substitutions) == [] and len(after.visas) == 1
    return error


def test_a_substitution_is_refused_once_the_step_is_visaed(stubs: Stubs) -> None:
    route = visa(stubs, submit(stubs), "deputy_mayor_legal", actor="Юрист")
    error = refused_substitution(stubs, route, "Заступник", acting=True)
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert f"{V}/r6-s4-p5-a2" in (error.details() or "") and "«її можливо змінити" in (error.details() or "")


def test_the_approver_replaced_in_one_round_visas_again_after_a_substantive_change(stubs: Stubs) -> None:
    route = submit(stubs, approvers=[A.Approver(role="legal_director", person="Коваль К.К.")])
    route = stubs.approval.SubstituteApprover(
        A.SubstituteApproverRequest(
            draft_id=route.draft_id,
            substitution=A.Substitution(
                role="legal_director", absent="Коваль К.К.", substitute="Мельник М.М.", acting=True
            ),
        ),
        timeout=10,
    )
    assert [s.substitute for s in route.substitutions] == ["Мельник М.М."]
    route = stubs.approval.ChangeDraft(
        A.ChangeDraftRequest(draft_id=route.draft_id, kind=A.CHANGE_KIND_SUBSTANTIVE, reason="Змінено суму"),
        timeout=10,
    )
    assert route.round == 2 and list(route.substitutions) == []  # the substitution ended with round 1
    error = rpc_error(
        stubs.approval.RecordVisa,
        A.RecordVisaRequest(draft_id=route.draft_id, role="legal_director", actor="Мельник М.М.", decision=1),
    )
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    route = visa(stubs, route, "legal_director", actor="Коваль К.К.")
    assert [(v.actor, v.on_behalf_of) for v in route.visas] == [("Коваль К.К.", "")]


def test_a_substitute_not_acting_for_the_approver_is_refused_and_nothing_changes(stubs: Stubs) -> None:
    route = visa(stubs, submit(stubs), "legal_reviewer")
    error = refused_substitution(stubs, route, "Сусід", acting=False)
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "r6-s4-p5-a2" in (error.details() or "") and "substitution.acting" in (error.details() or "")
    route = stubs.approval.SubstituteApprover(
        A.SubstituteApproverRequest(
            draft_id=route.draft_id,
            substitution=A.Substitution(role="deputy_mayor_legal", absent="Юрист", substitute="Заступник", acting=True),
        ),
        timeout=10,
    )
    assert route.substitutions[0].phase == "during"


def test_a_retried_visa_returns_the_first_result_and_a_reused_id_is_refused(stubs: Stubs) -> None:
    route = submit(stubs)
    request = A.RecordVisaRequest(
        request_id=uuid.uuid4().hex, draft_id=route.draft_id, role="legal_reviewer", actor="Особа", decision=1
    )
    first = stubs.approval.RecordVisa(request, timeout=10)
    again = stubs.approval.RecordVisa(request, timeout=10)
    assert first == again and len(again.visas) == 1
    other = A.RecordVisaRequest()
    other.CopyFrom(request)
    other.role = "legal_director"
    error = rpc_error(stubs.approval.RecordVisa, other)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "request_id" in (error.details() or "")
    assert len(stubs.approval.GetRoute(A.GetRouteRequest(draft_id=route.draft_id), timeout=10).visas) == 1


@pytest.mark.parametrize(
    ("request_", "code", "field"),
    [
        (
            A.RecordVisaRequest(draft_id="0" * 32, role="legal_director", actor="X", decision=1),
            grpc.StatusCode.NOT_FOUND,
            "draft_id",
        ),
        (
            A.RecordVisaRequest(draft_id="", role="legal_director", actor="X", decision=1),
            grpc.StatusCode.INVALID_ARGUMENT,
            "draft_id",
        ),
        (
            A.RecordVisaRequest(draft_id="0" * 32, role="legal_director", actor="X"),
            grpc.StatusCode.INVALID_ARGUMENT,
            "decision",
        ),
        (
            A.RecordVisaRequest(draft_id="0" * 32, role="legal_director", actor="", decision=1),
            grpc.StatusCode.INVALID_ARGUMENT,
            "actor",
        ),
        (
            A.RecordVisaRequest(draft_id="0" * 32, role="legal_director", actor="X", decision=1, visaed_on="3.3.2026"),
            grpc.StatusCode.INVALID_ARGUMENT,
            "visaed_on",
        ),
    ],
)
def test_bad_visa_requests_are_refused_naming_the_field(
    stubs: Stubs, request_: A.RecordVisaRequest, code: grpc.StatusCode, field: str
) -> None:
    error = rpc_error(stubs.approval.RecordVisa, request_)
    assert error.code() == code and field in (error.details() or "")


def test_a_visa_on_a_route_that_lacks_the_role_is_refused_citing_the_route(stubs: Stubs) -> None:
    route = submit(stubs)
    error = rpc_error(
        stubs.approval.RecordVisa,
        A.RecordVisaRequest(draft_id=route.draft_id, role="finance_director", actor="X", decision=1),
    )
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED and "vinnytsia-2020/r6-s4-p5" in (error.details() or "")


def test_a_substantive_change_restarts_the_route_over_grpc(stubs: Stubs) -> None:
    route = visa(stubs, submit(stubs), "legal_reviewer")
    route = stubs.approval.ChangeDraft(
        A.ChangeDraftRequest(draft_id=route.draft_id, kind=A.CHANGE_KIND_SUBSTANTIVE, reason="Змінено суму"),
        timeout=10,
    )
    assert (route.round, route.round_clause.clause, len(route.visas)) == (2, "r6-s4-p7", 0)


def test_a_late_submission_with_and_without_the_mayors_permission(stubs: Stubs) -> None:
    meeting = dt.date(2026, 3, 5)  # Thursday: materials by Monday 02.03.2026

    def check(permission: bool | None) -> set[tuple[str, int]]:
        content = A.DraftContent() if permission is None else A.DraftContent(mayor_permission=permission)
        reply = stubs.approval.ValidateDraft(
            A.ValidateDraftRequest(
                reglament=V,
                draft=A.Draft(kind="decision"),
                content=content,
                meeting=meeting.isoformat(),
                materials_submitted="2026-03-04",
                today="2026-03-20",
            ),
            timeout=10,
        )
        return {(f.clause.clause, f.severity) for f in reply.findings}

    assert check(None) == {("r6-s4-p14", common_pb2.SEVERITY_VIOLATION)}
    assert check(False) == {
        ("r6-s4-p14", common_pb2.SEVERITY_VIOLATION),
        ("r6-s3-p1-a2", common_pb2.SEVERITY_VIOLATION),
    }
    assert check(True) == {("r6-s4-p14", common_pb2.SEVERITY_INFO)}


def test_shostka_an_order_silently_approved_by_a_unit_is_signed_and_registered(stubs: Stubs) -> None:
    term = (TODAY - dt.timedelta(days=3)).isoformat()
    route = submit(
        stubs,
        S,
        kind="order",
        preparing_body="Загальний відділ",
        attributes={"interested_units": "Управління освіти;Відділ культури", "approval_term": term},
    )
    deemed = [s for s in route.steps if s.status == A.STEP_STATUS_DEEMED_APPROVED]
    assert {s.step.body for s in deemed} == {"Управління освіти", "Відділ культури"}
    assert all(s.deemed_by.clause == "r6-s2-p2.6" for s in deemed)
    route = visa(stubs, route, "executive_manager")
    route = visa(stubs, route, "legal_head")
    assert route.stage == A.DRAFT_STAGE_ROUTE_COMPLETED
    route = stubs.approval.SignDraft(A.SignDraftRequest(draft_id=route.draft_id, signed_by="mayor"), timeout=10)
    doc = wait_for_registration(stubs, route.draft.title, common_pb2.DOCUMENT_KIND_MAYOR_ORDER, 1)
    assert doc.number.endswith("-р") and list(doc.executors) == ["Загальний відділ"]
    assert "r6-s10-p10.1" in {o.clause.clause for o in doc.obligations}


# -- every encoded draft and meeting clause is reachable through ValidateDraft / ValidateMeeting ----

BASE = dt.date(2026, 3, 5)
TYPED_DRAFT = ("kind", "finance_competence", "to_council", "restricted", "task_bodies")


def _leaves(conditions: list[Condition]) -> Iterator[Condition]:
    for cond in conditions:
        if cond.all is not None:
            yield from _leaves(cond.all)
        elif cond.any is not None:
            yield from _leaves(cond.any)
        else:
            yield cond


def _candidates(reglament: Reglament, encoding: Encoding) -> dict[str, list[Any]]:
    vocabulary = reglament.facts()
    extra: dict[str, set[Any]] = {}
    for cond in _leaves(encoding.applies_when + (encoding.requires or [])):
        assert cond.fact is not None
        _op, value = cond.operator()
        extra.setdefault(cond.fact, set())
        if isinstance(value, FactRef):
            extra.setdefault(value.fact, set())
        values = value if isinstance(value, list) else [value]
        extra[cond.fact] |= {v for v in values if isinstance(v, str | int) and not isinstance(v, bool)}
    if encoding.obligation is not None:
        extra.setdefault(encoding.obligation.term.anchor, set())
    if encoding.visa is not None and encoding.visa.per_body:
        extra.setdefault(encoding.visa.per_body, set())
    out: dict[str, list[Any]] = {}
    for name, seen in extra.items():
        kind = vocabulary[name].type
        if kind == "bool":
            out[name] = [True, False]
        elif kind == "int":
            numbers = {n + d for n in seen if isinstance(n, int) for d in (-1, 0, 1)}
            out[name] = sorted(n for n in {0, 1, 3, 7, 8, 14, 15, 16, 20} | numbers if n >= 0)
        elif kind == "date":
            out[name] = [BASE + dt.timedelta(days=d) for d in (-10, -6, -5, -3, -1, 0, 1, 3, 10)]
        elif kind == "datetime":
            out[name] = [dt.datetime(2026, 3, 5, 10, 0) + dt.timedelta(days=d) for d in (-2, 0, 2)]
        elif kind == "list":
            out[name] = [["Відділ А"], ["Відділ А", "Відділ Б"]]
        elif name == "kind" and encoding.subject is Subject.DRAFT:
            out[name] = ["decision", "order"]
        else:
            out[name] = sorted({v for v in seen if isinstance(v, str)} | {"інше"})
    return out


def _normal(reglament: Reglament, subject: Subject, facts: dict[str, Any]) -> dict[str, Any]:
    """The facts as the API will see them: typed fields always given, defaults filled in."""
    facts = dict(facts)
    total = reglament.meta.executive_committee.total
    if subject is Subject.DRAFT:
        facts.setdefault("kind", "decision")
        for name in ("finance_competence", "to_council", "restricted"):
            facts.setdefault(name, False)
        facts.setdefault("members_total", total)
    else:
        facts.setdefault("meeting_body", "executive_committee")
        facts.setdefault("members_total", total)
        facts.setdefault("meeting", BASE)
        facts["members_total"] = facts["members_total"] or total
    return {k: v for k, v in facts.items() if k in reglament.facts()}


def _reaches(reglament: Reglament, encoding: Encoding, facts: dict[str, Any]) -> bool:
    shown = {k: (v.replace(tzinfo=KYIV) if isinstance(v, dt.datetime) else v) for k, v in facts.items()}
    values = engine_facts(reglament.facts(), shown)
    values.setdefault("now", to_epoch_day(TODAY_FOR_RULES))
    values.setdefault("subject", encoding.subject.value)
    if not all(holds(c, values) for c in encoding.applies_when):
        return False
    if encoding.requires:
        return kleene(Condition(all=list(encoding.requires)), values) is False
    if encoding.obligation is not None:
        return values.get(encoding.obligation.term.anchor) is not None
    if encoding.visa is not None and encoding.visa.per_body:
        return bool(values.get(encoding.visa.per_body))  # one step per element: the list must not be empty
    return True


TODAY_FOR_RULES = dt.date(2026, 3, 20)


def facts_reaching(reglament: Reglament, encoding: Encoding) -> dict[str, Any]:
    """Facts under which the encoding applies and (for a requirement) is broken by given facts."""
    rnd = random.Random(f"{reglament.id}/{encoding.key}")
    candidates = _candidates(reglament, encoding)
    names = sorted(candidates)
    for _ in range(20_000):
        facts = {n: rnd.choice(candidates[n]) for n in names if rnd.random() > 0.15}
        facts = _normal(reglament, encoding.subject, facts)
        if _reaches(reglament, encoding, facts):
            return facts
    raise AssertionError(f"no facts reach {reglament.id}/{encoding.key}")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, list):
        return ";".join(value)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _validate(
    stubs: Stubs, reglament: Reglament, subject: Subject, facts: dict[str, Any]
) -> tuple[set[str], set[str], set[str]]:
    """(clauses with a finding, clauses with an obligation, clauses with a visa step) for the facts."""
    facts = dict(facts)
    today = facts.pop("now", TODAY_FOR_RULES)
    today = today if isinstance(today, dt.date) else TODAY_FOR_RULES
    if subject is Subject.DRAFT:
        draft = A.Draft(kind=facts.pop("kind"))
        for name in ("finance_competence", "to_council", "restricted"):
            setattr(draft, name, facts.pop(name, False))
        draft.task_bodies.extend(facts.pop("task_bodies", []))
        meeting = facts.pop("meeting", None)
        draft.attributes.update({k: _text(v) for k, v in facts.items()})
        reply = stubs.approval.ValidateDraft(
            A.ValidateDraftRequest(
                reglament=reglament.id, draft=draft, meeting=_text(meeting) if meeting else "", today=today.isoformat()
            ),
            timeout=10,
        )
        return (
            {f.clause.clause for f in reply.findings},
            {o.clause.clause for o in reply.obligations},
            {s.clause.clause for s in reply.steps},
        )
    meeting_msg = A.Meeting(
        date=_text(facts.pop("meeting")),
        body=facts.pop("meeting_body"),
        members_total=facts.pop("members_total"),
    )
    if "meeting_start" in facts:
        meeting_msg.start = _text(facts.pop("meeting_start"))
    meeting_msg.attributes.update({k: _text(v) for k, v in facts.items()})
    result = stubs.approval.ValidateMeeting(
        A.ValidateMeetingRequest(reglament=reglament.id, meeting=meeting_msg, today=today.isoformat()), timeout=10
    )
    return {f.finding.clause.clause for f in result.findings}, {o.clause.clause for o in result.obligations}, set()


@pytest.mark.parametrize("reglament_id", [V, S])
def test_every_encoded_draft_and_meeting_clause_is_reachable_through_the_api(stubs: Stubs, reglament_id: str) -> None:
    reglament = load_reglament(reglament_id)
    missed = []
    encodings = [
        e
        for e in reglament.encodings
        if e.subject in (Subject.DRAFT, Subject.MEETING) and e.kind is not Kind.NOT_CHECKABLE
    ]
    assert len(encodings) > 20
    for encoding in encodings:
        facts = facts_reaching(reglament, encoding)
        findings, obligations, steps = _validate(stubs, reglament, encoding.subject, facts)
        expected = []
        if encoding.requires:
            expected.append(encoding.id in findings)
        if encoding.obligation is not None:
            expected.append(encoding.id in obligations)
        if encoding.visa is not None:
            expected.append(encoding.id in steps)
        if not all(expected):
            missed.append((encoding.key, facts))
    assert missed == []


def test_a_stored_draft_is_validated_with_its_route_state(stubs: Stubs) -> None:
    route = submit(stubs)
    extra = A.Draft(attributes={"added_at_meeting": "true", "members_consent": "true"})

    def r6_s6_p3() -> set[str]:
        reply = stubs.approval.ValidateDraft(A.ValidateDraftRequest(draft_id=route.draft_id, draft=extra), timeout=10)
        return {f.clause.clause for f in reply.findings} | {f"ok:{r.clause}" for r in reply.satisfied}

    assert "r6-s6-p3" in r6_s6_p3()  # added at the meeting before its visas were complete
    route = complete(stubs, route)
    assert "ok:r6-s6-p3" in r6_s6_p3()
    error = rpc_error(
        stubs.approval.ValidateDraft, A.ValidateDraftRequest(draft_id=route.draft_id, draft=A.Draft(kind="order"))
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "draft" in (error.details() or "")


def test_a_signed_order_is_registered_and_delivered_within_two_days(stubs: Stubs) -> None:
    route = complete(stubs, submit(stubs, kind="order", preparing_body="Відділ кадрів", restricted=True))
    assert all(v.medium == "paper" for v in route.visas)  # restricted: paper visas only (r6-s4-p5.12)
    signed_on = (TODAY - dt.timedelta(days=1)).isoformat()
    route = stubs.approval.SignDraft(
        A.SignDraftRequest(draft_id=route.draft_id, signed_by="mayor", signed=signed_on), timeout=10
    )
    doc = wait_for_registration(stubs, route.draft.title, common_pb2.DOCUMENT_KIND_MAYOR_ORDER, 2)
    assert doc.restricted and doc.number.endswith("-р")
    assert {"r6-s8-p8", "r6-s11-p7"} <= {o.clause.clause for o in doc.obligations}
