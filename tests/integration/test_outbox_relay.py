"""The shared outbox relay against a real nats-server and a real SQLite file: every event written is published
once; a publish that fails (no stream for the subject, a closed connection, NATS down at shutdown) is
retried later, with nothing lost and nothing doubled.

Each test publishes to a stream of its own (its own subjects), so the services' stream is not touched."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import nats
import pytest
import sqlalchemy as sa
from nats.js.api import StreamConfig

from reglament.events.bus import Bus
from reglament.events.outbox import Outbox, OutboxEvent, OutboxRelay, outbox_table
from reglament.natsd import NatsServer
from reglament.store.engines import create_engine
from reglament.store.schema import NAMING_CONVENTION

pytestmark = [pytest.mark.integration, pytest.mark.timeout(90)]


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    """An outbox table made by the shared factory, in a SQLite file of its own."""
    engine = create_engine(f"sqlite:///{tmp_path / 'outbox.db'}")
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    table = outbox_table("relay_outbox", metadata)
    metadata.create_all(engine)

    @contextlib.contextmanager
    def write() -> Iterator[sa.Connection]:
        with engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    yield Outbox(table, engine, write)
    engine.dispose()


def events(prefix: str, count: int, *, start: int = 0) -> list[OutboxEvent]:
    return [OutboxEvent(f"{prefix}-{i}", f"{prefix}.a.e", f"payload {i}".encode()) for i in range(start, start + count)]


def write(outbox: Outbox, batch: list[OutboxEvent]) -> None:
    """As a change does: the events in one transaction."""
    with outbox._write() as conn:
        outbox.put(conn, batch)


async def until(check: Callable[[], Awaitable[bool]]) -> None:
    """Waits for a condition; the test's timeout bounds the wait."""
    while not await check():
        await asyncio.sleep(0.02)


def unpublished_is(outbox: Outbox, count: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return await asyncio.to_thread(outbox.count_unpublished) == count

    return check


async def make_stream(url: str, subjects: list[str]) -> str:
    name = f"RELAY_{uuid.uuid4().hex[:12].upper()}"
    nc = await nats.connect(url)
    try:
        await nc.jetstream().add_stream(StreamConfig(name=name, subjects=subjects))
    finally:
        await nc.close()
    return name


async def on_stream(url: str, stream: str) -> list[tuple[str, bytes]]:
    """(Nats-Msg-Id, payload) of every message the stream holds, in stream order."""
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        info = await js.stream_info(stream)
        out = []
        for seq in range(info.state.first_seq, info.state.last_seq + 1):
            msg = await js.get_msg(stream, seq)
            out.append(((msg.headers or {}).get("Nats-Msg-Id", ""), msg.data or b""))
        return out
    finally:
        await nc.close()


async def connect(url: str, stream: str) -> Bus:
    nc = await nats.connect(url, reconnect_time_wait=0.2, max_reconnect_attempts=-1)
    return Bus(nc, nc.jetstream(timeout=10), stream)


def test_events_written_are_published_once_and_a_lost_mark_doubles_nothing(
    outbox: Outbox, nats_server: NatsServer
) -> None:
    prefix = f"relay{uuid.uuid4().hex[:8]}"
    left = events(prefix, 150)
    written_later = events(prefix, 10, start=150)

    async def scenario() -> None:
        stream = await make_stream(nats_server.url, [f"{prefix}.>"])
        bus = await connect(nats_server.url, stream)
        write(outbox, left)
        write(outbox, left[:20])  # the same event ids again are stored once
        assert await asyncio.to_thread(outbox.count_unpublished) == len(left)
        # An interval longer than the test: what goes out, goes out at start and on notify().
        relay = OutboxRelay(outbox, lambda: bus, interval_s=3600, batch=32)
        relay.start()
        try:
            await until(unpublished_is(outbox, 0))  # at start: what an earlier run left
            write(outbox, written_later)
            relay.notify()
            await until(unpublished_is(outbox, 0))
            on = await on_stream(nats_server.url, stream)
            assert Counter(event_id for event_id, _ in on) == Counter(e.event_id for e in left + written_later)
            assert dict(on) == {e.event_id: e.payload for e in left + written_later}

            # As if the process died after JetStream's acks and before the marks were committed.
            with outbox._write() as conn:
                conn.execute(sa.update(outbox.table).values(published_at=None))
            assert await relay.flush() == len(left) + len(written_later)
            assert len(await on_stream(nats_server.url, stream)) == len(left) + len(written_later)
        finally:
            await relay.stop(grace_s=5)
            await bus.nc.close()
        assert relay.failures == 0

    asyncio.run(scenario())


def test_unpublished_events_are_read_oldest_first_within_the_limit(outbox: Outbox) -> None:
    write(outbox, events("old", 3))
    write(outbox, events("new", 3))
    pending = outbox.unpublished(limit=4)
    assert [p.event_id for p in pending] == ["old-0", "old-1", "old-2", "new-0"]
    outbox.mark_published([pending[0].id], event_ids=[pending[1].event_id])
    assert [p.event_id for p in outbox.unpublished()] == ["old-2", "new-0", "new-1", "new-2"]


def test_a_failed_publish_is_retried_later_with_nothing_lost_and_nothing_doubled(
    outbox: Outbox, nats_server: NatsServer
) -> None:
    prefix = f"relay{uuid.uuid4().hex[:8]}"
    # Every fourth event has a subject no stream takes yet: JetStream refuses it, the others go through.
    first = [
        OutboxEvent(e.event_id, f"{prefix}.{'b' if i % 4 == 3 else 'a'}.e", e.payload)
        for i, e in enumerate(events(prefix, 24))
    ]
    refused = [e for e in first if ".b." in e.subject]
    after_close = events(prefix, 6, start=24)

    async def scenario() -> None:
        stream = await make_stream(nats_server.url, [f"{prefix}.a.>"])
        holder = [await connect(nats_server.url, stream)]
        write(outbox, first)
        relay = OutboxRelay(outbox, lambda: holder[0], interval_s=0.1, batch=8)
        relay.start()
        try:
            # what JetStream acknowledged is marked; what it refused stays, however often it is retried
            await until(unpublished_is(outbox, len(refused)))
            assert relay.failures >= 1
            assert {p.event_id for p in await asyncio.to_thread(outbox.unpublished)} == {e.event_id for e in refused}
            on = await on_stream(nats_server.url, stream)
            assert sorted(i for i, _ in on) == sorted(e.event_id for e in first if e not in refused)

            # the stream now takes those subjects: the next retry publishes them
            nc = await nats.connect(nats_server.url)
            await nc.jetstream().update_stream(StreamConfig(name=stream, subjects=[f"{prefix}.a.>", f"{prefix}.b.>"]))
            await nc.close()
            await until(unpublished_is(outbox, 0))

            # the connection is closed under the relay: nothing is marked until a new one publishes
            await holder[0].nc.close()
            failures = relay.failures
            write(outbox, after_close)
            relay.notify()

            async def failed_again() -> bool:
                return relay.failures > failures

            await until(failed_again)
            assert await asyncio.to_thread(outbox.count_unpublished) == len(after_close)
            holder[0] = await connect(nats_server.url, stream)
            await until(unpublished_is(outbox, 0))
        finally:
            await relay.stop(grace_s=5)
            await holder[0].nc.close()
        on = await on_stream(nats_server.url, stream)
        assert Counter(i for i, _ in on) == Counter(e.event_id for e in first + after_close)

    asyncio.run(scenario())


def test_what_stop_cannot_publish_with_nats_down_is_published_once_at_the_next_start(
    outbox: Outbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    prefix = f"relay{uuid.uuid4().hex[:8]}"
    batch = events(prefix, 12)
    server = NatsServer(tmp_path / "jetstream").start()

    async def scenario() -> None:
        stream = await make_stream(server.url, [f"{prefix}.>"])
        bus = await connect(server.url, stream)
        try:
            server.stop()
            write(outbox, batch)
            relay = OutboxRelay(outbox, lambda: bus, interval_s=3600)
            relay.start()
            with caplog.at_level(logging.WARNING, logger="reglament.outbox"):
                await relay.stop(grace_s=0.5)  # its publishes wait for acks that cannot come (JetStream: 10 s)
            # the grace period ended the flush, not an answer of JetStream
            assert any("grace period" in r.getMessage() for r in caplog.records)
            assert await asyncio.to_thread(outbox.count_unpublished) == len(batch)

            server.start()

            async def reconnected() -> bool:
                return bus.nc.is_connected

            await until(reconnected)
            again = OutboxRelay(outbox, lambda: bus, interval_s=3600)
            again.start()
            await until(unpublished_is(outbox, 0))
            await again.stop(grace_s=5)
        finally:
            await bus.nc.close()
        # the first relay's requests may reach the server after the reconnection too: JetStream drops repeats
        on = await on_stream(server.url, stream)
        assert Counter(i for i, _ in on) == Counter(e.event_id for e in batch)

    try:
        asyncio.run(scenario())
    finally:
        server.stop()
