"""Fact values given as text (gRPC attributes, a control step's facts): the one reading of each declared type."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from reglament.errors import InvalidArgument
from reglament.legaltime.clock import KYIV
from reglament.rules.schema import FactDecl

EARLIEST = dt.date(1991, 8, 24)  # nothing registered under a reglament predates independence
LATEST_AHEAD = dt.timedelta(days=366 * 5)
MAX_FACT_TEXT = 500  # characters of one fact value given as text
MAX_FACT_INT = 100_000  # an integer fact counts things (members, pages, minutes): 0..this

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# ISO date and time of day, seconds and fraction optional, then an optional offset (Z, +02:00, +0200).
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$")
_INT_RE = re.compile(r"^-?[0-9]+$")  # ASCII digits only: no '1_000', no other scripts' digits


def text_field(value: str, field_name: str, limit: int, *, required: bool = False) -> str:
    """`value` stripped and checked: required, at most `limit` characters, no control characters."""
    value = value.strip()
    if required and not value:
        raise InvalidArgument("is required", field=field_name)
    if len(value) > limit:
        raise InvalidArgument(f"is {len(value)} characters long; at most {limit}", field=field_name)
    if any(ord(ch) < 32 and ch not in "\t\n" for ch in value):
        raise InvalidArgument("contains control characters", field=field_name)
    return value


def parse_date(value: str, field_name: str, *, required: bool = False) -> dt.date | None:
    """A date "YYYY-MM-DD" between independence and five years ahead; empty: None, or an error when required."""
    if not value:
        if required:
            raise InvalidArgument("is required (YYYY-MM-DD)", field=field_name)
        return None
    if not _DATE_RE.match(value):
        raise InvalidArgument(f"{value[:40]!r} is not a date YYYY-MM-DD", field=field_name)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidArgument(f"{value!r} is not a valid date: {exc}", field=field_name) from exc
    if day < EARLIEST or day > dt.date.today() + LATEST_AHEAD:
        raise InvalidArgument(f"{value} is outside {EARLIEST}..{dt.date.today() + LATEST_AHEAD}", field=field_name)
    return day


def parse_datetime(value: str, field_name: str) -> dt.datetime:
    """A moment given in ISO form, «2026-03-02T10:15» (Kyiv time) or with an offset («…+02:00», «…Z»);
    the result is aware, in Kyiv time. Anything else is an InvalidArgument naming the field."""
    value = value.strip()
    if not value:
        raise InvalidArgument("is required (YYYY-MM-DDTHH:MM, Kyiv time unless an offset is given)", field=field_name)
    if not _DATETIME_RE.match(value):
        hint = " (a date alone is not a moment: add the time, e.g. T10:15)" if _DATE_RE.match(value) else ""
        raise InvalidArgument(f"{value[:40]!r} is not a datetime YYYY-MM-DDTHH:MM[:SS][+HH:MM]{hint}", field=field_name)
    try:
        moment = dt.datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError as exc:
        raise InvalidArgument(f"{value!r} is not a valid datetime: {exc}", field=field_name) from exc
    moment = moment.replace(tzinfo=KYIV) if moment.tzinfo is None else moment.astimezone(KYIV)
    latest = dt.date.today() + LATEST_AHEAD
    if moment.date() < EARLIEST or moment.date() > latest:
        raise InvalidArgument(f"{value} is outside {EARLIEST}..{latest}", field=field_name)
    return moment


def parse_fact(name: str, raw: str, decl: FactDecl, field_name: str) -> Any:
    """A fact value given as text, converted by its declared type; a bad one is an InvalidArgument naming
    `field_name`. Text: stripped, at most MAX_FACT_TEXT characters, no control characters. bool: 'true' or
    'false'. int: decimal, 0..MAX_FACT_INT. date: YYYY-MM-DD. datetime: ISO, Kyiv time unless it carries an
    offset, returned aware in Kyiv time. list: items separated by ';' (blank items dropped). str: as given."""
    raw = text_field(raw, field_name, MAX_FACT_TEXT)
    if decl.type == "bool":
        if raw not in ("true", "false"):
            raise InvalidArgument(f"fact {name!r} is a bool: 'true' or 'false', not {raw[:40]!r}", field=field_name)
        return raw == "true"
    if decl.type == "int":
        if not _INT_RE.match(raw):
            raise InvalidArgument(f"fact {name!r} is an integer, not {raw[:40]!r}", field=field_name)
        number = int(raw)
        if not 0 <= number <= MAX_FACT_INT:
            raise InvalidArgument(f"fact {name!r} must be 0..{MAX_FACT_INT}, not {raw[:40]}", field=field_name)
        return number
    if decl.type == "date":
        return parse_date(raw, field_name, required=True)
    if decl.type == "datetime":
        return parse_datetime(raw, field_name)
    if decl.type == "list":
        return [part.strip() for part in raw.split(";") if part.strip()]
    return raw
