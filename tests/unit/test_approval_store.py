"""The approval store on SQLite and PostgreSQL: drafts round-trip, one reply per request id, the outbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from reglament.approval import lifecycle as lc
from reglament.approval.lifecycle import ChangeKind, Decision, DraftInput, DraftState
from reglament.errors import FailedPrecondition, InvalidArgument
from reglament.rules.loader import load_reglament
from services.approval.store import ApprovalStore, MeetingRow, Mutation, OutboxEvent

pytest_plugins = ["tests.store_fixtures"]  # store_url: a fresh SQLite file and PostgreSQL schema

TODAY = dt.date(2026, 3, 20)
REGLAMENT = load_reglament("vinnytsia-2020")


@pytest.fixture
def approval(store_url: str) -> Iterator[ApprovalStore]:
    opened = ApprovalStore.open(store_url)
    try:
        yield opened
    finally:
        opened.close()


def submitted(draft_id: str = "d" * 32) -> DraftState:
    draft = DraftInput(
        kind="decision",
        title="Про благоустрій",
        preparing_body="Департамент ЖКГ",
        finance_competence=True,
        task_bodies=("Департамент освіти",),
        attributes={"has_distribution_list": "true"},
    )
    return lc.submit(
        REGLAMENT,
        draft_id,
        draft,
        submitted=dt.date(2026, 3, 2),
        today=TODAY,
        approvers=[lc.Approver("legal_director", "", "Коваль К.К.")],
        substitutions=[("deputy_mayor_legal", "", "Юрист Ю.Ю.", "Заступник З.З.", True)],
    ).state


def save(store: ApprovalStore, state: DraftState, request_id: str | None = None, reply: bytes = b"ok") -> bytes:
    event = OutboxEvent(f"e-{state.id[:4]}-{state.next_seq}-{state.round}", "reglament.vinnytsia.draft.x", b"\x01")
    return store.mutate(
        rpc="Test",
        request_id=request_id,
        fingerprint="f",
        draft_ids=[state.id],
        apply=lambda _states: Mutation(response=reply, drafts=[state], events=[event]),
    ).response


def test_a_draft_reads_back_as_it_was_stored(approval: ApprovalStore) -> None:
    state = submitted()
    save(approval, state)
    assert approval.get_draft(state.id) == state
    step = lc.find_step(REGLAMENT, state, "legal_director", "", "")
    state = lc.record_visa(
        REGLAMENT,
        state,
        step,
        actor="Коваль К.К.",
        decision=Decision.APPROVE_WITH_REMARKS,
        visaed_on=dt.date(2026, 3, 3),
        today=TODAY,
        remarks="Уточнити п. 2",
    ).state
    save(approval, state)
    assert approval.get_draft(state.id) == state
    state = lc.change(REGLAMENT, state, ChangeKind.SUBSTANTIVE, today=TODAY).state
    save(approval, state)
    again = approval.get_draft(state.id)
    assert again == state and again is not None and again.round == 2 and again.visas == []


def test_substitutions_read_back_with_the_round_they_were_made_for(approval: ApprovalStore) -> None:
    state = submitted()  # replaced before the procedure of round 1
    save(approval, state)
    state = lc.change(REGLAMENT, state, ChangeKind.SUBSTANTIVE, today=TODAY).state
    step = lc.find_step(REGLAMENT, state, "deputy_mayor_legal", "", "")
    state = lc.substitute(REGLAMENT, state, step, "Юрист Ю.Ю.", "Заступник З.З.", True, TODAY).state
    save(approval, state)
    again = approval.get_draft(state.id)
    assert again == state and again is not None
    assert [(s.round, s.phase) for s in again.substitutions] == [(1, "before"), (2, "before")]
    assert lc.substitution_of(again, step) == again.substitutions[-1]


def test_a_voided_visa_reads_back_voided(approval: ApprovalStore) -> None:
    state = submitted()
    save(approval, state)
    step = lc.find_step(REGLAMENT, state, "legal_director", "", "")
    state = lc.record_visa(
        REGLAMENT,
        state,
        step,
        actor="Коваль К.К.",
        decision=Decision.REJECT,
        visaed_on=dt.date(2026, 3, 3),
        today=TODAY,
        remarks="Ні",
    ).state
    save(approval, state)
    state = lc.change(REGLAMENT, state, ChangeKind.MINOR, today=TODAY).state
    save(approval, state)
    stored = approval.get_draft(state.id)
    assert stored is not None and [v.voided for v in stored.visas] == [True]


def test_a_repeated_request_gets_the_first_reply_and_writes_nothing(approval: ApprovalStore) -> None:
    state = submitted()
    first = save(approval, state, request_id="req-1", reply=b"first")
    calls: list[int] = []

    def apply(_states: dict[str, DraftState]) -> Mutation:
        calls.append(1)
        return Mutation(response=b"second")

    replied = approval.mutate(rpc="Test", request_id="req-1", fingerprint="f", draft_ids=[state.id], apply=apply)
    assert (replied.response, replied.replayed, calls) == (first, True, [])
    with pytest.raises(InvalidArgument) as info:  # the same id for another request
        approval.mutate(rpc="Test", request_id="req-1", fingerprint="g", draft_ids=[state.id], apply=apply)
    assert info.value.field == "request_id"


def test_a_refused_change_writes_nothing(approval: ApprovalStore) -> None:
    state = submitted()
    save(approval, state)
    before = approval.pending_events()

    def refuse(states: dict[str, DraftState]) -> Mutation:
        raise FailedPrecondition("ні")

    with pytest.raises(FailedPrecondition):
        approval.mutate(rpc="Test", request_id="req-2", fingerprint="f", draft_ids=[state.id], apply=refuse)
    assert approval.get_draft(state.id) == state
    assert approval.pending_events() == before
    replied = approval.mutate(  # the request id was not used up by the refusal
        rpc="Test", request_id="req-2", fingerprint="f", draft_ids=[state.id], apply=lambda s: Mutation(response=b"x")
    )
    assert not replied.replayed


def test_the_outbox_keeps_events_until_published_and_once_per_event_id(approval: ApprovalStore) -> None:
    state = submitted()
    save(approval, state)
    save(approval, state)  # the same event id again: stored once
    pending = approval.pending_events()
    assert [e.event_id for e in pending] == [f"e-{state.id[:4]}-{state.next_seq}-1"]
    approval.mark_published([e.event_id for e in pending])
    assert approval.pending_events() == []


def test_a_meeting_is_stored_with_its_record_and_result(approval: ApprovalStore) -> None:
    row = MeetingRow("m" * 32, "vinnytsia-2020", "executive_committee", dt.date(2026, 3, 5), b"rec", b"res")
    approval.mutate(
        rpc="RecordMeeting",
        request_id=None,
        fingerprint="f",
        draft_ids=[],
        apply=lambda _s: Mutation(response=b"r", meeting=row),
    )
    assert approval.get_meeting(row.id) == row
    assert approval.count_meetings() == 1
