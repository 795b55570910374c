"""Due dates of clauses: one clause's term from an event (`reglament due`, Deadlines.ComputeDueDate and
ExplainDueDate), and every obligation a document's facts give (the rules choose the clauses)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reglament.domain import ClauseRef, Obligation
from reglament.errors import InvalidArgument, NotFound
from reglament.legaltime.calendar import WorkCalendar
from reglament.legaltime.spec import CountingPolicy, TermSpec
from reglament.legaltime.statute import Statute, load_statute, statutes_for
from reglament.legaltime.terms import DueDate, TermError, compute_due
from reglament.rules.loader import Reglament, load_reglament

DEFAULT_VARIANT = "default"
"""How a caller names a clause's encoding that has no `variant`."""

MAX_MOMENT = 32  # characters of an ISO date or datetime

TermSource = Reglament | Statute
"""Where a clause and its term come from: a reglament, or a statute a reglament defers to."""


@dataclass(frozen=True)
class DueResult:
    due: dt.date | dt.datetime
    ref: ClauseRef
    variant: str | None
    explanation: tuple[str, ...]
    policy: str
    detail: DueDate | None = None  # the computation itself: start, nominal end, days, end rule
    spec: TermSpec | None = None  # the term that was computed
    anchor: dt.date | dt.datetime | None = None
    counting: CountingPolicy | None = None  # the policy applied, with its quote


@dataclass(frozen=True)
class _Term:
    variant: str | None
    spec: TermSpec
    quote: str
    interpretation: str


def load_term_source(source_id: str) -> TermSource:
    """A reglament by id, or else a statute package by id; LookupError naming both when neither exists."""
    try:
        return load_reglament(source_id)
    except LookupError as reglament_missing:
        try:
            return load_statute(source_id)
        except LookupError:
            raise reglament_missing from None


def parse_moment(text: str, field: str = "from") -> dt.date | dt.datetime:
    """A date (YYYY-MM-DD) or a datetime (ISO 8601 with a time)."""
    text = text.strip()
    if not text:
        raise InvalidArgument("is required: YYYY-MM-DD or YYYY-MM-DDTHH:MM", field=field)
    if len(text) > MAX_MOMENT:
        raise InvalidArgument(f"is longer than {MAX_MOMENT} characters", field=field)
    try:
        if "T" in text or " " in text:
            return dt.datetime.fromisoformat(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidArgument(
            f"{text!r} is not a date (YYYY-MM-DD) or datetime (YYYY-MM-DDTHH:MM)", field=field
        ) from None


def _terms(source: TermSource, clause_id: str) -> list[_Term]:
    if isinstance(source, Statute):
        return [_Term(p.variant, p.obligation.term, p.quote, p.interpretation) for p in source.provisions_of(clause_id)]
    return [
        _Term(e.variant, e.obligation.term, e.quote, e.interpretation)
        for e in source.by_clause(clause_id)
        if e.obligation is not None
    ]


def _has_clause(source: TermSource, clause_id: str) -> bool:
    if isinstance(source, Statute):
        return source.has_clause(clause_id)
    return clause_id in source.tree


def due_for_clause(
    reglament: TermSource, clause_id: str, start: str, *, variant: str | None = None, from_field: str = "from"
) -> DueResult:
    """The due date of one clause's term counted from `start` (an ISO date or datetime)."""
    anchor = parse_moment(start, from_field)
    source_id = reglament.id
    if not _has_clause(reglament, clause_id):
        raise NotFound(f"no clause {clause_id[:64]!r} in {source_id}", field="clause")
    with_term = _terms(reglament, clause_id)
    if not with_term:
        raise InvalidArgument(f"{clause_id} sets no term in {source_id}'s encodings", field="clause")
    known = ", ".join(t.variant or DEFAULT_VARIANT for t in with_term)
    if variant is not None:
        chosen = [t for t in with_term if (t.variant or DEFAULT_VARIANT) == variant]
        if not chosen:
            raise InvalidArgument(f"{clause_id} has no variant {variant[:40]!r}; variants: {known}", field="variant")
    elif len(with_term) > 1:
        # The clause's main rule (the encoding without a variant) answers unless a variant is asked for.
        chosen = [t for t in with_term if t.variant is None]
        if not chosen:
            raise InvalidArgument(f"{clause_id} has several terms; choose a variant ({known})", field="variant")
    else:
        chosen = with_term
    term = chosen[0]
    detail = compute_term(reglament, term.spec, anchor, clause=f"{source_id}/{clause_id}", field=from_field)
    explanation = list(detail.explanation)
    others = [t.variant for t in with_term if t is not term and t.variant]
    if others:
        explanation.append(f"Інші варіанти норми {clause_id}: {', '.join(others)} (обираються параметром variant).")
    ref = ClauseRef(source_id, clause_id, term.quote, term.interpretation)
    return DueResult(
        detail.due,
        ref,
        term.variant,
        tuple(explanation),
        detail.policy,
        detail=detail,
        spec=term.spec,
        anchor=anchor,
        counting=reglament.policy,
    )


def compute_term(
    source: TermSource, spec: TermSpec, anchor: dt.date | dt.datetime, *, clause: str, field: str = "from"
) -> DueDate:
    """`compute_due` with the source's policy and calendar; a TermError becomes InvalidArgument on `field`."""
    calendar: WorkCalendar = source.calendar
    try:
        return compute_due(spec, anchor, source.policy, calendar, clause=clause)
    except TermError as exc:
        raise InvalidArgument(str(exc), field=field) from None


def statute_obligations(reglament: Reglament, facts: Mapping[str, Any], *, subject_id: str) -> list[Obligation]:
    """The obligations of the statutes `reglament` defers to (e.g. the public-information law's terms)."""
    out: list[Obligation] = []
    for statute, _supplement in statutes_for(reglament.id):
        out.extend(statute.obligations(facts, subject_id=subject_id))
    return out
