"""Events left unpublished (NATS down, a crash) are published by the approval service when it runs again."""

from __future__ import annotations

import asyncio
from pathlib import Path

import nats
import pytest

from reglament.events import envelope, subjects
from reglament.natsd import NatsServer
from reglament.settings import Settings
from reglament.v1 import events_pb2
from services.approval.service import ApprovalService
from services.approval.store import ApprovalStore, Mutation, OutboxEvent

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


def test_events_left_in_the_outbox_are_published_once_the_service_runs(tmp_path: Path, nats_server: NatsServer) -> None:
    url = f"sqlite:///{tmp_path / 'approval.db'}"
    event = envelope.make_event(
        subjects.DRAFT_ROUTE_COMPLETED,
        municipality="vinnytsia",
        reglament="vinnytsia-2020",
        body=events_pb2.DraftRouteCompleted(draft_id="left-behind", round=1, kind="order", completed_on="2026-03-05"),
        event_id=envelope.deterministic_id("outbox-test", str(tmp_path)),
    )
    store = ApprovalStore.open(url)
    store.mutate(
        rpc="Test",
        request_id=None,
        fingerprint="",
        draft_ids=[],
        apply=lambda _s: Mutation(
            response=b"", events=[OutboxEvent(event.event_id, envelope.subject_of(event), event.SerializeToString())]
        ),
    )
    assert [e.event_id for e in store.pending_events()] == [event.event_id]
    store.close()

    async def run() -> events_pb2.Event:
        nc = await nats.connect(nats_server.url)
        sub = await nc.subscribe(envelope.subject_of(event))
        service = ApprovalService(Settings(db=url, nats_url=nats_server.url, run_dir=tmp_path, shutdown_grace_s=1))
        await service.start("127.0.0.1:0")
        try:
            msg = await sub.next_msg(timeout=20)
            while service.store.pending_events():  # marked once its publication was acknowledged
                await asyncio.sleep(0.05)
        finally:
            await service.stop()
            await nc.close()
        return events_pb2.Event.FromString(msg.data)

    received = asyncio.run(run())
    assert received.event_id == event.event_id
    reopened = ApprovalStore.open(url)
    try:
        assert reopened.pending_events() == []
    finally:
        reopened.close()
