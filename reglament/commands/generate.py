"""`reglament generate`: a year's register from a profile, as JSON lines or played into a running registry."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import json
import sys
from typing import Any

from reglament.commands.control_report import FIGURES


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "generate",
        help="generate a year's register from a profile (Ivano-Frankivsk 2017), scalable and seeded",
        description="Generate the registrations and control steps of a year from a workload profile "
        "(default ivano-frankivsk-2017, after the control division's 2017 report) × SCALE, deterministic "
        "for a seed. Prints per class what the year holds (or --json); --out writes every step as JSON "
        "lines; --load plays the register into a running registry and prints its ControlReport.",
    )
    parser.add_argument("--profile", default="ivano-frankivsk-2017", help="profile name or YAML file")
    parser.add_argument("--scale", type=float, default=1.0, help="volumes × this (0 < SCALE ≤ 1000)")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--year", type=int, default=None, help="the year (default: the profile's)")
    parser.add_argument("--reglament", default="vinnytsia-2020", help="the reglament the register is kept under")
    parser.add_argument("--out", default=None, help="write the steps as JSON lines to this file ('-': stdout)")
    parser.add_argument("--load", metavar="HOST:PORT", default=None, help="play the register into this registry")
    parser.add_argument("--in-flight", type=int, default=32, help="concurrent calls when loading")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(func=run)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def run(args: argparse.Namespace) -> int:
    from reglament.generator import generate, load_profile

    try:
        profile = load_profile(args.profile)
        register_ = generate(profile, scale=args.scale, seed=args.seed, year=args.year)
    except ValueError as exc:
        print(f"reglament generate: {exc}", file=sys.stderr)
        return 2
    year = register_.year
    expected = register_.expected_report(dt.date(year, 1, 1), dt.date(year, 12, 31))
    summary: dict[str, Any] = {
        "profile": register_.profile,
        "year": year,
        "scale": register_.scale,
        "seed": register_.seed,
        "steps": len(register_.steps),
        "expected_report": {k: _jsonable(v) for k, v in expected.items()},
    }
    try:
        if args.out:
            sink = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")  # noqa: SIM115
            try:
                for step in register_.steps:
                    sink.write(json.dumps(_jsonable(step), ensure_ascii=False) + "\n")
            finally:
                if sink is not sys.stdout:
                    sink.close()
        if args.load:
            summary["load"] = _load(register_, args)
    except (OSError, LookupError) as exc:
        print(f"reglament generate: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    elif args.out != "-":
        _print(summary)
    return 1 if summary.get("load", {}).get("refused") else 0


def _load(register_: Any, args: argparse.Namespace) -> dict[str, Any]:
    from reglament.generator.load import load

    def progress(done: int, total: int) -> None:
        print(f"\r  loaded {done}/{total} steps", end="", file=sys.stderr, flush=True)

    result = asyncio.run(
        load(register_, args.load, reglament=args.reglament, in_flight=args.in_flight, progress=progress)
    )
    print(file=sys.stderr)
    return {
        "address": args.load,
        "done": dict(result.done),
        "refused": [
            {"key": s.key, "action": s.action, "day": s.day.isoformat(), "why": why} for s, why in result.refused
        ],
    }


def _print(summary: dict[str, Any]) -> None:
    print(
        f"{summary['profile']} × {summary['scale']}, seed {summary['seed']}, year {summary['year']}: "
        f"{summary['steps']} steps"
    )
    print(f"  {'class':>22} " + " ".join(f"{f:>14}" for f in FIGURES))
    for category, row in summary["expected_report"].items():
        print(f"  {category:>22} " + " ".join(f"{row[f]:>14}" for f in FIGURES))
    load = summary.get("load")
    if load:
        print(f"loaded into {load['address']}: {load['done']}; refused {len(load['refused'])}")
        for item in load["refused"][:20]:
            print(f"  {item['day']} {item['action']} {item['key']}: {item['why']}")

