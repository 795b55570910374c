"""The compiler: every condition form, the negation, and the rulesets of the sample reglament."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reglament.rules.compiler import NEVER, Effect, compile_condition, compile_encodings, negate
from reglament.rules.engine import DurableEngine, EngineError
from reglament.rules.loader import load_reglament
from reglament.rules.reference import ReferenceEngine, holds
from reglament.rules.schema import Condition, Encoding, Subject

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "sample-2024"


def c(**kwargs: Any) -> Condition:
    return Condition.model_validate(kwargs)


# -- each condition form -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"fact": "kind", "equals": "appeal"}, {"f_kind": "appeal"}),
        ({"fact": "urgent", "equals": True}, {"f_urgent": True}),
        ({"fact": "kind", "not_equals": "appeal"}, {"$neq": {"f_kind": "appeal"}}),
        ({"fact": "kind", "in": ["appeal"]}, {"f_kind": "appeal"}),
        ({"fact": "kind", "in": ["a", "b"]}, {"$or": [{"f_kind": "a"}, {"f_kind": "b"}]}),
        ({"fact": "kind", "in": []}, NEVER),
        ({"fact": "kind", "not_in": ["a", "b"]}, {"$and": [{"$neq": {"f_kind": "a"}}, {"$neq": {"f_kind": "b"}}]}),
        ({"fact": "kind", "not_in": []}, {"$ex": {"f_kind": 1}}),
        ({"fact": "due_date", "exists": True}, {"$ex": {"f_due_date": 1}}),
        ({"fact": "due_date", "exists": False}, {"$nex": {"f_due_date": 1}}),
        ({"fact": "task_count", "gt": 3}, {"$gt": {"f_task_count": 3}}),
        ({"fact": "task_count", "gte": 3}, {"$gte": {"f_task_count": 3}}),
        ({"fact": "task_count", "lt": 3}, {"$lt": {"f_task_count": 3}}),
        ({"fact": "task_count", "lte": 2.5}, {"$lte": {"f_task_count": 2.5}}),
        (
            {"fact": "due_date", "gt": {"fact": "registered"}},
            {"$and": [{"$ex": {"f_registered": 1}}, {"$gt": {"f_due_date": {"$m": "f_registered"}}}]},
        ),
        (
            {"fact": "present", "gt": {"fact": "membership", "times": 0.5, "plus": 1}},
            {
                "$and": [
                    {"$ex": {"f_membership": 1}},
                    {
                        "$gt": {
                            "f_present": {"$add": {"$l": {"$mul": {"$l": {"$m": "f_membership"}, "$r": 0.5}}, "$r": 1}}
                        }
                    },
                ]
            },
        ),
        (
            {"fact": "due_date", "lte": {"fact": "registered", "term": {"unit": "calendar_days", "amount": 45}}},
            {
                "$and": [
                    {"$ex": {"f_registered__45_calendar_days": 1}},
                    {"$lte": {"f_due_date": {"$m": "f_registered__45_calendar_days"}}},
                ]
            },
        ),
        (
            {"all": [{"fact": "urgent", "equals": True}, {"fact": "kind", "equals": "appeal"}]},
            {"$and": [{"f_urgent": True}, {"f_kind": "appeal"}]},
        ),
        (
            {"any": [{"fact": "urgent", "equals": True}, {"fact": "simple", "exists": False}]},
            {"$or": [{"f_urgent": True}, {"$nex": {"f_simple": 1}}]},
        ),
        ({"all": [{"fact": "urgent", "equals": True}]}, {"f_urgent": True}),
        ({"fact": "id", "equals": "x"}, {"f_id": "x"}),
    ],
)
def test_each_condition_form_compiles_to_its_durable_expression(condition: dict[str, Any], expected: Any) -> None:
    assert compile_condition(Condition.model_validate(condition)) == expected


# -- negation ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "negation"),
    [
        ({"fact": "k", "equals": "a"}, {"any": [{"fact": "k", "exists": False}, {"fact": "k", "not_equals": "a"}]}),
        ({"fact": "k", "not_equals": "a"}, {"any": [{"fact": "k", "exists": False}, {"fact": "k", "equals": "a"}]}),
        ({"fact": "k", "in": ["a"]}, {"any": [{"fact": "k", "exists": False}, {"fact": "k", "not_in": ["a"]}]}),
        ({"fact": "k", "not_in": ["a"]}, {"any": [{"fact": "k", "exists": False}, {"fact": "k", "in": ["a"]}]}),
        ({"fact": "n", "gt": 1}, {"any": [{"fact": "n", "exists": False}, {"fact": "n", "lte": 1}]}),
        ({"fact": "n", "gte": 1}, {"any": [{"fact": "n", "exists": False}, {"fact": "n", "lt": 1}]}),
        ({"fact": "n", "lt": 1}, {"any": [{"fact": "n", "exists": False}, {"fact": "n", "gte": 1}]}),
        ({"fact": "n", "lte": 1}, {"any": [{"fact": "n", "exists": False}, {"fact": "n", "gt": 1}]}),
        (
            {"fact": "n", "gt": {"fact": "m"}},
            {
                "any": [
                    {"fact": "n", "exists": False},
                    {"fact": "m", "exists": False},
                    {"fact": "n", "lte": {"fact": "m"}},
                ]
            },
        ),
        (
            {"fact": "n", "gt": {"fact": "m", "term": {"unit": "years", "amount": 3}}},
            {
                "any": [
                    {"fact": "n", "exists": False},
                    {"fact": "m__3_years", "exists": False},
                    {"fact": "n", "lte": {"fact": "m", "term": {"unit": "years", "amount": 3}}},
                ]
            },
        ),
        ({"fact": "k", "exists": True}, {"fact": "k", "exists": False}),
        ({"fact": "k", "exists": False}, {"fact": "k", "exists": True}),
        (
            {"all": [{"fact": "k", "exists": True}, {"fact": "j", "exists": False}]},
            {"any": [{"fact": "k", "exists": False}, {"fact": "j", "exists": True}]},
        ),
        (
            {"any": [{"fact": "k", "exists": True}, {"fact": "j", "exists": False}]},
            {"all": [{"fact": "k", "exists": False}, {"fact": "j", "exists": True}]},
        ),
    ],
)
def test_negation_is_de_morgan_with_absent_facts(condition: dict[str, Any], negation: dict[str, Any]) -> None:
    assert negate(Condition.model_validate(condition)) == Condition.model_validate(negation)


# -- the sample reglament compiled, against a structure written by hand -------------------------------

M = {"ev_": 1}


def _rule(name: str, *tests: Any) -> dict[str, Any]:
    return {"all": [{"m": {"$and": [M, *tests]}}], "run": name}


def test_sample_rulesets_match_the_hand_written_structure() -> None:
    rulesets = load_reglament(SAMPLE).rulesets()
    assert set(rulesets) == {Subject.DOCUMENT, Subject.DRAFT, Subject.MEETING}
    document = rulesets[Subject.DOCUMENT]
    assert document.name == "sample-2024.document"
    assert document.definition == {
        "r1-p2/obligation": _rule("r1-p2/obligation", {"f_kind": "incoming"}, {"$ex": {"f_received": 1}}),
        "r2-p1/obligation": _rule(
            "r2-p1/obligation",
            {"$or": [{"f_has_due_date": False}, {"$nex": {"f_has_due_date": 1}}]},
            {"$or": [{"f_kind": "incoming"}, {"f_kind": "ec_decision"}, {"f_kind": "mayor_order"}]},
            {"$ex": {"f_registered": 1}},
        ),
        "r2-p2/finding": _rule(
            "r2-p2/finding",
            {"f_kind": "info_request"},
            {
                "$or": [
                    {"$nex": {"f_anonymous": 1}},
                    {"f_anonymous": True},
                    {"$nex": {"f_requester_name": 1}},
                ]
            },
        ),
    }
    assert [r.effect for r in document.rules.values()] == [Effect.OBLIGATION, Effect.OBLIGATION, Effect.FINDING]
    assert rulesets[Subject.DRAFT].definition == {
        "r2-p3-i1/step": _rule("r2-p3-i1/step"),
        "r2-p3-i2/step": _rule("r2-p3-i2/step", {"f_budget_funds": True}),
        "r2-p3-i3/step": _rule("r2-p3-i3/step", {"$ex": {"f_task_bodies": 1}}),
    }
    assert rulesets[Subject.MEETING].definition == {
        "r2-p4/finding": _rule(
            "r2-p4/finding",
            {"$gte": {"f_membership": 1}},
            {
                "$or": [
                    {"$nex": {"f_present": 1}},
                    {"$nex": {"f_membership": 1}},
                    {
                        "$and": [
                            {"$ex": {"f_membership": 1}},
                            {"$lte": {"f_present": {"$mul": {"$l": {"$m": "f_membership"}, "$r": 0.5}}}},
                        ]
                    },
                ]
            },
        )
    }


def test_compilation_is_deterministic() -> None:
    reglament = load_reglament(SAMPLE)
    again = compile_encodings(reglament.id, list(reglament.encodings))
    for subject, ruleset in reglament.rulesets().items():
        assert again[subject].to_json() == ruleset.to_json()
        assert again[subject].digest == ruleset.digest


# -- property: the engine agrees with the reference semantics ---------------------------------------

INT_FACTS = ("a", "b")
_ints = st.integers(min_value=-3, max_value=3)
_words = st.sampled_from(["x", "y", "z"])


TERMS = ({"unit": "calendar_days", "amount": 2}, {"unit": "years", "amount": 3})
DERIVED = tuple(f"{fact}__{term['amount']}_{term['unit']}" for fact in INT_FACTS for term in TERMS)
"""The derived facts holding the terms' end dates: given (or not) independently of their anchors."""


def _operand() -> st.SearchStrategy[Any]:
    ref = st.builds(
        lambda fact, times, plus: {"fact": fact, "times": times, "plus": plus},
        st.sampled_from(INT_FACTS),
        st.sampled_from([1.0, 0.5, 2.0]),
        st.sampled_from([0.0, 1.0, -1.0]),
    )
    term = st.builds(
        lambda fact, term: {"fact": fact, "term": term}, st.sampled_from(INT_FACTS), st.sampled_from(TERMS)
    )
    return st.one_of(_ints, ref, term)


def _leaf() -> st.SearchStrategy[dict[str, Any]]:
    numeric = st.builds(
        lambda fact, op, value: {"fact": fact, op: value},
        st.sampled_from(INT_FACTS),
        st.sampled_from(["gt", "gte", "lt", "lte"]),
        _operand(),
    )
    int_eq = st.builds(
        lambda fact, op, value: {"fact": fact, op: value},
        st.sampled_from(INT_FACTS),
        st.sampled_from(["equals", "not_equals"]),
        _ints,
    )
    word = st.one_of(
        st.builds(lambda op, v: {"fact": "s", op: v}, st.sampled_from(["equals", "not_equals"]), _words),
        st.builds(lambda op, v: {"fact": "s", op: v}, st.sampled_from(["in", "not_in"]), st.lists(_words, max_size=3)),
    )
    flag = st.builds(lambda v: {"fact": "t", "equals": v}, st.booleans())
    exists = st.builds(
        lambda fact, v: {"fact": fact, "exists": v}, st.sampled_from([*INT_FACTS, "s", "t"]), st.booleans()
    )
    return st.one_of(numeric, int_eq, word, flag, exists)


conditions = st.recursive(
    _leaf(),
    lambda children: st.builds(
        lambda op, items: {op: items}, st.sampled_from(["all", "any"]), st.lists(children, min_size=1, max_size=3)
    ),
    # durable-rules refuses an $or of ~15 or more $and groups (error 113); stay well below it.
    max_leaves=5,
).map(Condition.model_validate)

facts_strategy = st.fixed_dictionaries(
    {},
    optional={"a": _ints, "b": _ints, "s": _words, "t": st.booleans(), **dict.fromkeys(DERIVED, _ints)},
)


@given(conditions, facts_strategy)
def test_negation_holds_exactly_when_the_condition_does_not(cond: Condition, facts: dict[str, Any]) -> None:
    assert holds(negate(cond), facts) is (not holds(cond, facts))


_ENGINE = DurableEngine()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conditions, conditions, st.lists(facts_strategy, min_size=1, max_size=5))
def test_durable_rules_agree_with_the_reference_evaluator(
    applies: Condition, required: Condition, facts_list: list[dict[str, Any]]
) -> None:
    encoding = Encoding.model_validate(
        {
            "id": "r1-p1",
            "kind": "deadline",
            "quote": "q",
            "text_sha": "0" * 64,
            "applies_when": [applies],
            "requires": [required],
            "message": "Вимогу не виконано.",
            "obligation": {"bearer": "executor", "action": "виконати", "term": {"unit": "same_day", "anchor": "a"}},
        }
    )
    ruleset = compile_encodings("prop", [encoding])[Subject.DOCUMENT]
    reference = ReferenceEngine()
    reference.load(ruleset)
    try:
        _ENGINE.load(ruleset)
    except EngineError as exc:
        # applies AND NOT(required) can expand past durable-rules' size limit (error 113); such a
        # ruleset is refused at load with a clear error (tested elsewhere), so there is nothing to compare.
        assume("113" not in str(exc))
        raise
    for facts in facts_list:
        assert _ENGINE.evaluate(ruleset.name, facts) == reference.evaluate(ruleset.name, facts), facts
