"""The deadlines service: the Deadlines servicer and the consumer that turns registered documents
into obligations."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import grpc

from reglament.documents import facts_of
from reglament.errors import DomainError
from reglament.events import envelope, subjects
from reglament.events.bus import Bus, PullConsumer
from reglament.rules.evaluate import Evaluation, evaluate, evaluate_many
from reglament.rules.loader import Reglament, load_reglament
from reglament.rules.schema import Subject
from reglament.v1 import deadlines_pb2_grpc, events_pb2
from services import convert
from services.deadlines.servicer import DeadlinesServicer
from services.runtime import Service

log = logging.getLogger("reglament.deadlines")


class DeadlinesService(Service):
    name = "deadlines"
    grpc_services = ("reglament.v1.Deadlines",)

    def add_servicers(self, server: grpc.aio.Server) -> None:
        deadlines_pb2_grpc.add_DeadlinesServicer_to_server(DeadlinesServicer(), server)

    def make_consumers(self, bus: Bus) -> Sequence[PullConsumer]:
        return [
            PullConsumer(
                bus=bus,
                durable=subjects.DEADLINES_DOCUMENTS,
                filter_subject=subjects.any_municipality(subjects.DOCUMENT_REGISTERED),
                handler=self.on_documents_registered,
                batch=self.settings.consumer_batch,
            )
        ]

    async def on_documents_registered(self, events: list[events_pb2.Event]) -> dict[int, str]:
        """Evaluates each document and publishes one `obligation.created` per obligation. The event
        ids are derived from the obligation ids, so a redelivered document publishes nothing new."""
        assert self.bus is not None
        rejected: dict[int, str] = {}
        out: list[events_pb2.Event] = []
        evaluated = await asyncio.to_thread(self._evaluate_batch, events)
        for index, item in enumerate(evaluated):
            if isinstance(item, str):
                rejected[index] = item
                continue
            event, reglament, result = item
            total = len(result.obligations)
            for obligation in result.obligations:
                out.append(
                    envelope.make_event(
                        subjects.OBLIGATION_CREATED,
                        municipality=reglament.meta.municipality,
                        reglament=reglament.meta.id,
                        body=events_pb2.ObligationCreated(obligation=convert.obligation(obligation), of_total=total),
                        event_id=envelope.deterministic_id(subjects.OBLIGATION_CREATED, obligation.id),
                        cause=event,
                    )
                )
        await self.bus.publish_many(out)
        return rejected

    @staticmethod
    def _evaluate_batch(events: list[events_pb2.Event]) -> list[str | tuple[events_pb2.Event, Reglament, Evaluation]]:
        """Runs in a worker thread. Documents of one reglament go to the engine in one trip
        (evaluate_many); if that trip fails on one document's facts, each is evaluated alone so the
        others still get their obligations and only the bad one is dead-lettered."""
        out: list[str | tuple[events_pb2.Event, Reglament, Evaluation]] = [""] * len(events)
        groups: dict[str, list[tuple[int, str, dict[str, Any]]]] = {}
        reglaments: dict[str, Reglament] = {}
        for index, event in enumerate(events):
            try:
                doc = convert.document_from(event.document_registered.document)
                reglament = reglaments.get(doc.reglament) or load_reglament(doc.reglament)
                reglaments[doc.reglament] = reglament
                facts = facts_of(doc, reglament.facts())
            except (ValueError, LookupError, DomainError) as exc:
                out[index] = f"document cannot be evaluated: {exc}"
                continue
            groups.setdefault(doc.reglament, []).append((index, doc.id, facts))
        for reglament_id, items in groups.items():
            reglament = reglaments[reglament_id]
            try:
                results = evaluate_many(
                    reglament, Subject.DOCUMENT, [f for _, _, f in items], subject_ids=[d for _, d, _ in items]
                )
            except (ValueError, DomainError):
                results = []
                for index, doc_id, facts in items:
                    try:
                        results.append(evaluate(reglament, Subject.DOCUMENT, facts, subject_id=doc_id))
                    except (ValueError, DomainError) as exc:
                        out[index] = f"document cannot be evaluated: {exc}"
                        results.append(Evaluation())
            for (index, _, _), result in zip(items, results, strict=True):
                if not out[index]:
                    out[index] = (events[index], reglament, result)
        return out
