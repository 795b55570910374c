"""The running mesh: real nats-server, the three services as processes, gRPC as a municipal system calls it."""

from __future__ import annotations

import asyncio
import time
import uuid

import grpc
import nats
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from reglament.events import envelope, subjects
from reglament.natsd import NatsServer
from reglament.v1 import common_pb2, deadlines_pb2, events_pb2, registry_pb2
from tests.conftest import Stubs

pytestmark = pytest.mark.integration

INCOMING = common_pb2.DOCUMENT_KIND_INCOMING


def register(stubs: Stubs, **fields: object) -> registry_pb2.RegisterDocumentResponse:
    request = registry_pb2.RegisterDocumentRequest(
        reglament="vinnytsia-2020",
        kind=INCOMING,
        title="Лист обласної державної адміністрації щодо ремонту доріг",
        correspondent="Вінницька ОДА",
        registered="2026-03-02",
        received="2026-03-02",
        executors=["Департамент житлового господарства"],
    )
    for key, value in fields.items():
        if isinstance(value, list):
            getattr(request, key).extend(value)
        else:
            setattr(request, key, value)
    return stubs.registry.RegisterDocument(request, timeout=10)


def wait_for_obligations(
    stubs: Stubs, document_id: str, minimum: int = 1, timeout_s: float = 20.0
) -> common_pb2.Document:
    deadline = time.monotonic() + timeout_s
    while True:
        doc = stubs.registry.GetDocument(registry_pb2.GetDocumentRequest(id=document_id), timeout=5)
        if len(doc.obligations) >= minimum or time.monotonic() > deadline:
            return doc
        time.sleep(0.1)


def document_count(stubs: Stubs) -> int:
    total, token = 0, ""
    while True:
        page = stubs.registry.ListDocuments(registry_pb2.ListDocumentsRequest(page_size=500, page_token=token))
        total += len(page.documents)
        token = page.next_page_token
        if not token:
            return total


def test_every_service_is_serving_and_reflects_its_api(stubs: Stubs) -> None:
    for name, service in (
        ("registry", "reglament.v1.Registry"),
        ("deadlines", "reglament.v1.Deadlines"),
        ("approval", "reglament.v1.Approval"),
    ):
        channel = stubs.channels[name]
        health = health_pb2_grpc.HealthStub(channel)
        for svc in ("", service):
            reply = health.Check(health_pb2.HealthCheckRequest(service=svc), timeout=5)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING, (name, svc)
        reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
        replies = list(
            reflection.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]))
        )
        names = {s.name for s in replies[0].list_services_response.service}
        assert {service, "grpc.health.v1.Health"} <= names


def test_registered_document_gets_its_obligation_through_nats(stubs: Stubs, nats_server: NatsServer) -> None:
    seen: list[events_pb2.Event] = []

    async def watch_and_register() -> common_pb2.Document:
        nc = await nats.connect(nats_server.url)
        sub = await nc.subscribe(subjects.subject("vinnytsia", subjects.OBLIGATION_CREATED))
        response = await asyncio.to_thread(register, stubs)
        doc = response.document
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                msg = await sub.next_msg(timeout=1)
            except nats.errors.TimeoutError:
                continue
            event = events_pb2.Event.FromString(msg.data)
            if event.obligation_created.obligation.subject_id == doc.id:
                seen.append(event)
                if len(seen) >= event.obligation_created.of_total:
                    break
        await nc.close()
        return doc

    doc = asyncio.run(watch_and_register())
    assert doc.number and doc.journal == "incoming"
    assert seen, "no obligation.created event for the document"
    stored = wait_for_obligations(stubs, doc.id, minimum=len(seen))
    by_clause = {o.clause.clause: o for o in stored.obligations}
    # No concrete date, not urgent: 30 calendar days from registration (r12-s3-p2.3). 02.03.2026 + 30 = 01.04.2026.
    assert "r12-s3-p2.3" in by_clause, by_clause.keys()
    execution = by_clause["r12-s3-p2.3"]
    assert execution.due == "2026-04-01"
    assert execution.clause.quote and execution.clause.reglament == "vinnytsia-2020"
    assert execution.explanation
    assert {e.obligation_created.obligation.id for e in seen} == {o.id for o in stored.obligations}
    assert all(e.causation_id and e.correlation_id for e in seen)


def test_retried_registration_returns_the_first_result(stubs: Stubs) -> None:
    request_id = uuid.uuid4().hex
    first = register(stubs, request_id=request_id)
    again = register(stubs, request_id=request_id)
    assert first.created and not again.created
    assert again.document.id == first.document.id and again.document.number == first.document.number


@pytest.mark.parametrize(
    ("fields", "field_name"),
    [
        ({"title": ""}, "title"),
        ({"kind": 0}, "kind"),
        ({"kind": 99}, "kind"),
        ({"registered": "2026-02-30"}, "registered"),
        ({"received": "02.03.2026"}, "received"),
        ({"title": "Т" * 1001}, "title"),
        ({"executors": ["x" * 201]}, "executors[0]"),
        ({"reglament": ""}, "reglament"),
        ({"attributes": {"no_such_fact": "1"}}, "attributes[no_such_fact]"),
        ({"request_id": "r" * 129}, "request_id"),
    ],
)
def test_bad_registration_is_refused_naming_the_field_and_writes_nothing(
    stubs: Stubs, fields: dict[str, object], field_name: str
) -> None:
    before = document_count(stubs)
    request = registry_pb2.RegisterDocumentRequest(
        reglament="vinnytsia-2020", kind=INCOMING, title="Лист", registered="2026-03-02"
    )
    for key, value in fields.items():
        if isinstance(value, list):
            getattr(request, key).extend(value)
        elif isinstance(value, dict):
            getattr(request, key).update(value)
        else:
            setattr(request, key, value)
    with pytest.raises(grpc.RpcError) as err:
        stubs.registry.RegisterDocument(request, timeout=5)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_name in (err.value.details() or "")
    assert document_count(stubs) == before


def test_unknown_reglament_and_document_are_not_found(stubs: Stubs) -> None:
    with pytest.raises(grpc.RpcError) as err:
        register(stubs, reglament="kyiv-1990")
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as err:
        stubs.registry.GetDocument(registry_pb2.GetDocumentRequest(id="0" * 32))
    assert err.value.code() == grpc.StatusCode.NOT_FOUND


def test_compute_due_date_cites_the_clause(stubs: Stubs) -> None:
    reply = stubs.deadlines.ComputeDueDate(
        deadlines_pb2.ComputeDueDateRequest(reglament="vinnytsia-2020", clause="r12-s3-p2.3", from_date="2026-03-02"),
        timeout=5,
    )
    assert reply.due == "2026-04-01"
    assert reply.clause.clause == "r12-s3-p2.3" and "30 календарних днів" in reply.clause.quote
    assert reply.explanation and reply.policy
    with pytest.raises(grpc.RpcError) as err:
        stubs.deadlines.ComputeDueDate(
            deadlines_pb2.ComputeDueDateRequest(
                reglament="vinnytsia-2020", clause="r12-s3-p2.3", from_date="2026-13-01"
            )
        )
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    with pytest.raises(grpc.RpcError) as err:
        stubs.deadlines.ComputeDueDate(
            deadlines_pb2.ComputeDueDateRequest(reglament="vinnytsia-2020", clause="r99-p1", from_date="2026-03-02")
        )
    assert err.value.code() == grpc.StatusCode.NOT_FOUND


def test_garbage_on_an_event_subject_is_dead_lettered_and_the_service_keeps_serving(
    stubs: Stubs, nats_server: NatsServer
) -> None:
    garbage = [
        (
            subjects.subject("vinnytsia", subjects.DOCUMENT_REGISTERED),
            b"\xff\x00 not a protobuf",
            subjects.DEADLINES_DOCUMENTS,
        ),
        (
            subjects.subject("vinnytsia", subjects.OBLIGATION_CREATED),
            events_pb2.Event(event_id="x", type="obligation.created").SerializeToString(),
            subjects.REGISTRY_OBLIGATIONS,
        ),
    ]

    async def publish_and_collect() -> list[events_pb2.DeadLetter]:
        nc = await nats.connect(nats_server.url)
        js = nc.jetstream()
        letters: list[events_pb2.DeadLetter] = []
        subs = {c: await nc.subscribe(subjects.deadletter_subject(c)) for _, _, c in garbage}
        for subject, payload, _ in garbage:
            await js.publish(subject, payload, headers={"Nats-Msg-Id": uuid.uuid4().hex})
        for _, payload, consumer in garbage:
            msg = await subs[consumer].next_msg(timeout=15)
            letter = events_pb2.DeadLetter.FromString(msg.data)
            assert letter.payload == payload
            letters.append(letter)
        await nc.close()
        return letters

    letters = asyncio.run(publish_and_collect())
    assert all(letter.reason for letter in letters)
    assert {letter.consumer for letter in letters} == {subjects.DEADLINES_DOCUMENTS, subjects.REGISTRY_OBLIGATIONS}
    # Both services still do their work.
    doc = register(stubs).document
    assert wait_for_obligations(stubs, doc.id).obligations


def test_event_envelope_rejects_mismatched_type() -> None:
    event = events_pb2.Event(event_id="e1", type="document.registered")
    event.obligation_created.of_total = 1
    with pytest.raises(envelope.UndecodableEvent):
        envelope.decode(event.SerializeToString(), "reglament.vinnytsia.document.registered")
