from reglament.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExtensionCapacity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXTENSION_CAPACITY_UNSPECIFIED: _ClassVar[ExtensionCapacity]
    EXTENSION_CAPACITY_SET_TERM: _ClassVar[ExtensionCapacity]
    EXTENSION_CAPACITY_REPLACES_SETTER: _ClassVar[ExtensionCapacity]
    EXTENSION_CAPACITY_ADOPTING_BODY: _ClassVar[ExtensionCapacity]
EXTENSION_CAPACITY_UNSPECIFIED: ExtensionCapacity
EXTENSION_CAPACITY_SET_TERM: ExtensionCapacity
EXTENSION_CAPACITY_REPLACES_SETTER: ExtensionCapacity
EXTENSION_CAPACITY_ADOPTING_BODY: ExtensionCapacity

class ComputeDueDateRequest(_message.Message):
    __slots__ = ("reglament", "clause", "variant", "from_date", "document")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    VARIANT_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    clause: str
    variant: str
    from_date: str
    document: _common_pb2.Document
    def __init__(self, reglament: _Optional[str] = ..., clause: _Optional[str] = ..., variant: _Optional[str] = ..., from_date: _Optional[str] = ..., document: _Optional[_Union[_common_pb2.Document, _Mapping]] = ...) -> None: ...

class ComputeDueDateResponse(_message.Message):
    __slots__ = ("due", "clause", "explanation", "policy", "obligations")
    DUE_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    OBLIGATIONS_FIELD_NUMBER: _ClassVar[int]
    due: str
    clause: _common_pb2.ClauseRef
    explanation: _containers.RepeatedScalarFieldContainer[str]
    policy: str
    obligations: _containers.RepeatedCompositeFieldContainer[_common_pb2.Obligation]
    def __init__(self, due: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., explanation: _Optional[_Iterable[str]] = ..., policy: _Optional[str] = ..., obligations: _Optional[_Iterable[_Union[_common_pb2.Obligation, _Mapping]]] = ...) -> None: ...

class CountingPolicyRef(_message.Message):
    __slots__ = ("source", "quote", "end_on_non_working", "interpretation")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    END_ON_NON_WORKING_FIELD_NUMBER: _ClassVar[int]
    INTERPRETATION_FIELD_NUMBER: _ClassVar[int]
    source: str
    quote: str
    end_on_non_working: str
    interpretation: str
    def __init__(self, source: _Optional[str] = ..., quote: _Optional[str] = ..., end_on_non_working: _Optional[str] = ..., interpretation: _Optional[str] = ...) -> None: ...

class TermSpecView(_message.Message):
    __slots__ = ("unit", "amount", "anchor", "direction", "day", "weekday", "time")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    WEEKDAY_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    unit: str
    amount: int
    anchor: str
    direction: str
    day: int
    weekday: int
    time: str
    def __init__(self, unit: _Optional[str] = ..., amount: _Optional[int] = ..., anchor: _Optional[str] = ..., direction: _Optional[str] = ..., day: _Optional[int] = ..., weekday: _Optional[int] = ..., time: _Optional[str] = ...) -> None: ...

class DayNote(_message.Message):
    __slots__ = ("date", "counted", "reason")
    DATE_FIELD_NUMBER: _ClassVar[int]
    COUNTED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    date: str
    counted: bool
    reason: str
    def __init__(self, date: _Optional[str] = ..., counted: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class ExplainDueDateRequest(_message.Message):
    __slots__ = ("reglament", "clause", "variant", "from_date", "obligation_id")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    VARIANT_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    clause: str
    variant: str
    from_date: str
    obligation_id: str
    def __init__(self, reglament: _Optional[str] = ..., clause: _Optional[str] = ..., variant: _Optional[str] = ..., from_date: _Optional[str] = ..., obligation_id: _Optional[str] = ...) -> None: ...

class ExplainDueDateResponse(_message.Message):
    __slots__ = ("due", "clause", "explanation", "policy", "anchor", "start", "nominal_due", "end_rule", "term", "days", "counted_days", "term_changes", "status", "original_due")
    DUE_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    NOMINAL_DUE_FIELD_NUMBER: _ClassVar[int]
    END_RULE_FIELD_NUMBER: _ClassVar[int]
    TERM_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    COUNTED_DAYS_FIELD_NUMBER: _ClassVar[int]
    TERM_CHANGES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_DUE_FIELD_NUMBER: _ClassVar[int]
    due: str
    clause: _common_pb2.ClauseRef
    explanation: _containers.RepeatedScalarFieldContainer[str]
    policy: CountingPolicyRef
    anchor: str
    start: str
    nominal_due: str
    end_rule: str
    term: TermSpecView
    days: _containers.RepeatedCompositeFieldContainer[DayNote]
    counted_days: int
    term_changes: _containers.RepeatedCompositeFieldContainer[TermChange]
    status: _common_pb2.ObligationStatus
    original_due: str
    def __init__(self, due: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., explanation: _Optional[_Iterable[str]] = ..., policy: _Optional[_Union[CountingPolicyRef, _Mapping]] = ..., anchor: _Optional[str] = ..., start: _Optional[str] = ..., nominal_due: _Optional[str] = ..., end_rule: _Optional[str] = ..., term: _Optional[_Union[TermSpecView, _Mapping]] = ..., days: _Optional[_Iterable[_Union[DayNote, _Mapping]]] = ..., counted_days: _Optional[int] = ..., term_changes: _Optional[_Iterable[_Union[TermChange, _Mapping]]] = ..., status: _Optional[_Union[_common_pb2.ObligationStatus, str]] = ..., original_due: _Optional[str] = ...) -> None: ...

class TermSetter(_message.Message):
    __slots__ = ("kind", "role", "name", "source", "clause")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    kind: str
    role: str
    name: str
    source: str
    clause: str
    def __init__(self, kind: _Optional[str] = ..., role: _Optional[str] = ..., name: _Optional[str] = ..., source: _Optional[str] = ..., clause: _Optional[str] = ...) -> None: ...

class StatusChange(_message.Message):
    __slots__ = ("status", "clock", "recorded_at", "reason", "event_id", "obligation_id")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CLOCK_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    status: _common_pb2.ObligationStatus
    clock: str
    recorded_at: str
    reason: str
    event_id: str
    obligation_id: str
    def __init__(self, status: _Optional[_Union[_common_pb2.ObligationStatus, str]] = ..., clock: _Optional[str] = ..., recorded_at: _Optional[str] = ..., reason: _Optional[str] = ..., event_id: _Optional[str] = ..., obligation_id: _Optional[str] = ...) -> None: ...

class TermChange(_message.Message):
    __slots__ = ("obligation_id", "previous_due", "new_due", "requested_due", "actor", "actor_role", "capacity", "requested_by", "reason", "basis", "requested_on", "authority", "clauses", "explanation", "request_id", "at", "term_version")
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_DUE_FIELD_NUMBER: _ClassVar[int]
    NEW_DUE_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_DUE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ROLE_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_ON_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    CLAUSES_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    TERM_VERSION_FIELD_NUMBER: _ClassVar[int]
    obligation_id: str
    previous_due: str
    new_due: str
    requested_due: str
    actor: str
    actor_role: str
    capacity: ExtensionCapacity
    requested_by: str
    reason: str
    basis: str
    requested_on: str
    authority: str
    clauses: _containers.RepeatedCompositeFieldContainer[_common_pb2.ClauseRef]
    explanation: _containers.RepeatedScalarFieldContainer[str]
    request_id: str
    at: str
    term_version: int
    def __init__(self, obligation_id: _Optional[str] = ..., previous_due: _Optional[str] = ..., new_due: _Optional[str] = ..., requested_due: _Optional[str] = ..., actor: _Optional[str] = ..., actor_role: _Optional[str] = ..., capacity: _Optional[_Union[ExtensionCapacity, str]] = ..., requested_by: _Optional[str] = ..., reason: _Optional[str] = ..., basis: _Optional[str] = ..., requested_on: _Optional[str] = ..., authority: _Optional[str] = ..., clauses: _Optional[_Iterable[_Union[_common_pb2.ClauseRef, _Mapping]]] = ..., explanation: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ..., at: _Optional[str] = ..., term_version: _Optional[int] = ...) -> None: ...

class TrackedObligation(_message.Message):
    __slots__ = ("obligation", "reglament", "document_kind", "document_number", "original_due", "term_version", "executors", "setter", "created_at", "due_soon_at", "violated_at", "closed_at", "term_changes", "status_changes")
    OBLIGATION_FIELD_NUMBER: _ClassVar[int]
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_KIND_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_DUE_FIELD_NUMBER: _ClassVar[int]
    TERM_VERSION_FIELD_NUMBER: _ClassVar[int]
    EXECUTORS_FIELD_NUMBER: _ClassVar[int]
    SETTER_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    DUE_SOON_AT_FIELD_NUMBER: _ClassVar[int]
    VIOLATED_AT_FIELD_NUMBER: _ClassVar[int]
    CLOSED_AT_FIELD_NUMBER: _ClassVar[int]
    TERM_CHANGES_FIELD_NUMBER: _ClassVar[int]
    STATUS_CHANGES_FIELD_NUMBER: _ClassVar[int]
    obligation: _common_pb2.Obligation
    reglament: str
    document_kind: str
    document_number: str
    original_due: str
    term_version: int
    executors: _containers.RepeatedScalarFieldContainer[str]
    setter: TermSetter
    created_at: str
    due_soon_at: str
    violated_at: str
    closed_at: str
    term_changes: _containers.RepeatedCompositeFieldContainer[TermChange]
    status_changes: _containers.RepeatedCompositeFieldContainer[StatusChange]
    def __init__(self, obligation: _Optional[_Union[_common_pb2.Obligation, _Mapping]] = ..., reglament: _Optional[str] = ..., document_kind: _Optional[str] = ..., document_number: _Optional[str] = ..., original_due: _Optional[str] = ..., term_version: _Optional[int] = ..., executors: _Optional[_Iterable[str]] = ..., setter: _Optional[_Union[TermSetter, _Mapping]] = ..., created_at: _Optional[str] = ..., due_soon_at: _Optional[str] = ..., violated_at: _Optional[str] = ..., closed_at: _Optional[str] = ..., term_changes: _Optional[_Iterable[_Union[TermChange, _Mapping]]] = ..., status_changes: _Optional[_Iterable[_Union[StatusChange, _Mapping]]] = ...) -> None: ...

class GetObligationRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListObligationsRequest(_message.Message):
    __slots__ = ("subject_id", "reglament", "status", "page_size", "page_token")
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    subject_id: str
    reglament: str
    status: _common_pb2.ObligationStatus
    page_size: int
    page_token: str
    def __init__(self, subject_id: _Optional[str] = ..., reglament: _Optional[str] = ..., status: _Optional[_Union[_common_pb2.ObligationStatus, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListObligationsResponse(_message.Message):
    __slots__ = ("obligations", "next_page_token")
    OBLIGATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    obligations: _containers.RepeatedCompositeFieldContainer[TrackedObligation]
    next_page_token: str
    def __init__(self, obligations: _Optional[_Iterable[_Union[TrackedObligation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListTermChangesRequest(_message.Message):
    __slots__ = ("obligation_id", "subject_id")
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    obligation_id: str
    subject_id: str
    def __init__(self, obligation_id: _Optional[str] = ..., subject_id: _Optional[str] = ...) -> None: ...

class ListTermChangesResponse(_message.Message):
    __slots__ = ("changes",)
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[TermChange]
    def __init__(self, changes: _Optional[_Iterable[_Union[TermChange, _Mapping]]] = ...) -> None: ...

class ExtendTermRequest(_message.Message):
    __slots__ = ("request_id", "obligation_id", "new_due", "actor", "actor_role", "capacity", "requested_by", "reason", "basis", "requested_on", "interim_answer", "author_notified", "via_general_department")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    NEW_DUE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ROLE_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_ON_FIELD_NUMBER: _ClassVar[int]
    INTERIM_ANSWER_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_NOTIFIED_FIELD_NUMBER: _ClassVar[int]
    VIA_GENERAL_DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    obligation_id: str
    new_due: str
    actor: str
    actor_role: str
    capacity: ExtensionCapacity
    requested_by: str
    reason: str
    basis: str
    requested_on: str
    interim_answer: bool
    author_notified: bool
    via_general_department: bool
    def __init__(self, request_id: _Optional[str] = ..., obligation_id: _Optional[str] = ..., new_due: _Optional[str] = ..., actor: _Optional[str] = ..., actor_role: _Optional[str] = ..., capacity: _Optional[_Union[ExtensionCapacity, str]] = ..., requested_by: _Optional[str] = ..., reason: _Optional[str] = ..., basis: _Optional[str] = ..., requested_on: _Optional[str] = ..., interim_answer: _Optional[bool] = ..., author_notified: _Optional[bool] = ..., via_general_department: _Optional[bool] = ...) -> None: ...

class ExtendTermResponse(_message.Message):
    __slots__ = ("obligation", "change", "created")
    OBLIGATION_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    obligation: TrackedObligation
    change: TermChange
    created: bool
    def __init__(self, obligation: _Optional[_Union[TrackedObligation, _Mapping]] = ..., change: _Optional[_Union[TermChange, _Mapping]] = ..., created: _Optional[bool] = ...) -> None: ...

class TermSubstitution(_message.Message):
    __slots__ = ("id", "reglament", "absent_role", "absent_name", "substitute_role", "substitute_name", "valid_from", "valid_until", "basis")
    ID_FIELD_NUMBER: _ClassVar[int]
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    ABSENT_ROLE_FIELD_NUMBER: _ClassVar[int]
    ABSENT_NAME_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTE_ROLE_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTE_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    id: int
    reglament: str
    absent_role: str
    absent_name: str
    substitute_role: str
    substitute_name: str
    valid_from: str
    valid_until: str
    basis: str
    def __init__(self, id: _Optional[int] = ..., reglament: _Optional[str] = ..., absent_role: _Optional[str] = ..., absent_name: _Optional[str] = ..., substitute_role: _Optional[str] = ..., substitute_name: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_until: _Optional[str] = ..., basis: _Optional[str] = ...) -> None: ...

class RecordSubstitutionRequest(_message.Message):
    __slots__ = ("request_id", "reglament", "absent_role", "absent_name", "substitute_role", "substitute_name", "valid_from", "valid_until", "basis")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    ABSENT_ROLE_FIELD_NUMBER: _ClassVar[int]
    ABSENT_NAME_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTE_ROLE_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTE_NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    reglament: str
    absent_role: str
    absent_name: str
    substitute_role: str
    substitute_name: str
    valid_from: str
    valid_until: str
    basis: str
    def __init__(self, request_id: _Optional[str] = ..., reglament: _Optional[str] = ..., absent_role: _Optional[str] = ..., absent_name: _Optional[str] = ..., substitute_role: _Optional[str] = ..., substitute_name: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_until: _Optional[str] = ..., basis: _Optional[str] = ...) -> None: ...

class RecordSubstitutionResponse(_message.Message):
    __slots__ = ("substitution", "created")
    SUBSTITUTION_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    substitution: TermSubstitution
    created: bool
    def __init__(self, substitution: _Optional[_Union[TermSubstitution, _Mapping]] = ..., created: _Optional[bool] = ...) -> None: ...

class TickRequest(_message.Message):
    __slots__ = ("now", "subject_id")
    NOW_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    now: str
    subject_id: str
    def __init__(self, now: _Optional[str] = ..., subject_id: _Optional[str] = ...) -> None: ...

class TickResponse(_message.Message):
    __slots__ = ("now", "changes", "published")
    NOW_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    now: str
    changes: _containers.RepeatedCompositeFieldContainer[StatusChange]
    published: int
    def __init__(self, now: _Optional[str] = ..., changes: _Optional[_Iterable[_Union[StatusChange, _Mapping]]] = ..., published: _Optional[int] = ...) -> None: ...

class DisciplineReportRequest(_message.Message):
    __slots__ = ("reglament", "month", "as_of")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    month: str
    as_of: str
    def __init__(self, reglament: _Optional[str] = ..., month: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class DisciplineRow(_message.Message):
    __slots__ = ("name", "unit", "obligations_due", "violations", "obligation_ids")
    NAME_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    OBLIGATIONS_DUE_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    OBLIGATION_IDS_FIELD_NUMBER: _ClassVar[int]
    name: str
    unit: str
    obligations_due: int
    violations: int
    obligation_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., unit: _Optional[str] = ..., obligations_due: _Optional[int] = ..., violations: _Optional[int] = ..., obligation_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class DisciplineViolation(_message.Message):
    __slots__ = ("obligation_id", "subject_id", "document_number", "document_kind", "clause", "action", "due", "violated_at", "status", "unit", "executors")
    OBLIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_KIND_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    VIOLATED_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    EXECUTORS_FIELD_NUMBER: _ClassVar[int]
    obligation_id: str
    subject_id: str
    document_number: str
    document_kind: str
    clause: _common_pb2.ClauseRef
    action: str
    due: str
    violated_at: str
    status: _common_pb2.ObligationStatus
    unit: str
    executors: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, obligation_id: _Optional[str] = ..., subject_id: _Optional[str] = ..., document_number: _Optional[str] = ..., document_kind: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., action: _Optional[str] = ..., due: _Optional[str] = ..., violated_at: _Optional[str] = ..., status: _Optional[_Union[_common_pb2.ObligationStatus, str]] = ..., unit: _Optional[str] = ..., executors: _Optional[_Iterable[str]] = ...) -> None: ...

class DisciplineReportResponse(_message.Message):
    __slots__ = ("reglament", "month", "period_start", "period_end", "as_of", "clause", "report_due", "explanation", "obligations_due", "violations", "by_unit", "by_executor", "violated")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    REPORT_DUE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    OBLIGATIONS_DUE_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    BY_UNIT_FIELD_NUMBER: _ClassVar[int]
    BY_EXECUTOR_FIELD_NUMBER: _ClassVar[int]
    VIOLATED_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    month: str
    period_start: str
    period_end: str
    as_of: str
    clause: _common_pb2.ClauseRef
    report_due: str
    explanation: _containers.RepeatedScalarFieldContainer[str]
    obligations_due: int
    violations: int
    by_unit: _containers.RepeatedCompositeFieldContainer[DisciplineRow]
    by_executor: _containers.RepeatedCompositeFieldContainer[DisciplineRow]
    violated: _containers.RepeatedCompositeFieldContainer[DisciplineViolation]
    def __init__(self, reglament: _Optional[str] = ..., month: _Optional[str] = ..., period_start: _Optional[str] = ..., period_end: _Optional[str] = ..., as_of: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., report_due: _Optional[str] = ..., explanation: _Optional[_Iterable[str]] = ..., obligations_due: _Optional[int] = ..., violations: _Optional[int] = ..., by_unit: _Optional[_Iterable[_Union[DisciplineRow, _Mapping]]] = ..., by_executor: _Optional[_Iterable[_Union[DisciplineRow, _Mapping]]] = ..., violated: _Optional[_Iterable[_Union[DisciplineViolation, _Mapping]]] = ...) -> None: ...
