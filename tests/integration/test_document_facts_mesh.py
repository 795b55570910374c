"""A document's facts over gRPC in the running mesh: a moment of receipt gives a term in hours (nothing is
dead-lettered), unstated yes/no facts take the reading the reglament declares, registration fulfils the term of
registering, and a protocol instruction with the mayor's control resolution is on control as soon as it is
registered."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import grpc
import pytest

from reglament.v1 import common_pb2, deadlines_pb2, registry_pb2
from tests.conftest import Stubs

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]

SHOSTKA = "shostka-2013"
VINNYTSIA = "vinnytsia-2020"


def register(stubs: Stubs, reglament: str, kind: int, **fields: Any) -> common_pb2.Document:
    request = registry_pb2.RegisterDocumentRequest(
        request_id=uuid.uuid4().hex,
        reglament=reglament,
        kind=kind,
        title="Запит про стан укриттів у закладах освіти міста",
        correspondent="Шевченко Тарас Олександрович",
        registered="2026-03-02",
        executors=["Управління освіти"],
    )
    for key, value in fields.items():
        field = getattr(request, key)
        if isinstance(value, dict):
            field.update(value)
        elif isinstance(value, list):
            field.extend(value)
        else:
            setattr(request, key, value)
    return stubs.registry.RegisterDocument(request, timeout=10).document


def wait_until(
    stubs: Stubs, document_id: str, ok: Callable[[common_pb2.Document], bool], timeout_s: float = 30
) -> common_pb2.Document:
    deadline = time.monotonic() + timeout_s
    while True:
        doc = stubs.registry.GetDocument(registry_pb2.GetDocumentRequest(id=document_id), timeout=5)
        if ok(doc) or time.monotonic() > deadline:
            return doc
        time.sleep(0.1)


def of_clause(doc: common_pb2.Document, clause: str) -> list[common_pb2.Obligation]:
    return [o for o in doc.obligations if o.clause.clause == clause]


def test_a_request_about_life_or_safety_is_answered_48_hours_after_the_moment_it_arrived(stubs: Stubs) -> None:
    doc = register(
        stubs,
        SHOSTKA,
        common_pb2.DOCUMENT_KIND_INFO_REQUEST,
        attributes={"life_or_safety": "true", "received_at": "2026-03-02T10:15"},
    )
    assert doc.received == "2026-03-02"
    shown = wait_until(stubs, doc.id, lambda d: bool(of_clause(d, "r15-s5-p5.3")))
    [answer] = of_clause(shown, "r15-s5-p5.3")
    assert answer.due == "2026-03-04T10:15:00", "\n".join(answer.explanation)
    assert not of_clause(shown, "r15-s5-p5.1")


def test_a_moment_of_receipt_that_is_not_a_moment_is_refused_naming_the_field(stubs: Stubs) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        register(stubs, SHOSTKA, common_pb2.DOCUMENT_KIND_INFO_REQUEST, attributes={"received_at": "2026-03-02"})
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "attributes[received_at]" in (caught.value.details() or "")


def test_the_terms_of_a_plain_appeal_and_a_plain_request_come_from_the_declared_readings(stubs: Stubs) -> None:
    def terms(kind: int, received: str) -> dict[str, str]:
        document = common_pb2.Document(reglament=SHOSTKA, kind=kind, received=received, registered=received)
        request = deadlines_pb2.ComputeDueDateRequest(reglament=SHOSTKA, document=document)
        response = stubs.deadlines.ComputeDueDate(request, timeout=10)
        return {o.clause.clause: o.due for o in response.obligations}

    # not marked anonymous, not said to need further study: 15 days (Sat 21.03 → Monday)
    assert terms(common_pb2.DOCUMENT_KIND_APPEAL, "2026-03-06")["r12-s3-p3.5"] == "2026-03-23"
    # no mark of urgency or of a large volume: five working days
    assert terms(common_pb2.DOCUMENT_KIND_INFO_REQUEST, "2026-03-05")["r15-s5-p5.1"] == "2026-03-12"


def test_registering_a_signed_decision_fulfils_the_term_of_registering_it(stubs: Stubs) -> None:
    doc = register(
        stubs,
        VINNYTSIA,
        common_pb2.DOCUMENT_KIND_EC_DECISION,
        title="Про організацію безкоштовного харчування учнів пільгових категорій",
        correspondent="",
        signed="2026-03-05",
        registered="2026-03-06",
    )
    fulfilled = common_pb2.OBLIGATION_STATUS_FULFILLED
    shown = wait_until(stubs, doc.id, lambda d: [o.status for o in of_clause(d, "r6-s8-p8")] == [fulfilled])
    assert [o.status for o in of_clause(shown, "r6-s8-p8")] == [fulfilled]


def test_a_protocol_instruction_with_the_mayors_control_resolution_is_on_control_once_registered(
    stubs: Stubs,
) -> None:
    doc = register(
        stubs,
        VINNYTSIA,
        common_pb2.DOCUMENT_KIND_PROTOCOL_INSTRUCTION,
        title="Доручення наради з питань безпеки: перевірити стан пожежних виходів у торгових центрах",
        correspondent="Міський голова",
        registered="2026-03-05",
        due_date="2026-03-27",
        executors=["Департамент з питань надзвичайних ситуацій"],
        attributes={"control_resolution": "true", "registered_by": "appeals_department"},
    )
    assert "r13-s4-p3" not in [f.clause.clause for f in doc.findings]
    shown = stubs.registry.GetDocument(registry_pb2.GetDocumentRequest(id=doc.id), timeout=5)
    control = shown.control
    assert control.status == common_pb2.CONTROL_STATUS_ON_CONTROL
    assert (control.controller, control.controller_role) == ("Міський голова", "mayor")
    assert (control.put_on, control.due) == ("2026-03-05", "2026-03-27")
    log = stubs.registry.GetAuditLog(registry_pb2.GetAuditLogRequest(document_id=doc.id), timeout=5).entries
    [put] = [e for e in log if e.action == "control.put"]
    assert put.actor == "Міський голова" and "vinnytsia-2020/r13-s4-p3" in put.reason
    assert json.loads(put.data_json)["controller_role"] == "mayor"
    with pytest.raises(grpc.RpcError) as again:
        stubs.registry.PutOnControl(
            registry_pb2.PutOnControlRequest(
                request_id=uuid.uuid4().hex, document_id=doc.id, actor="Відділ контролю", on="2026-03-05"
            ),
            timeout=5,
        )
    assert again.value.code() is grpc.StatusCode.FAILED_PRECONDITION
