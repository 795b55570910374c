"""The Ukrainian working-day calendar: holidays, transfers, martial law and local overrides."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reglament.legaltime.calendar import CalendarError, WorkCalendar

CAL = WorkCalendar()

# (case, day, working?, part of the reason it is not working)
DAYS = [
    ("2020: Saturday 11.01 is a transferred working day", date(2020, 1, 11), True, None),
    ("2020: Monday 06.01 is the day off moved from 11.01", date(2020, 1, 6), False, "перенесений вихідний"),
    ("2020: Orthodox Christmas 07.01", date(2020, 1, 7), False, "святковий день: Різдво Христове"),
    ("2020: 08.03 falls on a Sunday", date(2020, 3, 8), False, "неділя"),
    ("2020: Monday 09.03 replaces 08.03", date(2020, 3, 9), False, "Міжнародний жіночий день"),
    ("2020: Labour Day, Friday 01.05", date(2020, 5, 1), False, "святковий день: День праці"),
    ("2020: ordinary Saturday", date(2020, 1, 4), False, "субота"),
    ("2021: Saturday 16.01 is a working day", date(2021, 1, 16), True, None),
    ("2021: Friday 08.01 is a day off", date(2021, 1, 8), False, "перенесений вихідний"),
    ("2021: Saturday 28.08 is a working day", date(2021, 8, 28), True, None),
    ("2021: Saturday 23.10 is a working day", date(2021, 10, 23), True, None),
    ("2021: Friday 15.10 is a day off", date(2021, 10, 15), False, "перенесений вихідний"),
    ("2022: Monday 03.01 replaces New Year on a Saturday", date(2022, 1, 3), False, "Новий рік"),
    ("2022: Monday 07.03 is a day off moved to 12.03", date(2022, 3, 7), False, "перенесений вихідний"),
    ("2022: 08.03, before holidays were suspended", date(2022, 3, 8), False, "Міжнародний жіночий день"),
    ("2022: Saturday 12.03 is a working day", date(2022, 3, 12), True, None),
    ("2022: martial law, Monday 09.05 is working", date(2022, 5, 9), True, None),
    ("2022: martial law, Independence Day 24.08 is working", date(2022, 8, 24), True, None),
    ("2023: martial law, 08.03 is working", date(2023, 3, 8), True, None),
    ("2023: no day off for New Year on a Sunday", date(2023, 1, 2), True, None),
    ("2024: martial law, 01.01 is working", date(2024, 1, 1), True, None),
    ("2024: martial law, 01.05 is working", date(2024, 5, 1), True, None),
    ("2024: leap day is an ordinary Thursday", date(2024, 2, 29), True, None),
    ("2025: martial law, Christmas 25.12 is working", date(2025, 12, 25), True, None),
    ("2026: martial law, Independence Day 24.08 is working", date(2026, 8, 24), True, None),
    ("2026: weekends are still off", date(2026, 3, 8), False, "неділя"),
]


@pytest.mark.parametrize(("case", "day", "working", "reason"), DAYS, ids=[c[0] for c in DAYS])
def test_working_status_and_reason(case: str, day: date, working: bool, reason: str | None) -> None:
    assert CAL.is_working_day(day) is working, case
    why = CAL.why_not_working(day)
    if working:
        assert why is None
    else:
        assert why is not None and reason is not None and reason in why, why


def test_working_notes_explain_days_that_look_like_days_off() -> None:
    assert CAL.working_note(date(2020, 1, 11)) == "робоча субота: на неї перенесено робочий день 06.01.2020"
    note = CAL.working_note(date(2023, 3, 8))
    assert note is not None and "Міжнародний жіночий день" in note and "воєнного стану" in note
    assert CAL.working_note(date(2020, 1, 10)) is None


# (case, start, n, n-th working day after (n > 0) or before (n < 0))
ADD = [
    ("a Friday before the working Saturday", date(2020, 1, 10), 1, date(2020, 1, 11)),
    ("over a weekend, a transfer and Christmas", date(2020, 1, 3), 1, date(2020, 1, 8)),
    ("back over a Sunday to the working Saturday", date(2020, 1, 13), -1, date(2020, 1, 11)),
    ("New Year 2020 with its transfers", date(2019, 12, 27), 5, date(2020, 1, 9)),
    ("back over New Year 2020", date(2020, 1, 13), -5, date(2020, 1, 3)),
    ("March 2022: 07.03 and 08.03 off", date(2022, 3, 4), 2, date(2022, 3, 10)),
    ("March 2022: Saturday 12.03 counts", date(2022, 3, 11), 1, date(2022, 3, 12)),
    ("martial law: 08.03.2023 counts", date(2023, 3, 7), 1, date(2023, 3, 8)),
    ("martial law: 01.01.2026 counts", date(2025, 12, 31), 1, date(2026, 1, 1)),
    ("zero is the day itself", date(2020, 1, 4), 0, date(2020, 1, 4)),
]


@pytest.mark.parametrize(("case", "start", "n", "expected"), ADD, ids=[c[0] for c in ADD])
def test_add_working_days(case: str, start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected, case


def test_next_and_previous_working_day() -> None:
    assert CAL.next_working_day(date(2020, 1, 3)) == date(2020, 1, 8)
    assert CAL.next_working_day(date(2020, 1, 10)) == date(2020, 1, 11)
    assert CAL.next_working_day(date(2021, 5, 1)) == date(2021, 5, 5)  # 03.05 and 04.05.2021 off
    assert CAL.previous_working_day(date(2020, 3, 10)) == date(2020, 3, 6)
    assert CAL.previous_working_day(date(2020, 5, 4)) == date(2020, 4, 30)


def test_working_days_between_counts_the_half_open_interval() -> None:
    assert CAL.working_days_between(date(2019, 12, 27), date(2020, 1, 13)) == 8
    assert CAL.working_days_between(date(2020, 1, 13), date(2019, 12, 27)) == -8
    assert CAL.working_days_between(date(2020, 1, 13), date(2020, 1, 13)) == 0
    # 2020: 262 weekdays - 12 weekday days off + Saturday 11.01
    assert CAL.working_days_between(date(2019, 12, 31), date(2020, 12, 31)) == 251
    # martial law: every weekday works; 2023 has 260 weekdays, 2024 has 262
    assert CAL.working_days_between(date(2022, 12, 31), date(2023, 12, 31)) == 260
    assert CAL.working_days_between(date(2022, 12, 31), date(2024, 12, 31)) == 522


# -- overrides file ------------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calendar-overrides.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_overrides_add_non_working_and_working_days(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "add_non_working:\n"
        "  - {date: 2026-08-24, reason: 'День незалежності України після скасування воєнного стану'}\n"
        "add_working:\n"
        "  - date: '2026-08-29'\n"
        "    reason: 'робоча субота за розпорядженням КМУ'\n",
    )
    cal = WorkCalendar(path)
    assert not cal.is_working_day(date(2026, 8, 24))
    assert "День незалежності України" in (cal.why_not_working(date(2026, 8, 24)) or "")
    assert cal.is_working_day(date(2026, 8, 29))
    assert cal.working_note(date(2026, 8, 29)) == "робочий день (робоча субота за розпорядженням КМУ)"
    assert cal.next_working_day(date(2026, 8, 21)) == date(2026, 8, 25)
    assert CAL.is_working_day(date(2026, 8, 24))  # the shared calendar is untouched


def test_empty_overrides_file_is_allowed(tmp_path: Path) -> None:
    assert WorkCalendar(_write(tmp_path, "")).is_working_day(date(2026, 8, 24))


BAD = [
    ("impossible date", "add_non_working:\n  - {date: 2026-02-30, reason: x}\n", "add_non_working[0].date"),
    ("missing reason", "add_working:\n  - {date: 2026-08-29}\n", "add_working[0].reason"),
    ("empty reason", "add_working:\n  - {date: 2026-08-29, reason: ''}\n", "add_working[0].reason"),
    ("unknown key", "add_nonworking: []\n", "add_nonworking"),
    (
        "unknown key in an entry",
        "add_working:\n  - {date: 2026-08-29, reason: x, why: y}\n",
        "add_working[0].why",
    ),
    ("list instead of entries", "add_working: 2026-08-29\n", "add_working"),
    (
        "date in both lists",
        "add_working: [{date: 2026-08-29, reason: x}]\nadd_non_working: [{date: 2026-08-29, reason: y}]\n",
        "add_working",
    ),
    ("top level not a mapping", "- 2026-08-29\n", "top level"),
    ("not YAML", "add_working: [\n", "not valid YAML"),
]


@pytest.mark.parametrize(("case", "text", "field"), BAD, ids=[c[0] for c in BAD])
def test_bad_overrides_file_names_the_file_and_the_field(tmp_path: Path, case: str, text: str, field: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(CalendarError) as err:
        WorkCalendar(path)
    assert str(path) in str(err.value), case
    assert field in str(err.value), str(err.value)


def test_missing_overrides_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(CalendarError, match=r"absent\.yaml"):
        WorkCalendar(path)
