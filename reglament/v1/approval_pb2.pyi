from reglament.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DraftStage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DRAFT_STAGE_UNSPECIFIED: _ClassVar[DraftStage]
    DRAFT_STAGE_ON_ROUTE: _ClassVar[DraftStage]
    DRAFT_STAGE_RETURNED: _ClassVar[DraftStage]
    DRAFT_STAGE_ROUTE_COMPLETED: _ClassVar[DraftStage]
    DRAFT_STAGE_ADOPTED: _ClassVar[DraftStage]
    DRAFT_STAGE_NOT_ADOPTED: _ClassVar[DraftStage]
    DRAFT_STAGE_SIGNED: _ClassVar[DraftStage]

class StepStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STEP_STATUS_UNSPECIFIED: _ClassVar[StepStatus]
    STEP_STATUS_PENDING: _ClassVar[StepStatus]
    STEP_STATUS_WAITING: _ClassVar[StepStatus]
    STEP_STATUS_APPROVED: _ClassVar[StepStatus]
    STEP_STATUS_APPROVED_WITH_REMARKS: _ClassVar[StepStatus]
    STEP_STATUS_REJECTED: _ClassVar[StepStatus]
    STEP_STATUS_DEEMED_APPROVED: _ClassVar[StepStatus]

class VisaDecision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VISA_DECISION_UNSPECIFIED: _ClassVar[VisaDecision]
    VISA_DECISION_APPROVE: _ClassVar[VisaDecision]
    VISA_DECISION_APPROVE_WITH_REMARKS: _ClassVar[VisaDecision]
    VISA_DECISION_REJECT: _ClassVar[VisaDecision]

class ChangeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANGE_KIND_UNSPECIFIED: _ClassVar[ChangeKind]
    CHANGE_KIND_SUBSTANTIVE: _ClassVar[ChangeKind]
    CHANGE_KIND_AT_MEETING: _ClassVar[ChangeKind]
    CHANGE_KIND_MINOR: _ClassVar[ChangeKind]
DRAFT_STAGE_UNSPECIFIED: DraftStage
DRAFT_STAGE_ON_ROUTE: DraftStage
DRAFT_STAGE_RETURNED: DraftStage
DRAFT_STAGE_ROUTE_COMPLETED: DraftStage
DRAFT_STAGE_ADOPTED: DraftStage
DRAFT_STAGE_NOT_ADOPTED: DraftStage
DRAFT_STAGE_SIGNED: DraftStage
STEP_STATUS_UNSPECIFIED: StepStatus
STEP_STATUS_PENDING: StepStatus
STEP_STATUS_WAITING: StepStatus
STEP_STATUS_APPROVED: StepStatus
STEP_STATUS_APPROVED_WITH_REMARKS: StepStatus
STEP_STATUS_REJECTED: StepStatus
STEP_STATUS_DEEMED_APPROVED: StepStatus
VISA_DECISION_UNSPECIFIED: VisaDecision
VISA_DECISION_APPROVE: VisaDecision
VISA_DECISION_APPROVE_WITH_REMARKS: VisaDecision
VISA_DECISION_REJECT: VisaDecision
CHANGE_KIND_UNSPECIFIED: ChangeKind
CHANGE_KIND_SUBSTANTIVE: ChangeKind
CHANGE_KIND_AT_MEETING: ChangeKind
CHANGE_KIND_MINOR: ChangeKind

class Draft(_message.Message):
    __slots__ = ("kind", "title", "preparing_body", "finance_competence", "to_council", "restricted", "task_bodies", "attributes", "competent_body", "responsible_deputy", "coordinating_deputy")
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
    COMPETENT_BODY_FIELD_NUMBER: _ClassVar[int]
    RESPONSIBLE_DEPUTY_FIELD_NUMBER: _ClassVar[int]
    COORDINATING_DEPUTY_FIELD_NUMBER: _ClassVar[int]
    kind: str
    title: str
    preparing_body: str
    finance_competence: bool
    to_council: bool
    restricted: bool
    task_bodies: _containers.RepeatedScalarFieldContainer[str]
    attributes: _containers.ScalarMap[str, str]
    competent_body: str
    responsible_deputy: str
    coordinating_deputy: str
    def __init__(self, kind: _Optional[str] = ..., title: _Optional[str] = ..., preparing_body: _Optional[str] = ..., finance_competence: _Optional[bool] = ..., to_council: _Optional[bool] = ..., restricted: _Optional[bool] = ..., task_bodies: _Optional[_Iterable[str]] = ..., attributes: _Optional[_Mapping[str, str]] = ..., competent_body: _Optional[str] = ..., responsible_deputy: _Optional[str] = ..., coordinating_deputy: _Optional[str] = ...) -> None: ...

class PlanRouteRequest(_message.Message):
    __slots__ = ("reglament", "draft")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    draft: Draft
    def __init__(self, reglament: _Optional[str] = ..., draft: _Optional[_Union[Draft, _Mapping]] = ...) -> None: ...

class RouteStep(_message.Message):
    __slots__ = ("order", "role", "body", "clause", "paper_only", "after", "step_id", "holder", "role_name")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    PAPER_ONLY_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    ROLE_NAME_FIELD_NUMBER: _ClassVar[int]
    order: int
    role: str
    body: str
    clause: _common_pb2.ClauseRef
    paper_only: bool
    after: _containers.RepeatedScalarFieldContainer[str]
    step_id: str
    holder: str
    role_name: str
    def __init__(self, order: _Optional[int] = ..., role: _Optional[str] = ..., body: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., paper_only: _Optional[bool] = ..., after: _Optional[_Iterable[str]] = ..., step_id: _Optional[str] = ..., holder: _Optional[str] = ..., role_name: _Optional[str] = ...) -> None: ...

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

class Approver(_message.Message):
    __slots__ = ("role", "body", "person")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    role: str
    body: str
    person: str
    def __init__(self, role: _Optional[str] = ..., body: _Optional[str] = ..., person: _Optional[str] = ...) -> None: ...

class Substitution(_message.Message):
    __slots__ = ("role", "body", "absent", "substitute", "acting", "phase", "step_id", "clause")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    ABSENT_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTE_FIELD_NUMBER: _ClassVar[int]
    ACTING_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    role: str
    body: str
    absent: str
    substitute: str
    acting: bool
    phase: str
    step_id: str
    clause: _common_pb2.ClauseRef
    def __init__(self, role: _Optional[str] = ..., body: _Optional[str] = ..., absent: _Optional[str] = ..., substitute: _Optional[str] = ..., acting: _Optional[bool] = ..., phase: _Optional[str] = ..., step_id: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ...) -> None: ...

class SubmitDraftRequest(_message.Message):
    __slots__ = ("request_id", "reglament", "draft", "approvers", "substitutions", "submitted")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    APPROVERS_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTIONS_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    reglament: str
    draft: Draft
    approvers: _containers.RepeatedCompositeFieldContainer[Approver]
    substitutions: _containers.RepeatedCompositeFieldContainer[Substitution]
    submitted: str
    def __init__(self, request_id: _Optional[str] = ..., reglament: _Optional[str] = ..., draft: _Optional[_Union[Draft, _Mapping]] = ..., approvers: _Optional[_Iterable[_Union[Approver, _Mapping]]] = ..., substitutions: _Optional[_Iterable[_Union[Substitution, _Mapping]]] = ..., submitted: _Optional[str] = ...) -> None: ...

class GetRouteRequest(_message.Message):
    __slots__ = ("draft_id", "today")
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    TODAY_FIELD_NUMBER: _ClassVar[int]
    draft_id: str
    today: str
    def __init__(self, draft_id: _Optional[str] = ..., today: _Optional[str] = ...) -> None: ...

class StepState(_message.Message):
    __slots__ = ("step", "status", "approver", "substitute", "visaed_by", "remarks", "visaed_on", "waiting_for", "covered_by", "deemed_by")
    STEP_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    APPROVER_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTE_FIELD_NUMBER: _ClassVar[int]
    VISAED_BY_FIELD_NUMBER: _ClassVar[int]
    REMARKS_FIELD_NUMBER: _ClassVar[int]
    VISAED_ON_FIELD_NUMBER: _ClassVar[int]
    WAITING_FOR_FIELD_NUMBER: _ClassVar[int]
    COVERED_BY_FIELD_NUMBER: _ClassVar[int]
    DEEMED_BY_FIELD_NUMBER: _ClassVar[int]
    step: RouteStep
    status: StepStatus
    approver: str
    substitute: str
    visaed_by: str
    remarks: str
    visaed_on: str
    waiting_for: _containers.RepeatedScalarFieldContainer[str]
    covered_by: str
    deemed_by: _common_pb2.ClauseRef
    def __init__(self, step: _Optional[_Union[RouteStep, _Mapping]] = ..., status: _Optional[_Union[StepStatus, str]] = ..., approver: _Optional[str] = ..., substitute: _Optional[str] = ..., visaed_by: _Optional[str] = ..., remarks: _Optional[str] = ..., visaed_on: _Optional[str] = ..., waiting_for: _Optional[_Iterable[str]] = ..., covered_by: _Optional[str] = ..., deemed_by: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ...) -> None: ...

class Visa(_message.Message):
    __slots__ = ("seq", "round", "step_id", "actor", "on_behalf_of", "decision", "remarks", "medium", "visaed_on", "voided")
    SEQ_FIELD_NUMBER: _ClassVar[int]
    ROUND_FIELD_NUMBER: _ClassVar[int]
    STEP_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ON_BEHALF_OF_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    REMARKS_FIELD_NUMBER: _ClassVar[int]
    MEDIUM_FIELD_NUMBER: _ClassVar[int]
    VISAED_ON_FIELD_NUMBER: _ClassVar[int]
    VOIDED_FIELD_NUMBER: _ClassVar[int]
    seq: int
    round: int
    step_id: str
    actor: str
    on_behalf_of: str
    decision: VisaDecision
    remarks: str
    medium: str
    visaed_on: str
    voided: bool
    def __init__(self, seq: _Optional[int] = ..., round: _Optional[int] = ..., step_id: _Optional[str] = ..., actor: _Optional[str] = ..., on_behalf_of: _Optional[str] = ..., decision: _Optional[_Union[VisaDecision, str]] = ..., remarks: _Optional[str] = ..., medium: _Optional[str] = ..., visaed_on: _Optional[str] = ..., voided: _Optional[bool] = ...) -> None: ...

class DraftRoute(_message.Message):
    __slots__ = ("draft_id", "reglament", "draft", "stage", "round", "round_reason", "round_clause", "steps", "visas", "substitutions", "paper_only", "paper_only_clause", "findings", "obligations", "meeting", "signed", "signed_by", "submitted")
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    ROUND_FIELD_NUMBER: _ClassVar[int]
    ROUND_REASON_FIELD_NUMBER: _ClassVar[int]
    ROUND_CLAUSE_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    VISAS_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTIONS_FIELD_NUMBER: _ClassVar[int]
    PAPER_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAPER_ONLY_CLAUSE_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    OBLIGATIONS_FIELD_NUMBER: _ClassVar[int]
    MEETING_FIELD_NUMBER: _ClassVar[int]
    SIGNED_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    draft_id: str
    reglament: str
    draft: Draft
    stage: DraftStage
    round: int
    round_reason: str
    round_clause: _common_pb2.ClauseRef
    steps: _containers.RepeatedCompositeFieldContainer[StepState]
    visas: _containers.RepeatedCompositeFieldContainer[Visa]
    substitutions: _containers.RepeatedCompositeFieldContainer[Substitution]
    paper_only: bool
    paper_only_clause: _common_pb2.ClauseRef
    findings: _containers.RepeatedCompositeFieldContainer[_common_pb2.Finding]
    obligations: _containers.RepeatedCompositeFieldContainer[_common_pb2.Obligation]
    meeting: str
    signed: str
    signed_by: str
    submitted: str
    def __init__(self, draft_id: _Optional[str] = ..., reglament: _Optional[str] = ..., draft: _Optional[_Union[Draft, _Mapping]] = ..., stage: _Optional[_Union[DraftStage, str]] = ..., round: _Optional[int] = ..., round_reason: _Optional[str] = ..., round_clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., steps: _Optional[_Iterable[_Union[StepState, _Mapping]]] = ..., visas: _Optional[_Iterable[_Union[Visa, _Mapping]]] = ..., substitutions: _Optional[_Iterable[_Union[Substitution, _Mapping]]] = ..., paper_only: _Optional[bool] = ..., paper_only_clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ..., findings: _Optional[_Iterable[_Union[_common_pb2.Finding, _Mapping]]] = ..., obligations: _Optional[_Iterable[_Union[_common_pb2.Obligation, _Mapping]]] = ..., meeting: _Optional[str] = ..., signed: _Optional[str] = ..., signed_by: _Optional[str] = ..., submitted: _Optional[str] = ...) -> None: ...

class RecordVisaRequest(_message.Message):
    __slots__ = ("request_id", "draft_id", "role", "body", "clause", "actor", "decision", "remarks", "medium", "visaed_on")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    REMARKS_FIELD_NUMBER: _ClassVar[int]
    MEDIUM_FIELD_NUMBER: _ClassVar[int]
    VISAED_ON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    draft_id: str
    role: str
    body: str
    clause: str
    actor: str
    decision: VisaDecision
    remarks: str
    medium: str
    visaed_on: str
    def __init__(self, request_id: _Optional[str] = ..., draft_id: _Optional[str] = ..., role: _Optional[str] = ..., body: _Optional[str] = ..., clause: _Optional[str] = ..., actor: _Optional[str] = ..., decision: _Optional[_Union[VisaDecision, str]] = ..., remarks: _Optional[str] = ..., medium: _Optional[str] = ..., visaed_on: _Optional[str] = ...) -> None: ...

class SubstituteApproverRequest(_message.Message):
    __slots__ = ("request_id", "draft_id", "substitution", "clause")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBSTITUTION_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    draft_id: str
    substitution: Substitution
    clause: str
    def __init__(self, request_id: _Optional[str] = ..., draft_id: _Optional[str] = ..., substitution: _Optional[_Union[Substitution, _Mapping]] = ..., clause: _Optional[str] = ...) -> None: ...

class ChangeDraftRequest(_message.Message):
    __slots__ = ("request_id", "draft_id", "kind", "draft", "proposer", "meeting", "reason", "changed_on")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    PROPOSER_FIELD_NUMBER: _ClassVar[int]
    MEETING_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CHANGED_ON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    draft_id: str
    kind: ChangeKind
    draft: Draft
    proposer: str
    meeting: str
    reason: str
    changed_on: str
    def __init__(self, request_id: _Optional[str] = ..., draft_id: _Optional[str] = ..., kind: _Optional[_Union[ChangeKind, str]] = ..., draft: _Optional[_Union[Draft, _Mapping]] = ..., proposer: _Optional[str] = ..., meeting: _Optional[str] = ..., reason: _Optional[str] = ..., changed_on: _Optional[str] = ...) -> None: ...

class SignDraftRequest(_message.Message):
    __slots__ = ("request_id", "draft_id", "signed_by", "signer", "signer_chaired", "signed", "has_annexes", "annexes_signed_by", "urgent")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_FIELD_NUMBER: _ClassVar[int]
    SIGNER_FIELD_NUMBER: _ClassVar[int]
    SIGNER_CHAIRED_FIELD_NUMBER: _ClassVar[int]
    SIGNED_FIELD_NUMBER: _ClassVar[int]
    HAS_ANNEXES_FIELD_NUMBER: _ClassVar[int]
    ANNEXES_SIGNED_BY_FIELD_NUMBER: _ClassVar[int]
    URGENT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    draft_id: str
    signed_by: str
    signer: str
    signer_chaired: bool
    signed: str
    has_annexes: bool
    annexes_signed_by: str
    urgent: bool
    def __init__(self, request_id: _Optional[str] = ..., draft_id: _Optional[str] = ..., signed_by: _Optional[str] = ..., signer: _Optional[str] = ..., signer_chaired: _Optional[bool] = ..., signed: _Optional[str] = ..., has_annexes: _Optional[bool] = ..., annexes_signed_by: _Optional[str] = ..., urgent: _Optional[bool] = ...) -> None: ...

class DraftContent(_message.Message):
    __slots__ = ("tasks_have_terms", "tasks_have_responsible", "executor_count", "has_coordinator", "has_distribution_list", "pages", "bound_and_certified", "mayor_permission")
    TASKS_HAVE_TERMS_FIELD_NUMBER: _ClassVar[int]
    TASKS_HAVE_RESPONSIBLE_FIELD_NUMBER: _ClassVar[int]
    EXECUTOR_COUNT_FIELD_NUMBER: _ClassVar[int]
    HAS_COORDINATOR_FIELD_NUMBER: _ClassVar[int]
    HAS_DISTRIBUTION_LIST_FIELD_NUMBER: _ClassVar[int]
    PAGES_FIELD_NUMBER: _ClassVar[int]
    BOUND_AND_CERTIFIED_FIELD_NUMBER: _ClassVar[int]
    MAYOR_PERMISSION_FIELD_NUMBER: _ClassVar[int]
    tasks_have_terms: bool
    tasks_have_responsible: bool
    executor_count: int
    has_coordinator: bool
    has_distribution_list: bool
    pages: int
    bound_and_certified: bool
    mayor_permission: bool
    def __init__(self, tasks_have_terms: _Optional[bool] = ..., tasks_have_responsible: _Optional[bool] = ..., executor_count: _Optional[int] = ..., has_coordinator: _Optional[bool] = ..., has_distribution_list: _Optional[bool] = ..., pages: _Optional[int] = ..., bound_and_certified: _Optional[bool] = ..., mayor_permission: _Optional[bool] = ...) -> None: ...

class ValidateDraftRequest(_message.Message):
    __slots__ = ("reglament", "draft", "draft_id", "content", "meeting", "materials_submitted", "today", "fulfilled")
    class FulfilledEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    MEETING_FIELD_NUMBER: _ClassVar[int]
    MATERIALS_SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    TODAY_FIELD_NUMBER: _ClassVar[int]
    FULFILLED_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    draft: Draft
    draft_id: str
    content: DraftContent
    meeting: str
    materials_submitted: str
    today: str
    fulfilled: _containers.ScalarMap[str, str]
    def __init__(self, reglament: _Optional[str] = ..., draft: _Optional[_Union[Draft, _Mapping]] = ..., draft_id: _Optional[str] = ..., content: _Optional[_Union[DraftContent, _Mapping]] = ..., meeting: _Optional[str] = ..., materials_submitted: _Optional[str] = ..., today: _Optional[str] = ..., fulfilled: _Optional[_Mapping[str, str]] = ...) -> None: ...

class Validation(_message.Message):
    __slots__ = ("findings", "obligations", "steps", "satisfied", "ignored")
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    OBLIGATIONS_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    IGNORED_FIELD_NUMBER: _ClassVar[int]
    findings: _containers.RepeatedCompositeFieldContainer[_common_pb2.Finding]
    obligations: _containers.RepeatedCompositeFieldContainer[_common_pb2.Obligation]
    steps: _containers.RepeatedCompositeFieldContainer[RouteStep]
    satisfied: _containers.RepeatedCompositeFieldContainer[_common_pb2.ClauseRef]
    ignored: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, findings: _Optional[_Iterable[_Union[_common_pb2.Finding, _Mapping]]] = ..., obligations: _Optional[_Iterable[_Union[_common_pb2.Obligation, _Mapping]]] = ..., steps: _Optional[_Iterable[_Union[RouteStep, _Mapping]]] = ..., satisfied: _Optional[_Iterable[_Union[_common_pb2.ClauseRef, _Mapping]]] = ..., ignored: _Optional[_Iterable[str]] = ...) -> None: ...

class Agenda(_message.Message):
    __slots__ = ("formed", "agreed_by_mayor", "signed_by_keruiuchyi", "approved", "materials_to_members")
    FORMED_FIELD_NUMBER: _ClassVar[int]
    AGREED_BY_MAYOR_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_KERUIUCHYI_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    MATERIALS_TO_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    formed: str
    agreed_by_mayor: bool
    signed_by_keruiuchyi: bool
    approved: bool
    materials_to_members: str
    def __init__(self, formed: _Optional[str] = ..., agreed_by_mayor: _Optional[bool] = ..., signed_by_keruiuchyi: _Optional[bool] = ..., approved: _Optional[bool] = ..., materials_to_members: _Optional[str] = ...) -> None: ...

class AgendaItem(_message.Message):
    __slots__ = ("draft_id", "title", "votes_for", "votes_against", "tacit_consent", "has_remarks", "adopted", "changed", "proposer", "added_at_meeting", "members_consent", "attributes")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    VOTES_FOR_FIELD_NUMBER: _ClassVar[int]
    VOTES_AGAINST_FIELD_NUMBER: _ClassVar[int]
    TACIT_CONSENT_FIELD_NUMBER: _ClassVar[int]
    HAS_REMARKS_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELD_NUMBER: _ClassVar[int]
    PROPOSER_FIELD_NUMBER: _ClassVar[int]
    ADDED_AT_MEETING_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_CONSENT_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    draft_id: str
    title: str
    votes_for: int
    votes_against: int
    tacit_consent: bool
    has_remarks: bool
    adopted: bool
    changed: bool
    proposer: str
    added_at_meeting: bool
    members_consent: bool
    attributes: _containers.ScalarMap[str, str]
    def __init__(self, draft_id: _Optional[str] = ..., title: _Optional[str] = ..., votes_for: _Optional[int] = ..., votes_against: _Optional[int] = ..., tacit_consent: _Optional[bool] = ..., has_remarks: _Optional[bool] = ..., adopted: _Optional[bool] = ..., changed: _Optional[bool] = ..., proposer: _Optional[str] = ..., added_at_meeting: _Optional[bool] = ..., members_consent: _Optional[bool] = ..., attributes: _Optional[_Mapping[str, str]] = ...) -> None: ...

class Declaration(_message.Message):
    __slots__ = ("member", "item", "in_protocol", "member_votes", "external_control", "known", "notified")
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    IN_PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    MEMBER_VOTES_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_CONTROL_FIELD_NUMBER: _ClassVar[int]
    KNOWN_FIELD_NUMBER: _ClassVar[int]
    NOTIFIED_FIELD_NUMBER: _ClassVar[int]
    member: str
    item: int
    in_protocol: bool
    member_votes: bool
    external_control: bool
    known: str
    notified: str
    def __init__(self, member: _Optional[str] = ..., item: _Optional[int] = ..., in_protocol: _Optional[bool] = ..., member_votes: _Optional[bool] = ..., external_control: _Optional[bool] = ..., known: _Optional[str] = ..., notified: _Optional[str] = ...) -> None: ...

class ParticipationNotice(_message.Message):
    __slots__ = ("person", "category", "sent", "signed", "agreed")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SENT_FIELD_NUMBER: _ClassVar[int]
    SIGNED_FIELD_NUMBER: _ClassVar[int]
    AGREED_FIELD_NUMBER: _ClassVar[int]
    person: str
    category: str
    sent: str
    signed: bool
    agreed: bool
    def __init__(self, person: _Optional[str] = ..., category: _Optional[str] = ..., sent: _Optional[str] = ..., signed: _Optional[bool] = ..., agreed: _Optional[bool] = ...) -> None: ...

class Protocol(_message.Message):
    __slots__ = ("date", "has_number_date", "has_attendance", "has_agenda", "has_speakers", "has_votes", "has_amendments", "has_record", "signed_by_mayor", "signed_by_keruiuchyi")
    DATE_FIELD_NUMBER: _ClassVar[int]
    HAS_NUMBER_DATE_FIELD_NUMBER: _ClassVar[int]
    HAS_ATTENDANCE_FIELD_NUMBER: _ClassVar[int]
    HAS_AGENDA_FIELD_NUMBER: _ClassVar[int]
    HAS_SPEAKERS_FIELD_NUMBER: _ClassVar[int]
    HAS_VOTES_FIELD_NUMBER: _ClassVar[int]
    HAS_AMENDMENTS_FIELD_NUMBER: _ClassVar[int]
    HAS_RECORD_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_MAYOR_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_KERUIUCHYI_FIELD_NUMBER: _ClassVar[int]
    date: str
    has_number_date: bool
    has_attendance: bool
    has_agenda: bool
    has_speakers: bool
    has_votes: bool
    has_amendments: bool
    has_record: bool
    signed_by_mayor: bool
    signed_by_keruiuchyi: bool
    def __init__(self, date: _Optional[str] = ..., has_number_date: _Optional[bool] = ..., has_attendance: _Optional[bool] = ..., has_agenda: _Optional[bool] = ..., has_speakers: _Optional[bool] = ..., has_votes: _Optional[bool] = ..., has_amendments: _Optional[bool] = ..., has_record: _Optional[bool] = ..., signed_by_mayor: _Optional[bool] = ..., signed_by_keruiuchyi: _Optional[bool] = ...) -> None: ...

class Poll(_message.Message):
    __slots__ = ("emergency", "signed_by_mayor", "signatures")
    EMERGENCY_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_MAYOR_FIELD_NUMBER: _ClassVar[int]
    SIGNATURES_FIELD_NUMBER: _ClassVar[int]
    emergency: bool
    signed_by_mayor: bool
    signatures: int
    def __init__(self, emergency: _Optional[bool] = ..., signed_by_mayor: _Optional[bool] = ..., signatures: _Optional[int] = ...) -> None: ...

class Meeting(_message.Message):
    __slots__ = ("body", "date", "start", "members_total", "present_members", "absent_members", "present", "agenda", "items", "declarations", "notices", "protocol", "poll", "attributes", "fulfilled", "invited")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class FulfilledEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BODY_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    PRESENT_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    ABSENT_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    PRESENT_FIELD_NUMBER: _ClassVar[int]
    AGENDA_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    DECLARATIONS_FIELD_NUMBER: _ClassVar[int]
    NOTICES_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    POLL_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    FULFILLED_FIELD_NUMBER: _ClassVar[int]
    INVITED_FIELD_NUMBER: _ClassVar[int]
    body: str
    date: str
    start: str
    members_total: int
    present_members: _containers.RepeatedScalarFieldContainer[str]
    absent_members: _containers.RepeatedScalarFieldContainer[str]
    present: int
    agenda: Agenda
    items: _containers.RepeatedCompositeFieldContainer[AgendaItem]
    declarations: _containers.RepeatedCompositeFieldContainer[Declaration]
    notices: _containers.RepeatedCompositeFieldContainer[ParticipationNotice]
    protocol: Protocol
    poll: Poll
    attributes: _containers.ScalarMap[str, str]
    fulfilled: _containers.ScalarMap[str, str]
    invited: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, body: _Optional[str] = ..., date: _Optional[str] = ..., start: _Optional[str] = ..., members_total: _Optional[int] = ..., present_members: _Optional[_Iterable[str]] = ..., absent_members: _Optional[_Iterable[str]] = ..., present: _Optional[int] = ..., agenda: _Optional[_Union[Agenda, _Mapping]] = ..., items: _Optional[_Iterable[_Union[AgendaItem, _Mapping]]] = ..., declarations: _Optional[_Iterable[_Union[Declaration, _Mapping]]] = ..., notices: _Optional[_Iterable[_Union[ParticipationNotice, _Mapping]]] = ..., protocol: _Optional[_Union[Protocol, _Mapping]] = ..., poll: _Optional[_Union[Poll, _Mapping]] = ..., attributes: _Optional[_Mapping[str, str]] = ..., fulfilled: _Optional[_Mapping[str, str]] = ..., invited: _Optional[_Iterable[str]] = ...) -> None: ...

class ValidateMeetingRequest(_message.Message):
    __slots__ = ("reglament", "meeting", "today")
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    MEETING_FIELD_NUMBER: _ClassVar[int]
    TODAY_FIELD_NUMBER: _ClassVar[int]
    reglament: str
    meeting: Meeting
    today: str
    def __init__(self, reglament: _Optional[str] = ..., meeting: _Optional[_Union[Meeting, _Mapping]] = ..., today: _Optional[str] = ...) -> None: ...

class MeetingFinding(_message.Message):
    __slots__ = ("index", "part", "finding")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    PART_FIELD_NUMBER: _ClassVar[int]
    FINDING_FIELD_NUMBER: _ClassVar[int]
    index: int
    part: str
    finding: _common_pb2.Finding
    def __init__(self, index: _Optional[int] = ..., part: _Optional[str] = ..., finding: _Optional[_Union[_common_pb2.Finding, _Mapping]] = ...) -> None: ...

class ItemOutcome(_message.Message):
    __slots__ = ("item", "draft_id", "outcome", "reason", "clause")
    ITEM_FIELD_NUMBER: _ClassVar[int]
    DRAFT_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLAUSE_FIELD_NUMBER: _ClassVar[int]
    item: int
    draft_id: str
    outcome: str
    reason: str
    clause: _common_pb2.ClauseRef
    def __init__(self, item: _Optional[int] = ..., draft_id: _Optional[str] = ..., outcome: _Optional[str] = ..., reason: _Optional[str] = ..., clause: _Optional[_Union[_common_pb2.ClauseRef, _Mapping]] = ...) -> None: ...

class MeetingValidation(_message.Message):
    __slots__ = ("findings", "obligations", "satisfied", "quorum", "ignored")
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    OBLIGATIONS_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    QUORUM_FIELD_NUMBER: _ClassVar[int]
    IGNORED_FIELD_NUMBER: _ClassVar[int]
    findings: _containers.RepeatedCompositeFieldContainer[MeetingFinding]
    obligations: _containers.RepeatedCompositeFieldContainer[_common_pb2.Obligation]
    satisfied: _containers.RepeatedCompositeFieldContainer[_common_pb2.ClauseRef]
    quorum: bool
    ignored: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, findings: _Optional[_Iterable[_Union[MeetingFinding, _Mapping]]] = ..., obligations: _Optional[_Iterable[_Union[_common_pb2.Obligation, _Mapping]]] = ..., satisfied: _Optional[_Iterable[_Union[_common_pb2.ClauseRef, _Mapping]]] = ..., quorum: _Optional[bool] = ..., ignored: _Optional[_Iterable[str]] = ...) -> None: ...

class RecordMeetingRequest(_message.Message):
    __slots__ = ("request_id", "reglament", "meeting", "today")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    REGLAMENT_FIELD_NUMBER: _ClassVar[int]
    MEETING_FIELD_NUMBER: _ClassVar[int]
    TODAY_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    reglament: str
    meeting: Meeting
    today: str
    def __init__(self, request_id: _Optional[str] = ..., reglament: _Optional[str] = ..., meeting: _Optional[_Union[Meeting, _Mapping]] = ..., today: _Optional[str] = ...) -> None: ...

class MeetingRecord(_message.Message):
    __slots__ = ("meeting_id", "validation", "outcomes")
    MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_FIELD_NUMBER: _ClassVar[int]
    OUTCOMES_FIELD_NUMBER: _ClassVar[int]
    meeting_id: str
    validation: MeetingValidation
    outcomes: _containers.RepeatedCompositeFieldContainer[ItemOutcome]
    def __init__(self, meeting_id: _Optional[str] = ..., validation: _Optional[_Union[MeetingValidation, _Mapping]] = ..., outcomes: _Optional[_Iterable[_Union[ItemOutcome, _Mapping]]] = ...) -> None: ...
