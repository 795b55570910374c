"""The `reglament` command line (DESIGN §10): one module per command under reglament.commands."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module exposes `register(subparsers)`, which adds its parser and sets `func(args) -> int`.
COMMANDS: tuple[str, ...] = (
    "up",
    "serve",
    "clauses",
    "due",
    "discipline",  # deadlines: executive discipline for a month (r12-s2-p7)
    "route",
    "verify",
    "trace",
    "diff",
    "demo",
    "generate",  # registry: a year's register from a profile (Ivano-Frankivsk 2017), optionally played into a registry
    "control_report",  # registry: `reglament control-report`, Registry.ControlReport of a running registry
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reglament", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"reglament.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"reglament.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
