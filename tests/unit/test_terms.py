"""Due dates of terms, worked out by hand from the real Ukrainian calendar."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from reglament.legaltime.calendar import WorkCalendar
from reglament.legaltime.spec import CountingPolicy, Direction, EndRule, TermSpec, Unit
from reglament.legaltime.terms import CIVIL_CODE_POLICY, DueDate, TermError, compute_due

CAL = WorkCalendar()
VINNYTSIA = CountingPolicy(
    source="r12-s3-p4",
    quote="Якщо останній день терміну припадає на неробочий – то днем закінчення терміну вважається "
    "останній робочий день, що передує неробочому.",
    end_on_non_working=EndRule.PRECEDING,
)
KEEP = CountingPolicy(source="test: no move", end_on_non_working=EndRule.NONE)
POLICIES = {"preceding": VINNYTSIA, "next": CIVIL_CODE_POLICY, "none": KEEP}


def term(unit: str, amount: int = 0, direction: str = "after", **extra: Any) -> TermSpec:
    return TermSpec(unit=Unit(unit), amount=amount, anchor="event", direction=Direction(direction), **extra)


def each(value: date | datetime) -> dict[str, date | datetime]:
    """The same due date under every end rule (the last day is a working day, or no rule applies)."""
    return dict.fromkeys(POLICIES, value)


def by_rule(preceding: date, next_: date, none: date) -> dict[str, date | datetime]:
    return {"preceding": preceding, "next": next_, "none": none}


# (case, term, anchor, expected due date under the PRECEDING / NEXT / NONE policies)
CASES: list[tuple[str, TermSpec, date | datetime, dict[str, date | datetime]]] = [
    # calendar days after the event: day 1 is the next day, the last day is anchor + N
    (
        "30 days from Thu 09.01.2020 end on Sat 08.02",
        term("calendar_days", 30),
        date(2020, 1, 9),
        by_rule(date(2020, 2, 7), date(2020, 2, 10), date(2020, 2, 8)),
    ),
    (
        "30 days from 01.04.2020 end on Labour Day 01.05",
        term("calendar_days", 30),
        date(2020, 4, 1),
        by_rule(date(2020, 4, 30), date(2020, 5, 4), date(2020, 5, 1)),
    ),
    (
        "30 days from 14.02.2020 cross the leap day and end on Sun 15.03",
        term("calendar_days", 30),
        date(2020, 2, 14),
        by_rule(date(2020, 3, 13), date(2020, 3, 16), date(2020, 3, 15)),
    ),
    (
        "10 days from 14.08.2020 end on Independence Day, Mon 24.08",
        term("calendar_days", 10),
        date(2020, 8, 14),
        by_rule(date(2020, 8, 21), date(2020, 8, 25), date(2020, 8, 24)),
    ),
    (
        "10 days from 22.12.2020 end on New Year 01.01.2021",
        term("calendar_days", 10),
        date(2020, 12, 22),
        by_rule(date(2020, 12, 31), date(2021, 1, 4), date(2021, 1, 1)),
    ),
    (
        "7 days from 01.03.2022 end on 08.03.2022, still a holiday; 07.03 was a transferred day off",
        term("calendar_days", 7),
        date(2022, 3, 1),
        by_rule(date(2022, 3, 4), date(2022, 3, 9), date(2022, 3, 8)),
    ),
    (
        "martial law: 7 days from 01.03.2023 end on 08.03.2023, a working day",
        term("calendar_days", 7),
        date(2023, 3, 1),
        each(date(2023, 3, 8)),
    ),
    (
        "martial law: 10 days from 14.08.2024 end on Independence Day, Sat 24.08",
        term("calendar_days", 10),
        date(2024, 8, 14),
        by_rule(date(2024, 8, 23), date(2024, 8, 26), date(2024, 8, 24)),
    ),
    # working days after the event: always a working day, policy irrelevant
    (
        "5 working days from 27.12.2019 over the New Year transfers",
        term("working_days", 5),
        date(2019, 12, 27),
        each(date(2020, 1, 9)),
    ),
    (
        "5 working days from 03.01.2020 count the working Saturday 11.01",
        term("working_days", 5),
        date(2020, 1, 3),
        each(date(2020, 1, 13)),
    ),
    (
        "4 working days from 04.03.2022 end on the working Saturday 12.03.2022",
        term("working_days", 4),
        date(2022, 3, 4),
        each(date(2022, 3, 12)),
    ),
    (
        "martial law: 3 working days from 07.03.2023 count 08.03",
        term("working_days", 3),
        date(2023, 3, 7),
        each(date(2023, 3, 10)),
    ),
    (
        "1 working day from 31.12.2020 skips New Year and the weekend",
        term("working_days", 1),
        date(2020, 12, 31),
        each(date(2021, 1, 4)),
    ),
    # working days before the event: N full working days between the due date and the event
    (
        "2 working days before a meeting on Thu 16.01.2020: Tue and Wed stay free, due Mon",
        term("working_days", 2, "before"),
        date(2020, 1, 16),
        each(date(2020, 1, 13)),
    ),
    (
        "2 working days before Mon 13.01.2020 count the working Saturday 11.01",
        term("working_days", 2, "before"),
        date(2020, 1, 13),
        each(date(2020, 1, 9)),
    ),
    (
        "2 working days before Thu 09.01.2020 reach back over Christmas to 02.01",
        term("working_days", 2, "before"),
        date(2020, 1, 9),
        each(date(2020, 1, 2)),
    ),
    (
        "martial law: 2 working days before Thu 09.03.2023 count 08.03",
        term("working_days", 2, "before"),
        date(2023, 3, 9),
        each(date(2023, 3, 6)),
    ),
    # calendar days before the event: a non-working day never moves towards the event
    (
        "2 days before Tue 10.03.2020: last day Sat 07.03",
        term("calendar_days", 2, "before"),
        date(2020, 3, 10),
        by_rule(date(2020, 3, 6), date(2020, 3, 6), date(2020, 3, 7)),
    ),
    (
        "2 days before Thu 12.03.2020: last day Mon 09.03, the day off for 08.03",
        term("calendar_days", 2, "before"),
        date(2020, 3, 12),
        by_rule(date(2020, 3, 6), date(2020, 3, 6), date(2020, 3, 9)),
    ),
    (
        "1 day before Wed 15.01.2020 is Mon 13.01",
        term("calendar_days", 1, "before"),
        date(2020, 1, 15),
        each(date(2020, 1, 13)),
    ),
    # months and years: same day number, or the last day of a shorter month
    (
        "1 month from 31.01.2024 ends on the leap day 29.02.2024",
        term("months", 1),
        date(2024, 1, 31),
        each(date(2024, 2, 29)),
    ),
    ("1 month from 31.01.2023 ends on 28.02.2023", term("months", 1), date(2023, 1, 31), each(date(2023, 2, 28))),
    ("1 month from 31.03.2020 ends on 30.04.2020", term("months", 1), date(2020, 3, 31), each(date(2020, 4, 30))),
    ("2 months from 30.09.2020 end on 30.11.2020", term("months", 2), date(2020, 9, 30), each(date(2020, 11, 30))),
    (
        "6 months from 15.02.2020 end on Sat 15.08.2020",
        term("months", 6),
        date(2020, 2, 15),
        by_rule(date(2020, 8, 14), date(2020, 8, 17), date(2020, 8, 15)),
    ),
    (
        "1 year from the leap day 29.02.2024 ends on 28.02.2025",
        term("years", 1),
        date(2024, 2, 29),
        each(date(2025, 2, 28)),
    ),
    ("3 years from 15.06.2020 end on 15.06.2023", term("years", 3), date(2020, 6, 15), each(date(2023, 6, 15))),
    # months before the event: counted back as they are counted forward (event − N months)
    (
        "a month before the end of 2020 (31.12) is Mon 30.11.2020",
        term("months", 1, "before"),
        date(2020, 12, 31),
        each(date(2020, 11, 30)),
    ),
    (
        "a month before 31.12.2025 is Sun 30.11.2025: back to Friday, never towards the event",
        term("months", 1, "before"),
        date(2025, 12, 31),
        by_rule(date(2025, 11, 28), date(2025, 11, 28), date(2025, 11, 30)),
    ),
    (
        "a month before 31.03.2025 is the last day of February, 28.02.2025",
        term("months", 1, "before"),
        date(2025, 3, 31),
        each(date(2025, 2, 28)),
    ),
    (
        "a month before 30.03.2024 is the leap day 29.02.2024",
        term("months", 1, "before"),
        date(2024, 3, 30),
        each(date(2024, 2, 29)),
    ),
    (
        "a month before the end of the second quarter (30.06.2025) is 30.05.2025",
        term("months", 1, "before"),
        date(2025, 6, 30),
        each(date(2025, 5, 30)),
    ),
    (
        "a year before 29.02.2024 is 28.02.2023",
        term("years", 1, "before"),
        date(2024, 2, 29),
        each(date(2023, 2, 28)),
    ),
    # a term never ends before its event
    (
        "one day from Sat 07.03.2026: the preceding Friday is before the event, so Monday 09.03",
        term("calendar_days", 1),
        date(2026, 3, 7),
        by_rule(date(2026, 3, 9), date(2026, 3, 9), date(2026, 3, 8)),
    ),
    (
        "one day from Fri 13.03.2020 may end on the event day itself",
        term("calendar_days", 1),
        date(2020, 3, 13),
        by_rule(date(2020, 3, 13), date(2020, 3, 16), date(2020, 3, 14)),
    ),
    # hours: an instant, across midnight; no end rule for hours unless the term asks for one
    (
        "48 hours from Sat 07.03.2020 22:30",
        term("hours", 48),
        datetime(2020, 3, 7, 22, 30),
        each(datetime(2020, 3, 9, 22, 30)),
    ),
    (
        "24 hours from 31.12.2020 23:00 cross into the new year",
        term("hours", 24),
        datetime(2020, 12, 31, 23, 0),
        each(datetime(2021, 1, 1, 23, 0)),
    ),
    (
        "24 hours before the start (00:00) of the meeting day 10.03.2020",
        term("hours", 24, "before", time="00:00"),
        date(2020, 3, 10),
        each(datetime(2020, 3, 9, 0, 0)),
    ),
    (
        "1 hour before 12.03.2020 00:30 crosses midnight backwards",
        term("hours", 1, "before"),
        datetime(2020, 3, 12, 0, 30),
        each(datetime(2020, 3, 11, 23, 30)),
    ),
    (
        "24 elapsed hours across the spring DST change in Kyiv",
        term("hours", 24),
        datetime(2024, 3, 30, 12, 0, tzinfo=ZoneInfo("Europe/Kyiv")),
        each(datetime(2024, 3, 31, 13, 0, tzinfo=ZoneInfo("Europe/Kyiv"))),
    ),
    (
        "48 hours from 00:00 of 26.10.2024 (Kyiv time) are 48 real hours across the end of summer time",
        term("hours", 48, time="00:00"),
        date(2024, 10, 26),
        each(datetime(2024, 10, 27, 23, 0)),
    ),
    (
        "48 hours from a Kyiv wall-clock moment across the start of summer time",
        term("hours", 48),
        datetime(2025, 3, 29, 10, 0),
        each(datetime(2025, 3, 31, 11, 0)),
    ),
    # same day, next day
    ("same day on the working Saturday 11.01.2020", term("same_day"), date(2020, 1, 11), each(date(2020, 1, 11))),
    ("same day on a Sunday is not moved by default", term("same_day"), date(2020, 3, 15), each(date(2020, 3, 15))),
    ("next day after 31.12.2020 is 01.01.2021", term("next_day"), date(2020, 12, 31), each(date(2021, 1, 1))),
    (
        "the day before 01.01.2021 is 31.12.2020",
        term("next_day", 0, "before"),
        date(2021, 1, 1),
        each(date(2020, 12, 31)),
    ),
    (
        "next day with the term's own NEXT rule: 01.01.2021 moves to 04.01",
        term("next_day", end_on_non_working=EndRule.NEXT),
        date(2020, 12, 31),
        each(date(2021, 1, 4)),
    ),
    # a day of the next month
    (
        "by the 15th of the next month after 31.01.2020: Sat 15.02, not moved by default",
        term("day_of_next_month", day=15),
        date(2020, 1, 31),
        each(date(2020, 2, 15)),
    ),
    (
        "by the 15th of the next month with the term's own PRECEDING rule",
        term("day_of_next_month", day=15, end_on_non_working=EndRule.PRECEDING),
        date(2020, 1, 31),
        each(date(2020, 2, 14)),
    ),
    (
        "by the 31st of the next month after 15.01.2024: the leap day",
        term("day_of_next_month", day=31),
        date(2024, 1, 15),
        each(date(2024, 2, 29)),
    ),
    (
        "by the 15th of the next month across the year end",
        term("day_of_next_month", day=15),
        date(2020, 12, 10),
        each(date(2021, 1, 15)),
    ),
    (
        "before: the 15th of the previous month",
        term("day_of_next_month", 0, "before", day=15),
        date(2021, 1, 10),
        each(date(2020, 12, 15)),
    ),
    # weekly: on or after (after) / on or before (before) the anchor
    (
        "Thursday 15:00 after Thu 12.03.2020 16:00 is the next week",
        term("weekly", weekday=4, time="15:00"),
        datetime(2020, 3, 12, 16, 0),
        each(datetime(2020, 3, 19, 15, 0)),
    ),
    (
        "Thursday 15:00 after Thu 12.03.2020 14:00 is the same day",
        term("weekly", weekday=4, time="15:00"),
        datetime(2020, 3, 12, 14, 0),
        each(datetime(2020, 3, 12, 15, 0)),
    ),
    (
        "Thursday 15:00 at exactly Thu 12.03.2020 15:00 is that moment",
        term("weekly", weekday=4, time="15:00"),
        datetime(2020, 3, 12, 15, 0),
        each(datetime(2020, 3, 12, 15, 0)),
    ),
    (
        "Thursday 15:00 from the date Mon 09.03.2020",
        term("weekly", weekday=4, time="15:00"),
        date(2020, 3, 9),
        each(datetime(2020, 3, 12, 15, 0)),
    ),
    (
        "Monday 08:00 after Sun 31.12.2023 is in the new year",
        term("weekly", weekday=1, time="08:00"),
        date(2023, 12, 31),
        each(datetime(2024, 1, 1, 8, 0)),
    ),
    (
        "Friday 12:00 on or before Mon 16.03.2020 09:00",
        term("weekly", 0, "before", weekday=5, time="12:00"),
        datetime(2020, 3, 16, 9, 0),
        each(datetime(2020, 3, 13, 12, 0)),
    ),
    (
        "«щоп'ятниці» without a time of day is that Friday itself: 03.01.2020 after Wed 01.01.2020",
        term("weekly", weekday=5),
        date(2020, 1, 1),
        each(date(2020, 1, 3)),
    ),
    (
        "every Monday without a time after 01.01.2020 is 06.01.2020, a transferred day off, not moved",
        term("weekly", weekday=1),
        date(2020, 1, 1),
        each(date(2020, 1, 6)),
    ),
    (
        "a Friday on or before Wed 01.01.2020 is 27.12.2019",
        term("weekly", 0, "before", weekday=5),
        date(2020, 1, 1),
        each(date(2019, 12, 27)),
    ),
    # a fixed date, and the term's own rule over the policy
    ("a fixed date on Sun 15.03.2020 stays by default", term("fixed_date"), date(2020, 3, 15), each(date(2020, 3, 15))),
    (
        "the term's own NONE rule beats the policy",
        term("calendar_days", 30, end_on_non_working=EndRule.NONE),
        date(2020, 1, 9),
        each(date(2020, 2, 8)),
    ),
]


@pytest.mark.parametrize(("case", "spec", "anchor", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("rule", list(POLICIES))
def test_due_date(
    case: str, spec: TermSpec, anchor: date | datetime, expected: dict[str, date | datetime], rule: str
) -> None:
    result = compute_due(spec, anchor, POLICIES[rule], CAL, clause="r12-s3-p2.3")
    assert result.due == expected[rule], f"{case} ({rule})"
    assert type(result.due) is type(expected[rule])
    assert result.clause == "r12-s3-p2.3"
    assert result.policy == POLICIES[rule].source
    assert result.explanation[0] == "Норма: r12-s3-p2.3."


def test_policy_that_lists_fixed_dates_moves_them() -> None:
    """«Термін виконання документа вираховується календарною датою …» — when the reglament's rule
    covers fixed dates, a Sunday date moves to the preceding Friday."""
    policy = VINNYTSIA.model_copy(update={"applies_to": [*VINNYTSIA.applies_to, Unit.FIXED_DATE]})
    assert compute_due(term("fixed_date"), date(2020, 3, 15), policy, CAL).due == date(2020, 3, 13)


def test_explanation_of_a_backward_move_cites_the_policy_and_every_skipped_day() -> None:
    """Якщо останній день терміну припадає на неробочий – днем закінчення терміну вважається
    останній робочий день, що передує неробочому."""
    result = compute_due(term("calendar_days", 30), date(2020, 2, 14), VINNYTSIA, CAL, clause="r12-s3-p2.3")
    assert result.due == date(2020, 3, 13)
    assert result.start == date(2020, 2, 15)
    assert result.policy == "r12-s3-p4"
    text = result.explanation
    assert "Подія (event): 14.02.2020 (п'ятниця)." in text
    assert any("30 календарних днів" in line and "15.03.2020" in line for line in text)
    assert (
        "останній день 15.03.2020 — неділя; за r12-s3-p4 строк закінчується попереднього робочого дня "
        "13.03.2020." in text
    )
    assert "14.03.2020 також неробочий — субота." in text
    assert text[-1] == "Кінцевий строк: 13.03.2020 (п'ятниця)."


def test_explanation_of_the_civil_code_move_forward() -> None:
    result = compute_due(term("calendar_days", 30), date(2020, 4, 1), CIVIL_CODE_POLICY, CAL)
    line = next(line for line in result.explanation if line.startswith("останній день"))
    assert "01.05.2020 — святковий день: День праці" in line
    assert "Цивільний кодекс України, ст. 253, ч. 5 ст. 254" in line
    assert "наступного робочого дня 04.05.2020" in line
    assert "02.05.2020 також неробочий — субота." in result.explanation
    assert "03.05.2020 також неробочий — неділя." in result.explanation


def test_explanation_of_working_days_lists_skipped_and_counted_days() -> None:
    result = compute_due(term("working_days", 5), date(2020, 1, 3), VINNYTSIA, CAL)
    assert result.start == date(2020, 1, 8)
    text = "\n".join(result.explanation)
    assert "06.01.2020 не враховується — перенесений вихідний" in text
    assert "07.01.2020 не враховується — святковий день: Різдво Христове." in text
    assert "11.01.2020 враховується — робоча субота" in text
    assert "5 робочих днів" in text


def test_explanation_of_martial_law_working_holiday() -> None:
    result = compute_due(term("working_days", 3), date(2023, 3, 7), CIVIL_CODE_POLICY, CAL)
    assert any(line.startswith("08.03.2023 враховується") and "воєнного стану" in line for line in result.explanation)


def test_explanation_of_hours_across_a_clock_change() -> None:
    result = compute_due(term("hours", 48, time="00:00"), date(2024, 10, 26), CIVIL_CODE_POLICY, CAL)
    assert result.due == datetime(2024, 10, 27, 23, 0)
    assert any("годинник переводили" in line for line in result.explanation)
    plain = compute_due(term("hours", 48, time="00:00"), date(2024, 3, 1), CIVIL_CODE_POLICY, CAL)
    assert not any("годинник переводили" in line for line in plain.explanation)


def test_a_term_ending_on_a_transferred_working_saturday_says_so() -> None:
    """11.01.2020 — робоча субота (перенесено робочий день 06.01.2020): строк на неї закінчується, і
    пояснення каже чому."""
    result = compute_due(term("calendar_days", 1), date(2020, 1, 10), VINNYTSIA, CAL)
    assert result.due == date(2020, 1, 11)
    line = next(line for line in result.explanation if line.startswith("останній день 11.01.2020"))
    assert "робоча субота" in line and "не переноситься" in line
    assert [d.counted for d in result.days if d.day == date(2020, 1, 11)] == [True]


def test_due_date_is_a_frozen_value() -> None:
    result = compute_due(term("same_day"), date(2020, 1, 11), VINNYTSIA, CAL)
    assert isinstance(result, DueDate)
    with pytest.raises(AttributeError):
        result.due = date(2020, 1, 12)  # type: ignore[misc]


# -- bad input ------------------------------------------------------------------------------

BAD: list[tuple[str, TermSpec, object, str]] = [
    ("anchor missing", term("calendar_days", 5), None, "anchor"),
    ("anchor as text", term("calendar_days", 5), "2020-01-01", "anchor"),
    ("datetime where whole days are counted", term("calendar_days", 5), datetime(2020, 1, 1, 9, 0), "anchor"),
    ("datetime for a fixed date", term("fixed_date"), datetime(2020, 1, 1, 9, 0), "anchor"),
    ("hours from a bare date without a time", term("hours", 24), date(2020, 1, 1), "anchor"),
    (
        "negative amount",
        TermSpec.model_construct(unit=Unit.CALENDAR_DAYS, amount=-3, anchor="event", end_on_non_working=None),
        date(2020, 1, 1),
        "amount",
    ),
    (
        "weekly without a weekday",
        TermSpec.model_construct(unit=Unit.WEEKLY, amount=0, anchor="event", weekday=None, time="10:00"),
        date(2020, 1, 1),
        "weekday",
    ),
    (
        "day of next month without a day",
        TermSpec.model_construct(unit=Unit.DAY_OF_NEXT_MONTH, amount=0, anchor="event", day=None),
        date(2020, 1, 1),
        "day",
    ),
    ("impossible time of day", term("weekly", weekday=4, time="25:00"), date(2020, 1, 1), "time"),
    ("result beyond year 9999", term("calendar_days", 60), date(9999, 12, 1), "amount"),
    ("months beyond year 9999", term("months", 60), date(9999, 12, 1), "amount"),
    ("working days beyond year 9999", term("working_days", 60), date(9999, 12, 1), "amount"),
    ("hours beyond year 9999", term("hours", 48), datetime(9999, 12, 31, 12, 0), "amount"),
    ("a day before year 1", term("next_day", 0, "before"), date(1, 1, 1), "amount"),
]


@pytest.mark.parametrize(("case", "spec", "anchor", "field"), BAD, ids=[c[0] for c in BAD])
def test_bad_input_names_the_field(case: str, spec: TermSpec, anchor: object, field: str) -> None:
    with pytest.raises(TermError) as err:
        compute_due(spec, anchor, VINNYTSIA, CAL)  # type: ignore[arg-type]
    assert str(err.value).startswith(f"{field}:"), f"{case}: {err.value}"
    assert isinstance(err.value, ValueError)
