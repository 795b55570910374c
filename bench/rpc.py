"""Unary RPC throughput and latency of Deadlines.ComputeDueDate and Approval.PlanRoute against an empty RPC.

The empty RPC is the standard grpc.health.v1.Health/Check served by the same grpc.aio server of the same
service process, so both go through the same server stack, channel and client. Starts its own mesh
(reglament.mesh.Mesh: an embedded nats-server and the three service processes on free ports, data in a
temporary run dir), then from one asyncio gRPC client:

- closed loop: `--in-flight` calls always outstanding, for `--duration` seconds (or `--count` calls):
  Health/Check on the deadlines server, ComputeDueDate (vinnytsia-2020 r12-s3-p2.3 from a date),
  Health/Check on the approval server, PlanRoute (a draft decision with finance competence and two task
  bodies); each RPC's throughput and its ratio to the empty RPC of the same server;
- open loop: ComputeDueDate and PlanRoute started at half their measured rate on a fixed schedule; latency
  is counted from the scheduled start (a late start counts against the call), p50/p99/max.

A measurement, not a test: it prints a table and exits 0 whatever the figures.

    .venv/bin/python bench/rpc.py --in-flight 32 --duration 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reglament.mesh import Mesh  # noqa: E402
from reglament.settings import Settings  # noqa: E402
from reglament.v1 import approval_pb2, approval_pb2_grpc, deadlines_pb2, deadlines_pb2_grpc  # noqa: E402

REGLAMENT = "vinnytsia-2020"
TARGET_RATIO = 0.70
TARGET_P99_MS = 10.0
CALL_TIMEOUT_S = 30.0

Call = Callable[[], Awaitable[Any]]


@dataclass
class Throughput:
    name: str
    calls: int
    errors: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.calls / self.seconds if self.seconds else 0.0


@dataclass
class Latency:
    name: str
    rate: float
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def compute_due_request(from_date: str) -> deadlines_pb2.ComputeDueDateRequest:
    return deadlines_pb2.ComputeDueDateRequest(reglament=REGLAMENT, clause="r12-s3-p2.3", from_date=from_date)


def plan_route_request() -> approval_pb2.PlanRouteRequest:
    return approval_pb2.PlanRouteRequest(
        reglament=REGLAMENT,
        draft=approval_pb2.Draft(
            kind="decision",
            title="Про внесення змін до бюджету міської територіальної громади",
            preparing_body="Департамент фінансів",
            competent_body="Департамент фінансів",
            finance_competence=True,
            task_bodies=["Департамент освіти", "Департамент охорони здоров'я"],
        ),
    )


async def closed_loop(name: str, call: Call, in_flight: int, duration_s: float, count: int) -> Throughput:
    """`in_flight` workers, each issuing the next call as soon as its last one returns, until the time is up
    (or `count` calls have been started)."""
    done = 0
    errors = 0
    started = 0
    started_at = time.perf_counter()
    end = started_at + duration_s

    async def worker() -> None:
        nonlocal done, errors, started
        while (started < count) if count else (time.perf_counter() < end):
            started += 1
            try:
                await call()
                done += 1
            except grpc.RpcError:
                errors += 1

    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return Throughput(name, done, errors, time.perf_counter() - started_at)


async def open_loop(name: str, call: Call, rate: float, duration_s: float) -> Latency:
    """Starts calls at a fixed `rate` whatever the answers do; each latency runs from the call's scheduled
    start, so a late start (a busy client) is counted too."""
    result = Latency(name, rate, duration_s)
    tasks: set[asyncio.Task[None]] = set()

    async def one(scheduled: float) -> None:
        try:
            await call()
            result.latencies_ms.append((time.perf_counter() - scheduled) * 1000)
        except grpc.RpcError:
            result.errors += 1

    total = int(rate * duration_s)
    interval = 1.0 / rate
    t0 = time.perf_counter()
    i = 0
    while i < total:
        now = time.perf_counter()
        while i < total and t0 + i * interval <= now:
            task = asyncio.create_task(one(t0 + i * interval))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            i += 1
        if i < total:
            await asyncio.sleep(max(0.0, t0 + i * interval - time.perf_counter()))
    if tasks:
        await asyncio.wait(set(tasks))
    return result


async def measure(args: argparse.Namespace, deadlines_address: str, approval_address: str) -> None:
    options = [("grpc.use_local_subchannel_pool", 1)]
    async with (
        grpc.aio.insecure_channel(deadlines_address, options=options) as due_channel,
        grpc.aio.insecure_channel(approval_address, options=options) as route_channel,
    ):
        due_health = health_pb2_grpc.HealthStub(due_channel)
        route_health = health_pb2_grpc.HealthStub(route_channel)
        deadlines = deadlines_pb2_grpc.DeadlinesStub(due_channel)
        approval = approval_pb2_grpc.ApprovalStub(route_channel)
        check = health_pb2.HealthCheckRequest(service="")
        due_request = compute_due_request(args.from_date)
        route_request = plan_route_request()

        calls: dict[str, Call] = {
            "Health/Check @deadlines": lambda: due_health.Check(check, timeout=CALL_TIMEOUT_S),
            "Deadlines.ComputeDueDate": lambda: deadlines.ComputeDueDate(due_request, timeout=CALL_TIMEOUT_S),
            "Health/Check @approval": lambda: route_health.Check(check, timeout=CALL_TIMEOUT_S),
            "Approval.PlanRoute": lambda: approval.PlanRoute(route_request, timeout=CALL_TIMEOUT_S),
        }

        # The answers are real: show one of each before timing them.
        due = await deadlines.ComputeDueDate(due_request, timeout=CALL_TIMEOUT_S)
        route = await approval.PlanRoute(route_request, timeout=CALL_TIMEOUT_S)
        print(f"ComputeDueDate {REGLAMENT} r12-s3-p2.3 from {args.from_date}: due {due.due}")
        print(
            f"PlanRoute (decision, finance competence, two task bodies): {len(route.steps)} steps — "
            + ", ".join(f"{s.clause.clause}/{s.role}" + (f"/{s.body}" if s.body else "") for s in route.steps)
        )

        throughputs: dict[str, Throughput] = {}
        for name, call in calls.items():
            await closed_loop(name, call, args.in_flight, args.warmup, 0)
            throughputs[name] = await closed_loop(name, call, args.in_flight, args.duration, args.count)

        latencies: list[Latency] = []
        for name in ("Deadlines.ComputeDueDate", "Approval.PlanRoute"):
            rate = throughputs[name].rate / 2
            if rate > 0:
                latencies.append(await open_loop(name, calls[name], rate, args.open_duration))

    print()
    mode = f"{args.count:,} calls" if args.count else f"{args.duration:g} s"
    print(f"closed loop, {args.in_flight} in flight, {mode} each (after {args.warmup:g} s warm-up)")
    print(f"  {'rpc':<26} {'calls':>9} {'errors':>7} {'RPS':>9} {'vs empty':>9}")
    pairs = {"Deadlines.ComputeDueDate": "Health/Check @deadlines", "Approval.PlanRoute": "Health/Check @approval"}
    ratios: dict[str, float] = {}
    for name, t in throughputs.items():
        empty = throughputs.get(pairs.get(name, ""))
        ratio = ""
        if empty is not None and empty.rate:
            ratios[name] = t.rate / empty.rate
            ratio = f"{ratios[name]:.0%}"
        print(f"  {name:<26} {t.calls:>9,} {t.errors:>7} {t.rate:>9,.0f} {ratio:>9}")
    print()
    print(f"open loop at half the measured rate, {args.open_duration:g} s, latency from the scheduled start")
    print(f"  {'rpc':<26} {'rate/s':>8} {'calls':>8} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    p99s: dict[str, float] = {}
    for lat in latencies:
        p99s[lat.name] = lat.percentile(99)
        print(
            f"  {lat.name:<26} {lat.rate:>8,.0f} {len(lat.latencies_ms):>8,} {lat.errors:>7} "
            f"{lat.percentile(50):>8.2f} {p99s[lat.name]:>8.2f} {max(lat.latencies_ms, default=float('nan')):>8.2f}"
        )
    print()
    for name in pairs:
        ratio_ok = ratios.get(name, 0.0) >= TARGET_RATIO
        p99_ok = p99s.get(name, float("inf")) <= TARGET_P99_MS
        print(
            f"{name}: throughput {ratios.get(name, 0.0):.0%} of the empty RPC (target ≥ {TARGET_RATIO:.0%}) "
            f"{'met' if ratio_ok else 'NOT met'}; p99 {p99s.get(name, float('nan')):.2f} ms at half rate "
            f"(target ≤ {TARGET_P99_MS:g} ms) {'met' if p99_ok else 'NOT met'}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--in-flight", type=int, default=32, help="concurrent calls in the closed loop")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of each closed-loop run")
    parser.add_argument("--count", type=int, default=0, help="calls per closed-loop run instead of --duration")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up before each closed-loop run")
    parser.add_argument("--open-duration", type=float, default=10.0, help="seconds of each open-loop run")
    parser.add_argument("--from-date", default="2026-03-02", help="the date ComputeDueDate counts from")
    args = parser.parse_args()

    load = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cpus, {platform.machine()}, python {platform.python_version()}, "
        f"grpcio {grpc.__version__}; load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="reglament-bench-") as tmp:
        run_dir = Path(tmp)
        settings = Settings(
            run_dir=run_dir,
            nats_url="",
            db="",
            registry_port=0,
            deadlines_port=0,
            approval_port=0,
            log_level="WARNING",
        )
        with open(run_dir / "mesh.log", "w") as log_sink:
            mesh = Mesh(settings, log_sink=log_sink)
            try:
                mesh.start()
                asyncio.run(measure(args, mesh.address("deadlines"), mesh.address("approval")))
            except Exception as exc:  # a measurement: report what went wrong, exit 0
                print(f"bench/rpc.py: the run did not complete: {exc!r}", file=sys.stderr)
            finally:
                mesh.stop()
    load = os.getloadavg()
    print(f"load average at end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
