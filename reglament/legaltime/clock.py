"""The clock that feeds "now" to the scheduler: the system clock, or a fixed moment for tests and demos.

Time enters the rules as a fact; nothing waits on an engine timer. A fixed clock is set with the
setting `clock` (REGLAMENT_CLOCK): an ISO date (`2026-05-01`, read as 00:00 Kyiv time that day) or
datetime (`2026-05-01T09:30`, Kyiv time unless it carries an offset). Empty: the system clock.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

KYIV = ZoneInfo("Europe/Kyiv")
"""Every date of a reglament is a Kyiv date; every naive datetime is Kyiv local time."""


class ClockError(ValueError):
    """The clock setting cannot be read; the message names the setting."""


def parse_instant(text: str, field: str = "clock") -> dt.datetime:
    """An aware Kyiv datetime from an ISO date (00:00 that day) or datetime (naive = Kyiv time)."""
    text = text.strip()
    try:
        if "T" in text or " " in text:
            value = dt.datetime.fromisoformat(text)
        else:
            value = dt.datetime.combine(dt.date.fromisoformat(text), dt.time(0, 0))
    except ValueError:
        raise ClockError(f"{field}: {text[:40]!r} is not an ISO date or datetime") from None
    if value.tzinfo is None:
        return value.replace(tzinfo=KYIV)
    return value.astimezone(KYIV)


class Clock:
    """`now()` in Kyiv time: the system clock, or the fixed instant it was made with."""

    def __init__(self, fixed: dt.datetime | None = None) -> None:
        self.fixed = None if fixed is None else (fixed.replace(tzinfo=KYIV) if fixed.tzinfo is None else fixed)

    @classmethod
    def from_setting(cls, text: str) -> Clock:
        return cls(parse_instant(text) if text.strip() else None)

    def now(self) -> dt.datetime:
        if self.fixed is not None:
            return self.fixed.astimezone(KYIV)
        return dt.datetime.now(KYIV)

    def today(self) -> dt.date:
        return self.now().date()

    def describe(self) -> str:
        return "system clock" if self.fixed is None else f"fixed at {self.fixed.isoformat()}"
