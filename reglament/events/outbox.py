"""The transactional outbox every service shares: events written in the transaction of their change, published after.

A service writes its events into its own outbox table together with the change they announce
(`Outbox.put` inside the caller's transaction), so an event exists exactly when its change does. The
`OutboxRelay` then publishes what is committed, oldest first, with `Nats-Msg-Id` = event id, and marks
each event published only after JetStream acknowledged it. A process that dies between the commit and
the mark publishes the event again on its next start; JetStream drops the repeat by its message id
(within the stream's duplicate window), so an event is neither lost nor doubled.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from reglament.events import envelope
from reglament.events.bus import PUBLISH_IN_FLIGHT, Bus
from reglament.v1 import events_pb2

log = logging.getLogger("reglament.outbox")

RELAY_INTERVAL_S = 1.0  # an outbox is looked at least this often, s: events a failure left behind are retried
BUS_POLL_S = 0.1  # how often a relay looks whether the service has connected to NATS yet, s


# -- records -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxEvent:
    """An event to publish once the transaction that made it has committed."""

    event_id: str
    subject: str
    payload: bytes

    @classmethod
    def of(cls, event: events_pb2.Event) -> OutboxEvent:
        """The envelope as the outbox keeps it: its id, its subject and its bytes."""
        return cls(event.event_id, envelope.subject_of(event), event.SerializeToString())


class PendingEvent(NamedTuple):
    """An event committed but not yet published: its row id in the outbox table, and the event."""

    id: int
    event: OutboxEvent

    @property
    def event_id(self) -> str:
        return self.event.event_id

    @property
    def subject(self) -> str:
        return self.event.subject

    @property
    def payload(self) -> bytes:
        return self.event.payload


# -- the table -----------------------------------------------------------------------------------------

# The same column types as reglament.store.schema (kept here so the schema can import this module).
_BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # SQLite autoincrements only INTEGER
_Timestamp = sa.DateTime(timezone=True)  # always written in UTC


def outbox_table(name: str, metadata: sa.MetaData) -> sa.Table:
    """One service's outbox table: constraint names come from `metadata`'s naming convention
    (pk_<name>, uq_<name>_event_id, ix_<name>_published_at), as the migrations create them."""
    return sa.Table(
        name,
        metadata,
        sa.Column("id", _BigId, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(100), nullable=False, unique=True),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("created_at", _Timestamp, nullable=False),
        sa.Column("published_at", _Timestamp, nullable=True),
        sa.Index(None, "published_at"),
    )


# -- the store side ------------------------------------------------------------------------------------

WriteTransaction = Callable[[], contextlib.AbstractContextManager[sa.Connection]]
"""The owning store's write transaction (its lock, BEGIN IMMEDIATE on SQLite): committed at the end of the
block, rolled back on an exception."""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Outbox:
    """One outbox table on the owning store's engine. `put` writes inside the caller's transaction;
    the other methods are one transaction each (writes through the store's own `write`)."""

    def __init__(self, table: sa.Table, engine: sa.Engine, write: WriteTransaction) -> None:
        self.table = table
        self._engine = engine
        self._write = write
        insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        # Built once: an event id already in the table is skipped, so writing an event twice stores it once.
        self._insert = insert(table).on_conflict_do_nothing(index_elements=["event_id"])

    @property
    def name(self) -> str:
        return self.table.name

    @contextlib.contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self._engine.connect() as conn, conn.begin():
            yield conn

    def put(self, conn: sa.Connection, events: Iterable[OutboxEvent], *, now: dt.datetime | None = None) -> None:
        """Writes `events` in the caller's transaction: they become visible with the change they announce."""
        at = now or _utcnow()
        rows = [{"event_id": e.event_id, "subject": e.subject, "payload": e.payload, "created_at": at} for e in events]
        if rows:
            conn.execute(self._insert, rows)

    def enqueue(self, events: Iterable[OutboxEvent]) -> None:
        """Writes `events` in a transaction of their own (a change writes its events with itself, by `put`)."""
        with self._write() as conn:
            self.put(conn, events)

    def unpublished(self, limit: int = PUBLISH_IN_FLIGHT) -> list[PendingEvent]:
        """At most `limit` events committed but not yet published, oldest first."""
        t = self.table
        with self._read() as conn:
            rows = conn.execute(
                sa.select(t.c.id, t.c.event_id, t.c.subject, t.c.payload)
                .where(t.c.published_at.is_(None))
                .order_by(t.c.id)
                .limit(limit)
            ).all()
        return [PendingEvent(row.id, OutboxEvent(row.event_id, row.subject, bytes(row.payload))) for row in rows]

    def mark_published(self, ids: Sequence[int] = (), *, event_ids: Sequence[str] = ()) -> None:
        """Marks events published, by row id (`PendingEvent.id`) or by event id; a mark is never moved."""
        t = self.table
        keys: list[Any] = []
        if ids:
            keys.append(t.c.id.in_(list(ids)))
        if event_ids:
            keys.append(t.c.event_id.in_(list(event_ids)))
        if not keys:
            return
        with self._write() as conn:
            conn.execute(sa.update(t).where(sa.or_(*keys), t.c.published_at.is_(None)).values(published_at=_utcnow()))

    def count_unpublished(self) -> int:
        t = self.table
        with self._read() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(t).where(t.c.published_at.is_(None))).scalar_one()
            )


# -- the relay -----------------------------------------------------------------------------------------


class OutboxNotPublished(Exception):
    """Some events of an outbox could not be published now; they stay in it for the next flush."""

    def __init__(self, outbox: str, failed: int, published: int) -> None:
        super().__init__(f"{outbox}: {failed} event(s) not published ({published} published by this flush)")
        self.failed = failed
        self.published = published


class OutboxRelay:
    """Publishes one outbox to JetStream: as soon as the service is connected to NATS (what an earlier
    run left behind), then whenever `notify` says something was written, and at least every
    `interval_s` seconds. Events go out in batches of `batch` with as many acknowledgements awaited at
    once; each is marked published after its ack. A failure is logged and retried at the next wake-up;
    what was acknowledged before it stays marked. `stop` makes one last flush within the grace period."""

    def __init__(
        self,
        outbox: Outbox,
        bus: Callable[[], Bus | None],
        *,
        interval_s: float = RELAY_INTERVAL_S,
        batch: int = PUBLISH_IN_FLIGHT,
    ) -> None:
        if interval_s <= 0 or batch <= 0:
            raise ValueError("interval_s and batch must be positive")
        self.outbox = outbox
        self._bus = bus
        self.interval_s = interval_s
        self.batch = batch
        self._lock = asyncio.Lock()  # one flush at a time: two would publish the same rows twice
        self._wakeup = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.published = 0  # events published (acknowledged) since the relay was made
        self.failures = 0  # flushes that left something unpublished

    def start(self) -> None:
        """Runs the relay in a task of the current event loop until `stop`."""
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name=f"outbox-{self.outbox.name}")

    def notify(self) -> None:
        """Something was written to the outbox: publish it now rather than at the next interval."""
        self._wakeup.set()

    async def flush(self) -> int:
        """Publishes every event committed so far, oldest first; returns how many were published.
        Returns 0 while the service has no NATS connection. Raises OutboxNotPublished (caused by the first
        error) when a publish fails, after marking what was acknowledged; the rest waits for the next flush."""
        bus = self._bus()
        if bus is None:
            return 0
        total = 0
        async with self._lock:
            while True:
                pending = await asyncio.to_thread(self.outbox.unpublished, self.batch)
                if not pending:
                    return total
                results = await asyncio.gather(*(self._publish(bus, p.event) for p in pending), return_exceptions=True)
                acked = [p.id for p, result in zip(pending, results, strict=True) if result is None]
                if acked:
                    await asyncio.to_thread(self.outbox.mark_published, acked)
                total += len(acked)
                self.published += len(acked)
                errors = [r for r in results if isinstance(r, BaseException)]
                if errors:
                    self.failures += 1
                    raise OutboxNotPublished(self.outbox.name, len(errors), total) from errors[0]

    @staticmethod
    async def _publish(bus: Bus, event: OutboxEvent) -> None:
        await bus.js.publish(event.subject, event.payload, stream=bus.stream, headers={"Nats-Msg-Id": event.event_id})

    async def flush_or_log(self) -> int:
        """`flush`, but a failure is logged (the loop retries it) instead of raised; returns how many
        were published."""
        try:
            return await self.flush()
        except OutboxNotPublished as exc:
            cause = exc.__cause__ or exc
            log.warning(
                "outbox not published; retrying",
                extra={"outbox": self.outbox.name, "error": f"{exc}: {type(cause).__name__} {cause}"},
            )
            return exc.published
        except Exception as exc:  # the database, say: the next wake-up tries again
            log.warning(
                "outbox not flushed; retrying",
                extra={"outbox": self.outbox.name, "error": f"{type(exc).__name__} {exc}"},
            )
            return 0

    async def run(self) -> None:
        while not self._stopping.is_set():
            self._wakeup.clear()  # before the flush: a write during it wakes the next one
            if self._bus() is None:
                await self._sleep(BUS_POLL_S)
                continue
            await self.flush_or_log()
            await self._sleep(self.interval_s)
        await self.flush_or_log()  # what the outbox holds when stopping

    async def _sleep(self, seconds: float) -> None:
        """Until `seconds` pass, `notify` or `stop`."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), timeout=seconds)

    async def stop(self, grace_s: float) -> None:
        """Stops the loop after a flush in progress and one last flush; whatever is not published within
        `grace_s` seconds (NATS unreachable) stays in the outbox and is published at the next start."""
        self._stopping.set()
        self._wakeup.set()
        task, self._task = self._task, None
        if task is None:
            return
        done, _ = await asyncio.wait({task}, timeout=grace_s)
        if not done:
            task.cancel()
            await asyncio.wait({task})
            log.warning(
                "outbox not emptied within the grace period; the rest is published at the next start",
                extra={"outbox": self.outbox.name, "grace_s": grace_s},
            )
