"""The registry service: the store, the Registry servicer and the obligation consumer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import grpc

from reglament.events import subjects
from reglament.events.bus import Bus, PullConsumer
from reglament.settings import Settings
from reglament.v1 import events_pb2, registry_pb2_grpc
from services import convert
from services.registry.batcher import RegistrationBatcher
from services.registry.servicer import RegistryServicer
from services.registry.store import RegistryStore
from services.runtime import Service

log = logging.getLogger("reglament.registry")


class RegistryService(Service):
    name = "registry"
    grpc_services = ("reglament.v1.Registry",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._store: RegistryStore | None = None
        self.batcher: RegistrationBatcher | None = None

    @property
    def store(self) -> RegistryStore:
        assert self._store is not None, "store not open"
        return self._store

    async def open_resources(self) -> None:
        self._store = await asyncio.to_thread(RegistryStore.open, self.settings.db_url())
        self.batcher = RegistrationBatcher(self._store)
        self.batcher.start()

    async def close_resources(self) -> None:
        if self.batcher is not None:
            await self.batcher.stop()
        if self._store is not None:
            await asyncio.to_thread(self._store.close)

    def add_servicers(self, server: grpc.aio.Server) -> None:
        registry_pb2_grpc.add_RegistryServicer_to_server(RegistryServicer(self), server)

    def make_consumers(self, bus: Bus) -> Sequence[PullConsumer]:
        return [
            PullConsumer(
                bus=bus,
                durable=subjects.REGISTRY_OBLIGATIONS,
                filter_subject=subjects.any_municipality(subjects.OBLIGATION_CREATED),
                handler=self.on_obligations_created,
                batch=self.settings.consumer_batch,
            )
        ]

    async def on_obligations_created(self, events: list[events_pb2.Event]) -> dict[int, str]:
        """Stores every obligation of the batch in one transaction; idempotent per event and obligation."""
        rejected: dict[int, str] = {}
        batch = []
        for index, event in enumerate(events):
            try:
                obligation = convert.obligation_from(event.obligation_created.obligation)
            except ValueError as exc:
                rejected[index] = f"obligation cannot be stored: {exc}"
                continue
            batch.append((event.event_id, obligation))
        if batch:
            failed = await asyncio.to_thread(self.store.store_obligation_events, subjects.REGISTRY_OBLIGATIONS, batch)
            for index, event in enumerate(events):
                if event.event_id in failed:
                    rejected[index] = failed[event.event_id]
        return rejected
