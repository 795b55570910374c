"""NATS JetStream helpers: the stream, publishing envelopes, and the durable pull-consumer loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import nats
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy, StreamConfig
from nats.js.errors import BadRequestError

from reglament.events import envelope, subjects
from reglament.v1 import events_pb2

log = logging.getLogger("reglament.events")

PUBLISH_IN_FLIGHT = 256  # concurrent publish acks awaited at once


class Bus:
    """One NATS connection with its JetStream context."""

    def __init__(self, nc: NATS, js: JetStreamContext, stream: str) -> None:
        self.nc = nc
        self.js = js
        self.stream = stream

    @classmethod
    async def connect(cls, url: str, *, name: str, stream: str = subjects.STREAM) -> Bus:
        nc = await nats.connect(
            url,
            name=name,
            connect_timeout=5,
            reconnect_time_wait=0.5,
            max_reconnect_attempts=-1,
        )
        return cls(nc, nc.jetstream(timeout=10), stream)

    async def ensure_stream(self, *, duplicate_window_s: float = 600.0) -> None:
        """Creates the stream or brings its configuration up to date; safe to call from every service."""
        config = StreamConfig(
            name=self.stream,
            subjects=list(subjects.STREAM_SUBJECTS),
            duplicate_window=duplicate_window_s,
        )
        try:
            await self.js.add_stream(config)
        except BadRequestError:
            await self.js.update_stream(config)

    async def publish(self, event: events_pb2.Event) -> None:
        await self.js.publish(
            envelope.subject_of(event),
            event.SerializeToString(),
            stream=self.stream,
            headers={"Nats-Msg-Id": event.event_id},
        )

    async def publish_many(self, events: Sequence[events_pb2.Event]) -> None:
        """Publishes with up to PUBLISH_IN_FLIGHT acks outstanding; raises if any publish failed."""
        for start in range(0, len(events), PUBLISH_IN_FLIGHT):
            chunk = events[start : start + PUBLISH_IN_FLIGHT]
            await asyncio.gather(*(self.publish(e) for e in chunk))

    async def close(self) -> None:
        if self.nc.is_connected or self.nc.is_reconnecting:
            await self.nc.drain()


BatchHandler = Callable[[list[events_pb2.Event]], Awaitable[dict[int, str]]]
"""Handles a batch of decoded events and commits its effect; returns {index: reason} for events that
can never succeed (they are dead-lettered). Raising means a passing failure: the batch is redelivered."""


@dataclass
class PullConsumer:
    """A durable pull consumer: fetch a batch, handle, ack after commit, nak on passing failure,
    dead-letter and term what can never be handled."""

    bus: Bus
    durable: str
    filter_subject: str
    handler: BatchHandler
    batch: int = 256
    fetch_timeout_s: float = 0.5
    redelivery_delay_s: float = 1.0
    ack_wait_s: float = 30.0
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)
    handled: int = 0
    dead_lettered: int = 0

    async def run(self) -> None:
        sub = await self.bus.js.pull_subscribe(
            self.filter_subject,
            durable=self.durable,
            stream=self.bus.stream,
            config=ConsumerConfig(
                durable_name=self.durable,
                ack_policy=AckPolicy.EXPLICIT,
                deliver_policy=DeliverPolicy.ALL,
                ack_wait=self.ack_wait_s,
                max_ack_pending=max(self.batch * 4, 1024),
                filter_subject=self.filter_subject,
            ),
        )
        self.ready.set()
        log.info("consumer started", extra={"consumer": self.durable, "filter": self.filter_subject})
        try:
            while not self._stopping.is_set():
                try:
                    msgs = await sub.fetch(self.batch, timeout=self.fetch_timeout_s)
                except (TimeoutError, NatsTimeoutError):
                    continue
                await self._handle(msgs)
            await self._finish_late_deliveries(sub)
        finally:
            await sub.unsubscribe()
            log.info("consumer stopped", extra={"consumer": self.durable})

    async def _finish_late_deliveries(self, sub: JetStreamContext.PullSubscription) -> None:
        """A pull request that timed out on our side may still be answered by the server; those
        messages wait in the subscription's queue. Handle them too, so none is left unacknowledged."""
        await asyncio.sleep(self.fetch_timeout_s)
        queue = sub._sub._pending_queue  # nats-py keeps no public way to take queued messages only
        while not queue.empty():
            late: list[Msg] = []
            while not queue.empty() and len(late) < self.batch:
                msg = queue.get_nowait()
                if JetStreamContext.is_status_msg(msg):
                    continue  # a status reply (408/404) of an expired request, not a message
                late.append(msg)
            if late:
                await self._handle(late)

    def stop(self) -> None:
        """Stop fetching; the batch in hand is finished and acked first."""
        self._stopping.set()

    async def _handle(self, msgs: list[Msg]) -> None:
        decoded: list[tuple[Msg, events_pb2.Event]] = []
        for msg in msgs:
            try:
                decoded.append((msg, envelope.decode(msg.data, msg.subject)))
            except envelope.UndecodableEvent as exc:
                await self._dead_letter(msg, str(exc))
        if not decoded:
            return
        try:
            rejected = await self.handler([event for _, event in decoded])
        except Exception:
            log.exception("batch failed; redelivering", extra={"consumer": self.durable, "size": len(decoded)})
            for msg, _ in decoded:
                await msg.nak(delay=self.redelivery_delay_s)
            return
        for index, (msg, _) in enumerate(decoded):
            reason = rejected.get(index)
            if reason is not None:
                await self._dead_letter(msg, reason)
            else:
                await msg.ack()
                self.handled += 1

    async def _dead_letter(self, msg: Msg, reason: str) -> None:
        letter = events_pb2.DeadLetter(
            consumer=self.durable,
            subject=msg.subject,
            reason=reason,
            payload=msg.data,
            message_id=(msg.headers or {}).get("Nats-Msg-Id", ""),
        )
        await self.bus.js.publish(
            subjects.deadletter_subject(self.durable), letter.SerializeToString(), stream=self.bus.stream
        )
        await msg.term()
        self.dead_lettered += 1
        log.warning("dead-lettered", extra={"consumer": self.durable, "subject": msg.subject, "reason": reason})
