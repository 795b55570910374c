"""`reglament diff <dir-a> <dir-b> [--json]`: clause-level changes between two redactions of a reglament."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

_KIND_WORDS = {"changed": "text changed", "renumbered": "renumbered", "removed": "removed", "added": "added"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="clause-level changes between two redactions (added, removed, renumbered, text changed)",
        description="Compare two reglament folders (each with reglament.yaml and the text) clause by clause: "
        "added, removed, renumbered (the same text under a new ID) and text-changed clauses, each with the "
        "encodings and scenarios it touches. Exit 0 when the texts have the same clauses, 1 when they differ, "
        "2 on an error.",
    )
    parser.add_argument("dir_a", metavar="DIR-A", type=Path, help="the earlier redaction's folder (or reglament id)")
    parser.add_argument("dir_b", metavar="DIR-B", type=Path, help="the later redaction's folder")
    parser.add_argument("--json", action="store_true", help="print the changes as JSON")
    parser.add_argument("--features", metavar="DIR", type=Path, help="features root (default features/)")
    parser.set_defaults(func=run)


def _source(path: Path) -> Any:
    text = str(path)
    return text if "/" not in text and not text.startswith(".") and not path.exists() else path


def run(args: argparse.Namespace) -> int:
    from reglament.rules.loader import display_path
    from reglament.text.diff import diff_dirs

    try:
        report = diff_dirs(_source(args.dir_a), _source(args.dir_b), args.features)
    except (LookupError, ValueError, OSError) as exc:
        print(f"reglament diff: {exc}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 1 if report.changes else 0
    a = f"{report.reglament_a} ({display_path(report.dir_a)})"
    lines = [f"{a} → {report.reglament_b} ({display_path(report.dir_b)})"]
    for change in report.changes:
        if change.kind == "renumbered":
            head = f"{change.old_id} → {change.new_id}"
        else:
            head = change.new_id or change.old_id or ""
        where = f" (line {change.new.line})" if change.new else f" (was line {change.old.line})" if change.old else ""
        words = _KIND_WORDS[change.kind]
        if change.kind == "renumbered" and change.text_changed:
            words += ", text changed"
        lines.append(f"  {words}: {head}{where}")
        if change.text_changed:
            lines.append(f"      {change.word_diff()}")
        elif change.kind == "added" and change.new:
            lines.append(f"      + {change.new.text}")
        elif change.kind == "removed" and change.old:
            lines.append(f"      - {change.old.text}")
        for enc in change.encodings:
            side = "old" if enc["in"] == "a" else "new"
            lines.append(f"      encoding ({side}): {enc['key']} [{enc['kind']}] {enc['file']}:{enc['line']}")
        for scen in change.scenarios:
            lines.append(f"      scenario: {scen['feature']}:{scen['line']} «{scen['scenario']}»")
    counts = report.counts()
    lines.append(
        "  summary: "
        + ", ".join(f"{counts[k]} {_KIND_WORDS[k]}" for k in ("changed", "renumbered", "removed", "added"))
    )
    sys.stdout.write("\n".join(lines) + "\n")
    return 1 if report.changes else 0
