"""Translation between reglament.v1 messages and domain records (no legal decisions here)."""

from __future__ import annotations

import datetime as dt

from reglament.domain import ClauseRef, Document, Finding, Obligation, ObligationStatus
from reglament.errors import InvalidArgument
from reglament.v1 import common_pb2

_KIND_PREFIX = "DOCUMENT_KIND_"


def kind_name(value: int) -> str:
    """DOCUMENT_KIND_INCOMING → "incoming"; unknown numbers and UNSPECIFIED → ""."""
    try:
        name = common_pb2.DocumentKind.Name(value)
    except ValueError:
        return ""
    return "" if name.endswith("UNSPECIFIED") else name.removeprefix(_KIND_PREFIX).lower()


def kind_value(name: str) -> common_pb2.DocumentKind:
    try:
        return common_pb2.DocumentKind.Value(_KIND_PREFIX + name.upper())
    except ValueError:
        raise InvalidArgument(f"unknown document kind {name!r}", field="kind") from None


def iso(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    return value.isoformat()


def clause_ref(ref: ClauseRef) -> common_pb2.ClauseRef:
    return common_pb2.ClauseRef(
        reglament=ref.reglament, clause=ref.clause, quote=ref.quote, interpretation=ref.interpretation
    )


def clause_ref_from(msg: common_pb2.ClauseRef) -> ClauseRef:
    return ClauseRef(reglament=msg.reglament, clause=msg.clause, quote=msg.quote, interpretation=msg.interpretation)


_STATUS = {s: common_pb2.ObligationStatus.Value("OBLIGATION_STATUS_" + s.name) for s in ObligationStatus}
_STATUS_BACK = {v: k for k, v in _STATUS.items()}
_SEVERITY = {
    "violation": common_pb2.SEVERITY_VIOLATION,
    "warning": common_pb2.SEVERITY_WARNING,
    "info": common_pb2.SEVERITY_INFO,
}


def obligation(ob: Obligation) -> common_pb2.Obligation:
    return common_pb2.Obligation(
        id=ob.id,
        clause=clause_ref(ob.ref),
        subject_id=ob.subject_id,
        bearer=ob.bearer,
        action=ob.action,
        due=iso(ob.due),
        explanation=list(ob.explanation),
        status=_STATUS[ob.status],
    )


def parse_due(value: str) -> dt.date | dt.datetime:
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


def obligation_from(msg: common_pb2.Obligation) -> Obligation:
    if not msg.id or not msg.subject_id or not msg.clause.clause:
        raise ValueError("obligation needs id, subject_id and clause")
    return Obligation(
        id=msg.id,
        ref=clause_ref_from(msg.clause),
        subject_id=msg.subject_id,
        bearer=msg.bearer,
        action=msg.action,
        due=parse_due(msg.due),
        explanation=tuple(msg.explanation),
        status=_STATUS_BACK.get(msg.status, ObligationStatus.PENDING),
    )


def finding(f: Finding) -> common_pb2.Finding:
    return common_pb2.Finding(
        clause=clause_ref(f.ref),
        severity=_SEVERITY.get(f.severity, common_pb2.SEVERITY_UNSPECIFIED),
        message=f.message,
        facts={k: iso(v) if isinstance(v, dt.date) else str(v) for k, v in f.facts.items()},
    )


def document(doc: Document, obligations: list[Obligation] | None = None) -> common_pb2.Document:
    return common_pb2.Document(
        id=doc.id,
        reglament=doc.reglament,
        kind=kind_value(doc.kind),
        journal=doc.journal,
        number=doc.number,
        title=doc.title,
        correspondent=doc.correspondent,
        received=iso(doc.received),
        registered=iso(doc.registered),
        due_date=iso(doc.due_date),
        urgent=doc.urgent,
        for_information=doc.for_information,
        restricted=doc.restricted,
        simple=doc.simple,
        executors=list(doc.executors),
        attributes=dict(doc.attributes),
        obligations=[obligation(o) for o in obligations or []],
    )


def document_from(msg: common_pb2.Document) -> Document:
    """A Document carried in an event; raises ValueError when it cannot be a registered document."""
    if not msg.id or not msg.reglament or not msg.registered:
        raise ValueError("document needs id, reglament and registered")
    kind = kind_name(msg.kind)
    if not kind:
        raise ValueError(f"document kind {msg.kind} is not a known kind")
    return Document(
        id=msg.id,
        reglament=msg.reglament,
        kind=kind,
        journal=msg.journal,
        number=msg.number,
        title=msg.title,
        correspondent=msg.correspondent,
        received=dt.date.fromisoformat(msg.received) if msg.received else None,
        registered=dt.date.fromisoformat(msg.registered),
        due_date=dt.date.fromisoformat(msg.due_date) if msg.due_date else None,
        urgent=msg.urgent,
        for_information=msg.for_information,
        restricted=msg.restricted,
        simple=msg.simple,
        executors=tuple(msg.executors),
        attributes=dict(msg.attributes),
    )
