from reglament.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ComputeDueDateRequest(_message.Message):
    __slots__ = ("reglament", "clause", "variant", "from_date")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    VARIANT_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    clause: str
    variant: str
    from_date: str
    def __init__(self, reglament: _Optional[str] = ..., clause: _Optional[str] = ..., variant: _Optional[str] = ..., from_date: _Optional[str] = ...) -> None: ...

class ComputeDueDateResponse(_message.Message):
    __slots__ = ("due", "clause", "explanation", "policy")
    DUE_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    due: str
    clause: _common_pb2.ClauseRef
    explanation: _containers.RepeatedScalarFieldContainer[str]
    policy: str
    def __init__(self, due: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., explanation: _Optional[_Iterable[str]] = ..., policy: _Optional[str] = ...) -> None: ...
