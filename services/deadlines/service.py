"""The deadlines service: its store, the Deadlines servicer, the consumers that turn registered
documents into tracked obligations (and stop tracking fulfilled or waived ones), and the scheduler."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Sequence

import grpc

from reglament.domain import ObligationStatus
from reglament.events import envelope, subjects
from reglament.events.bus import Bus, PullConsumer
from reglament.legaltime.clock import Clock
from reglament.settings import Settings
from reglament.v1 import common_pb2, deadlines_pb2_grpc, events_pb2
from services import convert
from services.deadlines.obligations import Evaluated, evaluate_documents, tracked
from services.deadlines.scheduler import Scheduler
from services.deadlines.servicer import DeadlinesServicer
from services.deadlines.store import DeadlinesStore
from services.runtime import Service

log = logging.getLogger("reglament.deadlines")

_CLOSING = {
    subjects.OBLIGATION_FULFILLED: (common_pb2.OBLIGATION_STATUS_FULFILLED, ObligationStatus.FULFILLED),
    subjects.OBLIGATION_WAIVED: (common_pb2.OBLIGATION_STATUS_WAIVED, ObligationStatus.WAIVED),
}


class DeadlinesService(Service):
    name = "deadlines"
    grpc_services = ("reglament.v1.Deadlines",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.clock = Clock.from_setting(settings.clock)
        self._store: DeadlinesStore | None = None
        self.scheduler: Scheduler | None = None
        self._scheduler_task: asyncio.Task[None] | None = None

    @property
    def store(self) -> DeadlinesStore:
        assert self._store is not None, "store not open"
        return self._store

    async def open_resources(self) -> None:
        self._store = await asyncio.to_thread(DeadlinesStore.open, self.settings.db_url("deadlines"))
        self.scheduler = Scheduler(
            self._store,
            lambda: self.bus,
            self.clock,
            due_soon_working_days=self.settings.due_soon_working_days,
            interval_s=self.settings.scheduler_interval_s,
        )
        self._scheduler_task = asyncio.create_task(self.scheduler.run(), name="deadlines-scheduler")
        self.scheduler.relay.start()
        log.info("clock", extra={"clock": self.clock.describe()})

    async def stop(self, grace_s: float | None = None) -> None:
        # The scheduler and its outbox relay publish through the bus: they stop before the bus is drained.
        if self.scheduler is not None:
            self.scheduler.stop()
        if self._scheduler_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._scheduler_task
        if self.scheduler is not None:
            await self.scheduler.relay.stop(self.settings.shutdown_grace_s if grace_s is None else grace_s)
        await super().stop(grace_s)

    async def close_resources(self) -> None:
        if self._store is not None:
            await asyncio.to_thread(self._store.close)

    def add_servicers(self, server: grpc.aio.Server) -> None:
        deadlines_pb2_grpc.add_DeadlinesServicer_to_server(DeadlinesServicer(self), server)

    def make_consumers(self, bus: Bus) -> Sequence[PullConsumer]:
        consumers = [
            PullConsumer(
                bus=bus,
                durable=subjects.DEADLINES_DOCUMENTS,
                filter_subject=subjects.any_municipality(subjects.DOCUMENT_REGISTERED),
                handler=self.on_documents_registered,
                batch=self.settings.consumer_batch,
            )
        ]
        for event_type, durable in subjects.DEADLINES_CLOSURES.items():
            consumers.append(
                PullConsumer(
                    bus=bus,
                    durable=durable,
                    filter_subject=subjects.any_municipality(event_type),
                    handler=self.on_obligations_closed,
                    batch=self.settings.consumer_batch,
                )
            )
        return consumers

    async def on_documents_registered(self, events: list[events_pb2.Event]) -> dict[int, str]:
        """Evaluates each document, records the obligations it creates as tracked, then publishes one
        `obligation.created` per obligation. The ids are derived from the obligations, so a
        redelivered document records and publishes nothing new."""
        assert self.bus is not None
        rejected: dict[int, str] = {}
        evaluated = await asyncio.to_thread(evaluate_documents, events, self.clock.today())
        items: list[Evaluated] = []
        for index, item in enumerate(evaluated):
            if isinstance(item, str):
                rejected[index] = item
            else:
                items.append(item)
        records = [record for item in items for record in tracked(item)]
        await asyncio.to_thread(self.store.track, records)
        out: list[events_pb2.Event] = []
        for item in items:
            total = len(item.obligations)
            for obligation in item.obligations:
                out.append(
                    envelope.make_event(
                        subjects.OBLIGATION_CREATED,
                        municipality=item.reglament.meta.municipality,
                        reglament=item.reglament.meta.id,
                        body=events_pb2.ObligationCreated(obligation=convert.obligation(obligation), of_total=total),
                        event_id=envelope.deterministic_id(subjects.OBLIGATION_CREATED, obligation.id),
                        cause=item.event,
                    )
                )
        await self.bus.publish_many(out)
        return rejected

    async def on_obligations_closed(self, events: list[events_pb2.Event]) -> dict[int, str]:
        """Stops tracking obligations the registry reports fulfilled (or someone waived)."""
        rejected: dict[int, str] = {}
        closes = []
        for index, event in enumerate(events):
            expected = _CLOSING.get(event.type)
            body = event.obligation_status_changed
            if expected is None or body.status != expected[0] or not body.obligation_id:
                rejected[index] = (
                    f"{event.type} needs an obligation id and status {expected[1].value if expected else '?'}"
                )
                continue
            at = event.occurred_at.ToDatetime(tzinfo=dt.UTC)
            closes.append((body.obligation_id, expected[1], at, event.event_id, body.reason))
        if closes:
            await asyncio.to_thread(self.store.close_obligations, closes)
        return rejected
