"""`reglament clauses <reglament-id> [--json]`: print the clause tree (id, text, text sha)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reglament.text.model import Clause

PREVIEW_CHARS = 100
"""Plain output shows this many characters of each clause's text."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "clauses",
        help="list the clauses of a reglament with their IDs",
        description="List the clauses of a reglament: one line per clause (id, TAB, start of text), "
        "or with --json an array of objects (id, kind, label, parent, line, text, sha256).",
    )
    parser.add_argument("reglament_id", metavar="REGLAMENT-ID", help="folder name under rules/, e.g. vinnytsia-2020")
    parser.add_argument("--json", action="store_true", help="print a JSON array instead of plain lines")
    parser.set_defaults(func=run)


def clause_record(clause: Clause) -> dict[str, Any]:
    """The stable JSON shape of one clause."""
    return {
        "id": clause.id,
        "kind": clause.kind,
        "label": clause.label,
        "parent": clause.parent,
        "line": clause.line,
        "text": clause.text,
        "sha256": clause.sha256,
    }


def run(args: argparse.Namespace) -> int:
    from reglament.text.parser import ParseError, tree_for_id

    try:
        tree = tree_for_id(args.reglament_id)
    except LookupError as exc:
        print(f"reglament clauses: {exc}", file=sys.stderr)
        return 2
    except (ParseError, OSError) as exc:
        print(f"reglament clauses: {args.reglament_id}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        json.dump([clause_record(c) for c in tree], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for clause in tree:
            sys.stdout.write(f"{clause.id}\t{clause.text[:PREVIEW_CHARS]}\n")
    return 0
