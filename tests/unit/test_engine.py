"""The durable-rules engine within its measured limits (DESIGN §5)."""

from __future__ import annotations

import asyncio
import resource
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from reglament.rules.compiler import CompiledRuleset, compile_encodings
from reglament.rules.engine import DurableEngine, EngineError, Match
from reglament.rules.loader import load_reglament
from reglament.rules.schema import Encoding, Subject

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "sample-2024"
MEETING = "sample-2024.meeting"
DOCUMENT = "sample-2024.document"


def _rss_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _loaded(engine: DurableEngine) -> dict[Subject, CompiledRuleset]:
    rulesets = load_reglament(SAMPLE).rulesets()
    for ruleset in rulesets.values():
        engine.load(ruleset)
    return rulesets


@pytest.fixture
def engine() -> Any:
    engine = DurableEngine()
    yield engine
    engine.close()


def test_an_event_that_matches_no_rule_is_not_an_error_even_as_the_first_one(engine: DurableEngine) -> None:
    _loaded(engine)
    assert engine.evaluate(DOCUMENT, {"kind": "outgoing"}) == []
    assert engine.evaluate(DOCUMENT, {}) == []
    assert engine.evaluate(DOCUMENT, {"kind": "info_request", "anonymous": True}) == [Match(DOCUMENT, "r2-p2/finding")]


def test_every_matching_rule_fires_for_one_message(engine: DurableEngine) -> None:
    _loaded(engine)
    facts = {"kind": "incoming", "received": 19800, "registered": 19801}
    assert engine.evaluate(DOCUMENT, facts) == [
        Match(DOCUMENT, "r1-p2/obligation"),
        Match(DOCUMENT, "r2-p1/obligation"),
    ]


def test_ten_thousand_evaluations_keep_memory_flat(engine: DurableEngine) -> None:
    _loaded(engine)

    def run(start: int, stop: int) -> None:
        for n in range(start, stop):
            present = n % 21
            expected = [Match(MEETING, "r2-p4/finding")] if present <= 10 else []
            assert engine.evaluate(MEETING, {"membership": 20, "present": present, "id": str(n)}) == expected

    run(0, 1_000)
    after_1k = _rss_kb()
    run(1_000, 10_000)
    after_10k = _rss_kb()
    # Sessions are deleted after each evaluation: 9,000 more evaluations must not keep ~8 KB each (~70 MB).
    assert after_10k - after_1k < 8 * 1024, (after_1k, after_10k)


def test_an_exception_inside_an_action_does_not_break_later_evaluations() -> None:
    failing = {"on": True}

    def hook(ruleset: str, rule: str) -> None:
        if failing["on"]:
            raise RuntimeError(f"action of {rule} failed")

    engine = DurableEngine(action_hook=hook)
    try:
        _loaded(engine)
        # More failing evaluations than the ~1,024 live sessions a ruleset can hold: none may leak.
        for _ in range(1_100):
            with pytest.raises(EngineError, match="r2-p4/finding"):
                engine.evaluate(MEETING, {"membership": 20, "present": 3})
        failing["on"] = False
        assert engine.evaluate(MEETING, {"membership": 20, "present": 3}) == [Match(MEETING, "r2-p4/finding")]
        assert engine.evaluate(MEETING, {"membership": 20, "present": 15}) == []
    finally:
        engine.close()


def test_facts_that_cannot_be_sent_raise_and_the_engine_carries_on(engine: DurableEngine) -> None:
    _loaded(engine)
    with pytest.raises(EngineError, match="cannot be sent"):
        engine.evaluate(MEETING, {"membership": 20, "present": object()})
    assert engine.evaluate(MEETING, {"membership": 20, "present": 1}) == [Match(MEETING, "r2-p4/finding")]


def test_facts_named_id_and_sid_are_ordinary_facts(engine: DurableEngine) -> None:
    encoding = Encoding.model_validate(
        {
            "id": "r1-p1",
            "kind": "condition",
            "quote": "q",
            "text_sha": "0" * 64,
            "applies_when": [{"fact": "id", "equals": "doc-1"}],
            "requires": [{"fact": "sid", "gt": 3}],
            "message": "Порушено.",
        }
    )
    ruleset = compile_encodings("ids", [encoding])[Subject.DOCUMENT]
    engine.load(ruleset)
    fired = [Match(ruleset.name, "r1-p1/finding")]
    # The same facts twice: the engine must not take `id` for a message id and drop the repeat.
    assert engine.evaluate(ruleset.name, {"id": "doc-1", "sid": 2}) == fired
    assert engine.evaluate(ruleset.name, {"id": "doc-1", "sid": 2}) == fired
    assert engine.evaluate(ruleset.name, {"id": "doc-1", "sid": 4}) == []
    assert engine.evaluate(ruleset.name, {"id": "doc-2", "sid": 2}) == []


def test_evaluate_is_safe_from_many_threads_and_runs_on_one(engine: DurableEngine) -> None:
    _loaded(engine)
    seen: set[int] = set()
    original = engine._evaluate

    def spy(ruleset: str, facts: Any) -> list[Match]:
        seen.add(threading.get_ident())
        return original(ruleset, facts)

    engine._evaluate = spy  # type: ignore[method-assign]

    def check(n: int) -> bool:
        present = n % 21
        expected = [Match(MEETING, "r2-p4/finding")] if present <= 10 else []
        return engine.evaluate(MEETING, {"membership": 20, "present": present}) == expected

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(check, range(2_000)))
    assert len(seen) == 1 and threading.get_ident() not in seen


def test_evaluate_async(engine: DurableEngine) -> None:
    _loaded(engine)

    async def main() -> list[list[Match]]:
        return await asyncio.gather(
            *(engine.evaluate_async(MEETING, {"membership": 20, "present": p}) for p in (5, 15))
        )

    assert asyncio.run(main()) == [[Match(MEETING, "r2-p4/finding")], []]


def test_a_changed_ruleset_replaces_the_loaded_one_under_its_name(engine: DurableEngine) -> None:
    def ruleset(limit: int) -> CompiledRuleset:
        encoding = Encoding.model_validate(
            {
                "id": "r1-p1",
                "kind": "quorum-vote",
                "subject": "meeting",
                "quote": "q",
                "text_sha": "0" * 64,
                "requires": [{"fact": "present", "gte": limit}],
                "message": "Немає кворуму.",
            }
        )
        return compile_encodings("versions", [encoding])[Subject.MEETING]

    engine.load(ruleset(10))
    assert engine.evaluate("versions.meeting", {"present": 9}) != []
    engine.load(ruleset(5))
    assert engine.evaluate("versions.meeting", {"present": 9}) == []


def test_unknown_ruleset_and_closed_engine_are_errors() -> None:
    engine = DurableEngine()
    with pytest.raises(EngineError, match="not loaded"):
        engine.evaluate("nothing.document", {})
    engine.close()
    with pytest.raises(EngineError, match="closed"):
        engine.evaluate("nothing.document", {})


def test_a_condition_too_large_for_durable_rules_is_refused_at_load_with_its_name() -> None:
    from reglament.rules.compiler import compile_encodings
    from reglament.rules.schema import Encoding, Subject

    groups = [{"all": [{"fact": "a", "equals": i}, {"fact": "b", "equals": i}]} for i in range(40)]
    encoding = Encoding.model_validate(
        {
            "id": "r1-p1",
            "kind": "condition",
            "quote": "q",
            "text_sha": "0" * 64,
            "applies_when": [{"any": groups}],
            "requires": [{"fact": "t", "equals": True}],
            "message": "Вимогу не виконано.",
        }
    )
    ruleset = compile_encodings("huge", [encoding])[Subject.DOCUMENT]
    with pytest.raises(EngineError, match="huge"):
        DurableEngine().load(ruleset)
