"""Tracked obligations and the clock's verdict on them: pending, due soon, violated (no I/O here).

An obligation is *violated* once its due day has passed in Kyiv (a date due: from 00:00 of the next
day; a datetime due: from the moment after it). It is *due soon* from the N-th working day before its
due day (N = `due_soon_working_days`, 3 by default), and still pending before that. Statuses only move
forward (pending → due soon → violated); a scheduler that was down reports the furthest status
reached, once. A fulfilment that arrives after the due day of an obligation still open is a violation
all the same: the obligation passes through violated on its way to fulfilled. A term change starts the
obligation over as pending under its new term (term_version counts the changes, so the events of the
new term have ids of their own).

Who set the term (TermSetter) is recorded when the obligation is first tracked, from what the
registry recorded about the document, never from a later caller's word: the `term_set_by` attribute
of the registration (the author of the resolution, or the body), else the kind of the document (a
decision of the executive committee or of the council — that body; a mayor's order or instruction —
the mayor), else the official the reglament makes responsible for control of execution.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reglament.domain import ObligationStatus
from reglament.legaltime.calendar import WorkCalendar
from reglament.legaltime.clock import KYIV

DEFAULT_DUE_SOON_WORKING_DAYS = 3

_ORDER = {
    ObligationStatus.PENDING: 0,
    ObligationStatus.DUE_SOON: 1,
    ObligationStatus.VIOLATED: 2,
}
OPEN_STATUSES = frozenset({ObligationStatus.PENDING, ObligationStatus.DUE_SOON})
CLOSED_STATUSES = frozenset({ObligationStatus.FULFILLED, ObligationStatus.WAIVED})

BODY_ROLES = frozenset({"executive_committee", "city_council", "higher_authority"})
"""Role ids that name a collegial body: such a body changes a term only by a decision of its own."""

BODY_NAMES = {
    "executive_committee": "виконавчий комітет",
    "city_council": "міська рада",
    "higher_authority": "орган влади вищого рівня",
}

# The official responsible for control of execution, per reglament: who is taken to have set a term the
# reglament itself gives, when the registration does not say who wrote the resolution.
CONTROL_OFFICIAL: dict[str, tuple[str, str]] = {
    "vinnytsia-2020": ("mayor", "r12-s1-p1"),
    "shostka-2013": ("mayor", "r11-s3-p3.2-i1"),
}


@dataclass(frozen=True)
class TermSetter:
    """Who set a term: an official (person) or a body, as recorded, and where the record comes from."""

    kind: str  # "person" | "body"
    role: str  # role id, e.g. "mayor", "deputy_mayor", "executive_committee"
    name: str = ""  # the official's name when recorded
    source: str = ""  # Ukrainian: where the record comes from
    clause: str = ""  # the clause the attribution rests on

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "role": self.role, "name": self.name, "source": self.source, "clause": self.clause}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TermSetter:
        return cls(
            kind=str(data.get("kind", "person")),
            role=str(data.get("role", "")),
            name=str(data.get("name", "")),
            source=str(data.get("source", "")),
            clause=str(data.get("clause", "")),
        )

    def describe(self) -> str:
        if self.kind == "body":
            return BODY_NAMES.get(self.role, self.role)
        return f"{self.role} {self.name}".strip()


def setter_of_document(reglament_id: str, kind: str, facts: Mapping[str, Any]) -> TermSetter:
    """Who set the terms of a document, from what its registration recorded."""
    recorded = str(facts.get("term_set_by") or "").strip()
    if recorded:
        name = str(facts.get("term_set_by_name") or "").strip()
        return TermSetter(
            "body" if recorded in BODY_ROLES else "person",
            recorded,
            name,
            "зафіксовано під час реєстрації документа (автор резолюції або орган, term_set_by)",
        )
    if facts.get("council_act") is True:
        return TermSetter("body", "city_council", "", "рішення міської ради: строк змінює рада своїм рішенням")
    if kind == "ec_decision":
        return TermSetter(
            "body", "executive_committee", "", "рішення виконавчого комітету: строк змінює виконком своїм рішенням"
        )
    if kind in ("mayor_order", "protocol_instruction"):
        return TermSetter("person", "mayor", "", "розпорядження (доручення) міського голови")
    role, clause = CONTROL_OFFICIAL.get(reglament_id, ("mayor", ""))
    return TermSetter(
        "person",
        role,
        "",
        "автора резолюції під час реєстрації не зазначено; строк, встановлений регламентом, вважається "
        "встановленим посадовою особою, на яку покладено контроль за виконанням документів",
        clause,
    )


def setter_from_control(controller: str, controller_role: str) -> TermSetter | None:
    """Who put the document on control (the registry records it) as the setter of its terms."""
    role = controller_role.strip()
    if not role:
        return None
    return TermSetter(
        "body" if role in BODY_ROLES else "person",
        role,
        "" if role in BODY_ROLES else controller.strip(),
        "посадова особа (орган), що поставила документ на контроль своєю резолюцією, як зафіксував реєстр",
    )


@dataclass(frozen=True)
class TrackedObligation:
    """An obligation the deadlines service watches, with what it needs to judge and to move its term."""

    id: str
    source: str  # the reglament or statute the clause belongs to
    reglament: str  # the document's reglament
    municipality: str
    subject_id: str
    document_kind: str
    document_number: str
    clause: str
    key: str  # the encoding key: clause or clause#variant
    quote: str
    interpretation: str
    bearer: str
    action: str
    due: dt.date | dt.datetime
    original_due: dt.date | dt.datetime
    status: ObligationStatus
    term_version: int = 0
    executors: tuple[str, ...] = ()
    setter: TermSetter = field(default_factory=lambda: TermSetter("person", ""))
    facts: dict[str, Any] = field(default_factory=dict)  # the document's facts (Python values)
    explanation: tuple[str, ...] = ()
    created_at: dt.datetime | None = None
    due_soon_at: dt.datetime | None = None
    violated_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None

    @property
    def due_day(self) -> dt.date:
        return self.due.date() if isinstance(self.due, dt.datetime) else self.due

    @property
    def responsible(self) -> str:
        """The responsible executor: the first named (r12-s1-p3); empty when none is named."""
        return self.executors[0] if self.executors else ""


def _local(now: dt.datetime) -> dt.datetime:
    return now.replace(tzinfo=KYIV) if now.tzinfo is None else now.astimezone(KYIV)


def is_violated(due: dt.date | dt.datetime, now: dt.datetime) -> bool:
    """True once the due day (or moment, Kyiv time) has passed."""
    local = _local(now)
    if isinstance(due, dt.datetime):
        due_local = due.replace(tzinfo=KYIV) if due.tzinfo is None else due.astimezone(KYIV)
        return local > due_local
    return local.date() > due


def due_soon_from(due: dt.date | dt.datetime, calendar: WorkCalendar, working_days: int) -> dt.date:
    """The first day of the due-soon window: the `working_days`-th working day before the due day."""
    day = due.date() if isinstance(due, dt.datetime) else due
    if working_days <= 0:
        return day
    return calendar.add_working_days(day, -working_days)


def status_at(
    due: dt.date | dt.datetime, now: dt.datetime, calendar: WorkCalendar, working_days: int
) -> ObligationStatus:
    """What the clock says about an open obligation due at `due`, at `now`."""
    if is_violated(due, now):
        return ObligationStatus.VIOLATED
    if _local(now).date() >= due_soon_from(due, calendar, working_days):
        return ObligationStatus.DUE_SOON
    return ObligationStatus.PENDING


def advance(current: ObligationStatus, verdict: ObligationStatus) -> ObligationStatus | None:
    """The new status when the clock's verdict moves an open obligation forward; None otherwise."""
    if current not in OPEN_STATUSES or verdict not in _ORDER:
        return None
    return verdict if _ORDER[verdict] > _ORDER[current] else None


def _d(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return f"{value:%d.%m.%Y %H:%M}"
    return f"{value:%d.%m.%Y}"


def _working_days(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} робочого дня"
    return f"{n} робочих днів"


def fulfilled_late(ob: TrackedObligation, status: ObligationStatus, at: dt.datetime) -> bool:
    """A fulfilment at `at` of an obligation the clock had not marked violated, after its due day (or
    moment) had passed: the term was violated all the same (e.g. the clock had not run yet, or was down)."""
    return status is ObligationStatus.FULFILLED and ob.status in OPEN_STATUSES and is_violated(ob.due, at)


def late_reason(ob: TrackedObligation, at: dt.datetime) -> str:
    """Why a fulfilment counts as a violation, in Ukrainian, with the clause."""
    return (
        f"Строк {_d(ob.due)} сплив, обов'язок виконано із запізненням ({_d(_local(at))}): {ob.action} "
        f"({ob.source}/{ob.clause})."
    )


def status_reason(ob: TrackedObligation, status: ObligationStatus, working_days: int) -> str:
    """Why the status changed, in Ukrainian, with the clause."""
    where = f"{ob.source}/{ob.clause}"
    if status is ObligationStatus.VIOLATED:
        return f"Строк {_d(ob.due)} сплив, обов'язок не виконано: {ob.action} ({where})."
    if status is ObligationStatus.DUE_SOON:
        if not working_days:
            return f"Строк {_d(ob.due)} настає сьогодні: {ob.action} ({where})."
        return (
            f"До строку {_d(ob.due)} лишається не більше {_working_days(working_days)}: {ob.action} ({where})."
        )
    return f"Статус: {status.value} ({where})."
