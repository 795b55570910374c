"""Plays a generated register into a running registry over gRPC, as the city's systems would, day by day.

Every call carries a request id derived from the register's seed and the document's key, so playing
the same register twice changes nothing the second time. Facts the target reglament does not
declare are left out of the requests.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby

import grpc

from reglament.generator.register import EXECUTED, INTERIM, PUT, REGISTER, REMOVED, Document, Register, Step
from reglament.rules.loader import load_reglament
from reglament.v1 import common_pb2, registry_pb2, registry_pb2_grpc


@dataclass
class LoadResult:
    ids: dict[str, str] = field(default_factory=dict)  # register key → registry document id
    done: Counter[str] = field(default_factory=Counter)  # action → calls answered OK
    refused: list[tuple[Step, str]] = field(default_factory=list)  # steps the registry refused, with why


def register_request(
    document: Document, *, reglament: str, seed: int, facts: Iterable[str], ids: Mapping[str, str] | None = None
) -> registry_pb2.RegisterDocumentRequest:
    """The RegisterDocument call for a generated document (attributes limited to `facts`); its links go to
    the registry ids in `ids` (register key → id) and are left out without them."""
    declared = set(facts)
    links = [
        common_pb2.DocumentLink(
            relation=common_pb2.LinkRelation.Value("LINK_RELATION_" + relation.upper()), document_id=ids[key]
        )
        for relation, key in document.links
        if ids is not None and key in ids
    ]
    return registry_pb2.RegisterDocumentRequest(
        request_id=f"gen-{seed}-{document.key}",
        reglament=reglament,
        kind=common_pb2.DocumentKind.Value("DOCUMENT_KIND_" + document.kind.upper()),
        title=document.title,
        correspondent=document.correspondent,
        received=document.received.isoformat(),
        registered=document.registered.isoformat(),
        due_date=document.due_date.isoformat() if document.due_date else "",
        signed=document.signed.isoformat() if document.signed else "",
        executors=list(document.executors),
        attributes={k: v for k, v in document.attributes.items() if k in declared},
        topic=document.topic,
        actor="Загальний відділ",
        links=links,
    )


def requests(register: Register, reglament: str) -> list[registry_pb2.RegisterDocumentRequest]:
    """Every registration of the register, in order of days."""
    facts = load_reglament(reglament).facts()
    return [register_request(d, reglament=reglament, seed=register.seed, facts=facts) for d in register.documents()]


async def load(
    register: Register,
    address: str,
    *,
    reglament: str,
    in_flight: int = 32,
    progress: Callable[[int, int], None] | None = None,
) -> LoadResult:
    """Plays every step of `register` into the registry at `address`; a day's steps go in phases
    (registrations, put on control, interim reports, executions, removals), each phase concurrently."""
    facts = set(load_reglament(reglament).facts())
    result = LoadResult()
    limit = asyncio.Semaphore(in_flight)
    total, done = len(register.steps), 0
    async with grpc.aio.insecure_channel(address) as channel:
        stub = registry_pb2_grpc.RegistryStub(channel)

        async def play(step: Step) -> None:
            async with limit:
                try:
                    await _call(stub, step, register.seed, reglament, facts, result.ids)
                    result.done[step.action] += 1
                except grpc.aio.AioRpcError as exc:
                    result.refused.append((step, f"{exc.code().name}: {exc.details()}"))
                except KeyError as exc:
                    result.refused.append((step, f"document {exc} was not registered"))

        for _, group in groupby(register.steps, key=lambda s: (s.day, s.action)):
            steps = list(group)
            await asyncio.gather(*(play(step) for step in steps))
            done += len(steps)
            if progress is not None:
                progress(done, total)
    return result


async def _call(
    stub: registry_pb2_grpc.RegistryStub,
    step: Step,
    seed: int,
    reglament: str,
    facts: set[str],
    ids: dict[str, str],
) -> None:
    request_id = f"gen-{seed}-{step.key}-{step.action}"
    on = step.day.isoformat()
    if step.action == REGISTER:
        assert step.document is not None
        reply = await stub.RegisterDocument(
            register_request(step.document, reglament=reglament, seed=seed, facts=facts, ids=ids), timeout=60
        )
        ids[step.key] = reply.document.id
    elif step.action == PUT:
        await stub.PutOnControl(
            registry_pb2.PutOnControlRequest(
                request_id=request_id,
                document_id=ids[step.key],
                actor=step.actor,
                controller=step.controller,
                controller_role=step.controller_role,
                on=on,
                due=step.due.isoformat() if step.due else "",
                basis=step.text,
            ),
            timeout=60,
        )
    elif step.action == INTERIM:
        await stub.RecordInterimReport(
            registry_pb2.RecordInterimReportRequest(
                request_id=request_id, document_id=ids[step.key], actor=step.actor, on=on, text=step.text
            ),
            timeout=60,
        )
    elif step.action == EXECUTED:
        await stub.MarkExecuted(
            registry_pb2.MarkExecutedRequest(
                request_id=request_id,
                document_id=ids[step.key],
                actor=step.actor,
                on=on,
                reason=step.text,
                facts={k: v for k, v in step.facts.items() if k in facts},
            ),
            timeout=60,
        )
    elif step.action == REMOVED:
        await stub.RemoveFromControl(
            registry_pb2.RemoveFromControlRequest(
                request_id=request_id,
                document_id=ids[step.key],
                actor=step.actor,
                actor_role=step.actor_role,
                on=on,
                reason=step.text,
                basis_document_id=ids[step.basis_key] if step.basis_key else "",
            ),
            timeout=60,
        )
