"""`reglament control-report`: Registry.ControlReport of a running registry for a period."""

from __future__ import annotations

import argparse
import json
import sys

import grpc

from reglament.settings import Settings

FIGURES = (
    "registered",
    "put_on_control",
    "carried_over",
    "executed",
    "executed_late",
    "removed",
    "open_at_end",
    "overdue",
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "control-report",
        help="the control report of a period from a running registry",
        description="Per reporting class: registered, put on control, carried over, executed (late), removed, "
        "open and overdue at the end of the period (Registry.ControlReport).",
    )
    parser.add_argument("reglament", help="reglament id, e.g. vinnytsia-2020")
    parser.add_argument("--from", dest="period_from", required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="period_to", required=True, help="last day, YYYY-MM-DD")
    parser.add_argument("--registry", default=None, help="HOST:PORT (default from settings)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reglament.v1 import registry_pb2, registry_pb2_grpc

    settings = Settings()
    address = args.registry or f"{settings.host}:{settings.registry_port}"
    try:
        with grpc.insecure_channel(address) as channel:
            reply = registry_pb2_grpc.RegistryStub(channel).ControlReport(
                registry_pb2.ControlReportRequest(
                    reglament=args.reglament, period_from=args.period_from, period_to=args.period_to
                ),
                timeout=60,
            )
    except grpc.RpcError as exc:
        print(f"reglament control-report: {exc.code().name}: {exc.details()}", file=sys.stderr)
        # as every command: 2 for input the service refuses, 1 for anything else
        return 2 if exc.code() in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND) else 1
    rows = [*reply.rows, reply.total]
    if args.json:
        print(
            json.dumps(
                [{"category": r.category, **{f: getattr(r, f) for f in FIGURES}} for r in rows],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"{reply.reglament}: {reply.period_from} — {reply.period_to}")
    print(f"{'class':>22} " + " ".join(f"{f:>14}" for f in FIGURES))
    for r in rows:
        print(f"{r.category:>22} " + " ".join(f"{getattr(r, f):>14}" for f in FIGURES))
    return 0
