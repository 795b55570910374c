"""Control of execution as the reglaments say it, on both backends: who may remove, what execution needs, intake."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from reglament.documents import facts_of, validate_registration
from reglament.domain import ControlStatus, Document, ObligationStatus
from reglament.errors import FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from reglament.registry import control as policy
from reglament.rules.evaluate import evaluate
from reglament.rules.loader import load_reglament
from reglament.rules.schema import Subject
from services.registry.store import RegistryStore, StepResult

pytest_plugins = ["tests.store_fixtures"]

TODAY = dt.date(2026, 11, 22)
VINNYTSIA = "vinnytsia-2020"
DONE = {"tasks_done": "true", "execution_confirmed": "true"}


@pytest.fixture
def registry(store_url: str) -> Iterator[RegistryStore]:
    opened = RegistryStore.open(store_url)
    try:
        yield opened
    finally:
        opened.close()


def register(registry: RegistryStore, kind: str = "incoming", reglament: str = VINNYTSIA, **fields: Any) -> Document:
    values: dict[str, Any] = {
        "reglament": reglament,
        "kind": kind,
        "title": "Про ремонт доріг",
        "correspondent": "Обласна державна адміністрація",
        "received": "2026-03-02",
        "registered": "2026-03-02",
        "due_date": "",
        "urgent": False,
        "for_information": False,
        "restricted": False,
        "simple": False,
        "executors": ["Департамент житлового господарства"],
        "attributes": {},
    }
    values.update(fields)
    today = values.pop("today", TODAY)
    request_id = values.pop("request_id", None)
    new = validate_registration(**values, facts=load_reglament(reglament).facts(), today=today)
    document, _ = registry.register(new, request_id)
    return document


def put(registry: RegistryStore, doc: Document, **fields: Any) -> StepResult:
    values: dict[str, Any] = {
        "actor": "Відділ контролю",
        "controller": "",
        "controller_role": "",
        "on": dt.date(2026, 3, 3),
        "due": None,
        "long_term": False,
        "basis": "Резолюція: на контроль",
        "request_id": None,
        "today": TODAY,
    }
    values.update(fields)
    return registry.put_on_control(doc.id, **values)


def execute(registry: RegistryStore, doc: Document, facts: dict[str, str] | None = None, **fields: Any) -> StepResult:
    values: dict[str, Any] = {
        "actor": "Виконавець",
        "on": dt.date(2026, 3, 20),
        "reason": "Виконано",
        "request_id": None,
        "today": TODAY,
    }
    values.update(fields)
    return registry.mark_executed(doc.id, facts=DONE if facts is None else facts, **values)


def remove(registry: RegistryStore, doc: Document, actor: str, actor_role: str = "", **fields: Any) -> StepResult:
    values: dict[str, Any] = {
        "on": dt.date(2026, 3, 25),
        "reason": "Виконано",
        "basis_document_id": "",
        "facts": {},
        "request_id": None,
        "today": TODAY,
    }
    values.update(fields)
    return registry.remove_from_control(doc.id, actor=actor, actor_role=actor_role, **values)


def store_rules_obligations(registry: RegistryStore, doc: Document) -> None:
    """What the deadlines service would send for the document (its obligations), stored as the consumer does."""
    reglament = load_reglament(doc.reglament)
    obligations = evaluate(reglament, Subject.DOCUMENT, facts_of(doc, reglament.facts()), subject_id=doc.id).obligations
    registry.store_obligation_events("registry-obligations", [(f"created-{o.id}", o) for o in obligations])


# -- who puts on control and who may remove (r12-s4-p4) ----------------------------------------


def test_a_mayors_order_is_put_on_control_by_the_mayor(registry: RegistryStore) -> None:
    order = register(registry, "mayor_order", title="Про заходи з благоустрою")
    assert order.number == "1-р"
    control = put(registry, order).view.control
    assert control is not None
    assert (control.controller, control.controller_role, control.status) == (
        "Міський голова",
        "mayor",
        ControlStatus.ON_CONTROL,
    )
    # no term in the order: the control term is the rules' execution term (30 days, r12-s3-p2.3)
    assert control.due == dt.date(2026, 4, 1)


def test_naming_another_controller_for_a_mayors_order_is_refused_citing_the_clause(registry: RegistryStore) -> None:
    order = register(registry, "mayor_order")
    with pytest.raises(InvalidArgument) as caught:
        put(registry, order, controller="Заступник міського голови", controller_role="deputy_mayor")
    assert caught.value.field == "controller_role" and "r12-s4-p4.1" in str(caught.value)
    assert "розпорядження та доручення міського голови знімаються з контролю за його рішенням" in str(caught.value)
    assert registry.store.control_for(order.id) is None


def test_only_the_mayor_removes_his_order_from_control(registry: RegistryStore) -> None:
    order = register(registry, "mayor_order")
    put(registry, order)
    execute(registry, order)
    with pytest.raises(PermissionDenied) as caught:
        remove(registry, order, "Заступник міського голови", "deputy_mayor")
    message = str(caught.value)
    assert "r12-s4-p4" in message
    assert "Зняти документ з контролю може тільки та посадова особа або відповідний орган" in message
    assert registry.store.control_for(order.id).status is ControlStatus.EXECUTED  # type: ignore[union-attr]
    control = remove(registry, order, "Особа, яка виконує обов'язки міського голови", "acting_mayor").view.control
    assert control is not None and control.status is ControlStatus.REMOVED
    assert control.removal_basis == "mayor_decision"


def test_a_decision_of_the_executive_committee_is_removed_only_by_a_new_decision(registry: RegistryStore) -> None:
    decision = register(registry, "ec_decision", title="Про підготовку до опалювального сезону")
    put(registry, decision)
    execute(registry, decision)
    with pytest.raises(PermissionDenied) as caught:
        remove(registry, decision, "Міський голова", "mayor")
    assert "r12-s4-p4.2" in str(caught.value)
    order = register(
        registry, "mayor_order", registered="2026-03-24", received="2026-03-24", links=[("cancels", decision.id)]
    )
    with pytest.raises(PermissionDenied) as caught:
        remove(registry, decision, "Відділ контролю", basis_document_id=order.id)
    assert "r12-s4-p4.2" in str(caught.value)
    new_decision = register(
        registry,
        "ec_decision",
        title="Про зняття з контролю рішень виконавчого комітету",
        registered="2026-03-24",
        received="2026-03-24",
        links=[("cancels", decision.id)],
    )
    control = remove(registry, decision, "Відділ контролю", basis_document_id=new_decision.id).view.control
    assert control is not None
    assert (control.status, control.removal_basis, control.removal_document_id) == (
        ControlStatus.REMOVED,
        "ec_decision",
        new_decision.id,
    )


def test_an_act_of_a_higher_authority_is_removed_on_that_authoritys_document(registry: RegistryStore) -> None:
    act = register(registry, attributes={"from_higher_authority": "true", "has_tasks": "true"})
    assert act.category == "higher_authority"
    control = put(registry, act).view.control
    assert control is not None and (control.controller, control.controller_role) == (
        "Обласна державна адміністрація",
        "higher_authority",
    )
    execute(registry, act)
    stranger = register(
        registry,
        correspondent="Обласна рада",
        registered="2026-03-24",
        received="2026-03-24",
        links=[("amends", act.id)],
    )
    with pytest.raises(PermissionDenied) as caught:
        remove(registry, act, "Відділ контролю", basis_document_id=stranger.id)
    assert "r12-s4-p4.4" in str(caught.value)
    letter = register(
        registry,
        title="Про зняття з контролю",
        registered="2026-03-24",
        received="2026-03-24",
        links=[("amends", act.id)],
    )
    control = remove(registry, act, "Відділ контролю", basis_document_id=letter.id).view.control
    assert control is not None and control.removal_basis == "authority_document"


@pytest.mark.parametrize("kind", ["ec_decision", "mayor_order", "higher_authority"])
def test_a_document_is_not_removed_on_itself_or_on_a_document_that_does_not_concern_it(
    registry: RegistryStore, kind: str
) -> None:
    higher = kind == "higher_authority"
    attributes = {"from_higher_authority": "true", "has_tasks": "true"} if higher else {}
    doc = register(registry, "incoming" if higher else kind, attributes=attributes)
    put(registry, doc)
    execute(registry, doc)
    unrelated = register(
        registry, "incoming" if higher else kind, title="Про інше", registered="2026-03-24", received="2026-03-24"
    )
    for basis in (doc, unrelated):
        with pytest.raises(PermissionDenied) as caught:
            remove(registry, doc, "Відділ контролю", basis_document_id=basis.id)
        assert caught.value.field == "basis_document_id"
        assert caught.value.clause == f"{VINNYTSIA}/r12-s4-p4"
        assert "Зняти документ з контролю може тільки та посадова особа або відповідний орган" in str(caught.value)
        assert registry.store.control_for(doc.id).status is ControlStatus.EXECUTED  # type: ignore[union-attr]
    assert "сам документ" in str(_refusal(registry, doc, doc.id))
    assert [e.action for e in registry.audit_for(doc.id)][-1] == "control.executed"
    for relation in ("amends", "cancels", "answer_to"):
        basis = register(
            registry,
            "incoming" if higher else kind,
            registered="2026-03-24",
            received="2026-03-24",
            links=[(relation, doc.id)],
        )
        assert policy.refers_to(basis, doc.id) and not policy.refers_to(basis, unrelated.id)
    control = remove(registry, doc, "Відділ контролю", basis_document_id=basis.id).view.control
    assert control is not None and control.status is ControlStatus.REMOVED and control.removal_document_id == basis.id


def _refusal(registry: RegistryStore, doc: Document, basis_id: str) -> PermissionDenied:
    with pytest.raises(PermissionDenied) as caught:
        remove(registry, doc, "Відділ контролю", basis_document_id=basis_id)
    return caught.value


def test_a_document_put_on_control_by_an_official_is_removed_by_that_official(registry: RegistryStore) -> None:
    letter = register(registry, correspondent="ТОВ «Будівельник»")
    put(registry, letter, controller="Петренко О. І.", controller_role="deputy_mayor")
    execute(registry, letter)
    with pytest.raises(PermissionDenied):
        remove(registry, letter, "Коваль М. С.", "deputy_mayor")
    assert remove(registry, letter, "петренко  о. і.", "deputy_mayor").view.control.status is ControlStatus.REMOVED  # type: ignore[union-attr]


def test_an_unknown_basis_document_is_not_found(registry: RegistryStore) -> None:
    order = register(registry, "mayor_order")
    put(registry, order)
    with pytest.raises(NotFound) as caught:
        remove(registry, order, "Міський голова", "mayor", basis_document_id="f" * 32)
    assert caught.value.field == "basis_document_id"


# -- execution (r12-s4-p1, p2, p3) ---------------------------------------------------------------


def test_a_document_is_executed_only_with_its_tasks_done_and_confirmed(registry: RegistryStore) -> None:
    order = register(registry, "mayor_order")
    put(registry, order)
    with pytest.raises(FailedPrecondition) as caught:
        execute(registry, order, facts={"tasks_done": "true"})
    assert "r12-s4-p1-i2" in str(caught.value) and "r12-s4-p1-i1" not in str(caught.value)
    with pytest.raises(FailedPrecondition) as caught:
        execute(registry, order, facts={**DONE, "result_is_act": "true"})
    assert "r12-s4-p2" in str(caught.value)
    assert execute(registry, order, facts={**DONE, "result_is_act": "true", "result_signed": "true"}).changed


def test_unresolvable_tasks_are_removed_only_after_a_reasoned_reply_and_the_obligations_are_waived(
    registry: RegistryStore,
) -> None:
    letter = register(registry, correspondent="ТОВ «Будівельник»")
    store_rules_obligations(registry, letter)
    put(registry, letter, controller="Петренко О. І.")
    with pytest.raises(FailedPrecondition) as caught:
        remove(registry, letter, "Петренко О. І.", facts={"unresolvable": "true"})
    assert "r12-s4-p3" in str(caught.value)
    result = remove(registry, letter, "Петренко О. І.", facts={"unresolvable": "true", "reasoned_reply_sent": "true"})
    assert {o.status for o in result.view.obligations} == {ObligationStatus.WAIVED}


def test_execution_fulfils_the_pending_obligations(registry: RegistryStore) -> None:
    order = register(registry, "mayor_order")
    store_rules_obligations(registry, order)
    put(registry, order)
    assert {o.status for o in execute(registry, order).view.obligations} == {ObligationStatus.FULFILLED}
    assert registry.store.count_unpublished() >= 2  # the control events and obligation.fulfilled


def test_a_document_not_on_control_may_be_executed_but_not_removed(registry: RegistryStore) -> None:
    letter = register(registry)
    assert execute(registry, letter, on=dt.date(2026, 3, 10)).view.control.status is ControlStatus.EXECUTED  # type: ignore[union-attr]
    with pytest.raises(FailedPrecondition):
        remove(registry, letter, "Відділ контролю")


# -- putting on control (r12-s2-p2, p6; r10-s2-p8) ---------------------------------------------


def test_a_document_without_a_responsible_executor_is_not_put_on_control(registry: RegistryStore) -> None:
    letter = register(registry, executors=[])
    with pytest.raises(FailedPrecondition) as caught:
        put(registry, letter, controller="Петренко О. І.")
    assert "r12-s2-p2" in str(caught.value)


def test_putting_on_control_fulfils_its_obligation_and_warns_when_late(registry: RegistryStore) -> None:
    act = register(registry, attributes={"from_higher_authority": "true"})
    store_rules_obligations(registry, act)
    assert ObligationStatus.PENDING in {
        o.status for o in registry.obligations_for(act.id) if o.ref.clause == "r12-s2-p6"
    }
    result = put(registry, act, on=dt.date(2026, 3, 9))  # 3 days from 02.03 end on 05.03
    assert [f.ref.clause for f in result.warnings] == ["r12-s2-p6"]
    [put_ob] = [o for o in result.view.obligations if o.ref.clause == "r12-s2-p6"]
    assert put_ob.status is ObligationStatus.FULFILLED
    entries = [e for e in registry.audit_for(act.id) if e.action == "obligation.fulfilled"]
    assert "із запізненням" in entries[0].reason


def test_a_step_twice_is_refused_and_a_retry_is_not(registry: RegistryStore) -> None:
    order = register(registry, "mayor_order")
    first = put(registry, order, request_id="put-1")
    again = put(registry, order, request_id="put-1")
    assert first.changed and not again.changed and again.view.control == first.view.control
    with pytest.raises(FailedPrecondition):
        put(registry, order, request_id="put-2")


def test_dates_out_of_order_are_refused_naming_the_field(registry: RegistryStore) -> None:
    order = register(registry, "mayor_order")
    for on in (dt.date(2026, 3, 1), TODAY + dt.timedelta(days=1)):
        with pytest.raises(InvalidArgument) as caught:
            put(registry, order, on=on)
        assert caught.value.field == "on"
    with pytest.raises(InvalidArgument) as caught:
        put(registry, order, due=dt.date(2026, 3, 2))
    assert caught.value.field == "due"
    assert registry.store.control_for(order.id) is None


def test_long_term_control_of_an_appeal_lasts_at_most_a_year(registry: RegistryStore) -> None:
    appeal = register(registry, "appeal", correspondent="Бондаренко І. В.", topic="ремонт мосту")
    with pytest.raises(InvalidArgument) as caught:
        put(registry, appeal, controller="Петренко О. І.", long_term=True, due=dt.date(2027, 6, 1))
    assert caught.value.field == "due" and "r10-s2-p8" in str(caught.value)
    assert "Термін довгострокового контролю не може перевищувати 1 рік" in str(caught.value)
    control = put(registry, appeal, controller="Петренко О. І.", long_term=True).view
    assert control.control is not None and control.control.long_term
    assert control.control.due == dt.date(2027, 3, 3)
    assert [o.ref.clause for o in control.obligations if o.ref.clause == "r10-s2-p8"] == ["r10-s2-p8"]
    with pytest.raises(InvalidArgument) as caught:
        put(registry, register(registry, "mayor_order"), long_term=True)
    assert caught.value.field == "long_term" and caught.value.clause == f"{VINNYTSIA}/r10-s2-p8"


def test_an_appeal_is_not_on_control_longer_than_a_year_even_without_long_term_control(
    registry: RegistryStore,
) -> None:
    appeal = register(registry, "appeal", correspondent="Гнатюк Г. Г.", topic="реконструкція парку")
    with pytest.raises(InvalidArgument) as caught:
        put(registry, appeal, controller="Петренко О. І.", due=dt.date(2027, 3, 4))
    assert caught.value.field == "due" and caught.value.clause == f"{VINNYTSIA}/r10-s2-p8"
    assert "Термін довгострокового контролю не може перевищувати 1 рік" in str(caught.value)
    assert registry.store.control_for(appeal.id) is None
    control = put(registry, appeal, controller="Петренко О. І.", due=dt.date(2027, 3, 3)).view
    assert control.control is not None and not control.control.long_term
    assert control.control.due == dt.date(2027, 3, 3)
    assert "r10-s2-p8" not in [o.ref.clause for o in control.obligations]  # no long-term term to track
    # a letter is not an appeal: the clause does not limit its control
    letter = register(registry, correspondent="ТОВ «Будівельник»")
    assert put(registry, letter, controller="Петренко О. І.", due=dt.date(2027, 6, 1)).changed


def test_a_reglament_without_long_term_control_refuses_it(registry: RegistryStore) -> None:
    appeal = register(registry, "appeal", reglament="shostka-2013", correspondent="Шевчук О. О.")
    with pytest.raises(InvalidArgument) as caught:
        put(registry, appeal, long_term=True)
    assert caught.value.field == "long_term"
    assert registry.store.control_for(appeal.id) is None


def test_an_appeal_that_is_not_considered_is_not_put_on_control(registry: RegistryStore) -> None:
    appeal = register(registry, "appeal", correspondent="", attributes={"anonymous": "true"})
    with pytest.raises(FailedPrecondition) as caught:
        put(registry, appeal, controller="Петренко О. І.")
    assert caught.value.clause == f"{VINNYTSIA}/r10-s2-p13"
    assert "визнається анонімним і розгляду не підлягає" in str(caught.value)
    assert registry.store.control_for(appeal.id) is None
    assert [e.action for e in registry.audit_for(appeal.id)] == ["document.registered"]


# -- appeals stay on control through interim answers (r10-s2-p9) ---------------------------------


def test_an_appeal_with_an_interim_answer_stays_on_control(registry: RegistryStore) -> None:
    appeal = register(registry, "appeal", correspondent="Бондаренко І. В.", topic="освітлення")
    put(registry, appeal, controller="Петренко О. І.", controller_role="deputy_mayor")
    view = registry.record_interim(
        appeal.id,
        actor="Виконавець",
        on=dt.date(2026, 3, 10),
        text="Роботи заплановано на квітень",
        request_id=None,
        today=TODAY,
    ).view
    assert view.control is not None and view.control.status is ControlStatus.ON_CONTROL
    assert [r.text for r in view.control.interim_reports] == ["Роботи заплановано на квітень"]
    with pytest.raises(FailedPrecondition) as caught:
        remove(registry, appeal, "Петренко О. І.", "deputy_mayor")
    assert "r10-s2-p9" in str(caught.value)
    with pytest.raises(PermissionDenied) as denied:
        remove(registry, appeal, "Коваль М. С.", "deputy_mayor", facts=DONE)
    assert "r10-s2-p9" in str(denied.value)
    assert remove(registry, appeal, "Петренко О. І.", facts=DONE).changed


# -- intake of appeals (r10-s2-p1, p4, p13) ------------------------------------------------------


def test_an_anonymous_appeal_is_registered_but_not_considered(registry: RegistryStore) -> None:
    appeal = register(registry, "appeal", correspondent="", attributes={"anonymous": "true"})
    assert appeal.not_considered_under == "r10-s2-p13"
    assert "r10-s2-p13" in [f.ref.clause for f in appeal.findings]
    store_rules_obligations(registry, appeal)
    statuses = {o.ref.clause: o.status for o in registry.obligations_for(appeal.id)}
    assert statuses["r10-s2-p1"] is ObligationStatus.FULFILLED  # registered on the day of receipt
    assert statuses["r10-s2-p5"] is ObligationStatus.WAIVED  # not considered: no term of consideration


def test_a_repeated_appeal_is_recognised_linked_and_routed_to_the_mayor(registry: RegistryStore) -> None:
    first = register(registry, "appeal", correspondent="Бондаренко І. В.", topic="Ремонт даху")
    again = register(
        registry,
        "appeal",
        correspondent="бондаренко і.в.",
        topic="ремонт  даху",
        registered="2026-04-02",
        received="2026-04-02",
    )
    assert [(link.relation.value, link.document_id) for link in again.links] == [("repeats", first.id)]
    assert again.routed_to == ("mayor",)
    assert "r10-s2-p4" in [f.ref.clause for f in again.findings]
    assert again.not_considered_under == ""  # the first is not resolved yet
    put(registry, first, controller="Петренко О. І.")
    execute(registry, first, on=dt.date(2026, 4, 10))
    third = register(
        registry,
        "appeal",
        correspondent="Бондаренко І. В.",
        topic="ремонт даху",
        registered="2026-04-20",
        received="2026-04-20",
    )
    assert third.not_considered_under == "r10-s2-p13-a2"


def test_an_appeal_of_a_hero_is_routed_to_the_first_leaders(registry: RegistryStore) -> None:
    appeal = register(registry, "appeal", correspondent="Ткаченко В. П.", attributes={"priority_group": "true"})
    assert appeal.routed_to == ("mayor",)
    considered = register(
        registry,
        "appeal",
        correspondent="Олійник В. П.",
        attributes={"priority_group": "true", "considered_by": "mayor"},
    )
    assert considered.routed_to == () and considered.findings == ()


def test_an_appeal_registered_after_the_day_of_receipt_is_a_finding(registry: RegistryStore) -> None:
    appeal = register(registry, "appeal", correspondent="Мельник А. А.", received="2026-03-02", registered="2026-03-04")
    [finding] = [f for f in appeal.findings if f.ref.clause == "r10-s2-p1"]
    assert finding.severity == "violation" and "в день його надходження" in finding.message


def test_shostka_an_anonymous_appeal_is_not_considered_and_a_named_one_is(registry: RegistryStore) -> None:
    anonymous = register(
        registry, "appeal", reglament="shostka-2013", correspondent="", attributes={"anonymous": "true"}
    )
    assert anonymous.not_considered_under == "r12-s3-p3.8"
    named = register(registry, "appeal", reglament="shostka-2013", correspondent="Шевчук О. О.")
    assert named.not_considered_under == "" and "r12-s3-p3.8" not in [f.ref.clause for f in named.findings]


def test_shostka_a_decision_of_the_executive_committee_is_removed_by_the_mayor(registry: RegistryStore) -> None:
    decision = register(registry, "ec_decision", reglament="shostka-2013")
    put(registry, decision)
    execute(registry, decision, facts={"tasks_resolved": "true", "answered": "true"})
    report = {
        "removal_basis": "written_report",
        "report_signed_by": "deputy_mayor",
        "report_paper": "true",
        "report_electronic": "true",
    }
    with pytest.raises(PermissionDenied) as caught:
        remove(registry, decision, "Заступник міського голови", "deputy_mayor", facts=report)
    assert "r11-s7-p7.3" in str(caught.value)
    assert remove(registry, decision, "Міський голова", "mayor", facts=report).changed


# -- the journals --------------------------------------------------------------------------------


def test_every_journal_numbers_on_its_own_in_its_format(registry: RegistryStore) -> None:
    kinds = (
        "incoming",
        "outgoing",
        "ec_decision",
        "mayor_order",
        "appeal",
        "info_request",
        "deputy_appeal",
        "protocol_instruction",
    )
    numbers = {kind: [register(registry, kind, correspondent=f"Автор {i}").number for i in range(2)] for kind in kinds}
    assert numbers["mayor_order"] == ["1-р", "2-р"]
    assert all(numbers[k] == ["1", "2"] for k in kinds if k != "mayor_order")


def test_a_registration_dated_after_today_is_refused_and_opens_no_journal_year(registry: RegistryStore) -> None:
    for day in ((TODAY + dt.timedelta(days=1)).isoformat(), "2031-01-01"):
        with pytest.raises(InvalidArgument) as caught:
            register(registry, registered=day, received="")
        assert caught.value.field == "registered"
    assert registry.store.count_documents() == 0
    assert register(registry, registered=TODAY.isoformat(), received="").number == "1"
    assert register(registry, registered="2031-01-01", received="", today=dt.date(2031, 1, 1)).number == "1"


def test_a_deployment_sets_its_own_number_format(store_url: str) -> None:
    registry = RegistryStore.open(store_url, {VINNYTSIA: {"incoming": "{seq}/01-{year}"}})
    try:
        assert register(registry).number == "1/01-2026"
        assert register(registry, "mayor_order").number == "1-р"
    finally:
        registry.close()
    with pytest.raises(ValueError, match="registry_number_formats"):
        RegistryStore.open(store_url, {VINNYTSIA: {"incoming": "{kind}"}})


# -- returns and forwarding (r10-s2-p11, p12) ----------------------------------------------------


def test_an_appeal_outside_the_councils_powers_is_forwarded_and_the_letter_fulfils_the_term(
    registry: RegistryStore,
) -> None:
    appeal = register(registry, "appeal", correspondent="Поліщук Н. В.", attributes={"not_competent": "true"})
    assert appeal.not_considered_under == "r10-s2-p12"
    [finding] = [f for f in appeal.findings if f.ref.clause == "r10-s2-p12"]
    assert finding.severity == "info" and "пересилають за належністю" in finding.message
    store_rules_obligations(registry, appeal)
    statuses = {o.ref.clause: o.status for o in registry.obligations_for(appeal.id)}
    assert statuses["r10-s2-p12"] is ObligationStatus.PENDING  # forwarding is what is left to do
    assert statuses["r10-s2-p5"] is ObligationStatus.WAIVED  # no consideration on the merits
    register(
        registry,
        "outgoing",
        title="Про пересилання звернення за належністю",
        registered="2026-03-09",
        received="2026-03-09",
        links=[("answer_to", appeal.id)],
    )
    [forward] = [o for o in registry.obligations_for(appeal.id) if o.ref.clause == "r10-s2-p12"]
    assert forward.status is ObligationStatus.FULFILLED
    entry = [e for e in registry.audit_for(appeal.id) if e.action == "obligation.fulfilled"][-1]
    # 5 days from 02.03 end on Saturday 07.03: the term ends the working day before, 06.03 (r12-s3-p4)
    assert "із запізненням: строк 2026-03-06" in entry.reason


def test_an_incomplete_appeal_is_returned_and_a_return_before_its_obligation_arrives_counts(
    registry: RegistryStore,
) -> None:
    appeal = register(registry, "appeal", correspondent="Бойко С. С.", attributes={"incomplete": "true"})
    assert appeal.not_considered_under == "r10-s2-p11"
    register(
        registry,
        "outgoing",
        title="Про повернення звернення",
        registered="2026-03-05",
        received="2026-03-05",
        links=[("answer_to", appeal.id)],
    )
    store_rules_obligations(registry, appeal)  # the obligations arrive after the return was registered
    [returned] = [o for o in registry.obligations_for(appeal.id) if o.ref.clause == "r10-s2-p11"]
    assert returned.status is ObligationStatus.FULFILLED
