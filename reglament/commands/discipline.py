"""`reglament discipline <reglament-id> --month YYYY-MM [--as-of DATE] [--deadlines HOST:PORT | --db URL] [--json]`:
executive discipline for a month (Vinnytsia r12-s2-p7) — violated terms per unit and per executor."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "discipline",
        help="violated terms of a month per unit and executor (r12-s2-p7)",
        description="Executive discipline for a reporting month: the obligations due in it, the violated ones, "
        "per unit and per executor. Asks the running deadlines service (Deadlines.DisciplineReport), or reads "
        "the deadlines database directly with --db.",
    )
    parser.add_argument("reglament_id", metavar="REGLAMENT-ID")
    parser.add_argument("--month", required=True, metavar="YYYY-MM", help="the reporting month")
    parser.add_argument(
        "--as-of", default="", metavar="DATE", help="the moment of the report (ISO date or datetime); default: now"
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--deadlines", metavar="HOST:PORT", help="the deadlines service (default: from settings)")
    source.add_argument("--db", metavar="URL", help="read the deadlines database instead (SQLAlchemy URL)")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(func=run)


def _from_service(address: str, args: argparse.Namespace) -> Any:
    import grpc

    from reglament.v1 import deadlines_pb2, deadlines_pb2_grpc

    with grpc.insecure_channel(address) as channel:
        stub = deadlines_pb2_grpc.DeadlinesStub(channel)
        return stub.DisciplineReport(
            deadlines_pb2.DisciplineReportRequest(reglament=args.reglament_id, month=args.month, as_of=args.as_of),
            timeout=30,
        )


def _from_database(url: str, args: argparse.Namespace) -> Any:
    from reglament.errors import InvalidArgument
    from reglament.legaltime.clock import Clock, ClockError, parse_instant
    from reglament.legaltime.discipline import discipline_for, month_bounds
    from reglament.rules.loader import load_reglament
    from services.deadlines import messages
    from services.deadlines.store import DeadlinesStore

    reglament = load_reglament(args.reglament_id)
    try:
        first, last = month_bounds(args.month)
    except ValueError as exc:
        raise InvalidArgument(str(exc).removeprefix("month: "), field="--month") from None
    try:
        as_of = parse_instant(args.as_of, "--as-of") if args.as_of else Clock().now()
    except ClockError as exc:
        raise InvalidArgument(str(exc).removeprefix("--as-of: "), field="--as-of") from None
    store = DeadlinesStore.open(url)
    try:
        obligations = store.for_period(reglament.id, first, last)
    finally:
        store.close()
    return messages.discipline(discipline_for(reglament, args.month.strip(), obligations, as_of), args.month.strip())


def _plain(report: Any) -> str:
    period = f"{report.period_start} – {report.period_end}"
    lines = [f"Стан виконавської дисципліни: {report.reglament}, {report.month} ({period})"]
    if report.clause.clause:
        lines.append(f"Норма: {report.clause.clause} «{report.clause.quote}»")
    if report.report_due:
        lines.append(f"Узагальнити до: {report.report_due}")
    lines.append(f"Станом на: {report.as_of}")
    lines.append(f"Строків у місяці: {report.obligations_due}; порушено: {report.violations}")
    lines.append("За підрозділами:")
    for row in report.by_unit:
        lines.append(f"  {row.name}: порушено {row.violations} з {row.obligations_due}")
    lines.append("За виконавцями:")
    for row in report.by_executor:
        lines.append(f"  {row.name} ({row.unit}): порушено {row.violations} з {row.obligations_due}")
    if report.violated:
        lines.append("Порушені строки:")
    for v in report.violated:
        lines.append(
            f"  {v.due} №{v.document_number or '—'} [{v.clause.reglament}/{v.clause.clause}] {v.action} — {v.unit}"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    import grpc
    from google.protobuf.json_format import MessageToDict

    from reglament.errors import DomainError
    from reglament.rules.loader import RulesError
    from reglament.settings import Settings

    try:
        if args.db:
            report = _from_database(args.db, args)
        else:
            settings = Settings()
            address = args.deadlines or f"{settings.host}:{settings.deadlines_port}"
            report = _from_service(address, args)
    except (DomainError, LookupError) as exc:
        print(f"reglament discipline: {exc}", file=sys.stderr)
        return 2
    except RulesError as exc:
        print(f"reglament discipline: {args.reglament_id}: the rules do not load:\n{exc}", file=sys.stderr)
        return 1
    except grpc.RpcError as exc:
        code = exc.code() if hasattr(exc, "code") else None
        details = exc.details() if hasattr(exc, "details") else str(exc)
        print(f"reglament discipline: {code.name if code else 'error'}: {details}", file=sys.stderr)
        return 2 if code in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND) else 1
    if args.json:
        record = MessageToDict(report, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
        json.dump(record, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_plain(report) + "\n")
    return 0
