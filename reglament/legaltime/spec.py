"""Declarative term and counting-policy specifications shared by rules/ and the term arithmetic."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Strict(BaseModel):
    """Base for every declarative model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"  # end-of-month rule: 31 Jan + 1 month = last day of February
    YEARS = "years"
    HOURS = "hours"  # «протягом 48 годин»: a datetime result
    SAME_DAY = "same_day"  # «в день надходження»
    NEXT_DAY = "next_day"  # «не пізніше наступного дня»
    DAY_OF_NEXT_MONTH = "day_of_next_month"  # «до 15 числа наступного місяця»: `day` is the day of month
    WEEKLY = "weekly"  # periodic: «щочетверга о 15.00»: `weekday` (1=Monday) and `time`
    FIXED_DATE = "fixed_date"  # the date is a fact (e.g. «в термін, визначений у документі»)


class Direction(StrEnum):
    AFTER = "after"  # counting starts the day after the anchor (ЦК ст. 253)
    BEFORE = "before"  # «за 2 робочих дні до засідання»: counted back from the anchor


class EndRule(StrEnum):
    """What happens when the last day of a term falls on a non-working day."""

    PRECEDING = "preceding"  # moves back to the preceding working day (Vinnytsia r12-s3-p4)
    NEXT = "next"  # moves forward to the next working day (ЦК ст. 254 ч. 5)
    NONE = "none"  # the day stays where it falls


class CountingPolicy(Strict):
    """How a reglament counts terms in days; declared in reglament.yaml and citing its source."""

    source: str = Field(description="clause ID of the reglament, or a statute reference if the reglament is silent")
    quote: str = Field(default="", description="verbatim words of the source")
    start: Direction = Direction.AFTER
    end_on_non_working: EndRule
    applies_to: list[Unit] = Field(
        default_factory=lambda: [Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.YEARS],
        description="units whose non-working last day is moved by end_on_non_working",
    )
    interpretation: str = ""


class TermSpec(Strict):
    """One term: an amount of a unit counted from (or back from) an anchor fact.

    `anchor` names the fact that holds the start date (e.g. `registered`, `received`, `meeting`);
    for FIXED_DATE it names the fact that holds the date itself.
    """

    unit: Unit
    amount: int = Field(default=0, ge=0, le=3660)
    anchor: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")
    direction: Direction = Direction.AFTER
    day: int | None = Field(default=None, ge=1, le=31, description="DAY_OF_NEXT_MONTH: day of month")
    weekday: int | None = Field(default=None, ge=1, le=7, description="WEEKLY: ISO weekday")
    time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$", description="WEEKLY or HOURS: HH:MM")
    end_on_non_working: EndRule | None = Field(
        default=None, description="overrides the reglament's counting policy for this term only"
    )

    @model_validator(mode="after")
    def _check_unit_fields(self) -> TermSpec:
        amount_units = {Unit.CALENDAR_DAYS, Unit.WORKING_DAYS, Unit.MONTHS, Unit.YEARS, Unit.HOURS}
        if self.unit in amount_units and self.amount < 1:
            raise ValueError(f"unit {self.unit.value} needs amount >= 1")
        if self.unit is Unit.DAY_OF_NEXT_MONTH and self.day is None:
            raise ValueError("unit day_of_next_month needs day")
        if self.unit is Unit.WEEKLY and self.weekday is None:
            raise ValueError("unit weekly needs weekday")
        return self
