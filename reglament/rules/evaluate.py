"""Evaluates a reglament's clauses against one subject's facts: findings, obligations, visa steps."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from reglament.domain import ClauseRef, Finding, Obligation
from reglament.rules.compiler import CompiledRule, Effect
from reglament.rules.engine import RuleEngine, default_engine
from reglament.rules.facts import fact_value, from_epoch_day, to_epoch_day
from reglament.rules.loader import Reglament
from reglament.rules.schema import Encoding, FactDecl, Subject


class FactsError(ValueError):
    """The facts do not fit the vocabulary; the message starts with the offending fact's name."""


@dataclass(frozen=True)
class RouteStep:
    """One visa of a draft's route, citing its clause."""

    role: str
    ref: ClauseRef
    order: int
    after: tuple[str, ...] = ()
    paper_only: bool = False
    per_body: str | None = None  # the list fact this step was multiplied by
    body: Any = None  # that list's element this step is for


@dataclass
class Evaluation:
    findings: list[Finding] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    steps: list[RouteStep] = field(default_factory=list)


# -- facts -------------------------------------------------------------------------------------------


def _type_ok(decl: FactDecl, value: Any) -> bool:
    kind = decl.type
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "str":
        return isinstance(value, str)
    if kind == "date":  # a date, or epoch days already
        return (isinstance(value, dt.date) and not isinstance(value, dt.datetime)) or (
            isinstance(value, int) and not isinstance(value, bool)
        )
    if kind == "datetime":  # a datetime, or epoch seconds already
        return isinstance(value, dt.datetime) or (isinstance(value, int) and not isinstance(value, bool))
    if kind == "list":
        return isinstance(value, list | tuple) and all(isinstance(v, str | int | float | bool) for v in value)
    return False


def engine_facts(vocabulary: Mapping[str, FactDecl], facts: Mapping[str, Any]) -> dict[str, Any]:
    """Facts checked against the vocabulary and converted to engine values (None = absent)."""
    out: dict[str, Any] = {}
    for name, value in facts.items():
        decl = vocabulary.get(name)
        if decl is None:
            raise FactsError(f"{name}: unknown fact (not in the vocabulary)")
        if value is None:
            continue
        if not _type_ok(decl, value):
            raise FactsError(f"{name}: expected {decl.type}, got {type(value).__name__} {value!r:.60}")
        out[name] = list(value) if isinstance(value, tuple) else fact_value(value)
    return out


def engine_values(reglament: Reglament, subject: Subject, facts: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """What the rules see: `engine_facts`, `now` (default `today`), `subject`, and the derived facts
    holding the end dates of compared terms (`term_values`)."""
    values = engine_facts(reglament.facts(), facts)
    values.setdefault("now", to_epoch_day(today))
    values.setdefault("subject", Subject(subject).value)
    values.update(term_values(reglament, Subject(subject), values))
    return values


def term_values(reglament: Reglament, subject: Subject, values: Mapping[str, Any]) -> dict[str, int]:
    """The end date (epoch days) of every term a condition compares with, counted by legal time from its
    anchor exactly as an obligation's term (the reglament's counting policy and calendar). A term whose
    anchor is absent has no end date: its derived fact is absent too."""
    from reglament.legaltime.terms import TermError, compute_due

    out: dict[str, int] = {}
    vocabulary = reglament.facts()
    for name, (ref, key) in reglament.compared_terms.get(subject, {}).items():
        assert ref.term is not None
        raw = values.get(ref.fact)
        if raw is None:
            continue
        anchor = _anchor(vocabulary.get(ref.fact), raw)
        clause = f"{reglament.id}/{key}"
        try:
            due = compute_due(ref.term.spec(ref.fact), anchor, reglament.policy, reglament.calendar, clause=clause)
        except TermError as exc:
            raise FactsError(f"{ref.fact}: {exc} ({clause})") from None
        out[name] = to_epoch_day(due.due)  # the compared units end on a day: a date
    return out


def _anchor(decl: FactDecl | None, value: Any) -> dt.date | dt.datetime:
    if isinstance(value, dt.date):
        return value
    if decl is not None and decl.type == "datetime":
        return dt.datetime.fromtimestamp(value, tz=dt.UTC)
    return from_epoch_day(int(value))


# -- evaluation --------------------------------------------------------------------------------------


def obligation_id(subject_id: str, reglament_id: str, key: str) -> str:
    """Deterministic: the same subject, reglament and encoding always give the same id."""
    return hashlib.sha1(f"{subject_id}\x1f{reglament_id}\x1f{key}".encode()).hexdigest()


def _ref(reglament: Reglament, encoding: Encoding) -> ClauseRef:
    return ClauseRef(reglament.id, encoding.id, encoding.quote, encoding.interpretation)


def _in_force(encoding: Encoding, today: dt.date) -> bool:
    if encoding.valid_from is not None and today < encoding.valid_from:
        return False
    return not (encoding.valid_until is not None and today > encoding.valid_until)


def evaluate(
    reglament: Reglament,
    subject: Subject,
    facts: Mapping[str, Any],
    *,
    subject_id: str = "",
    today: dt.date | None = None,
    engine: RuleEngine | None = None,
) -> Evaluation:
    """Evaluate every clause of `reglament` about `subject` against `facts`.

    `facts` maps fact names to Python values (dates and datetimes as such); unknown names or wrong
    types raise FactsError. `now` defaults to `today` (default: the current date), `subject` to the
    subject evaluated. Encodings not valid on `today` are skipped.
    """
    return evaluate_many(reglament, subject, [facts], subject_ids=[subject_id], today=today, engine=engine)[0]


def evaluate_many(
    reglament: Reglament,
    subject: Subject,
    facts_list: Sequence[Mapping[str, Any]],
    *,
    subject_ids: Sequence[str] | None = None,
    today: dt.date | None = None,
    engine: RuleEngine | None = None,
) -> list[Evaluation]:
    """`evaluate` for several subjects at once: one trip to the engine thread for all of them."""
    subject = Subject(subject)
    today = today or dt.date.today()
    ids = list(subject_ids) if subject_ids is not None else [""] * len(facts_list)
    if len(ids) != len(facts_list):
        raise ValueError("subject_ids: one id per facts mapping")
    values_list = [engine_values(reglament, subject, facts, today) for facts in facts_list]
    ruleset = reglament.rulesets().get(subject)
    if ruleset is None:
        return [Evaluation() for _ in facts_list]
    engine = engine or default_engine()
    engine.load(ruleset)
    results = []
    for facts, values, subject_id, matches in zip(
        facts_list, values_list, ids, engine.evaluate_many(ruleset.name, values_list), strict=True
    ):
        result = Evaluation()
        for match in matches:
            rule: CompiledRule = ruleset.rules[match.rule]
            encoding = rule.encoding
            if not _in_force(encoding, today):
                continue
            ref = _ref(reglament, encoding)
            if rule.effect is Effect.FINDING:
                used = {n: facts[n] for n in sorted(encoding.facts_used()) if facts.get(n) is not None}
                result.findings.append(Finding(ref, encoding.severity.value, encoding.message, used))
            elif rule.effect is Effect.OBLIGATION:
                result.obligations.append(_obligation(reglament, encoding, ref, facts, values, subject_id))
            elif rule.effect is Effect.STEP:
                result.steps.extend(_steps(encoding, ref, values))
        result.steps.sort(key=lambda s: (s.order, s.ref.clause))  # stable: bodies keep their list order
        results.append(result)
    return results


def _obligation(
    reglament: Reglament,
    encoding: Encoding,
    ref: ClauseRef,
    facts: Mapping[str, Any],
    values: Mapping[str, Any],
    subject_id: str,
) -> Obligation:
    from reglament.legaltime.terms import TermError, compute_due

    spec = encoding.obligation
    assert spec is not None
    anchor_name = spec.term.anchor
    raw = facts.get(anchor_name, values.get(anchor_name))
    anchor = _anchor(reglament.facts().get(anchor_name), raw)
    try:
        due = compute_due(spec.term, anchor, reglament.policy, reglament.calendar, clause=ref.qualified)
    except TermError as exc:
        raise FactsError(f"{anchor_name}: {exc} ({ref.qualified})") from None
    return Obligation(
        id=obligation_id(subject_id, reglament.id, encoding.key),
        ref=ref,
        subject_id=subject_id,
        bearer=spec.bearer,
        action=spec.action,
        due=due.due,
        explanation=due.explanation,
    )


def _steps(encoding: Encoding, ref: ClauseRef, values: Mapping[str, Any]) -> list[RouteStep]:
    visa = encoding.visa
    assert visa is not None
    step = RouteStep(visa.role, ref, visa.order, tuple(visa.after), visa.paper_only)
    if visa.per_body is None:
        return [step]
    bodies = values.get(visa.per_body) or []
    return [replace(step, per_body=visa.per_body, body=body) for body in bodies]
