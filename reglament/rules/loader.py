"""Loads a `rules/<reglament-id>/` folder: reglament.yaml, the clause tree and the encodings.

Every problem names the file, the line and the field path, e.g.
`rules/vinnytsia-2020/encodings/r12.yaml:41: clauses[3].obligation.term.unit: Input should be ...`.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from math import inf
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ValidationError

from reglament.legaltime.spec import CountingPolicy
from reglament.rules.facts import CORE_FACTS
from reglament.rules.paths import RULES_DIR_ENV
from reglament.rules.schema import Condition, Encoding, EncodingFile, FactDecl, FactRef, ReglamentMeta, Subject
from reglament.text.model import ClauseTree

if TYPE_CHECKING:
    from reglament.legaltime.calendar import WorkCalendar
    from reglament.rules.compiler import CompiledRuleset

Loc = tuple[int | str, ...]

NUMERIC_TYPES = frozenset({"int", "date", "datetime"})
"""Fact types that gt / gte / lt / lte may compare (dates are epoch days, datetimes epoch seconds)."""


# -- problems ----------------------------------------------------------------------------------------


def display_path(path: Path) -> str:
    """A path as problems print it: relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def field_path(loc: Loc) -> str:
    """`('clauses', 3, 'obligation')` → `clauses[3].obligation`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One problem in a rules folder, located by file and line."""

    file: Path
    line: int
    field: str  # field path inside the file ('' for the whole file)
    message: str
    code: str = "schema"
    clause: str = ""

    def __str__(self) -> str:
        where = f"{display_path(self.file)}:{self.line}"
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {what}{self.message}"


class RulesError(ValueError):
    """A rules folder cannot be loaded; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# -- YAML with line numbers --------------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose documents are built by `_build`, recording each node's line."""


@dataclass
class YamlDoc:
    path: Path
    data: Any
    lines: dict[Loc, int]  # field path → 1-based line

    def line(self, loc: Loc) -> int:
        """The line of the longest prefix of `loc` that the document has (1 if none)."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


def _build(loader: _LineLoader, node: yaml.Node, loc: Loc, doc: YamlDoc, problems: list[Problem]) -> Any:
    doc.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int) or isinstance(key, bool):
                problems.append(
                    Problem(doc.path, key_node.start_mark.line + 1, field_path(loc), "a key must be a plain scalar")
                )
                continue
            if key in out:
                first = doc.lines.get((*loc, key), 0)
                problems.append(
                    Problem(
                        doc.path,
                        key_node.start_mark.line + 1,
                        field_path((*loc, key)),
                        f"duplicate key {key!r} (first at line {first})",
                    )
                )
                continue
            doc.lines[(*loc, key)] = key_node.start_mark.line + 1
            out[key] = _build(loader, value_node, (*loc, key), doc, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.lines[(*loc, index)] = item.start_mark.line + 1
            items.append(_build(loader, item, (*loc, index), doc, problems))
        return items
    return loader.construct_object(node, deep=True)


def load_yaml(path: Path, problems: list[Problem]) -> YamlDoc | None:
    """One YAML document with the line of every field; syntax errors and duplicate keys go to `problems`."""
    doc = YamlDoc(path, None, {})
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(path, 1, "", f"cannot read: {exc}", code="io"))
        return None
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        doc.data = {} if node is None else _build(loader, node, (), doc, problems)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problems.append(Problem(path, line, "", f"YAML syntax: {getattr(exc, 'problem', None) or exc}"))
        return None
    finally:
        loader.dispose()
    return doc


def validate(model: type[BaseModel], doc: YamlDoc, data: Any, loc: Loc, problems: list[Problem]) -> Any:
    """`model.model_validate(data)`, its errors turned into problems located in `doc` under `loc`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        seen: set[tuple[int, str, str]] = set()
        for error in exc.errors():
            full = (*loc, *error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            key = (doc.line(full), field_path(full), message)
            if key in seen:
                continue
            seen.add(key)
            problems.append(Problem(doc.path, key[0], key[1], message))
        return None


# -- the reglament -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Located:
    file: Path
    line: int


@dataclass
class Reglament:
    """One reglament: its metadata, clause tree and encodings, loaded from `dir`."""

    meta: ReglamentMeta
    tree: ClauseTree
    encodings: list[Encoding]
    dir: Path
    locations: dict[str, Located] = field(default_factory=dict)  # encoding key → where it is written
    _by_key: dict[str, Encoding] = field(default_factory=dict, repr=False)
    _by_clause: dict[str, list[Encoding]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _compiled: dict[Subject, CompiledRuleset] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._by_key = {e.key: e for e in self.encodings}
        for e in self.encodings:
            self._by_clause.setdefault(e.id, []).append(e)

    @property
    def id(self) -> str:
        return self.meta.id

    def by_clause(self, clause_id: str) -> list[Encoding]:
        """Every encoding (all variants) of one clause, in file order."""
        return list(self._by_clause.get(clause_id, ()))

    def encoding(self, key: str) -> Encoding:
        """The encoding with this key (`<clause>` or `<clause>#<variant>`); KeyError if none."""
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(f"{self.id}: no encoding {key!r}") from None

    def facts(self) -> dict[str, FactDecl]:
        """The fact vocabulary: the core facts and this reglament's own."""
        return {**CORE_FACTS, **self.meta.facts}

    @property
    def policy(self) -> CountingPolicy:
        return self.meta.counting

    @cached_property
    def compared_terms(self) -> dict[Subject, dict[str, tuple[FactRef, str]]]:
        """Per subject: derived fact name → the operand that compares with a term's end date, and the
        first encoding key using it (evaluation computes these facts before the rules see the facts)."""
        out: dict[Subject, dict[str, tuple[FactRef, str]]] = {}
        for encoding in self.encodings:
            for ref in encoding.term_refs():
                out.setdefault(encoding.subject, {}).setdefault(ref.operand, (ref, encoding.key))
        return out

    @cached_property
    def calendar(self) -> WorkCalendar:
        from reglament.legaltime.calendar import WorkCalendar

        overrides = self.meta.calendar.overrides
        return WorkCalendar(self.dir / overrides if overrides else None)

    def rulesets(self) -> dict[Subject, CompiledRuleset]:
        """The compiled rulesets, one per subject (compiled once per loaded reglament)."""
        with self._lock:
            if self._compiled is None:
                from reglament.rules.compiler import compile_encodings

                self._compiled = compile_encodings(self.id, self.encodings)
            return self._compiled


@dataclass
class Inspection:
    """What could be loaded from a rules folder, and every problem met (verify reports both)."""

    dir: Path
    meta: ReglamentMeta | None = None
    tree: ClauseTree | None = None
    encodings: list[Encoding] = field(default_factory=list)
    locations: dict[str, Located] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # every file the result depends on


def _encoding_files(folder: Path, patterns: list[str]) -> list[Path]:
    found: dict[Path, None] = {}
    for pattern in patterns:
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                found.setdefault(path, None)
    return list(found)


def _walk_conditions(conditions: list[Condition], loc: Loc) -> Iterator[tuple[Condition, Loc]]:
    for index, cond in enumerate(conditions):
        here = (*loc, index)
        yield cond, here
        if cond.all is not None:
            yield from _walk_conditions(cond.all, (*here, "all"))
        if cond.any is not None:
            yield from _walk_conditions(cond.any, (*here, "any"))


def _check_operand(
    name: str,
    decl: FactDecl,
    ref: FactRef,
    anchor: FactDecl,
    at: Loc,
    doc: YamlDoc,
    encoding: Encoding,
    problems: list[Problem],
) -> None:
    """A date is compared with a term counted by legal time (`term`), never moved by raw arithmetic."""

    def problem(where: Loc, message: str) -> None:
        problems.append(Problem(doc.path, doc.line(where), field_path(where), message, "fact", encoding.id))

    if ref.term is not None:
        for fact, fact_decl, where in ((name, decl, at), (ref.fact, anchor, (*at, "fact"))):
            if fact_decl.type != "date":
                problem(where, f"`term` counts days from a date and ends on a date; fact {fact!r} is {fact_decl.type}")
        return
    if decl.type in ("date", "datetime") and (ref.plus != 0.0 or ref.times != 1.0):
        what = "plus" if ref.plus != 0.0 else "times"
        problem(
            (*at, what),
            f"fact {name!r} is a {decl.type}: a date is not moved by `{what}` (no counting policy, no month or year "
            "rule); compare with the end of a term, e.g. `{fact: registered, term: {unit: calendar_days, amount: 45}}`",
        )


def _check_references(
    encoding: Encoding, doc: YamlDoc, loc: Loc, vocabulary: dict[str, FactDecl], problems: list[Problem]
) -> None:
    def unknown(name: str, at: Loc) -> None:
        problems.append(
            Problem(doc.path, doc.line(at), field_path(at), f"undeclared fact {name!r}", "fact", encoding.id)
        )

    for group in ("applies_when", "requires"):
        for cond, at in _walk_conditions(getattr(encoding, group) or [], (*loc, group)):
            if cond.fact is None:
                continue
            decl = vocabulary.get(cond.fact)
            if decl is None:
                unknown(cond.fact, (*at, "fact"))
                continue
            op, value = cond.operator()
            if isinstance(value, FactRef) and value.fact not in vocabulary:
                unknown(value.fact, (*at, op, "fact"))
            elif isinstance(value, FactRef):
                _check_operand(cond.fact, decl, value, vocabulary[value.fact], (*at, op), doc, encoding, problems)
            if op in ("gt", "gte", "lt", "lte") and decl.type not in NUMERIC_TYPES:
                problems.append(
                    Problem(
                        doc.path,
                        doc.line((*at, op)),
                        field_path((*at, op)),
                        f"`{op}` compares numbers, dates or datetimes; fact {cond.fact!r} is {decl.type}",
                        "fact",
                        encoding.id,
                    )
                )
    if encoding.obligation is not None and encoding.obligation.term.anchor not in vocabulary:
        unknown(encoding.obligation.term.anchor, (*loc, "obligation", "term", "anchor"))
    if encoding.visa is not None and encoding.visa.per_body is not None and encoding.visa.per_body not in vocabulary:
        unknown(encoding.visa.per_body, (*loc, "visa", "per_body"))


def inspect_reglament(folder: Path) -> Inspection:
    """Load what can be loaded from `folder`, collecting every problem instead of stopping at one."""
    folder = Path(folder)
    result = Inspection(folder)
    problems = result.problems
    meta_path = folder / "reglament.yaml"
    result.files.append(meta_path)
    doc = load_yaml(meta_path, problems)
    if doc is None:
        return result
    result.meta = validate(ReglamentMeta, doc, doc.data, (), problems)
    if result.meta is None:
        return result
    meta: ReglamentMeta = result.meta
    text_path = folder / meta.text.file
    result.files.append(text_path)
    if meta.calendar.overrides:
        result.files.append(folder / meta.calendar.overrides)
    try:
        from reglament.text.parser import tree_for

        result.tree = tree_for(folder)
    except (OSError, ValueError, LookupError) as exc:
        problems.append(Problem(text_path, 1, "", f"cannot parse the text: {exc}", "text"))
    vocabulary = {**CORE_FACTS, **meta.facts}
    for path in _encoding_files(folder, meta.encodings):
        result.files.append(path)
        enc_doc = load_yaml(path, problems)
        if enc_doc is None:
            continue
        parsed = validate(EncodingFile, enc_doc, enc_doc.data, (), problems)
        if parsed is not None:
            items: list[Encoding | None] = list(parsed.clauses)
        else:
            # Keep the entries that are valid on their own; the others are already reported.
            raw = enc_doc.data.get("clauses") if isinstance(enc_doc.data, dict) else None
            items = [validate(Encoding, enc_doc, item, (), []) for item in raw] if isinstance(raw, list) else []
        for index, encoding in enumerate(items):
            if encoding is None:
                continue
            loc: Loc = ("clauses", index)
            where = Located(path, enc_doc.line(loc))
            previous = result.locations.get(encoding.key)
            if previous is not None:
                problems.append(
                    Problem(
                        path,
                        where.line,
                        field_path((*loc, "id")),
                        f"duplicate encoding {encoding.key!r} (also at {display_path(previous.file)}:{previous.line}); "
                        "several rules of one clause need distinct `variant`s",
                        "duplicate",
                        encoding.id,
                    )
                )
                continue
            _check_references(encoding, enc_doc, loc, vocabulary, problems)
            if encoding.visa is not None and result.tree is not None:
                for after_index, after in enumerate(encoding.visa.after):
                    if after not in result.tree:
                        at = (*loc, "visa", "after", after_index)
                        problems.append(
                            Problem(
                                path,
                                enc_doc.line(at),
                                field_path(at),
                                f"unknown clause {after!r}",
                                "unknown-clause",
                                encoding.id,
                            )
                        )
            result.locations[encoding.key] = where
            result.encodings.append(encoding)
    return result


# -- loading with a cache ----------------------------------------------------------------------------

_CACHE: dict[Path, tuple[tuple[tuple[str, int, int], ...], Reglament]] = {}
_CACHE_LOCK = threading.Lock()
# When each cached folder's files were last compared with the disk (time.monotonic(), seconds).
_CHECKED_AT: dict[Path, float] = {}
# The folder each (source, rules root) resolved to, trusted like the cache it leads to.
_RESOLVED: dict[tuple[str, str], Path] = {}
# How long a cached reglament is trusted without looking at its files again, in seconds. Zero (the
# default, for the CLI and tests) checks on every call; long-running services set it (settings.rules_recheck_s)
# because one check stats every rules file (~0.4 ms), which is too much on every request.
_recheck_s = 0.0


def recheck_interval() -> float:
    """How long cached rules are trusted before their files are compared with the disk again, in seconds."""
    return _recheck_s


def set_recheck_interval(seconds: float) -> None:
    """Trust cached reglaments for `seconds` before comparing their files with the disk again."""
    global _recheck_s
    if seconds < 0:
        raise ValueError(f"recheck interval must be >= 0 s, got {seconds}")
    _recheck_s = seconds


def _signature(files: list[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for path in files:
        try:
            stat = path.stat()
            out.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(out)


def _current_files(folder: Path, cached: Reglament) -> list[Path]:
    files = [folder / "reglament.yaml", folder / cached.meta.text.file]
    if cached.meta.calendar.overrides:
        files.append(folder / cached.meta.calendar.overrides)
    files.extend(_encoding_files(folder, cached.meta.encodings))
    return files


def resolve_dir(source: str | Path) -> Path:
    """A reglament folder from a folder path or a reglament id (LookupError if neither)."""
    if isinstance(source, Path) or "/" in str(source) or str(source).startswith("."):
        folder = Path(source)
        if not (folder / "reglament.yaml").is_file():
            raise LookupError(f"{folder}: no reglament.yaml")
        return folder.resolve()
    from reglament.rules.paths import reglament_dir

    return reglament_dir(str(source)).resolve()


def load_reglament(source: str | Path) -> Reglament:
    """The reglament in folder `source`, or with id `source`; RulesError lists every problem.

    Loaded reglaments are cached per folder until one of their files changes (mtime or size).
    """
    now = time.monotonic()
    # Within the recheck interval the folder a source names is trusted too: resolving it stats the disk.
    named = (str(source), os.environ.get(RULES_DIR_ENV, ""))
    with _CACHE_LOCK:
        folder = _RESOLVED.get(named)
    if folder is None or now - _CHECKED_AT.get(folder, -inf) >= _recheck_s:
        folder = resolve_dir(source)
        with _CACHE_LOCK:
            _RESOLVED[named] = folder
    with _CACHE_LOCK:
        hit = _CACHE.get(folder)
        checked_at = _CHECKED_AT.get(folder)
    if hit is not None and checked_at is not None and now - checked_at < _recheck_s:
        return hit[1]
    if hit is not None and _signature(_current_files(folder, hit[1])) == hit[0]:
        with _CACHE_LOCK:
            _CHECKED_AT[folder] = now
        return hit[1]
    inspection = inspect_reglament(folder)
    if inspection.problems:
        raise RulesError(inspection.problems)
    assert inspection.meta is not None and inspection.tree is not None
    reglament = Reglament(
        meta=inspection.meta,
        tree=inspection.tree,
        encodings=inspection.encodings,
        dir=folder,
        locations=inspection.locations,
    )
    signature = _signature(inspection.files)
    with _CACHE_LOCK:
        _CACHE[folder] = (signature, reglament)
        _CHECKED_AT[folder] = now
    return reglament


__all__ = [
    "Inspection",
    "Problem",
    "Reglament",
    "RulesError",
    "inspect_reglament",
    "load_reglament",
    "recheck_interval",
    "set_recheck_interval",
]
