from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEVERITY_UNSPECIFIED: _ClassVar[Severity]
    SEVERITY_VIOLATION: _ClassVar[Severity]
    SEVERITY_WARNING: _ClassVar[Severity]
    SEVERITY_INFO: _ClassVar[Severity]

class ObligationStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OBLIGATION_STATUS_UNSPECIFIED: _ClassVar[ObligationStatus]
    OBLIGATION_STATUS_PENDING: _ClassVar[ObligationStatus]
    OBLIGATION_STATUS_DUE_SOON: _ClassVar[ObligationStatus]
    OBLIGATION_STATUS_FULFILLED: _ClassVar[ObligationStatus]
    OBLIGATION_STATUS_VIOLATED: _ClassVar[ObligationStatus]
    OBLIGATION_STATUS_WAIVED: _ClassVar[ObligationStatus]

class DocumentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DOCUMENT_KIND_UNSPECIFIED: _ClassVar[DocumentKind]
    DOCUMENT_KIND_INCOMING: _ClassVar[DocumentKind]
    DOCUMENT_KIND_OUTGOING: _ClassVar[DocumentKind]
    DOCUMENT_KIND_EC_DECISION: _ClassVar[DocumentKind]
    DOCUMENT_KIND_MAYOR_ORDER: _ClassVar[DocumentKind]
    DOCUMENT_KIND_APPEAL: _ClassVar[DocumentKind]
    DOCUMENT_KIND_INFO_REQUEST: _ClassVar[DocumentKind]
    DOCUMENT_KIND_DEPUTY_APPEAL: _ClassVar[DocumentKind]
    DOCUMENT_KIND_PROTOCOL_INSTRUCTION: _ClassVar[DocumentKind]
SEVERITY_UNSPECIFIED: Severity
SEVERITY_VIOLATION: Severity
SEVERITY_WARNING: Severity
SEVERITY_INFO: Severity
OBLIGATION_STATUS_UNSPECIFIED: ObligationStatus
OBLIGATION_STATUS_PENDING: ObligationStatus
OBLIGATION_STATUS_DUE_SOON: ObligationStatus
OBLIGATION_STATUS_FULFILLED: ObligationStatus
OBLIGATION_STATUS_VIOLATED: ObligationStatus
OBLIGATION_STATUS_WAIVED: ObligationStatus
DOCUMENT_KIND_UNSPECIFIED: DocumentKind
DOCUMENT_KIND_INCOMING: DocumentKind
DOCUMENT_KIND_OUTGOING: DocumentKind
DOCUMENT_KIND_EC_DECISION: DocumentKind
DOCUMENT_KIND_MAYOR_ORDER: DocumentKind
DOCUMENT_KIND_APPEAL: DocumentKind
DOCUMENT_KIND_INFO_REQUEST: DocumentKind
DOCUMENT_KIND_DEPUTY_APPEAL: DocumentKind
DOCUMENT_KIND_PROTOCOL_INSTRUCTION: DocumentKind

class ClauseRef(_message.Message):
    __slots__ = ("reglament", "clause", "quote", "interpretation")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    INTERPRETATION_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    clause: str
    quote: str
    interpretation: str
    def __init__(self, reglament: _Optional[str] = ..., clause: _Optional[str] = ..., quote: _Optional[str] = ..., interpretation: _Optional[str] = ...) -> None: ...

class Finding(_message.Message):
    __slots__ = ("clause", "severity", "message", "facts")
    class FactsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    clause: ClauseRef
    severity: Severity
    message: str
    facts: _containers.ScalarMap[str, str]
    def __init__(self, clause: _Optional[_Union[ClauseRef, _Mapping]] = ..., severity: _Optional[_Union[Severity, str]] = ..., message: _Optional[str] = ..., facts: _Optional[_Mapping[str, str]] = ...) -> None: ...

class Obligation(_message.Message):
    __slots__ = ("id", "clause", "subject_id", "bearer", "action", "due", "explanation", "status")
    ID_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    BEARER_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    id: str
    clause: ClauseRef
    subject_id: str
    bearer: str
    action: str
    due: str
    explanation: _containers.RepeatedScalarFieldContainer[str]
    status: ObligationStatus
    def __init__(self, id: _Optional[str] = ..., clause: _Optional[_Union[ClauseRef, _Mapping]] = ..., subject_id: _Optional[str] = ..., bearer: _Optional[str] = ..., action: _Optional[str] = ..., due: _Optional[str] = ..., explanation: _Optional[_Iterable[str]] = ..., status: _Optional[_Union[ObligationStatus, str]] = ...) -> None: ...

class Document(_message.Message):
    __slots__ = ("id", "reglament", "kind", "journal", "number", "title", "correspondent", "received", "registered", "due_date", "urgent", "for_information", "restricted", "simple", "executors", "attributes", "obligations")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    JOURNAL_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CORRESPONDENT_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    URGENT_FIELD_NUMBER: _ClassVar[int]
    FOR_INFORMATION_FIELD_NUMBER: _ClassVar[int]
    RESTRICTED_FIELD_NUMBER: _ClassVar[int]
    SIMPLE_FIELD_NUMBER: _ClassVar[int]
    EXECUTORS_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    OBLIGATIONS_FIELD_NUMBER: _ClassVar[int]
    id: str
    reglament: str
    kind: DocumentKind
    journal: str
    number: str
    title: str
    correspondent: str
    received: str
    registered: str
    due_date: str
    urgent: bool
    for_information: bool
    restricted: bool
    simple: bool
    executors: _containers.RepeatedScalarFieldContainer[str]
    attributes: _containers.ScalarMap[str, str]
    obligations: _containers.RepeatedCompositeFieldContainer[Obligation]
    def __init__(self, id: _Optional[str] = ..., reglament: _Optional[str] = ..., kind: _Optional[_Union[DocumentKind, str]] = ..., journal: _Optional[str] = ..., number: _Optional[str] = ..., title: _Optional[str] = ..., correspondent: _Optional[str] = ..., received: _Optional[str] = ..., registered: _Optional[str] = ..., due_date: _Optional[str] = ..., urgent: _Optional[bool] = ..., for_information: _Optional[bool] = ..., restricted: _Optional[bool] = ..., simple: _Optional[bool] = ..., executors: _Optional[_Iterable[str]] = ..., attributes: _Optional[_Mapping[str, str]] = ..., obligations: _Optional[_Iterable[_Union[Obligation, _Mapping]]] = ...) -> None: ...
