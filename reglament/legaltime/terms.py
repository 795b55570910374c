"""Due dates of terms: the one place that does legal date arithmetic, with a Ukrainian explanation.

Counting rules (ЦК України ст. 253–254 unless a reglament's counting policy says otherwise):

- After an event, counting starts the next day (ст. 253): N calendar days end on anchor + N; N
  working days end on the N-th working day after the anchor; months and years end on the same
  day number (ст. 254 ч. 1, 3), or on the last day of a month that has no such day (31.01 + 1
  month = last day of February; 29.02.2024 + 1 year = 28.02.2025); hours run from the anchor
  instant (a datetime result); «same day» is the anchor day, «next day» anchor + 1.
- Before an event («за 2 робочих дні до засідання»), a term in days is the latest day that leaves
  N full days between it and the event, the event day not counted: N calendar days → event − N −
  1; N working days → the (N+1)-th working day before the event. Months and years are counted back
  as ст. 254 ч. 1, 3 counts them forward («за місяць до закінчення року»: 31.12 → 30.11): event −
  N months/years, the month's last day where it has no such day number (31.03 → 28.02). Hours →
  event − N hours; «next day» → the day before the event.
- A non-working last day moves by the term's own ``end_on_non_working``, else by the policy's when
  the unit is in ``policy.applies_to``. Before an event a move forward would eat into the time the
  clause guarantees, so there NEXT is applied as PRECEDING (the result never passes the event);
  NONE leaves the day. Working-day units always land on a working day by construction.
- A term never ends before its event: when PRECEDING would move the end of a term counted after an
  event to a day (moment) earlier than the event itself (an appeal received on Saturday with one day
  to act, Friday being the preceding working day), the end moves to the next working day instead, as
  ст. 254 ч. 5 does. Ending on the event day itself stays allowed. A fixed date has no event before
  it and moves as the rule says.
- ``weekly``: the first moment on or after the anchor (after) or the last moment on or before it
  (before) that falls on ISO ``weekday`` at ``time``; without a ``time`` («щоп'ятниці») the due date
  is that weekday itself (a date). With ``amount`` N ≥ 1 it is that weekday of the N-th calendar
  week (Monday–Sunday) after (before) the anchor's week: «щоп'ятниці … для формування графіку на
  наступний тиждень» is the Friday of the week before the meeting's week. ``day_of_next_month``: day ``day`` of the
  month after the anchor's month (before: of the month before it), clamped to the month's end.
  ``fixed_date``: the anchor itself is the due date. ``amount`` is ignored by these units, except
  by ``weekly`` (see above).
- Hours are real elapsed time in Kyiv (48 hours are 48 elapsed hours across a DST change): an aware
  datetime is added in absolute time; a naive one is Kyiv local time (clock.KYIV), and the result is
  the naive Kyiv local time of the moment reached.
"""

from __future__ import annotations

import calendar as _stdcal
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from reglament.legaltime.calendar import WEEKDAY_NAMES, CalendarError, WorkCalendar
from reglament.legaltime.clock import KYIV
from reglament.legaltime.spec import CountingPolicy, Direction, EndRule, TermSpec, Unit

__all__ = ["CIVIL_CODE_POLICY", "DayNote", "DueDate", "TermError", "compute_due"]

CIVIL_CODE_POLICY = CountingPolicy(
    source="Цивільний кодекс України, ст. 253, ч. 5 ст. 254",
    quote=(
        "Перебіг строку починається з наступного дня після відповідної календарної дати або настання "
        "події, з якою пов'язано його початок. … Якщо останній день строку припадає на вихідний, "
        "святковий або інший неробочий день, що визначений відповідно до закону у місці вчинення "
        "певної дії, днем закінчення строку є перший за ним робочий день."
    ),
    start=Direction.AFTER,
    end_on_non_working=EndRule.NEXT,
    interpretation="Застосовується, коли регламент не встановлює власного порядку обчислення строків.",
)
"""The default policy for reglaments that say nothing about counting terms."""

_DATE_UNITS = frozenset(
    {
        Unit.CALENDAR_DAYS,
        Unit.WORKING_DAYS,
        Unit.MONTHS,
        Unit.YEARS,
        Unit.SAME_DAY,
        Unit.NEXT_DAY,
        Unit.DAY_OF_NEXT_MONTH,
        Unit.FIXED_DATE,
    }
)
_AMOUNT_UNITS = frozenset({Unit.CALENDAR_DAYS, Unit.WORKING_DAYS, Unit.MONTHS, Unit.YEARS, Unit.HOURS})
_CLAUSE_ID = re.compile(r"^([a-z0-9-]+/)?r\d")
_ONE_DAY = timedelta(days=1)
_UNIT_NAMES = {
    Unit.CALENDAR_DAYS: "календарні дні",
    Unit.WORKING_DAYS: "робочі дні",
    Unit.MONTHS: "місяці",
    Unit.YEARS: "роки",
    Unit.HOURS: "години",
    Unit.SAME_DAY: "у день події",
    Unit.NEXT_DAY: "наступного дня",
    Unit.DAY_OF_NEXT_MONTH: "число наступного місяця",
    Unit.WEEKLY: "щотижневий строк",
    Unit.FIXED_DATE: "визначена дата",
}


class TermError(ValueError):
    """A term cannot be computed from this input; the message starts with the offending field."""


@dataclass(frozen=True, slots=True)
class DayNote:
    """One day the computation looked at: counted towards the term or not, and why (Ukrainian)."""

    day: date
    counted: bool
    reason: str = ""  # empty for an ordinary working day that counts


@dataclass(frozen=True, slots=True)
class DueDate:
    """A computed due date with the clause it comes from and how it was reached."""

    due: date | datetime
    clause: str
    start: date | datetime  # the first counted day (or instant); for `before` terms counted backwards
    explanation: tuple[str, ...]  # Ukrainian, one step per line
    policy: str  # the counting policy's source
    nominal: date | datetime | None = None  # the last day (or moment) before a non-working day was moved
    end_rule: EndRule = EndRule.NONE  # the rule that moved a non-working last day (NONE: not moved)
    days: tuple[DayNote, ...] = ()  # the days counted one by one, and every day passed over


# -- Ukrainian wording ------------------------------------------------------------------------


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _amount_text(unit: Unit, n: int) -> str:
    forms = {
        Unit.CALENDAR_DAYS: ("календарний день", "календарні дні", "календарних днів"),
        Unit.WORKING_DAYS: ("робочий день", "робочі дні", "робочих днів"),
        Unit.MONTHS: ("місяць", "місяці", "місяців"),
        Unit.YEARS: ("рік", "роки", "років"),
        Unit.HOURS: ("година", "години", "годин"),
    }[unit]
    return f"{n} {_plural(n, *forms)}"


def _d(d: date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def _dw(d: date | datetime) -> str:
    """«13.03.2020 (п'ятниця)» or «13.03.2020 15:00 (п'ятниця)»."""
    if isinstance(d, datetime):
        return f"{_d(d)} {d.hour:02d}:{d.minute:02d} ({WEEKDAY_NAMES[d.weekday()]})"
    return f"{_d(d)} ({WEEKDAY_NAMES[d.weekday()]})"


def _by(source: str) -> str:
    return f"за {source}" if _CLAUSE_ID.match(source) else f"за правилом ({source})"


# -- date arithmetic --------------------------------------------------------------------------


def _add_months(d: date, months: int) -> date:
    """Same day number `months` later (or earlier); the month's last day if it has no such day."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise TermError(f"amount: the result falls outside the supported dates (year {year})")
    last = _stdcal.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last))


def _shift_days(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        raise TermError("amount: the result falls outside the supported dates") from None


def _parse_time(spec: TermSpec) -> time | None:
    if spec.time is None:
        return None
    try:
        hh, mm = (int(p) for p in spec.time.split(":"))
        return time(hh, mm)
    except ValueError:
        raise TermError(f"time: {spec.time!r} is not a valid HH:MM time") from None


def _add_hours(t: datetime, hours: int) -> datetime:
    try:
        if t.tzinfo is None:
            local = t.replace(tzinfo=KYIV)
            return (local.astimezone(UTC) + timedelta(hours=hours)).astimezone(KYIV).replace(tzinfo=None)
        return (t.astimezone(UTC) + timedelta(hours=hours)).astimezone(t.tzinfo)
    except OverflowError:
        raise TermError("amount: the result falls outside the supported dates") from None


# -- the computation --------------------------------------------------------------------------


def _check(spec: TermSpec, anchor: object) -> None:
    if anchor is None:
        raise TermError(f"anchor: no value for the fact {spec.anchor!r}")
    if not isinstance(anchor, date):
        got = type(anchor).__name__
        raise TermError(f"anchor: expected a date or datetime for {spec.anchor!r}, got {got}")
    if spec.unit in _DATE_UNITS and isinstance(anchor, datetime):
        raise TermError(
            f"anchor: unit {spec.unit.value} counts whole days and needs a date, got the datetime "
            f"{anchor.isoformat()} for {spec.anchor!r}"
        )
    if spec.amount < 0:
        raise TermError(f"amount: must not be negative, got {spec.amount}")
    if spec.unit in _AMOUNT_UNITS and spec.amount < 1:
        raise TermError(f"amount: unit {spec.unit.value} needs amount >= 1, got {spec.amount}")
    if spec.unit is Unit.DAY_OF_NEXT_MONTH and not (spec.day and 1 <= spec.day <= 31):
        raise TermError(f"day: unit day_of_next_month needs a day of month 1..31, got {spec.day}")
    if spec.unit is Unit.WEEKLY and not (spec.weekday and 1 <= spec.weekday <= 7):
        raise TermError(f"weekday: unit weekly needs an ISO weekday 1..7, got {spec.weekday}")
    if spec.unit is Unit.HOURS and not isinstance(anchor, datetime) and spec.time is None:
        raise TermError(f"anchor: unit hours needs a datetime for {spec.anchor!r}, or a time HH:MM in the term")


def _end_rule(spec: TermSpec, policy: CountingPolicy) -> tuple[EndRule, str]:
    """The end rule that applies and the source it comes from ('' if none applies)."""
    if spec.end_on_non_working is not None:
        return spec.end_on_non_working, "term"
    if spec.unit in policy.applies_to:
        return policy.end_on_non_working, "policy"
    return EndRule.NONE, ""


def compute_due(
    spec: TermSpec,
    anchor: date | datetime,
    policy: CountingPolicy,
    calendar: WorkCalendar,
    *,
    clause: str = "",
) -> DueDate:
    """The due date of `spec` counted from `anchor` under `policy` on `calendar`, explained."""
    _check(spec, anchor)
    try:
        return _compute(spec, anchor, policy, calendar, clause)
    except (CalendarError, OverflowError):
        raise TermError("amount: the result falls outside the supported dates") from None


def _compute(
    spec: TermSpec, anchor: date | datetime, policy: CountingPolicy, calendar: WorkCalendar, clause: str
) -> DueDate:
    unit, n = spec.unit, spec.amount
    after = spec.direction is Direction.AFTER
    lines: list[str] = []
    days: list[DayNote] = []
    if clause:
        lines.append(f"Норма: {clause}.")
    anchor_word = "Подія" if after else "Подія, до якої рахується строк"
    lines.append(f"{anchor_word} ({spec.anchor}): {_dw(anchor)}.")

    due: date | datetime
    start: date | datetime
    nominal: date | datetime
    if unit is Unit.CALENDAR_DAYS or unit is Unit.MONTHS or unit is Unit.YEARS:
        assert not isinstance(anchor, datetime)
        amount = _amount_text(unit, n)
        if after:
            start = _shift_days(anchor, 1)
            nominal = (
                _shift_days(anchor, n)
                if unit is Unit.CALENDAR_DAYS
                else _add_months(anchor, n if unit is Unit.MONTHS else 12 * n)
            )
            lines.append(f"Перебіг строку починається наступного дня — {_dw(start)} (ЦК ст. 253).")
            clamped = unit is not Unit.CALENDAR_DAYS and nominal.day != anchor.day
            note = " (у цьому місяці немає такого числа — останній день місяця, ЦК ч. 3 ст. 254)"
            lines.append(f"Строк: {amount}; останній день строку — {_dw(nominal)}{note if clamped else ''}.")
            if unit is Unit.CALENDAR_DAYS:
                _count_all(start, nominal, calendar, days)
        elif unit is Unit.CALENDAR_DAYS:
            start = _shift_days(anchor, -1)
            back = _shift_days(anchor, -n)
            nominal = _shift_days(back, -1)
            lines.append(
                f"Строк: {amount} до події; повні дні строку — з {_d(back)} по {_d(start)}, день події "
                f"не враховується; останній день для дії — {_dw(nominal)}."
            )
            _count_all(back, start, calendar, days)
        else:
            start = _shift_days(anchor, -1)
            nominal = _add_months(anchor, -n if unit is Unit.MONTHS else -12 * n)
            clamped = nominal.day != anchor.day
            note = " (у тому місяці немає такого числа — останній день місяця)"
            what = "місяці" if unit is Unit.MONTHS else "роки"
            lines.append(
                f"Строк: {amount} до події; {what} рахуються назад від події так само, як уперед (ЦК ч. 1, 3 "
                f"ст. 254): за {amount} до {_d(anchor)} — {_dw(nominal)}{note if clamped else ''}; це останній "
                f"день для дії."
            )
        due, applied = _apply_end_rule(nominal, spec, policy, calendar, lines, days, event=anchor if after else None)
    elif unit is Unit.WORKING_DAYS:
        assert not isinstance(anchor, datetime)
        amount = _amount_text(unit, n)
        if after:
            due = calendar.add_working_days(anchor, n)
            start = calendar.next_working_day(anchor)
            lines.append(f"Перебіг строку починається наступного дня (ЦК ст. 253); перший робочий день — {_dw(start)}.")
            lines.append(f"Строк: {amount}; рахуються лише робочі дні.")
            _walk(anchor, due, calendar, lines, days)
        else:
            start = calendar.previous_working_day(anchor)
            last_full = calendar.add_working_days(anchor, -n)
            due = calendar.previous_working_day(last_full)
            lines.append(
                f"Строк: {amount} до події; повні робочі дні — з {_d(last_full)} по {_d(start)}, день події "
                f"не враховується."
            )
            _walk(due, anchor - _ONE_DAY, calendar, lines, days)
            lines.append(f"Останній робочий день перед ними — {_dw(due)}.")
        applied = EndRule.NONE  # working days land on a working day by construction
    elif unit is Unit.HOURS:
        at = _parse_time(spec)
        if isinstance(anchor, datetime):
            start = anchor
        else:
            assert at is not None
            start = datetime.combine(anchor, at)
            lines.append(f"Початковий момент — {_dw(start)}.")
        nominal_dt = _add_hours(start, n if after else -n)
        side = "після події" if after else "до події"
        lines.append(f"Строк: {_amount_text(unit, n)} {side}; кінцевий момент — {_dw(nominal_dt)}.")
        if _kyiv_offset(start) != _kyiv_offset(nominal_dt):
            lines.append(
                "Між початковим і кінцевим моментом годинник переводили (літній / зимовий час); години — реальний "
                "час, що минув, за київським часом."
            )
        nominal = nominal_dt
        due, applied = _apply_end_rule(nominal_dt, spec, policy, calendar, lines, days, event=start if after else None)
    elif unit is Unit.WEEKLY:
        at = _parse_time(spec)
        assert spec.weekday is not None
        start = anchor
        when = "найближчий" if after else "останній"
        if n > 0:
            day = anchor.date() if isinstance(anchor, datetime) else anchor
            monday = _shift_days(day, -day.weekday() + (7 * n if after else -7 * n))
            target = _shift_days(monday, spec.weekday - 1)
            nominal = target if at is None else datetime.combine(target, at)
            if isinstance(nominal, datetime) and isinstance(anchor, datetime):
                nominal = nominal.replace(tzinfo=anchor.tzinfo)
            which = "наступного" if after else "попереднього"
            weeks = "" if n == 1 else f" (за {n} {_plural(n, 'тиждень', 'тижні', 'тижнів')})"
            clock = f", {at:%H:%M}" if at is not None else ""
            lines.append(
                f"Щотижневий строк: {WEEKDAY_NAMES[spec.weekday - 1]}{clock} {which} тижня{weeks} відносно тижня "
                f"події — {_dw(nominal)}."
            )
        elif at is None:
            day = anchor.date() if isinstance(anchor, datetime) else anchor
            nominal = _weekday_on_or(day, spec.weekday, after)
            lines.append(
                f"Щотижневий строк: {WEEKDAY_NAMES[spec.weekday - 1]} (час дня не встановлено); {when} такий "
                f"день {'не раніше' if after else 'не пізніше'} події — {_dw(nominal)}."
            )
        else:
            nominal = _weekly(anchor, spec.weekday, at, after)
            lines.append(
                f"Щотижневий строк: {WEEKDAY_NAMES[spec.weekday - 1]}, {at:%H:%M}; {when} такий момент "
                f"{'не раніше' if after else 'не пізніше'} події — {_dw(nominal)}."
            )
        due, applied = _apply_end_rule(nominal, spec, policy, calendar, lines, days, event=anchor if after else None)
    else:
        assert not isinstance(anchor, datetime)
        if unit is Unit.SAME_DAY:
            start, nominal = anchor, anchor
            lines.append(f"Строк: у день події — {_dw(nominal)}.")
        elif unit is Unit.NEXT_DAY:
            nominal = _shift_days(anchor, 1 if after else -1)
            start = nominal
            side = "наступного дня після події" if after else "напередодні події"
            lines.append(f"Строк: {side} — {_dw(nominal)}.")
        elif unit is Unit.DAY_OF_NEXT_MONTH:
            assert spec.day is not None
            first = date(anchor.year, anchor.month, 1)
            nominal = _add_months(first, 1 if after else -1)
            last = _stdcal.monthrange(nominal.year, nominal.month)[1]
            nominal = nominal.replace(day=min(spec.day, last))
            start = nominal
            which = "наступного" if after else "попереднього"
            short = " (у цьому місяці немає такого числа — останній день місяця)" if spec.day > last else ""
            lines.append(f"Строк: до {spec.day} числа {which} місяця — {_dw(nominal)}{short}.")
        else:  # FIXED_DATE
            start, nominal = anchor, anchor
            lines.append(f"Строк: визначена дата — {_dw(nominal)}.")
        # a fixed date is the end itself: no event precedes it that the end could not pass
        event = anchor if after and unit is not Unit.FIXED_DATE else None
        due, applied = _apply_end_rule(nominal, spec, policy, calendar, lines, days, event=event)

    lines.append(f"Кінцевий строк: {_dw(due)}.")
    return DueDate(
        due=due,
        clause=clause,
        start=start,
        explanation=tuple(lines),
        policy=policy.source,
        nominal=due if unit is Unit.WORKING_DAYS else nominal,
        end_rule=applied,
        days=tuple(days),
    )


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _weekday_on_or(day: date, weekday: int, after: bool) -> date:
    """The first `weekday` (ISO) on or after `day` (after), or the last one on or before it."""
    if after:
        return _shift_days(day, (weekday - 1 - day.weekday()) % 7)
    return _shift_days(day, -((day.weekday() - (weekday - 1)) % 7))


def _note(days: list[DayNote], note: DayNote) -> None:
    """Record `note`, replacing what an earlier step said about the same day."""
    days[:] = [d for d in days if d.day != note.day]
    days.append(note)


def _count_all(first: date, last: date, calendar: WorkCalendar, days: list[DayNote]) -> None:
    """Calendar days: every day of [first, last] counts, working or not."""
    d = first
    while d <= last:
        why = calendar.why_not_working(d)
        days.append(DayNote(d, True, f"враховується як календарний день ({why})" if why else ""))
        d += _ONE_DAY


def _weekly(anchor: date, weekday: int, at: time, after: bool) -> datetime:
    if isinstance(anchor, datetime):
        base, tz = anchor.replace(tzinfo=None), anchor.tzinfo
    else:
        base, tz = datetime.combine(anchor, time(0, 0) if after else time(23, 59, 59, 999999)), None
    day = base.date()
    if after:
        candidate = datetime.combine(day + timedelta(days=(weekday - 1 - day.weekday()) % 7), at)
        if candidate < base:
            candidate += timedelta(days=7)
    else:
        candidate = datetime.combine(day - timedelta(days=(day.weekday() - (weekday - 1)) % 7), at)
        if candidate > base:
            candidate -= timedelta(days=7)
    return candidate.replace(tzinfo=tz)


def _walk(a: date, b: date, calendar: WorkCalendar, lines: list[str], days: list[DayNote]) -> None:
    """Explain every day in (a, b] that was skipped as non-working, or counted though it looks
    like a day off; every day of the interval goes to `days`."""
    d = a + _ONE_DAY
    while d <= b:
        why = calendar.why_not_working(d)
        if why is not None:
            lines.append(f"{_d(d)} не враховується — {why}.")
            days.append(DayNote(d, False, why))
        else:
            note = calendar.working_note(d)
            if note is not None:
                lines.append(f"{_d(d)} враховується — {note}.")
            days.append(DayNote(d, True, note or ""))
        d += _ONE_DAY


def _apply_end_rule(
    nominal: date | datetime,
    spec: TermSpec,
    policy: CountingPolicy,
    calendar: WorkCalendar,
    lines: list[str],
    days: list[DayNote],
    *,
    event: date | datetime | None,
) -> tuple[date | datetime, EndRule]:
    """Move a non-working last day as the term or the policy says; datetimes keep their time.

    `event` is the day (or moment) a term counted after it may not end before; None for a term
    counted back to an event and for a fixed date. Returns the end and the rule actually applied.
    """
    day = _day(nominal)
    why = calendar.why_not_working(day)
    if why is None:
        note = calendar.working_note(day)
        if note is not None:  # looks like a day off, but is a working day (a transferred Saturday, martial law)
            lines.append(f"останній день {_d(day)} — {note}; строк не переноситься.")
            _note(days, DayNote(day, True, note))
        return nominal, EndRule.NONE
    rule, origin = _end_rule(spec, policy)
    source = policy.source if origin == "policy" else "умовою цього строку"
    by = _by(source) if origin == "policy" else f"за {source}"
    head = f"останній день {_d(day)} — {why}"
    if rule is EndRule.NONE:
        if origin:
            lines.append(f"{head}; {by} строк не переноситься.")
        else:
            lines.append(
                f"{head}; правило перенесення ({policy.source}) не поширюється на строки виду "
                f"«{_UNIT_NAMES[spec.unit]}», строк не переноситься."
            )
        return nominal, EndRule.NONE
    after = event is not None or spec.direction is Direction.AFTER
    if not after:
        moved = calendar.previous_working_day(day)
        applied = EndRule.PRECEDING
        if rule is EndRule.NEXT:
            tail = (
                f"{by} неробочий день переноситься на наступний робочий, але строк до події не може "
                f"скорочуватися, тому строк закінчується попереднього робочого дня {_d(moved)}"
            )
        else:
            tail = f"{by} строк закінчується попереднього робочого дня {_d(moved)}"
    elif rule is EndRule.PRECEDING:
        moved = calendar.previous_working_day(day)
        applied = EndRule.PRECEDING
        tail = f"{by} строк закінчується попереднього робочого дня {_d(moved)}"
        if event is not None and _at(moved, nominal) < _floor(event, nominal):
            earlier = moved
            moved = calendar.next_working_day(day)
            applied = EndRule.NEXT
            tail = (
                f"{by} строк закінчувався б попереднього робочого дня {_d(earlier)}, але це раніше за "
                f"подію ({_moment(event)}), а строк не може закінчитися раніше події; тому строк закінчується "
                f"наступного робочого дня {_d(moved)}, як за ч. 5 ст. 254 ЦК України"
            )
    else:
        moved = calendar.next_working_day(day)
        applied = EndRule.NEXT
        tail = f"{by} строк закінчується наступного робочого дня {_d(moved)}"
    lines.append(f"{head}; {tail}.")
    _note(days, DayNote(day, False, f"останній день припадає на неробочий: {why}"))
    step = _ONE_DAY if moved > day else -_ONE_DAY
    d = day + step
    while d != moved:
        also = calendar.why_not_working(d)
        lines.append(f"{_d(d)} також неробочий — {also}.")
        _note(days, DayNote(d, False, also or ""))
        d += step
    return _at(moved, nominal), applied


def _kyiv_offset(moment: datetime) -> timedelta | None:
    """The UTC offset in force in Kyiv at `moment` (naive: Kyiv local time)."""
    local = moment.replace(tzinfo=KYIV) if moment.tzinfo is None else moment.astimezone(KYIV)
    return local.utcoffset()


def _moment(value: date | datetime) -> str:
    """«07.03.2026» or «06.03.2026 23:00»."""
    if isinstance(value, datetime):
        return f"{_d(value)} {value.hour:02d}:{value.minute:02d}"
    return _d(value)


def _at(day: date, nominal: date | datetime) -> date | datetime:
    """`day` at the time of day of `nominal` (a datetime), or `day` itself."""
    if isinstance(nominal, datetime):
        return datetime.combine(day, nominal.timetz())
    return day


def _floor(event: date | datetime, nominal: date | datetime) -> date | datetime:
    """The earliest end a term counted after `event` may have, comparable with `nominal`."""
    if isinstance(nominal, datetime):
        if isinstance(event, datetime):
            return event
        return datetime.combine(event, time(0, 0), tzinfo=nominal.tzinfo)
    return _day(event)
