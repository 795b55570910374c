"""`reglament up`: the whole mesh on this machine (embedded NATS unless --nats-url)."""

from __future__ import annotations

import argparse
from pathlib import Path

from reglament import mesh
from reglament.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("up", help="run NATS (embedded unless --nats-url) and the three services")
    parser.add_argument("--nats-url", default=None, help="use this NATS server instead of an embedded one")
    parser.add_argument("--db", default=None, help="SQLAlchemy URL; default: SQLite under the run dir")
    parser.add_argument("--run-dir", type=Path, default=None, help="data of the embedded NATS and SQLite")
    parser.add_argument("--free-ports", action="store_true", help="let every service pick a free port")
    parser.add_argument("--demo", action="store_true", help="walk a document through its life once up")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    overrides: dict[str, object] = {}
    if args.nats_url:
        overrides["nats_url"] = args.nats_url
    if args.db:
        overrides["db"] = args.db
    if args.run_dir:
        overrides["run_dir"] = args.run_dir
    if args.free_ports:
        overrides.update(registry_port=0, deadlines_port=0, approval_port=0)
    settings = Settings(**overrides)  # type: ignore[arg-type]
    return mesh.run(settings, demo=args.demo)
