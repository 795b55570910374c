"""`reglament trace`: the traceability matrix (clause → encoding → scenarios → results), its HTML report,
the Cucumber JSON export and the coverage gate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "trace",
        help="traceability matrix: clause text, encodings, scenarios and their last results; HTML report; gate",
        description="For every clause of every reglament (or of the given ones): its text, encodings and "
        "interpretations, the Gherkin scenarios tagged with its ID and their last results, and a status "
        "(passing, failing, not-run, no-scenario, not-checkable, suspect, not-encoded). "
        "With --gate: exit 1 when an encoded clause has no passing scenario, a scenario fails or names a clause "
        "that does not exist, a suspect is open, or `reglament verify` has a finding (an encoding of a clause "
        "that is gone, a clause neither encoded nor listed as not-checkable, a quote not in the text, …); "
        "the coverage figures are printed either way.",
    )
    parser.add_argument("reglament_ids", metavar="REGLAMENT-ID", nargs="*", help="reglament ids or folders")
    parser.add_argument("--json", action="store_true", help="print the matrix as JSON")
    parser.add_argument("--html", metavar="DIR", type=Path, help="write <reglament-id>.html and index.html to DIR")
    parser.add_argument(
        "--results", metavar="FILE", type=Path, help="results of the feature runs (default var/bdd-results.json)"
    )
    parser.add_argument("--features", metavar="DIR", type=Path, help="features root (default features/)")
    parser.add_argument(
        "--cucumber-json", metavar="FILE", type=Path, help="also write the recorded results as Cucumber JSON"
    )
    parser.add_argument("--gate", action="store_true", help="fail (exit 1) unless every encoded clause is covered")
    parser.add_argument(
        "--all", action="store_true", help="plain output: list every clause, not only open ones (with --html too)"
    )
    parser.set_defaults(func=run)


def _plain(trace: Any, list_all: bool) -> list[str]:
    from reglament.trace.matrix import NOT_CHECKABLE, PASSING

    lines = [f"{trace.reglament} ({trace.title})"]
    for row in trace.rows:
        if row.heading or (not list_all and row.status in (PASSING, NOT_CHECKABLE)):
            continue
        runs = row.scenarios
        passed = sum(1 for r in runs if r.outcome == "passed")
        scen = f"{passed}/{len(runs)} scenario(s) passed" if runs else "no scenario"
        lines.append(f"  {row.clause.id:<24} {row.status:<14} {scen}")
    return lines


def run(args: argparse.Namespace) -> int:
    from reglament.rules.verify import all_reglament_dirs
    from reglament.trace.cucumber import to_cucumber
    from reglament.trace.features import features_root
    from reglament.trace.html import write_html
    from reglament.trace.matrix import GateProblem, ReglamentTrace, build_trace, orphan_feature_folders
    from reglament.trace.results import ResultsError, default_results_path, load_results, write_json

    features = args.features or features_root()
    results_path = args.results or default_results_path()
    try:
        results = load_results(results_path)
    except ResultsError as exc:
        print(f"reglament trace: {exc}", file=sys.stderr)
        return 2
    sources: list[Any] = list(args.reglament_ids) or all_reglament_dirs()
    if not sources:
        print("reglament trace: no reglament folders found under the rules root", file=sys.stderr)
        return 2
    traces: list[ReglamentTrace] = []
    for source in sources:
        try:
            traces.append(build_trace(source, features, results))
        except (LookupError, ValueError) as exc:
            print(f"reglament trace: {exc}", file=sys.stderr)
            return 2
    orphans: list[GateProblem] = [] if args.reglament_ids else orphan_feature_folders(
        features, [t.reglament for t in traces]
    )

    if args.cucumber_json:
        write_json(args.cucumber_json, to_cucumber(results.by_key.values(), features.name))
    if args.html:
        for path in write_html(traces, args.html):
            print(f"wrote {path}", file=sys.stderr)

    if args.json:
        payload = [t.to_json() for t in traces]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif not args.gate:
        out: list[str] = []
        for trace in traces:
            if args.html and not args.all:
                out.append(f"{trace.reglament}: coverage: {trace.coverage_line()}")
                continue
            out.extend(_plain(trace, args.all))
            out.append(f"  coverage: {trace.coverage_line()}")
        sys.stdout.write("\n".join(out) + "\n")

    if not args.gate:
        return 0
    ok = not orphans
    report: list[str] = []
    for problem in orphans:
        report.append(f"gate: {problem}")
    for trace in traces:
        report.append(f"{trace.reglament}: coverage: {trace.coverage_line()}")
        for problem in trace.gate_problems:
            report.append(f"  {problem}")
        for warning in trace.warnings:
            report.append(f"  warning: {warning}")
        status = "OK" if trace.gate_ok else f"FAILED: {len(trace.gate_problems)} problem(s)"
        report.append(f"  gate {status}")
        ok = ok and trace.gate_ok
    (sys.stderr if args.json else sys.stdout).write("\n".join(report) + "\n")
    return 0 if ok else 1
