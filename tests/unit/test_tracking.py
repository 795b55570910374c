"""The clock's verdict on an obligation, and who is recorded as having set its term."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reglament.domain import ObligationStatus
from reglament.legaltime.calendar import WorkCalendar
from reglament.legaltime.clock import KYIV, Clock, ClockError, parse_instant
from reglament.legaltime.tracking import (
    advance,
    due_soon_from,
    is_violated,
    setter_from_control,
    setter_of_document,
    status_at,
)

CAL = WorkCalendar()
PENDING, DUE_SOON, VIOLATED = ObligationStatus.PENDING, ObligationStatus.DUE_SOON, ObligationStatus.VIOLATED


def kyiv(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=KYIV)


def test_a_term_is_violated_from_the_first_moment_of_the_next_day() -> None:
    due = dt.date(2026, 3, 13)
    assert not is_violated(due, kyiv(2026, 3, 13, 23, 59))
    assert is_violated(due, kyiv(2026, 3, 14, 0, 0))


def test_a_term_in_hours_is_violated_the_moment_after_it() -> None:
    due = dt.datetime(2026, 3, 8, 16, 30)  # naive: Kyiv time
    assert not is_violated(due, kyiv(2026, 3, 8, 16, 30))
    assert is_violated(due, kyiv(2026, 3, 8, 16, 31))
    # the same instant seen from UTC (Kyiv is UTC+2 in March)
    assert is_violated(due, dt.datetime(2026, 3, 8, 14, 31, tzinfo=dt.UTC))


def test_due_soon_starts_three_working_days_before_over_a_weekend() -> None:
    # due Tuesday 10.03.2026: the 3rd working day before is Thursday 05.03
    due = dt.date(2026, 3, 10)
    assert due_soon_from(due, CAL, 3) == dt.date(2026, 3, 5)
    assert status_at(due, kyiv(2026, 3, 4, 18, 0), CAL, 3) is PENDING
    assert status_at(due, kyiv(2026, 3, 5, 0, 0), CAL, 3) is DUE_SOON
    assert status_at(due, kyiv(2026, 3, 10, 23, 0), CAL, 3) is DUE_SOON
    assert status_at(due, kyiv(2026, 3, 11, 0, 0), CAL, 3) is VIOLATED


def test_due_soon_counts_the_working_saturday_and_skips_holidays() -> None:
    # due Tue 14.01.2020: working days before are 13.01, Sat 11.01 (a working Saturday), 10.01
    assert due_soon_from(dt.date(2020, 1, 14), CAL, 3) == dt.date(2020, 1, 10)
    # due Thu 09.01.2020: 08.01, then 06.01 and 07.01 are off, then 03.01, 02.01
    assert due_soon_from(dt.date(2020, 1, 9), CAL, 3) == dt.date(2020, 1, 2)


def test_a_window_of_zero_working_days_is_the_due_day_itself() -> None:
    assert status_at(dt.date(2026, 3, 10), kyiv(2026, 3, 9, 12, 0), CAL, 0) is PENDING
    assert status_at(dt.date(2026, 3, 10), kyiv(2026, 3, 10, 0, 0), CAL, 0) is DUE_SOON


def test_statuses_only_move_forward() -> None:
    assert advance(PENDING, DUE_SOON) is DUE_SOON
    assert advance(PENDING, VIOLATED) is VIOLATED
    assert advance(DUE_SOON, VIOLATED) is VIOLATED
    assert advance(DUE_SOON, PENDING) is None
    assert advance(VIOLATED, VIOLATED) is None
    assert advance(ObligationStatus.FULFILLED, VIOLATED) is None
    assert advance(ObligationStatus.WAIVED, DUE_SOON) is None


@settings(deadline=None)
@given(
    st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 1)),
    st.integers(0, 60 * 24 * 90),
    st.integers(0, 60 * 24 * 90),
    st.integers(0, 10),
)
def test_a_later_moment_never_gives_an_earlier_status(due: dt.date, m1: int, m2: int, window: int) -> None:
    start = kyiv(due.year, due.month, due.day) - dt.timedelta(days=45)
    a, b = sorted([start + dt.timedelta(minutes=m1), start + dt.timedelta(minutes=m2)])
    order = {PENDING: 0, DUE_SOON: 1, VIOLATED: 2}
    assert order[status_at(due, a, CAL, window)] <= order[status_at(due, b, CAL, window)]
    assert (status_at(due, b, CAL, window) is VIOLATED) == (b.date() > due)


def test_the_setter_recorded_at_registration_comes_first() -> None:
    facts = {"term_set_by": "deputy_mayor", "term_set_by_name": "Іваненко І.І.", "council_act": True}
    setter = setter_of_document("vinnytsia-2020", "ec_decision", facts)
    assert (setter.kind, setter.role, setter.name) == ("person", "deputy_mayor", "Іваненко І.І.")
    assert "реєстрації" in setter.source
    body = setter_of_document("vinnytsia-2020", "incoming", {"term_set_by": "executive_committee"})
    assert (body.kind, body.role) == ("body", "executive_committee")


@pytest.mark.parametrize(
    ("kind", "facts", "expected"),
    [
        ("ec_decision", {}, ("body", "executive_committee")),
        ("incoming", {"council_act": True}, ("body", "city_council")),
        ("mayor_order", {}, ("person", "mayor")),
        ("protocol_instruction", {}, ("person", "mayor")),
        ("incoming", {}, ("person", "mayor")),
        ("appeal", {}, ("person", "mayor")),
    ],
)
def test_without_a_record_the_setter_follows_the_kind_of_document(
    kind: str, facts: dict[str, object], expected: tuple[str, str]
) -> None:
    setter = setter_of_document("vinnytsia-2020", kind, facts)
    assert (setter.kind, setter.role) == expected
    assert setter.source


def test_the_default_setter_cites_the_control_clause_of_its_reglament() -> None:
    assert setter_of_document("vinnytsia-2020", "incoming", {}).clause == "r12-s1-p1"
    assert setter_of_document("shostka-2013", "incoming", {}).clause == "r11-s3-p3.2-i1"


def test_who_put_the_document_on_control_is_a_setter() -> None:
    setter = setter_from_control("Петренко П.П.", "deputy_mayor")
    assert setter is not None and (setter.kind, setter.name) == ("person", "Петренко П.П.")
    body = setter_from_control("Виконавчий комітет", "executive_committee")
    assert body is not None and (body.kind, body.name) == ("body", "")
    assert setter_from_control("x", "") is None


def test_the_clock_is_fixed_by_a_setting_or_follows_the_system() -> None:
    assert Clock.from_setting("2026-05-01").now() == kyiv(2026, 5, 1, 0, 0)
    assert Clock.from_setting("2026-05-01T09:30").now() == kyiv(2026, 5, 1, 9, 30)
    assert Clock.from_setting("2026-05-01T06:30+00:00").now() == kyiv(2026, 5, 1, 9, 30)
    system = Clock.from_setting("")
    assert system.fixed is None and abs(system.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    with pytest.raises(ClockError, match=r"^clock: "):
        parse_instant("01.05.2026")
