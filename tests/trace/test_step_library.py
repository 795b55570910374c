"""The step library reads what a lawyer writes: dates, clause references, roles, yes/no, fact tables."""

from __future__ import annotations

import datetime as dt

import grpc
import pytest

from reglament.v1 import approval_pb2, common_pb2, registry_pb2
from tests.bdd.steps.common import (
    Context,
    StepError,
    clause_id,
    iso,
    parse_bool,
    role_id,
    scenario_reglament,
    show_date,
)
from tests.bdd.steps.vocabulary import DOCUMENT_WORDS, DRAFT_WORDS, apply_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02.03.2026", "2026-03-02"),
        ("2.3.2026", "2026-03-02"),
        ("2 березня 2026", "2026-03-02"),
        ("2 березня 2026 року", "2026-03-02"),
        ("2026-03-02", "2026-03-02"),
        ("02.03.2026 15:00", "2026-03-02T15:00"),
    ],
)
def test_dates(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize("text", ["30.02.2026", "2 березеня 2026", "вчора", "2026/03/02"])
def test_bad_dates_are_refused_in_words(text: str) -> None:
    with pytest.raises(StepError):
        iso(text)


def test_a_date_is_shown_with_its_weekday() -> None:
    assert show_date("2026-04-01") == "01.04.2026 (середа)"
    assert dt.date(2026, 4, 1).weekday() == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("r12-s3-p2.3", "r12-s3-p2.3"),
        ("п. 2.3 § 3 розділу 12", "r12-s3-p2.3"),
        ("підпункт 5.4 параграфа 4 розділу 6", "r6-s4-p5.4"),
        ("абзац 2 п. 7 § 2 розділу 10", "r10-s2-p7-a2"),
        ("абзац 1 розділу 9", "r9-a1"),
        ("пункт 3.2 § 3 розділу 11, підпункт 4)", "r11-s3-p3.2-i4"),
        ("розділ 15, пункт 12", "r15-p12"),
    ],
)
def test_clause_references(text: str, expected: str) -> None:
    assert clause_id(text) == expected


def test_a_reference_without_rozdil_is_refused() -> None:
    with pytest.raises(StepError, match="не видно"):
        clause_id("п. 2.3")


def test_a_reference_must_name_an_encoded_clause_of_the_scenarios_reglament() -> None:
    Context(reglament="vinnytsia-2020")  # what a scenario of features/vinnytsia-2020/ has
    assert clause_id("п. 2.3 § 3 розділу 12") == "r12-s3-p2.3"
    with pytest.raises(StepError, match="такого пункту в регламенті vinnytsia-2020 немає"):
        clause_id("r12-s3-p2.33")  # a typo
    with pytest.raises(StepError, match="такого пункту"):
        clause_id("п. 5.3 § 5 розділу 15")  # a clause of Shostka's reglament, not Vinnytsia's
    with pytest.raises(StepError, match="не закодовано"):
        clause_id("r12-s3-p4")  # listed as not-checkable: the system checks nothing under it


def test_a_scenarios_reglament_does_not_outlive_its_test() -> None:
    # The previous test made a Vinnytsia scenario's Context; a reference here is read on its own.
    assert scenario_reglament() is None
    assert clause_id("п. 5.3 § 5 розділу 15") == "r15-s5-p5.3"
    assert clause_id("п. 5.3 § 5 розділу 15", "shostka-2013") == "r15-s5-p5.3"


def test_a_step_that_something_does_not_happen_under_a_mistyped_clause_fails() -> None:
    from tests.bdd.steps.vinnytsia_documents import _no_intake_finding

    ctx = Context(reglament="vinnytsia-2020", document=common_pb2.Document())
    _no_intake_finding(ctx, "r11-s2-p3")
    with pytest.raises(StepError, match="такого пункту"):
        _no_intake_finding(ctx, "r11-s2-p33")


def test_roles_by_name_alias_or_id() -> None:
    assert role_id("vinnytsia-2020", "міський голова") == "mayor"
    assert role_id("vinnytsia-2020", "Міський голова") == "mayor"
    assert role_id("vinnytsia-2020", "керуючий справами виконавчого комітету") == "keruiuchyi_spravamy"
    assert role_id("vinnytsia-2020", "keruiuchyi_spravamy") == "keruiuchyi_spravamy"
    with pytest.raises(StepError, match="такої посади"):
        role_id("vinnytsia-2020", "президент")


def test_yes_and_no() -> None:
    assert parse_bool("так") is True and parse_bool("Ні") is False
    with pytest.raises(StepError):
        parse_bool("можливо")


def test_fact_tables_fill_the_request_fields_and_attributes() -> None:
    request = registry_pb2.RegisterDocumentRequest()
    apply_words(
        "vinnytsia-2020",
        request,
        [
            ("терміново", "так"),
            ("виконавці", "«Департамент освіти», «Департамент фінансів»"),
            ("періодичність", "щокварталу"),
            ("кінець звітного періоду", "31.03.2026"),
            ("кількість завдань", "3"),
            ("has_tasks", "так"),
        ],
        DOCUMENT_WORDS,
    )
    assert request.urgent is True
    assert list(request.executors) == ["Департамент освіти", "Департамент фінансів"]
    assert dict(request.attributes) == {
        "periodic": "quarterly",
        "period_end": "2026-03-31",
        "task_count": "3",
        "has_tasks": "true",
    }
    draft = approval_pb2.Draft()
    apply_words(
        "vinnytsia-2020",
        draft,
        [("спосіб візування", "паперовий"), ("візу ставить зараз", "керуючий справами виконкому")],
        DRAFT_WORDS,
    )
    assert dict(draft.attributes) == {"visa_medium": "paper", "visa_role": "keruiuchyi_spravamy"}
    with pytest.raises(StepError, match="невідома ознака"):
        apply_words("vinnytsia-2020", draft, [("колір обкладинки", "синій")], DRAFT_WORDS)


class _Refusal(grpc.RpcError):
    def __init__(self, details: str) -> None:
        self._details = details

    def code(self) -> grpc.StatusCode:
        return grpc.StatusCode.INVALID_ARGUMENT

    def details(self) -> str:
        return self._details


def test_a_refusal_is_said_to_name_a_field_by_its_label_in_the_fact_tables() -> None:
    from tests.bdd.steps.refusals import _refusal_names

    ctx = Context(reglament="shostka-2013", error=_Refusal("attributes[received_at]: '2026-03-02' needs a time"))
    _refusal_names(ctx, "дата й час надходження")
    _refusal_names(ctx, "needs a time")  # words of the refusal itself
    with pytest.raises(StepError, match="поле due_date"):
        _refusal_names(ctx, "конкретна дата виконання")
    with pytest.raises(StepError, match="поле received"):
        _refusal_names(ctx, "дата надходження")  # `received`, not `received_at`
    with pytest.raises(StepError, match="у відмові немає «отримано»"):
        _refusal_names(ctx, "отримано")
