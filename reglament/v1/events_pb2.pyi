import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from reglament.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Event(_message.Message):
    __slots__ = ("event_id", "type", "municipality", "reglament", "occurred_at", "correlation_id", "causation_id", "document_registered", "obligation_created", "obligation_status_changed", "document_control_changed", "term_changed", "draft_route_started", "draft_visa_recorded", "draft_route_completed", "approver_substituted", "draft_signed", "draft_outcome", "meeting_recorded")
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    MUNICIPALITY_FIELD_NUMBER: _ClassVar[int]
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    CAUSATION_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    OBLIGATION_CREATED_FIELD_NUMBER: _ClassVar[int]
    OBLIGATION_STATUS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_CONTROL_CHANGED_FIELD_NUMBER: _ClassVar[int]
    TERM_CHANGED_FIELD_NUMBER: _ClassVar[int]
    DRAFT_ROUTE_STARTED_FIELD_NUMBER: _ClassVar[int]
    DRAFT_VISA_RECORDED_FIELD_NUMBER: _ClassVar[int]
    DRAFT_ROUTE_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    APPROVER_SUBSTITUTED_FIELD_NUMBER: _ClassVar[int]
    DRAFT_SIGNED_FIELD_NUMBER: _ClassVar[int]
    DRAFT_OUTCOME_FIELD_NUMBER: _ClassVar[int]
    MEETING_RECORDED_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    type: str
    municipality: str
    reglament: str
    occurred_at: _timestamp_pb2.Timestamp
    correlation_id: str
    causation_id: str
    document_registered: DocumentRegistered
    obligation_created: ObligationCreated
    obligation_status_changed: ObligationStatusChanged
    document_control_changed: DocumentControlChanged
    term_changed: TermChanged
    draft_route_started: DraftRouteStarted
    draft_visa_recorded: DraftVisaRecorded
    draft_route_completed: DraftRouteCompleted
    approver_substituted: ApproverSubstituted
    draft_signed: DraftSigned
    draft_outcome: DraftOutcome
    meeting_recorded: MeetingRecorded
    def __init__(self, event_id: _Optional[str] = ..., type: _Optional[str] = ..., municipality: _Optional[str] = ..., reglament: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., correlation_id: _Optional[str] = ..., causation_id: _Optional[str] = ..., document_registered: _Optional[_Union[DocumentRegistered, _Mapping]] = ..., obligation_created: _Optional[_Union[ObligationCreated, _Mapping]] = ..., obligation_status_changed: _Optional[_Union[ObligationStatusChanged, _Mapping]] = ..., document_control_changed: _Optional[_Union[DocumentControlChanged, _Mapping]] = ..., term_changed: _Optional[_Union[TermChanged, _Mapping]] = ..., draft_route_started: _Optional[_Union[DraftRouteStarted, _Mapping]] = ..., draft_visa_recorded: _Optional[_Union[DraftVisaRecorded, _Mapping]] = ..., draft_route_completed: _Optional[_Union[DraftRouteCompleted, _Mapping]] = ..., approver_substituted: _Optional[_Union[ApproverSubstituted, _Mapping]] = ..., draft_signed: _Optional[_Union[DraftSigned, _Mapping]] = ..., draft_outcome: _Optional[_Union[DraftOutcome, _Mapping]] = ..., meeting_recorded: _Optional[_Union[MeetingRecorded, _Mapping]] = ...) -> None: ...

class DocumentRegistered(_message.Message):
    __slots__ = ("document",)
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    document: _common_pb2.Document
    def __init__(self, document: _Optional[_Union[_common_pb2.Document, _Mapping]] = ...) -> None: ...

class DocumentControlChanged(_message.Message):
    __slots__ = ("document_id", "kind", "journal", "number", "control", "actor", "actor_role", "reason", "clauses")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    JOURNAL_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    CONTROL_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ROLE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLAUSES_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    kind: _common_pb2.DocumentKind
    journal: str
    number: str
    control: _common_pb2.DocumentControl
    actor: str
    actor_role: str
    reason: str
    clauses: _containers.RepeatedCompositeFieldContainer[_common_pb2.ClauseRef]
    def __init__(self, document_id: _Optional[str] = ..., kind: _Optional[_Union[_common_pb2.DocumentKind, str]] = ..., journal: _Optional[str] = ..., number: _Optional[str] = ..., control: _Optional[_Union[_common_pb2.DocumentControl, _Mapping]] = ..., actor: _Optional[str] = ..., actor_role: _Optional[str] = ..., reason: _Optional[str] = ..., clauses: _Optional[_Iterable[_Union[_common_pb2.ClauseRef, _Mapping]]] = ...) -> None: ...

class ObligationCreated(_message.Message):
    __slots__ = ("obligation", "of_total")
    OBLIGATION_FIELD_NUMBER: _ClassVar[int]
    OF_TOTAL_FIELD_NUMBER: _ClassVar[int]
    obligation: _common_pb2.Obligation
    of_total: int
    def __init__(self, obligation: _Optional[_Union[_common_pb2.Obligation, _Mapping]] = ..., of_total: _Optional[int] = ...) -> None: ...

class ObligationStatusChanged(_message.Message):
    __slots__ = ("obligation_id", "subject_id", "status", "reason", "clause")
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    obligation_id: str
    subject_id: str
    status: _common_pb2.ObligationStatus
    reason: str
    clause: _common_pb2.ClauseRef
    def __init__(self, obligation_id: _Optional[str] = ..., subject_id: _Optional[str] = ..., status: _Optional[_Union[_common_pb2.ObligationStatus, str]] = ..., reason: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ...) -> None: ...

class TermChanged(_message.Message):
    __slots__ = ("obligation_id", "subject_id", "previous_due", "new_due", "actor", "actor_role", "reason", "clause", "request_id", "role", "status", "term_version", "requested_by", "basis")
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_DUE_FIELD_NUMBER: _ClassVar[int]
    NEW_DUE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ROLE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TERM_VERSION_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    obligation_id: str
    subject_id: str
    previous_due: str
    new_due: str
    actor: str
    actor_role: str
    reason: str
    clause: _common_pb2.ClauseRef
    request_id: str
    role: str
    status: _common_pb2.ObligationStatus
    term_version: int
    requested_by: str
    basis: str
    def __init__(self, obligation_id: _Optional[str] = ..., subject_id: _Optional[str] = ..., previous_due: _Optional[str] = ..., new_due: _Optional[str] = ..., actor: _Optional[str] = ..., actor_role: _Optional[str] = ..., reason: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., request_id: _Optional[str] = ..., role: _Optional[str] = ..., status: _Optional[_Union[_common_pb2.ObligationStatus, str]] = ..., term_version: _Optional[int] = ..., requested_by: _Optional[str] = ..., basis: _Optional[str] = ...) -> None: ...

class DeadLetter(_message.Message):
    __slots__ = ("consumer", "subject", "reason", "payload", "message_id")
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    consumer: str
    subject: str
    reason: str
    payload: bytes
    message_id: str
    def __init__(self, consumer: _Optional[str] = ..., subject: _Optional[str] = ..., reason: _Optional[str] = ..., payload: _Optional[bytes] = ..., message_id: _Optional[str] = ...) -> None: ...

class DraftRouteStarted(_message.Message):
    __slots__ = ("draft_id", "kind", "title", "round", "reason", "clause", "steps")
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    ROUND_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    draft_id: str
    kind: str
    title: str
    round: int
    reason: str
    clause: _common_pb2.ClauseRef
    steps: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, draft_id: _Optional[str] = ..., kind: _Optional[str] = ..., title: _Optional[str] = ..., round: _Optional[int] = ..., reason: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., steps: _Optional[_Iterable[str]] = ...) -> None: ...

class DraftVisaRecorded(_message.Message):
    __slots__ = ("draft_id", "round", "seq", "step_id", "role", "actor", "on_behalf_of", "decision", "remarks", "visaed_on", "clause", "covers")
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    ROUND_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    REMARKS_FIELD_NUMBER: _ClassVar[int]
    VISAED_ON_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    COVERS_FIELD_NUMBER: _ClassVar[int]
    draft_id: str
    round: int
    seq: int
    step_id: str
    role: str
    actor: str
    on_behalf_of: str
    decision: str
    remarks: str
    visaed_on: str
    clause: _common_pb2.ClauseRef
    covers: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, draft_id: _Optional[str] = ..., round: _Optional[int] = ..., seq: _Optional[int] = ..., step_id: _Optional[str] = ..., role: _Optional[str] = ..., actor: _Optional[str] = ..., on_behalf_of: _Optional[str] = ..., decision: _Optional[str] = ..., remarks: _Optional[str] = ..., visaed_on: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., covers: _Optional[_Iterable[str]] = ...) -> None: ...

class DraftRouteCompleted(_message.Message):
    __slots__ = ("draft_id", "round", "kind", "completed_on")
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    ROUND_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_ON_FIELD_NUMBER: _ClassVar[int]
    draft_id: str
    round: int
    kind: str
    completed_on: str
    def __init__(self, draft_id: _Optional[str] = ..., round: _Optional[int] = ..., kind: _Optional[str] = ..., completed_on: _Optional[str] = ...) -> None: ...

class ApproverSubstituted(_message.Message):
    __slots__ = ("draft_id", "step_id", "absent", "substitute", "phase", "clause")
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    ABSENT_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTE_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    draft_id: str
    step_id: str
    absent: str
    substitute: str
    phase: str
    clause: _common_pb2.ClauseRef
    def __init__(self, draft_id: _Optional[str] = ..., step_id: _Optional[str] = ..., absent: _Optional[str] = ..., substitute: _Optional[str] = ..., phase: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ...) -> None: ...

class DraftSigned(_message.Message):
    __slots__ = ("draft_id", "kind", "title", "signed", "signed_by", "meeting", "executors", "correspondent", "restricted", "urgent", "attributes")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SIGNED_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_FIELD_NUMBER: _ClassVar[int]
    MEETING_FIELD_NUMBER: _ClassVar[int]
    EXECUTORS_FIELD_NUMBER: _ClassVar[int]
    CORRESPONDENT_FIELD_NUMBER: _ClassVar[int]
    RESTRICTED_FIELD_NUMBER: _ClassVar[int]
    URGENT_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    draft_id: str
    kind: _common_pb2.DocumentKind
    title: str
    signed: str
    signed_by: str
    meeting: str
    executors: _containers.RepeatedScalarFieldContainer[str]
    correspondent: str
    restricted: bool
    urgent: bool
    attributes: _containers.ScalarMap[str, str]
    def __init__(self, draft_id: _Optional[str] = ..., kind: _Optional[_Union[_common_pb2.DocumentKind, str]] = ..., title: _Optional[str] = ..., signed: _Optional[str] = ..., signed_by: _Optional[str] = ..., meeting: _Optional[str] = ..., executors: _Optional[_Iterable[str]] = ..., correspondent: _Optional[str] = ..., restricted: _Optional[bool] = ..., urgent: _Optional[bool] = ..., attributes: _Optional[_Mapping[str, str]] = ...) -> None: ...

class DraftOutcome(_message.Message):
    __slots__ = ("draft_id", "meeting_id", "meeting", "outcome", "clause")
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    MEETING_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    draft_id: str
    meeting_id: str
    meeting: str
    outcome: str
    clause: _common_pb2.ClauseRef
    def __init__(self, draft_id: _Optional[str] = ..., meeting_id: _Optional[str] = ..., meeting: _Optional[str] = ..., outcome: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ...) -> None: ...

class MeetingRecorded(_message.Message):
    __slots__ = ("meeting_id", "body", "date", "present", "members_total", "quorum", "violations", "warnings")
    MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    PRESENT_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    QUORUM_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    meeting_id: str
    body: str
    date: str
    present: int
    members_total: int
    quorum: bool
    violations: int
    warnings: int
    def __init__(self, meeting_id: _Optional[str] = ..., body: _Optional[str] = ..., date: _Optional[str] = ..., present: _Optional[int] = ..., members_total: _Optional[int] = ..., quorum: _Optional[bool] = ..., violations: _Optional[int] = ..., warnings: _Optional[int] = ...) -> None: ...
