"""Subjects, event types and consumer names: declared once, used by every publisher and consumer."""

from __future__ import annotations

STREAM = "REGLAMENT"
STREAM_SUBJECTS: tuple[str, ...] = ("reglament.>",)
PREFIX = "reglament"

# Event types are "<aggregate>.<event>"; the subject is reglament.<municipality>.<type>.
DOCUMENT_REGISTERED = "document.registered"
OBLIGATION_CREATED = "obligation.created"
OBLIGATION_DUE_SOON = "obligation.due_soon"
OBLIGATION_VIOLATED = "obligation.violated"
OBLIGATION_FULFILLED = "obligation.fulfilled"
OBLIGATION_WAIVED = "obligation.waived"
OBLIGATION_TERM_CHANGED = "obligation.term_changed"
DRAFT_VISA_RECORDED = "draft.visa_recorded"
DRAFT_ROUTE_COMPLETED = "draft.route_completed"

# The Event.body oneof field that carries each type's payload.
BODY_OF_TYPE: dict[str, str] = {
    DOCUMENT_REGISTERED: "document_registered",
    OBLIGATION_CREATED: "obligation_created",
    OBLIGATION_DUE_SOON: "obligation_status_changed",
    OBLIGATION_VIOLATED: "obligation_status_changed",
    OBLIGATION_FULFILLED: "obligation_status_changed",
    OBLIGATION_WAIVED: "obligation_status_changed",
    OBLIGATION_TERM_CHANGED: "term_changed",
}

# Durable consumer names, one per service role.
DEADLINES_DOCUMENTS = "deadlines-documents"
REGISTRY_OBLIGATIONS = "registry-obligations"

DEADLETTER = "deadletter"


def subject(municipality: str, event_type: str) -> str:
    return f"{PREFIX}.{municipality}.{event_type}"


def any_municipality(event_type: str) -> str:
    """The filter subject of one event type across municipalities."""
    return f"{PREFIX}.*.{event_type}"


def deadletter_subject(consumer: str) -> str:
    """Dead letters stay in the stream (for inspection and replay) under their own subject."""
    return f"{PREFIX}.{DEADLETTER}.{consumer}"
