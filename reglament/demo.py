"""A scripted walk through a document's life against a running mesh, as a municipal system sees it."""

from __future__ import annotations

import time

import grpc

from reglament.v1 import (
    approval_pb2,
    approval_pb2_grpc,
    common_pb2,
    deadlines_pb2,
    deadlines_pb2_grpc,
    registry_pb2,
    registry_pb2_grpc,
)

REGLAMENT = "vinnytsia-2020"


def _say(text: str) -> None:
    print(text, flush=True)


def run_demo(*, registry: str, deadlines: str, approval: str, timeout_s: float = 20.0) -> int:
    with (
        grpc.insecure_channel(registry) as reg_channel,
        grpc.insecure_channel(deadlines) as due_channel,
        grpc.insecure_channel(approval) as app_channel,
    ):
        reg = registry_pb2_grpc.RegistryStub(reg_channel)
        due = deadlines_pb2_grpc.DeadlinesStub(due_channel)
        app = approval_pb2_grpc.ApprovalStub(app_channel)

        _say("\n1. Реєструємо вхідний лист без конкретної дати виконання (Registry.RegisterDocument)")
        response = reg.RegisterDocument(
            registry_pb2.RegisterDocumentRequest(
                reglament=REGLAMENT,
                kind=common_pb2.DOCUMENT_KIND_INCOMING,
                title="Лист обласної державної адміністрації щодо підготовки до осінньо-зимового періоду",
                correspondent="Вінницька обласна державна адміністрація",
                executors=["Департамент житлового господарства", "Департамент енергетики"],
            ),
            timeout=10,
        )
        doc = response.document
        _say(f"   зареєстровано: журнал {doc.journal}, № {doc.number} від {doc.registered}, id {doc.id}")

        _say("\n2. Чекаємо, доки deadlines обчислить зобов'язання і registry їх збереже (через NATS)")
        deadline = time.monotonic() + timeout_s
        stored = reg.GetDocument(registry_pb2.GetDocumentRequest(id=doc.id), timeout=5)
        while not stored.obligations and time.monotonic() < deadline:
            time.sleep(0.2)
            stored = reg.GetDocument(registry_pb2.GetDocumentRequest(id=doc.id), timeout=5)
        if not stored.obligations:
            _say("   зобов'язань не отримано — перевірте журнал сервісів")
            return 1
        for ob in stored.obligations:
            _say(f"   {ob.clause.reglament}/{ob.clause.clause}: {ob.action} — до {ob.due} ({ob.bearer})")
            _say(f"      «{ob.clause.quote}»")

        _say("\n3. Строк за п. 2.3 §3 Розділу 12 від 02.03.2026 (Deadlines.ComputeDueDate)")
        answer = due.ComputeDueDate(
            deadlines_pb2.ComputeDueDateRequest(reglament=REGLAMENT, clause="r12-s3-p2.3", from_date="2026-03-02"),
            timeout=5,
        )
        for line in answer.explanation:
            _say(f"   {line}")
        _say(f"   строк: {answer.due}")

        _say("\n4. Маршрут візування проєкту рішення виконкому з фінансових питань (Approval.PlanRoute)")
        route = app.PlanRoute(
            approval_pb2.PlanRouteRequest(
                reglament=REGLAMENT,
                draft=approval_pb2.Draft(
                    kind="decision",
                    title="Про внесення змін до бюджету",
                    preparing_body="Департамент фінансів",
                    responsible_deputy="Заступник міського голови Петренко О. І.",
                    finance_competence=True,
                    task_bodies=["Департамент освіти"],
                ),
            ),
            timeout=5,
        )
        for step in route.steps:
            holder = step.body or step.holder
            who = f" — {holder}" if holder else ""
            _say(f"   {step.order:>2}. {step.role_name or step.role}{who} [{step.clause.clause}]")

        _control_walk(reg, doc)
        _generated_year(reg, registry)
        _say("\nДемонстрацію завершено.")
        return 0


def _control_walk(reg: registry_pb2_grpc.RegistryStub, doc: common_pb2.Document) -> None:
    """Розділ 12: put on control, a refused removal, execution, removal by the controller."""
    _say("\n5. Ставимо лист на контроль (Registry.PutOnControl); на контроль його ставить заступник міського голови")
    put = reg.PutOnControl(
        registry_pb2.PutOnControlRequest(
            document_id=doc.id,
            actor="Відділ контролю",
            controller="Заступник міського голови Петренко О. І.",
            controller_role="deputy_mayor",
            basis="Резолюція: підготувати план заходів",
        ),
        timeout=10,
    )
    control = put.document.control
    _say(f"   на контролі з {control.put_on}, строк {control.due}; поставив: {control.controller}")
    _say("\n6. Інша посадова особа намагається зняти лист з контролю (Registry.RemoveFromControl)")
    try:
        reg.RemoveFromControl(
            registry_pb2.RemoveFromControlRequest(
                document_id=doc.id, actor="Коваль М. С.", actor_role="deputy_mayor", reason="Виконано"
            ),
            timeout=10,
        )
    except grpc.RpcError as exc:
        _say(f"   {exc.code().name}: {exc.details()}")
    _say("\n7. Виконавець звітує про виконання, і лист знімає з контролю той, хто його поставив")
    facts = {"tasks_done": "true", "execution_confirmed": "true"}
    reg.MarkExecuted(
        registry_pb2.MarkExecutedRequest(document_id=doc.id, actor="Департамент житлового господарства", facts=facts),
        timeout=10,
    )
    removed = reg.RemoveFromControl(
        registry_pb2.RemoveFromControlRequest(
            document_id=doc.id, actor="Заступник міського голови Петренко О. І.", reason="Виконано"
        ),
        timeout=10,
    )
    statuses = sorted({common_pb2.ObligationStatus.Name(o.status) for o in removed.document.obligations})
    _say(f"   знято з контролю {removed.document.control.removed_on}; зобов'язання: {', '.join(statuses)}")
    log = reg.GetAuditLog(registry_pb2.GetAuditLogRequest(document_id=doc.id), timeout=5)
    _say("   журнал змін: " + ", ".join(e.action for e in log.entries))


def _generated_year(reg: registry_pb2_grpc.RegistryStub, address: str) -> None:
    """A small generated register (the Ivano-Frankivsk 2017 profile × 0.02) and its control report."""
    import asyncio

    from reglament.generator import generate, load_profile
    from reglament.generator.load import load

    _say(
        "\n8. Реєстр 2017 року за профілем Івано-Франківська (×0.02) і звіт про стан контролю (Registry.ControlReport)"
    )
    register = generate(load_profile(), scale=0.02, seed=2017)
    result = asyncio.run(load(register, address, reglament=REGLAMENT, in_flight=16))
    _say(f"   виконано викликів: {sum(result.done.values())}, відмов: {len(result.refused)}")
    report = reg.ControlReport(
        registry_pb2.ControlReportRequest(reglament=REGLAMENT, period_from="2017-01-01", period_to="2017-12-31"),
        timeout=30,
    )
    _say(
        f"   {'клас':>22} {'зареєстр.':>10} {'на контроль':>12} {'перехідні':>10} {'виконано':>9} "
        f"{'знято':>6} {'на контролі':>12} {'прострочено':>12}"
    )
    for row in [*report.rows, report.total]:
        _say(
            f"   {row.category:>22} {row.registered:>10} {row.put_on_control:>12} {row.carried_over:>10} "
            f"{row.executed:>9} {row.removed:>6} {row.open_at_end:>12} {row.overdue:>12}"
        )
