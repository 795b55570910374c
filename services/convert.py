"""Translation between reglament.v1 messages and domain records (no legal decisions here)."""

from __future__ import annotations

import datetime as dt

from reglament.domain import (
    Attachment,
    ClauseRef,
    Control,
    ControlStatus,
    Document,
    DocumentLink,
    Finding,
    LinkRelation,
    Obligation,
    ObligationStatus,
    Task,
)
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


def document(
    doc: Document,
    obligations: list[Obligation] | None = None,
    control_record: Control | None = None,
    linked: dict[str, Document] | None = None,
) -> common_pb2.Document:
    """A domain document as the API shows it; `linked` gives the numbers of the linked documents."""
    linked = linked or {}
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
        signed=iso(doc.signed),
        tasks=[common_pb2.Task(text=t.text, due=iso(t.due), executors=list(t.executors)) for t in doc.tasks],
        links=[_link(link, linked.get(link.document_id)) for link in doc.links],
        attachments=[
            common_pb2.Attachment(
                name=a.name, media_type=a.media_type, size_bytes=a.size_bytes, pages=a.pages, sha256=a.sha256
            )
            for a in doc.attachments
        ],
        topic=doc.topic,
        control=control(control_record),
        findings=[finding(f) for f in doc.findings],
        routed_to=list(doc.routed_to),
        category=doc.category,
        not_considered_under=doc.not_considered_under,
    )


# -- registry: links, control -----------------------------------------------------------------------

_RELATION_PREFIX = "LINK_RELATION_"
_CONTROL_PREFIX = "CONTROL_STATUS_"


def relation_name(value: int) -> str:
    """LINK_RELATION_ANSWER_TO → "answer_to"; unknown numbers and UNSPECIFIED → ""."""
    try:
        name = common_pb2.LinkRelation.Name(value)
    except ValueError:
        return ""
    return "" if name.endswith("UNSPECIFIED") else name.removeprefix(_RELATION_PREFIX).lower()


def _link(link: DocumentLink, target: Document | None) -> common_pb2.DocumentLink:
    return common_pb2.DocumentLink(
        relation=common_pb2.LinkRelation.Value(_RELATION_PREFIX + link.relation.value.upper()),
        document_id=link.document_id,
        number=target.number if target else "",
        journal=target.journal if target else "",
    )


def control_status_value(status: ControlStatus) -> common_pb2.ControlStatus:
    return common_pb2.ControlStatus.Value(_CONTROL_PREFIX + status.name)


def control_status_name(value: int) -> ControlStatus | None:
    """CONTROL_STATUS_ON_CONTROL → ControlStatus.ON_CONTROL; UNSPECIFIED → None; unknown → ValueError."""
    name = common_pb2.ControlStatus.Name(value)
    return None if name.endswith("UNSPECIFIED") else ControlStatus[name.removeprefix(_CONTROL_PREFIX)]


def control(record: Control | None) -> common_pb2.DocumentControl:
    if record is None:
        return common_pb2.DocumentControl(status=control_status_value(ControlStatus.NOT_ON_CONTROL))
    return common_pb2.DocumentControl(
        status=control_status_value(record.status),
        controller=record.controller,
        controller_role=record.controller_role,
        put_by=record.put_by,
        put_on=iso(record.put_on),
        due=iso(record.due),
        long_term=record.long_term,
        basis=record.basis,
        executed_on=iso(record.executed_on),
        executed_by=record.executed_by,
        removed_on=iso(record.removed_on),
        removed_by=record.removed_by,
        removal_basis=record.removal_basis,
        removal_document_id=record.removal_document_id,
        interim_reports=[
            common_pb2.InterimReport(reported_on=iso(r.reported_on), actor=r.actor, text=r.text)
            for r in record.interim_reports
        ],
    )


def status_value(status: ObligationStatus) -> common_pb2.ObligationStatus:
    return _STATUS[status]


def status_from(value: int) -> ObligationStatus | None:
    """The domain status of a proto value; None for UNSPECIFIED or an unknown number."""
    return _STATUS_BACK.get(value)  # type: ignore[call-overload,unused-ignore]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


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
        received=_date(msg.received),
        registered=dt.date.fromisoformat(msg.registered),
        due_date=_date(msg.due_date),
        urgent=msg.urgent,
        for_information=msg.for_information,
        restricted=msg.restricted,
        simple=msg.simple,
        executors=tuple(msg.executors),
        attributes=dict(msg.attributes),
        signed=_date(msg.signed),
        tasks=tuple(Task(text=t.text, due=_date(t.due), executors=tuple(t.executors)) for t in msg.tasks),
        links=tuple(
            DocumentLink(LinkRelation(relation_name(link.relation)), link.document_id)
            for link in msg.links
            if relation_name(link.relation)
        ),
        attachments=tuple(
            Attachment(name=a.name, media_type=a.media_type, size_bytes=a.size_bytes, pages=a.pages, sha256=a.sha256)
            for a in msg.attachments
        ),
        topic=msg.topic,
        category=msg.category,
        findings=tuple(
            Finding(clause_ref_from(f.clause), _SEVERITY_BACK.get(f.severity, "info"), f.message, dict(f.facts))
            for f in msg.findings
        ),
        routed_to=tuple(msg.routed_to),
        not_considered_under=msg.not_considered_under,
    )


_SEVERITY_BACK = {value: name for name, value in _SEVERITY.items()}
