"""Group commit of registrations: concurrent RegisterDocument calls share one transaction."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from reglament.domain import Document, NewDocument
from services.registry.store import RegistryStore

log = logging.getLogger("reglament.registry")

MAX_BATCH = 128  # registrations per transaction

# A registration waiting for its batch: the document, its request id, who registers it, the caller's future.
Pending = tuple[NewDocument, str | None, str, asyncio.Future[tuple[Document, bool]]]


class RegistrationBatcher:
    """Collects the registrations waiting at a moment and commits them together; numbering stays
    gapless because the whole batch commits or none of it does (then each is retried alone)."""

    def __init__(self, store: RegistryStore, max_batch: int = MAX_BATCH) -> None:
        self.store = store
        self.max_batch = max_batch
        self._queue: asyncio.Queue[Pending] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="registry-batcher")

    async def stop(self) -> None:
        """Finishes what is queued, then stops."""
        await self._queue.join()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def register(
        self, new: NewDocument, request_id: str | None, actor: str = "registry"
    ) -> tuple[Document, bool]:
        future: asyncio.Future[tuple[Document, bool]] = asyncio.get_running_loop().create_future()
        await self._queue.put((new, request_id, actor, future))
        return await future

    async def _run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self.max_batch and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                results = await asyncio.to_thread(self.store.register_many, [(r, rid, who) for r, rid, who, _ in batch])
            except Exception:
                log.warning("batch registration failed; registering one by one", exc_info=True)
                results = []
                for new, request_id, who, _ in batch:
                    try:
                        results.append(await asyncio.to_thread(self.store.register, new, request_id, who))
                    except Exception as exc:
                        results.append(exc)
            for (_, _, _, future), result in zip(batch, results, strict=True):
                if not future.done():
                    if isinstance(result, Exception):
                        future.set_exception(result)
                    else:
                        future.set_result(result)
                self._queue.task_done()
