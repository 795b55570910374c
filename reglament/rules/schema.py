"""The `rules/<reglament-id>/` format as pydantic models (DESIGN §4).

Every model forbids unknown keys. The loader (reglament.rules.loader) adds file and line to errors.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StrictBool, Tag, field_validator, model_validator

from reglament.legaltime.spec import CountingPolicy, Strict, TermSpec, Unit

CLAUSE_ID_RE = re.compile(r"^r\d+(-s\d+)?(-p\d+(\.\d+)*)?(-i\d+)?(-a\d+)?(-i\d+)?$")
"""r<розділ>[-s<§>]-p<label>[-i<N>][-a<N>] (DESIGN §3), plus heading-less forms like r9-a1."""

FACT_NAME_RE = r"^[a-z][a-z0-9_]*$"
SLUG_RE = r"^[a-z0-9][a-z0-9_-]*$"

Scalar = str | int | float | bool


def check_clause_id(value: str) -> str:
    if not CLAUSE_ID_RE.match(value):
        raise ValueError(f"{value!r} is not a clause ID of the form r<N>[-s<N>]-p<label>[-i<N>][-a<N>]")
    return value


ClauseId = Annotated[str, Field(min_length=2, max_length=64)]


class Kind(StrEnum):
    DEADLINE = "deadline"
    APPROVAL = "approval"
    REGISTRATION = "registration"
    CONTROL = "control"
    QUORUM_VOTE = "quorum-vote"
    FORMAT = "format"
    CONDITION = "condition"
    NOT_CHECKABLE = "not-checkable"


class Severity(StrEnum):
    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"


class Subject(StrEnum):
    """Which set of facts a clause is evaluated against."""

    DOCUMENT = "document"  # a registered document (registry journals)
    DRAFT = "draft"  # a draft decision or order on its visa route
    MEETING = "meeting"  # a meeting of the executive committee (or another body)
    EXTENSION = "extension"  # a request to move a term


DERIVED_SEPARATOR = "__"
"""Separates the anchor from the term in a derived fact's name; declared facts may not contain it."""


class ComparedTerm(Strict):
    """A term counted from a FactRef's date by legal time: `{unit: calendar_days, amount: 45}`.

    The end date is computed as an obligation's term would be (the reglament's counting policy, its
    calendar), before evaluation, into a derived fact (`derived_fact`) that conditions compare with.
    """

    unit: Literal["calendar_days", "working_days", "months", "years"]
    amount: int = Field(ge=1, le=3660)

    def spec(self, anchor: str) -> TermSpec:
        """The term as legal time computes it, counted from the fact `anchor`."""
        return TermSpec(unit=Unit(self.unit), amount=self.amount, anchor=anchor)

    def derived_fact(self, anchor: str) -> str:
        """The derived fact holding the term's end date: `registered__45_calendar_days`."""
        return f"{anchor}{DERIVED_SEPARATOR}{self.amount}_{self.unit}"


class FactRef(Strict):
    """Another fact's value, optionally scaled (`{fact: membership, times: 0.5}`, numbers), or the end
    of a term counted from it (`{fact: registered, term: {unit: calendar_days, amount: 45}}`, dates)."""

    fact: str = Field(pattern=FACT_NAME_RE)
    times: float = 1.0
    plus: float = 0.0
    term: ComparedTerm | None = None

    @model_validator(mode="after")
    def _term_alone(self) -> FactRef:
        if self.term is not None and {"times", "plus"} & self.model_fields_set:
            raise ValueError(
                "`term` is counted by legal time from the date; it does not combine with `times` or `plus`"
            )
        return self

    @property
    def operand(self) -> str:
        """The fact compared with: `fact` itself, or the derived fact holding the term's end date."""
        return self.fact if self.term is None else self.term.derived_fact(self.fact)


def _operand_form(value: Any) -> str:
    return "ref" if isinstance(value, dict | FactRef) else "number"


Operand = Annotated[
    Annotated[float | int, Tag("number")] | Annotated[FactRef, Tag("ref")], Discriminator(_operand_form)
]
"""A number, or another fact (a mapping): errors name only the form that was written (`gt.ref.term.unit`)."""


class Condition(Strict):
    """One condition on facts. Exactly one form:

    - a test on one fact: `fact` with exactly one of equals / not_equals / in / not_in / exists /
      gt / gte / lt / lte (numbers, dates as epoch days, or a FactRef: another fact, scaled for
      counts, or for dates the end of a term legal time counts from it);
    - `all: [...]` (every one holds) or `any: [...]` (at least one holds).
    """

    fact: str | None = Field(default=None, pattern=FACT_NAME_RE)
    equals: Scalar | None = None
    not_equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    not_in: list[Scalar] | None = None
    exists: bool | None = None
    gt: Operand | None = None
    gte: Operand | None = None
    lt: Operand | None = None
    lte: Operand | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None

    model_config = Strict.model_config | {"populate_by_name": True}

    _OPS = ("equals", "not_equals", "in_", "not_in", "exists", "gt", "gte", "lt", "lte")

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        ops = [name for name in self._OPS if getattr(self, name) is not None]
        groups = [name for name in ("all", "any") if getattr(self, name) is not None]
        if self.fact is not None:
            if len(ops) != 1 or groups:
                raise ValueError(
                    f"condition on fact {self.fact!r} needs exactly one operator "
                    "(equals, not_equals, in, not_in, exists, gt, gte, lt, lte)"
                )
        else:
            if ops or len(groups) != 1:
                raise ValueError("a condition is either `fact` with one operator, or `all: [...]`, or `any: [...]`")
            if not getattr(self, groups[0]):
                raise ValueError(f"`{groups[0]}` needs at least one condition")
        return self

    def operator(self) -> tuple[str, Any]:
        for name in self._OPS:
            value = getattr(self, name)
            if value is not None:
                return ("in" if name == "in_" else name), value
        raise ValueError("group condition has no operator")

    def term_refs(self) -> list[FactRef]:
        """The operands of this condition (and of its parts) that compare with a term's end date."""
        if self.fact is not None:
            _, value = self.operator()
            return [value] if isinstance(value, FactRef) and value.term is not None else []
        return [ref for sub in (self.all or []) + (self.any or []) for ref in sub.term_refs()]

    def facts_used(self) -> set[str]:
        if self.fact is not None:
            names = {self.fact}
            _, value = self.operator()
            if isinstance(value, FactRef):
                names.add(value.fact)
            return names
        out: set[str] = set()
        for sub in (self.all or []) + (self.any or []):
            out |= sub.facts_used()
        return out


class ObligationSpec(Strict):
    """What a clause obliges someone to do, and by when."""

    bearer: str = Field(pattern=SLUG_RE, description="role id from reglament.yaml, or a fact-bound role")
    action: str = Field(min_length=3, description="what must be done, in Ukrainian")
    term: TermSpec


class VisaSpec(Strict):
    """One step of a visa route (approval kind)."""

    role: str = Field(pattern=SLUG_RE)
    order: int = Field(ge=1, description="rank in the route; equal ranks may visa in any order")
    after: list[str] = Field(default_factory=list, description="clause IDs that must be visaed first")
    per_body: str | None = Field(
        default=None, pattern=FACT_NAME_RE, description="list fact: one visa per element (e.g. task_bodies)"
    )
    paper_only: bool = False


class Encoding(Strict):
    """One clause's encoding, or its conscious omission (kind: not-checkable)."""

    id: str
    variant: str | None = Field(default=None, pattern=SLUG_RE, description="distinguishes several rules of one clause")
    kind: Kind
    subject: Subject = Subject.DOCUMENT
    quote: str = Field(min_length=1, description="verbatim words of the clause")
    text_sha: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the clause text it was reviewed against")
    interpretation: str = Field(default="", description="Ukrainian: how an ambiguity is resolved")
    reason: str = Field(default="", description="not-checkable: why no machine can check it (Ukrainian)")
    applies_when: list[Condition] = Field(default_factory=list, description="all must hold")
    requires: list[Condition] | None = Field(default=None, description="all must hold, else a finding")
    obligation: ObligationSpec | None = None
    visa: VisaSpec | None = None
    severity: Severity = Severity.VIOLATION
    message: str = Field(default="", description="the finding's message, in Ukrainian")
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        return check_clause_id(value)

    @property
    def key(self) -> str:
        return self.id if self.variant is None else f"{self.id}#{self.variant}"

    @model_validator(mode="after")
    def _kind_fields(self) -> Encoding:
        payload = [n for n in ("requires", "obligation", "visa") if getattr(self, n) is not None]
        if self.kind is Kind.NOT_CHECKABLE:
            if not self.reason:
                raise ValueError("kind not-checkable needs `reason`")
            if payload or self.applies_when:
                raise ValueError("kind not-checkable takes no applies_when/requires/obligation/visa")
            return self
        if not payload:
            raise ValueError(f"kind {self.kind.value} needs at least one of requires, obligation, visa")
        if self.visa is not None and self.kind is not Kind.APPROVAL:
            raise ValueError("`visa` belongs to kind approval")
        if self.requires is not None and not self.message:
            raise ValueError("`requires` needs `message` (Ukrainian) for the finding")
        return self

    def facts_used(self) -> set[str]:
        out: set[str] = set()
        for cond in self.applies_when + (self.requires or []):
            out |= cond.facts_used()
        if self.obligation is not None:
            out.add(self.obligation.term.anchor)
        return out

    def term_refs(self) -> list[FactRef]:
        """The operands of applies_when and requires that compare with a term's end date."""
        return [ref for cond in self.applies_when + (self.requires or []) for ref in cond.term_refs()]


class EncodingFile(Strict):
    """One YAML file of encodings (one per Розділ or §)."""

    clauses: list[Encoding]


class Act(Strict):
    body: str
    date: dt.date
    number: str
    title: str = ""


class InForce(Strict):
    from_: dt.date = Field(alias="from")
    until: dt.date | None = None

    model_config = Strict.model_config | {"populate_by_name": True}


class TextSource(Strict):
    file: str
    profile: str = Field(pattern=SLUG_RE, description="parser profile with this text's defect rules")


class Role(Strict):
    id: str = Field(pattern=SLUG_RE)
    name: str = Field(description="Ukrainian name as the reglament writes it")
    aliases: list[str] = Field(default_factory=list)


class FactDecl(Strict):
    type: str = Field(pattern=r"^(bool|int|str|date|datetime|list)$")
    description: str
    # -- a document's yes/no fact that the registering system does not state --
    default: StrictBool | None = Field(
        default=None,
        description="bool facts of a document: the value an unstated fact has (e.g. false: not marked, so not)",
    )
    default_note: str = Field(
        default="",
        description="Ukrainian: why an unstated value means `default` («Якщо в документі не зазначено, …»)",
    )

    @model_validator(mode="after")
    def _default_reading(self) -> FactDecl:
        if self.default is None:
            if self.default_note:
                raise ValueError("`default_note` explains a `default`; give the default too")
            return self
        if self.type != "bool":
            raise ValueError(f"`default` is for yes/no facts (type bool), not {self.type}")
        if not self.default_note.strip():
            raise ValueError("`default` needs `default_note`: in Ukrainian, what an unstated fact means and why")
        return self


class Membership(Strict):
    total: int = Field(ge=1, description="total membership of the executive committee (a setting)")
    source: str = Field(description="where the figure comes from")


class CalendarSpec(Strict):
    country: str = "UA"
    overrides: str | None = Field(default=None, description="file of added/removed non-working days")


class ReglamentMeta(Strict):
    """reglament.yaml."""

    id: str = Field(pattern=SLUG_RE)
    municipality: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="subject token in NATS subjects")
    municipality_name: str
    title: str
    adopted_by: Act
    in_force: InForce
    replaces: Act | None = None
    text: TextSource
    counting: CountingPolicy
    calendar: CalendarSpec = CalendarSpec()
    roles: list[Role]
    executive_committee: Membership
    facts: dict[str, FactDecl] = Field(default_factory=dict, description="facts beyond the core vocabulary")
    encodings: list[str] = Field(default_factory=lambda: ["encodings/*.yaml"])

    @field_validator("facts")
    @classmethod
    def _no_derived_names(cls, value: dict[str, FactDecl]) -> dict[str, FactDecl]:
        """`a__…` names are derived facts (the end of a term compared with); none is declared."""
        taken = sorted(name for name in value if DERIVED_SEPARATOR in name)
        if taken:
            raise ValueError(
                f"a fact name may not contain {DERIVED_SEPARATOR!r} (reserved for the end dates of "
                f"compared terms): {', '.join(taken)}"
            )
        return value

    @field_validator("facts")
    @classmethod
    def _core_facts_keep_their_type(cls, value: dict[str, FactDecl]) -> dict[str, FactDecl]:
        """A core fact may be declared again (to give it a `default`), never with another type."""
        from reglament.rules.facts import CORE_FACTS  # facts.py builds on this module

        changed = [
            f"{name} ({decl.type}, core: {CORE_FACTS[name].type})"
            for name, decl in value.items()
            if name in CORE_FACTS and CORE_FACTS[name].type != decl.type
        ]
        if changed:
            raise ValueError(f"a core fact keeps its type: {', '.join(changed)}")
        return value
