"""`reglament up` as an operator runs it: embedded NATS, three services, no orphans whatever dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reglament.natsd import pid_alive

pytestmark = pytest.mark.integration


def children_of(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            out.append(int(entry.name))
    return out


STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def _stop_what_was_started() -> Iterator[None]:
    """Even when a test fails half-way, no mesh it started outlives it."""
    yield
    while STARTED:
        proc = STARTED.pop()
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def start_up(run_dir: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, REGLAMENT_LOG_LEVEL="WARNING")
    env.pop("REGLAMENT_NATS_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reglament.cli", "up", "--free-ports", "--run-dir", str(run_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    STARTED.append(proc)
    assert proc.stdout is not None
    deadline = time.monotonic() + 90
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if "Stop with Ctrl-C." in line:
            return proc
        if time.monotonic() > deadline:
            break
    proc.kill()
    pytest.fail("reglament up did not come up:\n" + "".join(seen[-30:]))


def wait_gone(pids: list[int], timeout_s: float = 20.0) -> list[int]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        alive = [p for p in pids if pid_alive(p) and not _zombie(p)]
        if not alive:
            return []
        time.sleep(0.1)
    return [p for p in pids if pid_alive(p) and not _zombie(p)]


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


def test_up_starts_embedded_nats_and_three_services_and_ctrl_c_stops_all(tmp_path: Path) -> None:
    proc = start_up(tmp_path)
    children = children_of(proc.pid)
    assert len(children) == 4  # nats-server (through setpriv) and the three services
    assert (tmp_path / "jetstream").is_dir() and (tmp_path / "registry.db").exists()
    proc.send_signal(signal.SIGINT)
    assert proc.wait(30) == 0
    assert wait_gone(children) == []


def test_a_crashed_service_is_reported_and_the_mesh_stops(tmp_path: Path) -> None:
    proc = start_up(tmp_path)
    children = children_of(proc.pid)
    services = [p for p in children if "reglament.cli\x00serve" in Path(f"/proc/{p}/cmdline").read_text()]
    assert len(services) == 3
    os.kill(services[0], signal.SIGKILL)
    out, _ = proc.communicate(timeout=40)
    assert proc.returncode == 1
    assert "exited with code -9; stopping the mesh" in out
    assert wait_gone(children) == []


def test_killing_up_itself_leaves_no_orphan(tmp_path: Path) -> None:
    proc = start_up(tmp_path)
    children = children_of(proc.pid)
    proc.kill()
    proc.wait()
    assert wait_gone(children) == []
