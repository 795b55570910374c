"""The rule engine behind one small interface, and its durable-rules implementation (DESIGN §5).

How durable-rules is used, and why:

- Every evaluation opens its own session (`sid`) and deletes it in `finally`, also on error, so no
  state outlives an evaluation and the ~1,024 live-session limit is never approached.
- The facts of one evaluation enter as ONE message. A posted event is consumed by the first rule it
  matches, so a message that must be seen by every rule of a ruleset is asserted as a fact into the
  throwaway session instead; deleting the session removes it.
- The engine has no locks: every call runs on one dedicated thread (a single-thread executor);
  `evaluate` is thread-safe because it only submits to that thread.
- durable's host starts timer threads that dispatch queued actions and engine timers; they are
  disabled (`_run` does nothing), since time enters as facts and actions run synchronously.
- `id` and `sid` are reserved message fields: every fact `x` travels as field `f_x`, and each rule
  also requires the marker field `ev_`, so the session's own state object never matches a rule.
- A ruleset whose first message matches no rule crashes durable at `delete_state` (measured with
  2.0.28); each ruleset is therefore warmed up with one handled message when it is registered.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from reglament.rules.compiler import CompiledRuleset

FACT_PREFIX = "f_"
"""Every fact travels in the engine message under this prefix (keeps clear of `id` and `sid`)."""

MARKER_FIELD = "ev_"
"""Present (= 1) in every evaluation message; every compiled rule requires it."""

WARMUP_FIELD = "warmup_"
WARMUP_RULE = "warmup_"

RESERVED_FIELDS: frozenset[str] = frozenset({"id", "sid"})


def engine_field(fact: str) -> str:
    """The message field that carries fact `fact`."""
    return FACT_PREFIX + fact


@dataclass(frozen=True, slots=True)
class Match:
    """One rule of a ruleset whose condition held for the evaluated facts."""

    ruleset: str
    rule: str


class EngineError(RuntimeError):
    """The engine failed during one evaluation (the engine itself stays usable)."""


class RuleEngine(Protocol):
    """Evaluates compiled rulesets against one subject's facts (fact name → engine value)."""

    def load(self, ruleset: CompiledRuleset) -> None:
        """Make `ruleset` available under `ruleset.name` (a no-op when already loaded)."""
        ...

    def evaluate(self, ruleset: str, facts: Mapping[str, Any]) -> list[Match]:
        """The rules of `ruleset` that match `facts`, in the ruleset's rule order."""
        ...

    def evaluate_many(self, ruleset: str, facts_list: Sequence[Mapping[str, Any]]) -> list[list[Match]]:
        """`evaluate` for each of several subjects' facts, in order."""
        ...


def _canonical(definition: Mapping[str, Any]) -> str:
    return json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class DurableEngine:
    """RuleEngine on durable-rules: one session per evaluation, all calls on one thread."""

    def __init__(self, *, action_hook: Callable[[str, str], None] | None = None) -> None:
        """`action_hook(ruleset, rule)` runs inside each rule's action (observers; tests inject faults)."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="durable-rules")
        self._thread_ident: int | None = None
        self._action_hook = action_hook
        self._host: Any = None
        self._loaded: dict[str, tuple[str, str, dict[str, int]]] = {}  # name → (digest, internal, rule order)
        self._versions = itertools.count(1)
        self._sids = itertools.count(1)
        self._fired: list[str] = []
        self._current = ""
        self._closed = False

    # -- the one engine thread -----------------------------------------------------------------

    def _call(self, fn: Callable[..., Any], *args: Any) -> Any:
        if self._closed:
            raise EngineError("the engine is closed")
        if threading.get_ident() == self._thread_ident:
            return fn(*args)
        return self._executor.submit(fn, *args).result()

    def _ensure_host(self) -> Any:
        if self._host is None:
            from durable import engine as durable_engine

            self._thread_ident = threading.get_ident()
            fired = self._fired
            engine = self

            class _Host(durable_engine.Host):
                def _run(self) -> None:
                    """No dispatch or timer threads: actions run synchronously on the engine thread."""

                def get_action(self, action_name: str) -> Callable[[Any], None]:
                    def action(_closure: Any) -> None:
                        fired.append(action_name)
                        if engine._action_hook is not None:
                            engine._action_hook(engine._current, action_name)

                    return action

            self._host = _Host()
        return self._host

    # -- loading -----------------------------------------------------------------------------------

    def load(self, ruleset: CompiledRuleset) -> None:
        known = self._loaded.get(ruleset.name)
        if known is not None and known[0] == ruleset.digest:
            return
        self._call(self._load, ruleset.name, ruleset.digest, ruleset.definition)

    def _load(self, name: str, digest: str, definition: Mapping[str, Any]) -> None:
        known = self._loaded.get(name)
        if known is not None and known[0] == digest:
            return
        host = self._ensure_host()
        # durable mutates the definition it is given (it pops `run`), so it gets its own copy.
        rules: dict[str, Any] = json.loads(json.dumps(definition))
        order = {rule: index for index, rule in enumerate(rules)}
        rules[WARMUP_RULE] = {"all": [{"m": {WARMUP_FIELD: 1}}], "run": WARMUP_RULE}
        internal = f"{name}@{next(self._versions)}"
        try:
            host.register_rulesets({internal: rules})
        except Exception as exc:  # durable reports only a numeric code (113: an expression too large)
            raise EngineError(f"ruleset {name!r} is refused by durable-rules: {exc}") from None
        self._fired.clear()
        host.assert_fact(internal, {WARMUP_FIELD: 1, "sid": "warmup"})
        host.delete_state(internal, "warmup")
        self._fired.clear()
        self._loaded[name] = (digest, internal, order)

    # -- evaluation --------------------------------------------------------------------------------

    def evaluate(self, ruleset: str, facts: Mapping[str, Any]) -> list[Match]:
        return list(self._call(self._evaluate, ruleset, facts))

    def evaluate_many(self, ruleset: str, facts_list: Sequence[Mapping[str, Any]]) -> list[list[Match]]:
        """`evaluate` for several subjects in one trip to the engine thread (each still in its own session)."""
        return list(self._call(self._evaluate_many, ruleset, facts_list))

    def _evaluate_many(self, ruleset: str, facts_list: Sequence[Mapping[str, Any]]) -> list[list[Match]]:
        return [self._evaluate(ruleset, facts) for facts in facts_list]

    async def evaluate_async(self, ruleset: str, facts: Mapping[str, Any]) -> list[Match]:
        """`evaluate` for asyncio callers: the work runs on the engine thread, the loop stays free."""
        if self._closed:
            raise EngineError("the engine is closed")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._evaluate, ruleset, facts)

    def _evaluate(self, ruleset: str, facts: Mapping[str, Any]) -> list[Match]:
        from durable.engine import MessageNotHandledException

        known = self._loaded.get(ruleset)
        if known is None:
            raise EngineError(f"ruleset {ruleset!r} is not loaded")
        _, internal, order = known
        message: dict[str, Any] = {engine_field(k): v for k, v in facts.items() if v is not None}
        message[MARKER_FIELD] = 1
        sid = f"e{next(self._sids)}"
        message["sid"] = sid
        host = self._ensure_host()
        self._fired.clear()
        self._current = ruleset
        state: Any = None
        sent = True
        try:
            state = host.assert_fact(internal, message)
        except MessageNotHandledException:
            state = None  # no rule matched: an ordinary outcome
        except (TypeError, ValueError) as exc:
            # json.dumps failed before the engine saw the message: there is no session to delete.
            sent = False
            raise EngineError(f"facts cannot be sent to the engine: {exc}") from None
        finally:
            self._current = ""
            if sent:
                host.delete_state(internal, sid)
        fired = sorted(set(self._fired), key=lambda rule: order.get(rule, len(order)))
        self._fired.clear()
        if isinstance(state, dict) and "exception" in state:
            raise EngineError(f"an action of ruleset {ruleset!r} failed: {str(state['exception'])[:500]}")
        return [Match(ruleset, rule) for rule in fired if rule in order]

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop the engine thread; later calls raise EngineError."""
        if not self._closed:
            self._closed = True
            self._executor.shutdown(wait=True)


_DEFAULT: DurableEngine | None = None
_DEFAULT_LOCK = threading.Lock()


def default_engine() -> DurableEngine:
    """The process-wide engine (one engine thread per process)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = DurableEngine()
        return _DEFAULT
