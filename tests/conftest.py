"""Shared fixtures: a real nats-server on a free port, the real mesh of services, gRPC stubs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from reglament.mesh import Mesh
from reglament.natsd import NatsServer
from reglament.settings import Settings
from reglament.v1 import approval_pb2_grpc, deadlines_pb2_grpc, registry_pb2_grpc

PG_URL = os.environ.get("REGLAMENT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def nats_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NatsServer]:
    server = NatsServer(tmp_path_factory.mktemp("jetstream")).start()
    yield server
    server.stop()


class Stubs:
    def __init__(self, mesh: Mesh) -> None:
        self.mesh = mesh
        self.channels = {
            name: grpc.insecure_channel(mesh.address(name)) for name in ("registry", "deadlines", "approval")
        }
        self.registry = registry_pb2_grpc.RegistryStub(self.channels["registry"])
        self.deadlines = deadlines_pb2_grpc.DeadlinesStub(self.channels["deadlines"])
        self.approval = approval_pb2_grpc.ApprovalStub(self.channels["approval"])

    def close(self) -> None:
        for channel in self.channels.values():
            channel.close()


def start_mesh(run_dir: Path, nats_url: str, db: str = "") -> Mesh:
    settings = Settings(
        run_dir=run_dir,
        nats_url=nats_url,
        db=db,
        registry_port=0,
        deadlines_port=0,
        approval_port=0,
        log_format="text",
        log_level="WARNING",
        shutdown_grace_s=5.0,
    )
    mesh = Mesh(settings, log_sink=open(run_dir / "mesh.log", "a"))  # noqa: SIM115 - lives as long as the mesh
    try:
        mesh.start(timeout_s=60)
    except BaseException:
        mesh.stop()
        raise
    return mesh


@pytest.fixture(scope="session")
def mesh(tmp_path_factory: pytest.TempPathFactory, nats_server: NatsServer) -> Iterator[Mesh]:
    """The three services as real processes against the session's nats-server and a SQLite file."""
    run_dir = tmp_path_factory.mktemp("mesh")
    running = start_mesh(run_dir, nats_server.url)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def stubs(mesh: Mesh) -> Iterator[Stubs]:
    s = Stubs(mesh)
    yield s
    s.close()
