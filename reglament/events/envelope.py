"""Building, encoding and checking the protobuf `Event` envelope (events.proto)."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from google.protobuf.message import DecodeError, Message

from reglament.events import subjects
from reglament.v1 import events_pb2


class UndecodableEvent(ValueError):
    """A payload that can never be handled: it goes to the dead-letter subject."""


def deterministic_id(*parts: str) -> str:
    """An event id derived from what the event is about, so a re-emission is deduplicated."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def make_event(
    event_type: str,
    *,
    municipality: str,
    reglament: str,
    body: Message,
    event_id: str | None = None,
    cause: events_pb2.Event | None = None,
    occurred_at: dt.datetime | None = None,
) -> events_pb2.Event:
    field = subjects.BODY_OF_TYPE[event_type]
    event = events_pb2.Event(
        event_id=event_id or uuid.uuid4().hex,
        type=event_type,
        municipality=municipality,
        reglament=reglament,
    )
    event.occurred_at.FromDatetime(occurred_at or dt.datetime.now(dt.UTC))
    if cause is not None:
        event.correlation_id = cause.correlation_id or cause.event_id
        event.causation_id = cause.event_id
    else:
        event.correlation_id = event.event_id
    getattr(event, field).CopyFrom(body)
    return event


def subject_of(event: events_pb2.Event) -> str:
    return subjects.subject(event.municipality, event.type)


def decode(data: bytes, subject: str) -> events_pb2.Event:
    """Parses and checks an envelope; raises UndecodableEvent with the reason."""
    try:
        event = events_pb2.Event.FromString(data)
    except DecodeError as exc:
        raise UndecodableEvent(f"not a reglament.v1.Event protobuf: {exc}") from exc
    if not event.event_id:
        raise UndecodableEvent("event_id is empty")
    expected_field = subjects.BODY_OF_TYPE.get(event.type)
    if expected_field is None:
        raise UndecodableEvent(f"unknown event type {event.type!r}")
    if event.WhichOneof("body") != expected_field:
        raise UndecodableEvent(f"type {event.type!r} needs body {expected_field!r}, got {event.WhichOneof('body')!r}")
    if not subject.endswith("." + event.type):
        raise UndecodableEvent(f"type {event.type!r} does not match subject {subject!r}")
    return event
