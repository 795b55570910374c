"""Registration numbers and event handling stay exact when many threads write at once, on both backends."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from reglament.domain import ClauseRef, Document, NewDocument, Obligation
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


# -- the registry's journals and control steps under concurrency -----------------------------------

JOURNALS = (
    "incoming",
    "outgoing",
    "ec_decision",
    "mayor_order",
    "appeal",
    "info_request",
    "deputy_appeal",
    "protocol_instruction",
)


def _registry_document(kind: str, i: int) -> NewDocument:
    from reglament.documents import validate_registration
    from reglament.rules.loader import load_reglament

    return validate_registration(
        reglament="vinnytsia-2020",
        kind=kind,
        title=f"Документ {i}",
        correspondent=f"Кореспондент {i}",
        received="2024-03-05",
        registered="2024-03-05",
        due_date="",
        urgent=False,
        for_information=False,
        restricted=False,
        simple=False,
        executors=["Департамент освіти"],
        attributes={},
        facts=load_reglament("vinnytsia-2020").facts(),
        today=dt.date(2024, 12, 31),
    )


def test_fifty_concurrent_clients_in_every_journal_get_gapless_numbers(store: Store) -> None:
    from reglament.registry.config import load_config
    from reglament.rules.paths import reglament_dir

    config = load_config(reglament_dir("vinnytsia-2020"))
    new = {(kind, i): _registry_document(kind, i) for kind in JOURNALS for i in range(THREADS)}

    def client(i: int) -> list[Document]:
        order = JOURNALS[i % len(JOURNALS) :] + JOURNALS[: i % len(JOURNALS)]
        return [
            store.register_document(
                new[kind, i], request_id=f"client-{i}-{kind}", number_format=config.number_format(kind)
            )[0]
            for kind in order
        ]

    documents = [d for batch in _all_at_once(THREADS, client) for d in batch]
    for kind in JOURNALS:
        numbers = sorted(int(d.number.removesuffix("-р")) for d in documents if d.journal == kind)
        assert numbers == list(range(1, THREADS + 1)), kind
    assert all(d.number.endswith("-р") for d in documents if d.journal == "mayor_order")
    assert store.count_documents() == THREADS * len(JOURNALS)


def test_concurrent_removals_of_one_document_remove_it_once(store_url: str) -> None:
    from reglament.errors import FailedPrecondition
    from services.registry.store import RegistryStore

    registry = RegistryStore.open(store_url)
    try:
        order, _ = registry.register(_registry_document("mayor_order", 0), None)
        today = dt.date(2024, 12, 31)
        registry.put_on_control(
            order.id,
            actor="Відділ контролю",
            controller="",
            controller_role="",
            on=dt.date(2024, 3, 6),
            due=None,
            long_term=False,
            basis="",
            request_id=None,
            today=today,
        )
        facts = {"tasks_done": "true", "execution_confirmed": "true"}

        def remove(i: int) -> str:
            try:
                registry.remove_from_control(
                    order.id,
                    actor="Міський голова",
                    actor_role="mayor",
                    on=dt.date(2024, 4, 1),
                    reason="виконано",
                    basis_document_id="",
                    facts=facts,
                    request_id=f"remove-{i}",
                    today=today,
                )
                return "removed"
            except FailedPrecondition:
                return "refused"

        outcomes = _all_at_once(20, remove)
        assert outcomes.count("removed") == 1, outcomes
        actions = [e.action for e in registry.audit_for(order.id)]
        assert actions.count("control.removed") == 1
    finally:
        registry.close()


def test_obligations_arriving_while_documents_are_executed_are_all_settled(store_url: str) -> None:
    from services.registry.store import RegistryStore

    registry = RegistryStore.open(store_url)
    try:
        today = dt.date(2024, 12, 31)
        docs = [registry.register(_registry_document("incoming", i), None)[0] for i in range(THREADS)]

        def work(i: int) -> None:
            doc = docs[i // 2]
            if i % 2:
                registry.mark_executed(
                    doc.id,
                    actor="Виконавець",
                    on=dt.date(2024, 3, 20),
                    reason="виконано",
                    facts={"tasks_done": "true", "execution_confirmed": "true"},
                    request_id=None,
                    today=today,
                )
            else:
                registry.store_obligation_events(
                    "registry-obligations", [(f"evt-{i}", _obligations(doc.id, range(3))[0])]
                )

        _all_at_once(2 * (THREADS // 2), work)
        left = [o for d in docs[: THREADS // 2] for o in registry.obligations_for(d.id) if o.status.value == "pending"]
        assert left == []
    finally:
        registry.close()
