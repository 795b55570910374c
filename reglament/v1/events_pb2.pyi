import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from reglament.v1 import common_pb2 as _common_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Event(_message.Message):
    __slots__ = ("event_id", "type", "municipality", "reglament", "occurred_at", "correlation_id", "causation_id", "document_registered", "obligation_created", "obligation_status_changed", "term_changed")
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
    TERM_CHANGED_FIELD_NUMBER: _ClassVar[int]
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
    term_changed: TermChanged
    def __init__(self, event_id: _Optional[str] = ..., type: _Optional[str] = ..., municipality: _Optional[str] = ..., reglament: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., correlation_id: _Optional[str] = ..., causation_id: _Optional[str] = ..., document_registered: _Optional[_Union[DocumentRegistered, _Mapping]] = ..., obligation_created: _Optional[_Union[ObligationCreated, _Mapping]] = ..., obligation_status_changed: _Optional[_Union[ObligationStatusChanged, _Mapping]] = ..., term_changed: _Optional[_Union[TermChanged, _Mapping]] = ...) -> None: ...

class DocumentRegistered(_message.Message):
    __slots__ = ("document",)
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    document: _common_pb2.Document
    def __init__(self, document: _Optional[_Union[_common_pb2.Document, _Mapping]] = ...) -> None: ...

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
    __slots__ = ("obligation_id", "subject_id", "previous_due", "new_due", "actor", "actor_role", "reason", "clause", "request_id")
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_DUE_FIELD_NUMBER: _ClassVar[int]
    NEW_DUE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ROLE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    obligation_id: str
    subject_id: str
    previous_due: str
    new_due: str
    actor: str
    actor_role: str
    reason: str
    clause: _common_pb2.ClauseRef
    request_id: str
    def __init__(self, obligation_id: _Optional[str] = ..., subject_id: _Optional[str] = ..., previous_due: _Optional[str] = ..., new_due: _Optional[str] = ..., actor: _Optional[str] = ..., actor_role: _Optional[str] = ..., reason: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

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
