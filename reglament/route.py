"""Visa routes of drafts: the ordered steps a draft needs, each citing the clause that requires it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reglament.documents import parse_fact
from reglament.domain import ClauseRef, Finding
from reglament.errors import InvalidArgument
from reglament.rules.evaluate import FactsError, evaluate
from reglament.rules.loader import Reglament
from reglament.rules.schema import Subject

DRAFT_KINDS = ("decision", "order")
MEDIUM_FACT = "visa_medium"
MAX_BODIES = 100
MAX_TEXT = 1000


@dataclass(frozen=True)
class PlannedStep:
    order: int
    role: str
    body: str
    ref: ClauseRef
    paper_only: bool
    after: tuple[str, ...]


@dataclass
class Route:
    steps: list[PlannedStep] = field(default_factory=list)
    paper_only: bool = False
    paper_clause: ClauseRef | None = None
    findings: list[Finding] = field(default_factory=list)


def draft_facts(
    reglament: Reglament, base: Mapping[str, Any], attributes: Mapping[str, str], *, field_prefix: str = ""
) -> dict[str, Any]:
    """Checks a draft's facts: the kind, text limits, and that every attribute is a declared fact."""
    vocabulary = reglament.facts()
    kind = base.get("kind", "")
    if kind not in DRAFT_KINDS:
        raise InvalidArgument(f"{str(kind)[:40]!r} is not one of {', '.join(DRAFT_KINDS)}", field=f"{field_prefix}kind")
    facts: dict[str, Any] = {}
    for name, value in base.items():
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise InvalidArgument(f"is longer than {MAX_TEXT} characters", field=f"{field_prefix}{name}")
        if isinstance(value, list):
            if len(value) > MAX_BODIES:
                raise InvalidArgument(f"has {len(value)} entries; at most {MAX_BODIES}", field=f"{field_prefix}{name}")
            if any(not isinstance(v, str) or not v.strip() or len(v) > MAX_TEXT for v in value):
                raise InvalidArgument("entries must be non-empty strings", field=f"{field_prefix}{name}")
        if name not in vocabulary or value in ("", None):
            continue  # informative fields the rules do not use (e.g. the title)
        facts[name] = value
    for name, raw in attributes.items():
        path = f"{field_prefix}attributes[{name[:40]}]"
        decl = vocabulary.get(name)
        if decl is None:
            raise InvalidArgument(f"unknown fact {name!r} for reglament {reglament.meta.id}", field=path)
        if name in base:
            raise InvalidArgument(f"fact {name!r} has its own field", field=path)
        facts[name] = parse_fact(name, raw, decl, path)
    return facts


def _requires_paper(reglament: Reglament, clause: str) -> bool:
    """The clause's encoding demands the paper medium (`requires: visa_medium equals paper`)."""
    for encoding in reglament.by_clause(clause):
        for cond in encoding.requires or []:
            if cond.fact == MEDIUM_FACT and cond.equals == "paper":
                return True
    return False


def plan_route(reglament: Reglament, facts: Mapping[str, Any], *, subject_id: str = "") -> Route:
    """The ordered visa steps of a draft. Steps of equal rank keep the text's order.

    A draft is visaed on paper when electronic visas would break a clause: the route is evaluated
    once more with `visa_medium: electronic` and any clause that then demands paper is cited.
    """
    try:
        result = evaluate(reglament, Subject.DRAFT, facts, subject_id=subject_id)
        probe = None
        if MEDIUM_FACT in reglament.facts() and MEDIUM_FACT not in facts:
            probe = evaluate(reglament, Subject.DRAFT, {**facts, MEDIUM_FACT: "electronic"}, subject_id=subject_id)
    except FactsError as exc:
        raise InvalidArgument(str(exc), field="draft") from exc
    paper_clause = None
    if probe is not None:
        paper_clause = next((f.ref for f in probe.findings if _requires_paper(reglament, f.ref.clause)), None)
    position = {clause_id: i for i, clause_id in enumerate(reglament.tree.clauses)}
    steps = sorted(result.steps, key=lambda s: (s.order, position.get(s.ref.clause, len(position)), str(s.body or "")))
    paper = paper_clause is not None
    return Route(
        steps=[
            PlannedStep(
                order=s.order,
                role=s.role,
                body="" if s.body is None else str(s.body),
                ref=s.ref,
                paper_only=paper or s.paper_only,
                after=tuple(s.after),
            )
            for s in steps
        ],
        paper_only=paper,
        paper_clause=paper_clause,
        findings=result.findings,
    )
