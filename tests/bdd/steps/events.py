"""Listening to `obligation.created` as a municipal system would: each event says how many obligations
its document gets in all (`of_total`), so a step knows when it has seen every one of them."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import nats
import pytest
from nats.aio.msg import Msg

from reglament.events import subjects
from reglament.natsd import NatsServer
from reglament.v1 import common_pb2, events_pb2


class ObligationEvents:
    """A subscription to `reglament.*.obligation.created` on its own thread and event loop."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._by_subject: dict[str, dict[str, common_pb2.Obligation]] = {}
        self._total: dict[str, int] = {}
        self._cond = threading.Condition()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="obligation-events", daemon=True)

    def start(self) -> ObligationEvents:
        self._thread.start()
        if not self._ready.wait(15):
            raise RuntimeError(f"could not subscribe to obligation events at {self.url}")
        if self._error is not None:
            raise RuntimeError(f"could not subscribe to obligation events: {self._error}")
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        try:
            nc = await nats.connect(self.url)
            await nc.subscribe(subjects.any_municipality(subjects.OBLIGATION_CREATED), cb=self._on_message)
            await nc.flush()
        except BaseException as exc:  # reported by start()
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        await self._stop.wait()
        await nc.drain()

    async def _on_message(self, msg: Msg) -> None:
        try:
            event = events_pb2.Event.FromString(msg.data)
        except Exception:  # not ours to judge; the services dead-letter garbage
            return
        if event.WhichOneof("body") != "obligation_created":
            return
        created = event.obligation_created
        obligation = created.obligation
        with self._cond:
            self._by_subject.setdefault(obligation.subject_id, {})[obligation.id] = obligation
            self._total[obligation.subject_id] = created.of_total
            self._cond.notify_all()

    def wait_all(self, subject_id: str, timeout_s: float) -> list[common_pb2.Obligation]:
        """Every obligation created for the subject; AssertionError if they do not all come in time."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while True:
                seen = self._by_subject.get(subject_id, {})
                total = self._total.get(subject_id)
                if total is not None and len(seen) >= total:
                    return list(seen.values())
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"за {timeout_s:.0f} с система не створила обов'язків для документа {subject_id} "
                        f"(отримано {len(seen)} з {total if total is not None else '?'}); документ без жодного "
                        "обов'язку цим кроком не перевірити"
                    )
                self._cond.wait(left)

    def close(self) -> None:
        if self._stop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


@pytest.fixture(scope="session")
def obligation_events(nats_server: NatsServer) -> Iterator[ObligationEvents]:
    watcher = ObligationEvents(nats_server.url).start()
    yield watcher
    watcher.close()
