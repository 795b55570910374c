"""Documents as the rules see them: validation of a registration and the facts it gives the rules."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from reglament.domain import Document, NewDocument
from reglament.errors import InvalidArgument
from reglament.rules.facts import DOCUMENT_KINDS
from reglament.rules.schema import FactDecl

MAX_TITLE = 1000  # characters
MAX_CORRESPONDENT = 500
MAX_EXECUTORS = 50
MAX_EXECUTOR = 200
MAX_ATTRIBUTES = 50
MAX_ATTRIBUTE_VALUE = 500
MAX_REQUEST_ID = 128
EARLIEST = dt.date(1991, 8, 24)  # nothing registered under a reglament predates independence
LATEST_AHEAD = dt.timedelta(days=366 * 5)

# Journal number formats: `{seq}` the sequence in the journal and year. Mayor's orders carry «-р».
NUMBER_FORMATS: dict[str, str] = {"mayor_order": "{seq}-р"}
DEFAULT_NUMBER_FORMAT = "{seq}"

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
    }
)

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def number_format(kind: str) -> str:
    """How the journal of `kind` prints its numbers."""
    return NUMBER_FORMATS.get(kind, DEFAULT_NUMBER_FORMAT)


def parse_date(value: str, field_name: str, *, required: bool = False) -> dt.date | None:
    if not value:
        if required:
            raise InvalidArgument("is required (YYYY-MM-DD)", field=field_name)
        return None
    if not _DATE_RE.match(value):
        raise InvalidArgument(f"{value[:40]!r} is not a date YYYY-MM-DD", field=field_name)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidArgument(f"{value!r} is not a valid date: {exc}", field=field_name) from exc
    if day < EARLIEST or day > dt.date.today() + LATEST_AHEAD:
        raise InvalidArgument(f"{value} is outside {EARLIEST}..{dt.date.today() + LATEST_AHEAD}", field=field_name)
    return day


def _text(value: str, field_name: str, limit: int, *, required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        raise InvalidArgument("is required", field=field_name)
    if len(value) > limit:
        raise InvalidArgument(f"is {len(value)} characters long; at most {limit}", field=field_name)
    if any(ord(ch) < 32 and ch not in "\t\n" for ch in value):
        raise InvalidArgument("contains control characters", field=field_name)
    return value


def validate_request_id(value: str) -> str | None:
    if not value:
        return None
    return _text(value, "request_id", MAX_REQUEST_ID)


def parse_fact(name: str, raw: str, decl: FactDecl, field_name: str) -> Any:
    """A fact value given as a string (gRPC attributes), converted by its declared type."""
    if decl.type == "bool":
        if raw not in ("true", "false"):
            raise InvalidArgument(f"fact {name!r} is a bool: 'true' or 'false', not {raw[:40]!r}", field=field_name)
        return raw == "true"
    if decl.type == "int":
        try:
            return int(raw)
        except ValueError:
            raise InvalidArgument(f"fact {name!r} is an integer, not {raw[:40]!r}", field=field_name) from None
    if decl.type == "date":
        return parse_date(raw, field_name, required=True)
    if decl.type == "list":
        return [part.strip() for part in raw.split(";") if part.strip()]
    return raw


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
) -> NewDocument:
    """Checks every field; the first bad one raises InvalidArgument naming it. The journal is the kind's."""
    if not reglament:
        raise InvalidArgument("is required (e.g. vinnytsia-2020)", field="reglament")
    if kind not in DOCUMENT_KINDS:
        raise InvalidArgument(f"unknown document kind {kind!r}; one of {', '.join(DOCUMENT_KINDS)}", field="kind")
    title = _text(title, "title", MAX_TITLE, required=True)
    correspondent = _text(correspondent, "correspondent", MAX_CORRESPONDENT)
    registered_day = parse_date(registered, "registered") or today
    received_day = parse_date(received, "received")
    if received_day is not None and received_day > registered_day:
        raise InvalidArgument(f"{received_day} is after the registration day {registered_day}", field="received")
    due = parse_date(due_date, "due_date")
    if due is not None and due < (received_day or registered_day):
        raise InvalidArgument(f"{due} is before the document was received", field="due_date")
    if len(executors) > MAX_EXECUTORS:
        raise InvalidArgument(f"{len(executors)} executors; at most {MAX_EXECUTORS}", field="executors")
    clean_executors = tuple(
        _text(name, f"executors[{i}]", MAX_EXECUTOR, required=True) for i, name in enumerate(executors)
    )
    if len(attributes) > MAX_ATTRIBUTES:
        raise InvalidArgument(f"{len(attributes)} attributes; at most {MAX_ATTRIBUTES}", field="attributes")
    clean_attributes: dict[str, str] = {}
    for name in sorted(attributes):
        field_name = f"attributes[{name[:40]}]"
        if name in FIELD_FACTS:
            raise InvalidArgument(f"fact {name!r} is set by its own field, not by attributes", field=field_name)
        decl = facts.get(name)
        if decl is None:
            raise InvalidArgument(f"unknown fact {name!r} for reglament {reglament}", field=field_name)
        value = _text(attributes[name], field_name, MAX_ATTRIBUTE_VALUE)
        parse_fact(name, value, decl, field_name)
        clean_attributes[name] = value
    return NewDocument(
        reglament=reglament,
        kind=kind,
        journal=kind,
        title=title,
        correspondent=correspondent,
        received=received_day,
        registered=registered_day,
        due_date=due,
        urgent=urgent,
        for_information=for_information,
        restricted=restricted,
        simple=simple,
        executors=clean_executors,
        attributes=clean_attributes,
    )


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
    return out


def facts_of(doc: Document, facts: Mapping[str, FactDecl]) -> dict[str, Any]:
    """The facts of a stored or received document (see document_facts)."""
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
    )
