"""Visa routes of drafts: the ordered steps a draft needs, each citing the clause that requires it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reglament.approval.checks import given_only
from reglament.approval.procedure import HOLDER_FIELDS, PER_BODY_HOLDER_KIND
from reglament.domain import ClauseRef, Finding
from reglament.errors import InvalidArgument
from reglament.rules.evaluate import FactsError, evaluate
from reglament.rules.loader import Reglament
from reglament.rules.schema import Subject

DRAFT_KINDS = ("decision", "order")
MEDIUM_FACT = "visa_medium"
MAX_BODIES = 100
MAX_TEXT = 1000
HOLDER_NAMES = tuple(sorted({name for _, name in HOLDER_FIELDS.values()}))
"""Draft fields that name who holds a step (the bodies and deputies of the route, the proposer)."""


@dataclass(frozen=True)
class PlannedStep:
    order: int
    role: str
    body: str
    ref: ClauseRef
    paper_only: bool
    after: tuple[str, ...]
    step_id: str = ""
    holder: str = ""  # the body whose head visas, or the deputy mayor, when the draft names them
    holder_key: str = ""  # "<kind>:<holder>": steps with the same key are covered by one visa
    role_name: str = ""
    per_body: str = ""  # the list fact the step was multiplied by


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
    from reglament.approval.facts import attribute_facts

    vocabulary = reglament.facts()
    kind = base.get("kind", "")
    if kind not in DRAFT_KINDS:
        raise InvalidArgument(f"{str(kind)[:40]!r} is not one of {', '.join(DRAFT_KINDS)}", field=f"{field_prefix}kind")
    facts: dict[str, Any] = {}
    for name, value in base.items():
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise InvalidArgument(f"is longer than {MAX_TEXT} characters", field=f"{field_prefix}{name}")
        if isinstance(value, str) and any(ord(ch) < 32 and ch not in "\t\n" for ch in value):
            raise InvalidArgument("contains control characters", field=f"{field_prefix}{name}")
        if isinstance(value, list):
            if len(value) > MAX_BODIES:
                raise InvalidArgument(f"has {len(value)} entries; at most {MAX_BODIES}", field=f"{field_prefix}{name}")
            if any(not isinstance(v, str) or not v.strip() or len(v) > MAX_TEXT for v in value):
                raise InvalidArgument("entries must be non-empty strings", field=f"{field_prefix}{name}")
            if len(set(value)) != len(value):
                raise InvalidArgument("entries must be distinct", field=f"{field_prefix}{name}")
        if name not in vocabulary or value in ("", None):
            continue  # informative fields the rules do not use (e.g. the title)
        facts[name] = value
    facts.update(attribute_facts(reglament, attributes, field=f"{field_prefix}attributes", reserved=base.keys()))
    return facts


def _requires_paper(reglament: Reglament, clause: str) -> bool:
    """The clause's encoding demands the paper medium (`requires: visa_medium equals paper`)."""
    for encoding in reglament.by_clause(clause):
        for cond in encoding.requires or []:
            if cond.fact == MEDIUM_FACT and cond.equals == "paper":
                return True
    return False


def step_id(clause: str, role: str, body: str = "") -> str:
    return f"{clause}/{role}/{body}" if body else f"{clause}/{role}"


def _holder(role: str, body: str, holders: Mapping[str, str]) -> tuple[str, str]:
    """(holder, holder key) of a step: the per-body element, or the body or person the draft names."""
    if body:
        return body, f"{PER_BODY_HOLDER_KIND}:{body}"
    spec = HOLDER_FIELDS.get(role)
    if spec is None:
        return "", ""
    kind, name_field = spec
    name = holders.get(name_field, "").strip()
    return (name, f"{kind}:{name}") if name else ("", "")


def plan_route(
    reglament: Reglament,
    facts: Mapping[str, Any],
    *,
    subject_id: str = "",
    holders: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> Route:
    """The ordered visa steps of a draft. Steps of equal rank keep the text's order.

    A draft is visaed on paper when electronic visas would break a clause: the route is evaluated
    once more with `visa_medium: electronic` and any clause that then demands paper is cited, also
    when the draft states a medium itself (a restricted draft is paper-only whatever it says).
    Findings are those the given facts support (a fact not given produces none). `holders` maps
    the Draft fields naming bodies and deputies (HOLDER_NAMES) to their values.
    """
    today = today or dt.date.today()
    try:
        result = evaluate(reglament, Subject.DRAFT, facts, subject_id=subject_id, today=today)
        result = given_only(reglament, Subject.DRAFT, result, facts, today)
        probe = None
        if MEDIUM_FACT in reglament.facts():
            probe_facts = {**facts, MEDIUM_FACT: "electronic"}
            probe = evaluate(reglament, Subject.DRAFT, probe_facts, subject_id=subject_id, today=today)
            probe = given_only(reglament, Subject.DRAFT, probe, probe_facts, today)
    except FactsError as exc:
        raise InvalidArgument(str(exc), field="draft") from exc
    paper_clause = None
    if probe is not None:
        paper_clause = next((f.ref for f in probe.findings if _requires_paper(reglament, f.ref.clause)), None)
    position = {clause_id: i for i, clause_id in enumerate(reglament.tree.clauses)}
    # stable: per-body steps keep the order the draft lists its bodies in
    steps = sorted(result.steps, key=lambda s: (s.order, position.get(s.ref.clause, len(position))))
    paper = paper_clause is not None
    roles = {r.id: r.name for r in reglament.meta.roles}
    planned = []
    for s in steps:
        body = "" if s.body is None else str(s.body)
        holder, key = _holder(s.role, body, holders or {})
        planned.append(
            PlannedStep(
                order=s.order,
                role=s.role,
                body=body,
                ref=s.ref,
                paper_only=paper or s.paper_only,
                after=tuple(s.after),
                step_id=step_id(s.ref.clause, s.role, body),
                holder=holder,
                holder_key=key,
                role_name=roles.get(s.role, s.role),
                per_body=s.per_body or "",
            )
        )
    return Route(steps=planned, paper_only=paper, paper_clause=paper_clause, findings=result.findings)
