"""reglament.v1.Registry: translates RPCs to the registry store and publishes `document.registered`."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from typing import TYPE_CHECKING

import grpc

from reglament.documents import (
    MAX_ACTOR,
    parse_date,
    text_field,
    validate_registration,
    validate_request_id,
)
from reglament.domain import LinkRelation
from reglament.errors import FailedPrecondition, InvalidArgument, NotFound
from reglament.events import envelope, subjects
from reglament.store import errors as store_errors
from reglament.store.documents import DocumentFilter
from reglament.v1 import common_pb2, events_pb2, registry_pb2, registry_pb2_grpc
from services import convert
from services.registry.store import MAX_BASIS, MAX_INTERIM, MAX_REASON, StepResult
from services.rulebook import reglament_or_not_found, today_kyiv
from services.runtime import rpc

if TYPE_CHECKING:
    from services.registry.service import RegistryService

MAX_PAGE = 500
DEFAULT_PAGE = 50
_DOCUMENT_ID = re.compile(r"^[0-9a-f]{32}$")


def registered_event(doc: common_pb2.Document, municipality: str) -> events_pb2.Event:
    """The event of a registration; its id depends only on the document, so a retry is deduplicated."""
    return envelope.make_event(
        subjects.DOCUMENT_REGISTERED,
        municipality=municipality,
        reglament=doc.reglament,
        body=events_pb2.DocumentRegistered(document=doc),
        event_id=envelope.deterministic_id(subjects.DOCUMENT_REGISTERED, doc.id),
    )


def _document_id(value: str, field_name: str = "document_id") -> str:
    if not value:
        raise InvalidArgument("is required", field=field_name)
    if not _DOCUMENT_ID.match(value):
        raise InvalidArgument("is not a registry document id (32 hex characters)", field=field_name)
    return value


def _actor(value: str, field_name: str = "actor") -> str:
    return text_field(value, field_name, MAX_ACTOR, required=True)


def _day(value: str, field_name: str) -> dt.date:
    return parse_date(value, field_name) or today_kyiv()


class RegistryServicer(registry_pb2_grpc.RegistryServicer):
    def __init__(self, service: RegistryService) -> None:
        self.service = service

    # -- documents -------------------------------------------------------------------------------

    @rpc
    async def RegisterDocument(
        self, request: registry_pb2.RegisterDocumentRequest, context: grpc.aio.ServicerContext
    ) -> registry_pb2.RegisterDocumentResponse:
        request_id = validate_request_id(request.request_id)
        reglament = reglament_or_not_found(request.reglament)
        actor = text_field(request.actor, "actor", MAX_ACTOR) or "registry"
        new = validate_registration(
            reglament=request.reglament,
            kind=convert.kind_name(request.kind),
            title=request.title,
            correspondent=request.correspondent,
            received=request.received,
            registered=request.registered,
            due_date=request.due_date,
            urgent=request.urgent,
            for_information=request.for_information,
            restricted=request.restricted,
            simple=request.simple,
            executors=list(request.executors),
            attributes=dict(request.attributes),
            facts=reglament.facts(),
            today=today_kyiv(),
            signed=request.signed,
            tasks=[(t.text, t.due, list(t.executors)) for t in request.tasks],
            links=[(convert.relation_name(link.relation), link.document_id) for link in request.links],
            attachments=[(a.name, a.media_type, a.size_bytes, a.pages, a.sha256) for a in request.attachments],
            topic=request.topic,
        )
        bus = self.service.bus
        if bus is None:
            raise FailedPrecondition("the event bus is not connected yet; retry shortly", field="")
        batcher = self.service.batcher
        assert batcher is not None
        doc, created = await batcher.register(new, request_id, actor)
        if created and any(link.relation is LinkRelation.ANSWER_TO for link in doc.links):
            self.service.outbox_changed()  # the answer may have settled the answered document's obligations
        message = convert.document(doc)
        # Published on every call, retries included: the deterministic event id lets JetStream drop
        # the duplicate, and a retry heals a registration whose first publish was lost.
        await bus.publish(registered_event(message, reglament.meta.municipality))
        return registry_pb2.RegisterDocumentResponse(document=message, created=created, findings=message.findings)

    @rpc
    async def GetDocument(
        self, request: registry_pb2.GetDocumentRequest, context: grpc.aio.ServicerContext
    ) -> common_pb2.Document:
        if not request.id:
            raise InvalidArgument("is required", field="id")
        if len(request.id) > 64:
            raise InvalidArgument("is longer than 64 characters", field="id")
        view = await asyncio.to_thread(self.service.store.view, request.id)
        if view is None:
            raise NotFound(f"no document with id {request.id!r}", field="id")
        return convert.document(view.document, view.obligations, view.control, view.linked)

    @rpc
    async def ListDocuments(
        self, request: registry_pb2.ListDocumentsRequest, context: grpc.aio.ServicerContext
    ) -> registry_pb2.ListDocumentsResponse:
        if request.page_size < 0 or request.page_size > MAX_PAGE:
            raise InvalidArgument(f"must be 0..{MAX_PAGE}", field="page_size")
        kind = convert.kind_name(request.kind) if request.kind else None
        if request.kind and not kind:
            raise InvalidArgument(f"unknown document kind {request.kind}", field="kind")
        try:
            status = convert.control_status_name(request.status)
        except ValueError:
            raise InvalidArgument(f"unknown control status {request.status}", field="status") from None
        due_from = parse_date(request.due_from, "due_from")
        due_to = parse_date(request.due_to, "due_to")
        if due_from and due_to and due_to < due_from:
            raise InvalidArgument(f"{due_to} is before due_from {due_from}", field="due_to")
        registered_from = parse_date(request.registered_from, "registered_from")
        registered_to = parse_date(request.registered_to, "registered_to")
        if registered_from and registered_to and registered_to < registered_from:
            raise InvalidArgument(f"{registered_to} is before registered_from {registered_from}", field="registered_to")
        as_of = parse_date(request.as_of, "as_of")
        if as_of and not request.overdue:
            raise InvalidArgument("is only used with overdue", field="as_of")
        executor = text_field(request.executor, "executor", MAX_ACTOR) or None
        if request.responsible_only and executor is None:
            raise InvalidArgument("needs executor", field="responsible_only")
        journal = text_field(request.journal, "journal", 100) or None
        where = DocumentFilter(
            journal=journal,
            status=status,
            executor=executor,
            responsible_only=request.responsible_only,
            due_from=due_from,
            due_to=due_to,
            overdue_on=(as_of or today_kyiv()) if request.overdue else None,
            registered_from=registered_from,
            registered_to=registered_to,
        )
        store = self.service.store
        try:
            docs, token = await asyncio.to_thread(
                lambda: store.list_documents(
                    reglament=request.reglament or None,
                    kind=kind,
                    page_size=request.page_size or DEFAULT_PAGE,
                    page_token=request.page_token or None,
                    where=where,
                )
            )
        except store_errors.InvalidArgument as exc:
            raise InvalidArgument(exc.message, field=exc.field) from exc
        return registry_pb2.ListDocumentsResponse(
            documents=[convert.document(d, control_record=c) for d, c in docs], next_page_token=token or ""
        )

    # -- control ---------------------------------------------------------------------------------

    @rpc
    async def PutOnControl(
        self, request: registry_pb2.PutOnControlRequest, context: grpc.aio.ServicerContext
    ) -> registry_pb2.ControlResponse:
        document_id = _document_id(request.document_id)
        result = await asyncio.to_thread(
            lambda: self.service.store.put_on_control(
                document_id,
                actor=_actor(request.actor),
                controller=text_field(request.controller, "controller", 500),
                controller_role=text_field(request.controller_role, "controller_role", 100),
                on=_day(request.on, "on"),
                due=parse_date(request.due, "due"),
                long_term=request.long_term,
                basis=text_field(request.basis, "basis", MAX_BASIS),
                request_id=validate_request_id(request.request_id),
                today=today_kyiv(),
            )
        )
        return self._answer(result)

    @rpc
    async def RecordInterimReport(
        self, request: registry_pb2.RecordInterimReportRequest, context: grpc.aio.ServicerContext
    ) -> registry_pb2.ControlResponse:
        document_id = _document_id(request.document_id)
        result = await asyncio.to_thread(
            lambda: self.service.store.record_interim(
                document_id,
                actor=_actor(request.actor),
                on=_day(request.on, "on"),
                text=text_field(request.text, "text", MAX_INTERIM, required=True),
                request_id=validate_request_id(request.request_id),
                today=today_kyiv(),
            )
        )
        return self._answer(result)

    @rpc
    async def MarkExecuted(
        self, request: registry_pb2.MarkExecutedRequest, context: grpc.aio.ServicerContext
    ) -> registry_pb2.ControlResponse:
        document_id = _document_id(request.document_id)
        result = await asyncio.to_thread(
            lambda: self.service.store.mark_executed(
                document_id,
                actor=_actor(request.actor),
                on=_day(request.on, "on"),
                reason=text_field(request.reason, "reason", MAX_REASON),
                facts=dict(request.facts),
                request_id=validate_request_id(request.request_id),
                today=today_kyiv(),
            )
        )
        return self._answer(result)

    @rpc
    async def RemoveFromControl(
        self, request: registry_pb2.RemoveFromControlRequest, context: grpc.aio.ServicerContext
    ) -> registry_pb2.ControlResponse:
        document_id = _document_id(request.document_id)
        basis_id = _document_id(request.basis_document_id, "basis_document_id") if request.basis_document_id else ""
        result = await asyncio.to_thread(
            lambda: self.service.store.remove_from_control(
                document_id,
                actor=_actor(request.actor),
                actor_role=text_field(request.actor_role, "actor_role", 100),
                on=_day(request.on, "on"),
                reason=text_field(request.reason, "reason", MAX_REASON, required=True),
                basis_document_id=basis_id,
                facts=dict(request.facts),
                request_id=validate_request_id(request.request_id),
                today=today_kyiv(),
            )
        )
        return self._answer(result)

    def _answer(self, result: StepResult) -> registry_pb2.ControlResponse:
        if result.changed:
            self.service.outbox_changed()
        view = result.view
        return registry_pb2.ControlResponse(
            document=convert.document(view.document, view.obligations, view.control, view.linked),
            changed=result.changed,
            findings=[convert.finding(f) for f in result.warnings],
        )

    # -- audit and reports -----------------------------------------------------------------------

    @rpc
    async def GetAuditLog(
        self, request: registry_pb2.GetAuditLogRequest, context: grpc.aio.ServicerContext
    ) -> registry_pb2.GetAuditLogResponse:
        document_id = _document_id(request.document_id)
        store = self.service.store
        if await asyncio.to_thread(store.get_document, document_id) is None:
            raise NotFound(f"no document with id {document_id!r}", field="document_id")
        entries = await asyncio.to_thread(store.audit_for, document_id)
        return registry_pb2.GetAuditLogResponse(
            entries=[
                registry_pb2.AuditEntry(
                    id=e.id,
                    subject_id=e.subject_id,
                    actor=e.actor,
                    at=e.at.isoformat(timespec="seconds"),
                    action=e.action,
                    reason=e.reason,
                    data_json=json.dumps(e.data, ensure_ascii=False, sort_keys=True, default=str),
                )
                for e in entries
            ]
        )

    @rpc
    async def ControlReport(
        self, request: registry_pb2.ControlReportRequest, context: grpc.aio.ServicerContext
    ) -> registry_pb2.ControlReportResponse:
        reglament = reglament_or_not_found(request.reglament)
        start = parse_date(request.period_from, "period_from", required=True)
        end = parse_date(request.period_to, "period_to", required=True)
        assert start is not None and end is not None
        try:
            rows, total = await asyncio.to_thread(self.service.store.control_report, reglament.id, start, end)
        except store_errors.InvalidArgument as exc:
            raise InvalidArgument(exc.message, field=exc.field) from exc

        def row(r: object) -> registry_pb2.ControlReportRow:
            return registry_pb2.ControlReportRow(**{k: getattr(r, k) for k in _ROW_FIELDS})

        return registry_pb2.ControlReportResponse(
            reglament=reglament.id,
            period_from=start.isoformat(),
            period_to=end.isoformat(),
            rows=[row(r) for r in rows],
            total=row(total),
        )


_ROW_FIELDS = (
    "category",
    "registered",
    "put_on_control",
    "carried_over",
    "executed",
    "executed_late",
    "removed",
    "open_at_end",
    "overdue",
)
