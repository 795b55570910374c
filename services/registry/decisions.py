"""Registers signed decisions and orders: the registry's consumer of `draft.signed` from the approval service.

Each signed draft is registered in its journal (decisions of the executive committee, mayor's
orders) through the registry's own registration path, with a request id derived from the draft id,
so a redelivered event registers nothing twice; then `document.registered` is published (its id
derived from the document) and the deadlines service creates the document's obligations.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING

from reglament.domain import NewDocument
from reglament.errors import DomainError
from reglament.events import subjects
from reglament.events.bus import Bus, PullConsumer
from reglament.rules.loader import load_reglament
from reglament.store import errors as store_errors
from reglament.v1 import events_pb2
from services import convert
from services.registry.servicer import registered_event
from services.rulebook import today_kyiv

if TYPE_CHECKING:
    from services.registry.service import RegistryService

REQUEST_PREFIX = "approval.draft."
"""Registration request id of a signed draft: this prefix and the draft id."""

DOCUMENT_KINDS = ("ec_decision", "mayor_order")


def request_id_of(draft_id: str) -> str:
    return f"{REQUEST_PREFIX}{draft_id}"


def new_document(event: events_pb2.Event, today: dt.date) -> NewDocument:
    """The registration a `draft.signed` event asks for; ValueError when it can never be registered."""
    body = event.draft_signed
    if not body.draft_id or len(body.draft_id) > 64:
        raise ValueError("draft_id is missing or longer than 64 characters")
    kind = convert.kind_name(body.kind)
    if kind not in DOCUMENT_KINDS:
        raise ValueError(f"kind {body.kind} is not a decision or an order")
    if not body.title:
        raise ValueError("title is empty")
    signed = dt.date.fromisoformat(body.signed) if body.signed else None
    if signed is None or signed > today:
        raise ValueError(f"signed {body.signed!r} is not a day up to today")
    load_reglament(event.reglament)  # LookupError for an unknown reglament
    return NewDocument(
        reglament=event.reglament,
        kind=kind,
        journal=kind,
        title=body.title,
        correspondent=body.correspondent,
        received=None,
        registered=today,
        signed=signed,
        urgent=body.urgent,
        restricted=body.restricted,
        executors=tuple(e for e in body.executors if e),
        attributes=dict(body.attributes),
    )


class DecisionsConsumer:
    """Registers every signed draft once and announces the registration."""

    def __init__(self, service: RegistryService) -> None:
        self.service = service

    def consumer(self, bus: Bus) -> PullConsumer:
        return PullConsumer(
            bus=bus,
            durable=subjects.REGISTRY_DECISIONS,
            filter_subject=subjects.any_municipality(subjects.DRAFT_SIGNED),
            handler=self.handle,
            batch=self.service.settings.consumer_batch,
        )

    async def handle(self, events: list[events_pb2.Event]) -> dict[int, str]:
        bus = self.service.bus
        assert bus is not None
        rejected: dict[int, str] = {}
        today = today_kyiv()
        for index, event in enumerate(events):
            try:
                new = new_document(event, today)
            except (ValueError, LookupError) as exc:
                rejected[index] = f"signed draft cannot be registered: {exc}"
                continue
            try:
                doc, _created = await asyncio.to_thread(
                    self.service.store.register, new, request_id_of(event.draft_signed.draft_id)
                )
            except (store_errors.InvalidArgument, DomainError) as exc:
                rejected[index] = f"signed draft cannot be registered: {exc}"
                continue
            reglament = load_reglament(doc.reglament)
            # Published on every delivery: the event id depends on the document, so a repeat is dropped.
            await bus.publish(registered_event(convert.document(doc), reglament.meta.municipality))
        return rejected
