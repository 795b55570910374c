"""Facts of drafts and meetings from what a municipal system sends: typed values and attribute strings.

A value that is not given stays absent (None), so it can never produce a finding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from reglament.errors import InvalidArgument
from reglament.legaltime.clock import KYIV as KYIV  # the approval modules' name for Kyiv time
from reglament.rules.loader import Reglament
from reglament.rules.values import parse_date, parse_fact, text_field

MAX_TEXT = 1000  # characters of a name or title (an attribute value: rules.values.MAX_FACT_TEXT)
MAX_REMARKS = 4000
MAX_ATTRIBUTES = 100
MAX_ITEMS = 200  # agenda items, declarations, notices, approvers, members
MAX_INT = 100_000
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$")


def text(value: str, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    return text_field(value, field, limit, required=required)


def day(value: str, field: str, *, required: bool = False) -> dt.date | None:
    """A date "YYYY-MM-DD" (empty: None, or an error when required)."""
    return parse_date(value.strip(), field, required=required)


def moment(value: str, field: str) -> dt.date | dt.datetime | None:
    """A date, or a datetime "YYYY-MM-DDTHH:MM[:SS]" in Kyiv local time (naive); empty: None."""
    value = value.strip()
    if not value:
        return None
    if _DATETIME_RE.match(value):
        try:
            when = dt.datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError as exc:
            raise InvalidArgument(f"{value!r} is not a valid datetime: {exc}", field=field) from None
        day(when.date().isoformat(), field)  # the same range as dates
        return when
    return day(value, field)


def count(value: int | None, field: str) -> int | None:
    if value is None:
        return None
    if value < 0 or value > MAX_INT:
        raise InvalidArgument(f"must be 0..{MAX_INT}, not {value}", field=field)
    return value


def names(values: Iterable[str], field: str, *, limit: int = MAX_ITEMS) -> list[str]:
    out = list(values)
    if len(out) > limit:
        raise InvalidArgument(f"has {len(out)} entries; at most {limit}", field=field)
    return [text(v, f"{field}[{i}]", required=True) for i, v in enumerate(out)]


def attribute_facts(
    reglament: Reglament, attributes: Mapping[str, str], *, field: str, reserved: Iterable[str] = ()
) -> dict[str, Any]:
    """Facts given as attribute strings; an unknown name, or one with its own typed field, is refused."""
    if len(attributes) > MAX_ATTRIBUTES:
        raise InvalidArgument(f"{len(attributes)} attributes; at most {MAX_ATTRIBUTES}", field=field)
    vocabulary = reglament.facts()
    own = set(reserved) | {"subject", "now"}
    out: dict[str, Any] = {}
    for name in sorted(attributes):
        path = f"{field}[{name[:40]}]"
        decl = vocabulary.get(name)
        if decl is None:
            raise InvalidArgument(f"unknown fact {name!r} for reglament {reglament.id}", field=path)
        if name in own:
            raise InvalidArgument(f"fact {name!r} has its own field", field=path)
        out[name] = parse_fact(name, attributes[name], decl, path)
    return out


def declared(reglament: Reglament, typed: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The typed values the reglament has facts for (absent ones dropped), and the names it has none for."""
    vocabulary = reglament.facts()
    facts: dict[str, Any] = {}
    ignored: list[str] = []
    for name, value in typed.items():
        if value is None:
            continue
        if name in vocabulary:
            facts[name] = value
        else:
            ignored.append(name)
    return facts, ignored
