"""The clock of the deadlines service: judges open obligations as of "now", records each status
change with its event in one transaction, then publishes the outbox (reglament.events.outbox).

Time enters as a fact (Clock.now(), or the moment given to Deadlines.Tick); nothing waits on an
engine timer. Because a change is recorded before its event is published, and every event id is
derived from (type, obligation, term version), a crash at any point loses nothing and duplicates
nothing: on start the unpublished outbox is published again, and JetStream drops what it has seen.
A scheduler that was down catches up at its first run: an obligation past due goes straight to
violated (one event), never through a stale "due soon".
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from reglament.domain import ObligationStatus
from reglament.events import envelope, subjects
from reglament.events.bus import Bus
from reglament.events.outbox import OutboxRelay
from reglament.legaltime.calendar import WorkCalendar
from reglament.legaltime.clock import Clock
from reglament.legaltime.tracking import TrackedObligation, advance, status_at, status_reason
from reglament.rules.loader import load_reglament
from reglament.v1 import common_pb2, events_pb2
from services.deadlines.store import DeadlinesStore, Transition

log = logging.getLogger("reglament.deadlines.scheduler")

EVENT_OF_STATUS = {
    ObligationStatus.DUE_SOON: subjects.OBLIGATION_DUE_SOON,
    ObligationStatus.VIOLATED: subjects.OBLIGATION_VIOLATED,
}
_STATUS_VALUE = {
    ObligationStatus.DUE_SOON: common_pb2.OBLIGATION_STATUS_DUE_SOON,
    ObligationStatus.VIOLATED: common_pb2.OBLIGATION_STATUS_VIOLATED,
}
LOOKAHEAD_SLACK = dt.timedelta(days=14)  # beyond N working days ahead, no obligation can be due soon yet


def status_event_id(event_type: str, obligation_id: str, term_version: int) -> str:
    """Deterministic: the same obligation, status and term version always give the same id."""
    return envelope.deterministic_id(event_type, obligation_id, f"term-{term_version}")


def status_event(ob: TrackedObligation, status: ObligationStatus, reason: str, clock: dt.datetime) -> events_pb2.Event:
    event_type = EVENT_OF_STATUS[status]
    body = events_pb2.ObligationStatusChanged(
        obligation_id=ob.id,
        subject_id=ob.subject_id,
        status=_STATUS_VALUE[status],
        reason=reason,
        clause=common_pb2.ClauseRef(
            reglament=ob.source, clause=ob.clause, quote=ob.quote, interpretation=ob.interpretation
        ),
    )
    return envelope.make_event(
        event_type,
        municipality=ob.municipality,
        reglament=ob.reglament,
        body=body,
        event_id=status_event_id(event_type, ob.id, ob.term_version),
        occurred_at=clock.astimezone(dt.UTC),
    )


@dataclass(frozen=True)
class TickResult:
    now: dt.datetime
    changes: list[Transition]
    published: int


class Scheduler:
    """Runs the clock every `interval_s` seconds once the bus is connected; `tick` runs it at once."""

    def __init__(
        self,
        store: DeadlinesStore,
        bus: Callable[[], Bus | None],
        clock: Clock,
        *,
        due_soon_working_days: int,
        interval_s: float,
    ) -> None:
        self.store = store
        self._bus = bus
        # Publishes the deadlines outbox: at each run of the clock, and on its own (started by the service)
        # as soon as NATS is connected, every second, so an event a failure left behind does not wait a run.
        self.relay = OutboxRelay(store.outbox, bus)
        self.clock = clock
        self.working_days = due_soon_working_days
        self.interval_s = interval_s
        self._lock = asyncio.Lock()
        self._stop = asyncio.Event()
        self._default_calendar = WorkCalendar()
        self.runs = 0

    def _calendar(self, reglament_id: str) -> WorkCalendar:
        try:
            return load_reglament(reglament_id).calendar
        except (LookupError, ValueError):
            return self._default_calendar

    def decide(self, now: dt.datetime, subject_id: str | None = None) -> list[Transition]:
        """The status changes the clock makes at `now` (runs in a worker thread)."""
        today = now.date()
        horizon = self._default_calendar.add_working_days(today, self.working_days) + LOOKAHEAD_SLACK
        out: list[Transition] = []
        for ob in self.store.open_due_by(horizon, subject_id):
            verdict = status_at(ob.due, now, self._calendar(ob.reglament), self.working_days)
            new = advance(ob.status, verdict)
            if new is None:
                continue
            reason = status_reason(ob, new, self.working_days)
            event = status_event(ob, new, reason, now)
            out.append(
                Transition(
                    obligation_id=ob.id,
                    from_status=ob.status,
                    to_status=new,
                    term_version=ob.term_version,
                    clock=now,
                    reason=reason,
                    event_id=event.event_id,
                    subject=envelope.subject_of(event),
                    payload=event.SerializeToString(),
                )
            )
        return out

    async def tick(self, now: dt.datetime | None = None, subject_id: str | None = None) -> TickResult:
        """Judge open obligations at `now` (default: the clock), record the changes, publish."""
        async with self._lock:
            moment = now or self.clock.now()
            transitions = await asyncio.to_thread(self.decide, moment, subject_id)
            applied = await asyncio.to_thread(self.store.apply_transitions, transitions)
            if subject_id is None:
                await asyncio.to_thread(self.store.set_state, "last_tick", moment.isoformat())
            published = await self.relay.flush()
            self.runs += 1
        if applied:
            log.info("clock moved obligations", extra={"changes": len(applied), "now": moment.isoformat()})
        return TickResult(moment, applied, published)

    async def flush(self) -> int:
        """Publish whatever the outbox holds (e.g. after a term change); raises if a publish failed."""
        return await self.relay.flush()

    async def run(self) -> None:
        """Wait for the bus, publish what an earlier run left unpublished, then tick until stopped."""
        while self._bus() is None and not self._stop.is_set():
            await asyncio.sleep(0.1)
        while not self._stop.is_set():
            try:
                await self.tick()
            except Exception:
                log.exception("scheduler run failed; retrying at the next interval")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=self.interval_s)

    def stop(self) -> None:
        self._stop.set()
