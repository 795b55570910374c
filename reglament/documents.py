"""Documents as the rules see them: validation of a registration and the facts it gives the rules."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from reglament.domain import Attachment, Document, DocumentLink, LinkRelation, NewDocument, Task
from reglament.errors import InvalidArgument
from reglament.rules.facts import DOCUMENT_KINDS
from reglament.rules.schema import FactDecl
from reglament.rules.values import MAX_FACT_TEXT, parse_date, parse_fact, text_field

MAX_TITLE = 1000  # characters
MAX_CORRESPONDENT = 500
MAX_EXECUTORS = 50
MAX_EXECUTOR = 200
MAX_ATTRIBUTES = 50
MAX_ATTRIBUTE_VALUE = MAX_FACT_TEXT
MAX_REQUEST_ID = 128
MAX_TASKS = 100
MAX_TASK_TEXT = 2000
MAX_LINKS = 500  # a decision removing documents from control refers to each of them
MAX_ATTACHMENTS = 100
MAX_ATTACHMENT_NAME = 255
MAX_MEDIA_TYPE = 100
MAX_TOPIC = 200
MAX_ACTOR = 200
HIGHER_AUTHORITY = "higher_authority"  # the reporting class of incoming acts of higher authorities

# Facts a registration sets through its own fields; `attributes` may not override them.
FIELD_FACTS = frozenset(
    {
        "kind",
        "received",
        "registered",
        "signed",
        "due_date",
        "has_due_date",
        "urgent",
        "for_information",
        "restricted",
        "simple",
        "executor_count",
        "subject",
        "now",
        # the control of execution: the registry's own record, not the caller's claim
        "on_control",
        "executed",
        "removed_from_control",
        "removed_by_controller",
        "long_term_control",
    }
)
# Facts the tasks give; attributes may set them only for a document registered without tasks.
TASK_FACTS = frozenset({"task_count", "last_task_due"})

RECEIVED_AT = "received_at"
"""A reglament's fact for the moment a document reached the council (terms in hours); its day is the receipt day."""
_DOCUMENT_ID_RE = re.compile(r"^[0-9a-f]{32}$")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_MEDIA_TYPE_RE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
MAX_ATTACHMENT_BYTES = 1 << 40  # 1 TiB: anything larger is a typo


def check_day(day: dt.date, field_name: str, *, not_before: dt.date | None, today: dt.date, what: str) -> None:
    """A day of a step: not before `not_before` (described as `what`), not after `today` (Kyiv time)."""
    if not_before is not None and day < not_before:
        raise InvalidArgument(f"{day} is before {what} {not_before}", field=field_name)
    if day > today:
        raise InvalidArgument(f"{day} is in the future (today is {today})", field=field_name)


def validate_request_id(value: str) -> str | None:
    if not value:
        return None
    return text_field(value, "request_id", MAX_REQUEST_ID)


def validate_registration(
    *,
    reglament: str,
    kind: str,
    title: str,
    correspondent: str,
    received: str,
    registered: str,
    due_date: str,
    urgent: bool,
    for_information: bool,
    restricted: bool,
    simple: bool,
    executors: list[str],
    attributes: Mapping[str, str],
    facts: Mapping[str, FactDecl],
    today: dt.date,
    signed: str = "",
    tasks: Sequence[tuple[str, str, Sequence[str]]] = (),
    links: Sequence[tuple[str, str]] = (),
    attachments: Sequence[tuple[str, str, int, int, str]] = (),
    topic: str = "",
) -> NewDocument:
    """Checks every field; the first bad one raises InvalidArgument naming it. The journal is the kind's.

    `tasks` are (text, due "YYYY-MM-DD" or "", executors); `links` (relation, document id);
    `attachments` (name, media type, size in bytes, pages, sha256). Whether linked documents exist is
    the registry's question, not this function's.
    """
    if not reglament:
        raise InvalidArgument("is required (e.g. vinnytsia-2020)", field="reglament")
    if kind not in DOCUMENT_KINDS:
        raise InvalidArgument(f"unknown document kind {kind!r}; one of {', '.join(DOCUMENT_KINDS)}", field="kind")
    title = text_field(title, "title", MAX_TITLE, required=True)
    correspondent = text_field(correspondent, "correspondent", MAX_CORRESPONDENT)
    registered_day = parse_date(registered, "registered") or today
    check_day(registered_day, "registered", not_before=None, today=today, what="")
    received_day = parse_date(received, "received")
    if received_day is not None and received_day > registered_day:
        raise InvalidArgument(f"{received_day} is after the registration day {registered_day}", field="received")
    signed_day = parse_date(signed, "signed")
    if signed_day is not None and signed_day > registered_day:
        raise InvalidArgument(f"{signed_day} is after the registration day {registered_day}", field="signed")
    due = parse_date(due_date, "due_date")
    if due is not None and due < (received_day or registered_day):
        raise InvalidArgument(f"{due} is before the document was received", field="due_date")
    clean_executors = _executors(executors, "executors")
    clean_tasks = _tasks(tasks, registered_day)
    clean_links = _links(links)
    clean_attachments = _attachments(attachments)
    topic = text_field(topic, "topic", MAX_TOPIC)
    if len(attributes) > MAX_ATTRIBUTES:
        raise InvalidArgument(f"{len(attributes)} attributes; at most {MAX_ATTRIBUTES}", field="attributes")
    clean_attributes: dict[str, str] = {}
    for name in sorted(attributes):
        field_name = f"attributes[{name[:40]}]"
        if name in FIELD_FACTS:
            raise InvalidArgument(f"fact {name!r} is set by its own field, not by attributes", field=field_name)
        if name in TASK_FACTS and clean_tasks:
            raise InvalidArgument(f"fact {name!r} is given by the document's tasks", field=field_name)
        decl = facts.get(name)
        if decl is None:
            raise InvalidArgument(f"unknown fact {name!r} for reglament {reglament}", field=field_name)
        value = text_field(attributes[name], field_name, MAX_ATTRIBUTE_VALUE)
        parsed = parse_fact(name, value, decl, field_name)
        if name == RECEIVED_AT and isinstance(parsed, dt.datetime):
            received_day = _received_at(parsed, received_day, registered_day, field_name)
        clean_attributes[name] = value
    return NewDocument(
        reglament=reglament,
        kind=kind,
        journal=kind,
        title=title,
        correspondent=correspondent,
        received=received_day,
        registered=registered_day,
        signed=signed_day,
        due_date=due,
        urgent=urgent,
        for_information=for_information,
        restricted=restricted,
        simple=simple,
        executors=clean_executors,
        attributes=clean_attributes,
        tasks=clean_tasks,
        links=clean_links,
        attachments=clean_attachments,
        topic=topic,
        category=category_of(kind, clean_attributes),
    )


def _received_at(moment: dt.datetime, received: dt.date | None, registered: dt.date, field_name: str) -> dt.date:
    """The day of receipt a moment of receipt gives: it must agree with `received` and precede registration."""
    day = moment.date()  # Kyiv time
    if received is not None and received != day:
        raise InvalidArgument(f"{moment.isoformat()} is not on the day of receipt {received}", field=field_name)
    if day > registered:
        raise InvalidArgument(f"{moment.isoformat()} is after the registration day {registered}", field=field_name)
    return day


def category_of(kind: str, attributes: Mapping[str, str]) -> str:
    """The reporting class: incoming acts of higher authorities are counted apart (a control report's
    first line), everything else by its kind."""
    if kind == "incoming" and attributes.get("from_higher_authority") == "true":
        return HIGHER_AUTHORITY
    return kind


def _executors(names: Sequence[str], field_name: str) -> tuple[str, ...]:
    if len(names) > MAX_EXECUTORS:
        raise InvalidArgument(f"{len(names)} executors; at most {MAX_EXECUTORS}", field=field_name)
    return tuple(text_field(name, f"{field_name}[{i}]", MAX_EXECUTOR, required=True) for i, name in enumerate(names))


def _tasks(tasks: Sequence[tuple[str, str, Sequence[str]]], registered: dt.date) -> tuple[Task, ...]:
    if len(tasks) > MAX_TASKS:
        raise InvalidArgument(f"{len(tasks)} tasks; at most {MAX_TASKS}", field="tasks")
    out = []
    for i, (text, due, executors) in enumerate(tasks):
        text = text_field(text, f"tasks[{i}].text", MAX_TASK_TEXT, required=True)
        day = parse_date(due, f"tasks[{i}].due")
        if day is not None and day < registered:
            raise InvalidArgument(f"{day} is before the registration day {registered}", field=f"tasks[{i}].due")
        out.append(Task(text=text, due=day, executors=_executors(executors, f"tasks[{i}].executors")))
    return tuple(out)


def _links(links: Sequence[tuple[str, str]]) -> tuple[DocumentLink, ...]:
    if len(links) > MAX_LINKS:
        raise InvalidArgument(f"{len(links)} links; at most {MAX_LINKS}", field="links")
    out: list[DocumentLink] = []
    for i, (relation, document_id) in enumerate(links):
        try:
            rel = LinkRelation(relation)
        except ValueError:
            rel = None
        allowed = [r.value for r in LinkRelation if r is not LinkRelation.REPEATS]
        if rel is None or rel is LinkRelation.REPEATS:
            raise InvalidArgument(f"{relation!r} is not one of {', '.join(allowed)}", field=f"links[{i}].relation")
        if not _DOCUMENT_ID_RE.match(document_id):
            raise InvalidArgument("is not a registry document id (32 hex characters)", field=f"links[{i}].document_id")
        link = DocumentLink(rel, document_id)
        if link in out:
            raise InvalidArgument("the same link is given twice", field=f"links[{i}]")
        out.append(link)
    return tuple(out)


def _attachments(attachments: Sequence[tuple[str, str, int, int, str]]) -> tuple[Attachment, ...]:
    if len(attachments) > MAX_ATTACHMENTS:
        raise InvalidArgument(f"{len(attachments)} attachments; at most {MAX_ATTACHMENTS}", field="attachments")
    out = []
    for i, (name, media_type, size, pages, sha256) in enumerate(attachments):
        where = f"attachments[{i}]"
        name = text_field(name, f"{where}.name", MAX_ATTACHMENT_NAME, required=True)
        media_type = text_field(media_type, f"{where}.media_type", MAX_MEDIA_TYPE).lower()
        if media_type and not _MEDIA_TYPE_RE.match(media_type):
            raise InvalidArgument(f"{media_type!r} is not a media type (type/subtype)", field=f"{where}.media_type")
        if not 0 <= size <= MAX_ATTACHMENT_BYTES:
            raise InvalidArgument(f"must be 0..{MAX_ATTACHMENT_BYTES} bytes", field=f"{where}.size_bytes")
        if not 0 <= pages <= 100_000:
            raise InvalidArgument("must be 0..100000", field=f"{where}.pages")
        sha256 = sha256.strip().lower()
        if sha256 and not _SHA256_RE.match(sha256):
            raise InvalidArgument("is not 64 hex characters", field=f"{where}.sha256")
        out.append(Attachment(name=name, media_type=media_type, size_bytes=size, pages=pages, sha256=sha256))
    return tuple(out)


def document_facts(
    *,
    kind: str,
    received: dt.date | None,
    registered: dt.date,
    due_date: dt.date | None,
    urgent: bool,
    for_information: bool,
    restricted: bool,
    simple: bool,
    executors: tuple[str, ...],
    attributes: Mapping[str, str],
    facts: Mapping[str, FactDecl],
    signed: dt.date | None = None,
    tasks: Sequence[Task] = (),
) -> dict[str, Any]:
    """The facts a registered document gives the rules (subject `document`)."""
    out: dict[str, Any] = {
        "kind": kind,
        "registered": registered,
        "received": received or registered,
        "has_due_date": due_date is not None,
        "urgent": urgent,
        "for_information": for_information,
        "restricted": restricted,
        "simple": simple,
        "executor_count": len(executors),
    }
    if due_date is not None:
        out["due_date"] = due_date
    if signed is not None:
        out["signed"] = signed
    for name, raw in attributes.items():
        decl = facts.get(name)
        if decl is not None:
            out[name] = parse_fact(name, raw, decl, f"attributes[{name}]")
    if tasks:
        out["task_count"] = len(tasks)
        dues = [t.due for t in tasks if t.due is not None]
        if dues:
            out["last_task_due"] = max(dues)
        if "has_tasks" in facts:
            out["has_tasks"] = True
    return with_defaults(out, facts)


def with_defaults(values: dict[str, Any], facts: Mapping[str, FactDecl]) -> dict[str, Any]:
    """`values` completed with what the reglament says an unstated yes/no fact of a document means
    (`default` in reglament.yaml, e.g. an appeal not marked anonymous is not anonymous); stated facts win."""
    for name, decl in facts.items():
        if decl.default is not None and name not in values:
            values[name] = decl.default
    return values


def facts_of(doc: Document | NewDocument, facts: Mapping[str, FactDecl]) -> dict[str, Any]:
    """The facts of a stored, received or new document (see document_facts)."""
    return document_facts(
        kind=doc.kind,
        received=doc.received,
        registered=doc.registered,
        due_date=doc.due_date,
        urgent=doc.urgent,
        for_information=doc.for_information,
        restricted=doc.restricted,
        simple=doc.simple,
        executors=doc.executors,
        attributes=doc.attributes,
        facts=facts,
        signed=doc.signed,
        tasks=doc.tasks,
    )
