"""Statutory terms a reglament defers to: a statute rule package under `rules/statutes/<id>/`.

A reglament sometimes does not state a term itself but sends the reader to a law (Vinnytsia r10-s3-p1:
information requests are handled «відповідно до … Закону»). Such terms are encoded once, as the
statute's own provisions, and cited as the statute — never as the reglament. A package holds:

- `text.txt`: the verbatim articles, «Стаття N. …» headings and numbered parts «N. …»;
- `statute.yaml`: the act, its counting policy (the Civil Code where the law is silent), the
  reglaments it supplements (each with the reglament's clause that defers to the law), and the
  provisions: `id` (`st<article>-ch<part>`, e.g. `st20-ch1`), an optional `variant`, a verbatim
  `quote` of that part, its `text_sha`, an `interpretation` in Ukrainian, `applies_when` conditions on
  the document's facts (core facts only, so they mean the same under every reglament) and an
  `obligation` with its term.

Conditions are evaluated with the reference semantics of reglament.rules.reference (the executable
statement of what a condition means); a package has a handful of provisions and no engine session is
worth opening for them.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from reglament.domain import ClauseRef, Obligation
from reglament.legaltime.calendar import WorkCalendar
from reglament.legaltime.spec import CountingPolicy, Strict, TermSpec
from reglament.legaltime.terms import TermError, compute_due
from reglament.rules.facts import CORE_FACTS, fact_value
from reglament.rules.schema import SLUG_RE, Condition, FactDecl, ObligationSpec
from reglament.text.model import normalize, sha256_of

__all__ = [
    "Provision",
    "Statute",
    "StatuteError",
    "StatuteExtension",
    "Supplement",
    "load_statute",
    "statute_ids",
    "statutes_for",
]

STATUTES_DIR = "statutes"
"""The folder under the rules root that holds one sub-folder per statute package."""

PROVISION_ID_RE = r"^st\d+(-ch\d+)?$"
"""`st20` — стаття 20; `st20-ch1` — частина 1 статті 20."""

_ARTICLE = re.compile(r"^Стаття\s+(\d+)\.\s*(.*)$")
_PART = re.compile(r"^(\d+)\.\s+(.*)$")


class StatuteError(ValueError):
    """A statute package cannot be loaded; the message names the file and the field."""


class Act(Strict):
    body: str
    date: dt.date
    number: str


class Supplement(Strict):
    """A reglament that defers to the statute, and the clause where it does so."""

    reglament: str = Field(pattern=SLUG_RE)
    clause: str = Field(min_length=2, description="the reglament's clause that sends the reader to the law")
    interpretation: str = Field(min_length=1, description="Ukrainian: why the statute's terms apply directly")


class Provision(Strict):
    """One part of an article that sets a term."""

    id: str = Field(pattern=PROVISION_ID_RE)
    variant: str | None = Field(default=None, pattern=SLUG_RE)
    quote: str = Field(min_length=1)
    text_sha: str = Field(pattern=r"^[0-9a-f]{64}$")
    interpretation: str = ""
    applies_when: list[Condition] = Field(default_factory=list)
    obligation: ObligationSpec

    @property
    def key(self) -> str:
        return self.id if self.variant is None else f"{self.id}#{self.variant}"


class StatuteExtension(Strict):
    """How far, how and by when the statute lets a term of its provisions be extended."""

    provisions: list[str] = Field(min_length=1, description="provision ids whose term may be extended")
    clause: str = Field(pattern=PROVISION_ID_RE, description="the part that allows the extension")
    quote: str = Field(min_length=1)
    max: TermSpec = Field(description="the latest the extended term may end")
    decide_by: TermSpec | None = Field(default=None, description="the extension must be decided by then")
    decide_by_quote: str = ""
    interpretation: str = ""


class StatuteFile(Strict):
    """statute.yaml."""

    id: str = Field(pattern=SLUG_RE)
    title: str
    act: Act
    text: str = "text.txt"
    counting: CountingPolicy
    supplements: list[Supplement] = Field(default_factory=list)
    provisions: list[Provision]
    extensions: list[StatuteExtension] = Field(default_factory=list)


@dataclass(frozen=True)
class Part:
    """One numbered part of an article, as printed."""

    id: str  # st20-ch1
    text: str  # normalised

    @property
    def sha256(self) -> str:
        return sha256_of(self.text)


@dataclass
class Statute:
    """A loaded statute package."""

    meta: StatuteFile
    parts: dict[str, Part]
    dir: Path

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def policy(self) -> CountingPolicy:
        return self.meta.counting

    @cached_property
    def calendar(self) -> WorkCalendar:
        return WorkCalendar()

    def facts(self) -> dict[str, FactDecl]:
        """The statute's conditions and anchors use the core vocabulary only."""
        return dict(CORE_FACTS)

    def provisions_of(self, clause_id: str) -> list[Provision]:
        return [p for p in self.meta.provisions if p.id == clause_id]

    def provision(self, key: str) -> Provision:
        for p in self.meta.provisions:
            if p.key == key:
                return p
        raise KeyError(f"{self.id}: no provision {key!r}")

    def has_clause(self, clause_id: str) -> bool:
        return clause_id in self.parts or any(p.id == clause_id for p in self.meta.provisions)

    def ref(self, provision: Provision) -> ClauseRef:
        return ClauseRef(self.id, provision.id, provision.quote, provision.interpretation)

    def extension_of(self, provision_id: str) -> StatuteExtension | None:
        """The statute's rule for extending the term of `provision_id`, if it has one."""
        return next((x for x in self.meta.extensions if provision_id in x.provisions), None)

    def supplement_of(self, reglament_id: str) -> Supplement | None:
        return next((s for s in self.meta.supplements if s.reglament == reglament_id), None)

    def obligations(self, facts: Mapping[str, Any], *, subject_id: str) -> list[Obligation]:
        """The statute's obligations for a document with `facts` (Python values by fact name)."""
        from reglament.rules.evaluate import obligation_id
        from reglament.rules.reference import holds

        values = {name: fact_value(value) for name, value in facts.items() if value is not None}
        out: list[Obligation] = []
        for provision in self.meta.provisions:
            if not all(holds(cond, values) for cond in provision.applies_when):
                continue
            spec = provision.obligation
            anchor = facts.get(spec.term.anchor)
            if anchor is None:
                continue
            ref = self.ref(provision)
            try:
                due = compute_due(spec.term, anchor, self.policy, self.calendar, clause=ref.qualified)
            except TermError as exc:
                raise ValueError(f"{spec.term.anchor}: {exc} ({ref.qualified})") from None
            out.append(
                Obligation(
                    id=obligation_id(subject_id, self.id, provision.key),
                    ref=ref,
                    subject_id=subject_id,
                    bearer=spec.bearer,
                    action=spec.action,
                    due=due.due,
                    explanation=due.explanation,
                )
            )
        return out


# -- loading -----------------------------------------------------------------------------------------


def _parts(text: str, path: Path) -> dict[str, Part]:
    """The numbered parts of every article; a line that is neither a heading nor a numbered part
    continues the part before it."""
    parts: dict[str, Part] = {}
    article: str | None = None
    current: list[str] = []
    current_id: str | None = None

    def close() -> None:
        if current_id is not None:
            parts[current_id] = Part(current_id, normalize(" ".join(current)))

    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        heading = _ARTICLE.match(line)
        if heading:
            close()
            current, current_id = [], None
            article = heading.group(1)
            continue
        numbered = _PART.match(line)
        if numbered and article is not None:
            close()
            current_id = f"st{article}-ch{numbered.group(1)}"
            if current_id in parts:
                raise StatuteError(f"{path}: part {current_id} is printed twice")
            current = [numbered.group(2)]
            continue
        if current_id is not None:
            current.append(line)
    close()
    if not parts:
        raise StatuteError(f"{path}: no «Стаття N.» with numbered parts found")
    return parts


def _check(meta: StatuteFile, parts: dict[str, Part], path: Path) -> None:
    problems: list[str] = []
    keys: set[str] = set()
    for index, p in enumerate(meta.provisions):
        where = f"provisions[{index}]"
        if p.key in keys:
            problems.append(f"{where}.id: duplicate provision {p.key!r}; several rules of one part need variants")
        keys.add(p.key)
        part = parts.get(p.id)
        if part is None:
            problems.append(f"{where}.id: {p.id} is not a part of the text")
            continue
        if normalize(p.quote) not in part.text:
            problems.append(f"{where}.quote: does not occur in {p.id}: «{p.quote}»")
        if p.text_sha != part.sha256:
            problems.append(f"{where}.text_sha: {p.id} changed since review (now {part.sha256}); review it")
        used = {p.obligation.term.anchor}
        for cond in p.applies_when:
            used |= cond.facts_used()
            if cond.term_refs():
                problems.append(
                    f"{where}.applies_when: a comparison with a term (`term:`) is counted only in a reglament's "
                    "encodings, with its counting policy"
                )
        unknown = sorted(used - set(CORE_FACTS))
        if unknown:
            problems.append(f"{where}: facts {', '.join(unknown)} are not core facts")
    for index, x in enumerate(meta.extensions):
        where = f"extensions[{index}]"
        for provision_id in x.provisions:
            if provision_id not in parts:
                problems.append(f"{where}.provisions: {provision_id} is not a part of the text")
        for quote, part_id in ((x.quote, x.clause), (x.decide_by_quote, x.clause)):
            part = parts.get(part_id)
            if part is None:
                problems.append(f"{where}.clause: {part_id} is not a part of the text")
            elif quote and normalize(quote) not in part.text:
                problems.append(f"{where}: quote does not occur in {part_id}: «{quote}»")
        for spec in (x.max, x.decide_by):
            if spec is not None and spec.anchor not in CORE_FACTS:
                problems.append(f"{where}: anchor {spec.anchor!r} is not a core fact")
    if problems:
        raise StatuteError(f"{path}: " + "; ".join(problems))


def _read(folder: Path) -> Statute:
    import yaml

    path = folder / "statute.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StatuteError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise StatuteError(f"{path}: not valid YAML: {exc}") from exc
    try:
        meta = StatuteFile.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(".".join(str(x) for x in err["loc"]) + f": {err['msg']}" for err in exc.errors())
        raise StatuteError(f"{path}: {problems}") from exc
    text_path = folder / meta.text
    try:
        text = text_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StatuteError(f"{text_path}: cannot read: {exc.strerror or exc}") from exc
    parts = _parts(text, text_path)
    _check(meta, parts, path)
    if meta.id != folder.name:
        raise StatuteError(f"{path}: id: {meta.id!r} differs from the folder name {folder.name!r}")
    return Statute(meta, parts, folder)


_CACHE: dict[Path, tuple[tuple[int, int], Statute]] = {}
_LOCK = threading.Lock()
# When each cached folder (and the list of packages, under the root) was last compared with the disk
# (time.monotonic(), seconds); trusted for the loader's recheck interval, as cached reglaments are.
_CHECKED_AT: dict[Path, float] = {}
_IDS: dict[Path, list[str]] = {}


def _fresh(key: Path, now: float) -> bool:
    from reglament.rules import loader

    checked_at = _CHECKED_AT.get(key)
    return checked_at is not None and now - checked_at < loader.recheck_interval()


def _statutes_root() -> Path:
    from reglament.rules.paths import rules_root

    return rules_root() / STATUTES_DIR


def statute_ids() -> list[str]:
    """Every statute package under the rules root."""
    root = _statutes_root()
    now = time.monotonic()
    with _LOCK:
        if _fresh(root, now) and root in _IDS:
            return list(_IDS[root])
    ids = sorted(p.parent.name for p in root.glob("*/statute.yaml")) if root.is_dir() else []
    with _LOCK:
        _IDS[root], _CHECKED_AT[root] = ids, now
    return list(ids)


def load_statute(statute_id: str) -> Statute:
    """The statute package `statute_id`; LookupError if there is none, StatuteError if it is broken."""
    if not re.match(SLUG_RE, statute_id):
        raise LookupError(f"unknown statute {statute_id[:64]!r}")
    folder = (_statutes_root() / statute_id).resolve()
    now = time.monotonic()
    with _LOCK:
        hit = _CACHE.get(folder)
        if hit is not None and _fresh(folder, now):
            return hit[1]
    meta_path = folder / "statute.yaml"
    if not meta_path.is_file():
        raise LookupError(f"unknown statute {statute_id!r}: no {meta_path}")
    stamp = _stamp(folder)
    if hit is None or hit[0] != stamp:
        hit = (stamp, _read(folder))
    with _LOCK:
        _CACHE[folder], _CHECKED_AT[folder] = hit, now
    return hit[1]


def _stamp(folder: Path) -> tuple[int, int]:
    latest, size = 0, 0
    for path in folder.iterdir():
        if path.is_file():
            stat = path.stat()
            latest, size = max(latest, stat.st_mtime_ns), size + stat.st_size
    return latest, size


def statutes_for(reglament_id: str) -> list[tuple[Statute, Supplement]]:
    """The statutes that supplement `reglament_id`, each with the reglament's clause that defers to it."""
    out: list[tuple[Statute, Supplement]] = []
    for statute_id in statute_ids():
        statute = load_statute(statute_id)
        supplement = statute.supplement_of(reglament_id)
        if supplement is not None:
            out.append((statute, supplement))
    return out
