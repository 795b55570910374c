"""The Ukrainian working-day calendar: public holidays, transfers, martial law and local overrides.

Source of truth is the pinned ``holidays`` package (``holidays.Ukraine``, version 0.109), read in
Ukrainian. What that version does, checked year by year for 2019–2026:

- Weekends are Saturday and Sunday. A public holiday that falls on a weekend gives the next working
  day off (labelled «<свято> (вихідний)», e.g. 09.03.2020 for 08.03.2020).
- Cabinet transfers are modelled: a weekday becomes a day off («Вихідний день (перенесено з
  11.01.2020)») and the Saturday it was moved to is a working day (``weekend_workdays``). Known
  pairs near our reglaments: 2019: 30.04→11.05, 30.12→21.12, 31.12→28.12; 2020: 06.01→11.01;
  2021: 08.01→16.01, 23.08→28.08, 15.10→23.10; 2022: 07.03→12.03.
- Martial law (since 24.02.2022; Law 2136-IX of 15.03.2022 suspends holidays as days off): in 2022 the package
  still treats 01.01 (with 03.01 off in its place), 07.01, 07.03 (transfer) and 08.03 as days off,
  and 12.03.2022 as a working Saturday; from Easter 2022 on, and for every year 2023–2026, there
  are no public holidays and no transfers at all — every Monday–Friday is a working day
  (08.03.2023, 01.05.2024, 24.08.2026 are working days). The suspended holidays are still listed
  in the package's ``workday`` category; we use them only to annotate explanations.
- The package applies martial law to every year from 2023 on, with no end date; a future end of
  martial law (or any Cabinet transfer the package does not know) goes into the overrides file.
- ``weekend_workdays`` of one year's object may contain dates of other years (1996 dates appear
  in every year); only dates of the year being built are used.

Overrides file (YAML, ISO dates)::

    add_non_working:
      - {date: 2026-08-24, reason: "День незалежності України (воєнний стан скасовано)"}
    add_working:
      - {date: 2026-08-29, reason: "робоча субота, розпорядження КМУ № …"}

An ``add_working`` entry wins over the package; ``add_non_working`` wins over weekdays. A date in
both lists is an error. Years are built lazily and cached: after the first use of a year every
query is a list lookup.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import holidays
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

__all__ = ["WEEKDAY_NAMES", "CalendarError", "CalendarOverrides", "DayOverride", "WorkCalendar"]

WEEKDAY_NAMES = ("понеділок", "вівторок", "середа", "четвер", "п'ятниця", "субота", "неділя")
"""Ukrainian weekday names, indexed by ``date.weekday()``."""

_OBSERVED_SUFFIX = " (вихідний)"
_SUBSTITUTED = re.compile(r"^Вихідний день \(перенесено з (\d{2}\.\d{2}\.\d{4})\)$")


class CalendarError(ValueError):
    """A calendar cannot be built or queried; the message names the file and the field."""


class DayOverride(BaseModel):
    """One day whose status the package gets wrong or does not know yet."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: date
    reason: str = Field(min_length=1, description="Ukrainian, cites the act, e.g. «розпорядження КМУ …»")


class CalendarOverrides(BaseModel):
    """The local overrides file: days added as non-working or as working."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    add_non_working: list[DayOverride] = Field(default_factory=list)
    add_working: list[DayOverride] = Field(default_factory=list)

    @model_validator(mode="after")
    def _no_date_in_both(self) -> CalendarOverrides:
        both = {o.date for o in self.add_non_working} & {o.date for o in self.add_working}
        if both:
            listed = ", ".join(sorted(d.isoformat() for d in both))
            raise ValueError(f"add_working: date(s) {listed} also listed in add_non_working")
        for field in ("add_non_working", "add_working"):
            seen: set[date] = set()
            for i, o in enumerate(getattr(self, field)):
                if o.date in seen:
                    raise ValueError(f"{field}[{i}].date: {o.date.isoformat()} is listed twice")
                seen.add(o.date)
        return self

    @classmethod
    def load(cls, path: str | Path) -> CalendarOverrides:
        """Read and validate an overrides file; every error names the file and the field."""
        path = Path(path)
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except OSError as exc:
            raise CalendarError(f"{path}: cannot read calendar overrides: {exc.strerror or exc}") from exc
        except yaml.YAMLError as exc:
            raise CalendarError(f"{path}: not valid YAML: {exc}") from exc
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise CalendarError(f"{path}: (top level): expected a mapping with add_non_working/add_working")
        try:
            return cls.model_validate(raw)
        except ValidationError as exc:
            problems = "; ".join(f"{_loc(err['loc'])}: {err['msg']}" for err in exc.errors())
            raise CalendarError(f"{path}: {problems}") from exc


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so pydantic reports a bad date with its field."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    assert isinstance(node, yaml.ScalarNode)
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


@dataclass(slots=True)
class _Year:
    """One year, precomputed: index i is the day with ordinal ``first + i``."""

    year: int
    first: int
    working: bytearray  # 1 = working day
    cum: list[int]  # cum[i] = number of working days among indices 0..i
    reasons: dict[int, str]  # index -> why the day is not working
    notes: dict[int, str]  # index -> why a day that looks non-working is working


class WorkCalendar:
    """Working and non-working days in Ukraine, with Ukrainian reasons for every day off."""

    def __init__(self, overrides: str | Path | CalendarOverrides | None = None) -> None:
        if overrides is None or isinstance(overrides, CalendarOverrides):
            self.overrides = overrides or CalendarOverrides()
            self.source: Path | None = None
        else:
            self.source = Path(overrides)
            self.overrides = CalendarOverrides.load(self.source)
        self._non_working = {o.date: o.reason for o in self.overrides.add_non_working}
        self._working = {o.date: o.reason for o in self.overrides.add_working}
        self._years: dict[int, _Year] = {}

    # -- building ---------------------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        y = self._years.get(year)
        if y is None:
            y = self._build(year)
            self._years[year] = y
        return y

    def _build(self, year: int) -> _Year:
        if not 1 <= year <= 9999:
            raise CalendarError(f"date: year {year} is out of range")
        public = holidays.Ukraine(years=year, language="uk")
        suspended = holidays.Ukraine(years=year, language="uk", categories=("workday",))
        first = date(year, 1, 1).toordinal()
        length = date(year, 12, 31).toordinal() - first + 1
        working = bytearray(length)
        reasons: dict[int, str] = {}
        notes: dict[int, str] = {}
        moved_from: dict[date, date] = {}  # working Saturday -> the weekday it replaces
        for day in public:
            for name in public.get_list(day):
                match = _SUBSTITUTED.match(name)
                if match:
                    d, m, y = (int(p) for p in match.group(1).split("."))
                    moved_from[date(y, m, d)] = day
        for i in range(length):
            day = date.fromordinal(first + i)
            why: list[str] = []
            weekend = day.weekday() >= 5
            if weekend and day not in public.weekend_workdays:
                why.append(WEEKDAY_NAMES[day.weekday()])
            elif weekend:
                swapped = moved_from.get(day)
                notes[i] = (
                    f"робоча {WEEKDAY_NAMES[day.weekday()]}: на неї перенесено робочий день {swapped:%d.%m.%Y}"
                    if swapped
                    else f"робоча {WEEKDAY_NAMES[day.weekday()]} (перенесення робочого дня)"
                )
            for name in public.get_list(day) if day in public else ():
                why.append(_holiday_reason(name))
            if day in self._non_working:
                why.append(f"неробочий день ({self._non_working[day]})")
            if day in self._working:
                why = []
                notes[i] = f"робочий день ({self._working[day]})"
            if why:
                reasons[i] = "; ".join(why)
            else:
                working[i] = 1
                if day in suspended and i not in notes:
                    names = ", ".join(suspended.get_list(day))
                    notes[i] = f"святковий день «{names}» — робочий в умовах воєнного стану"
        cum: list[int] = []
        total = 0
        for flag in working:
            total += flag
            cum.append(total)
        return _Year(year, first, working, cum, reasons, notes)

    # -- queries ----------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """True if `d` is a working day (a datetime is read as its date)."""
        y = self._year(d.year)
        return y.working[d.toordinal() - y.first] == 1

    def why_not_working(self, d: date) -> str | None:
        """Ukrainian reason why `d` is not a working day («субота», «святковий день: …»), or None."""
        y = self._year(d.year)
        return y.reasons.get(d.toordinal() - y.first)

    def working_note(self, d: date) -> str | None:
        """For a working day that could look like a day off (working Saturday, holiday under
        martial law, override), a Ukrainian note saying why it is working; otherwise None."""
        y = self._year(d.year)
        return y.notes.get(d.toordinal() - y.first)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before `d`."""
        return self.add_working_days(d, -1)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after `d` (n > 0), before `d` (n < 0), or `d` itself (n == 0).

        For n > 0 the result is a working day and exactly n working days lie in (d, result].
        """
        if isinstance(d, datetime):
            d = d.date()
        if n == 0:
            return d
        y = self._year(d.year)
        idx = d.toordinal() - y.first
        if n > 0:
            target = y.cum[idx] + n
            while target > y.cum[-1]:
                target -= y.cum[-1]
                y = self._year(y.year + 1)
            return date.fromordinal(y.first + bisect.bisect_left(y.cum, target))
        # n < 0: count working days strictly before d
        before = y.cum[idx] - y.working[idx]
        target = before + n + 1  # the wanted day has cum == target
        while target < 1:
            y = self._year(y.year - 1)
            target += y.cum[-1]
        return date.fromordinal(y.first + bisect.bisect_left(y.cum, target))

    def working_days_between(self, a: date, b: date) -> int:
        """Number of working days in (a, b]; if b < a, minus the number in (b, a]."""
        if b < a:
            return -self.working_days_between(b, a)
        ya, yb = self._year(a.year), self._year(b.year)
        count = yb.cum[b.toordinal() - yb.first] - ya.cum[a.toordinal() - ya.first]
        for year in range(a.year, b.year):
            count += self._year(year).cum[-1]
        return count


def _holiday_reason(name: str) -> str:
    match = _SUBSTITUTED.match(name)
    if match:
        return f"перенесений вихідний (робочий день перенесено на {match.group(1)})"
    if name.endswith(_OBSERVED_SUFFIX):
        return f"вихідний замість святкового дня, що припав на вихідний: {name[: -len(_OBSERVED_SUFFIX)]}"
    return f"святковий день: {name}"
