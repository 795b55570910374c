"""The clause tree: a reglament's text split into clauses with stable IDs (DESIGN §3)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

ClauseKind = Literal["rozdil", "paragraf", "point", "item", "abzac"]
"""rozdil = Розділ heading, paragraf = § heading, point = numbered пункт/підпункт,
item = list item (-i<N>), abzac = unnumbered paragraph (-a<N>)."""

HEADING_KINDS: frozenset[str] = frozenset({"rozdil", "paragraf"})

_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The one normalisation of clause text and of quotes: NFC, no markdown bold, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("**", "")
    return _WS.sub(" ", text).strip()


def sha256_of(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Clause:
    """One addressable unit of the text.

    `text` is the normalised text of this unit alone (not of its children), without its printed
    label ("5.3.", "1)", "- "); `label` is the label as printed without bullet and trailing dot.
    For headings `text` is the heading's title.
    """

    id: str
    kind: ClauseKind
    label: str
    text: str
    parent: str | None
    line: int  # 1-based line in the source text file where the unit starts
    sha256: str = ""

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", sha256_of(self.text))

    @property
    def is_heading(self) -> bool:
        return self.kind in HEADING_KINDS


@dataclass
class ClauseTree:
    """All clauses of one reglament in document order."""

    reglament_id: str
    clauses: dict[str, Clause] = field(default_factory=dict)

    def add(self, clause: Clause) -> None:
        if clause.id in self.clauses:
            raise ValueError(f"duplicate clause id {clause.id!r} (line {clause.line})")
        self.clauses[clause.id] = clause

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self.clauses

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses.values())

    def __len__(self) -> int:
        return len(self.clauses)

    def get(self, clause_id: str) -> Clause | None:
        return self.clauses.get(clause_id)

    def children(self, clause_id: str) -> list[Clause]:
        return [c for c in self.clauses.values() if c.parent == clause_id]

    def normative(self) -> list[Clause]:
        """Clauses that coverage counts: every unit but the Розділ and § headings."""
        return [c for c in self.clauses.values() if not c.is_heading]

    def subtree_text(self, clause_id: str) -> str:
        """The clause's text followed by all its descendants' texts (for quotes that span a list)."""
        parts = [self.clauses[clause_id].text]
        for child in self.children(clause_id):
            parts.append(self.subtree_text(child.id))
        return " ".join(p for p in parts if p)
