from reglament.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RegisterDocumentRequest(_message.Message):
    __slots__ = ("request_id", "reglament", "kind", "title", "correspondent", "received", "registered", "due_date", "urgent", "for_information", "restricted", "simple", "executors", "attributes", "signed", "tasks", "links", "attachments", "topic", "actor")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
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
    SIGNED_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    LINKS_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    reglament: str
    kind: _common_pb2.DocumentKind
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
    signed: str
    tasks: _containers.RepeatedCompositeFieldContainer[_common_pb2.Task]
    links: _containers.RepeatedCompositeFieldContainer[_common_pb2.DocumentLink]
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    topic: str
    actor: str
    def __init__(self, request_id: _Optional[str] = ..., reglament: _Optional[str] = ..., kind: _Optional[_Union[_common_pb2.DocumentKind, str]] = ..., title: _Optional[str] = ..., correspondent: _Optional[str] = ..., received: _Optional[str] = ..., registered: _Optional[str] = ..., due_date: _Optional[str] = ..., urgent: _Optional[bool] = ..., for_information: _Optional[bool] = ..., restricted: _Optional[bool] = ..., simple: _Optional[bool] = ..., executors: _Optional[_Iterable[str]] = ..., attributes: _Optional[_Mapping[str, str]] = ..., signed: _Optional[str] = ..., tasks: _Optional[_Iterable[_Union[_common_pb2.Task, _Mapping]]] = ..., links: _Optional[_Iterable[_Union[_common_pb2.DocumentLink, _Mapping]]] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ..., topic: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class RegisterDocumentResponse(_message.Message):
    __slots__ = ("document", "created", "findings")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    document: _common_pb2.Document
    created: bool
    findings: _containers.RepeatedCompositeFieldContainer[_common_pb2.Finding]
    def __init__(self, document: _Optional[_Union[_common_pb2.Document, _Mapping]] = ..., created: _Optional[bool] = ..., findings: _Optional[_Iterable[_Union[_common_pb2.Finding, _Mapping]]] = ...) -> None: ...

class GetDocumentRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListDocumentsRequest(_message.Message):
    __slots__ = ("reglament", "kind", "page_size", "page_token", "journal", "status", "executor", "responsible_only", "due_from", "due_to", "overdue", "as_of", "registered_from", "registered_to")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    JOURNAL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    EXECUTOR_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_ONLY_FIELD_NUMBER: _ClassVar[int]
    DUE_FROM_FIELD_NUMBER: _ClassVar[int]
    DUE_TO_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_FROM_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_TO_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    kind: _common_pb2.DocumentKind
    page_size: int
    page_token: str
    journal: str
    status: _common_pb2.ControlStatus
    executor: str
    responsible_only: bool
    due_from: str
    due_to: str
    overdue: bool
    as_of: str
    registered_from: str
    registered_to: str
    def __init__(self, reglament: _Optional[str] = ..., kind: _Optional[_Union[_common_pb2.DocumentKind, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., journal: _Optional[str] = ..., status: _Optional[_Union[_common_pb2.ControlStatus, str]] = ..., executor: _Optional[str] = ..., responsible_only: _Optional[bool] = ..., due_from: _Optional[str] = ..., due_to: _Optional[str] = ..., overdue: _Optional[bool] = ..., as_of: _Optional[str] = ..., registered_from: _Optional[str] = ..., registered_to: _Optional[str] = ...) -> None: ...

class ListDocumentsResponse(_message.Message):
    __slots__ = ("documents", "next_page_token")
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[_common_pb2.Document]
    next_page_token: str
    def __init__(self, documents: _Optional[_Iterable[_Union[_common_pb2.Document, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PutOnControlRequest(_message.Message):
    __slots__ = ("request_id", "document_id", "actor", "controller", "controller_role", "on", "due", "long_term", "basis")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CONTROLLER_FIELD_NUMBER: _ClassVar[int]
    CONTROLLER_ROLE_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    LONG_TERM_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    document_id: str
    actor: str
    controller: str
    controller_role: str
    on: str
    due: str
    long_term: bool
    basis: str
    def __init__(self, request_id: _Optional[str] = ..., document_id: _Optional[str] = ..., actor: _Optional[str] = ..., controller: _Optional[str] = ..., controller_role: _Optional[str] = ..., on: _Optional[str] = ..., due: _Optional[str] = ..., long_term: _Optional[bool] = ..., basis: _Optional[str] = ...) -> None: ...

class RecordInterimReportRequest(_message.Message):
    __slots__ = ("request_id", "document_id", "actor", "on", "text")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    document_id: str
    actor: str
    on: str
    text: str
    def __init__(self, request_id: _Optional[str] = ..., document_id: _Optional[str] = ..., actor: _Optional[str] = ..., on: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class MarkExecutedRequest(_message.Message):
    __slots__ = ("request_id", "document_id", "actor", "on", "reason", "facts")
    class FactsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    document_id: str
    actor: str
    on: str
    reason: str
    facts: _containers.ScalarMap[str, str]
    def __init__(self, request_id: _Optional[str] = ..., document_id: _Optional[str] = ..., actor: _Optional[str] = ..., on: _Optional[str] = ..., reason: _Optional[str] = ..., facts: _Optional[_Mapping[str, str]] = ...) -> None: ...

class RemoveFromControlRequest(_message.Message):
    __slots__ = ("request_id", "document_id", "actor", "actor_role", "on", "reason", "basis_document_id", "facts")
    class FactsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ROLE_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BASIS_DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    document_id: str
    actor: str
    actor_role: str
    on: str
    reason: str
    basis_document_id: str
    facts: _containers.ScalarMap[str, str]
    def __init__(self, request_id: _Optional[str] = ..., document_id: _Optional[str] = ..., actor: _Optional[str] = ..., actor_role: _Optional[str] = ..., on: _Optional[str] = ..., reason: _Optional[str] = ..., basis_document_id: _Optional[str] = ..., facts: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ControlResponse(_message.Message):
    __slots__ = ("document", "changed", "findings")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    document: _common_pb2.Document
    changed: bool
    findings: _containers.RepeatedCompositeFieldContainer[_common_pb2.Finding]
    def __init__(self, document: _Optional[_Union[_common_pb2.Document, _Mapping]] = ..., changed: _Optional[bool] = ..., findings: _Optional[_Iterable[_Union[_common_pb2.Finding, _Mapping]]] = ...) -> None: ...

class GetAuditLogRequest(_message.Message):
    __slots__ = ("document_id",)
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    def __init__(self, document_id: _Optional[str] = ...) -> None: ...

class AuditEntry(_message.Message):
    __slots__ = ("id", "subject_id", "actor", "at", "action", "reason", "data_json")
    ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DATA_JSON_FIELD_NUMBER: _ClassVar[int]
    id: int
    subject_id: str
    actor: str
    at: str
    action: str
    reason: str
    data_json: str
    def __init__(self, id: _Optional[int] = ..., subject_id: _Optional[str] = ..., actor: _Optional[str] = ..., at: _Optional[str] = ..., action: _Optional[str] = ..., reason: _Optional[str] = ..., data_json: _Optional[str] = ...) -> None: ...

class GetAuditLogResponse(_message.Message):
    __slots__ = ("entries",)
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[AuditEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[AuditEntry, _Mapping]]] = ...) -> None: ...

class ControlReportRequest(_message.Message):
    __slots__ = ("reglament", "period_from", "period_to")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FROM_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TO_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    period_from: str
    period_to: str
    def __init__(self, reglament: _Optional[str] = ..., period_from: _Optional[str] = ..., period_to: _Optional[str] = ...) -> None: ...

class ControlReportRow(_message.Message):
    __slots__ = ("category", "registered", "put_on_control", "carried_over", "executed", "executed_late", "removed", "open_at_end", "overdue")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_FIELD_NUMBER: _ClassVar[int]
    PUT_ON_CONTROL_FIELD_NUMBER: _ClassVar[int]
    CARRIED_OVER_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_LATE_FIELD_NUMBER: _ClassVar[int]
    REMOVED_FIELD_NUMBER: _ClassVar[int]
    OPEN_AT_END_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    category: str
    registered: int
    put_on_control: int
    carried_over: int
    executed: int
    executed_late: int
    removed: int
    open_at_end: int
    overdue: int
    def __init__(self, category: _Optional[str] = ..., registered: _Optional[int] = ..., put_on_control: _Optional[int] = ..., carried_over: _Optional[int] = ..., executed: _Optional[int] = ..., executed_late: _Optional[int] = ..., removed: _Optional[int] = ..., open_at_end: _Optional[int] = ..., overdue: _Optional[int] = ...) -> None: ...

class ControlReportResponse(_message.Message):
    __slots__ = ("reglament", "period_from", "period_to", "rows", "total")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FROM_FIELD_NUMBER: _ClassVar[int]
    PERIOD_TO_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    period_from: str
    period_to: str
    rows: _containers.RepeatedCompositeFieldContainer[ControlReportRow]
    total: ControlReportRow
    def __init__(self, reglament: _Optional[str] = ..., period_from: _Optional[str] = ..., period_to: _Optional[str] = ..., rows: _Optional[_Iterable[_Union[ControlReportRow, _Mapping]]] = ..., total: _Optional[_Union[ControlReportRow, _Mapping]] = ...) -> None: ...
