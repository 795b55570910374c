"""Stopping and restarting the mesh over the same database keeps every document, number, control record,
obligation and audit entry; events committed but not published are published on the next start."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import nats
import pytest

from reglament.events import envelope, subjects
from reglament.mesh import Mesh
from reglament.natsd import NatsServer
from reglament.settings import Settings
from reglament.store import Store
from reglament.store.base import OutboxEvent
from reglament.v1 import common_pb2, events_pb2, registry_pb2, registry_pb2_grpc
from tests.conftest import start_mesh
from tests.store_fixtures import BACKENDS

pytest_plugins = ["tests.store_fixtures"]
pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]

VINNYTSIA = "vinnytsia-2020"


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest) -> str:
    """ "" (each service its own SQLite file in the run dir) or a PostgreSQL schema made for this test."""
    return "" if request.param == "sqlite" else str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def own_nats(tmp_path: Path) -> Iterator[NatsServer]:
    """A nats-server of this test's own: its durable consumers must not share the session mesh's."""
    server = NatsServer(tmp_path / "jetstream").start()
    yield server
    server.stop()


class Registry:
    def __init__(self, mesh: Mesh) -> None:
        self.channel = grpc.insecure_channel(mesh.address("registry"))
        self.stub = registry_pb2_grpc.RegistryStub(self.channel)

    def close(self) -> None:
        self.channel.close()

    def register(self, i: int, **fields: Any) -> common_pb2.Document:
        request = registry_pb2.RegisterDocumentRequest(
            request_id=f"restart-{i}",
            reglament=VINNYTSIA,
            kind=common_pb2.DOCUMENT_KIND_MAYOR_ORDER,
            title=f"Розпорядження {i}",
            registered="2026-03-02",
            executors=["Департамент освіти"],
            **fields,
        )
        return self.stub.RegisterDocument(request, timeout=30).document

    def get(self, document_id: str) -> common_pb2.Document:
        return self.stub.GetDocument(registry_pb2.GetDocumentRequest(id=document_id), timeout=5)


def _without_open_statuses(doc: common_pb2.Document) -> common_pb2.Document:
    copy = common_pb2.Document()
    copy.CopyFrom(doc)
    for ob in copy.obligations:
        if ob.status != common_pb2.OBLIGATION_STATUS_FULFILLED:
            ob.status = common_pb2.OBLIGATION_STATUS_PENDING
    return copy


def _wait_obligations(registry: Registry, ids: list[str], timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while any(not registry.get(i).obligations for i in ids):
        assert time.monotonic() < deadline, "obligations did not arrive"
        time.sleep(0.1)


def test_a_restarted_mesh_keeps_everything_and_numbering_goes_on(
    tmp_path: Path, own_nats: NatsServer, database: str
) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    mesh = start_mesh(run_dir, own_nats.url, database)
    registry = Registry(mesh)
    try:

        async def fifty() -> list[str]:
            async with grpc.aio.insecure_channel(mesh.address("registry")) as channel:
                stub = registry_pb2_grpc.RegistryStub(channel)
                replies = await asyncio.gather(
                    *(
                        stub.RegisterDocument(
                            registry_pb2.RegisterDocumentRequest(
                                request_id=f"restart-{i}",
                                reglament=VINNYTSIA,
                                kind=common_pb2.DOCUMENT_KIND_MAYOR_ORDER,
                                title=f"Розпорядження {i}",
                                registered="2026-03-02",
                                executors=["Департамент освіти"],
                            ),
                            timeout=30,
                        )
                        for i in range(50)
                    )
                )
                return [r.document.id for r in replies]

        ids = asyncio.run(fifty())
        documents = [registry.get(i) for i in ids]
        assert sorted(int(d.number.removesuffix("-р")) for d in documents) == list(range(1, 51))
        _wait_obligations(registry, ids[:3])
        first, second = ids[0], ids[1]
        registry.stub.PutOnControl(
            registry_pb2.PutOnControlRequest(document_id=first, actor="Відділ контролю", on="2026-03-03"), timeout=10
        )
        registry.stub.PutOnControl(
            registry_pb2.PutOnControlRequest(document_id=second, actor="Відділ контролю", on="2026-03-03"), timeout=10
        )
        registry.stub.MarkExecuted(
            registry_pb2.MarkExecutedRequest(
                document_id=first,
                actor="Виконавець",
                on="2026-03-20",
                facts={"tasks_done": "true", "execution_confirmed": "true"},
            ),
            timeout=10,
        )
        before = {i: registry.get(i) for i in ids}
        audit_before = registry.stub.GetAuditLog(registry_pb2.GetAuditLogRequest(document_id=first), timeout=5)
        report_before = registry.stub.ControlReport(
            registry_pb2.ControlReportRequest(reglament=VINNYTSIA, period_from="2026-01-01", period_to="2026-12-31")
        )
    finally:
        registry.close()
        mesh.stop()

    mesh = start_mesh(run_dir, own_nats.url, database)
    registry = Registry(mesh)
    try:
        after = {i: registry.get(i) for i in ids}
        # the deadlines service's clock may have moved an obligation on (due soon, violated) meanwhile
        assert {i: _without_open_statuses(d) for i, d in after.items()} == {
            i: _without_open_statuses(d) for i, d in before.items()
        }
        assert {o.status for o in after[first].obligations} == {common_pb2.OBLIGATION_STATUS_FULFILLED}
        assert after[first].control.status == common_pb2.CONTROL_STATUS_EXECUTED
        audit_after = registry.stub.GetAuditLog(registry_pb2.GetAuditLogRequest(document_id=first), timeout=5)
        assert list(audit_after.entries)[: len(audit_before.entries)] == list(audit_before.entries)
        assert (
            registry.stub.ControlReport(
                registry_pb2.ControlReportRequest(reglament=VINNYTSIA, period_from="2026-01-01", period_to="2026-12-31")
            )
            == report_before
        )
        # a retried registration still returns the first document; a new one takes the next number
        assert registry.register(0).id == ids[0]
        assert registry.register(99).number == "51-р"
        # the control record survived: only the mayor removes his order
        with pytest.raises(grpc.RpcError) as denied:
            registry.stub.RemoveFromControl(
                registry_pb2.RemoveFromControlRequest(
                    document_id=first, actor="Заступник", actor_role="deputy_mayor", on="2026-03-25", reason="x"
                ),
                timeout=10,
            )
        assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
        removed = registry.stub.RemoveFromControl(
            registry_pb2.RemoveFromControlRequest(
                document_id=first, actor="Міський голова", actor_role="mayor", on="2026-03-25", reason="Виконано"
            ),
            timeout=10,
        )
        assert removed.document.control.status == common_pb2.CONTROL_STATUS_REMOVED
    finally:
        registry.close()
        mesh.stop()


def test_an_event_committed_but_not_published_is_published_on_the_next_start(
    tmp_path: Path, own_nats: NatsServer, database: str
) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    url = database or Settings(run_dir=run_dir).db_url("registry")
    # What a registry that died between its commit and its publish leaves behind.
    body = events_pb2.DocumentControlChanged(document_id="0" * 32, number="7-р")
    event = envelope.make_event(
        subjects.DOCUMENT_EXECUTED, municipality="vinnytsia", reglament=VINNYTSIA, body=body, event_id=uuid.uuid4().hex
    )
    with Store.open(url) as store:
        store.enqueue([OutboxEvent(event.event_id, envelope.subject_of(event), event.SerializeToString())])
        assert store.count_unpublished() == 1

    async def start_and_watch() -> events_pb2.Event:
        nc = await nats.connect(own_nats.url)
        sub = await nc.subscribe(subjects.subject("vinnytsia", subjects.DOCUMENT_EXECUTED))
        mesh = await asyncio.to_thread(start_mesh, run_dir, own_nats.url, database)
        try:
            msg = await sub.next_msg(timeout=20)
            return events_pb2.Event.FromString(msg.data)
        finally:
            await asyncio.to_thread(mesh.stop)
            await nc.close()

    seen = asyncio.run(start_and_watch())
    assert seen.event_id == event.event_id
    with Store.open(url) as store:
        assert store.count_unpublished() == 0
