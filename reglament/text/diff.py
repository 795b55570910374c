"""Clause-level changes between two redactions of a reglament: added, removed, renumbered, text changed.

Clauses are matched in three passes: the same ID with the same text is unchanged; then a clause
whose text occurs unchanged under another ID is *renumbered* (a moved paragraph, a shifted абзац);
then the rest are paired by best similarity. A pair under the same ID is *changed*; a pair under
two IDs (similarity ≥ RENUMBER_SIMILARITY) is *renumbered* with its text changed. A same-ID pair
whose similarity reaches RENUMBER_SIMILARITY is taken first; below it, the same ID is kept only
when no pair across IDs is more similar, so a deleted point followed by renumbered, edited ones
reads as one removal and renumberings, not as one point rewritten. Whatever is left is *removed*
or *added*. Each change lists the encodings and the scenarios it touches.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reglament.text.model import Clause, ClauseTree

ADDED = "added"
REMOVED = "removed"
RENUMBERED = "renumbered"
CHANGED = "changed"
KINDS = (CHANGED, RENUMBERED, REMOVED, ADDED)

RENUMBER_SIMILARITY = 0.9
"""Two clauses under different IDs whose texts are at least this similar (difflib ratio) are one clause moved."""


@dataclass
class Change:
    kind: str
    old: Clause | None
    new: Clause | None
    similarity: float = 1.0
    encodings: list[dict[str, Any]] = field(default_factory=list)  # {key, file, line, in: a|b}
    scenarios: list[dict[str, Any]] = field(default_factory=list)  # {feature, scenario, line}

    @property
    def old_id(self) -> str | None:
        return self.old.id if self.old is not None else None

    @property
    def new_id(self) -> str | None:
        return self.new.id if self.new is not None else None

    @property
    def text_changed(self) -> bool:
        return self.old is not None and self.new is not None and self.old.text != self.new.text

    @property
    def ids(self) -> set[str]:
        return {i for i in (self.old_id, self.new_id) if i}

    def word_diff(self) -> str:
        """The text change as words: `[-removed-]{+added+}`."""
        if not self.text_changed:
            return ""
        assert self.old is not None and self.new is not None
        a, b = self.old.text.split(), self.new.text.split()
        out: list[str] = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if op == "equal":
                out.extend(a[i1:i2])
                continue
            if i2 > i1:
                out.append("[-" + " ".join(a[i1:i2]) + "-]")
            if j2 > j1:
                out.append("{+" + " ".join(b[j1:j2]) + "+}")
        return " ".join(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "old_id": self.old_id,
            "new_id": self.new_id,
            "old_line": self.old.line if self.old else None,
            "new_line": self.new.line if self.new else None,
            "old_text": self.old.text if self.old else None,
            "new_text": self.new.text if self.new else None,
            "text_changed": self.text_changed,
            "similarity": round(self.similarity, 3),
            "word_diff": self.word_diff() or None,
            "encodings": self.encodings,
            "scenarios": self.scenarios,
        }


def diff_trees(a: ClauseTree, b: ClauseTree) -> list[Change]:
    """The changes from redaction `a` to redaction `b`, in `b`'s order (removed ones in `a`'s order at the end)."""
    left = {c.id: c for c in a}
    right = {c.id: c for c in b}
    # pass 1: unchanged
    for cid in [cid for cid in left if cid in right and left[cid].text == right[cid].text]:
        del left[cid], right[cid]
    changes: list[Change] = []
    # pass 2: the same text under another ID (document order; a text that repeats pairs in order)
    by_text: dict[str, list[str]] = {}
    for cid, clause in left.items():
        by_text.setdefault(clause.text, []).append(cid)
    for cid, clause in list(right.items()):
        candidates = by_text.get(clause.text)
        if candidates:
            old_id = candidates.pop(0)
            changes.append(Change(RENUMBERED, left.pop(old_id), right.pop(cid)))
    # pass 3: the rest, paired by best similarity (see the module docstring)
    order_a = {cid: i for i, cid in enumerate(c.id for c in a)}
    order_b = {cid: i for i, cid in enumerate(c.id for c in b)}
    changes.extend(_pair_by_similarity(left, right, order_a, order_b))
    changes.extend(Change(ADDED, None, clause, 0.0) for clause in right.values())
    changes.extend(Change(REMOVED, clause, None, 0.0) for clause in left.values())
    changes.sort(
        key=lambda ch: (0, order_b[ch.new.id]) if ch.new is not None else (1, order_a[ch.old.id] if ch.old else 0)
    )
    return changes


def _pair_by_similarity(
    left: dict[str, Clause], right: dict[str, Clause], order_a: dict[str, int], order_b: dict[str, int]
) -> list[Change]:
    """Pair the unmatched clauses of both redactions greedily by similarity, best first; removes the
    paired ones from `left` and `right`.

    Candidates: every same-ID pair, and every pair of the same kind under two IDs whose similarity
    reaches RENUMBER_SIMILARITY. Same-ID pairs at or above the threshold come first; then the rest by
    similarity, a same-ID pair winning a tie, then the pair nearest in document order.
    """
    candidates: list[tuple[tuple[int, float, int, int], str, str, float]] = []
    for old_id, old in left.items():
        for new_id, new in right.items():
            same = old_id == new_id
            if not same and (old.kind != new.kind or not _may_reach(old.text, new.text)):
                continue
            score = _similarity(old.text, new.text)
            if not same and score < RENUMBER_SIMILARITY:
                continue
            tier = 1 if same and score >= RENUMBER_SIMILARITY else 0
            distance = abs(order_a[old_id] - order_b[new_id])
            candidates.append(((tier, score, int(same), -distance), old_id, new_id, score))
    candidates.sort(key=lambda c: c[0], reverse=True)
    changes: list[Change] = []
    for _, old_id, new_id, score in candidates:
        if old_id not in left or new_id not in right:
            continue
        kind = CHANGED if old_id == new_id else RENUMBERED
        changes.append(Change(kind, left.pop(old_id), right.pop(new_id), score))
    return changes


def _may_reach(left_text: str, right_text: str) -> bool:
    """Cheap upper bounds of the similarity (difflib's) still allow RENUMBER_SIMILARITY."""
    matcher = difflib.SequenceMatcher(a=left_text, b=right_text, autojunk=False)
    return matcher.real_quick_ratio() >= RENUMBER_SIMILARITY and matcher.quick_ratio() >= RENUMBER_SIMILARITY


def _similarity(left_text: str, right_text: str) -> float:
    if not left_text and not right_text:
        return 1.0
    return difflib.SequenceMatcher(a=left_text, b=right_text, autojunk=False).ratio()


@dataclass
class DiffReport:
    reglament_a: str
    reglament_b: str
    dir_a: Path
    dir_b: Path
    changes: list[Change]

    def counts(self) -> dict[str, int]:
        return {kind: sum(1 for c in self.changes if c.kind == kind) for kind in KINDS}

    def to_json(self) -> dict[str, Any]:
        from reglament.rules.loader import display_path

        return {
            "a": {"reglament": self.reglament_a, "dir": display_path(self.dir_a)},
            "b": {"reglament": self.reglament_b, "dir": display_path(self.dir_b)},
            "counts": self.counts(),
            "changes": [c.to_json() for c in self.changes],
        }


def diff_dirs(dir_a: str | Path, dir_b: str | Path, features_dir: Path | None = None) -> DiffReport:
    """Compare two reglaments (folders, or ids under the rules root); each change lists the encodings (of
    either redaction) and the scenarios (tagged with the old or the new ID, from `features_dir/<reglament-id>/`)
    it touches.

    LookupError when a folder holds no reglament.yaml; ValueError when a text cannot be parsed.
    """
    from reglament.rules.loader import display_path, inspect_reglament, resolve_dir
    from reglament.trace.features import features_root, load_features

    inspections = []
    for source in (dir_a, dir_b):
        folder = resolve_dir(source)
        inspection = inspect_reglament(folder)
        if inspection.meta is None or inspection.tree is None:
            first = inspection.problems[0] if inspection.problems else "no clause tree"
            raise ValueError(f"{display_path(folder)}: cannot read the reglament: {first}")
        inspections.append(inspection)
    ins_a, ins_b = inspections
    assert ins_a.tree is not None and ins_b.tree is not None and ins_a.meta is not None and ins_b.meta is not None
    changes = diff_trees(ins_a.tree, ins_b.tree)

    encodings: dict[str, list[dict[str, Any]]] = {}
    for side, inspection in (("a", ins_a), ("b", ins_b)):
        for encoding in inspection.encodings:
            where = inspection.locations[encoding.key]
            entry: dict[str, Any] = {"key": encoding.key, "kind": encoding.kind.value, "file": display_path(where.file),
                     "line": where.line, "in": side}
            encodings.setdefault(f"{side}:{encoding.id}", []).append(entry)
    scenarios: dict[str, list[dict[str, Any]]] = {}
    root = features_dir or features_root()
    for reglament in sorted({ins_a.meta.id, ins_b.meta.id}):
        features, _ = load_features(root, reglament)
        for feature in features:
            for case in feature.cases:
                if case.example not in (None, 0):
                    continue
                for clause_id in case.clauses:
                    scenarios.setdefault(clause_id, []).append(
                        {"feature": case.feature, "scenario": case.scenario, "line": case.line}
                    )
    for change in changes:
        seen: set[tuple[str, str]] = set()
        for side, cid in (("a", change.old_id), ("b", change.new_id)):
            for entry in encodings.get(f"{side}:{cid}", []) if cid else []:
                if (entry["key"], entry["in"]) not in seen:
                    seen.add((entry["key"], entry["in"]))
                    change.encodings.append(entry)
        found: set[tuple[str, str]] = set()
        for cid in (change.old_id, change.new_id):
            for entry in scenarios.get(cid or "", []):
                if (entry["feature"], entry["scenario"]) not in found:
                    found.add((entry["feature"], entry["scenario"]))
                    change.scenarios.append(entry)
    return DiffReport(ins_a.meta.id, ins_b.meta.id, ins_a.dir, ins_b.dir, changes)
