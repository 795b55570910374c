"""What every service shares: the grpc.aio server with health and reflection, NATS consumers,
signal handling and the ordered shutdown (stop taking work, finish in-flight work, drain NATS)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1.health import aio as health_aio
from grpc_reflection.v1alpha import reflection

from reglament.errors import DomainError, status_for
from reglament.events.bus import Bus, PullConsumer
from reglament.rules.loader import set_recheck_interval
from reglament.settings import Settings

log = logging.getLogger("reglament.service")

MAX_MESSAGE_BYTES = 4 * 1024 * 1024
NATS_RETRY_S = 0.5

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])


def rpc(method: F) -> F:
    """Maps domain errors of a servicer method to status codes (the one table: reglament.errors)."""

    @functools.wraps(method)
    async def wrapper(self: Any, request: Any, context: grpc.aio.ServicerContext) -> Any:
        try:
            return await method(self, request, context)
        except DomainError as exc:
            code, message = status_for(exc)
            await context.abort(code, message)
        except Exception:
            log.exception("rpc failed", extra={"rpc": method.__name__})
            await context.abort(grpc.StatusCode.INTERNAL, "internal error")

    return wrapper  # type: ignore[return-value]


class Service:
    """Base of the three services. Subclasses add servicers and consumers and own their resources."""

    name = "service"
    grpc_services: tuple[str, ...] = ()  # full names, e.g. "reglament.v1.Registry"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        set_recheck_interval(settings.rules_recheck_s)
        self.server: grpc.aio.Server | None = None
        self.health = health_aio.HealthServicer()
        self.bus: Bus | None = None
        self.consumers: list[PullConsumer] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._bus_task: asyncio.Task[None] | None = None
        self.port = 0

    # hooks ----------------------------------------------------------------------------------------
    def add_servicers(self, server: grpc.aio.Server) -> None:
        raise NotImplementedError

    def make_consumers(self, bus: Bus) -> Sequence[PullConsumer]:
        return ()

    async def open_resources(self) -> None:
        """Opens databases, loads rules; runs before the port is served."""

    async def close_resources(self) -> None:
        """Closes what open_resources opened; runs last."""

    # lifecycle ------------------------------------------------------------------------------------
    async def start(self, address: str) -> int:
        """Serves on `address` ("host:0" picks a free port) and returns the port. Health stays
        NOT_SERVING until NATS is connected and every consumer is subscribed."""
        await self.open_resources()
        server = grpc.aio.server(
            options=[
                ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
                ("grpc.so_reuseport", 0),
            ]
        )
        self.add_servicers(server)
        health_pb2_grpc.add_HealthServicer_to_server(self.health, server)
        health_name = health_pb2.DESCRIPTOR.services_by_name["Health"].full_name
        names = (*self.grpc_services, health_name, reflection.SERVICE_NAME)
        reflection.enable_server_reflection(names, server)
        self.port = server.add_insecure_port(address)
        if self.port == 0:
            raise OSError(f"{self.name}: cannot listen on {address}")
        await self._set_health(health_pb2.HealthCheckResponse.NOT_SERVING)
        await server.start()
        self.server = server
        self._bus_task = asyncio.create_task(self._connect_bus(), name=f"{self.name}-bus")
        log.info("listening", extra={"service": self.name, "port": self.port})
        return self.port

    async def _connect_bus(self) -> None:
        while True:
            try:
                self.bus = await Bus.connect(self.settings.nats_url, name=f"reglament-{self.name}")
                await self.bus.ensure_stream(duplicate_window_s=self.settings.stream_duplicate_window_s)
                break
            except Exception as exc:
                log.warning("NATS not ready, retrying", extra={"service": self.name, "error": str(exc)})
                if self.bus is not None:
                    with contextlib.suppress(Exception):
                        await self.bus.nc.close()
                    self.bus = None
                await asyncio.sleep(NATS_RETRY_S)
        self.consumers = list(self.make_consumers(self.bus))
        for consumer in self.consumers:
            self._tasks.append(asyncio.create_task(consumer.run(), name=f"{self.name}-{consumer.durable}"))
        for consumer in self.consumers:
            await consumer.ready.wait()
        await self._set_health(health_pb2.HealthCheckResponse.SERVING)
        log.info("serving", extra={"service": self.name, "consumers": len(self.consumers)})

    async def stop(self, grace_s: float | None = None) -> None:
        grace = self.settings.shutdown_grace_s if grace_s is None else grace_s
        await self._set_health(health_pb2.HealthCheckResponse.NOT_SERVING)
        if self._bus_task is not None and not self._bus_task.done():
            self._bus_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._bus_task
        for consumer in self.consumers:
            consumer.stop()
        if self._tasks:
            _done, pending = await asyncio.wait(self._tasks, timeout=grace + 2)
            for task in pending:
                task.cancel()
        if self.server is not None:
            await self.server.stop(grace)
        if self.bus is not None:
            with contextlib.suppress(Exception):
                await self.bus.close()
        await self.close_resources()
        log.info("stopped", extra={"service": self.name})

    async def _set_health(self, status: int) -> None:
        for name in ("", *self.grpc_services):
            await self.health.set(name, status)


async def serve_until_signal(service: Service, address: str) -> int:
    """Runs a service until SIGTERM or SIGINT, then shuts it down in order."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    port = await service.start(address)
    print(f"{service.name} listening on {service.settings.host}:{port}", flush=True)
    await stop.wait()
    await service.stop()
    return 0
