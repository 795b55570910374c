"""Control of execution (Розділ 12): who puts a document on control, who may take it off, what the rules say.

The registry records who put a document on control. A removal is the controller's when the actor
is the controller (or acts for the office, like the acting mayor for the mayor), or when it rests on
a registered document the controller issued (a new decision of the executive committee, the higher
body's own document). That, and the basis of the removal, enter the rules as facts
(`removed_by_controller`, `removal_basis`, `removed_by`); the rules decide. A step is refused for the
findings it adds: a finding of a `permission_clauses` encoding is a PERMISSION_DENIED, another
violation a FAILED_PRECONDITION, the rest are warnings returned with the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reglament.documents import FIELD_FACTS, facts_of, parse_fact, text_field
from reglament.domain import Control, ControlStatus, Document, Finding, LinkRelation, Obligation
from reglament.errors import FailedPrecondition, InvalidArgument, PermissionDenied
from reglament.registry.config import CORRESPONDENT, AutomaticControl, RegistryConfig
from reglament.registry.intake import encoding_key, normalize
from reglament.rules.evaluate import FactsError, evaluate_many
from reglament.rules.loader import Reglament
from reglament.rules.schema import Subject

MAX_FACTS = 50
MAX_FACT_VALUE = 500

# Links by which a registered document refers to the document a removal rests on it (r12-s4-p4.2: «новим
# рішенням …, що відмінює дію попереднього»; the higher body's document about its act).
BASIS_RELATIONS = frozenset({LinkRelation.AMENDS, LinkRelation.CANCELS, LinkRelation.ANSWER_TO})

# Facts a control step sets from the registry's own record, never from the caller.
STEP_FACTS = frozenset({"on_control", "executed", "removed_from_control", "removed_by_controller", "removed_by"})


@dataclass(frozen=True)
class Controller:
    """Who puts a document on control: a name (a person, a body) and a role id."""

    name: str
    role: str
    clause: str = ""  # the clause naming this controller, "" when the resolution does


def controller_of(config: RegistryConfig, doc: Document, facts: Mapping[str, Any]) -> Controller | None:
    """The controller the reglament names for `doc` (r12-s4-p4.1–p4.4), or None when a resolution does."""
    for rule in config.control.controllers:
        matches = doc.kind in rule.kinds if rule.kinds else facts.get(rule.fact or "") is True
        if matches:
            name = doc.correspondent if rule.controller == CORRESPONDENT else rule.controller
            return Controller(name=name, role=rule.role, clause=rule.clause)
    return None


def automatic_controller(
    reglament: Reglament, config: RegistryConfig, doc: Document, facts: Mapping[str, Any], rule: AutomaticControl
) -> Controller:
    """Who puts `doc` on control under `rule` (registry.yaml `control.automatic`): the controller the
    reglament names for the document when that is the rule's role, else the rule's role by its name."""
    named = controller_of(config, doc, facts)
    if named is not None and acts_as(config, named.role, rule.role):
        return named
    role = next((r for r in reglament.meta.roles if r.id == rule.role), None)
    name = role.name[:1].upper() + role.name[1:] if role is not None else rule.role
    return Controller(name=name, role=rule.role, clause=rule.clause)


def automatic_basis(reglament: Reglament, rule: AutomaticControl) -> str:
    """The basis recorded for an automatic putting on control: the clause and its words."""
    encoding = next((e for e in reglament.encodings if e.key == rule.clause), None)
    quote = f": «{encoding.quote}»" if encoding is not None else ""
    return f"Автоматична постановка на контроль під час реєстрації ({reglament.id}/{rule.clause.split('#')[0]}{quote})"


def offices(config: RegistryConfig) -> set[str]:
    """Roles that act as an office: whoever holds the role (or acts for it) is the controller."""
    return {rule.role for rule in config.control.controllers if rule.controller != CORRESPONDENT}


def acts_as(config: RegistryConfig, role: str, actor_role: str) -> bool:
    return bool(actor_role) and (actor_role == role or actor_role in config.control.substitutes.get(role, []))


def is_controller(config: RegistryConfig, control: Control, actor: str, actor_role: str) -> bool:
    """The actor is whoever put the document on control (or acts for that office)."""
    if control.controller_role in offices(config) and acts_as(config, control.controller_role, actor_role):
        return True
    return bool(normalize(actor)) and normalize(actor) == normalize(control.controller)


def issuer_roles(config: RegistryConfig, doc: Document) -> set[str]:
    roles = set()
    if doc.kind in config.control.issuers:
        roles.add(config.control.issuers[doc.kind])
    for fact, role in config.control.issuer_facts.items():
        if doc.attributes.get(fact) == "true":
            roles.add(role)
    return roles


def issued_by_controller(config: RegistryConfig, control: Control, basis: Document) -> bool:
    """`basis` was issued by the controller: by its office, or (a higher body) under its name."""
    roles = issuer_roles(config, basis)
    if roles:
        return any(acts_as(config, control.controller_role, role) for role in roles)
    return bool(normalize(basis.correspondent)) and normalize(basis.correspondent) == normalize(control.controller)


def refers_to(basis: Document, document_id: str) -> bool:
    """`basis` is another document that refers to `document_id` (amends it, cancels it, answers it): only
    such a document can be what a removal from control rests on."""
    return basis.id != document_id and any(
        link.relation in BASIS_RELATIONS and link.document_id == document_id for link in basis.links
    )


def removal_basis(
    config: RegistryConfig, control: Control, actor_role: str, basis: Document | None, stated: str | None
) -> str | None:
    """The fact `removal_basis`: derived from the basis document (or the actor's office) when a rule of
    registry.yaml matches; a value no rule yields may be stated by the caller (e.g. a written report)."""
    for rule in config.control.removal_basis:
        if basis is not None:
            if rule.basis_kinds and basis.kind in rule.basis_kinds:
                return rule.value
            if rule.basis_fact is not None and basis.attributes.get(rule.basis_fact) == "true":
                return rule.value
            if rule.basis_from_controller and issued_by_controller(config, control, basis):
                return rule.value
        elif rule.actor_roles and actor_role in rule.actor_roles:
            return rule.value
    derivable = {rule.value for rule in config.control.removal_basis}
    return stated if stated is not None and stated not in derivable else None


def parse_step_facts(reglament: Reglament, raw: Mapping[str, str], field_name: str = "facts") -> dict[str, str]:
    """The facts a caller states for a control step, checked against the vocabulary (values kept as strings)."""
    if len(raw) > MAX_FACTS:
        raise InvalidArgument(f"{len(raw)} facts; at most {MAX_FACTS}", field=field_name)
    vocabulary = reglament.facts()
    out: dict[str, str] = {}
    for name in sorted(raw):
        where = f"{field_name}[{name[:40]}]"
        if name in FIELD_FACTS or name in STEP_FACTS:
            raise InvalidArgument(f"fact {name!r} comes from the registry's record, not from the caller", field=where)
        decl = vocabulary.get(name)
        if decl is None:
            raise InvalidArgument(f"unknown fact {name!r} for reglament {reglament.id}", field=where)
        value = text_field(raw[name], where, MAX_FACT_VALUE)
        parse_fact(name, value, decl, where)
        out[name] = value
    return out


def typed_facts(reglament: Reglament, raw: Mapping[str, str]) -> dict[str, Any]:
    vocabulary = reglament.facts()
    return {name: parse_fact(name, value, vocabulary[name], name) for name, value in raw.items() if name in vocabulary}


def control_facts(reglament: Reglament, doc: Document, control: Control | None) -> dict[str, Any]:
    """The facts of a document in its current control state (only facts the reglament declares)."""
    vocabulary = reglament.facts()
    facts = facts_of(doc, vocabulary)
    on_control = control is not None and control.put_on is not None and control.status is not ControlStatus.REMOVED
    facts["on_control"] = on_control
    facts["executed"] = control is not None and control.executed_on is not None
    facts["removed_from_control"] = control is not None and control.status is ControlStatus.REMOVED
    if control is not None:
        if control.long_term and control.put_on is not None:
            facts["long_term_control"] = control.put_on
        facts.update(typed_facts(reglament, control.execution_facts))
    return {name: value for name, value in facts.items() if name in vocabulary}


@dataclass
class Verdict:
    """The findings a step adds, sorted by what they mean for the step."""

    denied: list[Finding] = field(default_factory=list)  # the actor may not do it
    failed: list[Finding] = field(default_factory=list)  # a condition of the step is not met
    warnings: list[Finding] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)  # of the state after the step

    def raise_refusal(self) -> None:
        """PERMISSION_DENIED or FAILED_PRECONDITION citing every clause and its words; nothing if allowed."""
        if self.denied:
            raise PermissionDenied(_cite(self.denied), clause=_clauses(self.denied))
        if self.failed:
            raise FailedPrecondition(_cite(self.failed), clause=_clauses(self.failed))


def _cite(findings: list[Finding]) -> str:
    return " ".join(f"{f.message} ({f.ref.qualified}: «{f.ref.quote}»)" for f in findings)


def _clauses(findings: list[Finding]) -> str:
    return ", ".join(dict.fromkeys(f.ref.qualified for f in findings))


def step_verdict(
    reglament: Reglament,
    config: RegistryConfig,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    subject_id: str,
    today: dt.date | None = None,
) -> Verdict:
    """What the rules add when the facts go from `before` to `after` (one engine trip for both)."""
    vocabulary = reglament.facts()
    states = [{k: v for k, v in state.items() if k in vocabulary} for state in (before, after)]
    try:
        was, now = evaluate_many(reglament, Subject.DOCUMENT, states, subject_ids=[subject_id] * 2, today=today)
    except FactsError as exc:
        name = str(exc).split(":", 1)[0]
        raise InvalidArgument(f"the rules cannot evaluate this step: {exc}", field=f"facts[{name}]") from exc
    seen = {(f.ref.clause, f.message) for f in was.findings}
    verdict = Verdict(obligations=list(now.obligations))
    for finding in now.findings:
        if (finding.ref.clause, finding.message) in seen:
            continue
        if encoding_key(reglament, finding) in config.control.permission_clauses:
            verdict.denied.append(finding)
        elif finding.severity == "violation":
            verdict.failed.append(finding)
        else:
            verdict.warnings.append(finding)
    return verdict
