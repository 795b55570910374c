"""`reglament serve {registry|deadlines|approval}`: one service until SIGTERM or SIGINT."""

from __future__ import annotations

import argparse
import asyncio
import os

from reglament import logs
from reglament.natsd import die_with_parent
from reglament.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="run one service")
    parser.add_argument("service", choices=("registry", "deadlines", "approval"))
    parser.add_argument("--port", type=int, default=None, help="0 picks a free port (printed)")
    parser.add_argument("--host", default=None)
    parser.add_argument("--nats-url", default=None)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (registry); default: SQLite under the run dir")
    parser.set_defaults(func=run)


def settings_from(args: argparse.Namespace) -> Settings:
    overrides = {
        key: value
        for key, value in (("host", args.host), ("nats_url", args.nats_url), ("db", getattr(args, "db", None)))
        if value is not None
    }
    settings = Settings(**overrides)
    if getattr(args, "port", None) is not None:
        settings = settings.model_copy(update={f"{args.service}_port": args.port})
    return settings


def run(args: argparse.Namespace) -> int:
    parent = os.environ.get("REGLAMENT_PARENT_PID")
    if parent and parent.isdigit():
        die_with_parent(int(parent))  # started by `reglament up`: do not outlive it
    settings = settings_from(args)
    if not settings.nats_url:
        settings = settings.model_copy(update={"nats_url": "nats://127.0.0.1:4222"})
    logs.setup(settings.log_level, settings.log_format, args.service)
    from services import service_class
    from services.runtime import serve_until_signal

    service = service_class(args.service)(settings)
    return asyncio.run(serve_until_signal(service, f"{settings.host}:{settings.port_of(args.service)}"))
