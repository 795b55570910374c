"""A pure-Python evaluator of the condition semantics, the yardstick for the compiled rules.

It reads the encodings themselves (applies_when, requires, the term's anchor), not the compiled
expressions, so comparing it with the durable-rules engine checks the compiler and the negation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reglament.rules.compiler import CompiledRule, CompiledRuleset, Effect
from reglament.rules.engine import EngineError, Match
from reglament.rules.schema import Condition, Encoding, FactRef


def _same(a: Any, b: Any) -> bool:
    # JSON (and the engine) keeps true apart from 1; Python does not.
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def holds(cond: Condition, facts: Mapping[str, Any]) -> bool:
    """Whether `cond` holds for `facts` (fact name → engine value; None counts as absent)."""
    if cond.all is not None:
        return all(holds(c, facts) for c in cond.all)
    if cond.any is not None:
        return any(holds(c, facts) for c in cond.any)
    assert cond.fact is not None
    op, expected = cond.operator()
    value = facts.get(cond.fact)
    if op == "exists":
        return (value is not None) == expected
    if value is None:
        return False
    if op == "equals":
        return _same(value, expected)
    if op == "not_equals":
        return not _same(value, expected)
    if op == "in":
        return any(_same(value, v) for v in expected)
    if op == "not_in":
        return not any(_same(value, v) for v in expected)
    if isinstance(expected, FactRef):
        other = facts.get(expected.operand)
        if other is None:
            return False
        if not _number(other):
            return False
        bound: float = other * expected.times + expected.plus
    else:
        bound = expected
    if not _number(value):
        return False
    if op == "gt":
        return bool(value > bound)
    if op == "gte":
        return bool(value >= bound)
    if op == "lt":
        return bool(value < bound)
    return bool(value <= bound)


def rule_fires(rule: CompiledRule, facts: Mapping[str, Any]) -> bool:
    """Whether a compiled rule should fire, judged from its encoding alone."""
    encoding: Encoding = rule.encoding
    if not all(holds(c, facts) for c in encoding.applies_when):
        return False
    if rule.effect is Effect.FINDING:
        return not all(holds(c, facts) for c in encoding.requires or [])
    if rule.effect is Effect.OBLIGATION:
        assert encoding.obligation is not None
        return facts.get(encoding.obligation.term.anchor) is not None
    return True


class ReferenceEngine:
    """RuleEngine that evaluates the encodings directly in Python (no durable-rules)."""

    def __init__(self) -> None:
        self._rulesets: dict[str, CompiledRuleset] = {}

    def load(self, ruleset: CompiledRuleset) -> None:
        self._rulesets[ruleset.name] = ruleset

    def evaluate(self, ruleset: str, facts: Mapping[str, Any]) -> list[Match]:
        compiled = self._rulesets.get(ruleset)
        if compiled is None:
            raise EngineError(f"ruleset {ruleset!r} is not loaded")
        return [Match(ruleset, name) for name, rule in compiled.rules.items() if rule_fires(rule, facts)]

    def evaluate_many(self, ruleset: str, facts_list: Sequence[Mapping[str, Any]]) -> list[list[Match]]:
        return [self.evaluate(ruleset, facts) for facts in facts_list]
