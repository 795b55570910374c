"""The registry and what a document's clauses ask of registration, on both backends: registration that fulfils
an obligation, a protocol instruction put on control automatically by the mayor, and control steps whose
findings are what the clauses mean (Vinnytsia r6-s8-p8, r13-s4-p3; Shostka р. 11 § 2, § 7, р. 15 § 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reglament.documents import facts_of, validate_registration
from reglament.domain import ControlStatus, Document, ObligationStatus
from reglament.errors import FailedPrecondition, PermissionDenied
from reglament.registry.config import load_config
from reglament.rules.evaluate import evaluate
from reglament.rules.loader import RulesError, load_reglament
from reglament.rules.schema import Subject
from services.registry.store import RegistryStore

pytest_plugins = ["tests.store_fixtures"]

TODAY = dt.date(2026, 11, 22)
VINNYTSIA = "vinnytsia-2020"
SHOSTKA = "shostka-2013"


@pytest.fixture
def registry(store_url: str) -> Iterator[RegistryStore]:
    opened = RegistryStore.open(store_url)
    try:
        yield opened
    finally:
        opened.close()


def register(
    registry: RegistryStore, kind: str, reglament: str = VINNYTSIA, request_id: str | None = None, **fields: Any
) -> Document:
    values: dict[str, Any] = {
        "reglament": reglament,
        "kind": kind,
        "title": "Доручення наради: перевірити стан пожежних виходів у торгових центрах",
        "correspondent": "Міський голова",
        "received": "2026-03-05",
        "registered": "2026-03-05",
        "due_date": "",
        "urgent": False,
        "for_information": False,
        "restricted": False,
        "simple": False,
        "executors": ["Департамент з питань надзвичайних ситуацій"],
        "attributes": {},
    }
    values.update(fields)
    new = validate_registration(**values, facts=load_reglament(reglament).facts(), today=TODAY)
    document, _ = registry.register(new, request_id)
    return document


def store_rules_obligations(registry: RegistryStore, doc: Document) -> None:
    """What the deadlines service sends for the document (its obligations), stored as the consumer does."""
    reglament = load_reglament(doc.reglament)
    found = evaluate(reglament, Subject.DOCUMENT, facts_of(doc, reglament.facts()), subject_id=doc.id).obligations
    registry.store_obligation_events("registry-obligations", [(f"created-{o.id}", o) for o in found])


def status_of(registry: RegistryStore, doc: Document, clause: str) -> ObligationStatus:
    [obligation] = [o for o in registry.obligations_for(doc.id) if o.ref.clause == clause]
    return obligation.status


# -- control.automatic: registration puts the document on control (r13-s4-p3) --------------------------


def test_every_automatic_control_rule_names_an_encoded_clause_a_known_role_and_a_declared_fact() -> None:
    for reglament_id in (VINNYTSIA, SHOSTKA):
        reglament = load_reglament(reglament_id)
        config = load_config(reglament.dir)
        keys = {e.key for e in reglament.encodings}
        roles = {r.id for r in reglament.meta.roles} | set(config.control.extra_roles)
        for rule in config.control.automatic:
            assert rule.clause in keys and rule.role in roles
            assert reglament.facts()[rule.fact].type == "bool"
    assert [r.clause for r in load_config(load_reglament(VINNYTSIA).dir).control.automatic] == ["r13-s4-p3#control"]


def test_a_protocol_instruction_with_the_mayors_control_resolution_is_put_on_control_at_registration(
    registry: RegistryStore,
) -> None:
    doc = register(registry, "protocol_instruction", due_date="2026-03-27", attributes={"control_resolution": "true"})
    assert "r13-s4-p3" not in [f.ref.clause for f in doc.findings]
    view = registry.view(doc.id)
    assert view is not None and view.control is not None
    control = view.control
    assert control.status is ControlStatus.ON_CONTROL
    assert (control.controller, control.controller_role, control.put_by) == (
        "Міський голова",
        "mayor",
        "Міський голова",
    )
    assert control.put_on == dt.date(2026, 3, 5) and control.due == dt.date(2026, 3, 27)
    assert "r13-s4-p3" in control.basis and "автоматична постановка документа на контроль" in control.basis
    [entry] = [e for e in registry.audit_for(doc.id) if e.action == "control.put"]
    assert entry.actor == "Міський голова" and "vinnytsia-2020/r13-s4-p3" in entry.reason


def test_a_retried_registration_puts_the_instruction_on_control_once(registry: RegistryStore) -> None:
    fields: dict[str, Any] = {"due_date": "2026-03-27", "attributes": {"control_resolution": "true"}}
    first = register(registry, "protocol_instruction", request_id="pi-1", **fields)
    again = register(registry, "protocol_instruction", request_id="pi-1", **fields)
    assert again.id == first.id
    assert len([e for e in registry.audit_for(first.id) if e.action == "control.put"]) == 1


def test_an_instruction_without_a_control_resolution_is_not_put_on_control(registry: RegistryStore) -> None:
    doc = register(registry, "protocol_instruction", due_date="2026-03-27")
    view = registry.view(doc.id)
    assert view is not None and view.control is None
    assert "r13-s4-p3" not in [f.ref.clause for f in doc.findings]


def test_an_instruction_without_a_responsible_executor_stays_registered_and_the_finding_says_why(
    registry: RegistryStore,
) -> None:
    doc = register(
        registry, "protocol_instruction", due_date="2026-03-27", executors=[], attributes={"control_resolution": "true"}
    )
    view = registry.view(doc.id)
    assert view is not None and view.control is None
    assert "r12-s2-p2" in [f.ref.clause for f in doc.findings]


def test_the_mayor_removes_an_automatically_controlled_instruction_once_it_is_executed(
    registry: RegistryStore,
) -> None:
    doc = register(registry, "protocol_instruction", due_date="2026-03-27", attributes={"control_resolution": "true"})
    done = {"tasks_done": "true", "execution_confirmed": "true"}
    registry.mark_executed(
        doc.id, actor="Виконавець", on=dt.date(2026, 3, 20), reason="Виконано", facts=done, request_id=None, today=TODAY
    )
    result = registry.remove_from_control(
        doc.id,
        actor="Міський голова",
        actor_role="mayor",
        on=dt.date(2026, 3, 25),
        reason="Виконано",
        basis_document_id="",
        facts={},
        request_id=None,
        today=TODAY,
    )
    assert result.view.control is not None and result.view.control.status is ControlStatus.REMOVED
    assert "r13-s4-p3" not in [w.ref.clause for w in result.warnings]


# -- fulfilment.registration ---------------------------------------------------------------------------


def test_registering_a_signed_decision_fulfils_its_registration_term(registry: RegistryStore) -> None:
    on_time = register(registry, "ec_decision", signed="2026-03-05", registered="2026-03-06", received="")
    store_rules_obligations(registry, on_time)
    assert status_of(registry, on_time, "r6-s8-p8") is ObligationStatus.FULFILLED
    late = register(registry, "mayor_order", signed="2026-03-05", registered="2026-03-10", received="")
    store_rules_obligations(registry, late)
    assert status_of(registry, late, "r6-s8-p8") is ObligationStatus.FULFILLED
    [entry] = [
        e for e in registry.audit_for(late.id) if e.action == "obligation.fulfilled" and "r6-s8-p8" in str(e.data)
    ]
    assert "із запізненням" in entry.reason


def test_shostka_registering_an_information_request_fulfils_registration_on_the_day_it_arrives(
    registry: RegistryStore,
) -> None:
    doc = register(registry, "info_request", reglament=SHOSTKA, title="Запит про кількість укриттів")
    store_rules_obligations(registry, doc)
    assert status_of(registry, doc, "r15-s4-p4.2") is ObligationStatus.FULFILLED
    assert status_of(registry, doc, "r15-s5-p5.1") is ObligationStatus.PENDING
    assert [f.severity for f in doc.findings if f.ref.clause == "r15-s6-p6.1"] == ["info"]


# -- Shostka control steps ------------------------------------------------------------------------------


def put(registry: RegistryStore, doc: Document, on: dt.date = dt.date(2026, 3, 6)) -> None:
    registry.put_on_control(
        doc.id,
        actor="Загальний відділ",
        controller="",
        controller_role="",
        on=on,
        due=None,
        long_term=False,
        basis="Резолюція: на контроль",
        request_id=None,
        today=TODAY,
    )


def test_shostka_a_lawful_removal_brings_no_warning_that_the_document_must_be_on_control(
    registry: RegistryStore,
) -> None:
    decision = register(registry, "ec_decision", reglament=SHOSTKA, signed="2026-03-05", received="")
    put(registry, decision)
    registry.mark_executed(
        decision.id,
        actor="Виконавець",
        on=dt.date(2026, 3, 20),
        reason="Виконано",
        facts={"tasks_resolved": "true", "answered": "true"},
        request_id=None,
        today=TODAY,
    )
    report = {"removal_basis": "written_report", "report_signed_by": "deputy_mayor"}
    result = registry.remove_from_control(
        decision.id,
        actor="Міський голова",
        actor_role="mayor",
        on=dt.date(2026, 3, 25),
        reason="Виконано",
        basis_document_id="",
        facts=report | {"report_paper": "true", "report_electronic": "true"},
        request_id=None,
        today=TODAY,
    )
    assert result.changed and result.warnings == []


def test_shostka_an_act_of_a_higher_authority_is_removed_only_on_that_authoritys_document(
    registry: RegistryStore,
) -> None:
    authority = "Сумська обласна військова адміністрація"
    act = register(
        registry,
        "incoming",
        reglament=SHOSTKA,
        correspondent=authority,
        attributes={"from_higher_authority": "true"},
    )
    put(registry, act)
    answered = {"tasks_resolved": "true", "answered": "true"}
    registry.mark_executed(
        act.id,
        actor="Виконавець",
        on=dt.date(2026, 3, 20),
        reason="Виконано",
        facts=answered,
        request_id=None,
        today=TODAY,
    )

    def remove(basis_id: str) -> Any:
        return registry.remove_from_control(
            act.id,
            actor="Загальний відділ",
            actor_role="",
            on=dt.date(2026, 3, 25),
            reason="Виконано",
            basis_document_id=basis_id,
            facts={},
            request_id=None,
            today=TODAY,
        )

    with pytest.raises(FailedPrecondition) as caught:
        remove("")
    assert "r11-s7-p7.2" in str(caught.value) and "розпорядчого документа" in str(caught.value)
    unrelated = register(
        registry, "incoming", reglament=SHOSTKA, correspondent=authority, registered="2026-03-24", received="2026-03-24"
    )
    with pytest.raises(PermissionDenied) as denied:
        remove(unrelated.id)  # the authority's document, but not about this act
    assert denied.value.clause == f"{SHOSTKA}/r11-s7-p7.2" and denied.value.field == "basis_document_id"
    letter = register(
        registry,
        "incoming",
        reglament=SHOSTKA,
        correspondent=authority,
        title="Про зняття з контролю",
        registered="2026-03-24",
        received="2026-03-24",
        links=[("amends", act.id)],
    )
    control = remove(letter.id).view.control
    assert control is not None and control.removal_basis == "higher_authority_act"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            "control:\n  automatic:\n    - {kinds: [letters], fact: x, role: mayor, clause: r1-p1}\n",
            "control.automatic[0]",
        ),
        ("control:\n  automatic:\n    - {kinds: [protocol_instruction], role: mayor, clause: r1-p1}\n", "fact"),
    ],
)
def test_a_bad_automatic_control_rule_is_refused_naming_file_line_and_field(
    tmp_path: Path, text: str, field: str
) -> None:
    (tmp_path / "registry.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_config(tmp_path)
    assert "registry.yaml:" in str(caught.value) and field in str(caught.value)
