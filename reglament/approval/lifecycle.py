"""The visa lifecycle of a draft as a pure state machine: submit, substitute, visa, change, sign.

Every transition takes a DraftState and returns a new one with the domain events it caused; a
refusal raises a DomainError naming the clause and quoting it. Legal questions go to the rules:
the lifecycle describes the step as facts (who visas, how many prior visas are missing, is the
substitute acting, on which medium) and refuses on the violations the given facts show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from reglament.approval.checks import evaluate_given
from reglament.approval.procedure import procedure_of
from reglament.domain import ClauseRef, Finding, Obligation
from reglament.errors import DomainError, FailedPrecondition, InvalidArgument, PermissionDenied
from reglament.route import PlannedStep, Route, draft_facts, plan_route
from reglament.rules.evaluate import FactsError
from reglament.rules.loader import Reglament
from reglament.rules.schema import Encoding, Subject

MEDIA = ("electronic", "paper")
DOCUMENT_KIND = {"decision": "ec_decision", "order": "mayor_order"}


class Stage(StrEnum):
    ON_ROUTE = "on_route"
    RETURNED = "returned"
    ROUTE_COMPLETED = "route_completed"
    ADOPTED = "adopted"
    NOT_ADOPTED = "not_adopted"
    SIGNED = "signed"


class Decision(StrEnum):
    APPROVE = "approve"
    APPROVE_WITH_REMARKS = "approve_with_remarks"
    REJECT = "reject"


class StepStatus(StrEnum):
    PENDING = "pending"
    WAITING = "waiting"
    APPROVED = "approved"
    APPROVED_WITH_REMARKS = "approved_with_remarks"
    REJECTED = "rejected"
    DEEMED_APPROVED = "deemed_approved"


class ChangeKind(StrEnum):
    SUBSTANTIVE = "substantive"
    AT_MEETING = "at_meeting"
    MINOR = "minor"


class Outcome(StrEnum):
    ADOPTED = "adopted"
    ADOPTED_WITH_CHANGES = "adopted_with_changes"
    NOT_ADOPTED = "not_adopted"


ROUND_SUBMITTED = "submitted"
ROUND_SUBSTANTIVE = "substantive_change"
ROUND_AT_MEETING = "changed_at_meeting"
SATISFIED = frozenset({StepStatus.APPROVED, StepStatus.APPROVED_WITH_REMARKS, StepStatus.DEEMED_APPROVED})


# -- the state --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftInput:
    """A draft's facts as a municipal system sends them (Draft in approval.proto)."""

    kind: str
    title: str = ""
    preparing_body: str = ""
    competent_body: str = ""
    responsible_deputy: str = ""
    coordinating_deputy: str = ""
    finance_competence: bool = False
    to_council: bool = False
    restricted: bool = False
    task_bodies: tuple[str, ...] = ()
    attributes: Mapping[str, str] = field(default_factory=dict)

    def base(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "preparing_body": self.preparing_body,
            "competent_body": self.competent_body,
            "responsible_deputy": self.responsible_deputy,
            "coordinating_deputy": self.coordinating_deputy,
            "finance_competence": self.finance_competence,
            "to_council": self.to_council,
            "restricted": self.restricted,
            "task_bodies": list(self.task_bodies),
        }

    def holders(self, proposer: str = "") -> dict[str, str]:
        return {
            "preparing_body": self.preparing_body,
            "competent_body": self.competent_body,
            "responsible_deputy": self.responsible_deputy,
            "coordinating_deputy": self.coordinating_deputy,
            "proposer": proposer,
        }

    def facts(self, reglament: Reglament) -> dict[str, Any]:
        return draft_facts(reglament, self.base(), self.attributes, field_prefix="draft.")


@dataclass(frozen=True)
class Approver:
    role: str
    body: str
    person: str


@dataclass(frozen=True)
class Visa:
    seq: int
    round: int
    step_id: str
    actor: str
    decision: Decision
    visaed_on: dt.date
    medium: str = "electronic"
    remarks: str = ""
    on_behalf_of: str = ""
    voided: bool = False
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Substitution:
    seq: int
    step_id: str
    absent: str
    substitute: str
    acting: bool
    phase: str  # "before" | "during" (of its round)
    ref: ClauseRef | None = None
    round: int = 1  # the round (procedure of approval) the substitution is made for; it ends with it


@dataclass
class DraftState:
    """Everything the lifecycle knows about one draft; the current round's steps and visas."""

    id: str
    reglament: str
    draft: DraftInput
    submitted: dt.date
    stage: Stage = Stage.ON_ROUTE
    round: int = 1
    round_reason: str = ROUND_SUBMITTED
    round_clause: ClauseRef | None = None
    steps: list[PlannedStep] = field(default_factory=list)
    visas: list[Visa] = field(default_factory=list)  # of the current round, in order
    substitutions: list[Substitution] = field(default_factory=list)
    approvers: tuple[Approver, ...] = ()
    paper_clause: ClauseRef | None = None
    meeting: dt.date | None = None
    adopted: bool = False
    proposer: str = ""
    signed: dt.date | None = None
    signed_by: str = ""
    signer: str = ""
    next_seq: int = 1  # the next visa / substitution sequence number within the draft
    obligations: list[Obligation] = field(default_factory=list)


# -- domain events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteStarted:
    draft_id: str
    kind: str
    title: str
    round: int
    reason: str
    clause: ClauseRef | None
    steps: tuple[str, ...]


@dataclass(frozen=True)
class VisaRecorded:
    draft_id: str
    visa: Visa
    step: PlannedStep


@dataclass(frozen=True)
class RouteCompleted:
    draft_id: str
    round: int
    kind: str
    completed_on: dt.date


@dataclass(frozen=True)
class ApproverSubstituted:
    draft_id: str
    substitution: Substitution


@dataclass(frozen=True)
class Signed:
    draft_id: str
    document_kind: str  # ec_decision | mayor_order
    title: str
    signed: dt.date
    signed_by: str
    meeting: dt.date | None
    executors: tuple[str, ...]
    correspondent: str
    restricted: bool
    urgent: bool
    attributes: Mapping[str, str]


@dataclass(frozen=True)
class OutcomeApplied:
    draft_id: str
    meeting_id: str
    meeting: dt.date
    outcome: Outcome
    clause: ClauseRef | None


Event = RouteStarted | VisaRecorded | RouteCompleted | ApproverSubstituted | Signed | OutcomeApplied


@dataclass
class Result:
    """A transition's new state, the events it causes and what it found (warnings, info)."""

    state: DraftState
    events: list[Event] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


# -- views ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepView:
    step: PlannedStep
    status: StepStatus
    approver: str = ""
    substitute: str = ""
    visa: Visa | None = None
    covered_by: str = ""
    waiting_for: tuple[str, ...] = ()
    deemed_by: ClauseRef | None = None


def prefixed(exc: DomainError, prefix: str) -> DomainError:
    """The same refusal with its field placed under `prefix` (e.g. `substitutions[0].absent`)."""
    message = str(exc)
    if exc.field and message.startswith(f"{exc.field}: "):
        message = message[len(exc.field) + 2 :]
    if exc.clause and message.endswith(f" [{exc.clause}]"):
        message = message[: -len(exc.clause) - 3]
    field = f"{prefix}.{exc.field}" if exc.field else prefix
    return type(exc)(message, field=field, clause=exc.clause)


def _cite(ref: ClauseRef) -> str:
    return f"«{ref.quote}»"


def _ref(reglament: Reglament, encoding: Encoding) -> ClauseRef:
    return ClauseRef(reglament.id, encoding.id, encoding.quote, encoding.interpretation)


def clause_ref(reglament: Reglament, key: str | None) -> ClauseRef | None:
    """The reference of encoding `key` ("clause", "clause#variant" or a qualified "reglament/clause")."""
    if not key:
        return None
    key = key.rpartition("/")[2]
    encodings = reglament.by_clause(key.split("#")[0])
    chosen = [e for e in encodings if e.key == key] or encodings
    return _ref(reglament, chosen[0]) if chosen else None


PERSON_HOLDERS = ("deputy:", "proposer:")
"""Holder kinds that name a person (a deputy mayor, the proposer of changes): that person visas."""


def approver_of(state: DraftState, step: PlannedStep) -> str:
    """The person named for a step: in `approvers`, else a person the draft names as its holder."""
    for candidate in (step.body, step.holder, ""):
        for approver in state.approvers:
            if approver.role == step.role and approver.body == candidate:
                return approver.person
    if step.holder_key.startswith(PERSON_HOLDERS):
        return step.holder
    return ""


def substitution_of(state: DraftState, step: PlannedStep) -> Substitution | None:
    """The substitution in force on `step`: the latest one made for the current round. A substitution is made
    «перед погодженням або під час виконання процедури погодження» (Vinnytsia r6-s4-p5-a2) — of one procedure;
    a new round is a new procedure, in which the named approver visas unless replaced again."""
    found = [s for s in state.substitutions if s.step_id == step.step_id and s.round == state.round]
    return found[-1] if found else None


def _active_visas(state: DraftState) -> list[Visa]:
    return [v for v in state.visas if v.round == state.round and not v.voided]


def _deemed(reglament: Reglament, state: DraftState, open_steps: list[PlannedStep], today: dt.date) -> ClauseRef | None:
    """The clause deeming the open per-unit steps approved, when their term passed without a position."""
    spec = procedure_of(reglament).deemed_facts
    if spec is None or not procedure_of(reglament).declared(reglament, *spec):
        return None
    term_fact, count_fact, list_fact = spec
    silent = [s for s in open_steps if s.per_body == list_fact]
    if not silent:
        return None
    try:
        facts = dict(state.draft.facts(reglament))
    except DomainError:
        return None
    if facts.get(term_fact) is None:
        return None
    facts[count_fact] = len(silent)
    result = evaluate_given(reglament, Subject.DRAFT, facts, today=today, subject_id=state.id)
    for finding in result.findings:
        encoding = next((e for e in reglament.by_clause(finding.ref.clause) if count_fact in e.facts_used()), None)
        if encoding is not None and term_fact in encoding.facts_used():
            return finding.ref
    return None


def view(reglament: Reglament, state: DraftState, today: dt.date) -> list[StepView]:
    """Every step of the current round with its status at `today`."""
    latest: dict[str, Visa] = {}
    covered: dict[str, Visa] = {}
    for recorded in _active_visas(state):
        latest[recorded.step_id] = recorded
        if recorded.decision is not Decision.REJECT:
            for other in recorded.covers:
                covered.setdefault(other, recorded)
    done: set[str] = set()
    for step in state.steps:
        visa = latest.get(step.step_id)
        if (visa is not None and visa.decision is not Decision.REJECT) or step.step_id in covered:
            done.add(step.step_id)
    open_steps = [s for s in state.steps if s.step_id not in done and s.step_id not in latest]
    deemed_by = _deemed(reglament, state, open_steps, today)
    spec = procedure_of(reglament).deemed_facts
    deemed = {s.step_id for s in open_steps if deemed_by is not None and spec is not None and s.per_body == spec[2]}
    done |= deemed
    out = []
    for step in state.steps:
        visa = latest.get(step.step_id)
        sub = substitution_of(state, step)
        base = StepView(step, StepStatus.PENDING, approver_of(state, step), sub.substitute if sub else "")
        if visa is not None:
            status = {
                Decision.APPROVE: StepStatus.APPROVED,
                Decision.APPROVE_WITH_REMARKS: StepStatus.APPROVED_WITH_REMARKS,
                Decision.REJECT: StepStatus.REJECTED,
            }[visa.decision]
            out.append(replace(base, status=status, visa=visa))
        elif step.step_id in covered:
            by = covered[step.step_id]
            out.append(replace(base, status=StepStatus.APPROVED, visa=by, covered_by=by.step_id))
        elif step.step_id in deemed:
            out.append(replace(base, status=StepStatus.DEEMED_APPROVED, deemed_by=deemed_by))
        else:
            waiting = tuple(s.step_id for s in state.steps if s.ref.clause in step.after and s.step_id not in done)
            out.append(replace(base, status=StepStatus.WAITING if waiting else StepStatus.PENDING, waiting_for=waiting))
    return out


def is_complete(views: Sequence[StepView]) -> bool:
    return bool(views) and all(v.status in SATISFIED for v in views)


def route_facts(reglament: Reglament, state: DraftState, today: dt.date) -> dict[str, Any]:
    """What the route of a stored draft says as facts: route completed, changed at the meeting, units
    without a position (Shostka r6-s2-p2.6) and without a visa (r6-s2-p2.4). Only declared facts."""
    procedure = procedure_of(reglament)
    views = view(reglament, state, today)
    out: dict[str, Any] = {}
    if procedure.route_completed_fact:
        out[procedure.route_completed_fact] = is_complete(views)
    if procedure.at_meeting_fact:
        out[procedure.at_meeting_fact] = state.round_reason == ROUND_AT_MEETING
    if procedure.deemed_facts is not None:
        _, unanswered, units = procedure.deemed_facts
        per_unit = [v for v in views if v.step.per_body == units]
        out[unanswered] = sum(1 for v in per_unit if v.visa is None)
        if procedure.unvisaed_fact:
            out[procedure.unvisaed_fact] = sum(1 for v in per_unit if v.status not in SATISFIED)
    vocabulary = reglament.facts()
    return {k: v for k, v in out.items() if k in vocabulary}


# -- finding the step a request names ---------------------------------------------------------------


def _route_clause(reglament: Reglament, state: DraftState) -> ClauseRef | None:
    """The clause that lists the route: the parent of the first step's clause when it is encoded."""
    if not state.steps:
        return None
    first = state.steps[0].ref
    clause = reglament.tree.get(first.clause)
    parent = clause.parent if clause is not None else None
    if parent and reglament.by_clause(parent):
        encoding = reglament.by_clause(parent)[0]
        if encoding.quote:
            return _ref(reglament, encoding)
    return first


def find_step(reglament: Reglament, state: DraftState, role: str, body: str, clause: str) -> PlannedStep:
    """The step of the current round a request names by role (and body or holder, and clause)."""
    if not role:
        raise InvalidArgument("is required (the step's role id)", field="role")
    of_role = [s for s in state.steps if s.role == role]
    if not of_role:
        roles = ", ".join(dict.fromkeys(s.role for s in state.steps))
        ref = _route_clause(reglament, state)
        where = f" {_cite(ref)}" if ref else ""
        raise PermissionDenied(
            f"роль {role!r} не входить до маршруту візування цього проекту (маршрут: {roles}){where}",
            field="role",
            clause=ref.qualified if ref else "",
        )
    candidates = of_role
    if body:
        candidates = [s for s in of_role if body in (s.body, s.holder)]
        if not candidates:
            ref = of_role[0].ref
            raise PermissionDenied(
                f"у маршруті немає кроку ролі {role!r} для {body!r} {_cite(ref)}", field="body", clause=ref.qualified
            )
    if clause:
        candidates = [s for s in candidates if s.ref.clause == clause]
        if not candidates:
            raise InvalidArgument(f"role {role!r} has no step under clause {clause!r}", field="clause")
    if len(candidates) > 1:
        options = ", ".join(s.step_id for s in candidates)
        raise InvalidArgument(f"role {role!r} has several steps ({options}); name the body or the clause", field="role")
    return candidates[0]


# -- asking the rules -------------------------------------------------------------------------------


def _question(reglament: Reglament, state: DraftState, facts: Mapping[str, Any], today: dt.date) -> list[Finding]:
    """Findings the rules give for the step described by `facts` (only facts the reglament declares)."""
    vocabulary = reglament.facts()
    asked = {k: v for k, v in facts.items() if k in vocabulary and v is not None}
    if not asked:
        return []
    try:
        return evaluate_given(reglament, Subject.DRAFT, asked, today=today, subject_id=state.id).findings
    except FactsError as exc:
        raise InvalidArgument(str(exc), field="draft") from None


def _uses(reglament: Reglament, finding: Finding, names: Sequence[str]) -> bool:
    return any(set(names) & e.facts_used() for e in reglament.by_clause(finding.ref.clause))


def _clause_using(reglament: Reglament, subject: Subject, *names: str) -> ClauseRef | None:
    for encoding in reglament.encodings:
        if encoding.subject is subject and set(names) <= encoding.facts_used():
            return _ref(reglament, encoding)
    return None


def _first_open(reglament: Reglament, state: DraftState, today: dt.date) -> StepView | None:
    return next((v for v in view(reglament, state, today) if v.status not in SATISFIED), None)


# -- transitions ------------------------------------------------------------------------------------


def _plan(reglament: Reglament, state: DraftState, draft: DraftInput, today: dt.date, *, at_meeting: bool) -> Route:
    procedure = procedure_of(reglament)
    facts = draft.facts(reglament)
    if at_meeting and procedure.at_meeting_fact and procedure.declared(reglament, procedure.at_meeting_fact):
        facts[procedure.at_meeting_fact] = True
    route = plan_route(reglament, facts, subject_id=state.id, holders=draft.holders(state.proposer), today=today)
    if not route.steps:
        raise FailedPrecondition(f"{reglament.id} plans no visa for this draft", field="draft")
    return route


def _check_approvers(state: DraftState, approvers: Sequence[Approver]) -> None:
    roles = {s.role for s in state.steps}
    for i, approver in enumerate(approvers):
        if not approver.person:
            raise InvalidArgument("is required", field=f"approvers[{i}].person")
        if approver.role not in roles:
            raise InvalidArgument(
                f"no step of role {approver.role!r} in this draft's route ({', '.join(sorted(roles))})",
                field=f"approvers[{i}].role",
            )


def submit(
    reglament: Reglament,
    draft_id: str,
    draft: DraftInput,
    *,
    submitted: dt.date,
    today: dt.date,
    approvers: Sequence[Approver] = (),
    substitutions: Sequence[tuple[str, str, str, str, bool]] = (),
) -> Result:
    """A new draft on round 1 of its route. `substitutions`: (role, body, absent, substitute, acting)."""
    state = DraftState(id=draft_id, reglament=reglament.id, draft=draft, submitted=submitted)
    route = _plan(reglament, state, draft, today, at_meeting=False)
    state.steps = route.steps
    state.paper_clause = route.paper_clause
    _check_approvers(state, approvers)
    state.approvers = tuple(approvers)
    events: list[Event] = [
        RouteStarted(draft_id, draft.kind, draft.title, 1, ROUND_SUBMITTED, None, tuple(s.step_id for s in route.steps))
    ]
    for i, (role, body, absent, substitute_person, acting) in enumerate(substitutions):
        try:
            step = find_step(reglament, state, role, body, "")
            result = substitute(reglament, state, step, absent, substitute_person, acting, today)
        except DomainError as exc:
            raise prefixed(exc, f"substitutions[{i}]") from None
        state = result.state
        events.extend(result.events)
    return Result(state, events, list(route.findings))


def substitute(
    reglament: Reglament,
    state: DraftState,
    step: PlannedStep,
    absent: str,
    substitute_person: str,
    acting: bool,
    today: dt.date,
) -> Result:
    """Replaces an absent approver of one open step, before or during the procedure."""
    procedure = procedure_of(reglament)
    clause = _clause_using(reglament, Subject.DRAFT, *procedure.substitution_facts)
    if not absent:
        raise InvalidArgument("is required (the absent approver)", field="absent")
    if not substitute_person:
        raise InvalidArgument("is required (the person acting for the absent approver)", field="substitute")
    if substitute_person == absent:
        raise InvalidArgument("must differ from the absent approver", field="substitute")
    cite = clause or step.ref
    if state.stage is not Stage.ON_ROUTE:
        raise FailedPrecondition(
            f"проект не перебуває на візуванні (стадія {state.stage.value}); замінити візуючу особу можна лише "
            f"перед погодженням або під час нього {_cite(cite)}",
            clause=cite.qualified,
        )
    current = next(v for v in view(reglament, state, today) if v.step.step_id == step.step_id)
    if current.status in SATISFIED or current.status is StepStatus.REJECTED:
        raise FailedPrecondition(
            f"крок {step.step_id} уже завізовано ({current.status.value}); заміна можлива лише до візи {_cite(cite)}",
            clause=cite.qualified,
        )
    named = current.substitute or current.approver
    if named and absent != named:
        raise InvalidArgument(f"{absent!r} is not the approver of step {step.step_id} ({named!r})", field="absent")
    if procedure.declared(reglament, *procedure.substitution_facts):
        by_sub, is_acting = procedure.substitution_facts
        for finding in _question(reglament, state, {by_sub: True, is_acting: acting}, today):
            if finding.severity == "violation" and _uses(reglament, finding, procedure.substitution_facts):
                raise PermissionDenied(
                    f"{substitute_person!r} не виконує обов'язків {absent!r}: {finding.message} {_cite(finding.ref)}",
                    field="acting",
                    clause=finding.ref.qualified,
                )
    phase = "during" if _active_visas(state) else "before"
    sub = Substitution(state.next_seq, step.step_id, absent, substitute_person, acting, phase, clause, state.round)
    new = replace(state, substitutions=[*state.substitutions, sub], next_seq=state.next_seq + 1)
    return Result(new, [ApproverSubstituted(state.id, sub)])


def record_visa(
    reglament: Reglament,
    state: DraftState,
    step: PlannedStep,
    *,
    actor: str,
    decision: Decision,
    visaed_on: dt.date,
    today: dt.date,
    remarks: str = "",
    medium: str = "",
) -> Result:
    """Records one visa on `step`; refuses a visa out of order, by someone else, or on the wrong medium."""
    procedure = procedure_of(reglament)
    if not actor:
        raise InvalidArgument("is required (who visas)", field="actor")
    if decision is not Decision.APPROVE and not remarks:
        raise InvalidArgument(f"is required with {decision.value}", field="remarks")
    if visaed_on < state.submitted:
        raise InvalidArgument(f"{visaed_on} is before the draft was submitted ({state.submitted})", field="visaed_on")
    if visaed_on > today:
        raise InvalidArgument(f"{visaed_on} is after today ({today})", field="visaed_on")
    if state.stage is not Stage.ON_ROUTE:
        why = {
            Stage.RETURNED: "проект повернуто розробнику після відмови у погодженні; спершу змініть його",
            Stage.SIGNED: "проект уже підписано",
        }.get(state.stage, f"маршрут візування завершено (стадія {state.stage.value})")
        raise FailedPrecondition(f"{why} {_cite(step.ref)}", clause=step.ref.qualified)
    views = view(reglament, state, today)
    current = next(v for v in views if v.step.step_id == step.step_id)
    if current.status in SATISFIED and current.status is not StepStatus.DEEMED_APPROVED:  # a late visa still counts
        by = f" ({current.visa.actor}, {current.visa.visaed_on})" if current.visa else ""
        raise FailedPrecondition(f"крок {step.step_id} уже погоджено{by} {_cite(step.ref)}", clause=step.ref.qualified)
    # who may visa: the named approver, or the registered substitute of an absent one
    sub = substitution_of(state, step)
    on_behalf_of = ""
    if sub is not None:
        if actor != sub.substitute:
            cite = sub.ref or step.ref
            raise PermissionDenied(
                f"{actor!r} не є особою, яка замінює відсутнього {sub.absent!r} на кроці {step.step_id} "
                f"(замінює {sub.substitute!r}) {_cite(cite)}",
                field="actor",
                clause=cite.qualified,
            )
        on_behalf_of = sub.absent
    elif current.approver and actor != current.approver:
        raise PermissionDenied(
            f"{actor!r} не є візуючою особою кроку {step.step_id}: візує {current.approver!r} "
            f"({step.role_name}) {_cite(step.ref)}",
            field="actor",
            clause=step.ref.qualified,
        )
    medium = medium or ("paper" if (state.paper_clause is not None or step.paper_only) else "electronic")
    if medium not in MEDIA:
        raise InvalidArgument(f"{medium[:40]!r} is not one of {', '.join(MEDIA)}", field="medium")
    if step.paper_only and medium != "paper":
        cite = state.paper_clause or step.ref
        raise FailedPrecondition(
            f"віза кроку {step.step_id} ставиться лише на паперовому примірнику {_cite(cite)}", clause=cite.qualified
        )
    # the rules: order, medium, substitution. A prior visa dated after this one was not there on its day.
    waiting_for = (*current.waiting_for, *_visaed_after(views, step, visaed_on))
    role_fact, missing_fact = procedure.order_facts
    facts: dict[str, Any] = {role_fact: step.role, missing_fact: len(waiting_for)}
    facts[procedure.medium_fact] = medium
    facts["restricted"] = state.draft.restricted
    if sub is not None:
        by_sub, is_acting = procedure.substitution_facts
        facts[by_sub] = True
        facts[is_acting] = sub.acting
    findings = _question(reglament, state, facts, today)
    violations = [f for f in findings if f.severity == "violation"]
    violations.sort(key=lambda f: not _uses(reglament, f, procedure.order_facts))  # the order first
    for finding in violations:
        if _uses(reglament, finding, procedure.substitution_facts):
            raise PermissionDenied(
                f"{finding.message} {_cite(finding.ref)}", field="actor", clause=finding.ref.qualified
            )
        waiting = f" (бракує на {visaed_on:%d.%m.%Y}: {', '.join(waiting_for)})" if waiting_for else ""
        raise FailedPrecondition(
            f"{finding.message}{waiting} {_cite(finding.ref)}", field="role", clause=finding.ref.qualified
        )
    if waiting_for:  # an order in the route's data that no rule phrases as a finding
        raise FailedPrecondition(
            f"крок {step.step_id} візується після кроків {', '.join(waiting_for)} {_cite(step.ref)}",
            field="role",
            clause=step.ref.qualified,
        )
    covers: tuple[str, ...] = ()
    if decision is not Decision.REJECT and step.holder_key:
        covers = tuple(
            v.step.step_id
            for v in views
            if v.step.step_id != step.step_id
            and v.step.holder_key == step.holder_key
            and v.status is StepStatus.PENDING
        )
    visa = Visa(
        seq=state.next_seq,
        round=state.round,
        step_id=step.step_id,
        actor=actor,
        decision=decision,
        visaed_on=visaed_on,
        medium=medium,
        remarks=remarks,
        on_behalf_of=on_behalf_of,
        covers=covers,
    )
    new = replace(state, visas=[*state.visas, visa], next_seq=state.next_seq + 1)
    events: list[Event] = [VisaRecorded(state.id, visa, step)]
    if decision is Decision.REJECT:
        new.stage = Stage.RETURNED
    elif is_complete(view(reglament, new, today)):
        new.stage = Stage.ADOPTED if new.adopted else Stage.ROUTE_COMPLETED
        events.append(RouteCompleted(state.id, state.round, state.draft.kind, visaed_on))
    return Result(new, events, [f for f in findings if f.severity != "violation"])


def _visaed_after(views: Sequence[StepView], step: PlannedStep, day: dt.date) -> tuple[str, ...]:
    """The steps `step` must follow whose visa is dated after `day`."""
    return tuple(
        v.step.step_id
        for v in views
        if v.step.ref.clause in step.after and v.visa is not None and v.status in SATISFIED and v.visa.visaed_on > day
    )


def _restart_clause(reglament: Reglament, state: DraftState, today: dt.date) -> ClauseRef | None:
    procedure = procedure_of(reglament)
    if procedure.restart_facts is None or not procedure.declared(reglament, *procedure.restart_facts):
        return None
    changed, done = procedure.restart_facts
    for finding in _question(reglament, state, {changed: True, done: False}, today):
        if _uses(reglament, finding, procedure.restart_facts):
            return finding.ref
    return None


def _rework(reglament: Reglament, state: DraftState, meeting: dt.date, today: dt.date) -> list[Obligation]:
    """Obligations to finalise a decision changed at the meeting (Vinnytsia r6-s8-p4, Shostka r8-s9-p9.2)."""
    procedure = procedure_of(reglament)
    out: list[Obligation] = []
    triggers = {n for n in (procedure.at_meeting_fact, procedure.rework_meeting_fact) if n}
    vocabulary = reglament.facts()
    asks: list[tuple[Subject, dict[str, Any]]] = []
    if procedure.at_meeting_fact and procedure.at_meeting_fact in vocabulary:
        facts = state.draft.facts(reglament)
        facts[procedure.at_meeting_fact] = True
        asks.append((Subject.DRAFT, facts))
    if procedure.rework_meeting_fact and procedure.rework_meeting_fact in vocabulary:
        asks.append((Subject.MEETING, {procedure.rework_meeting_fact: True}))
    for subject, facts in asks:
        if "meeting" in vocabulary:
            facts["meeting"] = meeting
        result = evaluate_given(reglament, subject, facts, today=today, subject_id=state.id)
        for obligation in result.obligations:
            encodings = reglament.by_clause(obligation.ref.clause)
            if any(triggers & {c.fact for c in e.applies_when if c.fact} for e in encodings):
                out.append(obligation)
    return out


def _new_round(
    reglament: Reglament, state: DraftState, draft: DraftInput, reason: str, today: dt.date, *, at_meeting: bool
) -> DraftState:
    new = replace(state, draft=draft)
    route = _plan(reglament, new, draft, today, at_meeting=at_meeting)
    approvers = [a for a in state.approvers if any(s.role == a.role for s in route.steps)]
    return replace(
        new,
        stage=Stage.ON_ROUTE,
        round=state.round + 1,
        round_reason=reason,
        steps=route.steps,
        paper_clause=route.paper_clause,
        visas=[],
        approvers=tuple(approvers),
    )


def change(
    reglament: Reglament,
    state: DraftState,
    kind: ChangeKind,
    *,
    today: dt.date,
    draft: DraftInput | None = None,
    proposer: str = "",
    meeting: dt.date | None = None,
) -> Result:
    """A change of the draft: substantive (the route restarts), at the meeting (re-approval subset), minor."""
    procedure = procedure_of(reglament)
    if draft is not None and draft.kind != state.draft.kind:
        raise InvalidArgument(f"a {state.draft.kind} cannot become a {draft.kind[:20]}", field="draft.kind")
    if kind is ChangeKind.MINOR:
        if state.stage is not Stage.RETURNED:
            open_view = _first_open(reglament, state, today)
            cite = open_view.step.ref if open_view else (state.steps[0].ref if state.steps else None)
            raise FailedPrecondition(
                f"незначне виправлення можливе лише для проекту, поверненого після відмови у погодженні "
                f"(стадія {state.stage.value}){' ' + _cite(cite) if cite else ''}",
                clause=cite.qualified if cite else "",
            )
        if draft is not None:
            raise InvalidArgument(
                "a minor correction keeps the draft's facts; a new route needs a substantive change", field="draft"
            )
        visas = [replace(v, voided=True) if v.decision is Decision.REJECT and not v.voided else v for v in state.visas]
        return Result(replace(state, visas=visas, stage=Stage.ON_ROUTE))
    if kind is ChangeKind.SUBSTANTIVE:
        clause = _restart_clause(reglament, state, today)
        allowed = {Stage.ON_ROUTE, Stage.RETURNED, Stage.ROUTE_COMPLETED, Stage.NOT_ADOPTED}
        if state.stage not in allowed:
            cite = clause or (state.steps[0].ref if state.steps else None)
            raise FailedPrecondition(
                f"істотні зміни можна вносити до проекту на візуванні або повернутого на доопрацювання, а не на "
                f"стадії {state.stage.value}{' ' + _cite(cite) if cite else ''}",
                clause=cite.qualified if cite else "",
            )
        new = _new_round(reglament, state, draft or state.draft, ROUND_SUBSTANTIVE, today, at_meeting=False)
        new = replace(new, round_clause=clause, adopted=False, meeting=None, proposer="", obligations=[])
        event = RouteStarted(
            state.id,
            new.draft.kind,
            new.draft.title,
            new.round,
            ROUND_SUBSTANTIVE,
            clause,
            tuple(s.step_id for s in new.steps),
        )
        return Result(new, [event])
    # at the meeting
    if meeting is None:
        raise InvalidArgument("is required (the day of the meeting)", field="meeting")
    at_meeting = procedure.at_meeting_fact is not None and procedure.declared(reglament, procedure.at_meeting_fact)
    if at_meeting and not proposer:
        raise InvalidArgument("is required (who proposed the changes at the meeting)", field="proposer")
    if state.draft.kind != "decision" or state.stage is not Stage.ROUTE_COMPLETED:
        cite = clause_ref(reglament, procedure.adoption_clause) or (state.steps[0].ref if state.steps else None)
        why = (
            "на засіданні виконкому розглядаються проекти рішень, а не розпоряджень"
            if state.draft.kind != "decision"
            else f"на засідання вноситься завізований проект (стадія {state.stage.value})"
        )
        raise FailedPrecondition(f"{why}{' ' + _cite(cite) if cite else ''}", clause=cite.qualified if cite else "")
    _check_visaed_before(reglament, state, meeting)
    interim = replace(state, proposer=proposer)
    new = _new_round(reglament, interim, draft or state.draft, ROUND_AT_MEETING, today, at_meeting=True)
    obligations = _rework(reglament, new, meeting, today)
    clauses = {s.ref.clause for s in new.steps}
    clause = new.steps[0].ref if at_meeting and len(clauses) == 1 else (obligations[0].ref if obligations else None)
    new = replace(new, round_clause=clause, adopted=True, meeting=meeting, obligations=obligations)
    event = RouteStarted(
        state.id,
        new.draft.kind,
        new.draft.title,
        new.round,
        ROUND_AT_MEETING,
        clause,
        tuple(s.step_id for s in new.steps),
    )
    return Result(new, [event])


def _check_visaed_before(reglament: Reglament, state: DraftState, meeting: dt.date) -> None:
    """FailedPrecondition when the route was completed after the day of the meeting: the meeting considers
    visaed drafts (Vinnytsia r6-s4-p8 «Завізовані проекти рішень … у визначені цим регламентом строки надаються
    членам виконавчого комітету»; Shostka r8-s2-p2.4: the drafts come with the approval sheet and its visas).
    A visa on the day of the meeting is not refused: the day alone does not show the hour (r6-s6-p3 allows
    drafts visaed and handed out before the start of the meeting)."""
    dates = [v.visaed_on for v in _active_visas(state) if v.decision is not Decision.REJECT]
    completed = max(dates, default=None)
    if completed is None or completed <= meeting:
        return
    procedure = procedure_of(reglament)
    cite = (
        clause_ref(reglament, procedure.visaed_clause)
        or clause_ref(reglament, procedure.adoption_clause)
        or state.steps[0].ref
    )
    raise FailedPrecondition(
        f"на засідання {meeting:%d.%m.%Y} вноситься завізований проект, а маршрут візування цього проекту "
        f"завершено {completed:%d.%m.%Y}, після засідання; прийнятим на цьому засіданні він бути не може "
        f"{_cite(cite)}",
        field="meeting",
        clause=cite.qualified,
    )


def meeting_outcome(
    reglament: Reglament,
    state: DraftState,
    outcome: Outcome,
    *,
    meeting_id: str,
    meeting: dt.date,
    today: dt.date,
    proposer: str = "",
) -> Result:
    """Applies what the meeting decided about the draft; FailedPrecondition if it was not ready for it."""
    procedure = procedure_of(reglament)
    if state.draft.kind != "decision" or state.stage is not Stage.ROUTE_COMPLETED:
        cite = clause_ref(reglament, procedure.adoption_clause) or state.steps[0].ref
        raise FailedPrecondition(
            f"проект не очікує розгляду на засіданні (вид {state.draft.kind}, стадія {state.stage.value}) "
            f"{_cite(cite)}",
            clause=cite.qualified,
        )
    if outcome is Outcome.ADOPTED_WITH_CHANGES:
        result = change(reglament, state, ChangeKind.AT_MEETING, today=today, proposer=proposer, meeting=meeting)
        clause = result.state.round_clause
        result.events.insert(0, OutcomeApplied(state.id, meeting_id, meeting, outcome, clause))
        return result
    if outcome is Outcome.ADOPTED:
        _check_visaed_before(reglament, state, meeting)
        clause = clause_ref(reglament, procedure.adoption_clause)
        new = replace(state, stage=Stage.ADOPTED, adopted=True, meeting=meeting)
    else:
        clause = clause_ref(reglament, procedure.returned_clause)
        new = replace(state, stage=Stage.NOT_ADOPTED, adopted=False, meeting=meeting)
    return Result(new, [OutcomeApplied(state.id, meeting_id, meeting, outcome, clause)])


def sign(
    reglament: Reglament,
    state: DraftState,
    *,
    signed_by: str,
    signed: dt.date,
    today: dt.date,
    signer: str = "",
    signer_chaired: bool = False,
    has_annexes: bool = False,
    annexes_signed_by: str = "",
    urgent: bool = False,
) -> Result:
    """Signs a draft whose route is complete (a decision: adopted); refuses a signer the rules do not allow."""
    procedure = procedure_of(reglament)
    if not signed_by:
        raise InvalidArgument("is required (the signatory's role id)", field="signed_by")
    if signed > today:
        raise InvalidArgument(f"{signed} is after today ({today})", field="signed")
    if signed < state.submitted or (state.meeting is not None and signed < state.meeting):
        raise InvalidArgument(f"{signed} is before the draft was submitted or adopted", field="signed")
    if state.stage is Stage.SIGNED:
        cite = _clause_using(reglament, Subject.DOCUMENT, "signed_by") or state.steps[0].ref
        raise FailedPrecondition(f"проект уже підписано ({state.signed}) {_cite(cite)}", clause=cite.qualified)
    stage = state.stage
    if stage in (Stage.ON_ROUTE, Stage.RETURNED):
        open_view = _first_open(reglament, state, today)
        if open_view is not None:
            ref = open_view.step.ref
            raise FailedPrecondition(
                f"маршрут візування не завершено: бракує візи кроку {open_view.step.step_id} "
                f"({open_view.step.role_name}) {_cite(ref)}",
                clause=ref.qualified,
            )
        stage = Stage.ADOPTED if state.adopted else Stage.ROUTE_COMPLETED  # completed by deemed approvals
    if state.draft.kind == "decision" and stage is not Stage.ADOPTED:
        cite = clause_ref(reglament, procedure.adoption_clause) or state.steps[0].ref
        raise FailedPrecondition(
            f"рішення підписується після його прийняття виконавчим комітетом (стадія {state.stage.value}) "
            f"{_cite(cite)}",
            clause=cite.qualified,
        )
    document_kind = DOCUMENT_KIND[state.draft.kind]
    facts: dict[str, Any] = {
        "kind": document_kind,
        "signed": signed,
        "signed_by": signed_by,
        "signer_chaired": signer_chaired,
        "has_annexes": has_annexes,
        "annexes_signed_by": annexes_signed_by or None,
    }
    vocabulary = reglament.facts()
    asked = {k: v for k, v in facts.items() if k in vocabulary and v is not None}
    try:
        findings = evaluate_given(reglament, Subject.DOCUMENT, asked, today=today, subject_id=state.id).findings
    except FactsError as exc:
        raise InvalidArgument(str(exc), field="signed_by") from None
    signature_facts = ("signed_by", "signer_chaired", "annexes_signed_by")
    for finding in findings:
        if finding.severity == "violation" and _uses(reglament, finding, signature_facts):
            raise PermissionDenied(
                f"{finding.message} {_cite(finding.ref)}", field="signed_by", clause=finding.ref.qualified
            )
    new = replace(state, stage=Stage.SIGNED, signed=signed, signed_by=signed_by, signer=signer)
    draft = state.draft
    executors = draft.task_bodies or ((draft.preparing_body,) if draft.preparing_body else ())
    attributes = {"signed_by": signed_by}
    if state.meeting is not None and "meeting" in vocabulary:
        attributes["meeting"] = state.meeting.isoformat()
    event = Signed(
        draft_id=state.id,
        document_kind=document_kind,
        title=draft.title or f"Проект {state.id}",
        signed=signed,
        signed_by=signed_by,
        meeting=state.meeting,
        executors=tuple(executors),
        correspondent=draft.preparing_body,
        restricted=draft.restricted,
        urgent=urgent,
        attributes={k: v for k, v in attributes.items() if k in vocabulary},
    )
    notes = [f for f in findings if f.severity != "violation" and _uses(reglament, f, signature_facts)]
    return Result(new, [event], notes)
