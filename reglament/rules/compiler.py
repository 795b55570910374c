"""Compiles clause encodings into durable-rules JSON rulesets, one per (reglament, subject).

Semantics of a condition (the reference evaluator in reglament.rules.reference is the executable
statement of it): a test on a fact (equals, not_equals, in, not_in, gt, gte, lt, lte) holds only
when the fact is present; a FactRef operand must be present too (for a term, the derived fact that
holds its end date, present exactly when the anchor is); `exists` tests presence. Because
an absent fact makes both `x > 5` and `x <= 5` false, the negation used for `requires` is De
Morgan's plus absence: not(x > 5) = (x absent) or (x <= 5).

Each encoding yields up to three rules, named `<encoding key>/<effect>`:

- `finding`: fires on applies_when AND NOT(requires) — the clause's requirement is not met;
- `obligation`: fires on applies_when AND the term's anchor fact present;
- `step`: fires on applies_when — the visa step belongs to the route.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from reglament.rules.engine import MARKER_FIELD, engine_field
from reglament.rules.schema import Condition, Encoding, FactRef, Kind, Subject


class Effect(StrEnum):
    FINDING = "finding"
    OBLIGATION = "obligation"
    STEP = "step"


@dataclass(frozen=True)
class CompiledRule:
    """One durable rule and the encoding it comes from."""

    name: str  # `<encoding key>/<effect>`, unique within its ruleset
    encoding: Encoding
    effect: Effect
    condition: Condition | None  # the whole match as one condition (None: always, given the marker)


@dataclass(frozen=True)
class CompiledRuleset:
    """The rules of one (reglament, subject) in the JSON form durable-rules accepts."""

    name: str
    reglament: str
    subject: Subject
    definition: dict[str, Any]
    rules: dict[str, CompiledRule] = field(default_factory=dict)
    digest: str = ""

    def to_json(self) -> str:
        """Deterministic JSON of `{name: definition}`."""
        return json.dumps({self.name: self.definition}, ensure_ascii=False, sort_keys=True, indent=2)


def ruleset_name(reglament_id: str, subject: Subject | str) -> str:
    return f"{reglament_id}.{Subject(subject).value}"


# -- negation --------------------------------------------------------------------------------------

_NEGATED_OP = {
    "equals": "not_equals",
    "not_equals": "equals",
    "in": "not_in",
    "not_in": "in",
    "gt": "lte",
    "gte": "lt",
    "lt": "gte",
    "lte": "gt",
}


def _test(fact: str, op: str, value: Any) -> Condition:
    return Condition.model_validate({"fact": fact, op: value})


def _absent(fact: str) -> Condition:
    return Condition(fact=fact, exists=False)


def negate(cond: Condition) -> Condition:
    """The condition that holds exactly when `cond` does not (absent facts included)."""
    if cond.all is not None:
        return _any_of([negate(c) for c in cond.all])
    if cond.any is not None:
        return _all_of([negate(c) for c in cond.any])
    assert cond.fact is not None
    op, value = cond.operator()
    if op == "exists":
        return Condition(fact=cond.fact, exists=not value)
    alternatives = [_absent(cond.fact)]
    if isinstance(value, FactRef):
        alternatives.append(_absent(value.operand))
    alternatives.append(_test(cond.fact, _NEGATED_OP[op], value))
    return Condition(any=alternatives)


def negate_all(conditions: Sequence[Condition]) -> Condition:
    """NOT(c1 AND c2 AND …) = NOT c1 OR NOT c2 OR …"""
    return _any_of([negate(c) for c in conditions])


def _all_of(conditions: list[Condition]) -> Condition:
    """AND of the conditions, nested ANDs spliced in (AND is associative)."""
    flat = [item for cond in conditions for item in (cond.all if cond.all is not None else [cond])]
    return flat[0] if len(flat) == 1 else Condition(all=flat)


def _any_of(conditions: list[Condition]) -> Condition:
    """OR of the conditions, nested ORs spliced in."""
    flat = [item for cond in conditions for item in (cond.any if cond.any is not None else [cond])]
    return flat[0] if len(flat) == 1 else Condition(any=flat)


# -- conditions to durable expressions -------------------------------------------------------------

_DURABLE_CMP = {"gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte"}

NEVER: dict[str, Any] = {"$nex": {MARKER_FIELD: 1}}
"""An expression that never holds (the marker is in every message): `in: []`."""


def _operand(value: float | int | FactRef) -> Any:
    if not isinstance(value, FactRef):
        return value
    expr: Any = {"$m": engine_field(value.operand)}
    if value.times != 1.0:
        expr = {"$mul": {"$l": expr, "$r": value.times}}
    if value.plus != 0.0:
        expr = {"$add": {"$l": expr, "$r": value.plus}}
    return expr


def compile_condition(cond: Condition) -> dict[str, Any]:
    """One condition as a durable-rules match expression over the message's fields."""
    if cond.all is not None:
        parts = [compile_condition(c) for c in cond.all]
        return parts[0] if len(parts) == 1 else {"$and": parts}
    if cond.any is not None:
        parts = [compile_condition(c) for c in cond.any]
        return parts[0] if len(parts) == 1 else {"$or": parts}
    assert cond.fact is not None
    name = engine_field(cond.fact)
    op, value = cond.operator()
    if op == "exists":
        return {"$ex" if value else "$nex": {name: 1}}
    if op == "equals":
        return {name: value}
    if op == "not_equals":
        return {"$neq": {name: value}}
    if op == "in":
        if not value:
            return NEVER
        options = [{name: v} for v in value]
        return options[0] if len(options) == 1 else {"$or": options}
    if op == "not_in":
        if not value:
            return {"$ex": {name: 1}}
        options = [{"$neq": {name: v}} for v in value]
        return options[0] if len(options) == 1 else {"$and": options}
    test = {_DURABLE_CMP[op]: {name: _operand(value)}}
    if isinstance(value, FactRef):
        # durable treats a reference to an absent field as satisfied; absence must fail the test.
        return {"$and": [{"$ex": {engine_field(value.operand): 1}}, test]}
    return test


# -- encodings to rules ----------------------------------------------------------------------------


def rule_conditions(encoding: Encoding) -> list[tuple[Effect, Condition | None]]:
    """The rules an encoding yields: (effect, the whole match as one condition)."""
    if encoding.kind is Kind.NOT_CHECKABLE:
        return []
    base = list(encoding.applies_when)
    out: list[tuple[Effect, Condition | None]] = []
    if encoding.requires:  # an empty `requires` always holds: no finding can arise
        out.append((Effect.FINDING, _all_of([*base, negate_all(encoding.requires)])))
    if encoding.obligation is not None:
        out.append((Effect.OBLIGATION, _all_of([*base, Condition(fact=encoding.obligation.term.anchor, exists=True)])))
    if encoding.visa is not None:
        out.append((Effect.STEP, _all_of(base) if base else None))
    return out


def _rule_definition(name: str, condition: Condition | None) -> dict[str, Any]:
    tests: list[dict[str, Any]] = [{MARKER_FIELD: 1}]
    if condition is not None:
        expr = compile_condition(condition)
        tests.extend(expr["$and"] if list(expr) == ["$and"] else [expr])
    return {"all": [{"m": {"$and": tests}}], "run": name}


def compile_encodings(reglament_id: str, encodings: Iterable[Encoding]) -> dict[Subject, CompiledRuleset]:
    """One ruleset per subject that has checkable encodings; rules in encoding order."""
    grouped: dict[Subject, dict[str, CompiledRule]] = {}
    for encoding in encodings:
        for effect, condition in rule_conditions(encoding):
            name = f"{encoding.key}/{effect.value}"
            rules = grouped.setdefault(encoding.subject, {})
            if name in rules:
                raise ValueError(f"{reglament_id}: two encodings compile to rule {name!r}")
            rules[name] = CompiledRule(name, encoding, effect, condition)
    out: dict[Subject, CompiledRuleset] = {}
    for subject in Subject:
        if not grouped.get(subject):
            continue
        rules = grouped[subject]
        definition = {name: _rule_definition(name, rule.condition) for name, rule in rules.items()}
        digest = hashlib.sha256(json.dumps(definition, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
        out[subject] = CompiledRuleset(
            ruleset_name(reglament_id, subject), reglament_id, subject, definition, rules, digest
        )
    return out
