"""The registry's records on SQLite and PostgreSQL: documents' parts, control, obligation history, outbox, report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reglament.domain import (
    Attachment,
    ClauseRef,
    Control,
    ControlStatus,
    DocumentLink,
    Finding,
    InterimReport,
    LinkRelation,
    Obligation,
    ObligationStatus,
    Task,
)
from reglament.store import Conflict, InvalidArgument, NotFound, Store
from reglament.store.base import DocumentState, ObligationChange, OutboxEvent, Settlement
from reglament.store.control import ControlStep
from reglament.store.documents import DocumentFilter
from tests.store_fixtures import new_document

pytest_plugins = ["tests.store_fixtures"]

REF = ClauseRef("vinnytsia-2020", "r12-s3-p2.3", "протягом 30 календарних днів з дня реєстрації")
PUT_REF = ClauseRef("vinnytsia-2020", "r12-s2-p6", "Документи беруться на контроль не пізніше, ніж у триденний строк")


def _ob(document_id: str, key: str, due: dt.date, ref: ClauseRef = REF, **changes: object) -> Obligation:
    values: dict[str, object] = {
        "id": f"{document_id}:{key}",
        "ref": ref,
        "subject_id": document_id,
        "bearer": "executor",
        "action": "виконати документ",
        "due": due,
    }
    values.update(changes)
    return Obligation(**values)  # type: ignore[arg-type]


def _control(document_id: str, status: ControlStatus = ControlStatus.ON_CONTROL, **changes: object) -> Control:
    values: dict[str, object] = {
        "document_id": document_id,
        "status": status,
        "controller": "Міський голова",
        "controller_role": "mayor",
        "put_by": "Відділ контролю",
        "put_on": dt.date(2024, 3, 6),
        "due": dt.date(2024, 4, 4),
    }
    values.update(changes)
    return Control(**values)  # type: ignore[arg-type]


def _step(document_id: str, control: Control | None, expected: set[ControlStatus], **changes: object) -> ControlStep:
    values: dict[str, object] = {
        "document_id": document_id,
        "scope": "control.test",
        "action": "control.test",
        "actor": "Відділ контролю",
        "reason": "резолюція",
        "expected": frozenset(expected),
        "control": control,
    }
    values.update(changes)
    return ControlStep(**values)  # type: ignore[arg-type]


def _fulfil_everything(obligation: Obligation, state: DocumentState) -> Settlement | None:
    if state.executed_on is None:
        return None
    event = OutboxEvent(f"fulfilled-{obligation.id}", "reglament.vinnytsia.obligation.fulfilled", b"x")
    return Settlement(ObligationStatus.FULFILLED, "Документ виконано", event=event)


# -- documents' parts ----------------------------------------------------------------------------


def test_tasks_links_attachments_and_intake_read_back(store: Store) -> None:
    first, _ = store.register_document(new_document(title="Лист ОДА"))
    finding = Finding(
        ClauseRef("vinnytsia-2020", "r10-s2-p4", "розглядаються першими керівниками", "міський голова"),
        "warning",
        "Звернення розглядають перші керівники особисто.",
        {"repeated": True, "received": dt.date(2024, 3, 4)},
    )
    new = new_document(
        kind="outgoing",
        journal="outgoing",
        signed=dt.date(2024, 3, 5),
        executors=("Департамент освіти", "Управління культури"),
        tasks=(
            Task("Підготувати відповідь", dt.date(2024, 3, 20), ("Департамент освіти",)),
            Task("Погодити з юристами"),
        ),
        links=(DocumentLink(LinkRelation.ANSWER_TO, first.id),),
        attachments=(Attachment("відповідь.pdf", "application/pdf", 2048, 3, "a" * 64),),
        topic="ремонт школи",
        category="outgoing",
        findings=(finding,),
        routed_to=("mayor",),
        not_considered_under="",
    )
    document, _ = store.register_document(new)
    stored = store.get_document(document.id)
    assert stored == document
    assert stored is not None
    assert stored.tasks[0] == Task("Підготувати відповідь", dt.date(2024, 3, 20), ("Департамент освіти",))
    assert stored.tasks[1].due is None
    assert stored.links == (DocumentLink(LinkRelation.ANSWER_TO, first.id),)
    assert stored.attachments[0].size_bytes == 2048
    assert stored.findings[0].ref.clause == "r10-s2-p4"
    assert stored.findings[0].facts == {"repeated": "true", "received": "2024-03-04"}
    assert (stored.routed_to, stored.topic, stored.signed) == (("mayor",), "ремонт школи", dt.date(2024, 3, 5))


def test_a_link_to_an_unregistered_document_is_refused_and_takes_no_number(store: Store) -> None:
    bad = new_document(links=(DocumentLink(LinkRelation.AMENDS, "f" * 32),))
    [result] = store.register_documents([(bad, "r-1", "{seq}")])
    assert isinstance(result, NotFound) and result.field == "links"
    assert store.count_documents() == 0
    assert store.register_document(new_document())[0].number == "1"


def test_a_document_without_a_category_is_reported_under_its_kind(store: Store) -> None:
    document, _ = store.register_document(new_document(kind="appeal", journal="appeal"))
    assert document.category == "appeal"


# -- listing with filters ------------------------------------------------------------------------


def test_documents_are_found_by_executor_and_by_the_responsible_one(store: Store) -> None:
    a, _ = store.register_document(new_document(executors=("Департамент освіти", "Управління культури")))
    b, _ = store.register_document(new_document(executors=("Управління культури",)))
    store.register_document(new_document(executors=("Департамент фінансів",)))

    def ids(**kw: object) -> list[str]:
        return [d.id for d in store.list_documents(where=DocumentFilter(**kw))[0]]  # type: ignore[arg-type]

    assert sorted(ids(executor="Управління культури")) == sorted([a.id, b.id])
    assert ids(executor="Управління культури", responsible_only=True) == [b.id]
    assert ids(executor="Нікого") == []


def test_documents_are_found_by_control_status_due_range_and_overdue(store: Store) -> None:
    plain, _ = store.register_document(new_document())
    controlled, _ = store.register_document(new_document())
    late, _ = store.register_document(new_document())
    store.store_obligations(
        "registry",
        "evt-1",
        [_ob(plain.id, "x", dt.date(2024, 4, 4)), _ob(late.id, "x", dt.date(2024, 3, 10))],
    )
    store.apply_control_step(
        _step(controlled.id, _control(controlled.id, due=dt.date(2024, 5, 1)), {ControlStatus.NOT_ON_CONTROL})
    )

    def ids(**kw: object) -> set[str]:
        return {d.id for d in store.list_documents(where=DocumentFilter(**kw))[0]}  # type: ignore[arg-type]

    assert ids(status=ControlStatus.ON_CONTROL) == {controlled.id}
    assert ids(status=ControlStatus.NOT_ON_CONTROL) == {plain.id, late.id}
    assert ids(due_from=dt.date(2024, 4, 1), due_to=dt.date(2024, 4, 30)) == {plain.id}
    assert ids(due_from=dt.date(2024, 4, 30)) == {controlled.id}
    assert ids(due_to=dt.date(2024, 3, 10)) == {late.id}
    assert ids(overdue_on=dt.date(2024, 3, 20)) == {late.id}
    assert ids(overdue_on=dt.date(2024, 5, 2)) == {plain.id, late.id, controlled.id}
    assert ids(overdue_on=dt.date(2024, 3, 1)) == set()


def test_a_violated_obligation_makes_its_document_overdue_until_it_is_done(store: Store) -> None:
    document, _ = store.register_document(new_document())
    ob = _ob(document.id, "x", dt.date(2024, 4, 4))
    store.store_obligations("registry", "evt-1", [ob])
    store.apply_obligation_changes(
        "registry-violated",
        [ObligationChange("v-1", ob.id, document.id, status=ObligationStatus.VIOLATED, reason="строк минув")],
        today=dt.date(2024, 4, 5),
    )
    assert [d.id for d in store.list_documents(where=DocumentFilter(overdue_on=dt.date(2024, 4, 1)))[0]] == [
        document.id
    ]


# -- control steps -------------------------------------------------------------------------------


def test_a_control_step_is_written_with_its_audit_and_events(store: Store) -> None:
    document, _ = store.register_document(new_document())
    event = OutboxEvent("put-1", "reglament.vinnytsia.document.put_on_control", b"payload")
    control, changed = store.apply_control_step(
        _step(document.id, _control(document.id), {ControlStatus.NOT_ON_CONTROL}, events=[event], request_id="r1")
    )
    assert changed and control is not None
    assert store.control_for(document.id) == control
    assert [e.action for e in store.audit_for(document.id)] == ["document.registered", "control.test"]
    assert [e for _, e in store.unpublished()] == [event]


def test_a_retried_control_step_writes_nothing_and_returns_the_first_result(store: Store) -> None:
    document, _ = store.register_document(new_document())
    first, _ = store.apply_control_step(
        _step(document.id, _control(document.id), {ControlStatus.NOT_ON_CONTROL}, request_id="r1")
    )
    again, changed = store.apply_control_step(
        _step(
            document.id,
            _control(document.id, controller="Хтось інший"),
            {ControlStatus.NOT_ON_CONTROL},
            request_id="r1",
        )
    )
    assert not changed and again == first
    assert len(store.audit_for(document.id)) == 2
    other, _ = store.register_document(new_document())
    with pytest.raises(InvalidArgument) as caught:
        store.apply_control_step(_step(other.id, _control(other.id), {ControlStatus.NOT_ON_CONTROL}, request_id="r1"))
    assert caught.value.field == "request_id"


def test_a_step_out_of_order_is_a_conflict_and_writes_nothing(store: Store) -> None:
    document, _ = store.register_document(new_document())
    with pytest.raises(Conflict):
        store.apply_control_step(
            _step(
                document.id, _control(document.id, ControlStatus.REMOVED), {ControlStatus.ON_CONTROL}, request_id="r1"
            )
        )
    assert store.control_for(document.id) is None
    assert len(store.audit_for(document.id)) == 1
    assert store.seen_request("control.test", "r1") is None
    with pytest.raises(NotFound):
        store.apply_control_step(_step("f" * 32, _control("f" * 32), {ControlStatus.NOT_ON_CONTROL}))


def test_interim_reports_are_kept_in_order(store: Store) -> None:
    document, _ = store.register_document(new_document())
    store.apply_control_step(_step(document.id, _control(document.id), {ControlStatus.NOT_ON_CONTROL}))
    for day, text in ((dt.date(2024, 3, 20), "Друга"), (dt.date(2024, 3, 10), "Перша")):
        store.apply_control_step(
            _step(document.id, None, {ControlStatus.ON_CONTROL}, interim=InterimReport(day, "Виконавець", text))
        )
    control = store.control_for(document.id)
    assert control is not None and control.status is ControlStatus.ON_CONTROL
    assert [r.text for r in control.interim_reports] == ["Перша", "Друга"]


def test_execution_settles_the_open_obligations_but_not_the_violated_history(store: Store) -> None:
    document, _ = store.register_document(new_document())
    open_ob, violated = _ob(document.id, "a", dt.date(2024, 4, 4)), _ob(document.id, "b", dt.date(2024, 3, 6))
    store.store_obligations("registry", "evt-1", [open_ob, violated])
    store.apply_obligation_changes(
        "registry-violated",
        [ObligationChange("v-1", violated.id, document.id, status=ObligationStatus.VIOLATED)],
        today=dt.date(2024, 3, 7),
    )
    store.apply_control_step(_step(document.id, _control(document.id), {ControlStatus.NOT_ON_CONTROL}))
    executed = _control(document.id, ControlStatus.EXECUTED, executed_on=dt.date(2024, 3, 20), executed_by="В.")
    store.apply_control_step(_step(document.id, executed, {ControlStatus.ON_CONTROL}), settle=_fulfil_everything)

    statuses = {o.id: o.status for o in store.obligations_for(document.id)}
    # both were open (a violated obligation is not done): now both are fulfilled, the violation stays in the log
    assert statuses == {open_ob.id: ObligationStatus.FULFILLED, violated.id: ObligationStatus.FULFILLED}
    actions = [e.action for e in store.audit_for(document.id)]
    assert actions.count("obligation.fulfilled") == 2 and "obligation.violated" in actions
    assert {e.event_id for _, e in store.unpublished()} == {f"fulfilled-{open_ob.id}", f"fulfilled-{violated.id}"}


def test_an_obligation_arriving_after_execution_is_settled_on_arrival(store: Store) -> None:
    document, _ = store.register_document(new_document())
    store.apply_control_step(
        _step(
            document.id,
            _control(document.id, ControlStatus.EXECUTED, executed_on=dt.date(2024, 3, 8)),
            {ControlStatus.NOT_ON_CONTROL},
        )
    )
    ob = _ob(document.id, "late", dt.date(2024, 4, 4))
    assert store.store_obligations("registry", "evt-9", [ob], settle=_fulfil_everything) == 1
    assert [o.status for o in store.obligations_for(document.id)] == [ObligationStatus.FULFILLED]


# -- status and term changes ---------------------------------------------------------------------


def test_a_status_only_moves_forward_and_final_statuses_stay(store: Store) -> None:
    document, _ = store.register_document(new_document())
    ob = _ob(document.id, "a", dt.date(2024, 4, 4))
    store.store_obligations("registry", "evt-1", [ob])

    def change(event_id: str, status: ObligationStatus) -> None:
        store.apply_obligation_changes(
            "c", [ObligationChange(event_id, ob.id, document.id, status=status)], today=dt.date(2024, 4, 5)
        )

    change("e1", ObligationStatus.VIOLATED)
    change("e2", ObligationStatus.DUE_SOON)  # late news: violated stays
    assert store.obligations_for(document.id)[0].status is ObligationStatus.VIOLATED
    change("e3", ObligationStatus.WAIVED)
    change("e4", ObligationStatus.VIOLATED)
    assert store.obligations_for(document.id)[0].status is ObligationStatus.WAIVED


def test_a_term_change_moves_the_due_date_and_a_violated_obligation_is_pending_again(store: Store) -> None:
    document, _ = store.register_document(new_document())
    ob = _ob(document.id, "a", dt.date(2024, 4, 4))
    store.store_obligations("registry", "evt-1", [ob])
    store.apply_obligation_changes(
        "c", [ObligationChange("v", ob.id, document.id, status=ObligationStatus.VIOLATED)], today=dt.date(2024, 4, 5)
    )
    result = store.apply_obligation_changes(
        "t",
        [
            ObligationChange(
                "t1",
                ob.id,
                document.id,
                new_due=dt.date(2024, 4, 30),
                actor="Міський голова",
                reason="обґрунтоване прохання",
            )
        ],
        today=dt.date(2024, 4, 6),
    )
    assert result == {"t1": True}
    [stored] = store.obligations_for(document.id)
    assert (stored.due, stored.status) == (dt.date(2024, 4, 30), ObligationStatus.PENDING)
    entry = store.audit_for(document.id)[-1]
    assert (entry.action, entry.actor, entry.reason) == (
        "obligation.term_changed",
        "Міський голова",
        "обґрунтоване прохання",
    )
    assert (entry.data["previous_due"], entry.data["new_due"]) == ("2024-04-04", "2024-04-30")


def test_a_change_is_applied_once_and_may_arrive_before_its_obligation(store: Store) -> None:
    document, _ = store.register_document(new_document())
    ob = _ob(document.id, "a", dt.date(2024, 4, 4))
    early = [ObligationChange("v-1", ob.id, document.id, status=ObligationStatus.DUE_SOON)]
    assert store.apply_obligation_changes("c", early, today=dt.date(2024, 4, 1)) == {"v-1": True}
    assert store.apply_obligation_changes("c", early, today=dt.date(2024, 4, 1)) == {"v-1": False}
    store.store_obligations("registry", "evt-1", [ob])
    assert store.obligations_for(document.id)[0].status is ObligationStatus.DUE_SOON


# -- outbox --------------------------------------------------------------------------------------


def test_published_events_leave_the_outbox(store: Store) -> None:
    document, _ = store.register_document(new_document())
    events = [OutboxEvent(f"e{i}", "reglament.vinnytsia.document.put_on_control", b"p") for i in range(3)]
    store.apply_control_step(_step(document.id, _control(document.id), {ControlStatus.NOT_ON_CONTROL}, events=events))
    pending = store.unpublished(limit=2)
    assert [e.event_id for _, e in pending] == ["e0", "e1"]
    store.mark_published([i for i, _ in pending])
    assert [e.event_id for _, e in store.unpublished()] == ["e2"]
    assert store.count_unpublished() == 1


# -- the control report --------------------------------------------------------------------------


def test_the_control_report_counts_each_figure_of_the_period(store: Store) -> None:
    def controlled(registered: dt.date, **control: Any) -> str:
        document, _ = store.register_document(
            new_document(registered=registered, kind="mayor_order", journal="mayor_order", category="mayor_order")
        )
        store.apply_control_step(_step(document.id, _control(document.id, **control), {ControlStatus.NOT_ON_CONTROL}))
        return document.id

    # carried over from 2023, executed and removed in the period
    controlled(
        dt.date(2023, 12, 1),
        put_on=dt.date(2023, 12, 2),
        due=dt.date(2024, 1, 20),
        status=ControlStatus.REMOVED,
        executed_on=dt.date(2024, 1, 10),
        removed_on=dt.date(2024, 1, 15),
    )
    # put on in the period, executed late, still on control at its end
    controlled(
        dt.date(2024, 1, 5),
        put_on=dt.date(2024, 1, 6),
        due=dt.date(2024, 1, 20),
        status=ControlStatus.EXECUTED,
        executed_on=dt.date(2024, 1, 25),
    )
    # put on in the period, not executed, overdue at its end
    controlled(dt.date(2024, 1, 5), put_on=dt.date(2024, 1, 6), due=dt.date(2024, 1, 10))
    # put on after the period: registered in it only
    controlled(dt.date(2024, 1, 30), put_on=dt.date(2024, 2, 2), due=dt.date(2024, 3, 1))
    store.register_document(
        new_document(registered=dt.date(2024, 1, 9), kind="incoming", journal="incoming", category="higher_authority")
    )

    rows = {r.category: r for r in store.control_report("vinnytsia-2020", dt.date(2024, 1, 1), dt.date(2024, 1, 31))}
    order = rows["mayor_order"]
    assert (order.registered, order.put_on_control, order.carried_over) == (3, 2, 1)
    assert (order.executed, order.executed_late, order.removed) == (2, 1, 1)
    assert (order.open_at_end, order.overdue) == (2, 1)
    assert rows["higher_authority"].registered == 1
    assert store.control_report("vinnytsia-2020", dt.date(2022, 1, 1), dt.date(2022, 12, 31)) == []
    with pytest.raises(InvalidArgument):
        store.control_report("vinnytsia-2020", dt.date(2024, 2, 1), dt.date(2024, 1, 1))


def test_control_and_history_are_still_there_after_reopening(store_url: str) -> None:
    with Store.open(store_url) as first:
        document, _ = first.register_document(new_document())
        first.apply_control_step(
            _step(
                document.id,
                _control(document.id),
                {ControlStatus.NOT_ON_CONTROL},
                events=[OutboxEvent("e1", "s", b"p")],
            )
        )
        first.store_obligations("registry", "evt-1", [_ob(document.id, "a", dt.date(2024, 4, 4), PUT_REF)])
    with Store.open(store_url) as reopened:
        control = reopened.control_for(document.id)
        assert control is not None and control.controller == "Міський голова"
        assert [e.event_id for _, e in reopened.unpublished()] == ["e1"]
        assert len(reopened.obligations_for(document.id)) == 1
