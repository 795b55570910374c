"""The one reading of a fact given as text, shared by the registry, the deadlines and the approval services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reglament.approval.facts import attribute_facts
from reglament.documents import validate_registration
from reglament.errors import InvalidArgument
from reglament.legaltime.clock import KYIV
from reglament.rules.loader import load_reglament
from reglament.rules.schema import FactDecl
from reglament.rules.values import MAX_FACT_INT, MAX_FACT_TEXT, parse_fact

FIELD = "attributes[fact]"


def decl(kind: str) -> FactDecl:
    return FactDecl(type=kind, description="a fact")


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("bool", "true", True),
        ("bool", "false", False),
        ("bool", " true ", True),  # surrounding blanks are not part of the value
        ("int", "0", 0),
        ("int", "17", 17),
        ("int", str(MAX_FACT_INT), MAX_FACT_INT),
        ("date", "2026-03-02", dt.date(2026, 3, 2)),
        ("datetime", "2026-03-02T10:15", dt.datetime(2026, 3, 2, 10, 15, tzinfo=KYIV)),
        ("datetime", "2026-03-02 10:15:30", dt.datetime(2026, 3, 2, 10, 15, 30, tzinfo=KYIV)),
        ("datetime", "2026-03-02T08:15Z", dt.datetime(2026, 3, 2, 10, 15, tzinfo=KYIV)),
        ("datetime", "2026-07-01T10:15+03:00", dt.datetime(2026, 7, 1, 10, 15, tzinfo=KYIV)),
        ("list", "Юридичний відділ; Фінансове управління;", ["Юридичний відділ", "Фінансове управління"]),
        ("list", "", []),
        ("str", "executive_committee", "executive_committee"),
        ("str", "х" * MAX_FACT_TEXT, "х" * MAX_FACT_TEXT),
    ],
)
def test_a_fact_given_as_text_is_read_by_its_declared_type(kind: str, text: str, expected: Any) -> None:
    value = parse_fact("fact", text, decl(kind), FIELD)
    assert value == expected and type(value) is type(expected)
    if isinstance(expected, dt.datetime):
        assert value.tzinfo is KYIV and value.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("kind", "text", "words"),
    [
        ("bool", "yes", "'true' or 'false'"),
        ("bool", "True", "'true' or 'false'"),
        ("bool", "", "'true' or 'false'"),
        ("int", "many", "is an integer"),
        ("int", "1_000", "is an integer"),
        ("int", "3.5", "is an integer"),
        ("int", "", "is an integer"),
        ("int", "-1", f"0..{MAX_FACT_INT}"),
        ("int", str(MAX_FACT_INT + 1), f"0..{MAX_FACT_INT}"),
        ("date", "05.03.2026", "is not a date"),
        ("date", "2026-02-30", "is not a valid date"),
        ("date", "1900-01-01", "is outside"),
        ("date", "", "is required"),
        ("datetime", "2026-03-02", "add the time"),
        ("datetime", "02.03.2026 10:15", "is not a datetime"),
        ("datetime", "2026-03-02T25:15", "is not a valid datetime"),
        ("datetime", "1900-03-02T10:15", "is outside"),
        ("datetime", "", "is required"),
        ("list", "a;" * MAX_FACT_TEXT, f"at most {MAX_FACT_TEXT}"),
        ("str", "х" * (MAX_FACT_TEXT + 1), f"at most {MAX_FACT_TEXT}"),
        ("str", "line\x00break", "control characters"),
    ],
)
def test_a_fact_value_that_is_not_of_its_type_is_refused_naming_the_field(kind: str, text: str, words: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        parse_fact("fact", text, decl(kind), FIELD)
    assert caught.value.field == FIELD and words in str(caught.value)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pages", "-3"),
        ("pages", str(MAX_FACT_INT + 1)),
        ("received_at", "2026-03-02T10:15+02:00"),
        ("received_at", "2026-03-02"),
        ("immediate", "так"),
    ],
)
def test_the_registry_and_the_approval_service_read_the_same_attribute_alike(name: str, text: str) -> None:
    """The same attribute gets the same answer (value or refusal) whether a document or a draft carries it."""
    reglament = load_reglament("shostka-2013")
    facts = reglament.facts()
    assert name in facts

    def registry() -> Any:
        new = validate_registration(
            reglament=reglament.id,
            kind="info_request",
            title="Запит на інформацію",
            correspondent="",
            received="",
            registered="2026-03-02",
            due_date="",
            urgent=False,
            for_information=False,
            restricted=False,
            simple=False,
            executors=[],
            attributes={name: text},
            facts=facts,
            today=dt.date(2026, 3, 2),
        )
        return parse_fact(name, new.attributes[name], facts[name], f"attributes[{name}]")

    def approval() -> Any:
        return attribute_facts(reglament, {name: text}, field="attributes")[name]

    outcomes = []
    for read in (registry, approval):
        try:
            outcomes.append(("value", read()))
        except InvalidArgument as refused:
            assert refused.field == f"attributes[{name}]"
            outcomes.append(("refused", str(refused)))
    assert outcomes[0] == outcomes[1]
