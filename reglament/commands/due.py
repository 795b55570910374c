"""`reglament due <reglament-id> <clause-id> --from <date|datetime> [--variant V] [--json]` (DESIGN §10)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reglament.due import DEFAULT_VARIANT


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "due",
        help="the due date of a clause's term",
        description="Compute the due date of a clause's term from an event date with the reglament's calendar "
        "and counting policy. REGLAMENT-ID may also name a statute package a reglament defers to (e.g. "
        "public-information, clause st20-ch1). Plain output: the explanation, then the ISO date as the last line.",
    )
    parser.add_argument("reglament_id", metavar="REGLAMENT-ID")
    parser.add_argument("clause_id", metavar="CLAUSE-ID", help="e.g. r12-s3-p2.3")
    parser.add_argument(
        "--from", dest="start", required=True, metavar="DATE", help="the anchor event: YYYY-MM-DD or YYYY-MM-DDTHH:MM"
    )
    parser.add_argument(
        "--variant",
        help=f"which rule of the clause, when it has several ({DEFAULT_VARIANT!r}: the one without a variant)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(func=run)


def due_record(reglament_id: str, clause_id: str, start: str, variant: str | None) -> dict[str, Any]:
    """The due date of one clause's term as the JSON object `due --json` prints."""
    from reglament.due import due_for_clause, load_term_source

    result = due_for_clause(load_term_source(reglament_id), clause_id, start, variant=variant, from_field="--from")
    return {
        "due": result.due.isoformat(),
        "clause": clause_id,
        "variant": result.variant,
        "reglament": result.ref.reglament,
        "quote": result.ref.quote,
        "interpretation": result.ref.interpretation,
        "explanation": list(result.explanation),
        "policy": result.policy,
    }


def run(args: argparse.Namespace) -> int:
    from reglament.errors import DomainError
    from reglament.legaltime.statute import StatuteError
    from reglament.rules.loader import RulesError

    try:
        record = due_record(args.reglament_id, args.clause_id, args.start, args.variant)
    except (DomainError, LookupError) as exc:
        print(f"reglament due: {exc}", file=sys.stderr)
        return 2
    except (RulesError, StatuteError) as exc:
        print(f"reglament due: {args.reglament_id}: the rules do not load:\n{exc}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(record, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in record["explanation"]:
            sys.stdout.write(f"{line}\n")
        sys.stdout.write(f"{record['due']}\n")
    return 0
