"""Checking facts against a reglament's clauses, counting only what the facts actually say.

The engine treats an absent fact as failing every test, so a requirement about a fact nobody gave
would be reported as broken. Here a requirement is judged in three-valued logic (true, false,
unknown when a fact it tests is not given): a finding stands only when the given facts break the
requirement, and a clause counts as satisfied only when they meet it. Obligations get their due
dates from legal time (through the rules); a fulfilment date after the due date is a finding
citing the obligation's clause.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from reglament.approval.facts import KYIV
from reglament.domain import ClauseRef, Finding, Obligation, ObligationStatus
from reglament.rules.evaluate import Evaluation, FactsError, engine_values, evaluate, obligation_id
from reglament.rules.loader import Reglament
from reglament.rules.reference import holds
from reglament.rules.schema import Condition, Encoding, FactRef, Subject

Moment = dt.date | dt.datetime


def kleene(cond: Condition, values: Mapping[str, Any]) -> bool | None:
    """`cond` over engine values in three-valued logic: None when a fact it needs is not given."""
    if cond.all is not None:
        parts = [kleene(c, values) for c in cond.all]
        if any(p is False for p in parts):
            return False
        return True if all(p is True for p in parts) else None
    if cond.any is not None:
        parts = [kleene(c, values) for c in cond.any]
        if any(p is True for p in parts):
            return True
        return False if all(p is False for p in parts) else None
    assert cond.fact is not None
    op, expected = cond.operator()
    present = values.get(cond.fact) is not None
    if op == "exists":
        if expected:
            return True if present else None  # "must be given": not given is not a breach
        return not present
    if not present or (isinstance(expected, FactRef) and values.get(expected.operand) is None):
        return None
    return holds(cond, values)


def requirement(encoding: Encoding, values: Mapping[str, Any]) -> bool | None:
    """Whether the encoding's `requires` (all must hold) is met (True), broken (False) or undecided (None)."""
    parts = [kleene(c, values) for c in encoding.requires or ()]
    if any(p is False for p in parts):
        return False
    return True if all(p is True for p in parts) else None


def applies(encoding: Encoding, values: Mapping[str, Any]) -> bool:
    return all(holds(c, values) for c in encoding.applies_when)


def _encoding_of(reglament: Reglament, finding: Finding, values: Mapping[str, Any]) -> Encoding | None:
    """The encoding a finding came from: same clause and message, applicable to these values."""
    for encoding in reglament.by_clause(finding.ref.clause):
        if encoding.requires and encoding.message == finding.message and applies(encoding, values):
            return encoding
    return None


def given_only(
    reglament: Reglament, subject: Subject, result: Evaluation, facts: Mapping[str, Any], today: dt.date
) -> Evaluation:
    """The evaluation without findings that rest on facts not given."""
    values = engine_values(reglament, subject, facts, today)
    kept = []
    for finding in result.findings:
        encoding = _encoding_of(reglament, finding, values)
        if encoding is None or requirement(encoding, values) is False:
            kept.append(finding)
    return replace(result, findings=kept)


def satisfied(reglament: Reglament, subject: Subject, facts: Mapping[str, Any], today: dt.date) -> list[ClauseRef]:
    """Clauses of `subject` whose requirement applies and is met by the given facts (once per clause)."""
    values = engine_values(reglament, subject, facts, today)
    out: dict[str, ClauseRef] = {}
    for encoding in reglament.encodings:
        if encoding.subject is not subject or not encoding.requires or encoding.id in out:
            continue
        if applies(encoding, values) and requirement(encoding, values) is True:
            out[encoding.id] = ClauseRef(reglament.id, encoding.id, encoding.quote, encoding.interpretation)
    broken = set()
    for encoding in reglament.encodings:  # a clause with a broken variant is not satisfied
        relevant = encoding.subject is subject and encoding.requires and encoding.id in out
        if relevant and applies(encoding, values) and requirement(encoding, values) is False:
            broken.add(encoding.id)
    return [ref for clause, ref in out.items() if clause not in broken]


def evaluate_given(
    reglament: Reglament, subject: Subject, facts: Mapping[str, Any], *, today: dt.date, subject_id: str = ""
) -> Evaluation:
    """`evaluate` with only the findings the given facts support. FactsError as `evaluate`."""
    result = evaluate(reglament, subject, facts, subject_id=subject_id, today=today)
    return given_only(reglament, subject, result, facts, today)


# -- obligations and their fulfilment -------------------------------------------------------------


def obligation_keys(reglament: Reglament, obligation: Obligation) -> set[str]:
    """The encoding keys an obligation may come from (its clause, and its variant if any)."""
    keys = {obligation.ref.clause}
    for encoding in reglament.by_clause(obligation.ref.clause):
        if obligation_id(obligation.subject_id, reglament.id, encoding.key) == obligation.id:
            keys.add(encoding.key)
    return keys


def _naive(value: Moment) -> Moment:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(KYIV).replace(tzinfo=None)
    return value


def is_late(done: Moment, due: Moment) -> bool:
    """Done after the due date (or moment). A day compared with a moment on that same day is not late:
    the day alone does not show the hour."""
    done, due = _naive(done), _naive(due)
    if isinstance(done, dt.datetime) and isinstance(due, dt.datetime):
        return done > due
    done_day = done.date() if isinstance(done, dt.datetime) else done
    due_day = due.date() if isinstance(due, dt.datetime) else due
    return done_day > due_day


def _show(value: Moment) -> str:
    value = _naive(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


@dataclass
class Fulfilment:
    """Obligations with their status after comparing fulfilment dates, and findings for late ones."""

    obligations: list[Obligation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    late: set[str] = field(default_factory=set)  # encoding keys fulfilled late
    in_time: set[str] = field(default_factory=set)  # encoding keys fulfilled in time


def check_fulfilment(
    reglament: Reglament, obligations: Iterable[Obligation], fulfilled: Mapping[str, Moment]
) -> Fulfilment:
    out = Fulfilment()
    for obligation in obligations:
        keys = obligation_keys(reglament, obligation)
        done = next((fulfilled[k] for k in sorted(keys, key=len, reverse=True) if k in fulfilled), None)
        if done is None:
            out.obligations.append(obligation)
            continue
        if is_late(done, obligation.due):
            encoding = next((e for e in reglament.by_clause(obligation.ref.clause) if e.key in keys), None)
            severity = encoding.severity.value if encoding is not None else "violation"
            out.obligations.append(replace(obligation, status=ObligationStatus.VIOLATED))
            out.findings.append(
                Finding(
                    obligation.ref,
                    severity,
                    f"Строк порушено: {obligation.action} — виконано {_show(done)}, "
                    f"а мало бути не пізніше {_show(obligation.due)}.",
                    {"fulfilled": done, "due": obligation.due},
                )
            )
            out.late |= keys
        else:
            out.obligations.append(replace(obligation, status=ObligationStatus.FULFILLED))
            out.in_time |= keys
    return out


def fulfilled_map(raw: Mapping[str, Moment | None]) -> dict[str, Moment]:
    return {k: v for k, v in raw.items() if v is not None}


__all__ = [
    "FactsError",
    "Fulfilment",
    "applies",
    "check_fulfilment",
    "evaluate_given",
    "given_only",
    "is_late",
    "kleene",
    "requirement",
    "satisfied",
]
