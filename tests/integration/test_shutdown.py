"""SIGTERM stops the mesh in order: no process left, no message left unacknowledged."""

from __future__ import annotations

import asyncio
from pathlib import Path

import nats
import pytest

from reglament.events import subjects
from reglament.natsd import NatsServer, pid_alive
from reglament.v1 import common_pb2, registry_pb2
from tests.conftest import Stubs, start_mesh

pytestmark = pytest.mark.integration


async def consumer_state(url: str) -> dict[str, tuple[int, int]]:
    nc = await nats.connect(url)
    js = nc.jetstream()
    out = {}
    for name in (subjects.DEADLINES_DOCUMENTS, subjects.REGISTRY_OBLIGATIONS):
        info = await js.consumer_info(subjects.STREAM, name)
        out[name] = (info.num_pending, info.num_ack_pending)
    await nc.close()
    return out


def test_sigterm_leaves_no_process_and_no_unacked_message(tmp_path: Path) -> None:
    with NatsServer(tmp_path / "js") as server:
        mesh = start_mesh(tmp_path, server.url)
        try:
            stubs = Stubs(mesh)
            for i in range(40):
                stubs.registry.RegisterDocument(
                    registry_pb2.RegisterDocumentRequest(
                        reglament="vinnytsia-2020",
                        kind=common_pb2.DOCUMENT_KIND_INCOMING,
                        title=f"Лист № {i}",
                        registered="2026-03-02",
                    ),
                    timeout=10,
                )
            stubs.close()
            pids = [child.proc.pid for child in mesh.children]
        finally:
            mesh.stop(grace_s=20)
        assert all(child.proc.returncode == 0 for child in mesh.children), [
            (c.name, c.proc.returncode) for c in mesh.children
        ]
        assert not any(pid_alive(pid) for pid in pids)
        # Whatever was fetched before SIGTERM was finished and acknowledged; what was not fetched
        # waits in the stream for the next start (pending), but nothing is left half-done.
        state = asyncio.run(consumer_state(server.url))
        assert all(ack_pending == 0 for _, ack_pending in state.values()), state
