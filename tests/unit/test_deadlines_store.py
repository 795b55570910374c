"""The deadlines service's tables on SQLite and PostgreSQL: tracking, the clock's changes with their
outbox, term changes and substitutions — each idempotent, each surviving a reopen."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from reglament.domain import ClauseRef, ObligationStatus
from reglament.legaltime.clock import KYIV, Clock, parse_instant
from reglament.legaltime.extension import Capacity, Substitution
from reglament.legaltime.tracking import TermSetter, TrackedObligation
from services.deadlines.scheduler import Scheduler
from services.deadlines.store import DeadlinesStore, StaleObligation, TermChangeRecord, Transition

pytest_plugins = ["tests.store_fixtures"]  # store_url: a fresh SQLite file or PostgreSQL schema per test

NOW = dt.datetime(2026, 4, 2, 0, 0, tzinfo=KYIV)


def tracked(
    ob_id: str = "ob-1", due: dt.date | dt.datetime = dt.date(2026, 4, 1), **changes: object
) -> TrackedObligation:
    values: dict[str, object] = {
        "id": ob_id,
        "source": "vinnytsia-2020",
        "reglament": "vinnytsia-2020",
        "municipality": "vinnytsia",
        "subject_id": "doc-1",
        "document_kind": "incoming",
        "document_number": "17",
        "clause": "r12-s3-p2.3",
        "key": "r12-s3-p2.3",
        "quote": "протягом 30 календарних днів з дня реєстрації",
        "interpretation": "",
        "bearer": "executor",
        "action": "виконати документ",
        "due": due,
        "original_due": due,
        "status": ObligationStatus.PENDING,
        "executors": ("Департамент житлового господарства", "Управління ЖКГ"),
        "setter": TermSetter("person", "deputy_mayor", "Іваненко І.І.", "зафіксовано"),
        "facts": {"kind": "incoming", "registered": dt.date(2026, 3, 2), "urgent": False, "task_bodies": ["a"]},
        "explanation": ("Норма: vinnytsia-2020/r12-s3-p2.3.",),
    }
    values.update(changes)
    return TrackedObligation(**values)  # type: ignore[arg-type]


def violated(ob: TrackedObligation, event_id: str = "ev-violated") -> Transition:
    return Transition(
        ob.id,
        ob.status,
        ObligationStatus.VIOLATED,
        ob.term_version,
        NOW,
        "Строк сплив",
        event_id,
        "reglament.x.obligation.violated",
        b"\x01",
    )


@pytest.fixture
def store(store_url: str) -> Iterator[DeadlinesStore]:
    opened = DeadlinesStore.open(store_url)
    yield opened
    opened.close()


def test_an_obligation_is_tracked_once_and_reads_back_whole(store: DeadlinesStore) -> None:
    ob = tracked()
    assert store.track([ob]) == {"ob-1"}
    assert store.track([ob]) == set()
    back = store.get("ob-1")
    assert back is not None
    assert dataclasses.replace(back, created_at=None) == ob
    assert back.facts["registered"] == dt.date(2026, 3, 2) and back.facts["task_bodies"] == ["a"]
    timed = tracked("ob-2", dt.datetime(2026, 3, 4, 0, 0))
    store.track([timed])
    again = store.get("ob-2")
    assert again is not None and again.due == dt.datetime(2026, 3, 4, 0, 0)


def test_a_status_change_and_its_event_are_written_together_and_once(store: DeadlinesStore) -> None:
    store.track([tracked()])
    ob = store.get("ob-1")
    assert ob is not None
    assert store.apply_transitions([violated(ob)]) == [violated(ob)]
    # decided on a stale status: nothing happens
    assert store.apply_transitions([violated(ob, "ev-2")]) == []
    after = store.get("ob-1")
    assert after is not None and after.status is ObligationStatus.VIOLATED and after.violated_at == NOW
    assert [(c.status, c.event_id) for c in store.status_changes("ob-1")] == [
        (ObligationStatus.VIOLATED, "ev-violated")
    ]
    [event] = store.unpublished()
    assert (event.event_id, event.payload) == ("ev-violated", b"\x01")
    store.mark_published([event.id])
    assert store.unpublished() == []


def test_the_scheduler_sees_open_obligations_due_by_a_day(store: DeadlinesStore) -> None:
    store.track(
        [tracked("a", dt.date(2026, 4, 1)), tracked("b", dt.date(2026, 5, 1)), tracked("c", dt.date(2026, 3, 1))]
    )
    c = store.get("c")
    assert c is not None
    store.apply_transitions([violated(c)])
    assert [o.id for o in store.open_due_by(dt.date(2026, 4, 30))] == ["a"]
    assert [o.id for o in store.open_due_by(dt.date(2026, 5, 1), "doc-1")] == ["a", "b"]
    assert store.open_due_by(dt.date(2026, 5, 1), "doc-2") == []


def test_closing_stops_tracking_and_ignores_the_unknown(store: DeadlinesStore) -> None:
    store.track([tracked()])
    closes = [
        ("ob-1", ObligationStatus.FULFILLED, NOW, "ev-f", "виконано"),
        ("no-such", ObligationStatus.FULFILLED, NOW, "ev-x", ""),
    ]
    assert store.close_obligations(closes) == {"ob-1"}
    assert store.close_obligations(closes) == set()
    closed = store.get("ob-1")
    assert closed is not None and closed.status is ObligationStatus.FULFILLED and closed.closed_at == NOW
    assert store.open_due_by(dt.date(2030, 1, 1)) == []


def test_a_fulfilment_after_the_due_day_is_recorded_as_a_violation_first(store: DeadlinesStore) -> None:
    """Виконання, що надійшло після строку, коли годинник ще не позначив обов'язок порушеним, — теж порушення:
    запис показує момент порушення і історію «порушено → виконано»."""
    store.track([tracked("late"), tracked("in-time"), tracked("marked")])
    marked = store.get("marked")
    assert marked is not None
    store.apply_transitions([violated(marked)])
    late_at = dt.datetime(2026, 4, 2, 0, 5, tzinfo=KYIV)  # the due day 01.04.2026 has passed
    in_time_at = dt.datetime(2026, 4, 1, 23, 55, tzinfo=KYIV)
    closes = [
        ("late", ObligationStatus.FULFILLED, late_at, "ev-late", "виконано"),
        ("in-time", ObligationStatus.FULFILLED, in_time_at, "ev-in-time", "виконано"),
        ("marked", ObligationStatus.FULFILLED, late_at, "ev-marked", "виконано"),
    ]
    assert store.close_obligations(closes) == {"late", "in-time", "marked"}
    late = store.get("late")
    assert late is not None and late.status is ObligationStatus.FULFILLED
    assert late.violated_at == late_at and late.closed_at == late_at
    history = store.status_changes("late")
    assert [c.status for c in history] == [ObligationStatus.VIOLATED, ObligationStatus.FULFILLED]
    assert "із запізненням" in history[0].reason and "r12-s3-p2.3" in history[0].reason
    in_time = store.get("in-time")
    assert in_time is not None and in_time.violated_at is None
    assert [c.status for c in store.status_changes("in-time")] == [ObligationStatus.FULFILLED]
    # marked by the clock already: its violation stays as the clock recorded it, nothing is added
    again = store.get("marked")
    assert again is not None and again.violated_at == NOW
    assert [c.status for c in store.status_changes("marked")] == [ObligationStatus.VIOLATED, ObligationStatus.FULFILLED]
    # nothing to publish: the late fulfilment is kept in the record, the clock's violation was queued before
    assert [e.event_id for e in store.unpublished()] == ["ev-violated"]
    # a waiver after the due day lifts the obligation; it is not work done late
    store.track([tracked("waived")])
    store.close_obligations([("waived", ObligationStatus.WAIVED, late_at, "ev-w", "знято з контролю")])
    waived = store.get("waived")
    assert waived is not None and waived.violated_at is None


def change(
    ob: TrackedObligation, request_id: str | None = "req-1", new_due: dt.date = dt.date(2026, 4, 15)
) -> TermChangeRecord:
    return TermChangeRecord(
        obligation_id=ob.id,
        request_id=request_id,
        term_version=ob.term_version + 1,
        previous_due=ob.due,
        new_due=new_due,
        requested_due=new_due,
        actor="Іваненко І.І.",
        actor_role="deputy_mayor",
        capacity=Capacity.SET_TERM,
        requested_by="Департамент житлового господарства",
        reason="обстеження",
        basis="",
        requested_on=dt.date(2026, 3, 10),
        authority="строк змінює посадова особа, яка його встановила",
        clauses=(ClauseRef("vinnytsia-2020", "r12-s3-p7", "Строк … може бути змінений лише …"),),
        explanation=("Новий строк: 15.04.2026.",),
        event_id=f"ev-term-{ob.term_version + 1}",
        at=NOW,
    )


def test_a_term_change_moves_the_term_records_the_history_and_queues_its_event(store: DeadlinesStore) -> None:
    store.track([tracked()])
    ob = store.get("ob-1")
    assert ob is not None
    store.apply_transitions(
        [dataclasses.replace(violated(ob), to_status=ObligationStatus.DUE_SOON, event_id="ev-soon")]
    )
    ob = store.get("ob-1")
    assert ob is not None and ob.status is ObligationStatus.DUE_SOON
    recorded, created = store.change_term(ob, change(ob), "reglament.vinnytsia.obligation.term_changed", b"\x02")
    assert created and recorded.term_version == 1
    after = store.get("ob-1")
    assert after is not None
    assert (after.due, after.original_due, after.status, after.term_version) == (
        dt.date(2026, 4, 15),
        dt.date(2026, 4, 1),
        ObligationStatus.PENDING,
        1,
    )
    # a retry with the same request id returns the first change and writes nothing
    again, created = store.change_term(ob, change(ob, new_due=dt.date(2026, 5, 1)), "s", b"\x03")
    assert not created and again.new_due == dt.date(2026, 4, 15)
    assert store.term_change_by_request("req-1") == recorded
    assert [c.new_due for c in store.term_changes(obligation_id="ob-1")] == [dt.date(2026, 4, 15)]
    assert [c.new_due for c in store.term_changes(subject_id="doc-1")] == [dt.date(2026, 4, 15)]
    assert {e.event_id for e in store.unpublished()} == {"ev-soon", "ev-term-1"}


def test_a_change_decided_on_a_stale_obligation_writes_nothing(store: DeadlinesStore) -> None:
    store.track([tracked()])
    ob = store.get("ob-1")
    assert ob is not None
    store.change_term(ob, change(ob, "req-1"), "s", b"\x02")
    with pytest.raises(StaleObligation):
        store.change_term(ob, change(ob, "req-2", dt.date(2026, 5, 1)), "s", b"\x03")
    assert len(store.term_changes(obligation_id="ob-1")) == 1


def test_substitutions_are_recorded_once_per_request(store: DeadlinesStore) -> None:
    sub = Substitution(
        "vinnytsia-2020",
        "deputy_mayor",
        "Іваненко І.І.",
        "deputy_mayor",
        "Коваль К.К.",
        dt.date(2026, 3, 9),
        None,
        "розпорядження № 101",
    )
    first, created = store.record_substitution(sub, "sub-1")
    assert created and first.id > 0
    again, created = store.record_substitution(dataclasses.replace(sub, basis="інше"), "sub-1")
    assert not created and again == first
    assert store.substitutions("vinnytsia-2020", "deputy_mayor") == [first]
    assert store.substitutions("vinnytsia-2020", "mayor") == []


def test_everything_is_there_after_reopening(store_url: str) -> None:
    with_store = DeadlinesStore.open(store_url)
    with_store.track([tracked()])
    ob = with_store.get("ob-1")
    assert ob is not None
    with_store.apply_transitions([violated(ob)])
    with_store.set_state("last_tick", NOW.isoformat())
    with_store.close()
    reopened = DeadlinesStore.open(store_url)
    try:
        back = reopened.get("ob-1")
        assert back is not None and back.status is ObligationStatus.VIOLATED
        assert [e.event_id for e in reopened.unpublished()] == ["ev-violated"]
        assert reopened.get_state("last_tick") == NOW.isoformat()
    finally:
        reopened.close()


def test_pages_cover_every_obligation_once_earliest_first(store: DeadlinesStore) -> None:
    store.track([tracked(f"ob-{i}", dt.date(2026, 4, 1) + dt.timedelta(days=i % 3)) for i in range(7)])
    seen, token = [], None
    while True:
        page, token = store.page(page_size=3, page_token=token)
        seen.extend(page)
        if token is None:
            break
    assert sorted(o.id for o in seen) == sorted(f"ob-{i}" for i in range(7))
    assert [o.due for o in seen] == sorted(o.due for o in seen)
    with pytest.raises(ValueError, match="page_token"):
        store.page(page_token="garbage!")


def test_two_runs_of_the_clock_judging_the_same_obligation_record_it_once(store: DeadlinesStore) -> None:
    store.track([tracked()])
    scheduler = Scheduler(store, lambda: None, Clock(), due_soon_working_days=3, interval_s=60)
    moment = parse_instant("2026-05-01")
    first = scheduler.decide(moment)
    second = scheduler.decide(moment)
    assert [t.to_status for t in first] == [ObligationStatus.VIOLATED]
    assert store.apply_transitions(first) == first
    assert store.apply_transitions(second) == []
    # a decision on a term that has since changed is stale as well
    later = dataclasses.replace(first[0], term_version=first[0].term_version + 1)
    assert store.apply_transitions([later]) == []
    assert scheduler.decide(moment) == []


def test_the_clock_marks_due_soon_then_violated_and_nothing_twice(store: DeadlinesStore) -> None:
    store.track([tracked(due=dt.date(2026, 4, 1))])  # a Wednesday; due soon from Friday 27.03
    scheduler = Scheduler(store, lambda: None, Clock(), due_soon_working_days=3, interval_s=60)
    assert scheduler.decide(parse_instant("2026-03-26T23:59")) == []
    soon = scheduler.decide(parse_instant("2026-03-27T08:00"))
    assert [t.to_status for t in soon] == [ObligationStatus.DUE_SOON]
    store.apply_transitions(soon)
    assert scheduler.decide(parse_instant("2026-04-01T23:00")) == []
    late = scheduler.decide(parse_instant("2026-04-02T00:00"))
    assert [(t.from_status, t.to_status) for t in late] == [(ObligationStatus.DUE_SOON, ObligationStatus.VIOLATED)]
    assert soon[0].event_id != late[0].event_id


def test_what_is_known_of_several_documents_is_read_at_once(store: DeadlinesStore) -> None:
    store.track([tracked("ob-a1", subject_id="doc-a"), tracked("ob-a2", subject_id="doc-a"),
                 tracked("ob-b1", subject_id="doc-b")])  # fmt: skip
    contexts = store.subject_contexts(["doc-a", "doc-b", "doc-never"])
    assert set(contexts) == {"doc-a", "doc-b"}
    assert contexts["doc-a"].id == "ob-a1"  # the first tracked for it
    assert store.subject_contexts([]) == {}


def test_states_are_written_together_and_read_together(store: DeadlinesStore) -> None:
    store.set_states([("control:doc-a", "1"), ("control:doc-b", "2"), ("control:doc-a", "3")])
    assert store.get_states(["control:doc-a", "control:doc-b", "control:doc-c"]) == {
        "control:doc-a": "3",
        "control:doc-b": "2",
    }
    assert store.get_state("control:doc-b") == "2"
    assert store.get_states([]) == {}
