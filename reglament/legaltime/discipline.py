"""Executive discipline for a month (Vinnytsia r12-s2-p7): violated terms per unit and per executor.

The control department sums up, by the 15th of the next month, the violations of terms of the
reporting month (r12-s2-p7). An obligation belongs to the month its (current) due day falls in. It
counts as a violation when it was fulfilled after its due day (late work is a violation, even if the
clock had not run; work done in time and recorded late is not), when the clock marked it violated and
it is not fulfilled, or when it is still open and its due day
has passed at the moment of the report (a scheduler that lags does not hide a violation); an
obligation fulfilled in time, or lifted (waived) before it ran out, is not one.

Grouping: the *unit* is the structural unit that bears the obligation — the responsible executor
named first in the document (r12-s1-p3) for obligations of the executor, the role's name for
obligations the reglament puts on a unit (the control department, the appeals department, …). The
*executors* are everyone named in the document (co-executors answer equally, r12-s1-p6), or the
role's name for a unit's own obligation.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reglament.domain import ClauseRef, ObligationStatus
from reglament.legaltime.tracking import TrackedObligation, is_violated

if TYPE_CHECKING:
    from reglament.rules.loader import Reglament

# The clause that asks for the report, per reglament (its term, if encoded, gives the report's due date).
DISCIPLINE_CLAUSES: dict[str, str] = {
    "vinnytsia-2020": "r12-s2-p7",
    "shostka-2013": "r11-s3-p3.2-i8",
}
NO_EXECUTOR = "Виконавця не зазначено"


@dataclass(frozen=True)
class Violation:
    obligation: TrackedObligation
    unit: str
    executors: tuple[str, ...]
    recorded: bool  # the clock had marked it violated (False: found past due at the report)


@dataclass
class Tally:
    """One row of the report: a unit or an executor."""

    name: str
    unit: str = ""
    obligations_due: int = 0
    violations: int = 0
    violated_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DisciplineReport:
    reglament: str
    period_start: dt.date
    period_end: dt.date
    as_of: dt.datetime
    clause: ClauseRef | None
    report_due: dt.date | None  # by when the report is due (r12-s2-p7), when the clause sets a term
    explanation: tuple[str, ...]
    obligations_due: int
    violations: tuple[Violation, ...]
    by_unit: tuple[Tally, ...]
    by_executor: tuple[Tally, ...]


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """'2026-03' → (01.03.2026, 31.03.2026); ValueError naming the field otherwise."""
    try:
        year_text, month_text = month.strip().split("-")
        year, number = int(year_text), int(month_text)
        first = dt.date(year, number, 1)
    except ValueError:
        raise ValueError(f"month: {month[:20]!r} is not a month YYYY-MM") from None
    last = dt.date(year, number, _stdcal.monthrange(year, number)[1])
    return first, last


def unit_of(ob: TrackedObligation, role_names: Mapping[str, str]) -> str:
    if ob.bearer == "executor":
        return ob.responsible or NO_EXECUTOR
    return role_names.get(ob.bearer, ob.bearer)


def executors_of(ob: TrackedObligation, role_names: Mapping[str, str]) -> tuple[str, ...]:
    if ob.bearer == "executor":
        return ob.executors or (NO_EXECUTOR,)
    return (role_names.get(ob.bearer, ob.bearer),)


def counts_as_violation(ob: TrackedObligation, as_of: dt.datetime) -> tuple[bool, bool]:
    """(a violation, recorded by the clock or at a late fulfilment). A fulfilled obligation is judged by
    the moment of its fulfilment: work done in time but recorded after the clock had marked the term
    violated is no violation; work done late is one, whether or not the clock had marked it."""
    if ob.status is ObligationStatus.FULFILLED and ob.closed_at is not None:
        late = is_violated(ob.due, ob.closed_at)
        return late, late and ob.violated_at is not None
    if ob.violated_at is not None:
        return True, True
    if ob.status in (ObligationStatus.PENDING, ObligationStatus.DUE_SOON) and is_violated(ob.due, as_of):
        return True, False
    return False, False


def discipline_report(
    reglament: str,
    month: str,
    obligations: Sequence[TrackedObligation],
    as_of: dt.datetime,
    *,
    role_names: Mapping[str, str],
    clause: ClauseRef | None = None,
    report_due: dt.date | None = None,
    explanation: Sequence[str] = (),
) -> DisciplineReport:
    """The report for `month` over the obligations tracked for the reglament's documents."""
    first, last = month_bounds(month)
    units: dict[str, Tally] = {}
    people: dict[tuple[str, str], Tally] = {}
    violations: list[Violation] = []
    due_count = 0
    for ob in sorted(obligations, key=lambda o: (o.due_day, o.id)):
        if ob.reglament != reglament or not first <= ob.due_day <= last:
            continue
        violated, recorded = counts_as_violation(ob, as_of)
        if ob.status is ObligationStatus.WAIVED and not violated:
            continue  # lifted before it ran out: nothing was due
        due_count += 1
        unit = unit_of(ob, role_names)
        names = executors_of(ob, role_names)
        row = units.setdefault(unit, Tally(unit))
        row.obligations_due += 1
        for name in names:
            person = people.setdefault((name, unit), Tally(name, unit))
            person.obligations_due += 1
            if violated:
                person.violations += 1
                person.violated_ids.append(ob.id)
        if violated:
            row.violations += 1
            row.violated_ids.append(ob.id)
            violations.append(Violation(ob, unit, names, recorded))

    def order(t: Tally) -> tuple[int, str, str]:
        return (-t.violations, t.name, t.unit)

    return DisciplineReport(
        reglament=reglament,
        period_start=first,
        period_end=last,
        as_of=as_of,
        clause=clause,
        report_due=report_due,
        explanation=tuple(explanation),
        obligations_due=due_count,
        violations=tuple(violations),
        by_unit=tuple(sorted(units.values(), key=order)),
        by_executor=tuple(sorted(people.values(), key=order)),
    )


def discipline_for(
    reglament: Reglament, month: str, obligations: Sequence[TrackedObligation], as_of: dt.datetime
) -> DisciplineReport:
    """The report for a loaded reglament: its clause that asks for the report, the report's own due
    date when that clause sets a term (r12-s2-p7: by the 15th of the next month), its role names."""
    from reglament.due import due_for_clause

    _first, last = month_bounds(month)
    clause_id = DISCIPLINE_CLAUSES.get(reglament.id, "")
    encodings = reglament.by_clause(clause_id) if clause_id else []
    ref = ClauseRef(reglament.id, clause_id, encodings[0].quote, encodings[0].interpretation) if encodings else None
    report_due: dt.date | None = None
    lines: list[str] = []
    if any(e.obligation is not None for e in encodings):
        result = due_for_clause(reglament, clause_id, last.isoformat())
        report_due = result.due if not isinstance(result.due, dt.datetime) else result.due.date()
        lines = list(result.explanation)
    role_names = {role.id: role.name for role in reglament.meta.roles}
    return discipline_report(
        reglament.id,
        month,
        obligations,
        as_of,
        role_names=role_names,
        clause=ref,
        report_due=report_due,
        explanation=lines,
    )
