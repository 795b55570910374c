"""Invariants of term arithmetic over the real calendar, checked with hypothesis."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reglament.legaltime.calendar import WorkCalendar
from reglament.legaltime.spec import CountingPolicy, Direction, EndRule, TermSpec, Unit
from reglament.legaltime.terms import compute_due

CAL = WorkCalendar()
ALL_UNITS = [Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.YEARS, Unit.WORKING_DAYS, Unit.HOURS, Unit.WEEKLY]
ALL_UNITS += [Unit.SAME_DAY, Unit.NEXT_DAY, Unit.DAY_OF_NEXT_MONTH, Unit.FIXED_DATE]
DATETIME_UNITS = {Unit.HOURS, Unit.WEEKLY}


def policy(rule: EndRule) -> CountingPolicy:
    return CountingPolicy(source=f"test-{rule.value}", end_on_non_working=rule)


days = st.dates(min_value=date(2018, 1, 1), max_value=date(2027, 12, 31))
rules = st.sampled_from(list(EndRule))
moving_rules = st.sampled_from([EndRule.PRECEDING, EndRule.NEXT])
directions = st.sampled_from(list(Direction))


@st.composite
def terms(draw: st.DrawFn, units: list[Unit] = ALL_UNITS) -> TermSpec:
    unit = draw(st.sampled_from(units))
    amount = {
        Unit.CALENDAR_DAYS: st.integers(1, 400),
        Unit.WORKING_DAYS: st.integers(1, 60),
        Unit.MONTHS: st.integers(1, 36),
        Unit.YEARS: st.integers(1, 5),
        Unit.HOURS: st.integers(1, 240),
        Unit.WEEKLY: st.integers(0, 3),  # 0: the nearest such moment; N: that weekday N weeks away
    }.get(unit, st.just(0))
    return TermSpec(
        unit=unit,
        amount=draw(amount),
        anchor="event",
        direction=draw(directions),
        day=draw(st.integers(1, 31)) if unit is Unit.DAY_OF_NEXT_MONTH else None,
        weekday=draw(st.integers(1, 7)) if unit is Unit.WEEKLY else None,
        time=f"{draw(st.integers(0, 23)):02d}:{draw(st.sampled_from([0, 30])):02d}" if unit is Unit.WEEKLY else None,
    )


def anchor_for(spec: TermSpec, day: date, minutes: int) -> date | datetime:
    if spec.unit in DATETIME_UNITS:
        return datetime.combine(day, time(0, 0)) + timedelta(minutes=minutes)
    return day


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(terms([Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.YEARS]), days, moving_rules)
def test_days_and_months_end_on_a_working_day_when_the_policy_moves_them(
    spec: TermSpec, anchor: date, rule: EndRule
) -> None:
    due = compute_due(spec, anchor, policy(rule), CAL).due
    assert isinstance(due, date) and CAL.is_working_day(due)


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(terms(), days, days, st.integers(0, 1439), st.integers(0, 1439), rules)
def test_a_later_anchor_never_gives_an_earlier_due_date(
    spec: TermSpec, d1: date, d2: date, m1: int, m2: int, rule: EndRule
) -> None:
    a1, a2 = sorted([anchor_for(spec, d1, m1), anchor_for(spec, d2, m2)])
    first = compute_due(spec, a1, policy(rule), CAL).due
    second = compute_due(spec, a2, policy(rule), CAL).due
    assert first <= second


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(st.integers(1, 60), days, rules)
def test_working_days_land_on_a_working_day_after_exactly_n_working_days(n: int, anchor: date, rule: EndRule) -> None:
    spec = TermSpec(unit=Unit.WORKING_DAYS, amount=n, anchor="event")
    result = compute_due(spec, anchor, policy(rule), CAL)
    assert isinstance(result.due, date)
    assert CAL.is_working_day(result.due)
    assert CAL.working_days_between(anchor, result.due) == n
    assert result.start == CAL.next_working_day(anchor)


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(st.integers(1, 60), days, rules)
def test_working_days_before_leave_exactly_n_full_working_days(n: int, event: date, rule: EndRule) -> None:
    spec = TermSpec(unit=Unit.WORKING_DAYS, amount=n, anchor="event", direction=Direction.BEFORE)
    due = compute_due(spec, event, policy(rule), CAL).due
    assert isinstance(due, date)
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(due, event - timedelta(days=1)) == n


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(terms(), days, st.integers(0, 1439), rules)
def test_before_results_are_never_after_the_event(spec: TermSpec, day: date, minutes: int, rule: EndRule) -> None:
    spec = spec.model_copy(update={"direction": Direction.BEFORE})
    event = anchor_for(spec, day, minutes)
    due = compute_due(spec, event, policy(rule), CAL).due
    assert due <= event


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(terms([Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.YEARS]), days)
def test_next_is_never_earlier_than_none_and_none_never_earlier_than_preceding(spec: TermSpec, anchor: date) -> None:
    due = {rule: compute_due(spec, anchor, policy(rule), CAL).due for rule in EndRule}
    if spec.direction is Direction.AFTER:
        assert due[EndRule.NEXT] >= due[EndRule.NONE] >= due[EndRule.PRECEDING]
    else:
        # counted back to an event, a non-working day never moves towards the event
        assert due[EndRule.NEXT] == due[EndRule.PRECEDING] <= due[EndRule.NONE]
    # a move goes to the nearest working day and never past another one
    moved = 0 if CAL.is_working_day(due[EndRule.NONE]) else 1
    assert CAL.working_days_between(due[EndRule.PRECEDING], due[EndRule.NONE]) == 0
    if spec.direction is Direction.AFTER:
        assert CAL.working_days_between(due[EndRule.NONE], due[EndRule.NEXT]) == moved


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(days, st.integers(-40, 40))
def test_add_working_days_and_working_days_between_agree(start: date, n: int) -> None:
    end = CAL.add_working_days(start, n)
    if n > 0:
        assert CAL.working_days_between(start, end) == n
        assert CAL.is_working_day(end)
    elif n < 0:
        assert CAL.is_working_day(end)
        assert CAL.working_days_between(end - timedelta(days=1), start - timedelta(days=1)) == -n
    else:
        assert end == start


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(terms([Unit.FIXED_DATE, Unit.DAY_OF_NEXT_MONTH]), days, moving_rules)
def test_dates_land_on_a_working_day_when_the_policy_lists_them(spec: TermSpec, anchor: date, rule: EndRule) -> None:
    listing = CountingPolicy(
        source="test", end_on_non_working=rule, applies_to=[Unit.FIXED_DATE, Unit.DAY_OF_NEXT_MONTH]
    )
    due = compute_due(spec, anchor, listing, CAL).due
    assert isinstance(due, date) and CAL.is_working_day(due)


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(st.integers(1, 40), days, rules)
def test_the_days_of_a_working_day_term_are_the_ones_counted(n: int, anchor: date, rule: EndRule) -> None:
    result = compute_due(TermSpec(unit=Unit.WORKING_DAYS, amount=n, anchor="event"), anchor, policy(rule), CAL)
    counted = [d for d in result.days if d.counted]
    skipped = [d for d in result.days if not d.counted]
    assert len(counted) == n and counted[-1].day == result.due
    assert all(CAL.is_working_day(d.day) for d in counted)
    assert all(not CAL.is_working_day(d.day) and d.reason for d in skipped)
    assert [d.day for d in result.days] == [anchor + timedelta(days=i) for i in range(1, len(result.days) + 1)]


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(st.integers(1, 60), days, rules)
def test_a_calendar_day_term_counts_every_day_up_to_its_end(n: int, anchor: date, rule: EndRule) -> None:
    result = compute_due(TermSpec(unit=Unit.CALENDAR_DAYS, amount=n, anchor="event"), anchor, policy(rule), CAL)
    assert isinstance(result.due, date) and isinstance(result.nominal, date)
    noted = {d.day: d for d in result.days}
    assert len(noted) == len(result.days)  # one note a day
    for offset in range(1, n + 1):
        assert anchor + timedelta(days=offset) in noted
    passed_over = {d.day for d in result.days if not d.counted}
    assert result.due not in passed_over
    assert all(not CAL.is_working_day(day) for day in passed_over)
    assert (result.end_rule is EndRule.NONE) == (result.due == result.nominal)


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(st.integers(1, 7), st.integers(1, 4), days, directions)
def test_a_weekday_n_weeks_away_is_that_weekday_in_that_week(
    weekday: int, n: int, anchor: date, direction: Direction
) -> None:
    spec = TermSpec(unit=Unit.WEEKLY, amount=n, weekday=weekday, anchor="event", direction=direction)
    due = compute_due(spec, anchor, policy(EndRule.NONE), CAL).due
    assert isinstance(due, date) and due.isoweekday() == weekday
    monday = anchor - timedelta(days=anchor.weekday())
    weeks = (due - timedelta(days=due.weekday()) - monday).days // 7
    assert weeks == (n if direction is Direction.AFTER else -n)


def _day_of(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@settings(deadline=None)  # the first call builds calendar years; no timing is asserted
@given(terms([u for u in ALL_UNITS if u is not Unit.FIXED_DATE]), days, st.integers(0, 1439), rules)
@example(TermSpec(unit=Unit.CALENDAR_DAYS, amount=1, anchor="event"), date(2026, 3, 7), 0, EndRule.PRECEDING)
@example(TermSpec(unit=Unit.SAME_DAY, anchor="event"), date(2020, 1, 7), 0, EndRule.PRECEDING)
@example(TermSpec(unit=Unit.HOURS, amount=2, anchor="event"), date(2026, 3, 6), 23 * 60, EndRule.PRECEDING)
def test_a_term_never_ends_before_its_event(spec: TermSpec, day: date, minutes: int, rule: EndRule) -> None:
    """Строк, що рахується від події, не може закінчитися раніше, ніж настала подія: коли попередній
    робочий день настає раніше за подію, строк закінчується наступного робочого дня (ч. 5 ст. 254 ЦК)."""
    spec = spec.model_copy(update={"direction": Direction.AFTER, "end_on_non_working": rule})
    event = anchor_for(spec, day, minutes)
    result = compute_due(spec, event, policy(rule), CAL)
    if isinstance(result.due, datetime) and isinstance(event, datetime):
        assert result.due >= event
    else:
        assert _day_of(result.due) >= _day_of(event)
    if rule is EndRule.PRECEDING and result.end_rule is EndRule.NEXT:
        # moved forward only because the preceding working day would come before the event
        assert result.nominal is not None
        nominal = _day_of(result.nominal)
        assert _day_of(result.due) == CAL.next_working_day(nominal)
        preceding = CAL.previous_working_day(nominal)
        if isinstance(event, datetime):
            assert preceding <= event.date()
        else:
            assert preceding < event
