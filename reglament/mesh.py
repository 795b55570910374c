"""`reglament up`: an embedded nats-server (unless a URL is given) and the three services as child
processes; waits until all are SERVING; stops everything on Ctrl-C, SIGTERM, or when a child dies.

A child that crashes is reported and the whole mesh stops (exit code 1): a half-running mesh would
accept registrations whose obligations nobody computes.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from reglament.natsd import NatsServer
from reglament.settings import Settings

SERVICES: tuple[str, ...] = ("registry", "deadlines", "approval")
_LISTENING = re.compile(r"listening on [^:]+:(\d+)")


@dataclass
class Child:
    name: str
    proc: subprocess.Popen[str]
    port: int = 0
    port_known: threading.Event = field(default_factory=threading.Event)


def _pump(child: Child, sink: object) -> None:
    """Copies a child's stdout (one line per record) to ours and picks up its port."""
    assert child.proc.stdout is not None
    for line in child.proc.stdout:
        match = _LISTENING.search(line)
        if match and not child.port_known.is_set():
            child.port = int(match.group(1))
            child.port_known.set()
        print(f"[{child.name}] {line.rstrip()}", file=sink, flush=True)  # type: ignore[call-overload]


def wait_serving(host: str, port: int, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    with grpc.insecure_channel(f"{host}:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            try:
                reply = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=1.0)
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                pass
            time.sleep(0.1)
    raise TimeoutError(f"service on {host}:{port} is not SERVING after {timeout_s} s")


class Mesh:
    def __init__(self, settings: Settings, *, log_sink: object = sys.stderr) -> None:
        self.settings = settings
        self.nats: NatsServer | None = None
        self.children: list[Child] = []
        self.log_sink = log_sink
        self.nats_url = settings.nats_url

    def start(self, timeout_s: float = 60.0) -> None:
        run_dir = self.settings.run_dir.resolve()
        run_dir.mkdir(parents=True, exist_ok=True)
        if not self.nats_url:
            self.nats = NatsServer(run_dir / "jetstream", log_file=run_dir / "nats-server.log").start()
            self.nats_url = self.nats.url
        env = dict(os.environ)
        env.update(
            {
                "REGLAMENT_NATS_URL": self.nats_url,
                "REGLAMENT_DB": self.settings.db,
                "REGLAMENT_RUN_DIR": str(run_dir),
                "REGLAMENT_HOST": self.settings.host,
                "REGLAMENT_LOG_LEVEL": self.settings.log_level,
                "REGLAMENT_LOG_FORMAT": self.settings.log_format,
                "REGLAMENT_PARENT_PID": str(os.getpid()),
            }
        )
        for name in SERVICES:
            proc = subprocess.Popen(
                [sys.executable, "-m", "reglament.cli", "serve", name, "--port", str(self.settings.port_of(name))],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,
            )
            child = Child(name, proc)
            threading.Thread(target=_pump, args=(child, self.log_sink), daemon=True).start()
            self.children.append(child)
        deadline = time.monotonic() + timeout_s
        for child in self.children:
            while not child.port_known.wait(0.1):
                if child.proc.poll() is not None:
                    raise RuntimeError(f"{child.name} exited with code {child.proc.returncode} while starting")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{child.name} did not start listening in {timeout_s} s")
            wait_serving(self.settings.host, child.port, max(1.0, deadline - time.monotonic()))

    def address(self, name: str) -> str:
        child = next(c for c in self.children if c.name == name)
        return f"{self.settings.host}:{child.port}"

    def crashed(self) -> Child | None:
        return next((c for c in self.children if c.proc.poll() is not None), None)

    def stop(self, grace_s: float = 15.0) -> None:
        for child in self.children:
            if child.proc.poll() is None:
                child.proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace_s
        for child in self.children:
            try:
                child.proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.proc.kill()
                child.proc.wait()
        if self.nats is not None:
            self.nats.stop()


def banner(mesh: Mesh) -> str:
    lines = ["reglament mesh is up:"]
    lines.append(f"  nats       {mesh.nats_url}" + ("  (embedded, JetStream)" if mesh.nats else ""))
    if mesh.settings.db:
        lines.append(f"  database   {mesh.settings.db}")
    for name in SERVICES:
        where = "" if mesh.settings.db else f"  (data: {mesh.settings.db_url(name)})"
        lines.append(f"  {name:<10} {mesh.address(name)}{where}")
    lines.append("Try:")
    lines.append(
        f'  grpcurl -plaintext -d \'{{"reglament":"vinnytsia-2020","clause":"r12-s3-p2.3",'
        f'"from_date":"2026-03-02"}}\' {mesh.address("deadlines")} reglament.v1.Deadlines/ComputeDueDate'
    )
    lines.append("Stop with Ctrl-C.")
    return "\n".join(lines)


def run(settings: Settings, *, demo: bool = False) -> int:
    mesh = Mesh(settings)
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        try:
            mesh.start()
        except (RuntimeError, TimeoutError, OSError) as exc:
            print(f"reglament up: {exc}", file=sys.stderr)
            return 1
        print(banner(mesh), flush=True)
        if demo:
            from reglament.demo import run_demo

            run_demo(
                registry=mesh.address("registry"),
                deadlines=mesh.address("deadlines"),
                approval=mesh.address("approval"),
            )
        while not stop.wait(0.5):
            crashed = mesh.crashed()
            if crashed is not None:
                print(
                    f"reglament up: {crashed.name} exited with code {crashed.proc.returncode}; stopping the mesh",
                    file=sys.stderr,
                )
                return 1
        return 0
    finally:
        mesh.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        print("reglament mesh stopped", file=sys.stderr)
