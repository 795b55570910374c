"""The registry in the running mesh: the control lifecycle over gRPC and NATS, events from the deadlines
service, queries, the control report of a generated year, concurrency of clients."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc
import nats
import pytest

from reglament.events import envelope, subjects
from reglament.generator import generate, load_profile
from reglament.generator.load import load
from reglament.natsd import NatsServer
from reglament.v1 import common_pb2, events_pb2, registry_pb2
from tests.conftest import Stubs, start_mesh

pytest_plugins = ["tests.store_fixtures"]
pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

VINNYTSIA = "vinnytsia-2020"
DONE = {"tasks_done": "true", "execution_confirmed": "true"}
ON_CONTROL = common_pb2.CONTROL_STATUS_ON_CONTROL


def register(stubs: Stubs, **fields: Any) -> common_pb2.Document:
    request = registry_pb2.RegisterDocumentRequest(
        reglament=VINNYTSIA,
        kind=common_pb2.DOCUMENT_KIND_INCOMING,
        title="Про виконання постанови Кабінету Міністрів",
        correspondent="Вінницька обласна державна адміністрація",
        registered="2026-03-02",
        received="2026-03-02",
        executors=["Департамент житлового господарства"],
        attributes={"from_higher_authority": "true", "has_tasks": "true"},
    )
    for key, value in fields.items():
        field = getattr(request, key)
        if isinstance(value, list):
            del field[:]
            field.extend(value)
        elif isinstance(value, dict):
            field.clear()
            field.update(value)
        else:
            setattr(request, key, value)
    return stubs.registry.RegisterDocument(request, timeout=10).document


def get(stubs: Stubs, document_id: str) -> common_pb2.Document:
    return stubs.registry.GetDocument(registry_pb2.GetDocumentRequest(id=document_id), timeout=5)


def wait_until(
    what: Callable[[], common_pb2.Document], ok: Callable[[common_pb2.Document], bool], timeout_s: float = 20
) -> common_pb2.Document:
    deadline = time.monotonic() + timeout_s
    while True:
        doc = what()
        if ok(doc) or time.monotonic() > deadline:
            return doc
        time.sleep(0.1)


def status_of(doc: common_pb2.Document, clause: str) -> set[int]:
    return {o.status for o in doc.obligations if o.clause.clause == clause}


class Watch:
    """Collects the events published on reglament.vinnytsia.> while a test runs."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.events: list[events_pb2.Event] = []

    async def __aenter__(self) -> Watch:
        self.nc = await nats.connect(self.url)

        async def keep(msg: Any) -> None:
            self.events.append(events_pb2.Event.FromString(msg.data))

        await self.nc.subscribe("reglament.vinnytsia.>", cb=keep)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.nc.close()

    async def wait_for(self, ok: Callable[[events_pb2.Event], bool], timeout_s: float = 20) -> events_pb2.Event:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for event in self.events:
                if ok(event):
                    return event
            await asyncio.sleep(0.05)
        raise AssertionError(f"no such event among {[e.type for e in self.events]}")


def test_the_control_lifecycle_runs_end_to_end_over_grpc_and_nats(stubs: Stubs, nats_server: NatsServer) -> None:
    control_lifecycle(stubs, nats_server.url)


@pytest.mark.postgres
def test_the_control_lifecycle_runs_end_to_end_on_postgresql(tmp_path: Path, pg_schema_url: str) -> None:
    """The same lifecycle with every service on PostgreSQL (skipped only when PostgreSQL is unreachable)."""
    server = NatsServer(tmp_path / "jetstream").start()
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    try:
        mesh = start_mesh(run_dir, server.url, pg_schema_url)
        try:
            assert mesh.settings.db_url("registry").startswith("postgresql")
            own = Stubs(mesh)
            try:
                control_lifecycle(own, server.url)
            finally:
                own.close()
        finally:
            mesh.stop()
    finally:
        server.stop()


async def _stream_events(url: str, after_seq: int) -> list[events_pb2.Event]:
    """The events the JetStream stream holds after sequence `after_seq`, in stream order."""
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        info = await js.stream_info(subjects.STREAM)
        out = []
        for seq in range(max(after_seq + 1, info.state.first_seq), info.state.last_seq + 1):
            msg = await js.get_msg(subjects.STREAM, seq)
            out.append(events_pb2.Event.FromString(msg.data or b""))
        return out
    finally:
        await nc.close()


async def _stream_last_seq(url: str) -> int:
    nc = await nats.connect(url)
    try:
        return int((await nc.jetstream().stream_info(subjects.STREAM)).state.last_seq)
    finally:
        await nc.close()


def control_lifecycle(stubs: Stubs, nats_url: str) -> None:
    """An act of a higher authority: registered, its obligations stored through NATS, put on control, an
    interim report, executed, removed on the authority's letter; each step announced on the stream."""
    start_seq = asyncio.run(_stream_last_seq(nats_url))
    act_ids: list[str] = []

    async def scenario() -> None:
        async with Watch(nats_url) as watch:
            call = asyncio.to_thread
            act = await call(register, stubs)
            act_ids.append(act.id)
            assert act.category == "higher_authority"
            assert "r12-s2-p3" in [f.clause.clause for f in act.findings]  # mandatory control
            doc = await call(
                wait_until,
                lambda: get(stubs, act.id),
                lambda d: {"r12-s2-p6", "r12-s3-p2.3"} <= {o.clause.clause for o in d.obligations},
            )
            [put_obligation] = [o for o in doc.obligations if o.clause.clause == "r12-s2-p6"]

            put = await call(
                stubs.registry.PutOnControl,
                registry_pb2.PutOnControlRequest(
                    request_id=uuid.uuid4().hex,
                    document_id=act.id,
                    actor="Відділ контролю",
                    on="2026-03-03",
                    basis="Резолюція міського голови: на контроль",
                ),
            )
            assert put.changed and put.document.control.status == ON_CONTROL
            assert put.document.control.controller == "Вінницька обласна державна адміністрація"
            await watch.wait_for(
                lambda e: (
                    e.type == subjects.DOCUMENT_PUT_ON_CONTROL and e.document_control_changed.document_id == act.id
                )
            )
            await watch.wait_for(
                lambda e: (
                    e.type == subjects.OBLIGATION_FULFILLED
                    and e.obligation_status_changed.obligation_id == put_obligation.id
                )
            )

            await call(
                stubs.registry.RecordInterimReport,
                registry_pb2.RecordInterimReportRequest(
                    document_id=act.id,
                    actor="Департамент житлового господарства",
                    on="2026-03-20",
                    text="Роботи тривають",
                ),
            )
            with pytest.raises(grpc.RpcError) as denied:
                await call(
                    stubs.registry.RemoveFromControl,
                    registry_pb2.RemoveFromControlRequest(
                        document_id=act.id,
                        actor="Петренко О. І.",
                        actor_role="deputy_mayor",
                        on="2026-03-25",
                        reason="Виконано",
                        facts=DONE,
                    ),
                )
            assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
            assert "r12-s4-p4" in denied.value.details()
            assert "Зняти документ з контролю може тільки та посадова особа" in denied.value.details()
            with pytest.raises(grpc.RpcError) as failed:
                await call(
                    stubs.registry.MarkExecuted,
                    registry_pb2.MarkExecutedRequest(document_id=act.id, actor="Виконавець", on="2026-03-24"),
                )
            assert failed.value.code() == grpc.StatusCode.FAILED_PRECONDITION
            assert "r12-s4-p1-i1" in failed.value.details()
            executed = await call(
                stubs.registry.MarkExecuted,
                registry_pb2.MarkExecutedRequest(
                    document_id=act.id, actor="Виконавець", on="2026-03-24", reason="Звіт надіслано", facts=DONE
                ),
            )
            assert executed.document.control.status == common_pb2.CONTROL_STATUS_EXECUTED

            letter = await call(
                register,
                stubs,
                title="Про зняття з контролю",
                registered="2026-03-30",
                received="2026-03-30",
                attributes={},
                links=[common_pb2.DocumentLink(relation=common_pb2.LINK_RELATION_AMENDS, document_id=act.id)],
            )
            request = registry_pb2.RemoveFromControlRequest(
                request_id=uuid.uuid4().hex,
                document_id=act.id,
                actor="Відділ контролю",
                on="2026-03-30",
                reason="Виконано та закрито «До справи»",
                basis_document_id=letter.id,
            )
            removed = await call(stubs.registry.RemoveFromControl, request)
            again = await call(stubs.registry.RemoveFromControl, request)
            assert removed.changed and not again.changed
            assert removed.document.control.status == common_pb2.CONTROL_STATUS_REMOVED
            assert removed.document.control.removal_basis == "authority_document"
            event = await watch.wait_for(
                lambda e: (
                    e.type == subjects.DOCUMENT_REMOVED_FROM_CONTROL
                    and e.document_control_changed.document_id == act.id
                )
            )
            assert event.document_control_changed.control.removal_document_id == letter.id

        final = get(stubs, act.id)
        assert {o.status for o in final.obligations} == {common_pb2.OBLIGATION_STATUS_FULFILLED}
        assert [r.text for r in final.control.interim_reports] == ["Роботи тривають"]
        log = stubs.registry.GetAuditLog(registry_pb2.GetAuditLogRequest(document_id=act.id), timeout=5).entries
        actions = [e.action for e in log]
        for action in (
            "document.registered",
            "control.put",
            "control.interim_reported",
            "control.executed",
            "control.removed",
            "obligation.fulfilled",
        ):
            assert action in actions, actions
        assert actions.index("control.put") < actions.index("control.executed") < actions.index("control.removed")
        removal = next(e for e in log if e.action == "control.removed")
        assert removal.actor == "Відділ контролю" and removal.reason == "Виконано та закрито «До справи»"
        assert json.loads(removal.data_json)["basis_document_id"] == letter.id

    asyncio.run(scenario())

    # what the stream holds of this document: every step once, in order (the outbox publishes after commit)
    async def on_stream() -> list[events_pb2.Event]:
        deadline = time.monotonic() + 20
        while True:
            held = await _stream_events(nats_url, start_seq)
            mine = [e for e in held if e.document_control_changed.document_id == act_ids[0]]
            if len(mine) >= 4 or time.monotonic() > deadline:
                return held
            await asyncio.sleep(0.2)

    held = asyncio.run(on_stream())
    control = [e.type for e in held if e.document_control_changed.document_id == act_ids[0]]
    assert control == [
        subjects.DOCUMENT_PUT_ON_CONTROL,
        subjects.DOCUMENT_INTERIM_REPORTED,
        subjects.DOCUMENT_EXECUTED,
        subjects.DOCUMENT_REMOVED_FROM_CONTROL,
    ]
    created = [e for e in held if e.type == subjects.OBLIGATION_CREATED]
    assert {e.obligation_created.obligation.subject_id for e in created} >= {act_ids[0]}
    fulfilled = {e.obligation_status_changed.obligation_id for e in held if e.type == subjects.OBLIGATION_FULFILLED}
    final = get(stubs, act_ids[0])
    assert {o.id for o in final.obligations} <= fulfilled  # each obligation's fulfilment was announced


def test_status_and_term_changes_from_the_deadlines_service_are_stored(stubs: Stubs, nats_server: NatsServer) -> None:
    today = dt.date.today().isoformat()
    doc = register(stubs, registered="", received="", attributes={})
    doc = wait_until(lambda: get(stubs, doc.id), lambda d: bool(status_of(d, "r12-s3-p2.3")))
    [ob] = [o for o in doc.obligations if o.clause.clause == "r12-s3-p2.3"]
    new_due = (dt.date.fromisoformat(ob.due) + dt.timedelta(days=30)).isoformat()

    async def publish() -> None:
        nc = await nats.connect(nats_server.url)
        js = nc.jetstream()
        violated = envelope.make_event(
            subjects.OBLIGATION_VIOLATED,
            municipality="vinnytsia",
            reglament=VINNYTSIA,
            body=events_pb2.ObligationStatusChanged(
                obligation_id=ob.id,
                subject_id=doc.id,
                status=common_pb2.OBLIGATION_STATUS_VIOLATED,
                reason="Строк минув",
                clause=ob.clause,
            ),
        )
        changed = envelope.make_event(
            subjects.OBLIGATION_TERM_CHANGED,
            municipality="vinnytsia",
            reglament=VINNYTSIA,
            body=events_pb2.TermChanged(
                obligation_id=ob.id,
                subject_id=doc.id,
                previous_due=ob.due,
                new_due=new_due,
                actor="Міський голова",
                actor_role="set_term",
                reason="Обґрунтоване прохання виконавця",
                clause=ob.clause,
            ),
        )
        for event in (violated, violated, changed):  # the repeat is a redelivery: stored once
            await js.publish(
                envelope.subject_of(event), event.SerializeToString(), headers={"Nats-Msg-Id": uuid.uuid4().hex}
            )
            if event is violated:
                await asyncio.to_thread(
                    wait_until,
                    lambda: get(stubs, doc.id),
                    lambda d: common_pb2.OBLIGATION_STATUS_VIOLATED in status_of(d, "r12-s3-p2.3"),
                )
        await nc.close()

    asyncio.run(publish())
    after = wait_until(lambda: get(stubs, doc.id), lambda d: any(o.due == new_due for o in d.obligations))
    [moved] = [o for o in after.obligations if o.id == ob.id]
    assert (moved.due, moved.status) == (new_due, common_pb2.OBLIGATION_STATUS_PENDING)
    listed = stubs.registry.ListDocuments(
        registry_pb2.ListDocumentsRequest(overdue=True, as_of=today, registered_from=today), timeout=5
    )
    assert doc.id not in {d.id for d in listed.documents}
    actions = [
        e.action
        for e in stubs.registry.GetAuditLog(registry_pb2.GetAuditLogRequest(document_id=doc.id), timeout=5).entries
    ]
    assert actions.count("obligation.violated") == 1 and "obligation.term_changed" in actions


@pytest.mark.parametrize(
    ("call", "message", "field"),
    [
        ("PutOnControl", registry_pb2.PutOnControlRequest(document_id="nope", actor="x"), "document_id"),
        ("PutOnControl", registry_pb2.PutOnControlRequest(document_id="0" * 32, actor=""), "actor"),
        ("PutOnControl", registry_pb2.PutOnControlRequest(document_id="0" * 32, actor="x", on="01.03.2026"), "on"),
        (
            "MarkExecuted",
            registry_pb2.MarkExecutedRequest(document_id="0" * 32, actor="x", request_id="r" * 129),
            "request_id",
        ),
        ("RemoveFromControl", registry_pb2.RemoveFromControlRequest(document_id="0" * 32, actor="x"), "reason"),
        ("RecordInterimReport", registry_pb2.RecordInterimReportRequest(document_id="0" * 32, actor="x"), "text"),
        ("ListDocuments", registry_pb2.ListDocumentsRequest(due_from="2026-02-30"), "due_from"),
        ("ListDocuments", registry_pb2.ListDocumentsRequest(status=99), "status"),
        ("ListDocuments", registry_pb2.ListDocumentsRequest(responsible_only=True), "responsible_only"),
        (
            "ControlReport",
            registry_pb2.ControlReportRequest(reglament=VINNYTSIA, period_from="2026-01-01"),
            "period_to",
        ),
        ("GetAuditLog", registry_pb2.GetAuditLogRequest(document_id=""), "document_id"),
    ],
)
def test_bad_requests_are_refused_naming_the_field(stubs: Stubs, call: str, message: Any, field: str) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        getattr(stubs.registry, call)(message, timeout=5)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in (caught.value.details() or "")


def test_a_request_id_used_again_for_another_registration_is_refused(stubs: Stubs) -> None:
    request_id = uuid.uuid4().hex
    first = register(stubs, request_id=request_id, attributes={})
    assert register(stubs, request_id=request_id, attributes={}).id == first.id  # a retry
    for changed in ({"title": "Інший лист"}, {"kind": common_pb2.DOCUMENT_KIND_MAYOR_ORDER}):
        with pytest.raises(grpc.RpcError) as caught:
            register(stubs, request_id=request_id, attributes={}, **changed)
        assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "request_id" in (caught.value.details() or "")


def test_a_registration_dated_after_today_is_refused(stubs: Stubs) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()  # after today in Kyiv whatever the hour
    with pytest.raises(grpc.RpcError) as caught:
        register(stubs, registered=tomorrow, received="", attributes={})
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert (caught.value.details() or "").startswith("registered:")


def test_control_of_an_unknown_document_is_not_found(stubs: Stubs) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        stubs.registry.PutOnControl(registry_pb2.PutOnControlRequest(document_id="0" * 32, actor="x"), timeout=5)
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"tasks": [common_pb2.Task(text="", due="2026-04-01")]}, "tasks[0].text"),
        ({"tasks": [common_pb2.Task(text="Зробити", due="2026-03-01")]}, "tasks[0].due"),
        (
            {"links": [common_pb2.DocumentLink(relation=common_pb2.LINK_RELATION_ANSWER_TO, document_id="x")]},
            "links[0].document_id",
        ),
        (
            {"links": [common_pb2.DocumentLink(relation=common_pb2.LINK_RELATION_REPEATS, document_id="0" * 32)]},
            "links[0].relation",
        ),
        ({"attachments": [common_pb2.Attachment(name="a.pdf", sha256="xyz")]}, "attachments[0].sha256"),
        ({"signed": "2026-03-05"}, "signed"),
        ({"topic": "т" * 201}, "topic"),
        ({"attributes": {"executed": "true"}}, "attributes[executed]"),
    ],
)
def test_bad_document_parts_are_refused_naming_the_field(stubs: Stubs, fields: dict[str, Any], field: str) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        register(stubs, **fields)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in (caught.value.details() or "")


def test_a_document_with_tasks_links_and_attachments_reads_back(stubs: Stubs) -> None:
    appeal = register(
        stubs, kind=common_pb2.DOCUMENT_KIND_APPEAL, correspondent="Гнатюк Т. С.", attributes={}, topic="ремонт ліфта"
    )
    answer = register(
        stubs,
        kind=common_pb2.DOCUMENT_KIND_OUTGOING,
        correspondent="Гнатюк Т. С.",
        signed="2026-03-02",
        attributes={},
        tasks=[common_pb2.Task(text="Відремонтувати ліфт", due="2026-04-15", executors=["КП «Ліфтсервіс»"])],
        links=[common_pb2.DocumentLink(relation=common_pb2.LINK_RELATION_ANSWER_TO, document_id=appeal.id)],
        attachments=[
            common_pb2.Attachment(name="відповідь.pdf", media_type="application/pdf", size_bytes=1000, pages=2)
        ],
    )
    stored = get(stubs, answer.id)
    assert [(t.text, t.due, list(t.executors)) for t in stored.tasks] == [
        ("Відремонтувати ліфт", "2026-04-15", ["КП «Ліфтсервіс»"])
    ]
    assert [(link.document_id, link.number, link.journal) for link in stored.links] == [
        (appeal.id, appeal.number, "appeal")
    ]
    assert stored.attachments[0].name == "відповідь.pdf" and stored.signed == "2026-03-02"
    with pytest.raises(grpc.RpcError) as caught:
        register(stubs, links=[common_pb2.DocumentLink(relation=common_pb2.LINK_RELATION_AMENDS, document_id="f" * 32)])
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


def test_documents_are_listed_by_executor_status_and_overdue_in_pages(stubs: Stubs) -> None:
    unit = f"Управління {uuid.uuid4().hex[:8]}"
    docs = [
        register(
            stubs,
            executors=[unit] if i % 2 else ["Інший відділ", unit],
            registered="2026-01-05",
            received="2026-01-05",
            attributes={},
        )
        for i in range(5)
    ]
    controlled = docs[0]
    stubs.registry.PutOnControl(
        registry_pb2.PutOnControlRequest(
            document_id=controlled.id,
            actor="Відділ контролю",
            controller="Петренко О. І.",
            on="2026-01-06",
            due="2026-01-20",
        ),
        timeout=5,
    )

    def listed(**fields: Any) -> list[str]:
        ids, token = [], ""
        while True:
            page = stubs.registry.ListDocuments(
                registry_pb2.ListDocumentsRequest(page_size=2, page_token=token, **fields), timeout=5
            )
            ids += [d.id for d in page.documents]
            token = page.next_page_token
            if not token:
                return ids

    assert set(listed(executor=unit)) == {d.id for d in docs}
    assert set(listed(executor=unit, responsible_only=True)) == {d.id for d in docs[1::2]}
    assert listed(executor=unit, status=ON_CONTROL) == [controlled.id]
    assert listed(executor=unit, status=ON_CONTROL, overdue=True, as_of="2026-01-19") == []
    assert listed(executor=unit, status=ON_CONTROL, overdue=True, as_of="2026-01-21") == [controlled.id]
    assert listed(executor=unit, due_from="2026-01-15", due_to="2026-01-25") == [controlled.id]


def test_fifty_concurrent_clients_get_gapless_numbers_through_grpc(stubs: Stubs) -> None:
    async def register_all() -> list[str]:
        async with grpc.aio.insecure_channel(stubs.mesh.address("registry")) as channel:
            from reglament.v1 import registry_pb2_grpc

            stub = registry_pb2_grpc.RegistryStub(channel)
            replies = await asyncio.gather(
                *(
                    stub.RegisterDocument(
                        registry_pb2.RegisterDocumentRequest(
                            request_id=f"concurrent-{i}",
                            reglament=VINNYTSIA,
                            kind=common_pb2.DOCUMENT_KIND_DEPUTY_APPEAL,
                            title=f"Депутатське звернення {i}",
                            correspondent=f"Депутат {i}",
                            registered="2012-05-14",
                            executors=["Секретаріат"],
                        ),
                        timeout=30,
                    )
                    for i in range(50)
                )
            )
            return [r.document.number for r in replies]

    numbers = asyncio.run(register_all())
    assert sorted(int(n) for n in numbers) == list(range(1, 51))


def test_a_generated_year_plays_into_the_registry_and_its_report_is_the_expected_one(stubs: Stubs) -> None:
    register_ = generate(load_profile(), scale=0.03, seed=11, year=2013)
    result = asyncio.run(load(register_, stubs.mesh.address("registry"), reglament=VINNYTSIA, in_flight=16))
    assert result.refused == []
    reply = stubs.registry.ControlReport(
        registry_pb2.ControlReportRequest(reglament=VINNYTSIA, period_from="2013-01-01", period_to="2013-12-31"),
        timeout=30,
    )
    expected = register_.expected_report(dt.date(2013, 1, 1), dt.date(2013, 12, 31))
    got = {r.category: r for r in reply.rows}
    assert set(got) == set(expected)
    for category, row in expected.items():
        assert [
            getattr(got[category], f)
            for f in (
                "registered",
                "put_on_control",
                "carried_over",
                "executed",
                "executed_late",
                "removed",
                "open_at_end",
                "overdue",
            )
        ] == [
            row.registered,
            row.put_on_control,
            row.carried_over,
            row.executed,
            row.executed_late,
            row.removed,
            row.open_at_end,
            row.overdue,
        ], category
    assert reply.total.registered == sum(r.registered for r in expected.values())
    # played again: every call is a retry of the first, nothing changes
    again = asyncio.run(load(register_, stubs.mesh.address("registry"), reglament=VINNYTSIA, in_flight=16))
    assert again.refused == [] and again.ids == result.ids
    assert (
        stubs.registry.ControlReport(
            registry_pb2.ControlReportRequest(reglament=VINNYTSIA, period_from="2013-01-01", period_to="2013-12-31"),
            timeout=30,
        )
        == reply
    )
