"""The legal department's Gherkin features: `features/<reglament-id>/*.feature`, parsed into scenario cases.

A *case* is one run of a scenario: a plain scenario, or one row of a scenario outline's examples
(numbered across all its `Приклади` blocks in file order, as pytest-bdd parametrises them). A case
carries every tag it inherits (feature, rule, scenario, examples); the tags shaped like clause IDs
(`@r12-s3-p2.3`) say which clauses the case checks.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reglament.rules.schema import CLAUSE_ID_RE

FEATURES_DIR_ENV = "REGLAMENT_FEATURES_DIR"
"""Environment variable that replaces the default features root (the `features/` folder of the repository)."""

_CLAUSE_LIKE_RE = re.compile(r"^[rр]\d", re.IGNORECASE)
"""A tag meant as a clause ID (also with a Cyrillic «р» typed by mistake): checked against the tree."""

_PLACEHOLDER_RE = re.compile(r"<([^<>]+)>")


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent.parent


def features_root() -> Path:
    """`$REGLAMENT_FEATURES_DIR` when set and non-empty, else the `features/` folder of the repository."""
    override = os.environ.get(FEATURES_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return repo_root() / "features"


def is_clause_tag(tag: str) -> bool:
    """The tag (without «@») has the shape of a clause ID."""
    return bool(CLAUSE_ID_RE.match(tag))


def looks_like_clause_tag(tag: str) -> bool:
    """The tag is meant as a clause ID (it may still be malformed)."""
    return bool(_CLAUSE_LIKE_RE.match(tag))


@dataclass(frozen=True)
class Tag:
    name: str  # without «@»
    line: int


@dataclass(frozen=True)
class GherkinStep:
    keyword: str  # as written, with its trailing space («Дано », «І »)
    text: str  # outline placeholders substituted
    line: int


@dataclass(frozen=True)
class Case:
    """One run of a scenario (a plain scenario or one examples row of an outline)."""

    reglament: str
    feature: str  # path relative to the features root, POSIX ("vinnytsia-2020/r12-s3.feature")
    scenario: str  # the scenario's name
    keyword: str  # «Сценарій», «Структура сценарію», …
    line: int  # line of the scenario
    tags: tuple[Tag, ...]  # inherited: feature, rule, scenario, examples
    steps: tuple[GherkinStep, ...]  # background steps first
    description: str = ""
    example: int | None = None  # row index across the outline's examples, None for a plain scenario
    example_line: int | None = None
    example_values: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        """Stable identity of the case: feature, scenario name and examples row."""
        base = f"{self.feature}::{self.scenario}"
        return base if self.example is None else f"{base}#{self.example}"

    @property
    def tag_names(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for tag in self.tags:
            seen.setdefault(tag.name, None)
        return tuple(seen)

    @property
    def clauses(self) -> tuple[str, ...]:
        """Clause IDs the case names (tags of clause-ID shape), in tag order."""
        return tuple(t for t in self.tag_names if is_clause_tag(t))

    @property
    def title(self) -> str:
        """The scenario's name, with the examples row for an outline."""
        if self.example is None:
            return self.scenario
        values = ", ".join(v for _, v in self.example_values)
        return f"{self.scenario} [{values}]"


@dataclass
class FeatureFile:
    reglament: str
    path: Path
    rel: str  # relative to the features root, POSIX
    name: str
    keyword: str
    language: str
    description: str
    line: int
    tags: tuple[Tag, ...]
    cases: list[Case] = field(default_factory=list)


@dataclass(frozen=True)
class FeatureProblem:
    """Something wrong in the features themselves (names the file and the line)."""

    code: str
    feature: str
    line: int
    message: str
    clause: str = ""

    def __str__(self) -> str:
        return f"{self.feature}:{self.line}: {self.code}: {self.message}"


class FeatureError(ValueError):
    """A feature file cannot be parsed."""

    def __init__(self, rel: str, line: int, message: str) -> None:
        self.rel = rel
        self.line = line
        super().__init__(f"{rel}:{line}: {message}")


def _tags(node: dict[str, Any]) -> tuple[Tag, ...]:
    return tuple(Tag(t["name"].lstrip("@"), int(t["location"]["line"])) for t in node.get("tags", []))


def _steps(node: dict[str, Any] | None, values: dict[str, str] | None = None) -> tuple[GherkinStep, ...]:
    if not node:
        return ()
    out = []
    for step in node.get("steps", []):
        text = step["text"]
        if values:
            text = _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)
        out.append(GherkinStep(step["keyword"], text, int(step["location"]["line"])))
    return tuple(out)


def _scenario_cases(
    reglament: str,
    rel: str,
    scenario: dict[str, Any],
    inherited: tuple[Tag, ...],
    background: tuple[GherkinStep, ...],
) -> list[Case]:
    tags = inherited + _tags(scenario)
    common = {
        "reglament": reglament,
        "feature": rel,
        "scenario": scenario["name"].strip(),
        "keyword": scenario["keyword"],
        "line": int(scenario["location"]["line"]),
        "description": (scenario.get("description") or "").strip(),
    }
    rows: list[Case] = []
    index = 0
    for examples in scenario.get("examples", []):
        header = [c["value"] for c in (examples.get("tableHeader") or {}).get("cells", [])]
        for row in examples.get("tableBody", []):
            values = dict(zip(header, (c["value"] for c in row["cells"]), strict=False))
            rows.append(
                Case(
                    **common,
                    tags=tags + _tags(examples),
                    steps=background + _steps(scenario, values),
                    example=index,
                    example_line=int(row["location"]["line"]),
                    example_values=tuple(values.items()),
                )
            )
            index += 1
    if rows:
        return rows
    return [Case(**common, tags=tags, steps=background + _steps(scenario))]


def parse_feature_text(text: str, reglament: str, rel: str, path: Path | None = None) -> FeatureFile:
    """Parse one feature's text; FeatureError names the line of a syntax error."""
    from gherkin.errors import CompositeParserException, ParserException
    from gherkin.parser import Parser

    try:
        document: dict[str, Any] = dict(Parser().parse(text))
    except CompositeParserException as exc:
        first: Exception = exc.errors[0] if exc.errors else exc
        location = getattr(first, "location", None) or {}
        raise FeatureError(rel, int(location.get("line") or 1), str(first)) from None
    except ParserException as exc:
        raise FeatureError(rel, int(exc.location.get("line") or 1), str(exc)) from None
    feature = document.get("feature")
    if not feature:
        raise FeatureError(rel, 1, "no «Функціонал:» in the file")
    out = FeatureFile(
        reglament=reglament,
        path=path or Path(rel),
        rel=rel,
        name=feature["name"].strip(),
        keyword=feature["keyword"],
        language=feature.get("language", "en"),
        description=(feature.get("description") or "").strip(),
        line=int(feature["location"]["line"]),
        tags=_tags(feature),
    )
    background: tuple[GherkinStep, ...] = ()
    for child in feature.get("children", []):
        if "background" in child:
            background = _steps(child["background"])
        elif "scenario" in child:
            out.cases.extend(_scenario_cases(reglament, rel, child["scenario"], out.tags, background))
        elif "rule" in child:
            rule = child["rule"]
            rule_tags = out.tags + _tags(rule)
            rule_background = background
            for sub in rule.get("children", []):
                if "background" in sub:
                    rule_background = background + _steps(sub["background"])
                elif "scenario" in sub:
                    out.cases.extend(_scenario_cases(reglament, rel, sub["scenario"], rule_tags, rule_background))
    return out


def feature_files(root: Path, reglament: str | None = None) -> list[Path]:
    """Every `*.feature` under `root/<reglament>/` (or under every reglament folder), sorted."""
    if not root.is_dir():
        return []
    folders = [root / reglament] if reglament else sorted(p for p in root.iterdir() if p.is_dir())
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*.feature"))


def reglament_folders(root: Path) -> list[str]:
    """Names of the folders under the features root (each should be a reglament id)."""
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def load_features(root: Path, reglament: str | None = None) -> tuple[list[FeatureFile], list[FeatureProblem]]:
    """Parse every feature of one reglament (or of all); problems: syntax errors, duplicate scenario names."""
    features: list[FeatureFile] = []
    problems: list[FeatureProblem] = []
    for path in feature_files(root, reglament):
        rel = path.relative_to(root).as_posix()
        owner = rel.split("/", 1)[0]
        try:
            parsed = parse_feature_text(path.read_text(encoding="utf-8"), owner, rel, path)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(FeatureProblem("feature-syntax", rel, 1, f"cannot read: {exc}"))
            continue
        except FeatureError as exc:
            problems.append(FeatureProblem("feature-syntax", rel, exc.line, str(exc).split(": ", 1)[-1]))
            continue
        seen: dict[str, int] = {}
        for case in parsed.cases:
            if case.example not in (None, 0):
                continue
            if case.scenario in seen:
                problems.append(
                    FeatureProblem(
                        "duplicate-scenario",
                        rel,
                        case.line,
                        f"scenario name «{case.scenario}» also at line {seen[case.scenario]}; names must be unique "
                        "in a feature (results are kept by name)",
                    )
                )
            else:
                seen[case.scenario] = case.line
        features.append(parsed)
    return features, problems


def feature_for_clause(clause_id: str) -> str:
    """The feature file (stem) a clause's scenarios belong in: its § (`r12-s3`) or its Розділ (`r9`)."""
    match = re.match(r"^(r\d+(?:-s\d+)?)", clause_id)
    return match.group(1) if match else clause_id
