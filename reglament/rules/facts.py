"""The core fact vocabulary: the names conditions and term anchors may use.

Dates are epoch days (days since 1970-01-01) so the engine compares integers; datetimes are epoch
seconds. A reglament adds its own facts in `reglament.yaml` (`facts:`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reglament.rules.schema import FactDecl

EPOCH = dt.date(1970, 1, 1)

DOCUMENT_KINDS: tuple[str, ...] = (
    "incoming",  # вхідна кореспонденція
    "outgoing",  # вихідна кореспонденція
    "ec_decision",  # рішення виконавчого комітету
    "mayor_order",  # розпорядження міського голови
    "appeal",  # звернення громадян
    "info_request",  # запит на публічну інформацію
    "deputy_appeal",  # депутатське звернення / запит
    "protocol_instruction",  # протокольне доручення (наради, засідання)
)


def _d(type_: str, description: str) -> FactDecl:
    return FactDecl(type=type_, description=description)


CORE_FACTS: dict[str, FactDecl] = {
    # every subject
    "subject": _d("str", "document | draft | meeting | extension"),
    "now": _d("date", "the evaluation's 'today' (epoch days); time enters as a fact"),
    # document
    "kind": _d("str", "document kind, one of DOCUMENT_KINDS; for drafts: decision | order"),
    "received": _d("date", "day the document reached the council"),
    "registered": _d("date", "day of registration"),
    "signed": _d("date", "day of signature"),
    "due_date": _d("date", "a concrete date set in the document or resolution"),
    "has_due_date": _d("bool", "the document or resolution names a concrete date"),
    "urgent": _d("bool", "marked «терміново»"),
    "for_information": _d("bool", "marked «до відома»"),
    "restricted": _d("bool", "restricted access («для службового користування»)"),
    "simple": _d("bool", "needs no substantial analytical work (shorter term)"),
    "periodic": _d("str", "monthly | quarterly | yearly: «щомісяця», «щокварталу», «щороку»"),
    "long_term": _d("bool", "a document of long-term effect"),
    "period_end": _d("date", "last day of the reporting period"),
    "task_count": _d("int", "number of tasks with terms in the document"),
    "last_task_due": _d("date", "the latest of the tasks' terms"),
    "from_higher_authority": _d("bool", "an act of a higher authority (laws, decrees, CMU acts)"),
    "executor_count": _d("int", "number of executors named"),
    "on_control": _d("bool", "the document is on control"),
    # appeals
    "anonymous": _d("bool", "an appeal without the author's name or address"),
    "repeated": _d("bool", "a repeated appeal on the same matter"),
    "needs_extra_study": _d("bool", "the appeal needs additional study"),
    "priority_group": _d("bool", "the author belongs to a group the law gives priority"),
    "not_competent": _d("bool", "the matter is outside the council's competence"),
    "incomplete": _d("bool", "the appeal lacks what the law requires"),
    "interim_answer": _d("bool", "an interim answer was given"),
    # information requests
    "needs_extension": _d("bool", "answering needs a large volume of data (extension to 20 working days)"),
    # -- approval: drafts (derived by reglament.approval from the terms legal time computes) --
    "materials_late": _d(
        "bool", "the draft's materials arrived after the term counted back from the meeting (derived, not given)"
    ),
    # -- end approval --
}


def to_epoch_day(day: dt.date) -> int:
    return (day - EPOCH).days


def from_epoch_day(days: int) -> dt.date:
    return EPOCH + dt.timedelta(days=days)


def fact_value(value: Any) -> Any:
    """A Python value as the engine sees it: dates become epoch days, datetimes epoch seconds."""
    if isinstance(value, dt.datetime):
        return int(value.timestamp())
    if isinstance(value, dt.date):
        return to_epoch_day(value)
    return value
