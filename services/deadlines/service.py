"""The deadlines service: its store, the Deadlines servicer, the consumers that turn registered
documents (and obligations other services create) into tracked obligations and stop tracking fulfilled
or waived ones, and the scheduler."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
from collections.abc import Sequence

import grpc

from reglament.domain import Obligation, ObligationStatus
from reglament.events import envelope, subjects
from reglament.events.bus import Bus, PullConsumer
from reglament.legaltime.clock import Clock
from reglament.settings import Settings
from reglament.v1 import common_pb2, deadlines_pb2_grpc, events_pb2
from services import convert
from services.deadlines.obligations import (
    ControlRecord,
    Evaluated,
    control_state_key,
    created_elsewhere,
    evaluate_documents,
    tracked,
)
from services.deadlines.scheduler import Scheduler
from services.deadlines.servicer import DeadlinesServicer
from services.deadlines.store import DeadlinesStore
from services.runtime import Service

log = logging.getLogger("reglament.deadlines")

CONTROL_WAIT_S = 120.0
"""How long (wall time after the obligation's event) an obligation created elsewhere waits for the
document's registration and control record to arrive on their own consumers; then the document's
recorded setter is taken, or the obligation is dead-lettered when the document was never seen."""


class NotYetKnown(Exception):
    """An obligation created elsewhere arrived before what the service must know of its document."""


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
        consumers.append(
            PullConsumer(
                bus=bus,
                durable=subjects.DEADLINES_CONTROL,
                filter_subject=subjects.any_municipality(subjects.DOCUMENT_PUT_ON_CONTROL),
                handler=self.on_put_on_control,
                batch=self.settings.consumer_batch,
            )
        )
        consumers.append(
            PullConsumer(
                bus=bus,
                durable=subjects.DEADLINES_OBLIGATIONS_CREATED,
                filter_subject=subjects.any_municipality(subjects.OBLIGATION_CREATED),
                handler=self.on_obligations_created,
                batch=self.settings.consumer_batch,
            )
        )
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

    async def on_put_on_control(self, events: list[events_pb2.Event]) -> dict[int, str]:
        """Keeps who put each document on control, when, and whether for the long term: the setter of the
        terms the registry creates with it."""
        rejected: dict[int, str] = {}
        records: list[tuple[str, ControlRecord]] = []
        for index, event in enumerate(events):
            body = event.document_control_changed
            if event.type != subjects.DOCUMENT_PUT_ON_CONTROL or not body.document_id:
                rejected[index] = f"{event.type} needs a document id"
                continue
            try:
                put_on = dt.date.fromisoformat(body.control.put_on) if body.control.put_on else None
            except ValueError:
                rejected[index] = f"control.put_on {body.control.put_on!r} is not a date YYYY-MM-DD"
                continue
            records.append(
                (
                    body.document_id,
                    ControlRecord(
                        body.control.controller, body.control.controller_role, put_on, body.control.long_term
                    ),
                )
            )
        await asyncio.to_thread(
            self.store.set_states,
            [
                (control_state_key(document_id), json.dumps(record.to_json(), ensure_ascii=False))
                for document_id, record in records
            ],
        )
        return rejected

    async def on_obligations_created(self, events: list[events_pb2.Event]) -> dict[int, str]:
        """Tracks the obligations other services create (the registry: long-term control of an appeal,
        r10-s2-p8), so the clock watches them and their terms can be moved. Those this service created
        are tracked already and are skipped. An obligation whose document (or control record) is not
        known yet is redelivered until it is, for at most CONTROL_WAIT_S."""
        rejected: dict[int, str] = {}
        parsed: list[tuple[int, events_pb2.Event, Obligation]] = []
        for index, event in enumerate(events):
            try:
                parsed.append((index, event, convert.obligation_from(event.obligation_created.obligation)))
            except ValueError as exc:
                rejected[index] = f"{event.type}: {exc}"
        known = await asyncio.to_thread(self.store.known, [ob.id for _, _, ob in parsed])
        fresh = [(index, event, ob) for index, event, ob in parsed if ob.id not in known]
        documents = [ob.subject_id for _, _, ob in fresh]
        contexts = await asyncio.to_thread(self.store.subject_contexts, documents)
        states = await asyncio.to_thread(self.store.get_states, [control_state_key(d) for d in documents])
        records = []
        waiting = []
        now = dt.datetime.now(dt.UTC)
        for index, event, ob in fresh:
            context = contexts.get(ob.subject_id)
            raw = states.get(control_state_key(ob.subject_id))
            control = ControlRecord.from_json(json.loads(raw)) if raw else None
            patient = (now - event.occurred_at.ToDatetime(tzinfo=dt.UTC)).total_seconds() < CONTROL_WAIT_S
            if context is None or control is None:
                if patient:
                    waiting.append(ob.id)
                    continue
                if context is None:
                    rejected[index] = (
                        f"obligation {ob.id} ({ob.ref.clause}) is about document {ob.subject_id}, "
                        "which this service never tracked"
                    )
                    continue
            assert context is not None
            records.append(created_elsewhere(ob, context, control))
        if records:
            await asyncio.to_thread(self.store.track, records)
        if waiting:
            # The batch is redelivered; what was tracked above is skipped then.
            raise NotYetKnown(f"the documents of {len(waiting)} obligations are not known yet: {waiting[:5]}")
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
