"""Throughput of the rule-engine path against a hand-written Python check of the same clauses.

Clauses: Vinnytsia Розділ 12 execution terms r12-s3-p2.1–p2.4 and r12-s2-p6 (all their variants).
Two levels are measured on the same synthetic documents:

- match: which rules fire (durable-rules engine; the pure-Python reference evaluator; hand-written ifs);
- full: facts in, obligations with due dates out (`evaluate` vs the hand-written ifs + `compute_due`).

Usage: .venv/bin/python bench/rules.py [--documents N] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any

from reglament.legaltime.terms import compute_due
from reglament.rules.compiler import compile_encodings
from reglament.rules.engine import DurableEngine
from reglament.rules.evaluate import evaluate, evaluate_many
from reglament.rules.facts import DOCUMENT_KINDS, from_epoch_day, to_epoch_day
from reglament.rules.loader import Reglament, load_reglament
from reglament.rules.reference import ReferenceEngine
from reglament.rules.schema import Subject

CLAUSES = ("r12-s3-p2.1", "r12-s3-p2.2", "r12-s3-p2.3", "r12-s3-p2.4", "r12-s2-p6")
TODAY = dt.date(2024, 6, 1)


def synthetic_documents(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    base = to_epoch_day(dt.date(2024, 1, 1))
    docs = []
    for _ in range(n):
        received = base + rng.randrange(300)
        doc: dict[str, Any] = {
            "kind": rng.choice(DOCUMENT_KINDS),
            "received": received,
            "registered": received + rng.randrange(2),
        }
        for name, p in (
            ("urgent", 0.2),
            ("simple", 0.3),
            ("long_term", 0.05),
            ("has_tasks", 0.4),
            ("from_higher_authority", 0.1),
            ("council_act", 0.05),
        ):
            if rng.random() < 0.7:
                doc[name] = rng.random() < p
        if rng.random() < 0.3:
            doc["has_due_date"] = True
            doc["due_date"] = received + rng.randrange(5, 60)
        elif rng.random() < 0.5:
            doc["has_due_date"] = False
        if rng.random() < 0.1:
            doc["periodic"] = rng.choice(["monthly", "quarterly", "yearly"])
            doc["period_end"] = received + 20
        docs.append(doc)
    return docs


def hand_written(doc: dict[str, Any]) -> list[str]:
    """The same clauses as plain Python (absent facts fail their tests, as in the rules)."""
    out = []
    kind = doc.get("kind")
    no_date = doc.get("has_due_date") is not True and "last_task_due" not in doc
    if (
        doc.get("urgent") is True
        and kind is not None
        and kind not in ("appeal", "info_request")
        and no_date
        and "received" in doc
    ):
        out.append("r12-s3-p2.1")
    if doc.get("has_due_date") is True and "due_date" in doc:
        out.append("r12-s3-p2.2")
    if (
        no_date
        and doc.get("urgent") is not True
        and kind is not None
        and kind not in ("appeal", "info_request")
        and "registered" in doc
    ):
        out.append("r12-s3-p2.3#simple" if doc.get("simple") is True else "r12-s3-p2.3")
    if (
        doc.get("long_term") is True or doc.get("periodic") in ("monthly", "quarterly", "yearly")
    ) and "period_end" in doc:
        out.append("r12-s3-p2.4")
    if "registered" in doc:
        if (
            (doc.get("has_tasks") is True or doc.get("from_higher_authority") is True)
            and kind is not None
            and kind != "deputy_appeal"
            and doc.get("council_act") is not True
        ):
            out.append("r12-s2-p6")
        if kind == "deputy_appeal" or doc.get("council_act") is True:
            out.append("r12-s2-p6#secretariat")
    return out


def _rate(label: str, fn: Callable[[dict[str, Any]], Any], docs: list[dict[str, Any]]) -> tuple[float, list[Any]]:
    started = time.perf_counter()
    results = [fn(doc) for doc in docs]
    elapsed = time.perf_counter() - started
    rate = len(docs) / elapsed
    print(f"  {label:<42} {rate:>10,.0f} documents/s  ({elapsed:.2f} s)")
    return rate, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20200130)
    args = parser.parse_args()

    full: Reglament = load_reglament("vinnytsia-2020")
    encodings = [e for e in full.encodings if e.id in CLAUSES and e.subject is Subject.DOCUMENT]
    ruleset = compile_encodings(full.id, encodings)[Subject.DOCUMENT]
    keys = {name: rule.encoding.key for name, rule in ruleset.rules.items()}
    print(
        f"{len(encodings)} encodings of {', '.join(CLAUSES)} → {len(ruleset.rules)} rules; "
        f"{args.documents:,} synthetic documents"
    )
    docs = synthetic_documents(args.documents, args.seed)

    engine = DurableEngine()
    engine.load(ruleset)
    reference = ReferenceEngine()
    reference.load(ruleset)

    print("match (which clauses apply):")
    hand_rate, hand = _rate("hand-written Python", hand_written, docs)
    _, ref = _rate(
        "reference evaluator (encodings in Python)",
        lambda d: [keys[m.rule] for m in reference.evaluate(ruleset.name, d)],
        docs,
    )
    eng_rate, eng = _rate(
        "durable-rules engine", lambda d: [keys[m.rule] for m in engine.evaluate(ruleset.name, d)], docs
    )
    batch = 1_000
    started = time.perf_counter()
    batched: list[Any] = []
    for start in range(0, len(docs), batch):
        for matches in engine.evaluate_many(ruleset.name, docs[start : start + batch]):
            batched.append([keys[m.rule] for m in matches])
    elapsed = time.perf_counter() - started
    batched_rate = len(docs) / elapsed
    print(
        f"  {'durable-rules engine, ' + str(batch) + ' per thread trip':<42} {batched_rate:>10,.0f} documents/s"
        f"  ({elapsed:.2f} s)"
    )
    assert batched == eng
    disagree = sum(
        1 for a, b, c in zip(hand, ref, eng, strict=True) if sorted(a) != sorted(b) or sorted(b) != sorted(c)
    )
    print(f"  documents where the three disagree: {disagree}")
    print(
        f"  engine path costs {hand_rate / eng_rate:.1f}× the hand-written check, "
        f"{hand_rate / batched_rate:.1f}× batched (target ≤ 2×)"
    )

    print("full (obligations with due dates):")
    subset = Reglament(meta=full.meta, tree=full.tree, encodings=encodings, dir=full.dir)
    calendar, policy = full.calendar, full.policy

    def hand_full(doc: dict[str, Any]) -> list[Any]:
        out = []
        for key in hand_written(doc):
            term = subset.encoding(key).obligation
            assert term is not None
            anchor = from_epoch_day(doc[term.term.anchor])
            out.append(compute_due(term.term, anchor, policy, calendar, clause=key).due)
        return out

    def engine_full(doc: dict[str, Any]) -> list[Any]:
        result = evaluate(subset, Subject.DOCUMENT, doc, subject_id="x", today=TODAY, engine=engine)
        return [o.due for o in result.obligations]

    hand_full_rate, _ = _rate("hand-written Python + compute_due", hand_full, docs)
    eng_full_rate, _ = _rate("evaluate() on durable-rules", engine_full, docs)
    started = time.perf_counter()
    for start in range(0, len(docs), batch):
        chunk = docs[start : start + batch]
        evaluate_many(subset, Subject.DOCUMENT, chunk, today=TODAY, engine=engine)
    elapsed = time.perf_counter() - started
    many_rate = len(docs) / elapsed
    print(f"  {'evaluate_many(), ' + str(batch) + ' per call':<42} {many_rate:>10,.0f} documents/s  ({elapsed:.2f} s)")
    print(
        f"  engine path costs {hand_full_rate / eng_full_rate:.1f}× the hand-written check, "
        f"{hand_full_rate / many_rate:.1f}× batched (target ≤ 2×)"
    )
    engine.close()


if __name__ == "__main__":
    main()
