"""Commands that call a running service exit 2 for input the service refuses, 1 for anything else."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reglament.mesh import Mesh

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reglament.cli", *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_control_report_of_an_unknown_reglament_is_refused_input(mesh: Mesh) -> None:
    done = _run(
        "control-report", "no-such-reglament", "--from", "2026-01-01", "--to", "2026-01-31",
        "--registry", mesh.address("registry"),
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "NOT_FOUND" in done.stderr or "INVALID_ARGUMENT" in done.stderr


def test_control_report_of_a_reversed_period_is_refused_input(mesh: Mesh) -> None:
    done = _run(
        "control-report", "vinnytsia-2020", "--from", "2026-02-01", "--to", "2026-01-01",
        "--registry", mesh.address("registry"),
    )  # fmt: skip
    assert done.returncode == 2, done.stderr


def test_control_report_without_a_registry_is_an_error_not_refused_input() -> None:
    done = _run("control-report", "vinnytsia-2020", "--from", "2026-01-01", "--to", "2026-01-31",
                "--registry", "127.0.0.1:1")  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "UNAVAILABLE" in done.stderr
