"""`rules/<reglament-id>/registry.yaml`: journals and number formats, control and intake settings.

The file is data next to the encodings: which journal prints its numbers how (e.g. «129-р»), who
puts a document on control and so alone may remove it, which clauses make a removal a matter of
permission, which intake findings route an appeal to the first leaders or exclude it from
consideration, which documents are put on control by registration itself, and which obligations a
registration or a control step fulfils. A reglament without the file gets the defaults below. Number
formats can be overridden per deployment (settings `registry_number_formats`).
"""

from __future__ import annotations

import string
import threading
from collections.abc import Mapping
from pathlib import Path

from pydantic import Field, field_validator, model_validator

from reglament.legaltime.spec import Strict
from reglament.rules.facts import DOCUMENT_KINDS
from reglament.rules.loader import Problem, RulesError, load_yaml, validate

FILE_NAME = "registry.yaml"
CORRESPONDENT = "@correspondent"
"""A controller given as this is the document's own correspondent (the higher body that sent it)."""

DEFAULT_NUMBER_FORMAT = "{seq}"


def check_number_format(value: str) -> str:
    """A format string with `{seq}` and optionally `{year}`; ValueError naming what is wrong."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        value.format(seq=1, year=2000)
    except (ValueError, KeyError, IndexError, AttributeError) as exc:
        raise ValueError(f"{value!r}: {exc}") from exc
    if "seq" not in names or not names <= {"seq", "year"}:
        raise ValueError(f"{value!r} must use {{seq}} and may use {{year}}, nothing else")
    return value


class JournalSpec(Strict):
    name: str = Field(min_length=1, description="the journal's name as the city writes it (Ukrainian)")
    number_format: str = Field(default=DEFAULT_NUMBER_FORMAT, description="{seq} and optionally {year}")

    @field_validator("number_format")
    @classmethod
    def _format(cls, value: str) -> str:
        return check_number_format(value)


class ControllerRule(Strict):
    """Who puts a document on control when it is of one of `kinds` or has fact `fact` true."""

    kinds: list[str] = Field(default_factory=list)
    fact: str | None = None
    controller: str = Field(min_length=1, description=f"a name, or {CORRESPONDENT}")
    role: str = Field(min_length=1)
    clause: str = Field(min_length=2, description="the clause that names this controller")

    @model_validator(mode="after")
    def _one_condition(self) -> ControllerRule:
        if bool(self.kinds) == (self.fact is not None):
            raise ValueError("a controller rule needs exactly one of `kinds` or `fact`")
        unknown = [k for k in self.kinds if k not in DOCUMENT_KINDS]
        if unknown:
            raise ValueError(f"unknown document kinds {unknown}")
        return self


class BasisRule(Strict):
    """The value of the fact `removal_basis` a removal gets when this rule matches (first match wins)."""

    basis_kinds: list[str] = Field(default_factory=list, description="the basis document is of one of these kinds")
    basis_fact: str | None = Field(default=None, description="the basis document has this fact true")
    basis_from_controller: bool = Field(default=False, description="the basis document is issued by the controller")
    actor_roles: list[str] = Field(default_factory=list, description="no basis document; the actor has this role")
    value: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_condition(self) -> BasisRule:
        given = [bool(self.basis_kinds), self.basis_fact is not None, self.basis_from_controller]
        if sum(given) + bool(self.actor_roles) != 1:
            raise ValueError(
                "a basis rule needs exactly one of basis_kinds, basis_fact, basis_from_controller, actor_roles"
            )
        return self


class AutomaticControl(Strict):
    """A document the reglament puts on control by itself at registration: one of `kinds` (any kind when
    empty) with the yes/no fact `fact` true, put on control by `role` on the registration day, citing `clause`."""

    kinds: list[str] = Field(default_factory=list)
    fact: str = Field(min_length=1, description="a yes/no fact of the document, e.g. control_resolution")
    role: str = Field(min_length=1, description="the role whose act puts the document on control (e.g. mayor)")
    clause: str = Field(min_length=2, description="encoding key of the clause that says so, e.g. r13-s4-p3#control")

    @field_validator("kinds")
    @classmethod
    def _kinds(cls, value: list[str]) -> list[str]:
        unknown = [k for k in value if k not in DOCUMENT_KINDS]
        if unknown:
            raise ValueError(f"unknown document kinds {unknown}")
        return value


class ControlSpec(Strict):
    extra_roles: list[str] = Field(
        default_factory=lambda: ["higher_authority", "city_council"],
        description="controller roles beyond the reglament's own roles",
    )
    controllers: list[ControllerRule] = Field(default_factory=list)
    substitutes: dict[str, list[str]] = Field(
        default_factory=dict, description="role → roles that act for it (the acting mayor for the mayor)"
    )
    issuers: dict[str, str] = Field(default_factory=dict, description="document kind → role that issues it")
    issuer_facts: dict[str, str] = Field(
        default_factory=dict, description="fact → role that issues a document with that fact true"
    )
    removal_basis: list[BasisRule] = Field(default_factory=list)
    permission_clauses: list[str] = Field(
        default_factory=list, description="encoding keys whose findings mean: this actor may not do it"
    )
    long_term_clause: str | None = Field(
        default=None,
        description="the limit of long-term control (of appeals): the documents its term applies to, and the "
        "ceiling of their control term whether or not they are put on long-term control",
    )
    basis_clause: str | None = Field(
        default=None,
        description="the clause a removal basis document is cited against when it does not refer to the "
        "removed document (amends, cancels or answers it)",
    )
    automatic: list[AutomaticControl] = Field(
        default_factory=list, description="documents put on control at registration, without a PutOnControl call"
    )

    @field_validator("issuers")
    @classmethod
    def _kinds(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = [k for k in value if k not in DOCUMENT_KINDS]
        if unknown:
            raise ValueError(f"unknown document kinds {unknown}")
        return value


class IntakeSpec(Strict):
    first_leaders: list[str] = Field(default_factory=list, description="role ids of the first leaders")
    first_leaders_clauses: list[str] = Field(
        default_factory=list, description="encoding keys whose finding routes a document to the first leaders"
    )
    not_considered_clauses: list[str] = Field(
        default_factory=list, description="encoding keys whose finding means: the appeal is not considered"
    )


class FulfilmentSpec(Strict):
    registration: list[str] = Field(default_factory=list, description="clauses the registration itself fulfils")
    put_on_control: list[str] = Field(default_factory=list, description="clauses putting on control fulfils")
    answer: list[str] = Field(
        default_factory=list, description="clauses an outgoing document registered `answer_to` the document fulfils"
    )


class RegistryConfig(Strict):
    journals: dict[str, JournalSpec] = Field(default_factory=dict)
    control: ControlSpec = ControlSpec()
    intake: IntakeSpec = IntakeSpec()
    fulfilment: FulfilmentSpec = FulfilmentSpec()

    @field_validator("journals")
    @classmethod
    def _journal_kinds(cls, value: dict[str, JournalSpec]) -> dict[str, JournalSpec]:
        unknown = [k for k in value if k not in DOCUMENT_KINDS]
        if unknown:
            raise ValueError(f"unknown document kinds {unknown}; journals are named by kind")
        return value

    def number_format(self, kind: str, overrides: Mapping[str, str] | None = None) -> str:
        """How the journal of `kind` prints its numbers; `overrides` (kind → format) win."""
        if overrides and kind in overrides:
            return overrides[kind]
        spec = self.journals.get(kind)
        return spec.number_format if spec is not None else DEFAULT_NUMBER_FORMAT

    def journal_name(self, kind: str) -> str:
        spec = self.journals.get(kind)
        return spec.name if spec is not None else kind


DEFAULT = RegistryConfig()

_CACHE: dict[Path, tuple[float, RegistryConfig]] = {}
_LOCK = threading.Lock()


def load_config(folder: Path) -> RegistryConfig:
    """The registry configuration of the reglament in `folder` (defaults when it has no registry.yaml).

    Raises RulesError naming the file, line and field of every problem.
    """
    path = Path(folder) / FILE_NAME
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return DEFAULT
    with _LOCK:
        cached = _CACHE.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
    problems: list[Problem] = []
    doc = load_yaml(path, problems)
    config = validate(RegistryConfig, doc, doc.data, (), problems) if doc is not None else None
    if problems or config is None:
        raise RulesError(problems or [Problem(path, 1, "", "cannot be loaded", "schema")])
    with _LOCK:
        _CACHE[path] = (mtime, config)
    return config
