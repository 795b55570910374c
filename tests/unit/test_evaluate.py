"""Evaluating the sample reglament: one clause of each kind, with citations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reglament.approval.checks import evaluate_given, requirement
from reglament.legaltime.spec import EndRule
from reglament.rules.evaluate import FactsError, RouteStep, engine_values, evaluate, obligation_id
from reglament.rules.facts import from_epoch_day
from reglament.rules.loader import Reglament, load_reglament
from reglament.rules.reference import ReferenceEngine
from reglament.rules.schema import Encoding, Subject

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


# -- a date compared with the end of a term legal time counts ------------------------------------------


def _with_ceiling(reglament: Reglament, term: dict[str, object], end: EndRule) -> tuple[Reglament, Encoding]:
    """The sample reglament under the policy `end`, plus a clause: a document's own date may not pass the
    end of `term` counted from its registration."""
    ceiling = Encoding.model_validate(
        {
            "id": "r2-p1",
            "variant": "ceiling",
            "kind": "condition",
            "quote": "не пізніше",
            "text_sha": "0" * 64,
            "requires": [{"fact": "due_date", "lte": {"fact": "registered", "term": term}}],
            "message": "Строк документа виходить за граничний.",
        }
    )
    policy = reglament.policy.model_copy(update={"end_on_non_working": end})
    meta = reglament.meta.model_copy(update={"counting": policy})
    return Reglament(meta, reglament.tree, [*reglament.encodings, ceiling], reglament.dir), ceiling


@pytest.mark.parametrize(
    ("term", "end", "registered", "last_day"),
    [
        # day 45 after Wednesday 04.03.2026 is Saturday 18.04.2026
        ({"unit": "calendar_days", "amount": 45}, EndRule.NEXT, dt.date(2026, 3, 4), dt.date(2026, 4, 20)),
        ({"unit": "calendar_days", "amount": 45}, EndRule.PRECEDING, dt.date(2026, 3, 4), dt.date(2026, 4, 17)),
        # 3 years after 29.02.2024 end on the last day of February 2027, a Sunday
        ({"unit": "years", "amount": 3}, EndRule.NEXT, dt.date(2024, 2, 29), dt.date(2027, 3, 1)),
        ({"unit": "years", "amount": 3}, EndRule.PRECEDING, dt.date(2024, 2, 29), dt.date(2027, 2, 26)),
        # 3 years without a 29 February are 1,095 days: 01.01.2021 → Monday 01.01.2024, a working day
        ({"unit": "years", "amount": 3}, EndRule.NEXT, dt.date(2021, 1, 1), dt.date(2024, 1, 1)),
        ({"unit": "months", "amount": 1}, EndRule.PRECEDING, dt.date(2024, 1, 31), dt.date(2024, 2, 29)),
        # working days end on a working day whatever the policy: Friday 06.03.2026 + 5 → Friday 13.03.2026
        ({"unit": "working_days", "amount": 5}, EndRule.NEXT, dt.date(2026, 3, 6), dt.date(2026, 3, 13)),
        ({"unit": "working_days", "amount": 5}, EndRule.PRECEDING, dt.date(2026, 3, 6), dt.date(2026, 3, 13)),
    ],
)
def test_a_date_is_compared_with_the_last_day_of_a_term_counted_by_the_policy(
    reglament: Reglament, term: dict[str, object], end: EndRule, registered: dt.date, last_day: dt.date
) -> None:
    counted, ceiling = _with_ceiling(reglament, term, end)
    [ref] = ceiling.term_refs()
    values = engine_values(counted, Subject.DOCUMENT, {"registered": registered}, TODAY)
    assert from_epoch_day(values[ref.operand]) == last_day
    for engine in (None, ReferenceEngine()):
        for due_date, late in ((last_day, False), (last_day + dt.timedelta(days=1), True)):
            facts = {"kind": "incoming", "registered": registered, "due_date": due_date}
            findings = evaluate(counted, Subject.DOCUMENT, facts, today=TODAY, engine=engine).findings
            assert [f.ref.clause for f in findings if f.message == ceiling.message] == (["r2-p1"] if late else [])
            if late:  # the finding shows the facts the clause used, not the derived end date
                assert [f.facts for f in findings if f.message == ceiling.message] == [
                    {"registered": registered, "due_date": due_date}
                ]


def test_without_its_anchor_a_terms_end_is_unknown(reglament: Reglament) -> None:
    counted, ceiling = _with_ceiling(reglament, {"unit": "calendar_days", "amount": 45}, EndRule.NEXT)
    [ref] = ceiling.term_refs()
    values = engine_values(counted, Subject.DOCUMENT, {"due_date": dt.date(2026, 4, 1)}, TODAY)
    assert ref.operand not in values
    # like any absent fact: the engine cannot show the requirement met, three-valued logic leaves it open
    facts = {"kind": "incoming", "due_date": dt.date(2026, 4, 1)}
    assert [f.ref.clause for f in evaluate(counted, Subject.DOCUMENT, facts, today=TODAY).findings] == ["r2-p1"]
    assert requirement(ceiling, values) is None
    assert evaluate_given(counted, Subject.DOCUMENT, facts, today=TODAY).findings == []


def test_an_anchor_outside_the_calendar_is_refused_naming_the_fact_and_clause(reglament: Reglament) -> None:
    counted, _ = _with_ceiling(reglament, {"unit": "years", "amount": 3}, EndRule.NEXT)
    with pytest.raises(FactsError) as info:
        evaluate(counted, Subject.DOCUMENT, {"registered": dt.date(9998, 6, 1)}, today=TODAY)
    assert str(info.value).startswith("registered: ") and "sample-2024/r2-p1#ceiling" in str(info.value)


SHOSTKA = load_reglament("shostka-2013")


@pytest.mark.parametrize(
    ("signed", "last_task_due", "variant"),
    [
        # signed 29.02.2024: 3 years end on 28.02.2027, a Sunday, so on Monday 01.03.2027 (ЦК, ч. 5 ст. 254)
        (dt.date(2024, 2, 29), dt.date(2027, 3, 1), "half-year"),
        (dt.date(2024, 2, 29), dt.date(2027, 3, 2), "yearly"),
        # signed 01.01.2021: 3 years end on Monday 01.01.2024, 1,095 days later
        (dt.date(2021, 1, 1), dt.date(2024, 1, 1), "half-year"),
        (dt.date(2021, 1, 1), dt.date(2024, 1, 2), "yearly"),
    ],
)
def test_shostka_documents_of_up_to_3_years_report_by_half_year_and_longer_ones_yearly(
    signed: dt.date, last_task_due: dt.date, variant: str
) -> None:
    """На документи, виконання яких розраховано до 3 років, інформації подаються за підсумками півріччя,
    більше 3 років – за підсумками року (р. 11 п. 6.4)."""
    facts = {
        "long_term": True,
        "reporting_terms_set": False,
        "signed": signed,
        "last_task_due": last_task_due,
        "last_informed": dt.date(2026, 1, 5),
    }
    obligations = evaluate(SHOSTKA, Subject.DOCUMENT, facts, today=dt.date(2026, 1, 5)).obligations
    ids = {o.id for o in obligations if o.ref.clause == "r11-s6-p6.4"}
    assert ids == {obligation_id("", SHOSTKA.id, f"r11-s6-p6.4#{variant}")}
