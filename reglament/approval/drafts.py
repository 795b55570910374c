"""Checking a draft against every encoded clause of subject `draft`: findings, terms, route, satisfied clauses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from reglament.approval.checks import Moment, check_fulfilment, evaluate_given, satisfied
from reglament.approval.procedure import procedure_of
from reglament.domain import ClauseRef, Finding, Obligation
from reglament.errors import InvalidArgument
from reglament.route import Route, plan_route
from reglament.rules.evaluate import FactsError
from reglament.rules.loader import Reglament
from reglament.rules.schema import Subject


@dataclass
class DraftValidation:
    findings: list[Finding] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    route: Route = field(default_factory=Route)
    satisfied: list[ClauseRef] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def check_fulfilled_keys(reglament: Reglament, fulfilled: Mapping[str, Any], field_name: str) -> None:
    """Every key of a `fulfilled` map names an encoded clause (or clause#variant) that sets a term."""
    for key in fulfilled:
        clause = key.split("#")[0]
        with_term = [e for e in reglament.by_clause(clause) if e.obligation is not None]
        if not any(e.key == key or e.id == key for e in with_term):
            raise InvalidArgument(
                f"{key[:64]!r} is not a clause of {reglament.id} that sets a term", field=f"{field_name}[{key[:40]}]"
            )


def validate_draft(
    reglament: Reglament,
    facts: Mapping[str, Any],
    *,
    today: dt.date,
    meeting: dt.date | None = None,
    materials_submitted: dt.date | None = None,
    fulfilled: Mapping[str, Moment] | None = None,
    holders: Mapping[str, str] | None = None,
    subject_id: str = "",
) -> DraftValidation:
    """Evaluates the draft's facts; a late fulfilment of a term is a finding of its clause.

    `materials_submitted` is both a fact (where the reglament has it) and the fulfilment of the
    materials term (procedure `fulfils`); a late submission sets the derived lateness fact
    (Vinnytsia `materials_late`) that the mayor's permission answers (r6-s3-p1-a2).
    """
    procedure = procedure_of(reglament)
    vocabulary = reglament.facts()
    out = DraftValidation()
    given = dict(facts)
    done: dict[str, Moment] = dict(fulfilled or {})
    check_fulfilled_keys(reglament, done, "fulfilled")
    if "members_total" in vocabulary and "members_total" not in given:
        given["members_total"] = reglament.meta.executive_committee.total  # a setting of the reglament
    if meeting is not None:
        if "meeting" in vocabulary:
            given["meeting"] = meeting
        else:
            out.ignored.append("meeting")
    if materials_submitted is None and isinstance(given.get("materials_submitted"), dt.date):
        materials_submitted = given["materials_submitted"]  # given as a fact: it fulfils the term as well
    if materials_submitted is not None:
        used = False
        if "materials_submitted" in vocabulary:
            given["materials_submitted"] = materials_submitted
            used = True
        for key in procedure.fulfils.get("materials_submitted", ()):
            done.setdefault(key, materials_submitted)
            used = True
        if not used:
            out.ignored.append("materials_submitted")
    try:
        result = evaluate_given(reglament, Subject.DRAFT, given, today=today, subject_id=subject_id)
        fulfilment = check_fulfilment(reglament, result.obligations, done)
        derived = {}
        for fact, key in procedure.late_facts.items():
            if fact in vocabulary and fact not in given:
                if key in fulfilment.late:
                    derived[fact] = True
                elif key in fulfilment.in_time:
                    derived[fact] = False
        if derived:
            given.update(derived)
            result = evaluate_given(reglament, Subject.DRAFT, given, today=today, subject_id=subject_id)
            fulfilment = check_fulfilment(reglament, result.obligations, done)
        out.route = plan_route(reglament, given, subject_id=subject_id, holders=holders, today=today)
        out.satisfied = satisfied(reglament, Subject.DRAFT, given, today)
    except FactsError as exc:
        raise InvalidArgument(str(exc), field="draft") from exc
    satisfied_clauses = {ref.clause for ref in out.satisfied}
    excused = {
        key for key, clause in procedure.excused_by.items() if key in fulfilment.late and clause in satisfied_clauses
    }
    late_findings = []
    for finding in fulfilment.findings:
        by = next((procedure.excused_by[k] for k in excused if k.split("#")[0] == finding.ref.clause), None)
        if by is not None:
            finding = replace(
                finding, severity="info", message=f"{finding.message} Прийнято з дозволу міського голови ({by})."
            )
        late_findings.append(finding)
    out.findings = [*result.findings, *late_findings]
    out.obligations = fulfilment.obligations
    return out
