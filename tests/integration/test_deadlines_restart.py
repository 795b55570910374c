"""The deadlines clock across restarts: state in its database and in JetStream, catch-up after downtime
without duplicate events, events recorded but not yet published are published on the next start, and
fulfilled obligations leave the clock's watch.

Each test runs the real DeadlinesService in this process against its own nats-server and SQLite file,
so stopping and starting it touches nothing else."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import nats
import pytest

from reglament.domain import ObligationStatus
from reglament.events import envelope, subjects
from reglament.events.bus import Bus
from reglament.legaltime.clock import parse_instant
from reglament.legaltime.tracking import TrackedObligation
from reglament.natsd import NatsServer
from reglament.settings import Settings
from reglament.v1 import common_pb2, events_pb2
from services.deadlines.scheduler import status_event
from services.deadlines.service import DeadlinesService
from services.deadlines.store import DeadlinesStore, Transition

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]

DOCUMENT_ID = "0123456789abcdef0123456789abcdef"


def settings(tmp_path: Path, nats_url: str, clock: str) -> Settings:
    return Settings(
        run_dir=tmp_path,
        nats_url=nats_url,
        clock=clock,
        deadlines_port=0,
        log_format="text",
        log_level="WARNING",
        scheduler_interval_s=3600,  # only the run at start: the test decides when time passes
        shutdown_grace_s=2,
    )


async def wait_for(check: Callable[[], Awaitable[bool]], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not await check():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.05)


@asynccontextmanager
async def running(config: Settings) -> AsyncIterator[DeadlinesService]:
    service = DeadlinesService(config)
    await service.start("127.0.0.1:0")
    try:

        async def ready() -> bool:
            scheduler = service.scheduler
            return bool(
                service.bus is not None
                and service.consumers
                and all(c.ready.is_set() for c in service.consumers)
                and scheduler is not None
                and scheduler.runs > 0
            )

        await wait_for(ready)
        yield service
    finally:
        await service.stop(1.0)


def registered(registered_on: str) -> events_pb2.Event:
    document = common_pb2.Document(
        id=DOCUMENT_ID,
        reglament="vinnytsia-2020",
        kind=common_pb2.DOCUMENT_KIND_INCOMING,
        journal="incoming",
        number="17",
        title="Лист ОСББ",
        registered=registered_on,
        received=registered_on,
        executors=["Департамент житлового господарства"],
    )
    return envelope.make_event(
        subjects.DOCUMENT_REGISTERED,
        municipality="vinnytsia",
        reglament="vinnytsia-2020",
        body=events_pb2.DocumentRegistered(document=document),
        event_id=envelope.deterministic_id(subjects.DOCUMENT_REGISTERED, DOCUMENT_ID),
    )


async def on_stream(nats_url: str, event_type: str) -> list[events_pb2.Event]:
    """Every event of `event_type` the stream holds."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        sub = await js.pull_subscribe(subjects.subject("vinnytsia", event_type), stream=subjects.STREAM)
        out: list[events_pb2.Event] = []
        while True:
            try:
                msgs = await sub.fetch(100, timeout=1)
            except (TimeoutError, nats.errors.TimeoutError):
                return out
            for msg in msgs:
                out.append(envelope.decode(msg.data, msg.subject))
                await msg.ack()
    finally:
        await nc.close()


@pytest.fixture
def nats_alone(tmp_path: Path) -> NatsServer:
    server = NatsServer(tmp_path / "jetstream").start()
    yield server  # type: ignore[misc]
    server.stop()


def test_after_downtime_the_clock_catches_up_once_and_a_restart_adds_nothing(
    tmp_path: Path, nats_alone: NatsServer
) -> None:
    async def scenario() -> None:
        # 02.03.2026: the document is registered; its 30-day term runs to 01.04.2026
        async with running(settings(tmp_path, nats_alone.url, "2026-03-02T10:00")) as service:
            bus = await Bus.connect(nats_alone.url, name="test")
            await bus.publish(registered("2026-03-02"))
            await bus.close()

            async def tracked() -> bool:
                page, _ = await asyncio.to_thread(lambda: service.store.page(subject_id=DOCUMENT_ID))
                return any(o.clause == "r12-s3-p2.3" for o in page)

            await wait_for(tracked)
            page, _ = await asyncio.to_thread(lambda: service.store.page(subject_id=DOCUMENT_ID))
            execution = next(o for o in page if o.clause == "r12-s3-p2.3")
            assert execution.due == dt.date(2026, 4, 1) and execution.status is ObligationStatus.PENDING

        # the service is down through the due-soon window and past the term; it comes back on 01.05.2026
        async with running(settings(tmp_path, nats_alone.url, "2026-05-01T08:00")) as service:
            back = await asyncio.to_thread(service.store.get, execution.id)
            assert back is not None and back.status is ObligationStatus.VIOLATED
            assert back.due_soon_at is None  # straight to violated: no stale "due soon"
            changes = await asyncio.to_thread(service.store.status_changes, execution.id)
            assert [c.status for c in changes] == [ObligationStatus.VIOLATED]

        # another restart at the same moment: nothing new
        async with running(settings(tmp_path, nats_alone.url, "2026-05-01T08:00")) as service:
            changes = await asyncio.to_thread(service.store.status_changes, execution.id)
            assert len(changes) == 1
            assert await asyncio.to_thread(service.store.unpublished) == []

        violated = [
            e
            for e in await on_stream(nats_alone.url, subjects.OBLIGATION_VIOLATED)
            if e.obligation_status_changed.obligation_id == execution.id
        ]
        assert len(violated) == 1
        assert violated[0].obligation_status_changed.clause.clause == "r12-s3-p2.3"
        due_soon = [
            e
            for e in await on_stream(nats_alone.url, subjects.OBLIGATION_DUE_SOON)
            if e.obligation_status_changed.obligation_id == execution.id
        ]
        assert due_soon == []
        created = await on_stream(nats_alone.url, subjects.OBLIGATION_CREATED)
        assert len([e for e in created if e.obligation_created.obligation.id == execution.id]) == 1

    asyncio.run(scenario())


def test_an_event_recorded_but_not_published_is_published_on_the_next_start(
    tmp_path: Path, nats_alone: NatsServer
) -> None:
    config = settings(tmp_path, nats_alone.url, "2026-03-02T10:00")

    async def scenario() -> None:
        async with running(config) as service:
            bus = await Bus.connect(nats_alone.url, name="test")
            await bus.publish(registered("2026-03-02"))
            await bus.close()

            async def tracked() -> bool:
                page, _ = await asyncio.to_thread(lambda: service.store.page(subject_id=DOCUMENT_ID))
                return bool(page)

            await wait_for(tracked)

        # as if the process died between committing a change and publishing its event
        store = DeadlinesStore.open(config.db_url("deadlines"))
        try:
            page, _ = store.page(subject_id=DOCUMENT_ID)
            ob = next(o for o in page if o.clause == "r12-s3-p2.3")
            moment = parse_instant("2026-03-30T09:00")
            event = status_event(ob, ObligationStatus.DUE_SOON, "Строк настає", moment)
            transition = Transition(
                ob.id,
                ob.status,
                ObligationStatus.DUE_SOON,
                ob.term_version,
                moment,
                "Строк настає",
                event.event_id,
                envelope.subject_of(event),
                event.SerializeToString(),
            )
            assert store.apply_transitions([transition]) == [transition]
            assert [e.event_id for e in store.unpublished()] == [event.event_id]
        finally:
            store.close()
        assert [e for e in await on_stream(nats_alone.url, subjects.OBLIGATION_DUE_SOON)] == []

        async with running(config) as service:
            assert await asyncio.to_thread(service.store.unpublished) == []
        on = await on_stream(nats_alone.url, subjects.OBLIGATION_DUE_SOON)
        assert [e.event_id for e in on] == [event.event_id]

    asyncio.run(scenario())


def test_a_fulfilled_obligation_is_no_longer_tracked_and_never_violated(tmp_path: Path, nats_alone: NatsServer) -> None:
    """The registry reports fulfilment (obligation.fulfilled); the clock leaves the obligation alone after it."""
    config = settings(tmp_path, nats_alone.url, "2026-03-02T10:00")

    async def scenario() -> None:
        async with running(config) as service:
            bus = await Bus.connect(nats_alone.url, name="test")
            await bus.publish(registered("2026-03-02"))

            async def execution() -> TrackedObligation | None:
                page, _ = await asyncio.to_thread(lambda: service.store.page(subject_id=DOCUMENT_ID))
                return next((o for o in page if o.clause == "r12-s3-p2.3"), None)

            async def found() -> bool:
                return await execution() is not None

            await wait_for(found)
            ob = await execution()
            assert ob is not None
            fulfilled = envelope.make_event(
                subjects.OBLIGATION_FULFILLED,
                municipality="vinnytsia",
                reglament="vinnytsia-2020",
                body=events_pb2.ObligationStatusChanged(
                    obligation_id=ob.id,
                    subject_id=DOCUMENT_ID,
                    status=common_pb2.OBLIGATION_STATUS_FULFILLED,
                    reason="Документ виконано (r12-s4-p1)",
                ),
                event_id=envelope.deterministic_id(subjects.OBLIGATION_FULFILLED, ob.id),
                # fulfilled within the term (due 01.04.2026): work done late would be a violation
                occurred_at=parse_instant("2026-03-20T12:00").astimezone(dt.UTC),
            )
            wrong = envelope.make_event(
                subjects.OBLIGATION_WAIVED,
                municipality="vinnytsia",
                reglament="vinnytsia-2020",
                body=events_pb2.ObligationStatusChanged(
                    obligation_id=ob.id, status=common_pb2.OBLIGATION_STATUS_VIOLATED
                ),
            )
            await bus.publish(fulfilled)
            await bus.publish(wrong)
            await bus.close()

            async def closed() -> bool:
                now = await asyncio.to_thread(service.store.get, ob.id)
                return now is not None and now.status is ObligationStatus.FULFILLED

            await wait_for(closed)
            assert service.scheduler is not None
            result = await service.scheduler.tick(parse_instant("2026-05-01"), DOCUMENT_ID)
            assert ob.id not in [t.obligation_id for t in result.changes]
            after = await asyncio.to_thread(service.store.get, ob.id)
            assert after is not None and after.status is ObligationStatus.FULFILLED and after.violated_at is None

            async def dead_lettered() -> bool:
                closures = [
                    c for c in service.consumers if c.durable == subjects.DEADLINES_CLOSURES[subjects.OBLIGATION_WAIVED]
                ]
                return bool(closures) and closures[0].dead_lettered == 1

            await wait_for(dead_lettered)

    asyncio.run(scenario())
