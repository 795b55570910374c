"""Evaluating the sample reglament: one clause of each kind, with citations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reglament.rules.evaluate import FactsError, RouteStep, evaluate
from reglament.rules.loader import Reglament, load_reglament
from reglament.rules.reference import ReferenceEngine
from reglament.rules.schema import Subject

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "sample-2024"
TODAY = dt.date(2024, 5, 2)


@pytest.fixture(scope="module")
def reglament() -> Reglament:
    return load_reglament(SAMPLE)


def test_document_without_a_date_is_executed_within_30_calendar_days(reglament: Reglament) -> None:
    # Registered on Thursday 02.05.2024: day 30 is Saturday 01.06.2024, so the Civil Code moves the
    # end to the next working day, Monday 03.06.2024.
    result = evaluate(
        reglament,
        Subject.DOCUMENT,
        {"kind": "ec_decision", "registered": dt.date(2024, 5, 2), "has_due_date": False},
        subject_id="doc-7",
        today=TODAY,
    )
    [obligation] = result.obligations
    assert obligation.ref.qualified == "sample-2024/r2-p1"
    assert obligation.ref.quote.startswith("Документи без зазначення конкретної дати")
    assert obligation.ref.interpretation
    assert (obligation.bearer, obligation.subject_id) == ("executor", "doc-7")
    assert obligation.due == dt.date(2024, 6, 3)
    assert obligation.explanation[-1].endswith("03.06.2024 (понеділок).")
    assert result.findings == [] and result.steps == []


def test_a_document_with_its_own_date_gets_no_30_day_term(reglament: Reglament) -> None:
    result = evaluate(
        reglament,
        Subject.DOCUMENT,
        {"kind": "ec_decision", "registered": dt.date(2024, 5, 2), "has_due_date": True},
        today=TODAY,
    )
    assert result.obligations == []


def test_obligation_ids_are_deterministic(reglament: Reglament) -> None:
    facts = {"kind": "incoming", "received": dt.date(2024, 5, 2), "registered": dt.date(2024, 5, 2)}
    first = evaluate(reglament, Subject.DOCUMENT, facts, subject_id="doc-1", today=TODAY)
    again = evaluate(reglament, Subject.DOCUMENT, facts, subject_id="doc-1", today=TODAY)
    other = evaluate(reglament, Subject.DOCUMENT, facts, subject_id="doc-2", today=TODAY)
    assert [o.ref.clause for o in first.obligations] == ["r1-p2", "r2-p1"]
    assert [o.id for o in first.obligations] == [o.id for o in again.obligations]
    assert len({o.id for o in first.obligations} | {o.id for o in other.obligations}) == 4


def test_an_encoding_not_yet_in_force_is_skipped(reglament: Reglament) -> None:
    facts = {"kind": "incoming", "received": dt.date(2024, 1, 20)}
    assert evaluate(reglament, Subject.DOCUMENT, facts, today=dt.date(2024, 1, 20)).obligations == []
    [registration] = evaluate(reglament, Subject.DOCUMENT, facts, today=dt.date(2024, 2, 1)).obligations
    assert registration.ref.clause == "r1-p2" and registration.due == dt.date(2024, 1, 20)


@pytest.mark.parametrize(
    ("facts", "violated"),
    [
        ({"kind": "info_request", "anonymous": True, "requester_name": "Петренко"}, True),
        ({"kind": "info_request", "anonymous": False}, True),
        ({"kind": "info_request", "anonymous": False, "requester_name": "Петренко"}, False),
        # «anonymous» unknown: a test on an absent fact fails, so the requirement is not shown to be met
        ({"kind": "info_request", "requester_name": "Петренко"}, True),
        ({"kind": "appeal", "anonymous": True}, False),
    ],
)
def test_an_information_request_names_its_requester(
    reglament: Reglament, facts: dict[str, object], violated: bool
) -> None:
    findings = evaluate(reglament, Subject.DOCUMENT, facts, today=TODAY).findings
    assert [f.ref.clause for f in findings] == (["r2-p2"] if violated else [])
    if violated:
        assert findings[0].severity == "warning"
        assert findings[0].message.startswith("Запит на публічну інформацію")
        assert findings[0].facts == facts  # every fact the clause used, as given


@pytest.mark.parametrize(("present", "quorum"), [(10, False), (11, True), (20, True), (0, False)])
def test_a_meeting_needs_more_than_half_of_the_members(reglament: Reglament, present: int, quorum: bool) -> None:
    findings = evaluate(reglament, Subject.MEETING, {"membership": 20, "present": present}, today=TODAY).findings
    assert [f.ref.clause for f in findings] == ([] if quorum else ["r2-p4"])


def test_the_visa_route_of_a_draft(reglament: Reglament) -> None:
    steps = evaluate(
        reglament, Subject.DRAFT, {"budget_funds": True, "task_bodies": ["osvita", "zdorovia"]}, today=TODAY
    ).steps
    assert [(s.role, s.ref.clause, s.order, s.body) for s in steps] == [
        ("author_head", "r2-p3-i1", 1, None),
        ("finance_head", "r2-p3-i2", 2, None),
        ("task_body_head", "r2-p3-i3", 2, "osvita"),
        ("task_body_head", "r2-p3-i3", 2, "zdorovia"),
    ]
    assert steps[1].after == ("r2-p3-i1",)
    assert isinstance(steps[0], RouteStep) and steps[0].ref.quote == "керівником виконавчого органу, що його підготував"
    plain = evaluate(reglament, Subject.DRAFT, {}, today=TODAY).steps
    assert [s.role for s in plain] == ["author_head"]


def test_the_reference_engine_gives_the_same_evaluation(reglament: Reglament) -> None:
    cases: list[tuple[Subject, dict[str, object]]] = [
        (Subject.DOCUMENT, {"kind": "incoming", "received": dt.date(2024, 5, 2), "registered": dt.date(2024, 5, 3)}),
        (Subject.DOCUMENT, {"kind": "info_request"}),
        (Subject.MEETING, {"membership": 20, "present": 7}),
        (Subject.DRAFT, {"task_bodies": ["a"]}),
    ]
    for subject, facts in cases:
        durable = evaluate(reglament, subject, facts, subject_id="x", today=TODAY)
        reference = evaluate(reglament, subject, facts, subject_id="x", today=TODAY, engine=ReferenceEngine())
        assert durable == reference


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({"colour": "red"}, "colour"),
        ({"kind": 5}, "kind"),
        ({"urgent": "так"}, "urgent"),
        ({"registered": "2024-05-02"}, "registered"),
        ({"registered": dt.datetime(2024, 5, 2, 10, 0)}, "registered"),
        ({"task_count": True}, "task_count"),
    ],
)
def test_facts_outside_the_vocabulary_are_refused(reglament: Reglament, facts: dict[str, object], field: str) -> None:
    with pytest.raises(FactsError) as info:
        evaluate(reglament, Subject.DOCUMENT, facts, today=TODAY)
    assert str(info.value).startswith(f"{field}: ")


def test_absent_facts_may_be_given_as_none(reglament: Reglament) -> None:
    result = evaluate(reglament, Subject.DOCUMENT, {"kind": "info_request", "requester_name": None}, today=TODAY)
    assert [f.ref.clause for f in result.findings] == ["r2-p2"]
