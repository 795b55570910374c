"""Cucumber JSON of a feature run (the format cucumber-jvm and cucumber-js write), for other tools.

An array of features; each feature's `elements` are its scenario runs (one per examples row of an
outline), each with its `steps` and their `result` (`status`, `duration` in nanoseconds,
`error_message`). Every element's `tags` carry all the tags it inherits — feature, rule, scenario
and examples — with their «@» and line, so the clause IDs (`@r12-s3-p2.3`) travel with the results.
Scenarios skipped before their first step are exported too, their steps `skipped`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from reglament.trace.results import ScenarioResult

_SLUG_RE = re.compile(r"\s+")


def _slug(text: str) -> str:
    return _SLUG_RE.sub("-", text.strip().lower()) or "-"


def _tags(tags: Iterable[list[Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name, line in tags:
        if name in seen:
            continue
        seen.add(name)
        out.append({"name": f"@{name}", "line": int(line)})
    return out


def _element(result: ScenarioResult, feature_id: str) -> dict[str, Any]:
    element_id = f"{feature_id};{_slug(result.scenario)}"
    if result.example is not None:
        element_id += f";;{result.example + 1}"
    steps = []
    for step in result.steps:
        outcome: dict[str, Any] = {"status": step.status, "duration": int(step.duration_s * 1e9)}
        if step.message:
            outcome["error_message"] = step.message
        steps.append(
            {
                "keyword": step.keyword,
                "name": step.text,
                "line": step.line,
                "match": {"location": step.location},
                "result": outcome,
            }
        )
    return {
        "keyword": result.keyword,
        "id": element_id,
        "name": result.scenario,
        "line": result.example_line or result.line,
        "description": result.description,
        "tags": _tags(result.tags),
        "type": "scenario",
        "steps": steps,
    }


def to_cucumber(results: Iterable[ScenarioResult], features_dir_name: str = "features") -> list[dict[str, Any]]:
    """The Cucumber JSON document of these results, features and scenarios in file order."""
    features: dict[str, dict[str, Any]] = {}
    ordered = sorted(results, key=lambda r: (r.feature, r.line, r.example if r.example is not None else -1))
    for result in ordered:
        feature = features.get(result.feature)
        if feature is None:
            uri = f"{features_dir_name}/{result.feature}" if features_dir_name else result.feature
            feature = {
                "keyword": result.feature_keyword,
                "uri": uri,
                "name": result.feature_name or result.feature,
                "id": _slug(result.feature_name or result.feature),
                "line": result.feature_line,
                "description": result.feature_description,
                "language": result.language,
                "tags": _tags(result.feature_tags),
                "elements": [],
            }
            features[result.feature] = feature
        feature["elements"].append(_element(result, feature["id"]))
    return list(features.values())
