"""Reglament text → clause tree with the stable IDs of DESIGN §3."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reglament.rules.paths import reglament_dir
from reglament.text import profiles as pr
from reglament.text.model import Clause, ClauseKind, ClauseTree, normalize

__all__ = ["ParseError", "parse_file", "parse_text", "tree_for", "tree_for_id"]


class ParseError(ValueError):
    """The text cannot be turned into a clause tree (names the line)."""


# --- line shapes ---------------------------------------------------------------------------------

_ROZDIL_RE = re.compile(r"^Розділ\s+(\d{1,2})\s*\.?\s*(.*)$")
_PARAGRAF_RE = re.compile(r"^(?:§\s*|Параграф\s+)(\d{1,2})\s*\.?\s*(.*)$")
_NUMBERED_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(\.)?(\*\*)?(\s*)(.*)$")
_ITEM_RE = re.compile(r"^(\d{1,2})\)\s*(.*)$")
_BULLET_RE = re.compile(r"^[-•]\s+(.*)$")
_MD_BULLET_RE = re.compile(r"^-\s*(?=\d)")
_TERMINAL = ".;:!?…"


@dataclass(frozen=True)
class _Line:
    """One non-blank body line, classified by its shape."""

    no: int  # 1-based line number in the source file
    shape: str  # rozdil | paragraf | numbered | item | bullet | plain
    label: str
    text: str


def _is_lower_start(text: str) -> bool:
    return bool(text) and text[0].isalpha() and text[0].islower()


def _numbered(line: str, profile: pr.Profile) -> tuple[str, str] | None:
    """(label, text) when the line is a numbered point «5.3. text», else None."""
    candidate = _MD_BULLET_RE.sub("", line, count=1) if profile.has(pr.MARKDOWN_LABELS) else line
    m = _NUMBERED_RE.match(candidate)
    if not m:
        return None
    label, dot, bold, sep, rest = m.groups()
    parts = label.split(".")
    if any(len(p) > 1 and p.startswith("0") for p in parts):
        return None  # a date such as 21.03, not a label
    if bold and not profile.has(pr.MARKDOWN_LABELS):
        return None
    rest = rest.strip()
    if not rest or not (rest[0].isalpha() or rest[0] in '«"“('):
        return None
    if not dot and (len(parts) < 2 or not sep):
        return None  # «15 днів …» is text; «4.1 розпорядження …» is a label without its dot
    return label, rest


def _classify(no: int, raw: str, profile: pr.Profile) -> _Line | None:
    line = raw.strip()
    if not line:
        return None
    flat = normalize(line)
    if m := _ROZDIL_RE.match(flat):
        return _Line(no, "rozdil", m.group(1), m.group(2))
    if m := _PARAGRAF_RE.match(flat):
        return _Line(no, "paragraf", m.group(1), m.group(2))
    if numbered := _numbered(line, profile):
        return _Line(no, "numbered", numbered[0], numbered[1])
    if m := _ITEM_RE.match(line):
        return _Line(no, "item", m.group(1) + ")", m.group(2))
    if m := _BULLET_RE.match(line):
        return _Line(no, "bullet", "", m.group(1))
    return _Line(no, "plain", "", line)


def _body_lines(text: str, profile: pr.Profile) -> list[_Line]:
    raw_lines = [ln.rstrip("\r") for ln in text.split("\n")]
    start = end = None
    for i, raw in enumerate(raw_lines):
        flat = normalize(raw)
        if start is None:
            if profile.body_start.search(flat):
                start = i + 1
        elif profile.body_end.search(flat):
            end = i
            break
    if start is None:
        pattern = profile.body_start.pattern
        raise ParseError(f"profile {profile.name!r}: no line matches the body start {pattern!r}")
    if end is None:
        pattern = profile.body_end.pattern
        raise ParseError(f"profile {profile.name!r}: no line matches the body end {pattern!r}")
    out: list[_Line] = []
    for i in range(start, end):
        classified = _classify(i + 1, raw_lines[i], profile)
        if classified is not None:
            out.append(classified)
    return out


# --- the tree builder ----------------------------------------------------------------------------


@dataclass
class _Draft:
    id: str
    kind: ClauseKind
    label: str
    parent: str | None
    line: int
    parts: list[str] = field(default_factory=list)

    @property
    def joined(self) -> str:
        return normalize(" ".join(self.parts))

    @property
    def terminated(self) -> bool:
        text = self.joined
        return bool(text) and text[-1] in _TERMINAL


class _Builder:
    """Walks the classified body lines and assigns DESIGN §3 IDs.

    Rules that hold for every text (the profile rules come on top):
    - a numbered line of the scope's top depth is a point of the scope (the § or, without §, the Розділ);
      a deeper label is a sub-point of the point named by its prefix;
    - an unnumbered paragraph is an абзац of the current top-level point (-a2, -a3, …: the numbered
      paragraph is абзац 1), also after a list of sub-points (r6-s4-p5-a2 after 5.10); before any point
      it is an абзац of the scope itself (-a1, -a2, …);
    - list items (-i1, -i2, …) belong to the unit that introduced them: the last point, or the owner of
      the абзац that came last; the item and абзац counters are independent.
    """

    def __init__(self, profile: pr.Profile, lines: list[_Line]) -> None:
        self.profile = profile
        self.lines = lines
        self.drafts: dict[str, _Draft] = {}
        self.prev: _Draft | None = None
        self.rozdil: _Draft | None = None
        self.paragraf: _Draft | None = None
        self.paragraf_numbers: set[str] = set()  # § numbers used (after renumbering) in this Розділ
        self.printed_paragrafs: dict[int, set[str]] = self._printed_paragrafs()
        self._current_printed: set[str] = set()
        self.top_point: _Draft | None = None
        self.points: dict[str, _Draft] = {}  # label → point, in the current scope
        self.item_owner: _Draft | None = None
        self.abzac_count: dict[str, int] = {}
        self.item_count: dict[str, int] = {}

    def _printed_paragrafs(self) -> dict[int, set[str]]:
        printed: dict[int, set[str]] = {}
        current: set[str] | None = None
        for ln in self.lines:
            if ln.shape == "rozdil":
                current = printed.setdefault(ln.no, set())
            elif ln.shape == "paragraf" and current is not None:
                current.add(ln.label)
        return printed

    # scope: the § if any, else the Розділ
    @property
    def scope(self) -> _Draft:
        scope = self.paragraf or self.rozdil
        assert scope is not None
        return scope

    def _add(self, draft: _Draft, ln: _Line) -> _Draft:
        if draft.id in self.drafts:
            first = self.drafts[draft.id]
            raise ParseError(f"line {ln.no}: clause id {draft.id!r} again (first at line {first.line})")
        self.drafts[draft.id] = draft
        self.prev = draft
        return draft

    def build(self) -> list[_Draft]:
        for ln in self.lines:
            self._line(ln)
        return list(self.drafts.values())

    def _line(self, ln: _Line) -> None:
        if ln.shape == "rozdil":
            self._rozdil(ln)
            return
        if self.rozdil is None:
            raise ParseError(f"line {ln.no}: text before the first «Розділ» heading: {ln.text[:60]!r}")
        if ln.shape == "paragraf":
            self._paragraf(ln)
        elif ln.shape == "numbered":
            self._numbered(ln)
        elif ln.shape == "item":
            self._item(ln, ln.label)
        elif ln.shape == "bullet":
            prev = self.prev
            if (
                self.profile.has(pr.SPURIOUS_BULLET_CONTINUATION)
                and prev is not None
                and prev.kind not in ("rozdil", "paragraf")
                and not prev.terminated
            ):
                prev.parts.append(ln.text)
            else:
                self._item(ln, "")
        else:
            self._plain(ln)

    def _rozdil(self, ln: _Line) -> None:
        draft = _Draft(f"r{int(ln.label)}", "rozdil", str(int(ln.label)), None, ln.no, [ln.text])
        self.rozdil = self._add(draft, ln)
        self.paragraf = None
        self.paragraf_numbers = set()
        self._open_scope()
        self._current_printed = self.printed_paragrafs.get(ln.no, set())

    def _paragraf(self, ln: _Line) -> None:
        rozdil = self.rozdil
        assert rozdil is not None
        number = str(int(ln.label))
        if number in self.paragraf_numbers:
            if not self.profile.has(pr.DUPLICATE_PARAGRAF_NEXT_FREE):
                raise ParseError(f"line {ln.no}: «Параграф {number}» printed twice in Розділ {rozdil.label}")
            taken = self.paragraf_numbers | self._current_printed
            candidate = int(number) + 1
            while str(candidate) in taken:
                candidate += 1
            number = str(candidate)
        self.paragraf_numbers.add(number)
        draft = _Draft(f"{rozdil.id}-s{number}", "paragraf", str(int(ln.label)), rozdil.id, ln.no, [ln.text])
        self.paragraf = self._add(draft, ln)
        self._open_scope()

    def _open_scope(self) -> None:
        self.top_point = None
        self.points = {}
        self.item_owner = None

    def _top_depth(self) -> int:
        if self.paragraf is not None and self.profile.has(pr.POINT_LABEL_STARTS_WITH_PARAGRAF):
            return 2
        return 1

    def _numbered(self, ln: _Line) -> None:
        depth = len(ln.label.split("."))
        top = self._top_depth()
        if depth < top:
            self._item(ln, ln.label)
            return
        if depth == top and self.profile.has(pr.LOWERCASE_NUMBERED_LIST_AS_ITEMS) and _is_lower_start(ln.text):
            self._item(ln, ln.label)
            return
        scope = self.scope
        if depth == top:
            parent = scope
        else:
            prefix = ln.label.rsplit(".", 1)[0]
            parent = self.points.get(prefix) or self.top_point or scope
        point = _Draft(f"{scope.id}-p{ln.label}", "point", ln.label, parent.id, ln.no, [ln.text])
        draft = self._add(point, ln)
        if depth == top:
            self.top_point = draft
            self.points = {}
        self.points[ln.label] = draft
        self.item_owner = draft

    def _item(self, ln: _Line, label: str) -> None:
        owner = self.item_owner or self.top_point or self.scope
        n = self.item_count.get(owner.id, 0) + 1
        self.item_count[owner.id] = n
        self._add(_Draft(f"{owner.id}-i{n}", "item", label, owner.id, ln.no, [ln.text]), ln)

    def _plain(self, ln: _Line) -> None:
        prev = self.prev
        assert prev is not None
        lower = _is_lower_start(ln.text)
        if lower and prev.kind in ("rozdil", "paragraf"):
            if self.profile.has(pr.HEADING_CONTINUATION):
                prev.parts.append(ln.text)
                return
        elif lower and self.profile.has(pr.PAGE_BREAK_CONTINUATION) and not prev.terminated:
            prev.parts.append(ln.text)
            return
        if (
            lower
            and self.profile.has(pr.LOWERCASE_LIST_ITEMS)
            and prev.kind not in ("rozdil", "paragraf")
            and (prev.kind == "item" or prev.joined.endswith(":"))
        ):
            self._item(ln, "")
            return
        owner = self.top_point or self.scope
        first = 1 if owner.kind == "point" else 0  # the numbered paragraph is абзац 1 of its point
        n = self.abzac_count.get(owner.id, first) + 1
        self.abzac_count[owner.id] = n
        self._add(_Draft(f"{owner.id}-a{n}", "abzac", "", owner.id, ln.no, [ln.text]), ln)
        self.item_owner = owner


def parse_text(text: str, reglament_id: str, profile: str | pr.Profile) -> ClauseTree:
    """Parse a reglament text into its clause tree, applying the profile's defect rules.

    `profile` is a profile name from reglament.text.profiles.PROFILES (or a Profile object).
    """
    prof = profile if isinstance(profile, pr.Profile) else pr.get_profile(profile)
    builder = _Builder(prof, _body_lines(text, prof))
    tree = ClauseTree(reglament_id)
    for d in builder.build():
        tree.add(Clause(id=d.id, kind=d.kind, label=d.label, text=d.joined, parent=d.parent, line=d.line))
    return tree


# --- files and the cache -------------------------------------------------------------------------

_CACHE: dict[tuple[str, str, str], tuple[int, int, ClauseTree]] = {}
_CACHE_LOCK = threading.Lock()


def _copy(tree: ClauseTree) -> ClauseTree:
    return ClauseTree(tree.reglament_id, dict(tree.clauses))


def parse_file(path: Path, reglament_id: str, profile: str) -> ClauseTree:
    """Parse a text file (UTF-8); trees are cached per (file, modification time, size)."""
    resolved = Path(path).resolve()
    stat = resolved.stat()
    key = (str(resolved), reglament_id, profile)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == stat.st_mtime_ns and hit[1] == stat.st_size:
            return _copy(hit[2])
    tree = parse_text(resolved.read_text(encoding="utf-8"), reglament_id, profile)
    with _CACHE_LOCK:
        _CACHE[key] = (stat.st_mtime_ns, stat.st_size, tree)
    return _copy(tree)


def tree_for(reglament_dir_path: Path) -> ClauseTree:
    """The clause tree of the reglament in this folder (reads `id` and `text: {file, profile}` only)."""
    meta_path = Path(reglament_dir_path) / "reglament.yaml"
    with meta_path.open(encoding="utf-8") as fh:
        meta = yaml.safe_load(fh)
    try:
        reglament_id = str(meta["id"])
        text_file = str(meta["text"]["file"])
        profile = str(meta["text"]["profile"])
    except (KeyError, TypeError) as exc:
        raise ParseError(f"{meta_path}: needs `id` and `text: {{file, profile}}` ({exc!r} missing)") from None
    return parse_file(Path(reglament_dir_path) / text_file, reglament_id, profile)


def tree_for_id(reglament_id: str) -> ClauseTree:
    """The clause tree of reglament `reglament_id` under the rules root; LookupError when unknown."""
    return tree_for(reglament_dir(reglament_id))
