"""`reglament demo`: the scripted walk through a document's life against a running mesh."""

from __future__ import annotations

import argparse

import grpc

from reglament.demo import run_demo
from reglament.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("demo", help="walk a document through its life against a running mesh")
    parser.add_argument("--registry", default=None, help="HOST:PORT (default from settings)")
    parser.add_argument("--deadlines", default=None)
    parser.add_argument("--approval", default=None)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    s = Settings()
    try:
        return run_demo(
            registry=args.registry or f"{s.host}:{s.registry_port}",
            deadlines=args.deadlines or f"{s.host}:{s.deadlines_port}",
            approval=args.approval or f"{s.host}:{s.approval_port}",
        )
    except grpc.RpcError as exc:
        print(f"reglament demo: {exc.code().name}: {exc.details()}")
        return 1
