from reglament.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Draft(_message.Message):
    __slots__ = ("kind", "title", "preparing_body", "finance_competence", "to_council", "restricted", "task_bodies", "attributes")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PREPARING_BODY_FIELD_NUMBER: _ClassVar[int]
    FINANCE_COMPETENCE_FIELD_NUMBER: _ClassVar[int]
    TO_COUNCIL_FIELD_NUMBER: _ClassVar[int]
    RESTRICTED_FIELD_NUMBER: _ClassVar[int]
    TASK_BODIES_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    kind: str
    title: str
    preparing_body: str
    finance_competence: bool
    to_council: bool
    restricted: bool
    task_bodies: _containers.RepeatedScalarFieldContainer[str]
    attributes: _containers.ScalarMap[str, str]
    def __init__(self, kind: _Optional[str] = ..., title: _Optional[str] = ..., preparing_body: _Optional[str] = ..., finance_competence: _Optional[bool] = ..., to_council: _Optional[bool] = ..., restricted: _Optional[bool] = ..., task_bodies: _Optional[_Iterable[str]] = ..., attributes: _Optional[_Mapping[str, str]] = ...) -> None: ...

class PlanRouteRequest(_message.Message):
    __slots__ = ("reglament", "draft")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    draft: Draft
    def __init__(self, reglament: _Optional[str] = ..., draft: _Optional[_Union[Draft, _Mapping]] = ...) -> None: ...

class RouteStep(_message.Message):
    __slots__ = ("order", "role", "body", "clause", "paper_only", "after")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    PAPER_ONLY_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    order: int
    role: str
    body: str
    clause: _common_pb2.ClauseRef
    paper_only: bool
    after: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, order: _Optional[int] = ..., role: _Optional[str] = ..., body: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., paper_only: _Optional[bool] = ..., after: _Optional[_Iterable[str]] = ...) -> None: ...

class PlanRouteResponse(_message.Message):
    __slots__ = ("steps", "paper_only", "paper_only_clause", "findings")
    STEPS_FIELD_NUMBER: _ClassVar[int]
    PAPER_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAPER_ONLY_CLAUSE_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    steps: _containers.RepeatedCompositeFieldContainer[RouteStep]
    paper_only: bool
    paper_only_clause: _common_pb2.ClauseRef
    findings: _containers.RepeatedCompositeFieldContainer[_common_pb2.Finding]
    def __init__(self, steps: _Optional[_Iterable[_Union[RouteStep, _Mapping]]] = ..., paper_only: _Optional[bool] = ..., paper_only_clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., findings: _Optional[_Iterable[_Union[_common_pb2.Finding, _Mapping]]] = ...) -> None: ...
