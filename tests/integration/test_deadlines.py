"""The deadlines service in the running mesh, as a municipal system uses it: terms by clause and by
document, explanations, the clock from registration to a violated obligation over NATS, moving a term
and who may, executive discipline."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import grpc
import nats
import pytest
from nats.js.errors import NotFoundError

from reglament.cli import main
from reglament.events import envelope, subjects
from reglament.legaltime.clock import KYIV
from reglament.mesh import Mesh
from reglament.natsd import NatsServer
from reglament.v1 import common_pb2, deadlines_pb2, events_pb2, registry_pb2
from tests.conftest import Stubs

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]

INCOMING = common_pb2.DOCUMENT_KIND_INCOMING
SETTER = {"term_set_by": "deputy_mayor", "term_set_by_name": "Іваненко І.І."}


def today() -> dt.date:
    return dt.datetime.now(KYIV).date()


def preceding_working(day: dt.date) -> dt.date:
    """Under martial law (2023–2026 in the pinned calendar) only weekends are days off."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def register(stubs: Stubs, executor: str, **fields: Any) -> common_pb2.Document:
    request = registry_pb2.RegisterDocumentRequest(
        reglament="vinnytsia-2020",
        kind=INCOMING,
        title="Лист ОСББ щодо ремонту покрівлі",
        correspondent="ОСББ «Соборна 12»",
        executors=[executor],
        attributes=SETTER,
    )
    for key, value in fields.items():
        if isinstance(value, dict):
            getattr(request, key).clear()
            getattr(request, key).update(value)
        else:
            setattr(request, key, value)
    return stubs.registry.RegisterDocument(request, timeout=10).document


def tracked(stubs: Stubs, document_id: str, minimum: int = 1) -> list[deadlines_pb2.TrackedObligation]:
    deadline = time.monotonic() + 30
    while True:
        page = stubs.deadlines.ListObligations(deadlines_pb2.ListObligationsRequest(subject_id=document_id), timeout=5)
        if len(page.obligations) >= minimum or time.monotonic() > deadline:
            return list(page.obligations)
        time.sleep(0.1)


def by_clause(obligations: list[deadlines_pb2.TrackedObligation]) -> dict[str, deadlines_pb2.TrackedObligation]:
    return {o.obligation.clause.clause: o for o in obligations}


def until(check: Callable[[], Any], timeout_s: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout_s
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.2)


def collect(
    nats_url: str, subject: str, action: Callable[[], Any], match: Callable[[events_pb2.Event], bool]
) -> tuple[Any, list[events_pb2.Event]]:
    """Subscribes to `subject`, runs `action` in a thread, and gathers the matching events for a moment."""

    async def run() -> tuple[Any, list[events_pb2.Event]]:
        nc = await nats.connect(nats_url)
        sub = await nc.subscribe(subject)
        await nc.flush()  # the server knows the subscription before anything is published
        result = await asyncio.to_thread(action)
        seen: list[events_pb2.Event] = []
        quiet_until = time.monotonic() + 10
        while time.monotonic() < quiet_until:
            try:
                msg = await sub.next_msg(timeout=0.5)
            except (TimeoutError, nats.errors.TimeoutError):
                if seen:
                    break
                continue
            event = envelope.decode(msg.data, msg.subject)
            if match(event):
                seen.append(event)
        await nc.close()
        return result, seen

    return asyncio.run(run())


# -- terms ----------------------------------------------------------------------------------------


def test_a_term_of_the_law_is_computed_and_cited_as_the_law(stubs: Stubs) -> None:
    reply = stubs.deadlines.ComputeDueDate(
        deadlines_pb2.ComputeDueDateRequest(reglament="public-information", clause="st20-ch1", from_date="2021-01-06"),
        timeout=5,
    )
    assert reply.due == "2021-01-15"
    assert reply.clause.reglament == "public-information" and "п'яти робочих днів" in reply.clause.quote


def test_the_rules_choose_the_terms_of_an_information_request(stubs: Stubs) -> None:
    """Запит на публічну інформацію: відповідь — не пізніше п'яти робочих днів з дня отримання (ст. 20 Закону)."""
    document = common_pb2.Document(
        id="draft-request",
        kind=common_pb2.DOCUMENT_KIND_INFO_REQUEST,
        registered="2026-03-02",
        received="2026-03-02",
        executors=["Департамент архітектури"],
    )
    reply = stubs.deadlines.ComputeDueDate(
        deadlines_pb2.ComputeDueDateRequest(reglament="vinnytsia-2020", document=document), timeout=10
    )
    found = {(o.clause.reglament, o.clause.clause): o for o in reply.obligations}
    answer = found[("public-information", "st20-ch1")]
    assert answer.due == "2026-03-09" and answer.explanation
    assert not reply.due  # by document: the terms are in `obligations`
    urgent = stubs.deadlines.ComputeDueDate(
        deadlines_pb2.ComputeDueDateRequest(
            reglament="vinnytsia-2020",
            document=common_pb2.Document(
                kind=common_pb2.DOCUMENT_KIND_INFO_REQUEST, registered="2026-03-02", urgent=True
            ),
        ),
        timeout=10,
    )
    # the urgent request has the law's 48 hours only: not also the reglament's 5 working days (r12-s3-p2.1)
    assert {(o.clause.reglament, o.clause.clause, o.due) for o in urgent.obligations} == {
        ("public-information", "st20-ch2", "2026-03-04T00:00:00")
    }


def test_a_document_by_its_facts_gets_the_terms_counted_from_signing_and_from_its_last_task(stubs: Stubs) -> None:
    """Розпорядження реєструють не пізніше наступного робочого дня після підписання (r6-s8-p8), доводять до
    виконавців у дводенний термін з дня підписання (r6-s11-p7), а документ з кількома завданнями виконується
    в цілому до строку останнього з них (r12-s3-p3): розрахунок за фактами документа дає ті самі строки, що й
    реєстрація."""
    fields: dict[str, Any] = {
        "kind": common_pb2.DOCUMENT_KIND_MAYOR_ORDER,
        "registered": "2026-03-03",
        "signed": "2026-03-02",
        "executors": ["Департамент житлового господарства"],
    }
    tasks = [
        common_pb2.Task(text="Обстежити покрівлю будинку", due="2026-03-20"),
        common_pb2.Task(text="Відремонтувати покрівлю будинку", due="2026-04-15", executors=["КП «Житлосервіс»"]),
    ]
    registered = stubs.registry.RegisterDocument(
        registry_pb2.RegisterDocumentRequest(
            reglament="vinnytsia-2020", title="Про ремонт покрівлі", tasks=tasks, attributes=SETTER, **fields
        ),
        timeout=10,
    ).document
    created = {o.obligation.clause.clause: o.obligation.due for o in tracked(stubs, registered.id, minimum=3)}
    reply = stubs.deadlines.ComputeDueDate(
        deadlines_pb2.ComputeDueDateRequest(
            reglament="vinnytsia-2020",
            document=common_pb2.Document(**fields, tasks=tasks, attributes=SETTER),
        ),
        timeout=10,
    )
    computed = {o.clause.clause: o.due for o in reply.obligations}
    # worked out by hand: signed Mon 02.03.2026, the last task due Wed 15.04.2026
    expected = {"r6-s8-p8": "2026-03-03", "r6-s11-p7": "2026-03-04", "r12-s3-p3": "2026-04-15"}
    assert {c: computed.get(c) for c in expected} == expected
    assert {c: created.get(c) for c in expected} == expected
    assert computed == created
    # the same document as the registry returns it gives the same answer
    again = stubs.deadlines.ComputeDueDate(
        deadlines_pb2.ComputeDueDateRequest(reglament="vinnytsia-2020", document=registered), timeout=10
    )
    assert {o.clause.clause: o.due for o in again.obligations} == created


def test_a_document_whose_tasks_carry_their_own_terms_is_due_by_them_not_in_thirty_days(stubs: Stubs) -> None:
    """Термін виконання документа з кількома завданнями визначається по терміну останнього з них (r12-s3-p3), а
    документ з одним завданням, строк якого вказано, — документ з конкретною датою (r12-s3-p2.2); 30 календарних
    днів (r12-s3-p2.3) для документа без конкретної дати до них не застосовуються."""
    fields: dict[str, Any] = {
        "kind": INCOMING,
        "registered": "2026-03-02",
        "received": "2026-03-02",
        "executors": ["Департамент житлового господарства"],
    }
    cases = [
        (
            [
                common_pb2.Task(text="Обстежити покрівлю будинку", due="2026-03-10"),
                common_pb2.Task(text="Відремонтувати покрівлю будинку", due="2026-04-10"),
            ],
            # worked out by hand: registered Mon 02.03.2026; put on control within 3 days (r12-s2-p6): Thu
            # 05.03; the document as a whole by its last task, Fri 10.04 (r12-s3-p3)
            {("r12-s2-p6", "2026-03-05"), ("r12-s3-p3", "2026-04-10")},
        ),
        (
            [common_pb2.Task(text="Надати інформацію про стан покрівлі", due="2026-03-20")],
            {("r12-s2-p6", "2026-03-05"), ("r12-s3-p2.2", "2026-03-20")},
        ),
    ]
    for tasks, expected in cases:
        registered = stubs.registry.RegisterDocument(
            registry_pb2.RegisterDocumentRequest(
                reglament="vinnytsia-2020",
                title=f"Лист ОСББ щодо ремонту покрівлі ({uuid.uuid4().hex[:6]})",
                correspondent="ОСББ «Соборна 12»",
                tasks=tasks,
                attributes=SETTER,
                **fields,
            ),
            timeout=10,
        ).document
        created = tracked(stubs, registered.id, minimum=len(expected))
        assert {(o.obligation.clause.clause, o.obligation.due) for o in created} == expected
        reply = stubs.deadlines.ComputeDueDate(
            deadlines_pb2.ComputeDueDateRequest(
                reglament="vinnytsia-2020", document=common_pb2.Document(**fields, tasks=tasks, attributes=SETTER)
            ),
            timeout=10,
        )
        assert {(o.clause.clause, o.due) for o in reply.obligations} == expected


@pytest.mark.parametrize(
    ("document", "field"),
    [
        (common_pb2.Document(kind=INCOMING), "document.registered"),
        (common_pb2.Document(kind=INCOMING, registered="02.03.2026"), "document.registered"),
        (common_pb2.Document(registered="2026-03-02"), "document.kind"),
        (
            common_pb2.Document(kind=INCOMING, registered="2026-03-02", attributes={"no_such": "1"}),
            "document.attributes[no_such]",
        ),
        (
            common_pb2.Document(kind=INCOMING, registered="2026-03-02", attributes={"urgent": "так"}),
            "document.attributes[urgent]",
        ),
        (common_pb2.Document(kind=INCOMING, registered="2026-03-02", signed="2026-03-03"), "document.signed"),
        (
            common_pb2.Document(kind=INCOMING, registered="2026-03-02", tasks=[common_pb2.Task(due="2026-03-20")]),
            "document.tasks[0].text",
        ),
        (
            common_pb2.Document(
                kind=INCOMING, registered="2026-03-02", tasks=[common_pb2.Task(text="Звіт", due="20.03.2026")]
            ),
            "document.tasks[0].due",
        ),
        (
            common_pb2.Document(
                kind=INCOMING,
                registered="2026-03-02",
                tasks=[common_pb2.Task(text="Звіт", due="2026-03-20")],
                attributes={"last_task_due": "2026-04-01"},
            ),
            "document.attributes[last_task_due]",
        ),
    ],
)
def test_a_bad_document_is_refused_naming_the_field(stubs: Stubs, document: common_pb2.Document, field: str) -> None:
    with pytest.raises(grpc.RpcError) as err:
        stubs.deadlines.ComputeDueDate(
            deadlines_pb2.ComputeDueDateRequest(reglament="vinnytsia-2020", document=document), timeout=5
        )
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in (err.value.details() or "")


def test_the_explanation_lists_every_counted_and_skipped_day(stubs: Stubs) -> None:
    reply = stubs.deadlines.ExplainDueDate(
        deadlines_pb2.ExplainDueDateRequest(reglament="vinnytsia-2020", clause="r12-s3-p2.1", from_date="2020-01-03"),
        timeout=5,
    )
    assert reply.due == "2020-01-13" and reply.term.unit == "working_days" and reply.term.amount == 5
    days = {d.date: d for d in reply.days}
    assert not days["2020-01-06"].counted and "перенесений вихідний" in days["2020-01-06"].reason
    assert not days["2020-01-07"].counted and "Різдво" in days["2020-01-07"].reason
    assert days["2020-01-11"].counted and "робоча субота" in days["2020-01-11"].reason
    assert reply.counted_days == 5
    assert reply.policy.source == "r12-s3-p4" and reply.policy.end_on_non_working == "preceding"
    moved = stubs.deadlines.ExplainDueDate(
        deadlines_pb2.ExplainDueDateRequest(reglament="vinnytsia-2020", clause="r12-s3-p2.3", from_date="2020-01-09"),
        timeout=5,
    )
    assert (moved.due, moved.nominal_due, moved.end_rule) == ("2020-02-07", "2020-02-08", "preceding")
    assert [d.date for d in moved.days if not d.counted] == ["2020-02-08"]


# -- the clock, end to end ---------------------------------------------------------------------------


def test_a_registered_document_becomes_a_violated_obligation_on_the_stream(
    clocked_stubs: Stubs, clocked_mesh: Mesh
) -> None:
    """Документ без конкретної дати виконується протягом 30 календарних днів з дня реєстрації; коли строк
    спливає, обов'язок стає порушеним."""
    stubs, nats_url = clocked_stubs, clocked_mesh.nats_url
    executor = f"Департамент житлового господарства {uuid.uuid4().hex[:6]}"
    doc = register(stubs, executor)
    execution = by_clause(tracked(stubs, doc.id))["r12-s3-p2.3"]
    due = dt.date.fromisoformat(execution.obligation.due)
    assert due == preceding_working(today() + dt.timedelta(days=30))
    assert execution.obligation.status == common_pb2.OBLIGATION_STATUS_PENDING
    assert execution.setter.role == "deputy_mayor" and execution.setter.name == "Іваненко І.І."

    later = (due + dt.timedelta(days=1)).isoformat()
    tick = lambda: stubs.deadlines.Tick(deadlines_pb2.TickRequest(now=later, subject_id=doc.id), timeout=10)  # noqa: E731
    reply, seen = collect(
        nats_url,
        subjects.subject("vinnytsia", subjects.OBLIGATION_VIOLATED),
        tick,
        lambda e: e.obligation_status_changed.obligation_id == execution.obligation.id,
    )
    assert [c.obligation_id for c in reply.changes if c.status == common_pb2.OBLIGATION_STATUS_VIOLATED] == [
        execution.obligation.id
    ]
    assert len(seen) == 1
    event = seen[0]
    assert event.obligation_status_changed.status == common_pb2.OBLIGATION_STATUS_VIOLATED
    assert event.obligation_status_changed.clause.clause == "r12-s3-p2.3"
    assert event.reglament == "vinnytsia-2020" and event.event_id == reply.changes[0].event_id

    # the same moment again changes nothing and announces nothing
    again, repeated = collect(
        nats_url,
        subjects.subject("vinnytsia", subjects.OBLIGATION_VIOLATED),
        tick,
        lambda e: e.obligation_status_changed.obligation_id == execution.obligation.id,
    )
    assert list(again.changes) == [] and repeated == []
    now = stubs.deadlines.GetObligation(deadlines_pb2.GetObligationRequest(id=execution.obligation.id), timeout=5)
    assert now.obligation.status == common_pb2.OBLIGATION_STATUS_VIOLATED and now.violated_at
    assert [s.status for s in now.status_changes] == [common_pb2.OBLIGATION_STATUS_VIOLATED]

    # executive discipline of that month counts it for its executor
    month = f"{due:%Y-%m}"
    report = stubs.deadlines.DisciplineReport(
        deadlines_pb2.DisciplineReportRequest(reglament="vinnytsia-2020", month=month, as_of=later), timeout=10
    )
    assert execution.obligation.id in [v.obligation_id for v in report.violated]
    assert {r.name: r.violations for r in report.by_unit}[executor] == 1
    assert report.clause.clause == "r12-s2-p7" and report.report_due


def _registry_consumes_violations(nats_url: str) -> bool:
    durable = getattr(subjects, "REGISTRY_OBLIGATION_STATUS", {}).get(subjects.OBLIGATION_VIOLATED)
    if not durable:
        return False

    async def check() -> bool:
        nc = await nats.connect(nats_url)
        try:
            await nc.jetstream().consumer_info(subjects.STREAM, durable)
            return True
        except NotFoundError:
            return False
        finally:
            await nc.close()

    return asyncio.run(check())


def test_the_registry_shows_the_obligation_violated(clocked_stubs: Stubs, clocked_mesh: Mesh) -> None:
    stubs = clocked_stubs
    if not _registry_consumes_violations(clocked_mesh.nats_url):
        pytest.skip("the registry has no consumer of obligation.violated in this mesh")
    doc = register(stubs, "Департамент освіти")
    execution = by_clause(tracked(stubs, doc.id))["r12-s3-p2.3"]
    later = (dt.date.fromisoformat(execution.obligation.due) + dt.timedelta(days=1)).isoformat()
    stubs.deadlines.Tick(deadlines_pb2.TickRequest(now=later, subject_id=doc.id), timeout=10)

    def violated_in_registry() -> bool:
        stored = stubs.registry.GetDocument(registry_pb2.GetDocumentRequest(id=doc.id), timeout=5)
        return any(
            o.id == execution.obligation.id and o.status == common_pb2.OBLIGATION_STATUS_VIOLATED
            for o in stored.obligations
        )

    assert until(violated_in_registry), "the registry did not mark the obligation violated"


def test_the_clock_is_not_run_ahead_of_a_service_on_the_system_clock(stubs: Stubs) -> None:
    """Порушення фіксує годинник служби: запуск годинника на майбутню дату відхиляється і нічого не змінює."""
    doc = register(stubs, "Департамент освіти")
    execution = by_clause(tracked(stubs, doc.id))["r12-s3-p2.3"]
    later = (dt.date.fromisoformat(execution.obligation.due) + dt.timedelta(days=1)).isoformat()
    for now in (later, "2099-01-01", (dt.datetime.now(KYIV) + dt.timedelta(hours=1)).isoformat()):
        with pytest.raises(grpc.RpcError) as err:
            stubs.deadlines.Tick(deadlines_pb2.TickRequest(now=now, subject_id=doc.id), timeout=10)
        assert err.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "now" in (err.value.details() or "") and "REGLAMENT_CLOCK" in (err.value.details() or "")
    with pytest.raises(grpc.RpcError) as err:
        stubs.deadlines.Tick(deadlines_pb2.TickRequest(now="2099-01-01"), timeout=10)
    assert err.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    still = stubs.deadlines.GetObligation(deadlines_pb2.GetObligationRequest(id=execution.obligation.id), timeout=5)
    assert still.obligation.status == common_pb2.OBLIGATION_STATUS_PENDING and not still.status_changes
    # the service's own "now" (or a moment before it) runs as always
    reply = stubs.deadlines.Tick(deadlines_pb2.TickRequest(subject_id=doc.id), timeout=10)
    assert list(reply.changes) == []
    past = stubs.deadlines.Tick(deadlines_pb2.TickRequest(now="2026-03-02", subject_id=doc.id), timeout=10)
    assert list(past.changes) == []


def executed_on(stubs: Stubs, executor: str, on: str) -> tuple[deadlines_pb2.TrackedObligation, str]:
    """A document due 20.03.2026 by its own date (r12-s3-p2.2), put on control, executed `on` (recorded now);
    the tracked execution obligation once the deadlines service has closed it, and the report month."""
    doc = register(stubs, executor, registered="2026-03-02", received="2026-03-02", due_date="2026-03-20")
    execution = by_clause(tracked(stubs, doc.id))["r12-s3-p2.2"]
    assert execution.obligation.due == "2026-03-20"
    assert execution.obligation.status == common_pb2.OBLIGATION_STATUS_PENDING
    stubs.registry.PutOnControl(
        registry_pb2.PutOnControlRequest(document_id=doc.id, actor="Відділ контролю", on="2026-03-03"), timeout=10
    )
    facts = {"tasks_done": "true", "execution_confirmed": "true"}
    stubs.registry.MarkExecuted(
        registry_pb2.MarkExecutedRequest(document_id=doc.id, actor=executor, on=on, facts=facts), timeout=10
    )

    def closed() -> deadlines_pb2.TrackedObligation | None:
        ob = stubs.deadlines.GetObligation(deadlines_pb2.GetObligationRequest(id=execution.obligation.id), timeout=5)
        return ob if ob.obligation.status == common_pb2.OBLIGATION_STATUS_FULFILLED else None

    fulfilled = until(closed)
    assert fulfilled, "the deadlines service did not close the obligation"
    return fulfilled, "2026-03"


def discipline(stubs: Stubs, month: str) -> deadlines_pb2.DisciplineReportResponse:
    return stubs.deadlines.DisciplineReport(
        deadlines_pb2.DisciplineReportRequest(reglament="vinnytsia-2020", month=month), timeout=10
    )


def test_work_done_after_its_term_is_a_violation_though_the_clock_never_marked_it(clocked_stubs: Stubs) -> None:
    """Документ виконано після визначеної в ньому дати (r12-s3-p2.2) ще до того, як годинник служби позначив
    строк порушеним: у записі обов'язку і у звіті про виконавську дисципліну (r12-s2-p7) це порушення."""
    executor = f"Департамент житлового господарства {uuid.uuid4().hex[:6]}"
    fulfilled, month = executed_on(clocked_stubs, executor, "2026-03-25")
    assert fulfilled.violated_at and fulfilled.closed_at
    assert [c.status for c in fulfilled.status_changes] == [
        common_pb2.OBLIGATION_STATUS_VIOLATED,
        common_pb2.OBLIGATION_STATUS_FULFILLED,
    ]
    assert "r12-s3-p2.2" in fulfilled.status_changes[0].reason
    report = discipline(clocked_stubs, month)
    assert fulfilled.obligation.id in [v.obligation_id for v in report.violated]
    assert {r.name: r.violations for r in report.by_unit}[executor] == 1


def test_work_done_within_its_term_but_recorded_later_is_no_violation(clocked_stubs: Stubs) -> None:
    """Документ виконано 19.03 до визначеної в ньому дати 20.03 (r12-s3-p2.2), а відділ контролю вніс це
    пізніше: строк дотримано — у записі обов'язку і у звіті про виконавську дисципліну порушення немає."""
    executor = f"Департамент освіти {uuid.uuid4().hex[:6]}"
    fulfilled, month = executed_on(clocked_stubs, executor, "2026-03-19")
    assert not fulfilled.violated_at
    assert [c.status for c in fulfilled.status_changes] == [common_pb2.OBLIGATION_STATUS_FULFILLED]
    assert dt.datetime.fromisoformat(fulfilled.closed_at).astimezone(KYIV).date() == dt.date(2026, 3, 19)
    assert fulfilled.obligation.id not in [v.obligation_id for v in discipline(clocked_stubs, month).violated]


# -- moving a term ------------------------------------------------------------------------------------


def extend(stubs: Stubs, **fields: Any) -> deadlines_pb2.ExtendTermResponse:
    values: dict[str, Any] = {
        "actor": "Іваненко І.І.",
        "actor_role": "deputy_mayor",
        "capacity": deadlines_pb2.EXTENSION_CAPACITY_SET_TERM,
        "reason": "Обстеження покрівлі підрядником призначено на пізнішу дату.",
    }
    values.update(fields)
    return stubs.deadlines.ExtendTerm(deadlines_pb2.ExtendTermRequest(**values), timeout=10)


def test_only_the_official_who_set_the_term_moves_it_and_the_history_is_kept(
    stubs: Stubs, nats_server: NatsServer
) -> None:
    """Строк виконання документа може бути змінений лише за вказівкою посадової особи, яка його встановила
    (r12-s3-p7), за обґрунтованим проханням виконавця (r12-s3-p6)."""
    executor = "Департамент житлового господарства"
    doc = register(stubs, executor)
    ob = by_clause(tracked(stubs, doc.id))["r12-s3-p2.3"].obligation
    new_due = dt.date.fromisoformat(ob.due) + dt.timedelta(days=14)

    with pytest.raises(grpc.RpcError) as err:
        extend(
            stubs,
            obligation_id=ob.id,
            new_due=new_due.isoformat(),
            actor="Моргунов С.А.",
            actor_role="mayor",
            requested_by=executor,
        )
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "r12-s3-p7" in (err.value.details() or "")
    assert "може бути змінений лише за вказівкою посадової особи, яка його встановила" in (err.value.details() or "")

    with pytest.raises(grpc.RpcError) as err:
        extend(stubs, obligation_id=ob.id, new_due=new_due.isoformat(), requested_by="Управління освіти")
    assert err.value.code() == grpc.StatusCode.FAILED_PRECONDITION and "r12-s3-p6" in (err.value.details() or "")

    with pytest.raises(grpc.RpcError) as err:
        extend(stubs, obligation_id=ob.id, new_due=new_due.isoformat(), requested_by=executor, reason="")
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "reason" in (err.value.details() or "")

    unchanged = stubs.deadlines.GetObligation(deadlines_pb2.GetObligationRequest(id=ob.id), timeout=5)
    assert unchanged.obligation.due == ob.due and not unchanged.term_changes

    request_id = uuid.uuid4().hex
    reply, seen = collect(
        nats_server.url,
        subjects.subject("vinnytsia", subjects.OBLIGATION_TERM_CHANGED),
        lambda: extend(
            stubs, request_id=request_id, obligation_id=ob.id, new_due=new_due.isoformat(), requested_by=executor
        ),
        lambda e: e.term_changed.obligation_id == ob.id,
    )
    expected = preceding_working(new_due)
    assert reply.created and reply.change.new_due == expected.isoformat() and reply.change.previous_due == ob.due
    assert reply.change.clauses[0].clause == "r12-s3-p7" and reply.change.term_version == 1
    assert reply.obligation.obligation.due == expected.isoformat() and reply.obligation.original_due == ob.due
    [event] = seen
    assert event.term_changed.new_due == expected.isoformat() and event.term_changed.actor_role == "set_term"
    assert event.term_changed.role == "deputy_mayor" and event.term_changed.request_id == request_id
    assert event.term_changed.status == common_pb2.OBLIGATION_STATUS_PENDING

    again = extend(
        stubs,
        request_id=request_id,
        obligation_id=ob.id,
        new_due=(new_due + dt.timedelta(days=7)).isoformat(),
        requested_by=executor,
    )
    assert not again.created and again.change.new_due == expected.isoformat()

    history = stubs.deadlines.ListTermChanges(deadlines_pb2.ListTermChangesRequest(obligation_id=ob.id), timeout=5)
    assert [(c.actor, c.new_due) for c in history.changes] == [("Іваненко І.І.", expected.isoformat())]
    explained = stubs.deadlines.ExplainDueDate(deadlines_pb2.ExplainDueDateRequest(obligation_id=ob.id), timeout=5)
    assert explained.due == expected.isoformat() and explained.original_due == ob.due
    assert any(line.startswith("Строк змінено") for line in explained.explanation)


def test_an_official_acting_for_the_absent_setter_moves_the_term_once_recorded(stubs: Stubs) -> None:
    executor = "Департамент енергетики"
    doc = register(stubs, executor, attributes={"term_set_by": "deputy_mayor", "term_set_by_name": "Петренко П.П."})
    ob = by_clause(tracked(stubs, doc.id))["r12-s3-p2.3"].obligation
    new_due = (dt.date.fromisoformat(ob.due) + dt.timedelta(days=7)).isoformat()
    acting = {
        "obligation_id": ob.id,
        "new_due": new_due,
        "actor": "Коваль К.К.",
        "actor_role": "deputy_mayor",
        "capacity": deadlines_pb2.EXTENSION_CAPACITY_REPLACES_SETTER,
        "requested_by": executor,
    }
    with pytest.raises(grpc.RpcError) as err:
        extend(stubs, **acting)
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED and "заміщення" in (err.value.details() or "")
    recorded = stubs.deadlines.RecordSubstitution(
        deadlines_pb2.RecordSubstitutionRequest(
            request_id=uuid.uuid4().hex,
            reglament="vinnytsia-2020",
            absent_role="deputy_mayor",
            absent_name="Петренко П.П.",
            substitute_role="deputy_mayor",
            substitute_name="Коваль К.К.",
            valid_from=today().isoformat(),
            basis="розпорядження міського голови № 77 про розподіл обов'язків на час відпустки",
        ),
        timeout=5,
    )
    assert recorded.created and recorded.substitution.id
    reply = extend(stubs, **acting)
    assert reply.created and "розпорядження міського голови № 77" in reply.change.authority
    assert reply.change.capacity == deadlines_pb2.EXTENSION_CAPACITY_REPLACES_SETTER


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"obligation_id": "0" * 40, "new_due": "2027-01-01"}, grpc.StatusCode.NOT_FOUND, "obligation_id"),
        ({"obligation_id": "", "new_due": "2027-01-01"}, grpc.StatusCode.INVALID_ARGUMENT, "obligation_id"),
        ({"obligation_id": "x", "new_due": "01.01.2027"}, grpc.StatusCode.INVALID_ARGUMENT, "new_due"),
        (
            {"obligation_id": "x", "new_due": "2027-01-01", "actor_role": "Мер"},
            grpc.StatusCode.INVALID_ARGUMENT,
            "actor_role",
        ),
        (
            {"obligation_id": "x", "new_due": "2027-01-01", "capacity": deadlines_pb2.EXTENSION_CAPACITY_UNSPECIFIED},
            grpc.StatusCode.INVALID_ARGUMENT,
            "capacity",
        ),
        (
            {"obligation_id": "x", "new_due": "2027-01-01", "request_id": "r" * 129},
            grpc.StatusCode.INVALID_ARGUMENT,
            "request_id",
        ),
    ],
)
def test_a_bad_extension_request_is_refused_naming_the_field(
    stubs: Stubs, fields: dict[str, Any], code: grpc.StatusCode, field: str
) -> None:
    with pytest.raises(grpc.RpcError) as err:
        extend(stubs, **fields)
    assert err.value.code() == code and field in (err.value.details() or "")


def test_a_bad_moment_or_month_is_refused(stubs: Stubs) -> None:
    with pytest.raises(grpc.RpcError) as err:
        stubs.deadlines.Tick(deadlines_pb2.TickRequest(now="вчора"), timeout=5)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "now" in (err.value.details() or "")
    with pytest.raises(grpc.RpcError) as err:
        stubs.deadlines.DisciplineReport(
            deadlines_pb2.DisciplineReportRequest(reglament="vinnytsia-2020", month="2026-13")
        )
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "month" in (err.value.details() or "")
    with pytest.raises(grpc.RpcError) as err:
        stubs.deadlines.DisciplineReport(deadlines_pb2.DisciplineReportRequest(reglament="kyiv-1990", month="2026-03"))
    assert err.value.code() == grpc.StatusCode.NOT_FOUND


def test_reglament_discipline_asks_the_running_service(stubs: Stubs, capsys: pytest.CaptureFixture[str]) -> None:
    address = stubs.mesh.address("deadlines")
    assert (
        main(
            [
                "discipline",
                "vinnytsia-2020",
                "--month",
                "2026-02",
                "--as-of",
                "2026-03-20",
                "--deadlines",
                address,
                "--json",
            ]
        )
        == 0
    )
    record = json.loads(capsys.readouterr().out)
    assert record["month"] == "2026-02" and record["report_due"] == "2026-03-13"
    assert record["clause"]["clause"] == "r12-s2-p7"
    assert main(["discipline", "vinnytsia-2020", "--month", "2026-02", "--deadlines", address]) == 0
    assert "Узагальнити до: 2026-03-13" in capsys.readouterr().out
    assert main(["discipline", "vinnytsia-2020", "--month", "лютий", "--deadlines", address]) == 2
    assert "month" in capsys.readouterr().err
