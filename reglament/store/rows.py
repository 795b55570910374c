"""Rows ↔ domain records, and the checks that keep bad values out of the tables (both backends alike)."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from reglament.domain import (
    Attachment,
    ClauseRef,
    Control,
    ControlStatus,
    Document,
    DocumentLink,
    Finding,
    InterimReport,
    LinkRelation,
    NewDocument,
    Obligation,
    ObligationStatus,
    Task,
)
from reglament.registry.config import check_number_format
from reglament.store import errors
from reglament.store.schema import audit_log, document_control, documents, obligations


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives timestamps back without their zone; the store writes them in UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# -- documents -----------------------------------------------------------------------------------


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def tasks_json(tasks: Sequence[Task]) -> list[dict[str, Any]]:
    return [{"text": t.text, "due": _iso(t.due), "executors": list(t.executors)} for t in tasks]


def tasks_of(data: Sequence[dict[str, Any]]) -> tuple[Task, ...]:
    return tuple(Task(text=t["text"], due=_day(t["due"]), executors=tuple(t["executors"])) for t in data)


def attachments_json(attachments: Sequence[Attachment]) -> list[dict[str, Any]]:
    return [
        {"name": a.name, "media_type": a.media_type, "size_bytes": a.size_bytes, "pages": a.pages, "sha256": a.sha256}
        for a in attachments
    ]


def attachments_of(data: Sequence[dict[str, Any]]) -> tuple[Attachment, ...]:
    return tuple(Attachment(**a) for a in data)


def findings_json(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    return [
        {
            "reglament": f.ref.reglament,
            "clause": f.ref.clause,
            "quote": f.ref.quote,
            "interpretation": f.ref.interpretation,
            "severity": f.severity,
            "message": f.message,
            "facts": {k: _fact_text(v) for k, v in f.facts.items()},
        }
        for f in findings
    ]


def _fact_text(value: object) -> str:
    """A fact as text, as attributes write it: dates ISO, booleans "true" / "false"."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def findings_of(data: Sequence[dict[str, Any]]) -> tuple[Finding, ...]:
    return tuple(
        Finding(
            ref=ClauseRef(f["reglament"], f["clause"], f["quote"], f["interpretation"]),
            severity=f["severity"],
            message=f["message"],
            facts=dict(f["facts"]),
        )
        for f in data
    )


def document_row(document: Document, *, year: int, author_key: str) -> dict[str, Any]:
    return {
        "id": document.id,
        "reglament": document.reglament,
        "kind": document.kind,
        "journal": document.journal,
        "year": year,
        "seq": document.seq,
        "number": document.number,
        "title": document.title,
        "correspondent": document.correspondent,
        "received": document.received,
        "registered": document.registered,
        "signed": document.signed,
        "due_date": document.due_date,
        "urgent": document.urgent,
        "for_information": document.for_information,
        "restricted": document.restricted,
        "simple": document.simple,
        "executors": list(document.executors),
        "attributes": dict(document.attributes),
        "created_at": document.created_at,
        "topic": document.topic,
        "category": document.category,
        "author_key": author_key,
        "tasks": tasks_json(document.tasks),
        "attachments": attachments_json(document.attachments),
        "findings": findings_json(document.findings),
        "routed_to": list(document.routed_to),
        "not_considered_under": document.not_considered_under,
    }


def document_of(row: sa.Row[Any], links: Sequence[DocumentLink] = ()) -> Document:
    return Document(
        id=row.id,
        reglament=row.reglament,
        kind=row.kind,
        journal=row.journal,
        number=row.number,
        title=row.title,
        correspondent=row.correspondent,
        received=row.received,
        registered=row.registered,
        due_date=row.due_date,
        urgent=bool(row.urgent),
        for_information=bool(row.for_information),
        restricted=bool(row.restricted),
        simple=bool(row.simple),
        executors=tuple(row.executors),
        attributes=dict(row.attributes),
        created_at=aware(row.created_at),
        signed=row.signed,
        seq=row.seq,
        tasks=tasks_of(row.tasks),
        links=tuple(links),
        attachments=attachments_of(row.attachments),
        topic=row.topic,
        category=row.category,
        findings=findings_of(row.findings),
        routed_to=tuple(row.routed_to),
        not_considered_under=row.not_considered_under,
    )


def link_of(relation: str, target_id: str) -> DocumentLink:
    return DocumentLink(LinkRelation(relation), target_id)


# -- control -------------------------------------------------------------------------------------


def control_row(control: Control, *, reglament: str, category: str) -> dict[str, Any]:
    row = {
        "document_id": control.document_id,
        "reglament": reglament,
        "category": category,
        "status": control.status.value,
        "controller": control.controller,
        "controller_role": control.controller_role,
        "put_by": control.put_by,
        "put_on": control.put_on,
        "due": control.due,
        "long_term": control.long_term,
        "basis": control.basis,
        "executed_on": control.executed_on,
        "executed_by": control.executed_by,
        "execution_facts": dict(control.execution_facts),
        "removed_on": control.removed_on,
        "removed_by": control.removed_by,
        "removal_basis": control.removal_basis,
        "removal_document_id": control.removal_document_id,
        "updated_at": utcnow(),
    }
    for name in ("controller", "controller_role", "put_by", "executed_by", "removed_by", "removal_basis"):
        check_text(name, row[name], document_control.c[name], required=False)
    return row


def control_of(row: sa.Row[Any], reports: Sequence[InterimReport] = ()) -> Control:
    return Control(
        document_id=row.document_id,
        status=ControlStatus(row.status),
        controller=row.controller,
        controller_role=row.controller_role,
        put_by=row.put_by,
        put_on=row.put_on,
        due=row.due,
        long_term=bool(row.long_term),
        basis=row.basis,
        executed_on=row.executed_on,
        executed_by=row.executed_by,
        execution_facts=dict(row.execution_facts),
        removed_on=row.removed_on,
        removed_by=row.removed_by,
        removal_basis=row.removal_basis,
        removal_document_id=row.removal_document_id,
        interim_reports=tuple(reports),
    )


# -- obligations ---------------------------------------------------------------------------------


def due_text(due: dt.date | dt.datetime) -> str:
    # Aware datetimes are kept in UTC so that the text order of `due` is the order in time.
    if isinstance(due, dt.datetime) and due.tzinfo is not None:
        due = due.astimezone(dt.UTC)
    return due.isoformat()


def due_value(text: str) -> dt.date | dt.datetime:
    return dt.date.fromisoformat(text) if len(text) == len("2024-01-31") else dt.datetime.fromisoformat(text)


def obligation_row(obligation: Obligation, now: dt.datetime) -> dict[str, Any]:
    if not isinstance(obligation.due, dt.date):
        raise errors.InvalidArgument("due", f"obligation {obligation.id}: a date or datetime is required")
    try:
        status = ObligationStatus(obligation.status)
    except ValueError as exc:
        raise errors.InvalidArgument("status", f"obligation {obligation.id}: {exc}") from exc
    row = {
        "id": obligation.id,
        "document_id": obligation.subject_id,
        "reglament": obligation.ref.reglament,
        "clause": obligation.ref.clause,
        "quote": obligation.ref.quote,
        "interpretation": obligation.ref.interpretation,
        "bearer": obligation.bearer,
        "action": obligation.action,
        "due": due_text(obligation.due),
        "explanation": list(obligation.explanation),
        "status": status.value,
        "created_at": now,
        "updated_at": now,
    }
    for name in ("id", "document_id", "reglament", "clause", "bearer", "action"):
        check_text(name, row[name], obligations.c[name])
    for name in ("quote", "interpretation"):
        check_text(name, row[name], obligations.c[name], required=False)
    return row


def obligation_of(row: sa.Row[Any]) -> Obligation:
    return Obligation(
        id=row.id,
        ref=ClauseRef(reglament=row.reglament, clause=row.clause, quote=row.quote, interpretation=row.interpretation),
        subject_id=row.document_id,
        bearer=row.bearer,
        action=row.action,
        due=due_value(row.due),
        explanation=tuple(row.explanation),
        status=ObligationStatus(row.status),
    )


# -- validation ----------------------------------------------------------------------------------


def check_text(name: str, value: object, column: sa.Column[Any], *, required: bool = True) -> None:
    """Strings must fit their column: PostgreSQL would refuse them, SQLite would silently keep them."""
    if not isinstance(value, str):
        raise errors.InvalidArgument(name, "must be a string")
    if required and not value:
        raise errors.InvalidArgument(name, "must not be empty")
    length = getattr(column.type, "length", None)
    if length is not None and len(value) > length:
        raise errors.InvalidArgument(name, f"longer than {length} characters")


def check_actor(actor: str) -> None:
    check_text("actor", actor, audit_log.c.actor)


def validate_new_document(new: NewDocument) -> None:
    for name in ("reglament", "kind", "journal"):
        check_text(name, getattr(new, name), documents.c[name])
    for name in ("title", "correspondent", "topic"):
        check_text(name, getattr(new, name), documents.c[name], required=False)
    check_text("category", new.category, documents.c.category, required=False)
    check_text("not_considered_under", new.not_considered_under, documents.c.not_considered_under, required=False)
    if not isinstance(new.registered, dt.date) or isinstance(new.registered, dt.datetime):
        raise errors.InvalidArgument("registered", "must be a date")
    for name in ("received", "signed", "due_date"):
        value = getattr(new, name)
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise errors.InvalidArgument(name, "must be a date or None")
    for name in ("urgent", "for_information", "restricted", "simple"):
        if not isinstance(getattr(new, name), bool):
            raise errors.InvalidArgument(name, "must be a boolean")
    if isinstance(new.executors, str) or not all(isinstance(e, str) and e for e in new.executors):
        raise errors.InvalidArgument("executors", "must be a sequence of non-empty strings")
    if any(len(e) > 200 for e in new.executors):
        raise errors.InvalidArgument("executors", "a name longer than 200 characters")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in new.attributes.items()):
        raise errors.InvalidArgument("attributes", "keys and values must be strings")
    if not all(isinstance(t, Task) and t.text for t in new.tasks):
        raise errors.InvalidArgument("tasks", "must be tasks with a text")
    if not all(isinstance(a, Attachment) and a.name for a in new.attachments):
        raise errors.InvalidArgument("attachments", "must be attachments with a name")
    for i, link in enumerate(new.links):
        if not isinstance(link, DocumentLink) or not isinstance(link.relation, LinkRelation):
            raise errors.InvalidArgument(f"links[{i}]", "must be a document link")
        check_text(f"links[{i}].document_id", link.document_id, documents.c.id)


def request_fingerprint(new: NewDocument) -> str:
    """sha256 of a registration as its caller asked for it: a request id may be used again only with the
    same request (a retry). The registration day is left out: a caller that leaves it empty gets today's,
    and a retry after midnight is still the same request."""
    fields = dataclasses.asdict(new)
    fields.pop("registered", None)
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def validate_number_format(number_format: str) -> None:
    try:
        check_number_format(number_format)
    except ValueError as exc:
        raise errors.InvalidArgument("number_format", str(exc)) from exc


def encode_page_token(key: Sequence[str]) -> str:
    raw = json.dumps(list(key)).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_page_token(token: str) -> tuple[dt.date, str]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        registered, document_id = json.loads(raw)
        return dt.date.fromisoformat(registered), str(document_id)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise errors.InvalidArgument("page_token", "not a token this store issued") from exc
