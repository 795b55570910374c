"""reglament.v1.Registry: translates RPCs to the store and publishes `document.registered`."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import grpc

from reglament.documents import validate_registration, validate_request_id
from reglament.errors import FailedPrecondition, InvalidArgument, NotFound
from reglament.events import envelope, subjects
from reglament.v1 import common_pb2, events_pb2, registry_pb2, registry_pb2_grpc
from services import convert
from services.rulebook import reglament_or_not_found, today_kyiv
from services.runtime import rpc

if TYPE_CHECKING:
    from services.registry.service import RegistryService

MAX_PAGE = 500
DEFAULT_PAGE = 50


def registered_event(doc: common_pb2.Document, municipality: str) -> events_pb2.Event:
    """The event of a registration; its id depends only on the document, so a retry is deduplicated."""
    return envelope.make_event(
        subjects.DOCUMENT_REGISTERED,
        municipality=municipality,
        reglament=doc.reglament,
        body=events_pb2.DocumentRegistered(document=doc),
        event_id=envelope.deterministic_id(subjects.DOCUMENT_REGISTERED, doc.id),
    )


class RegistryServicer(registry_pb2_grpc.RegistryServicer):
    def __init__(self, service: RegistryService) -> None:
        self.service = service

    @rpc
    async def RegisterDocument(
        self, request: registry_pb2.RegisterDocumentRequest, context: grpc.aio.ServicerContext
    ) -> registry_pb2.RegisterDocumentResponse:
        request_id = validate_request_id(request.request_id)
        reglament = reglament_or_not_found(request.reglament)
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
        )
        bus = self.service.bus
        if bus is None:
            raise FailedPrecondition("the event bus is not connected yet; retry shortly", field="")
        batcher = self.service.batcher
        assert batcher is not None
        doc, created = await batcher.register(new, request_id)
        message = convert.document(doc)
        # Published on every call, retries included: the deterministic event id lets JetStream drop
        # the duplicate, and a retry heals a registration whose first publish was lost.
        await bus.publish(registered_event(message, reglament.meta.municipality))
        return registry_pb2.RegisterDocumentResponse(document=message, created=created)

    @rpc
    async def GetDocument(
        self, request: registry_pb2.GetDocumentRequest, context: grpc.aio.ServicerContext
    ) -> common_pb2.Document:
        if not request.id:
            raise InvalidArgument("is required", field="id")
        if len(request.id) > 64:
            raise InvalidArgument("is longer than 64 characters", field="id")
        store = self.service.store
        doc = await asyncio.to_thread(store.get_document, request.id)
        if doc is None:
            raise NotFound(f"no document with id {request.id!r}", field="id")
        obligations = await asyncio.to_thread(store.obligations_for, doc.id)
        return convert.document(doc, obligations)

    @rpc
    async def ListDocuments(
        self, request: registry_pb2.ListDocumentsRequest, context: grpc.aio.ServicerContext
    ) -> registry_pb2.ListDocumentsResponse:
        if request.page_size < 0 or request.page_size > MAX_PAGE:
            raise InvalidArgument(f"must be 0..{MAX_PAGE}", field="page_size")
        kind = convert.kind_name(request.kind) if request.kind else None
        if request.kind and not kind:
            raise InvalidArgument(f"unknown document kind {request.kind}", field="kind")
        store = self.service.store
        try:
            docs, token = await asyncio.to_thread(
                lambda: store.list_documents(
                    reglament=request.reglament or None,
                    kind=kind,
                    page_size=request.page_size or DEFAULT_PAGE,
                    page_token=request.page_token or None,
                )
            )
        except ValueError as exc:
            raise InvalidArgument(str(exc), field="page_token") from exc
        return registry_pb2.ListDocumentsResponse(
            documents=[convert.document(d) for d in docs], next_page_token=token or ""
        )
