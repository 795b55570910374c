"""Moving a term: who may, on whose request, how far — decided by the reglament's extension rules.

A request to change the term of a tracked obligation becomes facts of the subject `extension` (the
document's facts plus the request's), and the reglament's rules of that subject decide (Vinnytsia
r12-s3-p6: a reasoned request from the executor; r12-s3-p7: only the official who set the term,
whoever replaces them, or the body that adopted the decision; r10-s2-p5 and its caps for appeals;
Shostka р. 11 п. 6.6–6.11, р. 12 п. 3.5). A statute's own extension rule (the public-information
law: up to 20 working days, decided within 5) is checked for the statute's provisions.

Authority is never the caller's bare claim. It is computed from the record (TermSetter, kept since
the obligation was first tracked) and the caller's capacity:

- `set_term`: the caller is the recorded official (same role; same name when a name is recorded);
- `replaces_setter`: a substitution recorded beforehand (RecordSubstitution: who is absent, who acts
  for them, from when until when, on what basis) names the caller as acting for the recorded official
  on the day of the decision (today), whatever day the executor asked;
- `adopting_body`: the recorded setter is a body (executive committee, city council) and the caller
  is that body, acting by a decision (`basis`: its number and date).

The outcome of the rules is mapped to refusals by what the failing requirement is about: authority
facts → PERMISSION_DENIED; the reasons → INVALID_ARGUMENT on `reason`; everything else (not the
executor's request, an interim answer missing, beyond a cap, too late) → FAILED_PRECONDITION. Every
refusal cites the clause and its verbatim quote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from reglament.domain import ClauseRef, Finding, ObligationStatus
from reglament.errors import DomainError, FailedPrecondition, InvalidArgument, PermissionDenied
from reglament.legaltime.spec import TermSpec, Unit
from reglament.legaltime.statute import Statute
from reglament.legaltime.terms import TermError, compute_due
from reglament.legaltime.tracking import CLOSED_STATUSES, TermSetter, TrackedObligation
from reglament.rules.loader import Reglament
from reglament.rules.schema import Encoding, Subject

AUTHORITY_FACTS = frozenset({"actor_set_term", "extended_by_setter", "extended_by"})
"""Facts that say who changes the term: a failing requirement on them is a PERMISSION_DENIED."""
REASON_FACTS = frozenset({"reasoned", "justified"})
EXECUTOR_FACTS = frozenset({"requested_by_executor"})


class Capacity(StrEnum):
    """In what capacity the caller changes a term."""

    SET_TERM = "set_term"  # the official who set it
    REPLACES_SETTER = "replaces_setter"  # the official acting for them (a recorded substitution)
    ADOPTING_BODY = "adopting_body"  # the body that adopted the decision, by a new decision


@dataclass(frozen=True)
class Substitution:
    """A recorded substitution: `substitute` acts for `absent` from `valid_from` to `valid_until`."""

    reglament: str
    absent_role: str
    absent_name: str
    substitute_role: str
    substitute_name: str
    valid_from: dt.date
    valid_until: dt.date | None
    basis: str
    id: int = 0

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class ChangeRequest:
    """What the caller asks: a new term, who asks and why (validated by the caller's adapter)."""

    new_due: dt.date | dt.datetime
    actor: str
    actor_role: str
    capacity: Capacity
    requested_by: str = ""  # the executor whose request this is
    reason: str = ""  # the executor's reasons (Ukrainian)
    basis: str = ""  # the body's decision, or the act the substitute acts on
    requested_on: dt.date | None = None  # day of the executor's request; None: today
    interim_answer: bool = False  # an interim answer with reasons and the final term was given (appeals)
    author_notified: bool = False  # the appeal's author was notified (Shostka р. 12 п. 3.5)
    via_general_department: bool = False  # submitted through the general department (Shostka р. 11 п. 6.10)


@dataclass(frozen=True)
class Decision:
    """A change the rules allow: the effective new term and the clauses it rests on."""

    new_due: dt.date | dt.datetime  # after the reglament's rule for a non-working day
    requested_due: dt.date | dt.datetime
    authority: str  # Ukrainian: why the caller may change it
    clauses: tuple[ClauseRef, ...]  # the clauses that allowed the change (authority first)
    explanation: tuple[str, ...]
    extends: bool


def same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def authorised(
    setter: TermSetter, request: ChangeRequest, substitutions: Sequence[Substitution], on: dt.date
) -> tuple[bool, str]:
    """Whether the caller may change a term `setter` set, and why (Ukrainian)."""
    who = setter.describe() or "невідомо"
    if request.capacity is Capacity.SET_TERM:
        if setter.kind != "person":
            return False, f"строк установив орган ({who}); посадова особа не може змінити його від свого імені"
        if request.actor_role != setter.role:
            return False, f"строк установив(ла) {who}, а не {request.actor_role}"
        if setter.name and not same_person(setter.name, request.actor):
            return False, f"строк установив(ла) {setter.name}, а не {request.actor}"
        return True, f"строк змінює посадова особа, яка його встановила ({who}; {setter.source})"
    if request.capacity is Capacity.ADOPTING_BODY:
        if setter.kind != "body":
            return False, f"строк установила посадова особа ({who}), а не орган"
        if request.actor_role != setter.role:
            return False, f"рішення з цим строком прийняв {who}, а не {request.actor_role}"
        return True, f"строк змінює {who}, який прийняв рішення, своїм рішенням ({request.basis})"
    if setter.kind != "person":
        return False, f"строк установив орган ({who}); заміщення органу не буває"
    for sub in substitutions:
        if (
            sub.absent_role == setter.role
            and (not setter.name or not sub.absent_name or same_person(sub.absent_name, setter.name))
            and sub.substitute_role == request.actor_role
            and (not sub.substitute_name or same_person(sub.substitute_name, request.actor))
            and sub.covers(on)
        ):
            until = f" по {sub.valid_until:%d.%m.%Y}" if sub.valid_until else ""
            return True, (
                f"{request.actor} заміщує посадову особу, яка встановила строк ({who}), з {sub.valid_from:%d.%m.%Y}"
                f"{until} на підставі: {sub.basis}"
            )
    return (
        False,
        f"немає зафіксованого заміщення: {request.actor} ({request.actor_role}) не заміщує {who} на {on:%d.%m.%Y}",
    )


def _as_day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def request_facts(
    ob: TrackedObligation, request: ChangeRequest, allowed: bool, today: dt.date, vocabulary: Mapping[str, Any]
) -> dict[str, Any]:
    """The facts of the subject `extension`: the document's facts and the request's, those the
    reglament's vocabulary declares."""
    requested = request.requested_on or today
    facts: dict[str, Any] = dict(ob.facts)
    executors = {" ".join(e.split()).casefold() for e in ob.executors}
    facts.update(
        {
            "kind": ob.document_kind,
            "requested_by_executor": bool(request.requested_by)
            and " ".join(request.requested_by.split()).casefold() in executors,
            "reasoned": bool(request.reason.strip()),
            "justified": bool(request.reason.strip()),
            "actor_set_term": allowed,
            "extended_by_setter": allowed,
            "extended_by": request.actor_role,
            "interim_answer": request.interim_answer,
            "author_notified": request.author_notified,
            "via_general_department": request.via_general_department,
            "current_due": _as_day(ob.due),
            "original_due": _as_day(ob.original_due),
            "new_due": _as_day(request.new_due),
            "requested": requested,
            "term_clause": ob.clause,
            "extends_term": request.new_due > ob.due,
        }
    )
    return {name: value for name, value in facts.items() if name in vocabulary and value is not None}


def _quote(ref: ClauseRef) -> str:
    return f"{ref.clause} «{ref.quote}»"


def _encoding_of(reglament: Reglament, finding: Finding) -> Encoding | None:
    for encoding in reglament.by_clause(finding.ref.clause):
        if encoding.subject is Subject.EXTENSION and encoding.message == finding.message:
            return encoding
    return None


def _failing_facts(encoding: Encoding, values: Mapping[str, Any]) -> set[str]:
    from reglament.rules.reference import holds

    out: set[str] = set()
    for cond in encoding.requires or []:
        if not holds(cond, values):
            out |= cond.facts_used()
    return out


def authority_clause(reglament: Reglament) -> ClauseRef | None:
    """The reglament's general rule on who may change a term (an extension rule on authority that
    applies to every document)."""
    for encoding in reglament.encodings:
        if encoding.subject is not Subject.EXTENSION or encoding.applies_when:
            continue
        used = set().union(*(c.facts_used() for c in encoding.requires or []))
        if used & AUTHORITY_FACTS:
            return ClauseRef(reglament.id, encoding.id, encoding.quote, encoding.interpretation)
    return None


def _applicable(reglament: Reglament, values: Mapping[str, Any]) -> list[Encoding]:
    from reglament.rules.reference import holds

    return [
        e
        for e in reglament.encodings
        if e.subject is Subject.EXTENSION and e.requires and all(holds(c, values) for c in e.applies_when)
    ]


def decide(
    reglament: Reglament,
    ob: TrackedObligation,
    request: ChangeRequest,
    substitutions: Sequence[Substitution],
    today: dt.date,
    *,
    statute: Statute | None = None,
) -> Decision:
    """Whether the change may be made; raises the refusal (a DomainError citing the clause) if not."""
    from reglament.rules.evaluate import engine_values, evaluate

    own = ClauseRef(ob.source, ob.clause, ob.quote, ob.interpretation)
    if ob.status in CLOSED_STATUSES:
        raise FailedPrecondition(
            f"the obligation is {ob.status.value}; a term of a closed obligation does not change ({_quote(own)})",
            field="obligation_id",
            clause=own.clause,
        )
    if ob.status is ObligationStatus.VIOLATED:
        raise FailedPrecondition(
            f"the term {ob.due.isoformat()} has already passed and the violation is recorded; "
            f"a term that has run out is not extended afterwards ({_quote(own)})",
            field="obligation_id",
            clause=own.clause,
        )
    if isinstance(request.new_due, dt.datetime) != isinstance(ob.due, dt.datetime):
        form = "a datetime YYYY-MM-DDTHH:MM" if isinstance(ob.due, dt.datetime) else "a date YYYY-MM-DD"
        raise InvalidArgument(f"the term of {ob.clause} is {form}", field="new_due", clause=own.clause)
    if request.new_due == ob.due:
        raise InvalidArgument(f"{request.new_due.isoformat()} is the current term", field="new_due")
    if _as_day(request.new_due) < today:
        raise InvalidArgument(f"{request.new_due.isoformat()} is in the past (today {today})", field="new_due")
    if request.requested_on is not None and request.requested_on > today:
        raise InvalidArgument(f"{request.requested_on} is after today ({today})", field="requested_on")
    extends = request.new_due > ob.due
    on = request.requested_on or today
    general = authority_clause(reglament)
    if request.capacity is Capacity.ADOPTING_BODY and not request.basis.strip():
        raise InvalidArgument(
            "орган змінює строк лише своїм рішенням: зазначте рішення (номер і дату)"
            + (f" ({_quote(general)})" if general else ""),
            field="basis",
            clause=general.clause if general else "",
        )
    # Who changes the term is judged on the day of the decision (r12-s3-p7: «за вказівкою посадової
    # особи»), not on the day the executor asked: a substitute acts only while the substitution lasts.
    allowed, why = authorised(ob.setter, request, substitutions, today)

    # The rules judge the term as it will stand: a non-working day moves as the reglament counts a date.
    effective, lines = _effective_due(reglament, ob, request.new_due)
    if effective == ob.due:
        raise InvalidArgument(
            f"{request.new_due.isoformat()} is not a working day; counted as the reglament counts a term it is "
            f"the current term {ob.due.isoformat()}",
            field="new_due",
        )
    vocabulary = reglament.facts()
    facts = request_facts(ob, replace(request, new_due=effective), allowed, today, vocabulary)
    evaluation = evaluate(reglament, Subject.EXTENSION, facts, subject_id=ob.id, today=today)
    values = engine_values(reglament, Subject.EXTENSION, facts, today)

    refusals: list[tuple[type[DomainError], str, ClauseRef, str]] = []
    for finding in evaluation.findings:
        encoding = _encoding_of(reglament, finding)
        failing = _failing_facts(encoding, values) if encoding is not None else set()
        if failing & AUTHORITY_FACTS:
            refusals.append((PermissionDenied, "actor", finding.ref, f"{finding.message} ({why})"))
        elif failing & REASON_FACTS:
            refusals.append((InvalidArgument, "reason", finding.ref, finding.message))
        elif failing & EXECUTOR_FACTS:
            who = request.requested_by or "не зазначено"
            executors = ", ".join(ob.executors) or "у документі не названо"
            refusals.append(
                (
                    FailedPrecondition,
                    "requested_by",
                    finding.ref,
                    f"{finding.message} (прохання: {who}; виконавці: {executors})",
                )
            )
        else:
            refusals.append((FailedPrecondition, "new_due", finding.ref, finding.message))
    if extends:
        for obligation in evaluation.obligations:
            if _as_day(obligation.due) < on:
                refusals.append(
                    (
                        FailedPrecondition,
                        "requested_on",
                        obligation.ref,
                        f"{obligation.action}: не пізніше {_as_day(obligation.due):%d.%m.%Y}, а прохання подано "
                        f"{on:%d.%m.%Y}",
                    )
                )
    if statute is not None and extends:
        refusals.extend(_statute_refusals(statute, ob, request, on))
    if not allowed and not any(kind is PermissionDenied for kind, *_ in refusals):
        # The reglament has no rule on authority that applies: the record still decides.
        ref = general or own
        refusals.append((PermissionDenied, "actor", ref, f"Строк змінює не та особа, що його встановила ({why})"))

    order = {PermissionDenied: 0, InvalidArgument: 1, FailedPrecondition: 2}
    if refusals:
        refusals.sort(key=lambda r: order.get(r[0], 3))
        kind, field_name, ref, _ = refusals[0]
        same = [r for r in refusals if r[0] is kind]
        text = "; ".join(f"{message} [{r.clause}] «{r.quote}»" for _, _, r, message in same)
        raise kind(text, field=field_name, clause=ref.clause)

    applicable = _applicable(reglament, values)
    by_authority = [e for e in applicable if set().union(*(c.facts_used() for c in e.requires or [])) & AUTHORITY_FACTS]
    others = [e for e in applicable if e not in by_authority]
    refs = [ClauseRef(reglament.id, e.id, e.quote, e.interpretation) for e in [*by_authority, *others]]
    if statute is not None and extends:
        rule = statute.extension_of(ob.clause)
        if rule is not None:
            refs.append(ClauseRef(statute.id, rule.clause, rule.quote, rule.interpretation))
    unique: dict[tuple[str, str], ClauseRef] = {}
    for ref in refs:
        unique.setdefault((ref.reglament, ref.clause), ref)
    return Decision(
        new_due=effective,
        requested_due=request.new_due,
        authority=why,
        clauses=tuple(unique.values()),
        explanation=tuple(lines),
        extends=extends,
    )


def _statute_refusals(
    statute: Statute, ob: TrackedObligation, request: ChangeRequest, on: dt.date
) -> list[tuple[type[DomainError], str, ClauseRef, str]]:
    rule = statute.extension_of(ob.clause) if ob.source == statute.id else None
    if rule is None:
        return []
    ref = ClauseRef(statute.id, rule.clause, rule.quote, rule.interpretation)
    out: list[tuple[type[DomainError], str, ClauseRef, str]] = []
    if not request.reason.strip():
        out.append((InvalidArgument, "reason", ref, "Продовження строку розгляду запиту потребує обґрунтування"))
    latest = _statute_limit(statute, rule.max, ob)
    if latest is not None and _as_day(request.new_due) > latest:
        out.append(
            (
                FailedPrecondition,
                "new_due",
                ref,
                f"Строк розгляду запиту продовжується не далі ніж до {latest:%d.%m.%Y} (20 робочих днів)",
            )
        )
    if rule.decide_by is not None:
        by = _statute_limit(statute, rule.decide_by, ob)
        if by is not None and on > by:
            late = ClauseRef(statute.id, rule.clause, rule.decide_by_quote or rule.quote, rule.interpretation)
            out.append(
                (
                    FailedPrecondition,
                    "requested_on",
                    late,
                    f"Про продовження строку має бути вирішено і повідомлено не пізніше {by:%d.%m.%Y}",
                )
            )
    return out


def _statute_limit(statute: Statute, spec: TermSpec, ob: TrackedObligation) -> dt.date | None:
    anchor = ob.facts.get(spec.anchor)
    if anchor is None:
        return None
    try:
        due = compute_due(spec, anchor, statute.policy, statute.calendar).due
    except TermError:
        return None
    return _as_day(due)


def _effective_due(
    reglament: Reglament, ob: TrackedObligation, new_due: dt.date | dt.datetime
) -> tuple[dt.date | dt.datetime, list[str]]:
    """The new term as the reglament counts a term set by a date (a non-working day may move)."""
    if isinstance(new_due, dt.datetime):
        return new_due, [f"Новий строк: {new_due:%d.%m.%Y %H:%M}."]
    spec = TermSpec(unit=Unit.FIXED_DATE, anchor="new_due")
    due = compute_due(spec, new_due, reglament.policy, reglament.calendar, clause=f"{ob.source}/{ob.clause}")
    return due.due, list(due.explanation)
