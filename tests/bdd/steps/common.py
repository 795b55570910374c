"""What every step shares: the scenario's context, and the reading of the values a lawyer writes —
dates («02.03.2026», «2 березня 2026»), clause references («r12-s3-p2.3», «п. 2.3 § 3 розділу 12»),
roles («міський голова»), yes/no («так», «ні») — into what the gRPC API takes."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import grpc
import pytest
import yaml

from reglament.rules.loader import load_reglament
from reglament.rules.paths import rules_root
from reglament.rules.schema import CLAUSE_ID_RE, Kind
from reglament.trace.features import features_root

FEATURE_KEY = pytest.StashKey[Any]()
"""The pytest-bdd feature of the running scenario (set by tests/bdd/conftest.py)."""

QUOTED = r"«(?P<{name}>[^»]*)»"
"""A value in «ялинках» in a step: the step library reads every value from guillemets."""


def quoted(name: str) -> str:
    return QUOTED.format(name=name)


class StepError(AssertionError):
    """A step that cannot be read or whose expectation does not hold; the message says why, in Ukrainian."""


_SCENARIO: ContextVar[tuple[str, str] | None] = ContextVar("scenario_reglament", default=None)
"""(the test, its reglament): set when a scenario's Context is made, before its first step that takes `ctx`."""


def _running_test() -> str:
    """The pytest test being run, without its phase ("" outside pytest)."""
    return os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" (", 1)[0]


def scenario_reglament() -> str | None:
    """The reglament of the running scenario, if a Context was made in this very test."""
    current = _SCENARIO.get()
    return current[1] if current is not None and current[0] == _running_test() else None


# --- the scenario's context ---------------------------------------------------------------------------


@dataclass
class Context:
    """What one scenario has done so far: the reglament, the last answer, the last refusal."""

    reglament: str
    due: Any = None  # ComputeDueDateResponse
    document_request: Any = None  # RegisterDocumentRequest being prepared
    document: Any = None  # Document as GetDocument returns it, with all its obligations
    draft: Any = None  # Draft being prepared
    route: Any = None  # PlanRouteResponse
    error: grpc.RpcError | None = None  # the last refusal, when a step expected one might come
    notes: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The running scenario's reglament, for the clause references its steps read (clause_id).
        _SCENARIO.set((_running_test(), self.reglament))

    def answer(self, what: str, value: Any) -> Any:
        if value is None:
            if self.error is not None:
                raise StepError(f"{what}: система відмовила: {self.error.code().name}: {self.error.details()}")
            raise StepError(f"{what}: спершу потрібен крок, який звертається до системи")
        return value


def reglament_of_feature(feature: Any) -> str:
    """A feature in features/<reglament-id>/… belongs to that reglament."""
    path = Path(feature.filename).resolve()
    try:
        return path.relative_to(features_root().resolve()).parts[0]
    except ValueError:
        return path.parent.name


# --- dates --------------------------------------------------------------------------------------------

MONTHS = {
    "січня": 1,
    "лютого": 2,
    "березня": 3,
    "квітня": 4,
    "травня": 5,
    "червня": 6,
    "липня": 7,
    "серпня": 8,
    "вересня": 9,
    "жовтня": 10,
    "листопада": 11,
    "грудня": 12,
}
WEEKDAYS = ("понеділок", "вівторок", "середа", "четвер", "п'ятниця", "субота", "неділя")
WEEKDAY_FORMS = {
    "понеділок": 0,
    "вівторок": 1,
    "середа": 2,
    "середу": 2,
    "четвер": 3,
    "п'ятниця": 4,
    "п'ятницю": 4,
    "субота": 5,
    "суботу": 5,
    "неділя": 6,
    "неділю": 6,
}

_DMY_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$")
_WORDS_RE = re.compile(r"^(\d{1,2})\s+([а-яіїєґ']+)\s+(\d{4})(?:\s*(?:року|р\.))?(?:\s+(\d{1,2}):(\d{2}))?$")


def normalize_words(text: str) -> str:
    """Lower case, one kind of apostrophe, single spaces (for comparing what a lawyer typed)."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("ʼ", "'").replace("`", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def parse_day(text: str) -> dt.date | dt.datetime:
    """«02.03.2026», «02.03.2026 15:00», «2 березня 2026», or ISO «2026-03-02»."""
    raw = normalize_words(text)
    try:
        if m := _DMY_RE.match(raw):
            day, month, year, hour, minute = m.groups()
            if hour is not None:
                return dt.datetime(int(year), int(month), int(day), int(hour), int(minute))
            return dt.date(int(year), int(month), int(day))
        if m := _WORDS_RE.match(raw):
            day, month_name, year, hour, minute = m.groups()
            if month_name not in MONTHS:
                raise StepError(f"«{text}»: невідомий місяць «{month_name}» (пишіть «2 березня 2026» або 02.03.2026)")
            if hour is not None:
                return dt.datetime(int(year), MONTHS[month_name], int(day), int(hour), int(minute))
            return dt.date(int(year), MONTHS[month_name], int(day))
        if "t" in raw:
            return dt.datetime.fromisoformat(raw.upper())
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise StepError(f"«{text}» — не дата: пишіть ДД.ММ.РРРР, наприклад «02.03.2026» ({exc})") from None


def iso(text: str) -> str:
    """The API's form of a date a lawyer wrote."""
    value = parse_day(text)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def show_date(value: str) -> str:
    """An API date as a lawyer reads it: «01.04.2026 (середа)»."""
    if not value:
        return "(немає)"
    try:
        moment = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    except ValueError:
        return value
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    text = moment.strftime("%d.%m.%Y %H:%M") if isinstance(moment, dt.datetime) else moment.strftime("%d.%m.%Y")
    return f"{text} ({WEEKDAYS[day.weekday()]})"


# --- yes / no -----------------------------------------------------------------------------------------

YES = {"так", "є", "+", "да", "true"}
NO = {"ні", "немає", "-", "—", "false", ""}


def parse_bool(text: str) -> bool:
    value = normalize_words(text)
    if value in YES:
        return True
    if value in NO:
        return False
    raise StepError(f"«{text}»: очікується «так» або «ні»")


# --- clause references --------------------------------------------------------------------------------

_REF_PARTS = (
    ("r", re.compile(r"розд(?:іл|ілу|\.)\s*(\d+)")),
    ("s", re.compile(r"(?:§|параграф(?:у|а)?)\s*(\d+)")),
    ("p", re.compile(r"(?:підпункт(?:у|ом)?|пункт(?:у|ом)?|пп\.|п\.)\s*(\d+(?:\.\d+)*)(?!\))")),
    ("i", re.compile(r"(?:підпункт(?:у|ом)?\s*|пп\.\s*)?(\d+)\)")),
    ("a", re.compile(r"абз(?:ац(?:у|ом)?|\.)\s*(\d+)")),
)


def clause_id(text: str, reglament: str | None = None) -> str:
    """A clause ID from «r12-s3-p2.3» or from words: «п. 2.3 § 3 розділу 12», «абзац 2 п. 7 § 2 розділу 10».

    The clause must be one of `reglament` (default: the running scenario's) that is encoded, so that a
    step saying what does *not* happen under a clause cannot pass because of a typo in its reference.
    """
    cid = _clause_reference(text)
    reglament = reglament or scenario_reglament()
    if reglament is not None:
        check_encoded_clause(reglament, cid, text)
    return cid


def check_encoded_clause(reglament: str, cid: str, text: str = "") -> None:
    """StepError unless `cid` is a clause of the reglament's text with an encoding a machine checks."""
    loaded = load_reglament(reglament)
    named = f"«{text}» ({cid})" if text and text.strip() != cid else f"«{cid}»"
    if loaded.tree.get(cid) is None:
        raise StepError(f"{named}: такого пункту в регламенті {reglament} немає (див. reglament clauses {reglament})")
    if not any(e.kind is not Kind.NOT_CHECKABLE for e in loaded.by_clause(cid)):
        raise StepError(
            f"{named}: цей пункт регламенту {reglament} не закодовано для перевірки (rules/{reglament}/encodings), "
            "тож система за ним нічого не перевіряє"
        )


def _clause_reference(text: str) -> str:
    raw = text.strip()
    if CLAUSE_ID_RE.match(raw):
        return raw
    words = normalize_words(raw)
    found: dict[str, str] = {}
    for part, pattern in _REF_PARTS:
        if m := pattern.search(words):
            found[part] = m.group(1)
    if "r" not in found:
        raise StepError(
            f"«{text}»: не видно, який це пункт; пишіть ID (r12-s3-p2.3) або «п. 2.3 § 3 розділу 12»"
        )
    out = f"r{found['r']}"
    if "s" in found:
        out += f"-s{found['s']}"
    if "p" in found:
        out += f"-p{found['p']}"
    if "i" in found:
        out += f"-i{found['i']}"
    if "a" in found:
        out += f"-a{found['a']}"
    if not CLAUSE_ID_RE.match(out):
        raise StepError(f"«{text}» дає {out}, а це не ID пункту")
    return out


# --- roles --------------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _meta(reglament: str) -> dict[str, Any]:
    path = rules_root() / reglament / "reglament.yaml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data if isinstance(data, dict) else {}


def roles(reglament: str) -> dict[str, list[str]]:
    """Role id → its Ukrainian name and aliases, as the reglament declares them (reglament.yaml `roles`)."""
    return {r["id"]: [r["name"], *r.get("aliases", [])] for r in _meta(reglament).get("roles", [])}


def role_id(reglament: str, text: str) -> str:
    """The role a lawyer names («керуючий справами виконавчого комітету») → its id (keruiuchyi_spravamy)."""
    wanted = normalize_words(text)
    known = roles(reglament)
    if wanted in known:
        return wanted
    for rid, names in known.items():
        if any(normalize_words(n) == wanted for n in names):
            return rid
    sample = ", ".join(f"«{names[0]}»" for names in list(known.values())[:6])
    raise StepError(f"«{text}»: такої посади (ролі) в регламенті {reglament} немає; наприклад: {sample}, …")


def role_name(reglament: str, rid: str) -> str:
    names = roles(reglament).get(rid)
    return f"{names[0]} ({rid})" if names else rid


def fact_types(reglament: str) -> dict[str, tuple[str, str]]:
    """Fact name → (type, Ukrainian description) of the reglament's own facts (reglament.yaml `facts`)."""
    facts = _meta(reglament).get("facts") or {}
    return {name: (str(d.get("type", "str")), str(d.get("description", ""))) for name, d in facts.items()}


def list_values(text: str) -> list[str]:
    """«Департамент освіти», «Департамент фінансів» (or separated by «;») → the names."""
    inside = re.findall(r"«([^»]+)»", text)
    if inside:
        return [v.strip() for v in inside if v.strip()]
    return [v.strip() for v in re.split(r"[;\n]", text) if v.strip()]


def table_rows(datatable: list[list[str]]) -> list[dict[str, str]]:
    """A Gherkin table with a header row → one dict per row (header words normalised)."""
    if not datatable:
        raise StepError("потрібна таблиця з рядком заголовків")
    header = [normalize_words(h) for h in datatable[0]]
    return [dict(zip(header, (cell.strip() for cell in row), strict=False)) for row in datatable[1:]]
