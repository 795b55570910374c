"""Registration numbers and event handling stay exact when many threads write at once, on both backends."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from reglament.domain import ClauseRef, Document, Obligation
from reglament.store import Store
from tests.store_fixtures import new_document

pytest_plugins = ["tests.store_fixtures"]  # the store, store_url and PostgreSQL schema fixtures

THREADS = 50
# Only a guard against a hung test: a thread that never reaches the barrier fails the run instead.
BARRIER_TIMEOUT_S = 120

T = TypeVar("T")


def _all_at_once(count: int, work: Callable[[int], T]) -> list[T]:
    """Run work(0..count-1) on `count` threads released together, so that the calls really overlap."""
    barrier = threading.Barrier(count, timeout=BARRIER_TIMEOUT_S)

    def start(i: int) -> T:
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(start, range(count)))


def _seqs(documents: list[Document]) -> list[int]:
    return sorted(d.seq or 0 for d in documents)


def test_fifty_concurrent_registrations_in_one_journal_take_numbers_1_to_50(store: Store) -> None:
    results = _all_at_once(THREADS, lambda i: store.register_document(new_document(title=f"Звернення {i}")))

    documents = [document for document, created in results]
    assert all(created for _, created in results)
    assert sorted(int(d.number) for d in documents) == list(range(1, THREADS + 1))
    assert _seqs(documents) == list(range(1, THREADS + 1))
    assert store.count_documents() == THREADS
    stored, _ = store.list_documents(page_size=THREADS)
    assert sorted(int(d.number) for d in stored) == list(range(1, THREADS + 1))


def test_concurrent_registrations_in_several_journals_and_years_are_each_gapless(store: Store) -> None:
    keys = [("incoming", 2024), ("appeals", 2024), ("incoming", 2025)]

    def register(i: int) -> Document:
        journal, year = keys[i % len(keys)]
        return store.register_document(new_document(journal=journal, registered=dt.date(year, 1, 15)))[0]

    documents = _all_at_once(THREADS, register)
    for journal, year in keys:
        mine = [d for d in documents if d.journal == journal and d.registered.year == year]
        assert _seqs(mine) == list(range(1, len(mine) + 1))


def test_two_store_instances_on_one_database_share_one_numbering(store_url: str) -> None:
    # Two engines behave like two processes: on SQLite only the file lock orders them.
    with Store.open(store_url) as first, Store.open(store_url) as second:
        documents = _all_at_once(THREADS, lambda i: (first if i % 2 else second).register_document(new_document())[0])
        assert _seqs(documents) == list(range(1, THREADS + 1))
        assert first.count_documents() == THREADS


def test_a_request_retried_concurrently_registers_one_document(store: Store) -> None:
    results = _all_at_once(20, lambda i: store.register_document(new_document(), request_id="dms-7"))

    assert sum(created for _, created in results) == 1
    assert len({document.id for document, _ in results}) == 1
    assert store.count_documents() == 1
    assert store.register_document(new_document())[0].number == "2"


def _obligations(document_id: str, keys: range) -> list[Obligation]:
    ref = ClauseRef("vinnytsia-2020", "r12-s3-p2.3", "протягом 30 днів")
    return [
        Obligation(f"{document_id}:{k}", ref, document_id, "executor", "Виконати", dt.date(2024, 4, 4)) for k in keys
    ]


def test_an_event_delivered_to_many_threads_at_once_is_stored_once(store: Store) -> None:
    document, _ = store.register_document(new_document())
    batch = _obligations(document.id, range(5))

    inserted = _all_at_once(10, lambda i: store.store_obligations("registry", "evt-1", batch))

    assert sorted(inserted) == [0] * 9 + [5]
    assert store.count_obligations() == 5


def test_overlapping_events_stored_at_once_store_each_obligation_once(store: Store) -> None:
    document, _ = store.register_document(new_document())

    # event i carries obligations i..i+4, so neighbouring events overlap in four of five
    inserted = _all_at_once(
        20, lambda i: store.store_obligations("registry", f"evt-{i}", _obligations(document.id, range(i, i + 5)))
    )

    assert sum(inserted) == 24
    assert store.count_obligations() == 24
    assert len(store.obligations_for(document.id)) == 24


def test_overlapping_batches_stored_at_once_store_each_event_and_obligation_once(store: Store) -> None:
    document, _ = store.register_document(new_document())

    def batch(i: int) -> dict[str, int]:
        # thread i handles events i..i+3, in an order of its own
        events = [(f"evt-{e}", _obligations(document.id, range(e, e + 3))) for e in range(i, i + 4)]
        return store.store_obligations_batch("registry", events[i % 4 :] + events[: i % 4])

    results = _all_at_once(16, batch)

    per_event: dict[str, int] = {}
    for counts in results:
        for event_id, inserted in counts.items():
            per_event[event_id] = per_event.get(event_id, 0) + inserted
    assert sum(per_event.values()) == store.count_obligations() == 21  # obligations 0..20
    assert all(store.already_processed("registry", f"evt-{e}") for e in range(19))
