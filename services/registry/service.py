"""The registry service: the store, the Registry servicer, the obligation consumers and the outbox publisher."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import grpc

from reglament.events import subjects
from reglament.events.bus import BatchHandler, Bus, PullConsumer
from reglament.events.outbox import OutboxRelay
from reglament.settings import Settings
from reglament.store.base import ObligationChange
from reglament.v1 import events_pb2, registry_pb2_grpc
from services import convert
from services.registry.batcher import RegistrationBatcher
from services.registry.decisions import DecisionsConsumer
from services.registry.servicer import RegistryServicer
from services.registry.store import RegistryStore
from services.rulebook import today_kyiv
from services.runtime import Service

log = logging.getLogger("reglament.registry")


class RegistryService(Service):
    name = "registry"
    grpc_services = ("reglament.v1.Registry",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._store: RegistryStore | None = None
        self.batcher: RegistrationBatcher | None = None
        self.relay: OutboxRelay | None = None

    @property
    def store(self) -> RegistryStore:
        assert self._store is not None, "store not open"
        return self._store

    async def open_resources(self) -> None:
        self._store = await asyncio.to_thread(
            RegistryStore.open, self.settings.db_url(), self.settings.registry_number_formats
        )
        self.batcher = RegistrationBatcher(self._store)
        self.batcher.start()
        # Publishes once NATS is connected: first what an earlier run left unpublished.
        self.relay = OutboxRelay(
            self._store.store.outbox, lambda: self.bus, interval_s=self.settings.registry_outbox_interval_s
        )
        self.relay.start()

    async def stop(self, grace_s: float | None = None) -> None:
        """Publishes what the outbox holds, then stops as every service does; events written during the
        grace period stay in the outbox and are published on the next start."""
        if self.relay is not None:
            await self.relay.stop(self.settings.shutdown_grace_s if grace_s is None else grace_s)
        await super().stop(grace_s)

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
            ),
            DecisionsConsumer(self).consumer(bus),  # approval: registers signed decisions and orders
            *self._status_consumers(bus),
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
            self.outbox_changed()  # storing may have settled obligations (obligation.fulfilled / waived)
        return rejected

    # -- status and term changes of obligations (from the deadlines service) --------------------

    def _status_consumers(self, bus: Bus) -> list[PullConsumer]:
        return [
            PullConsumer(
                bus=bus,
                durable=durable,
                filter_subject=subjects.any_municipality(event_type),
                handler=self._status_handler(durable, event_type),
                batch=self.settings.consumer_batch,
            )
            for event_type, durable in subjects.REGISTRY_OBLIGATION_STATUS.items()
        ]

    def _status_handler(self, consumer: str, event_type: str) -> BatchHandler:
        async def handle(events: list[events_pb2.Event]) -> dict[int, str]:
            rejected: dict[int, str] = {}
            changes = []
            for index, event in enumerate(events):
                try:
                    changes.append(_change_of(event, event_type))
                except ValueError as exc:
                    rejected[index] = f"obligation change cannot be stored: {exc}"
            if changes:
                await asyncio.to_thread(self.store.apply_changes, consumer, changes, today_kyiv())
            return rejected

        return handle

    # -- outbox (reglament.events.outbox) ---------------------------------------------------------

    def outbox_changed(self) -> None:
        """Something was written to the outbox: publish it now rather than at the next interval."""
        if self.relay is not None:
            self.relay.notify()


def _change_of(event: events_pb2.Event, event_type: str) -> ObligationChange:
    """The change an `obligation.due_soon|violated|waived|term_changed` event brings; ValueError if none."""
    if event.type == subjects.OBLIGATION_TERM_CHANGED:
        body = event.term_changed
        if not body.obligation_id or not body.new_due:
            raise ValueError("term_changed needs obligation_id and new_due")
        return ObligationChange(
            event_id=event.event_id,
            obligation_id=body.obligation_id,
            document_id=body.subject_id,
            new_due=convert.parse_due(body.new_due),
            actor=body.actor,
            reason=body.reason,
            clause=body.clause.clause,
            data={"actor_role": body.actor_role, "request_id": body.request_id, "clause": body.clause.clause},
        )
    status_body = event.obligation_status_changed
    status = convert.status_from(status_body.status)
    expected = event_type.split(".", 1)[1]
    if status is None or status.value != expected:
        raise ValueError(f"event {event.type} carries status {status_body.status}, not {expected}")
    if not status_body.obligation_id:
        raise ValueError("obligation_id is empty")
    return ObligationChange(
        event_id=event.event_id,
        obligation_id=status_body.obligation_id,
        document_id=status_body.subject_id,
        status=status,
        actor="deadlines",
        reason=status_body.reason,
        clause=status_body.clause.clause,
    )
