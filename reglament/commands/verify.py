"""`reglament verify [<reglament-id> ...] [--json]`: consistency, coverage and changed-text suspects."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check encodings against the reglament text; print coverage",
        description="Check every encoding of the given reglaments (default: all under the rules root): "
        "schema, clause IDs, verbatim quotes, text_sha (changed text = suspect), uncovered clauses. "
        "Prints one problem a line with file:line and clause ID, and the coverage. Exit 0 only if no problems.",
    )
    parser.add_argument("reglament_ids", metavar="REGLAMENT-ID", nargs="*", help="reglament ids or folders")
    parser.add_argument("--json", action="store_true", help="print a JSON array of reports")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reglament.rules.verify import VerifyReport, all_reglament_dirs, format_report, verify_reglament

    sources: list[Any] = list(args.reglament_ids) or all_reglament_dirs()
    if not sources:
        print("reglament verify: no reglament folders found under the rules root", file=sys.stderr)
        return 2
    reports: list[VerifyReport] = []
    for source in sources:
        try:
            reports.append(verify_reglament(source))
        except LookupError as exc:
            print(f"reglament verify: {exc}", file=sys.stderr)
            return 2
    if args.json:
        json.dump([r.to_json() for r in reports], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n".join(format_report(r) for r in reports) + "\n")
    return 0 if all(r.ok for r in reports) else 1
