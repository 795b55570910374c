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
                    finance_competence=True,
                    task_bodies=["Департамент освіти"],
                ),
            ),
            timeout=5,
        )
        for step in route.steps:
            body = f" ({step.body})" if step.body else ""
            _say(f"   {step.order:>2}. {step.role}{body} — {step.clause.clause}")
        _say("\nДемонстрацію завершено.")
        return 0
