"""From registered documents to the obligations the deadlines service creates and tracks (no I/O)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reglament.documents import facts_of
from reglament.domain import Document, Obligation, ObligationStatus
from reglament.due import statute_obligations
from reglament.errors import DomainError
from reglament.legaltime.statute import load_statute
from reglament.legaltime.tracking import TermSetter, TrackedObligation, setter_from_control, setter_of_document
from reglament.rules.evaluate import Evaluation, evaluate, evaluate_many, obligation_id
from reglament.rules.loader import Reglament, load_reglament
from reglament.rules.schema import Subject
from reglament.v1 import events_pb2
from services import convert


@dataclass(frozen=True)
class Evaluated:
    """One registered document and everything its evaluation created."""

    event: events_pb2.Event
    document: Document
    reglament: Reglament
    facts: dict[str, Any]
    obligations: list[Obligation]


def _key_of(ob: Obligation, document_id: str) -> str:
    """The encoding key an obligation id was derived from (its clause, or clause#variant)."""
    source = ob.ref.reglament
    try:
        reglament = load_reglament(source)
        keys = [e.key for e in reglament.by_clause(ob.ref.clause) if e.obligation is not None]
    except LookupError:
        keys = [p.key for p in load_statute(source).provisions_of(ob.ref.clause)]
    for key in keys:
        if obligation_id(document_id, source, key) == ob.id:
            return key
    return ob.ref.clause


def tracked(item: Evaluated) -> list[TrackedObligation]:
    """What the service records about each obligation of a document before announcing it."""
    doc, reglament = item.document, item.reglament
    setter = setter_of_document(reglament.id, doc.kind, item.facts)
    return [
        TrackedObligation(
            id=ob.id,
            source=ob.ref.reglament,
            reglament=doc.reglament,
            municipality=reglament.meta.municipality,
            subject_id=doc.id,
            document_kind=doc.kind,
            document_number=doc.number,
            clause=ob.ref.clause,
            key=_key_of(ob, doc.id),
            quote=ob.ref.quote,
            interpretation=ob.ref.interpretation,
            bearer=ob.bearer,
            action=ob.action,
            due=ob.due,
            original_due=ob.due,
            status=ObligationStatus.PENDING,
            executors=tuple(doc.executors),
            setter=setter,
            facts=dict(item.facts),
            explanation=tuple(ob.explanation),
        )
        for ob in item.obligations
    ]


@dataclass(frozen=True)
class ControlRecord:
    """What the registry's `document.put_on_control` says: who put the document on control, when, how long."""

    controller: str
    controller_role: str
    put_on: dt.date | None
    long_term: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "controller": self.controller,
            "controller_role": self.controller_role,
            "put_on": self.put_on.isoformat() if self.put_on else "",
            "long_term": self.long_term,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ControlRecord:
        put_on = str(data.get("put_on") or "")
        return cls(
            controller=str(data.get("controller", "")),
            controller_role=str(data.get("controller_role", "")),
            put_on=dt.date.fromisoformat(put_on) if put_on else None,
            long_term=bool(data.get("long_term", False)),
        )


def control_state_key(subject_id: str) -> str:
    """Where the service keeps a document's control record (the state table)."""
    return f"control:{subject_id}"


def created_elsewhere(ob: Obligation, context: TrackedObligation, control: ControlRecord | None) -> TrackedObligation:
    """An obligation another service created (the registry's long-term control, r10-s2-p8) as this service
    tracks it: the document as it was registered (`context`, an obligation tracked since then), and as
    setter of the term whoever put the document on control, as the registry recorded it; without a
    control record, the setter recorded for the document."""
    setter: TermSetter | None = None
    facts = dict(context.facts)
    if control is not None:
        setter = setter_from_control(control.controller, control.controller_role)
        if control.put_on is not None:
            facts["on_control"] = True
            if control.long_term:
                facts["long_term_control"] = control.put_on
    if setter is None:
        setter = setter_of_document(context.reglament, context.document_kind, context.facts)
    return TrackedObligation(
        id=ob.id,
        source=ob.ref.reglament,
        reglament=context.reglament,
        municipality=context.municipality,
        subject_id=ob.subject_id,
        document_kind=context.document_kind,
        document_number=context.document_number,
        clause=ob.ref.clause,
        key=_key_of(ob, ob.subject_id),
        quote=ob.ref.quote,
        interpretation=ob.ref.interpretation,
        bearer=ob.bearer,
        action=ob.action,
        due=ob.due,
        original_due=ob.due,
        status=ObligationStatus.PENDING,
        executors=context.executors,
        setter=setter,
        facts=facts,
        explanation=tuple(ob.explanation),
    )


def obligations_of(
    reglament: Reglament, facts: Mapping[str, Any], result: Evaluation, subject_id: str
) -> list[Obligation]:
    """The reglament's obligations and those of the statutes it defers to."""
    return [*result.obligations, *statute_obligations(reglament, facts, subject_id=subject_id)]


def evaluate_documents(events: Sequence[events_pb2.Event], today: dt.date | None = None) -> list[str | Evaluated]:
    """Runs in a worker thread. Documents of one reglament go to the engine in one trip
    (evaluate_many); if that trip fails on one document's facts, each is evaluated alone so the
    others still get their obligations and only the bad one is refused (its reason is returned)."""
    out: list[str | Evaluated] = [""] * len(events)
    groups: dict[str, list[tuple[int, Document, dict[str, Any]]]] = {}
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
        groups.setdefault(doc.reglament, []).append((index, doc, facts))
    for reglament_id, items in groups.items():
        reglament = reglaments[reglament_id]
        try:
            results = evaluate_many(
                reglament,
                Subject.DOCUMENT,
                [f for _, _, f in items],
                subject_ids=[d.id for _, d, _ in items],
                today=today,
            )
        except (ValueError, DomainError):
            results = []
            for index, doc, facts in items:
                try:
                    results.append(evaluate(reglament, Subject.DOCUMENT, facts, subject_id=doc.id, today=today))
                except (ValueError, DomainError) as exc:
                    out[index] = f"document cannot be evaluated: {exc}"
                    results.append(Evaluation())
        for (index, doc, facts), result in zip(items, results, strict=True):
            if out[index]:
                continue
            try:
                obligations = obligations_of(reglament, facts, result, doc.id)
            except ValueError as exc:
                out[index] = f"document cannot be evaluated: {exc}"
                continue
            out[index] = Evaluated(events[index], doc, reglament, facts, obligations)
    return out
