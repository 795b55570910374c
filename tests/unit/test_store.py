"""The registry store on SQLite and PostgreSQL: documents, numbering, obligations, events, audit, schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from reglament.domain import ClauseRef, Obligation, ObligationStatus
from reglament.store import InvalidArgument, NewDocument, NotFound, SchemaOutOfDate, Store
from reglament.store import migrate as schema_migrations
from reglament.store.schema import metadata
from reglament.store.store import SQLITE_BUSY_TIMEOUT_MS
from tests.store_fixtures import new_document

pytest_plugins = ["tests.store_fixtures"]  # the store, store_url and PostgreSQL schema fixtures

KYIV = dt.timezone(dt.timedelta(hours=2))


def _obligation(document_id: str, key: str, due: dt.date | dt.datetime, **changes: object) -> Obligation:
    values: dict[str, object] = {
        "id": f"{document_id}:{key}",
        "ref": ClauseRef(
            reglament="vinnytsia-2020",
            clause="r12-s3-p2.3",
            quote="Якщо в документі не визначено термін виконання, він виконується протягом 30 днів",
            interpretation="30 календарних днів від дня реєстрації",
        ),
        "subject_id": document_id,
        "bearer": "responsible_executor",
        "action": "Виконати документ",
        "due": due,
        "explanation": ("Реєстрація 05.03.2024", "+30 календарних днів", "04.04.2024 — четвер, робочий"),
    }
    values.update(changes)
    return Obligation(**values)  # type: ignore[arg-type]


# -- documents ------------------------------------------------------------------------------------


def test_a_registered_document_reads_back_with_every_field(store: Store) -> None:
    new = NewDocument(
        reglament="vinnytsia-2020",
        kind="mayor_order",
        journal="orders",
        title="Про затвердження плану заходів «Безпечне місто» на 2024 рік",
        correspondent="Департамент громадської безпеки",
        received=dt.date(2024, 2, 27),
        registered=dt.date(2024, 2, 29),
        signed=dt.date(2024, 2, 28),
        due_date=dt.date(2024, 12, 31),
        urgent=True,
        for_information=True,
        restricted=True,
        simple=True,
        executors=("Петренко О. І.", "Коваль М. С.", "Андрієнко В. В."),
        attributes={"резолюція": "До виконання", "case": "04-12/7"},
    )
    registered, created = store.register_document(new, actor="clerk-7", number_format="{seq}-р")

    assert created
    assert registered.number == "1-р"
    assert registered.seq == 1
    assert len(registered.id) == 32 and int(registered.id, 16) >= 0
    assert registered.created_at is not None and registered.created_at.utcoffset() == dt.timedelta(0)
    stored = store.get_document(registered.id)
    assert stored == registered
    assert stored is not None
    assert (stored.reglament, stored.kind, stored.journal) == ("vinnytsia-2020", "mayor_order", "orders")
    assert (stored.title, stored.correspondent) == (new.title, new.correspondent)
    assert (stored.received, stored.registered, stored.signed, stored.due_date) == (
        dt.date(2024, 2, 27),
        dt.date(2024, 2, 29),
        dt.date(2024, 2, 28),
        dt.date(2024, 12, 31),
    )
    assert (stored.urgent, stored.for_information, stored.restricted, stored.simple) == (True, True, True, True)
    assert stored.executors == ("Петренко О. І.", "Коваль М. С.", "Андрієнко В. В.")
    assert stored.executors[0] == "Петренко О. І."  # the first named is responsible
    assert stored.attributes == {"резолюція": "До виконання", "case": "04-12/7"}


def test_optional_fields_read_back_as_empty(store: Store) -> None:
    new = new_document(received=None)
    registered, _ = store.register_document(new)
    stored = store.get_document(registered.id)
    assert stored is not None
    assert (stored.received, stored.signed, stored.due_date) == (None, None, None)
    assert (stored.urgent, stored.for_information, stored.restricted, stored.simple) == (False,) * 4
    assert (stored.executors, stored.attributes) == ((), {})


def test_an_unknown_document_is_none(store: Store) -> None:
    assert store.get_document("0" * 32) is None


def test_numbers_are_sequential_per_journal(store: Store) -> None:
    numbers = {
        journal: [store.register_document(new_document(journal=journal))[0].number for _ in range(4)]
        for journal in ("incoming", "appeals")
    }
    numbers["incoming"] += [store.register_document(new_document(journal="incoming"))[0].number]
    assert numbers == {"incoming": ["1", "2", "3", "4", "5"], "appeals": ["1", "2", "3", "4"]}


def test_numbering_restarts_at_one_in_a_new_year(store: Store) -> None:
    def register(day: dt.date) -> str:
        return store.register_document(new_document(registered=day), number_format="{seq}/{year}")[0].number

    assert [register(dt.date(2023, 12, 29)), register(dt.date(2023, 12, 31))] == ["1/2023", "2/2023"]
    assert [register(dt.date(2024, 1, 2)), register(dt.date(2024, 1, 2))] == ["1/2024", "2/2024"]
    # a late registration dated in the old year continues the old year's journal
    assert register(dt.date(2023, 12, 31)) == "3/2023"


def test_each_reglament_numbers_its_own_journals(store: Store) -> None:
    first = store.register_document(new_document(reglament="vinnytsia-2020", journal="incoming"))[0]
    other = store.register_document(new_document(reglament="shostka-2021", journal="incoming"))[0]
    assert (first.number, other.number) == ("1", "1")


@pytest.mark.parametrize("number_format", ["{}", "{seq", "{year}", "{seq}-{kind}", "{seq.real}", "{0}"])
def test_a_bad_number_format_is_refused_and_writes_nothing(store: Store, number_format: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        store.register_document(new_document(), number_format=number_format)
    assert caught.value.field == "number_format"
    assert store.count_documents() == 0
    assert store.register_document(new_document())[0].number == "1"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"journal": ""}, "journal"),
        ({"reglament": "x" * 101}, "reglament"),
        ({"registered": dt.datetime(2024, 3, 5, 10, 0)}, "registered"),
        ({"executors": ("Петренко О. І.", "")}, "executors"),
        ({"urgent": "так"}, "urgent"),
    ],
)
def test_bad_document_input_is_refused_and_writes_nothing(store: Store, changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        store.register_document(new_document(**changes))
    assert caught.value.field == field
    assert store.count_documents() == 0


def test_a_number_too_long_for_its_column_rolls_the_counter_back(store: Store) -> None:
    with pytest.raises(InvalidArgument):
        store.register_document(new_document(), number_format="{seq}" + "-" * 100)
    assert store.count_documents() == 0
    assert store.register_document(new_document())[0].number == "1"


def test_a_repeated_request_returns_the_first_document_and_writes_nothing(store: Store) -> None:
    first, created = store.register_document(new_document(title="Перший"), request_id="dms-42")
    again, created_again = store.register_document(new_document(title="Перший"), request_id="dms-42")

    assert (created, created_again) == (True, False)
    assert again == first
    assert store.count_documents() == 1
    assert len(store.audit_for(first.id)) == 1
    # the retried request took no number either
    assert store.register_document(new_document(), request_id="dms-43")[0].number == "2"


def test_a_retry_after_midnight_is_the_same_request(store: Store) -> None:
    """A caller that leaves the registration day empty gets today's; its retry the next day is a retry."""
    received = dt.date(2024, 3, 4)
    first, _ = store.register_document(new_document(received=received), request_id="dms-44")
    later = new_document(received=received, registered=dt.date(2024, 3, 6))
    assert store.register_document(later, request_id="dms-44") == (first, False)
    assert store.count_documents() == 1


@pytest.mark.parametrize(
    "changes", [{"title": "Інший документ"}, {"kind": "outgoing", "journal": "outgoing"}, {"reglament": "shostka-2013"}]
)
def test_a_request_id_used_again_for_another_document_is_refused(store: Store, changes: dict[str, object]) -> None:
    first, _ = store.register_document(new_document(), request_id="dms-42")
    with pytest.raises(InvalidArgument) as caught:
        store.register_document(new_document(**changes), request_id="dms-42")
    assert caught.value.field == "request_id" and first.id in caught.value.message
    [result] = store.register_documents([(new_document(**changes), "dms-42", "{seq}")])
    assert isinstance(result, InvalidArgument) and result.field == "request_id"
    assert store.count_documents() == 1
    assert store.register_document(new_document(**changes))[0].number == ("2" if "title" in changes else "1")


def test_registration_is_audited_with_its_actor(store: Store) -> None:
    document, _ = store.register_document(new_document(), actor="clerk-7", request_id="dms-1")
    [entry] = store.audit_for(document.id)
    assert (entry.subject_id, entry.actor, entry.action) == (document.id, "clerk-7", "document.registered")
    assert entry.reason == f"Документ зареєстровано: журнал incoming, № 1, {document.registered.isoformat()}"
    assert entry.data == {"journal": "incoming", "number": "1", "request_id": "dms-1"}
    assert entry.at == document.created_at
    assert store.audit_for("nobody") == []


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"])
def test_the_audit_log_is_append_only(store: Store, statement: str) -> None:
    document, _ = store.register_document(new_document())
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(sa.text(statement))
    assert len(store.audit_for(document.id)) == 1


_OVERWRITES = {
    "sqlite": [
        "INSERT OR REPLACE INTO audit_log (id, subject_id, actor, at, action, reason, data) "
        "VALUES (:id, :subject, 'forger', :at, 'document.registered', 'rewritten', '{}')",
        "REPLACE INTO audit_log (id, subject_id, actor, at, action, reason, data) "
        "VALUES (:id, :subject, 'forger', :at, 'document.registered', 'rewritten', '{}')",
        "INSERT INTO audit_log (id, subject_id, actor, at, action, reason, data) "
        "VALUES (:id, :subject, 'forger', :at, 'document.registered', 'rewritten', '{}') "
        "ON CONFLICT (id) DO UPDATE SET actor = excluded.actor, reason = excluded.reason",
    ],
    "postgresql": [
        "INSERT INTO audit_log (id, subject_id, actor, at, action, reason, data) "
        "VALUES (:id, :subject, 'forger', :at, 'document.registered', 'rewritten', '{}') "
        "ON CONFLICT (id) DO UPDATE SET actor = excluded.actor, reason = excluded.reason",
    ],
}


def test_an_audit_entry_cannot_be_overwritten_by_an_insert(store: Store) -> None:
    document, _ = store.register_document(new_document(), actor="clerk")
    [entry] = store.audit_for(document.id)
    for statement in _OVERWRITES[store.dialect]:
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(sa.text(statement), {"id": entry.id, "subject": document.id, "at": entry.at})
        assert store.audit_for(document.id) == [entry]
    store.register_document(new_document(), actor="clerk")  # a new entry is still written


# -- listing --------------------------------------------------------------------------------------


def test_pages_cover_every_document_exactly_once_in_order(store: Store) -> None:
    days = [dt.date(2024, 1, 9), dt.date(2024, 1, 10), dt.date(2024, 1, 10), dt.date(2023, 12, 28)]
    registered = [store.register_document(new_document(registered=days[i % len(days)]))[0] for i in range(23)]

    seen = []
    token: str | None = None
    pages = 0
    while True:
        page, token = store.list_documents(page_size=5, page_token=token)
        pages += 1
        seen.extend(page)
        if token is None:
            break
    assert pages == 5
    assert sorted(d.id for d in seen) == sorted(d.id for d in registered)
    assert len({d.id for d in seen}) == len(seen) == 23
    assert [(d.registered, d.id) for d in seen] == sorted((d.registered, d.id) for d in registered)


def test_an_exact_last_page_has_no_next_token(store: Store) -> None:
    for _ in range(4):
        store.register_document(new_document())
    first, token = store.list_documents(page_size=2)
    second, end = store.list_documents(page_size=2, page_token=token)
    assert (len(first), len(second), end) == (2, 2, None)
    assert store.list_documents(page_size=10) == (first + second, None)


def test_listing_filters_by_reglament_journal_and_kind(store: Store) -> None:
    appeal = store.register_document(new_document(journal="appeals", kind="appeal"))[0]
    request = store.register_document(new_document(journal="appeals", kind="info_request"))[0]
    other = store.register_document(new_document(reglament="shostka-2021", journal="appeals", kind="appeal"))[0]
    store.register_document(new_document(journal="incoming"))

    assert store.list_documents(journal="appeals", reglament="vinnytsia-2020")[0] == sorted(
        [appeal, request], key=lambda d: (d.registered, d.id)
    )
    assert store.list_documents(kind="appeal", reglament="shostka-2021") == ([other], None)
    assert store.list_documents(journal="none") == ([], None)


@pytest.mark.parametrize("token", ["garbage", "W10", "WyIyMDI0LTAxIiwiYSJd"])
def test_a_foreign_page_token_is_refused(store: Store, token: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        store.list_documents(page_token=token)
    assert caught.value.field == "page_token"


@pytest.mark.parametrize("page_size", [0, -1, 1001])
def test_a_page_size_out_of_range_is_refused(store: Store, page_size: int) -> None:
    with pytest.raises(InvalidArgument):
        store.list_documents(page_size=page_size)


# -- obligations and processed events ------------------------------------------------------------


def test_obligations_read_back_with_every_field(store: Store) -> None:
    document, _ = store.register_document(new_document())
    stored = [
        _obligation(document.id, "execute", dt.date(2024, 4, 4)),
        _obligation(
            document.id,
            "report",
            dt.datetime(2024, 4, 3, 18, 0, tzinfo=KYIV),
            bearer="head_of_department",
            action="Поінформувати заявника",
            explanation=(),
            status=ObligationStatus.DUE_SOON,
            ref=ClauseRef("vinnytsia-2020", "r12-s3-p4", "Якщо останній день строку припадає на вихідний"),
        ),
        _obligation(document.id, "visa", dt.datetime(2024, 4, 2, 9, 30)),
    ]
    assert store.store_obligations("registry", "evt-1", stored) == 3

    read = store.obligations_for(document.id)
    assert sorted(read, key=lambda o: o.id) == sorted(stored, key=lambda o: o.id)
    by_id = {o.id: o for o in read}
    report = by_id[f"{document.id}:report"]
    assert report.due == dt.datetime(2024, 4, 3, 16, 0, tzinfo=dt.UTC)
    assert isinstance(by_id[f"{document.id}:execute"].due, dt.date)
    assert not isinstance(by_id[f"{document.id}:execute"].due, dt.datetime)
    assert by_id[f"{document.id}:visa"].due == dt.datetime(2024, 4, 2, 9, 30)
    assert store.obligations_for("0" * 32) == []


def test_a_redelivered_event_stores_nothing(store: Store) -> None:
    document, _ = store.register_document(new_document())
    batch = [_obligation(document.id, key, dt.date(2024, 4, 4)) for key in ("a", "b")]
    assert store.store_obligations("registry", "evt-1", batch) == 2
    assert store.store_obligations("registry", "evt-1", batch) == 0
    assert store.store_obligations("registry", "evt-1", []) == 0
    assert store.count_obligations() == 2


def test_an_obligation_already_stored_is_not_stored_again(store: Store) -> None:
    document, _ = store.register_document(new_document())
    a, b, c = (_obligation(document.id, key, dt.date(2024, 4, 4)) for key in ("a", "b", "c"))
    assert store.store_obligations("registry", "evt-1", [a, b]) == 2
    assert store.store_obligations("registry", "evt-2", [b, c, c]) == 1
    assert store.count_obligations() == 3
    assert store.already_processed("registry", "evt-2")


def test_each_consumer_processes_an_event_once(store: Store) -> None:
    document, _ = store.register_document(new_document())
    batch = [_obligation(document.id, "a", dt.date(2024, 4, 4))]
    assert store.store_obligations("registry", "evt-1", batch) == 1
    assert not store.already_processed("reports", "evt-1")
    assert store.store_obligations("reports", "evt-1", batch) == 0  # recorded, the obligation was there
    assert store.already_processed("reports", "evt-1")


def test_obligations_of_an_unknown_document_write_nothing(store: Store) -> None:
    document, _ = store.register_document(new_document())
    batch = [
        _obligation(document.id, "a", dt.date(2024, 4, 4)),
        _obligation("f" * 32, "a", dt.date(2024, 4, 4)),
    ]
    with pytest.raises(NotFound, match="f" * 32):
        store.store_obligations("registry", "evt-1", batch)
    assert store.count_obligations() == 0
    # the event was not marked, so its redelivery is handled once the cause is fixed
    assert not store.already_processed("registry", "evt-1")
    assert store.store_obligations("registry", "evt-1", batch[:1]) == 1


def test_a_batch_of_events_is_stored_in_one_go(store: Store) -> None:
    document, _ = store.register_document(new_document())
    a, b, c, d = (_obligation(document.id, key, dt.date(2024, 4, 4)) for key in "abcd")
    assert store.store_obligations("registry", "evt-0", [a]) == 1

    counts = store.store_obligations_batch(
        "registry", [("evt-1", [a, b]), ("evt-0", [d]), ("evt-2", [b, c]), ("evt-3", []), ("evt-1", [d])]
    )

    # evt-0 was processed before, so d is not stored; b counts for evt-1, its first carrier
    assert counts == {"evt-1": 1, "evt-0": 0, "evt-2": 1, "evt-3": 0}
    assert sorted(o.id for o in store.obligations_for(document.id)) == sorted(x.id for x in (a, b, c))
    assert all(store.already_processed("registry", e) for e in ("evt-1", "evt-2", "evt-3"))
    assert store.store_obligations_batch("registry", [("evt-1", [d]), ("evt-2", [d])]) == {"evt-1": 0, "evt-2": 0}
    assert store.store_obligations_batch("registry", []) == {}
    assert store.count_obligations() == 3


def test_a_batch_with_an_unknown_document_writes_nothing(store: Store) -> None:
    document, _ = store.register_document(new_document())
    known = _obligation(document.id, "a", dt.date(2024, 4, 4))
    unknown = _obligation("f" * 32, "a", dt.date(2024, 4, 4))
    with pytest.raises(NotFound):
        store.store_obligations_batch("registry", [("evt-1", [known]), ("evt-2", [unknown])])
    assert store.count_obligations() == 0
    assert not store.already_processed("registry", "evt-1")
    assert not store.already_processed("registry", "evt-2")


def test_an_event_is_marked_processed_once(store: Store) -> None:
    assert not store.already_processed("deadlines", "evt-9")
    assert store.mark_processed("deadlines", "evt-9")
    assert not store.mark_processed("deadlines", "evt-9")
    assert store.already_processed("deadlines", "evt-9")
    assert not store.already_processed("approval", "evt-9")


# -- persistence and schema ----------------------------------------------------------------------


def test_everything_is_still_there_after_reopening(store_url: str) -> None:
    with Store.open(store_url) as first:
        document, _ = first.register_document(new_document(), request_id="dms-1")
        first.store_obligations("registry", "evt-1", [_obligation(document.id, "a", dt.date(2024, 4, 4))])
        first.mark_processed("deadlines", "evt-2")

    with Store.open(store_url) as reopened:
        assert reopened.get_document(document.id) == document
        assert [o.id for o in reopened.obligations_for(document.id)] == [f"{document.id}:a"]
        assert reopened.already_processed("registry", "evt-1")
        assert reopened.already_processed("deadlines", "evt-2")
        assert reopened.register_document(new_document(), request_id="dms-1") == (document, False)
        assert reopened.register_document(new_document())[0].number == "2"
        assert len(reopened.audit_for(document.id)) == 1


def test_the_sqlite_file_and_its_directory_are_created(tmp_path: Path) -> None:
    path = tmp_path / "var" / "run" / "registry.db"
    with Store.open(f"sqlite:///{path}") as opened:
        opened.register_document(new_document())
        with opened.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
    assert path.is_file()


def _schema_diff(engine: sa.Engine, target: sa.MetaData) -> list[object]:
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), target))


def test_the_migrated_schema_is_the_tables_metadata(store: Store) -> None:
    assert _schema_diff(store.engine, metadata) == []


def test_the_schema_comparison_notices_a_difference(store: Store) -> None:
    changed = sa.MetaData()
    for table in metadata.tables.values():
        table.to_metadata(changed)
    sa.Table("extra", changed, sa.Column("id", sa.Integer, primary_key=True))
    changed.tables["documents"].append_column(sa.Column("extra", sa.Text, nullable=True))
    diff = _schema_diff(store.engine, changed)
    assert {entry[0] for entry in diff if isinstance(entry, tuple)} >= {"add_table", "add_column"}


def test_migrations_go_down_to_nothing_and_up_again(store: Store) -> None:
    schema_migrations.downgrade(store.engine, "base")
    assert set(sa.inspect(store.engine).get_table_names()) <= {"alembic_version"}
    schema_migrations.upgrade(store.engine)
    assert _schema_diff(store.engine, metadata) == []


def test_opening_without_migrating_needs_a_migrated_database(store_url: str) -> None:
    with pytest.raises(SchemaOutOfDate):
        Store.open(store_url, migrate=False)
    Store.open(store_url).close()
    with Store.open(store_url, migrate=False) as opened:
        assert opened.count_documents() == 0


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "mysql://localhost/registry", "not a url"])
def test_unsupported_database_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        Store.open(url)
    assert caught.value.field == "url"


def test_a_group_commit_numbers_its_documents_in_order_and_honours_request_ids(store: Store) -> None:
    first, _ = store.register_document(new_document(), request_id="req-0")
    items = [
        (new_document(title="А"), "req-1", "{seq}"),
        (new_document(journal=""), "req-2", "{seq}"),  # invalid: refused alone, writes nothing
        (new_document(title="А"), "req-1", "{seq}"),  # same request id inside the batch: a retry
        (new_document(), "req-0", "{seq}"),  # a request seen before the batch
        (new_document(title="Г"), None, "{seq}-р"),
        (new_document(title="Б"), "req-1", "{seq}"),  # the id of another request: refused alone
    ]
    results = store.register_documents(items)
    assert isinstance(results[1], Exception)
    assert isinstance(results[5], InvalidArgument) and results[5].field == "request_id"
    a, b, c, d = (results[i] for i in (0, 2, 3, 4))
    assert not isinstance(a, Exception) and not isinstance(b, Exception)
    assert not isinstance(c, Exception) and not isinstance(d, Exception)
    assert a[1] and not b[1] and b[0].id == a[0].id
    assert not c[1] and c[0].id == first.id
    assert [a[0].number, d[0].number] == [str(int(first.number) + 1), f"{int(first.number) + 2}-р"]
    assert store.count_documents() == 3
