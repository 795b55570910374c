"""A registered document's facts as the rules see them: moments of receipt, unstated yes/no facts and what the
reglament says they mean, and the terms and findings a plain document gets from them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pydantic
import pytest

from reglament.documents import document_facts, facts_of, validate_registration
from reglament.domain import Finding, NewDocument, Obligation
from reglament.errors import InvalidArgument
from reglament.legaltime.clock import KYIV
from reglament.registry.config import load_config
from reglament.registry.intake import assess
from reglament.rules.evaluate import evaluate
from reglament.rules.loader import load_reglament
from reglament.rules.schema import FactDecl, ReglamentMeta, Subject
from reglament.rules.values import parse_datetime, parse_fact

TODAY = dt.date(2026, 11, 22)
SHOSTKA = "shostka-2013"
VINNYTSIA = "vinnytsia-2020"


def new_document(reglament: str, kind: str, **fields: Any) -> NewDocument:
    values: dict[str, Any] = {
        "reglament": reglament,
        "kind": kind,
        "title": "Про ремонт освітлення на вулиці Садовій",
        "correspondent": "Коваленко Олена Петрівна",
        "received": "",
        "registered": "2026-03-02",
        "due_date": "",
        "urgent": False,
        "for_information": False,
        "restricted": False,
        "simple": False,
        "executors": ["Відділ житлово-комунального господарства"],
        "attributes": {},
    }
    values.update(fields)
    return validate_registration(**values, facts=load_reglament(reglament).facts(), today=TODAY)


def obligations(new: NewDocument) -> dict[str, Obligation]:
    reglament = load_reglament(new.reglament)
    found = evaluate(reglament, Subject.DOCUMENT, facts_of(new, reglament.facts()), today=TODAY).obligations
    return {o.ref.clause: o for o in found}


def intake_findings(new: NewDocument) -> list[Finding]:
    reglament = load_reglament(new.reglament)
    return list(assess(reglament, load_config(reglament.dir), [(new, None)], today=TODAY)[0].findings)


# -- moments: a datetime fact given as text -----------------------------------------------------------

DATETIME = FactDecl(type="datetime", description="moment of receipt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02T10:15", dt.datetime(2026, 3, 2, 10, 15, tzinfo=KYIV)),  # no offset: Kyiv time
        ("2026-03-02 10:15:30", dt.datetime(2026, 3, 2, 10, 15, 30, tzinfo=KYIV)),
        ("2026-03-02T08:15Z", dt.datetime(2026, 3, 2, 10, 15, tzinfo=KYIV)),  # UTC, winter: +02:00
        ("2026-07-01T10:15+03:00", dt.datetime(2026, 7, 1, 10, 15, tzinfo=KYIV)),  # summer time
        ("2026-07-01T09:15:00+0200", dt.datetime(2026, 7, 1, 10, 15, tzinfo=KYIV)),
    ],
)
def test_a_moment_is_read_as_kyiv_time_unless_it_carries_an_offset(text: str, expected: dt.datetime) -> None:
    value = parse_fact("received_at", text, DATETIME, "attributes[received_at]")
    assert value == expected and value.tzinfo is KYIV
    assert value.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-03-02", "add the time"),
        ("02.03.2026 10:15", "is not a datetime"),
        ("2026-03-02T25:15", "is not a valid datetime"),
        ("2026-03-02T10:15+25:00", "is not a valid datetime"),
        ("1900-03-02T10:15", "is outside"),
        ("", "is required"),
    ],
)
def test_a_moment_that_is_not_one_is_refused_naming_the_field(text: str, words: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        parse_datetime(text, "attributes[received_at]")
    assert caught.value.field == "attributes[received_at]" and words in str(caught.value)


def test_the_moment_of_receipt_gives_the_day_of_receipt_and_must_agree_with_registration() -> None:
    new = new_document(SHOSTKA, "info_request", registered="2026-03-03", attributes={"received_at": "2026-03-02T18:30"})
    assert new.received == dt.date(2026, 3, 2)
    assert new.attributes["received_at"] == "2026-03-02T18:30"  # kept as the registering system wrote it
    with pytest.raises(InvalidArgument) as after:
        new_document(SHOSTKA, "info_request", attributes={"received_at": "2026-03-03T09:00"})
    assert after.value.field == "attributes[received_at]" and "after the registration day" in str(after.value)
    with pytest.raises(InvalidArgument) as other_day:
        new_document(SHOSTKA, "info_request", received="2026-03-01", attributes={"received_at": "2026-03-02T09:00"})
    assert "not on the day of receipt" in str(other_day.value)


@pytest.mark.parametrize(
    ("received_at", "due"),
    [
        ("2026-03-02T10:15", dt.datetime(2026, 3, 4, 10, 15, tzinfo=KYIV)),  # Monday → Wednesday
        ("2026-03-06T16:45", dt.datetime(2026, 3, 8, 16, 45, tzinfo=KYIV)),  # over the weekend: not moved
        # 48 elapsed hours across the change to summer time (29.03.2026, 03:00 → 04:00)
        ("2026-03-28T10:00", dt.datetime(2026, 3, 30, 11, 0, tzinfo=KYIV)),
    ],
)
def test_an_answer_about_life_or_safety_is_due_48_hours_after_the_moment_of_receipt(
    received_at: str, due: dt.datetime
) -> None:
    new = new_document(
        SHOSTKA,
        "info_request",
        registered=received_at[:10],
        attributes={"life_or_safety": "true", "received_at": received_at},
    )
    term = obligations(new)["r15-s5-p5.3"]
    assert term.due == due
    assert "r15-s5-p5.1" not in obligations(new)


# -- unstated yes/no facts -----------------------------------------------------------------------------


def test_a_default_is_for_a_yes_no_fact_and_says_in_ukrainian_what_an_unstated_value_means() -> None:
    ok = FactDecl(type="bool", description="d", default=False, default_note="Якщо не зазначено, вважається, що ні.")
    assert ok.default is False
    for bad, words in [
        ({"type": "int", "default": False, "default_note": "…"}, "type bool"),
        ({"type": "bool", "default": False}, "default_note"),
        ({"type": "bool", "default_note": "Якщо не зазначено …"}, "give the default"),
        ({"type": "bool", "default": "no", "default_note": "…"}, "valid boolean"),
    ]:
        with pytest.raises(pydantic.ValidationError, match=words):
            FactDecl.model_validate({"description": "d", **bad})


def test_a_reglament_may_declare_a_core_fact_again_but_not_change_its_type() -> None:
    meta = load_reglament(SHOSTKA).meta.model_dump(by_alias=True)
    assert meta["facts"]["anonymous"]["default"] is False  # a core fact, declared again with its reading
    meta["facts"]["anonymous"] = {"type": "str", "description": "хто анонім"}
    with pytest.raises(pydantic.ValidationError, match="a core fact keeps its type: anonymous"):
        ReglamentMeta.model_validate(meta)


@pytest.mark.parametrize("reglament_id", [SHOSTKA, VINNYTSIA])
def test_every_default_is_a_ukrainian_reading_of_a_fact_document_clauses_use(reglament_id: str) -> None:
    reglament = load_reglament(reglament_id)
    used = set().union(*(e.facts_used() for e in reglament.encodings if e.subject is Subject.DOCUMENT))
    defaults = {name: decl for name, decl in reglament.facts().items() if decl.default is not None}
    assert defaults, "the reglament declares what unstated facts of a document mean"
    for name, decl in defaults.items():
        assert name in used, f"{name}: a default of a fact no document clause uses"
        assert decl.default_note.startswith("Якщо"), f"{name}: the reading starts «Якщо … не зазначено …»"
        assert "зазначено" in decl.default_note or "вказано" in decl.default_note, name


def test_an_unstated_fact_takes_its_default_and_a_stated_one_wins() -> None:
    facts = load_reglament(SHOSTKA).facts()
    plain = document_facts(
        kind="appeal",
        received=None,
        registered=dt.date(2026, 3, 2),
        due_date=None,
        urgent=False,
        for_information=False,
        restricted=False,
        simple=False,
        executors=(),
        attributes={"needs_extra_study": "true"},
        facts=facts,
    )
    assert plain["anonymous"] is False and plain["needs_extra_study"] is True
    assert "hero_or_war_invalid" not in plain  # no default declared: unknown stays unknown


# -- what a plain document gets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reglament_id", "kind", "fields", "clause", "due"),
    [
        # an appeal not marked anonymous or needing further study: 15 days (06.03 + 15 = Sat 21.03 → Mon 23.03)
        (SHOSTKA, "appeal", {"received": "2026-03-06", "registered": "2026-03-06"}, "r12-s3-p3.5", "2026-03-23"),
        # an incoming letter without «невідкладно» or «постійно»: 30 calendar days from its signature
        (SHOSTKA, "incoming", {"signed": "2026-02-27"}, "r11-s6-p6.1", "2026-03-30"),
        # a request without the marks of 5.3 or 5.4: five working days from the day after registration
        (SHOSTKA, "info_request", {}, "r15-s5-p5.1", "2026-03-09"),
        # a request not said to arrive after hours is registered the day it arrives
        (SHOSTKA, "info_request", {}, "r15-s4-p4.2", "2026-03-02"),
        # a date the document sets on a Saturday moves to Monday (ЦК ч. 5 ст. 254)
        (SHOSTKA, "incoming", {"due_date": "2026-03-07"}, "r11-s6-p6.1", "2026-03-09"),
        # «постійно» without an earlier report: the first report three months from registration
        (
            SHOSTKA,
            "mayor_order",
            {"signed": "2026-03-02", "attributes": {"permanent": "true"}},
            "r11-s6-p6.3",
            "2026-06-02",
        ),
    ],
)
def test_a_plain_document_gets_the_term_a_lawyer_expects(
    reglament_id: str, kind: str, fields: dict[str, Any], clause: str, due: str
) -> None:
    found = obligations(new_document(reglament_id, kind, **fields))
    assert clause in found, f"no obligation of {clause}: {sorted(found)}"
    assert found[clause].due == dt.date.fromisoformat(due), "\n".join(found[clause].explanation)


def test_a_date_set_on_a_saturday_is_explained_by_the_civil_code() -> None:
    term = obligations(new_document(SHOSTKA, "incoming", due_date="2026-03-07"))["r11-s6-p6.1"]
    assert any("субота" in line for line in term.explanation)


def test_the_first_quarterly_report_gives_way_to_the_last_report_once_there_is_one() -> None:
    found = obligations(
        new_document(
            SHOSTKA, "mayor_order", signed="2026-03-02", attributes={"permanent": "true", "last_informed": "2026-04-15"}
        )
    )
    [quarterly] = [o for o in found.values() if o.ref.clause == "r11-s6-p6.3"]
    assert quarterly.due == dt.date(2026, 7, 15) and "r11-s6-p6.1" not in found


@pytest.mark.parametrize(("thematic", "comprehensive"), [("false", True), ("true", False), (None, True)])
def test_five_days_for_the_reports_of_an_inspection_are_for_comprehensive_inspections_only(
    thematic: str | None, comprehensive: bool
) -> None:
    attributes = {"inspection_end": "2026-03-02"} | ({"thematic_inspection": thematic} if thematic else {})
    found = obligations(new_document(SHOSTKA, "mayor_order", signed="2026-03-02", attributes=attributes))
    assert ("r17-s3-p3.1-a2" in found) is comprehensive
    assert ("r17-s4-p4.3" in found) is not comprehensive


def test_an_internal_document_whose_publication_is_not_stated_is_no_violation() -> None:
    internal = new_document(SHOSTKA, "mayor_order", signed="2026-03-02", attributes={"internal_document": "true"})
    assert "r15-s3-p3.3" not in [f.ref.clause for f in intake_findings(internal)]
    published = new_document(
        SHOSTKA, "mayor_order", signed="2026-03-02", attributes={"internal_document": "true", "published": "true"}
    )
    [finding] = [f for f in intake_findings(published) if f.ref.clause == "r15-s3-p3.3"]
    assert finding.severity == "violation" and finding.message.startswith("Оприлюднено")


# -- registration-time findings are obligations or information, not violations ------------------------


def test_an_information_request_at_registration_is_told_it_is_subject_to_control() -> None:
    [finding] = [f for f in intake_findings(new_document(SHOSTKA, "info_request")) if f.ref.clause == "r15-s6-p6.1"]
    assert finding.severity == "info" and "підлягає обов’язковому контролю" in finding.message


def test_a_heros_appeal_at_registration_is_routed_to_the_mayor_without_a_violation() -> None:
    reglament = load_reglament(SHOSTKA)
    hero = new_document(SHOSTKA, "appeal", attributes={"hero_or_war_invalid": "true"})
    [decided] = assess(reglament, load_config(reglament.dir), [(hero, None)], today=TODAY)
    assert decided.routed_to == ("mayor",)
    assert [(f.ref.clause, f.severity) for f in decided.findings] == [("r12-s3-p3.7", "info")]
    by_deputy = new_document(
        SHOSTKA, "appeal", attributes={"hero_or_war_invalid": "true", "considered_by": "deputy_mayor"}
    )
    [violation] = [f for f in intake_findings(by_deputy) if f.ref.clause == "r12-s3-p3.7"]
    assert violation.severity == "violation" and "не безпосередньо міським головою" in violation.message
    by_mayor = new_document(SHOSTKA, "appeal", attributes={"hero_or_war_invalid": "true", "considered_by": "mayor"})
    assert "r12-s3-p3.7" not in [f.ref.clause for f in intake_findings(by_mayor)]
