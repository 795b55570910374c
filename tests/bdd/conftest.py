"""The feature suite's harness: the Ukrainian step library, clause tags as pytest marks, the scenario
context, and the recorder of each scenario's outcome (var/bdd-results.json, var/cucumber.json)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from reglament.trace.features import feature_files, features_root, parse_feature_text
from tests.bdd.recorder import Recorder
from tests.bdd.steps.common import FEATURE_KEY, Context, reglament_of_feature

# The step library: each module defines its steps with pytest-bdd's decorators, which register them as
# fixtures of the module that defines them; importing them here makes them visible to every feature.
from tests.bdd.steps.documents import *  # noqa: F403
from tests.bdd.steps.events import obligation_events  # noqa: F401 - a fixture
from tests.bdd.steps.extensions import *  # noqa: F403
from tests.bdd.steps.refusals import *  # noqa: F403
from tests.bdd.steps.routes import *  # noqa: F403
from tests.bdd.steps.shostka_approval import *  # noqa: F403
from tests.bdd.steps.shostka_documents import *  # noqa: F403
from tests.bdd.steps.terms import *  # noqa: F403
from tests.bdd.steps.vinnytsia_approval import *  # noqa: F403
from tests.bdd.steps.vinnytsia_documents import *  # noqa: F403

RECORDER_NAME = "reglament-bdd-recorder"


def pytest_configure(config: pytest.Config) -> None:
    # Every tag of the features is a pytest mark (`pytest -m r12-s3-p2.3` runs that clause's scenarios);
    # registering them keeps pytest from warning about unknown marks.
    root = features_root()
    tags: set[str] = set()
    for path in feature_files(root):
        try:
            feature = parse_feature_text(path.read_text(encoding="utf-8"), path.parent.name, path.name, path)
        except (OSError, ValueError):
            continue  # the feature's own collection reports it
        for case in feature.cases:
            tags.update(case.tag_names)
    for tag in sorted(tags):
        config.addinivalue_line("markers", f"{tag}: scenarios tagged @{tag} in features/")
    if not config.pluginmanager.has_plugin(RECORDER_NAME):
        config.pluginmanager.register(Recorder(root), RECORDER_NAME)


@pytest.fixture
def ctx(request: pytest.FixtureRequest) -> Context:
    """The running scenario's context; the reglament is the feature's folder (features/<reglament-id>/)."""
    feature = request.node.stash.get(FEATURE_KEY, None)
    if feature is None:
        raise RuntimeError("ctx is for steps of a feature scenario")
    return Context(reglament=reglament_of_feature(feature))


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    request.node.stash[FEATURE_KEY] = feature


def pytest_bdd_after_step(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Callable[..., object],
    step_func_args: dict[str, object],
) -> None:
    _recorder(request).step_passed(request.node, step, step_func)


def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Callable[..., object],
    step_func_args: dict[str, object],
    exception: Exception,
) -> None:
    _recorder(request).step_failed(request.node, step, step_func, exception)


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: Exception
) -> None:
    _recorder(request).step_undefined(request.node, step, exception)


def pytest_bdd_before_step(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Callable[..., object]
) -> None:
    _recorder(request).step_started(request.node, step)


def _recorder(request: pytest.FixtureRequest) -> Recorder:
    recorder = request.config.pluginmanager.get_plugin(RECORDER_NAME)
    assert isinstance(recorder, Recorder)
    return recorder
