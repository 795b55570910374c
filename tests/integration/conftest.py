"""A second mesh whose deadlines service runs on a fixed clock (REGLAMENT_CLOCK), for tests that run
the clock ahead of time with Deadlines.Tick: a service on the system clock refuses a future "now"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from reglament.legaltime.clock import KYIV
from reglament.mesh import Mesh
from tests.conftest import Stubs, start_mesh


@pytest.fixture(scope="session")
def clocked_mesh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mesh]:
    """The three services with their own embedded nats-server; the deadlines clock is fixed at the
    moment the mesh starts (so "today" is the real today, and Tick may run ahead of it)."""
    run_dir = tmp_path_factory.mktemp("clocked-mesh")
    fixed = dt.datetime.now(KYIV).replace(microsecond=0).isoformat()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("REGLAMENT_CLOCK", fixed)  # the services read their settings from the environment
        # the scheduler judges once, at start; afterwards only Tick moves a status, so nothing moves under a test
        env.setenv("REGLAMENT_SCHEDULER_INTERVAL_S", "86400")
        running = start_mesh(run_dir, "")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def clocked_stubs(clocked_mesh: Mesh) -> Iterator[Stubs]:
    s = Stubs(clocked_mesh)
    yield s
    s.close()
