"""Intake at registration: what the rules find about a new document, repeated appeals, routing (Розділ 10 § 2).

The registry evaluates every new document against its reglament (subject `document`, not yet on
control) and keeps the findings with the document. For appeals it recognises a repeated appeal (the
same author on the same question as an earlier one, r10-s2-p4, r10-s2-p13 абз. 2), routes the groups
that the first leaders consider personally to them, and marks an appeal that is not considered
(anonymous, r10-s2-p13). A document the reglament puts on control by itself (Vinnytsia r13-s4-p3: a
protocol instruction with the mayor's control resolution) is assessed as on control, and the registry
puts it on control right after registering it. Which clause does what is data: `registry.yaml`
(`intake`, `control.automatic`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from reglament.documents import facts_of
from reglament.domain import DocumentLink, Finding, LinkRelation, NewDocument
from reglament.errors import InvalidArgument
from reglament.registry.config import AutomaticControl, RegistryConfig
from reglament.rules.evaluate import Evaluation, FactsError, evaluate, evaluate_many
from reglament.rules.loader import Reglament
from reglament.rules.schema import Subject

_NOT_WORD = re.compile(r"[^\w]+")


def normalize(text: str) -> str:
    """Case, punctuation and spacing do not make two names or questions different."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def author_key(new: NewDocument) -> str:
    """The key of "this author on this question" for an appeal with a known author; "" otherwise.

    The question is the appeal's topic (a classifier code or words), or its title when no topic is given.
    """
    if new.kind != "appeal" or new.attributes.get("anonymous") == "true":
        return ""
    author = normalize(new.correspondent)
    question = normalize(new.topic or new.title)
    if not author or not question:
        return ""
    return hashlib.sha256(f"{author}\x1f{question}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Earlier:
    """An earlier appeal of the same author on the same question."""

    document_id: str  # "" when it is registered in the same batch (no id to link to yet)
    resolved: bool  # resolved on the merits (recorded executed)


@dataclass(frozen=True)
class Intake:
    """What intake decided about one new document."""

    findings: tuple[Finding, ...] = ()
    routed_to: tuple[str, ...] = ()
    not_considered_under: str = ""  # the clause that excludes consideration, "" if considered
    automatic_control: AutomaticControl | None = None  # registration itself puts the document on control

    def apply(self, new: NewDocument, earlier: Earlier | None) -> NewDocument:
        """`new` with the intake's results (and the link to the appeal it repeats)."""
        links = new.links
        if earlier is not None and earlier.document_id:
            links = (*links, DocumentLink(LinkRelation.REPEATS, earlier.document_id))
        return replace(
            new,
            findings=self.findings,
            routed_to=self.routed_to,
            not_considered_under=self.not_considered_under,
            links=links,
        )


def encoding_key(reglament: Reglament, finding: Finding) -> str:
    """The key (`<clause>` or `<clause>#<variant>`) of the encoding that made `finding`."""
    candidates = reglament.by_clause(finding.ref.clause)
    if len(candidates) > 1:
        candidates = [e for e in candidates if e.message == finding.message] or candidates
    return candidates[0].key if candidates else finding.ref.clause


def automatic_control(config: RegistryConfig, kind: str, facts: dict[str, Any]) -> AutomaticControl | None:
    """The rule of `control.automatic` that puts a document of `kind` with `facts` on control, if any."""
    for rule in config.control.automatic:
        if (not rule.kinds or kind in rule.kinds) and facts.get(rule.fact) is True:
            return rule
    return None


def intake_facts(
    reglament: Reglament, new: NewDocument, earlier: Earlier | None, config: RegistryConfig | None = None
) -> dict[str, Any]:
    """The facts of a new document as the rules see it at registration: not on control yet, unless
    registration itself puts it on control (`control.automatic` of `config`)."""
    vocabulary = reglament.facts()
    facts = facts_of(new, vocabulary)
    facts["on_control"] = config is not None and automatic_control(config, new.kind, facts) is not None
    if earlier is not None:
        facts["repeated"] = True
        if earlier.resolved and "first_resolved" in vocabulary:
            facts["first_resolved"] = True
    return facts


def assess(
    reglament: Reglament,
    config: RegistryConfig,
    items: Sequence[tuple[NewDocument, Earlier | None]],
    *,
    today: dt.date | None = None,
) -> list[Intake]:
    """The intake of each new document (all of one reglament), in one trip to the rule engine.

    Raises InvalidArgument naming the fact when a document's facts cannot be evaluated (nothing is
    written for it).
    """
    facts_list = [intake_facts(reglament, new, earlier, config) for new, earlier in items]
    try:
        evaluations = evaluate_many(reglament, Subject.DOCUMENT, facts_list, today=today)
    except FactsError:
        evaluations = [_evaluate_one(reglament, facts, today) for facts in facts_list]
    return [
        replace(_decide(reglament, config, evaluation), automatic_control=automatic_control(config, new.kind, facts))
        for (new, _), facts, evaluation in zip(items, facts_list, evaluations, strict=True)
    ]


def _evaluate_one(reglament: Reglament, facts: dict[str, Any], today: dt.date | None) -> Evaluation:
    try:
        return evaluate(reglament, Subject.DOCUMENT, facts, today=today)
    except FactsError as exc:
        name = str(exc).split(":", 1)[0]
        raise InvalidArgument(f"the rules cannot evaluate this document: {exc}", field=f"attributes[{name}]") from exc


def _decide(reglament: Reglament, config: RegistryConfig, evaluation: Evaluation) -> Intake:
    routed: list[str] = []
    not_considered = ""
    for finding in evaluation.findings:
        key = encoding_key(reglament, finding)
        if key in config.intake.first_leaders_clauses:
            routed.extend(r for r in config.intake.first_leaders if r not in routed)
        if key in config.intake.not_considered_clauses and not not_considered:
            not_considered = finding.ref.clause
    findings = tuple(sorted(evaluation.findings, key=lambda f: (f.ref.clause, f.message)))
    return Intake(findings=findings, routed_to=tuple(routed), not_considered_under=not_considered)
