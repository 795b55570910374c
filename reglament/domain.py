"""Domain records shared by the core, the store and the services (no I/O here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class ObligationStatus(StrEnum):
    PENDING = "pending"
    DUE_SOON = "due_soon"
    FULFILLED = "fulfilled"
    VIOLATED = "violated"
    WAIVED = "waived"


@dataclass(frozen=True)
class ClauseRef:
    """A citation: fully qualified clause plus the verbatim quote."""

    reglament: str  # e.g. vinnytsia-2020
    clause: str  # e.g. r12-s3-p2.3
    quote: str
    interpretation: str = ""

    @property
    def qualified(self) -> str:
        return f"{self.reglament}/{self.clause}"


@dataclass(frozen=True)
class Finding:
    ref: ClauseRef
    severity: str  # violation | warning | info
    message: str  # Ukrainian
    facts: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Obligation:
    """What someone must do about a subject by a due date; the unit the system tracks."""

    id: str  # deterministic: derived from subject + clause key, so re-evaluation does not duplicate
    ref: ClauseRef
    subject_id: str  # document / draft / meeting id
    bearer: str  # role id
    action: str  # Ukrainian
    due: dt.date | dt.datetime
    explanation: tuple[str, ...] = ()
    status: ObligationStatus = ObligationStatus.PENDING


@dataclass(frozen=True)
class Document:
    """A registered document as the registry keeps it."""

    id: str
    reglament: str
    kind: str  # one of reglament.rules.facts.DOCUMENT_KINDS
    journal: str
    number: str  # registration number as printed, e.g. "252" or "129-р"
    title: str
    correspondent: str
    received: dt.date | None
    registered: dt.date
    due_date: dt.date | None = None
    urgent: bool = False
    for_information: bool = False
    restricted: bool = False
    simple: bool = False
    executors: tuple[str, ...] = ()  # the first named is responsible (r12-s1-p3)
    attributes: dict[str, str] = field(default_factory=dict)
    created_at: dt.datetime | None = None
    signed: dt.date | None = None  # day of signature, when the document carries one
    seq: int | None = None  # sequence in its journal and year; `number` is this formatted


@dataclass(frozen=True)
class NewDocument:
    """A document to register: everything of Document except what the registry assigns."""

    reglament: str
    kind: str
    journal: str
    title: str
    correspondent: str
    received: dt.date | None
    registered: dt.date
    signed: dt.date | None = None
    due_date: dt.date | None = None
    urgent: bool = False
    for_information: bool = False
    restricted: bool = False
    simple: bool = False
    executors: tuple[str, ...] = ()  # the first named is responsible (r12-s1-p3)
    attributes: dict[str, str] = field(default_factory=dict)
