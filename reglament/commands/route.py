"""`reglament route <reglament-id> --draft <file.json> [--json]`: the planned visa steps of a draft."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

MAX_DRAFT_BYTES = 1_000_000


def register(sub: Any) -> None:
    parser = sub.add_parser("route", help="the planned visa steps of a draft, in order, with their clauses")
    parser.add_argument("reglament_id", metavar="REGLAMENT-ID")
    parser.add_argument("--draft", type=Path, required=True, help="JSON object of the draft's facts (README)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reglament.errors import DomainError
    from reglament.route import HOLDER_NAMES, draft_facts, plan_route
    from reglament.rules.loader import load_reglament

    try:
        if args.draft.stat().st_size > MAX_DRAFT_BYTES:
            raise ValueError(f"--draft: {args.draft} is larger than {MAX_DRAFT_BYTES} bytes")
        data = json.loads(args.draft.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"--draft: {args.draft} must hold a JSON object")
        attributes = data.pop("attributes", {}) or {}
        if not isinstance(attributes, dict):
            raise ValueError("--draft: attributes must be an object of strings")
        reglament = load_reglament(args.reglament_id)
        holders = {name: str(data.get(name) or "") for name in HOLDER_NAMES}
        route = plan_route(reglament, draft_facts(reglament, data, attributes, field_prefix="draft."), holders=holders)
    except (OSError, ValueError, LookupError, DomainError) as exc:
        print(f"reglament route: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = {
            "reglament": reglament.meta.id,
            "paper_only": route.paper_only,
            "paper_only_clause": route.paper_clause.clause if route.paper_clause else None,
            "paper_only_quote": route.paper_clause.quote if route.paper_clause else None,
            "steps": [
                {
                    "step_id": s.step_id,
                    "order": s.order,
                    "role": s.role,
                    "role_name": s.role_name,
                    "body": s.body or None,
                    "holder": s.holder or None,
                    "clause": s.ref.clause,
                    "quote": s.ref.quote,
                    "after": list(s.after),
                    "paper_only": s.paper_only,
                }
                for s in route.steps
            ],
            "findings": [
                {"clause": f.ref.clause, "severity": f.severity, "message": f.message} for f in route.findings
            ],
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for s in route.steps:
        holder = f" — {s.holder}" if s.holder else ""
        print(f"{s.order:>2}. {s.role_name}{holder}  [{s.ref.clause}]")
    if route.paper_clause is not None:
        print(f"Візування лише в паперовій формі [{route.paper_clause.clause}]: «{route.paper_clause.quote}»")
    for f in route.findings:
        print(f"{f.severity}: {f.message} [{f.ref.clause}]")
    return 0
