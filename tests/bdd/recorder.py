"""Records each feature scenario's outcome for `reglament trace`: var/bdd-results.json (merged with the
previous runs by case) and var/cucumber.json (this run, Cucumber JSON). Paths: REGLAMENT_BDD_RESULTS,
REGLAMENT_BDD_CUCUMBER."""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry

from reglament.trace.cucumber import to_cucumber
from reglament.trace.features import Case, FeatureError, FeatureFile, parse_feature_text
from reglament.trace.results import (
    ScenarioResult,
    StepResult,
    default_cucumber_path,
    default_results_path,
    save_results,
    write_json,
)

EXAMPLE_PARAM = "_pytest_bdd_example"  # the parameter pytest-bdd parametrises outlines with
MESSAGE_LIMIT = 2000  # characters of a failure message kept in the results


@dataclass
class _Running:
    case: Case
    feature: FeatureFile
    steps: dict[int, StepResult] = field(default_factory=dict)  # by line
    started: dict[int, float] = field(default_factory=dict)
    phases: dict[str, pytest.TestReport] = field(default_factory=dict)
    message: str = ""


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def _location(func: Callable[..., object]) -> str:
    try:
        source = inspect.getsourcefile(func) or ""
        line = inspect.getsourcelines(func)[1]
    except (OSError, TypeError):
        return ""
    with contextlib.suppress(ValueError):
        source = str(Path(source).resolve().relative_to(Path.cwd().resolve()))
    return f"{source}:{line}"


class Recorder:
    """A pytest plugin: follows the scenarios of features under `root` and writes their results at the end."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.running: dict[str, _Running] = {}
        self.finished: list[ScenarioResult] = []
        self._features: dict[Path, FeatureFile | None] = {}

    # --- which case an item runs ----------------------------------------------------------------------

    def _feature(self, path: Path) -> FeatureFile | None:
        if path not in self._features:
            try:
                rel = path.relative_to(self.root).as_posix()
                parsed: FeatureFile | None = parse_feature_text(
                    path.read_text(encoding="utf-8"), rel.split("/", 1)[0], rel, path
                )
            except (ValueError, OSError, FeatureError):
                parsed = None
            self._features[path] = parsed
        return self._features[path]

    def pytest_itemcollected(self, item: pytest.Item) -> None:
        try:
            template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))  # type: ignore[arg-type]
        except TypeError:  # not a function pytest-bdd made (no weak reference to it)
            return
        if template is None:
            return
        feature = self._feature(Path(template.feature.filename).resolve())
        if feature is None:
            return
        callspec = getattr(item, "callspec", None)
        example = callspec.indices.get(EXAMPLE_PARAM) if callspec is not None else None
        case = next(
            (c for c in feature.cases if c.scenario == template.name.strip() and c.example == example), None
        )
        if case is not None:
            self.running[item.nodeid] = _Running(case, feature)

    # --- steps (called from tests/bdd/conftest.py's pytest-bdd hooks) ------------------------------------

    def _step(self, node: pytest.Item, step: Any, status: str) -> StepResult | None:
        run = self.running.get(node.nodeid)
        if run is None:
            return None
        line = int(step.line_number)
        result = run.steps.get(line)
        if result is None:
            result = StepResult(keyword=str(step.keyword).strip() + " ", text=str(step.name), line=line, status=status)
            run.steps[line] = result
        result.status = status
        return result

    def step_started(self, node: pytest.Item, step: Any) -> None:
        run = self.running.get(node.nodeid)
        if run is not None:
            run.started[int(step.line_number)] = time.perf_counter()
            self._step(node, step, "skipped")

    def _finish_step(
        self, node: pytest.Item, step: Any, status: str, func: Callable[..., object] | None
    ) -> StepResult | None:
        result = self._step(node, step, status)
        run = self.running.get(node.nodeid)
        if result is None or run is None:
            return None
        started = run.started.get(result.line)
        if started is not None:
            result.duration_s = time.perf_counter() - started
        if func is not None:
            result.location = _location(func)
        return result

    def step_passed(self, node: pytest.Item, step: Any, func: Callable[..., object]) -> None:
        self._finish_step(node, step, "passed", func)

    def step_failed(self, node: pytest.Item, step: Any, func: Callable[..., object], exc: BaseException) -> None:
        result = self._finish_step(node, step, "failed", func)
        if result is not None:
            result.message = _short(f"{type(exc).__name__}: {exc}")
            self.running[node.nodeid].message = result.message

    def step_undefined(self, node: pytest.Item, step: Any, exc: BaseException) -> None:
        result = self._step(node, step, "undefined")
        if result is not None:
            result.message = _short(f"крок не визначено (tests/bdd/steps/): {exc}")
            self.running[node.nodeid].message = result.message

    # --- outcomes -------------------------------------------------------------------------------------

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        run = self.running.get(report.nodeid)
        if run is not None:
            run.phases[report.when] = report

    def pytest_runtest_logfinish(self, nodeid: str, location: tuple[str, int | None, str]) -> None:
        run = self.running.pop(nodeid, None)
        if run is None or not run.phases:
            return
        phases = run.phases
        outcome, message = "passed", run.message
        for when in ("setup", "call", "teardown"):
            report = phases.get(when)
            if report is None:
                continue
            if report.failed:
                outcome = "failed"
                message = message or _short(report.longreprtext.strip().splitlines()[-1] if report.longreprtext else "")
                break
            if report.skipped:
                outcome = "skipped"
                longrepr = report.longrepr
                reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
                message = _short(str(reason))
                break
        call = phases.get("call")
        case, feature = run.case, run.feature
        steps = []
        for step in case.steps:
            recorded = run.steps.get(step.line)
            if recorded is None:
                steps.append(StepResult(keyword=step.keyword, text=step.text, line=step.line, status="skipped"))
            else:
                recorded.keyword, recorded.text = step.keyword, step.text
                steps.append(recorded)
        self.finished.append(
            ScenarioResult(
                key=case.key,
                reglament=case.reglament,
                feature=case.feature,
                scenario=case.scenario,
                outcome=outcome,
                line=case.line,
                keyword=case.keyword,
                description=case.description,
                example=case.example,
                example_line=case.example_line,
                example_values=[[k, v] for k, v in case.example_values],
                tags=[[t.name, t.line] for t in case.tags],
                clauses=list(case.clauses),
                duration_s=round(call.duration, 4) if call is not None else 0.0,
                finished_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                message=message,
                nodeid=nodeid,
                steps=steps,
                feature_name=feature.name,
                feature_keyword=feature.keyword,
                feature_line=feature.line,
                feature_description=feature.description,
                feature_tags=[[t.name, t.line] for t in feature.tags],
                language=feature.language,
            )
        )

    # --- the files ------------------------------------------------------------------------------------

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not self.finished:
            return
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.results_path = default_results_path()
        self.cucumber_path = default_cucumber_path()
        save_results(self.results_path, self.finished, now)
        write_json(self.cucumber_path, to_cucumber(self.finished, self.root.name))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.finished:
            return
        counts: dict[str, int] = {}
        for result in self.finished:
            counts[result.outcome] = counts.get(result.outcome, 0) + 1
        summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
        terminalreporter.write_sep(
            "-", f"feature scenarios: {summary}; results {self.results_path}, cucumber json {self.cucumber_path}"
        )
