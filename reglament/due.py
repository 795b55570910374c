"""The due date of one clause's term from an event: shared by `reglament due` and Deadlines.ComputeDueDate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reglament.domain import ClauseRef
from reglament.errors import InvalidArgument, NotFound
from reglament.legaltime.terms import TermError, compute_due
from reglament.rules.loader import Reglament

DEFAULT_VARIANT = "default"
"""How a caller names a clause's encoding that has no `variant`."""

MAX_MOMENT = 32  # characters of an ISO date or datetime


@dataclass(frozen=True)
class DueResult:
    due: dt.date | dt.datetime
    ref: ClauseRef
    variant: str | None
    explanation: tuple[str, ...]
    policy: str


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


def due_for_clause(
    reglament: Reglament, clause_id: str, start: str, *, variant: str | None = None, from_field: str = "from"
) -> DueResult:
    anchor = parse_moment(start, from_field)
    if clause_id not in reglament.tree:
        raise NotFound(f"no clause {clause_id[:64]!r} in {reglament.meta.id}", field="clause")
    with_term = [e for e in reglament.by_clause(clause_id) if e.obligation is not None]
    if not with_term:
        raise InvalidArgument(f"{clause_id} sets no term in {reglament.meta.id}'s encodings", field="clause")
    known = ", ".join(e.variant or DEFAULT_VARIANT for e in with_term)
    if variant is not None:
        chosen = [e for e in with_term if (e.variant or DEFAULT_VARIANT) == variant]
        if not chosen:
            raise InvalidArgument(f"{clause_id} has no variant {variant[:40]!r}; variants: {known}", field="variant")
    elif len(with_term) > 1:
        # The clause's main rule (the encoding without a variant) answers unless a variant is asked for.
        chosen = [e for e in with_term if e.variant is None]
        if not chosen:
            raise InvalidArgument(f"{clause_id} has several terms; choose a variant ({known})", field="variant")
    else:
        chosen = with_term
    encoding = chosen[0]
    assert encoding.obligation is not None
    try:
        due = compute_due(
            encoding.obligation.term,
            anchor,
            reglament.policy,
            reglament.calendar,
            clause=f"{reglament.meta.id}/{clause_id}",
        )
    except TermError as exc:
        raise InvalidArgument(str(exc), field=from_field) from None
    explanation = list(due.explanation)
    others = [e.variant for e in with_term if e is not encoding and e.variant]
    if others:
        explanation.append(f"Інші варіанти норми {clause_id}: {', '.join(others)} (обираються параметром variant).")
    ref = ClauseRef(reglament.meta.id, clause_id, encoding.quote, encoding.interpretation)
    return DueResult(due.due, ref, encoding.variant, tuple(explanation), due.policy)
