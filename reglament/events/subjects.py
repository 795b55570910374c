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
# -- deadlines: the closing events it stops tracking on (one durable per type) --------------------
DEADLINES_CLOSURES: dict[str, str] = {
    OBLIGATION_FULFILLED: "deadlines-obligation-fulfilled",
    OBLIGATION_WAIVED: "deadlines-obligation-waived",
}
# Obligations other services create (the registry: long-term control, r10-s2-p8), tracked as well, and
# the control records that say who set their terms.
DEADLINES_OBLIGATIONS_CREATED = "deadlines-obligations-created"
DEADLINES_CONTROL = "deadlines-control"
# -- end deadlines ---------------------------------------------------------------------------------
REGISTRY_OBLIGATIONS = "registry-obligations"

# -- registry: control of execution (events.proto DocumentControlChanged) and its consumers --------
DOCUMENT_PUT_ON_CONTROL = "document.put_on_control"
DOCUMENT_INTERIM_REPORTED = "document.interim_reported"
DOCUMENT_EXECUTED = "document.executed"
DOCUMENT_REMOVED_FROM_CONTROL = "document.removed_from_control"
BODY_OF_TYPE.update(
    {
        DOCUMENT_PUT_ON_CONTROL: "document_control_changed",
        DOCUMENT_INTERIM_REPORTED: "document_control_changed",
        DOCUMENT_EXECUTED: "document_control_changed",
        DOCUMENT_REMOVED_FROM_CONTROL: "document_control_changed",
    }
)
# The registry stores what the deadlines service says about its obligations, one durable per type.
REGISTRY_OBLIGATION_STATUS: dict[str, str] = {
    OBLIGATION_DUE_SOON: "registry-obligation-due-soon",
    OBLIGATION_VIOLATED: "registry-obligation-violated",
    OBLIGATION_WAIVED: "registry-obligation-waived",
    OBLIGATION_TERM_CHANGED: "registry-obligation-term-changed",
}
# -- end registry ---------------------------------------------------------------------------------

# -- approval: drafts on their visa routes, meetings (events.proto fields 40-49) and their consumer --
DRAFT_SUBMITTED = "draft.submitted"
DRAFT_ROUTE_RESTARTED = "draft.route_restarted"
DRAFT_APPROVER_SUBSTITUTED = "draft.approver_substituted"
DRAFT_SIGNED = "draft.signed"
DRAFT_ADOPTED = "draft.adopted"
DRAFT_NOT_ADOPTED = "draft.not_adopted"
MEETING_RECORDED = "meeting.recorded"
BODY_OF_TYPE.update(
    {
        DRAFT_SUBMITTED: "draft_route_started",
        DRAFT_ROUTE_RESTARTED: "draft_route_started",
        DRAFT_VISA_RECORDED: "draft_visa_recorded",
        DRAFT_ROUTE_COMPLETED: "draft_route_completed",
        DRAFT_APPROVER_SUBSTITUTED: "approver_substituted",
        DRAFT_SIGNED: "draft_signed",
        DRAFT_ADOPTED: "draft_outcome",
        DRAFT_NOT_ADOPTED: "draft_outcome",
        MEETING_RECORDED: "meeting_recorded",
    }
)
# The registry registers signed decisions and orders in their journals (services/registry/decisions.py).
REGISTRY_DECISIONS = "registry-decisions"
# -- end approval ---------------------------------------------------------------------------------

DEADLETTER = "deadletter"


def subject(municipality: str, event_type: str) -> str:
    return f"{PREFIX}.{municipality}.{event_type}"


def any_municipality(event_type: str) -> str:
    """The filter subject of one event type across municipalities."""
    return f"{PREFIX}.*.{event_type}"


def deadletter_subject(consumer: str) -> str:
    """Dead letters stay in the stream (for inspection and replay) under their own subject."""
    return f"{PREFIX}.{DEADLETTER}.{consumer}"
