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

class LinkRelation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LINK_RELATION_UNSPECIFIED: _ClassVar[LinkRelation]
    LINK_RELATION_ANSWER_TO: _ClassVar[LinkRelation]
    LINK_RELATION_AMENDS: _ClassVar[LinkRelation]
    LINK_RELATION_CANCELS: _ClassVar[LinkRelation]
    LINK_RELATION_REPEATS: _ClassVar[LinkRelation]

class ControlStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONTROL_STATUS_UNSPECIFIED: _ClassVar[ControlStatus]
    CONTROL_STATUS_NOT_ON_CONTROL: _ClassVar[ControlStatus]
    CONTROL_STATUS_ON_CONTROL: _ClassVar[ControlStatus]
    CONTROL_STATUS_EXECUTED: _ClassVar[ControlStatus]
    CONTROL_STATUS_REMOVED: _ClassVar[ControlStatus]
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
LINK_RELATION_UNSPECIFIED: LinkRelation
LINK_RELATION_ANSWER_TO: LinkRelation
LINK_RELATION_AMENDS: LinkRelation
LINK_RELATION_CANCELS: LinkRelation
LINK_RELATION_REPEATS: LinkRelation
CONTROL_STATUS_UNSPECIFIED: ControlStatus
CONTROL_STATUS_NOT_ON_CONTROL: ControlStatus
CONTROL_STATUS_ON_CONTROL: ControlStatus
CONTROL_STATUS_EXECUTED: ControlStatus
CONTROL_STATUS_REMOVED: ControlStatus

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
    __slots__ = ("id", "reglament", "kind", "journal", "number", "title", "correspondent", "received", "registered", "due_date", "urgent", "for_information", "restricted", "simple", "executors", "attributes", "obligations", "signed", "tasks", "links", "attachments", "topic", "control", "findings", "routed_to", "category", "not_considered_under")
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
    SIGNED_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    LINKS_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    CONTROL_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    ROUTED_TO_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    NOT_CONSIDERED_UNDER_FIELD_NUMBER: _ClassVar[int]
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
    signed: str
    tasks: _containers.RepeatedCompositeFieldContainer[Task]
    links: _containers.RepeatedCompositeFieldContainer[DocumentLink]
    attachments: _containers.RepeatedCompositeFieldContainer[Attachment]
    topic: str
    control: DocumentControl
    findings: _containers.RepeatedCompositeFieldContainer[Finding]
    routed_to: _containers.RepeatedScalarFieldContainer[str]
    category: str
    not_considered_under: str
    def __init__(self, id: _Optional[str] = ..., reglament: _Optional[str] = ..., kind: _Optional[_Union[DocumentKind, str]] = ..., journal: _Optional[str] = ..., number: _Optional[str] = ..., title: _Optional[str] = ..., correspondent: _Optional[str] = ..., received: _Optional[str] = ..., registered: _Optional[str] = ..., due_date: _Optional[str] = ..., urgent: _Optional[bool] = ..., for_information: _Optional[bool] = ..., restricted: _Optional[bool] = ..., simple: _Optional[bool] = ..., executors: _Optional[_Iterable[str]] = ..., attributes: _Optional[_Mapping[str, str]] = ..., obligations: _Optional[_Iterable[_Union[Obligation, _Mapping]]] = ..., signed: _Optional[str] = ..., tasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., links: _Optional[_Iterable[_Union[DocumentLink, _Mapping]]] = ..., attachments: _Optional[_Iterable[_Union[Attachment, _Mapping]]] = ..., topic: _Optional[str] = ..., control: _Optional[_Union[DocumentControl, _Mapping]] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., routed_to: _Optional[_Iterable[str]] = ..., category: _Optional[str] = ..., not_considered_under: _Optional[str] = ...) -> None: ...

class Task(_message.Message):
    __slots__ = ("text", "due", "executors")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    EXECUTORS_FIELD_NUMBER: _ClassVar[int]
    text: str
    due: str
    executors: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, text: _Optional[str] = ..., due: _Optional[str] = ..., executors: _Optional[_Iterable[str]] = ...) -> None: ...

class DocumentLink(_message.Message):
    __slots__ = ("relation", "document_id", "number", "journal")
    RELATION_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    JOURNAL_FIELD_NUMBER: _ClassVar[int]
    relation: LinkRelation
    document_id: str
    number: str
    journal: str
    def __init__(self, relation: _Optional[_Union[LinkRelation, str]] = ..., document_id: _Optional[str] = ..., number: _Optional[str] = ..., journal: _Optional[str] = ...) -> None: ...

class Attachment(_message.Message):
    __slots__ = ("name", "media_type", "size_bytes", "pages", "sha256")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    PAGES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    name: str
    media_type: str
    size_bytes: int
    pages: int
    sha256: str
    def __init__(self, name: _Optional[str] = ..., media_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., pages: _Optional[int] = ..., sha256: _Optional[str] = ...) -> None: ...

class DocumentControl(_message.Message):
    __slots__ = ("status", "controller", "controller_role", "put_by", "put_on", "due", "long_term", "basis", "executed_on", "executed_by", "removed_on", "removed_by", "removal_basis", "removal_document_id", "interim_reports")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CONTROLLER_FIELD_NUMBER: _ClassVar[int]
    CONTROLLER_ROLE_FIELD_NUMBER: _ClassVar[int]
    PUT_BY_FIELD_NUMBER: _ClassVar[int]
    PUT_ON_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    LONG_TERM_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_ON_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_BY_FIELD_NUMBER: _ClassVar[int]
    REMOVED_ON_FIELD_NUMBER: _ClassVar[int]
    REMOVED_BY_FIELD_NUMBER: _ClassVar[int]
    REMOVAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    REMOVAL_DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    INTERIM_REPORTS_FIELD_NUMBER: _ClassVar[int]
    status: ControlStatus
    controller: str
    controller_role: str
    put_by: str
    put_on: str
    due: str
    long_term: bool
    basis: str
    executed_on: str
    executed_by: str
    removed_on: str
    removed_by: str
    removal_basis: str
    removal_document_id: str
    interim_reports: _containers.RepeatedCompositeFieldContainer[InterimReport]
    def __init__(self, status: _Optional[_Union[ControlStatus, str]] = ..., controller: _Optional[str] = ..., controller_role: _Optional[str] = ..., put_by: _Optional[str] = ..., put_on: _Optional[str] = ..., due: _Optional[str] = ..., long_term: _Optional[bool] = ..., basis: _Optional[str] = ..., executed_on: _Optional[str] = ..., executed_by: _Optional[str] = ..., removed_on: _Optional[str] = ..., removed_by: _Optional[str] = ..., removal_basis: _Optional[str] = ..., removal_document_id: _Optional[str] = ..., interim_reports: _Optional[_Iterable[_Union[InterimReport, _Mapping]]] = ...) -> None: ...

class InterimReport(_message.Message):
    __slots__ = ("reported_on", "actor", "text")
    REPORTED_ON_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    reported_on: str
    actor: str
    text: str
    def __init__(self, reported_on: _Optional[str] = ..., actor: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...
