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
    tasks: tuple[Task, ...] = ()
    links: tuple[DocumentLink, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    topic: str = ""  # the question (classifier code or words); recognises repeated appeals
    category: str = ""  # reporting class: the kind, or "higher_authority"
    findings: tuple[Finding, ...] = ()  # intake findings, each citing its clause
    routed_to: tuple[str, ...] = ()  # role ids the document was routed to at intake (r10-s2-p4)
    not_considered_under: str = ""  # clause under which an appeal is not considered (r10-s2-p13)


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
    tasks: tuple[Task, ...] = ()
    links: tuple[DocumentLink, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    topic: str = ""
    category: str = ""  # empty: the kind
    findings: tuple[Finding, ...] = ()
    routed_to: tuple[str, ...] = ()
    not_considered_under: str = ""


# -- registry: documents' parts and control of execution (Розділ 12) ----------------------------------


@dataclass(frozen=True)
class Task:
    """One task of a document or resolution with its own term (r12-s3-p3)."""

    text: str
    due: dt.date | None = None
    executors: tuple[str, ...] = ()  # empty: the document's executors; the first is responsible


class LinkRelation(StrEnum):
    ANSWER_TO = "answer_to"
    AMENDS = "amends"
    CANCELS = "cancels"
    REPEATS = "repeats"  # an appeal repeating an earlier one on the same question (set by the registry)


@dataclass(frozen=True)
class DocumentLink:
    relation: LinkRelation
    document_id: str


@dataclass(frozen=True)
class Attachment:
    """Metadata of an attached file; the file itself lives in the document-management system."""

    name: str
    media_type: str = ""
    size_bytes: int = 0
    pages: int = 0
    sha256: str = ""


class ControlStatus(StrEnum):
    NOT_ON_CONTROL = "not_on_control"
    ON_CONTROL = "on_control"
    EXECUTED = "executed"  # executed (r12-s4-p1, p2), still on control until removed (r12-s4-p4)
    REMOVED = "removed"


@dataclass(frozen=True)
class InterimReport:
    """An interim report on a document on control; the document stays on control (r10-s2-p9)."""

    reported_on: dt.date
    actor: str
    text: str


@dataclass(frozen=True)
class Control:
    """The control of execution of one document."""

    document_id: str
    status: ControlStatus
    controller: str  # who put it on control and so alone may remove it (r12-s4-p4)
    controller_role: str
    put_by: str
    put_on: dt.date | None  # None: executed without having been put on control
    due: dt.date | None = None  # the control term; None: the document's obligations carry the terms
    long_term: bool = False  # long-term control of an appeal (r10-s2-p8)
    basis: str = ""
    executed_on: dt.date | None = None
    executed_by: str = ""
    execution_facts: dict[str, str] = field(default_factory=dict)  # facts recorded with the execution
    removed_on: dt.date | None = None
    removed_by: str = ""
    removal_basis: str = ""
    removal_document_id: str = ""
    interim_reports: tuple[InterimReport, ...] = ()


@dataclass(frozen=True)
class ControlReportRow:
    """The control figures of one reporting class for a period (see Registry.ControlReport)."""

    category: str
    registered: int = 0
    put_on_control: int = 0
    carried_over: int = 0
    executed: int = 0
    executed_late: int = 0
    removed: int = 0
    open_at_end: int = 0
    overdue: int = 0
