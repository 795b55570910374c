"""The approval service: its store, the Approval servicer, and the outbox publisher of its events."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import grpc

from reglament.settings import Settings
from reglament.v1 import approval_pb2_grpc
from services.approval.servicer import ApprovalServicer
from services.approval.store import ApprovalStore
from services.runtime import Service

log = logging.getLogger("reglament.approval")

OUTBOX_POLL_S = 1.0  # how often events left unpublished (NATS down, a crash) are retried, seconds


class ApprovalService(Service):
    name = "approval"
    grpc_services = ("reglament.v1.Approval",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._store: ApprovalStore | None = None
        self._flush_lock = asyncio.Lock()
        self._outbox_task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    @property
    def store(self) -> ApprovalStore:
        assert self._store is not None, "store not open"
        return self._store

    async def open_resources(self) -> None:
        self._store = await asyncio.to_thread(ApprovalStore.open, self.settings.db_url("approval"))
        self._outbox_task = asyncio.create_task(self._outbox_loop(), name="approval-outbox")

    async def close_resources(self) -> None:
        if self._store is not None:
            await asyncio.to_thread(self._store.close)

    async def stop(self, grace_s: float | None = None) -> None:
        """Lets a flush in progress finish (so what it published is marked), then stops as every service."""
        grace = self.settings.shutdown_grace_s if grace_s is None else grace_s
        self._stopping.set()
        if self._outbox_task is not None:
            # after the grace wait_for cancels it; what stays unpublished goes out at the next start
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(self._outbox_task, timeout=grace + 2)
        await super().stop(grace_s)

    def add_servicers(self, server: grpc.aio.Server) -> None:
        approval_pb2_grpc.add_ApprovalServicer_to_server(ApprovalServicer(self), server)

    async def flush_outbox(self) -> int:
        """Publishes every event not yet published, in order; returns how many. A failure leaves the
        rest for the next flush (the stream deduplicates by event id, so a repeat is harmless)."""
        bus = self.bus
        if bus is None or self._store is None:
            return 0
        published = 0
        async with self._flush_lock:
            while True:
                pending = await asyncio.to_thread(self.store.pending_events)
                if not pending:
                    return published
                done: list[str] = []
                try:
                    for event in pending:
                        await bus.js.publish(
                            event.subject, event.payload, stream=bus.stream, headers={"Nats-Msg-Id": event.event_id}
                        )
                        done.append(event.event_id)
                except Exception as exc:
                    log.warning("publishing the outbox failed; will retry", extra={"error": str(exc)})
                    await asyncio.to_thread(self.store.mark_published, done)
                    return published + len(done)
                await asyncio.to_thread(self.store.mark_published, done)
                published += len(done)

    async def _outbox_loop(self) -> None:
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=OUTBOX_POLL_S)
            if self._stopping.is_set():
                return
            try:
                await self.flush_outbox()
            except Exception:
                log.exception("outbox flush failed")
