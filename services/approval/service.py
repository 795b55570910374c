"""The approval service: its store, the Approval servicer, and the outbox relay of its events."""

from __future__ import annotations

import asyncio

import grpc

from reglament.events.outbox import OutboxRelay
from reglament.settings import Settings
from reglament.v1 import approval_pb2_grpc
from services.approval.servicer import ApprovalServicer
from services.approval.store import ApprovalStore
from services.runtime import Service


class ApprovalService(Service):
    name = "approval"
    grpc_services = ("reglament.v1.Approval",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._store: ApprovalStore | None = None
        self.relay: OutboxRelay | None = None

    @property
    def store(self) -> ApprovalStore:
        assert self._store is not None, "store not open"
        return self._store

    async def open_resources(self) -> None:
        self._store = await asyncio.to_thread(ApprovalStore.open, self.settings.db_url("approval"))
        # Publishes once NATS is connected (first what an earlier run left), then every second at least.
        self.relay = OutboxRelay(self._store.outbox, lambda: self.bus)
        self.relay.start()

    async def close_resources(self) -> None:
        if self._store is not None:
            await asyncio.to_thread(self._store.close)

    async def stop(self, grace_s: float | None = None) -> None:
        """Lets a flush in progress finish (so what it published is marked), then stops as every service."""
        if self.relay is not None:
            await self.relay.stop(self.settings.shutdown_grace_s if grace_s is None else grace_s)
        await super().stop(grace_s)

    def add_servicers(self, server: grpc.aio.Server) -> None:
        approval_pb2_grpc.add_ApprovalServicer_to_server(ApprovalServicer(self), server)

    async def flush_outbox(self) -> int:
        """Publishes every event not yet published, in order; returns how many. A failure leaves the
        rest for the relay's next try (the stream deduplicates by event id, so a repeat is harmless)."""
        if self.relay is None:
            return 0
        return await self.relay.flush_or_log()
