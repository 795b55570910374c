"""The results file of the feature runs (`var/bdd-results.json`): each scenario case's last outcome.

Written by the pytest hook of `tests/bdd/` after every run that ran at least one scenario, merged
with the previous file by case key, so a partial run (`-m r12-s3-p2.3`) updates only what it ran.
`reglament trace` reads it; a result whose case no longer exists in the features is ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reglament.trace.features import repo_root

RESULTS_ENV = "REGLAMENT_BDD_RESULTS"
"""Where the feature runs record their results (default `var/bdd-results.json` of the repository)."""
CUCUMBER_ENV = "REGLAMENT_BDD_CUCUMBER"
"""Where the feature runs write the Cucumber JSON of the run (default `var/cucumber.json`)."""
FORMAT = "reglament-bdd-results/1"

OUTCOMES = ("passed", "failed", "skipped")
STEP_STATUSES = ("passed", "failed", "skipped", "undefined")


def default_results_path() -> Path:
    override = os.environ.get(RESULTS_ENV, "").strip()
    return Path(override).expanduser() if override else repo_root() / "var" / "bdd-results.json"


def default_cucumber_path() -> Path:
    override = os.environ.get(CUCUMBER_ENV, "").strip()
    return Path(override).expanduser() if override else repo_root() / "var" / "cucumber.json"


class ResultsError(ValueError):
    """The results file exists but cannot be read."""


@dataclass
class StepResult:
    keyword: str
    text: str
    line: int
    status: str  # passed | failed | skipped | undefined
    duration_s: float = 0.0
    location: str = ""  # where the step definition is (file:line)
    message: str = ""


@dataclass
class ScenarioResult:
    """The last outcome of one case (see reglament.trace.features.Case)."""

    key: str
    reglament: str
    feature: str  # relative to the features root
    scenario: str
    outcome: str  # passed | failed | skipped
    line: int = 0
    keyword: str = ""
    description: str = ""
    example: int | None = None
    example_line: int | None = None
    example_values: list[list[str]] = field(default_factory=list)
    tags: list[list[Any]] = field(default_factory=list)  # [name, line], inherited tags included
    clauses: list[str] = field(default_factory=list)
    duration_s: float = 0.0
    finished_at: str = ""  # ISO UTC
    message: str = ""  # failure or skip reason, shortened
    nodeid: str = ""
    steps: list[StepResult] = field(default_factory=list)
    # The feature, for the Cucumber export.
    feature_name: str = ""
    feature_keyword: str = ""
    feature_line: int = 0
    feature_description: str = ""
    feature_tags: list[list[Any]] = field(default_factory=list)
    language: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScenarioResult:
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["steps"] = [
            StepResult(**{k: v for k, v in s.items() if k in StepResult.__dataclass_fields__})
            for s in data.get("steps", [])
        ]
        result = cls(**values)
        if result.outcome not in OUTCOMES:
            raise ValueError(f"outcome {result.outcome!r} is not one of {', '.join(OUTCOMES)}")
        return result


@dataclass
class Results:
    """All recorded results by case key; `updated` is when the file was last written (ISO UTC)."""

    by_key: dict[str, ScenarioResult] = field(default_factory=dict)
    updated: str = ""
    path: Path | None = None

    def get(self, key: str) -> ScenarioResult | None:
        return self.by_key.get(key)

    def __len__(self) -> int:
        return len(self.by_key)


def load_results(path: Path | None) -> Results:
    """The results in `path`; an empty set when the file does not exist."""
    if path is None or not path.exists():
        return Results(path=path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResultsError(f"{path}: cannot read the results: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ResultsError(f"{path}: not a results file of format {FORMAT!r}")
    out = Results(updated=str(data.get("updated", "")), path=path)
    for index, item in enumerate(data.get("scenarios", [])):
        try:
            result = ScenarioResult.from_json(item)
        except (TypeError, ValueError, AttributeError) as exc:
            raise ResultsError(f"{path}: scenarios[{index}]: {exc}") from None
        out.by_key[result.key] = result
    return out


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_results(path: Path, results: Iterable[ScenarioResult], updated: str, *, merge: bool = True) -> Results:
    """Write `results` to `path`, over the previous file's results when `merge` (same key: the new one wins)."""
    previous = Results()
    if merge:
        try:
            previous = load_results(path)
        except ResultsError:
            previous = Results()  # an unreadable file is replaced, not merged
    merged = dict(previous.by_key)
    for result in results:
        merged[result.key] = result
    ordered = sorted(merged.values(), key=lambda r: (r.feature, r.line, r.example if r.example is not None else -1))
    payload = {"format": FORMAT, "updated": updated, "scenarios": [r.to_json() for r in ordered]}
    _write_atomically(path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    return Results({r.key: r for r in ordered}, updated, path)


def write_json(path: Path, data: Any) -> None:
    """Write any JSON document atomically (the Cucumber export)."""
    _write_atomically(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
