"""Consistency and coverage of a rules folder: every clause encoded or consciously left out, quotes
verbatim, text reviewed (`text_sha`) still the text in force."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from reglament.rules.loader import Problem, display_path, inspect_reglament, resolve_dir
from reglament.rules.schema import Kind
from reglament.text.model import ClauseTree, normalize


@dataclass(frozen=True)
class Coverage:
    """Normative clauses (headings excluded) by state; `None` totals when the text could not be parsed."""

    total: int | None = None
    encoded: int = 0
    not_checkable: int = 0
    suspect: int = 0
    missing: int = 0

    def line(self) -> str:
        total = "?" if self.total is None else str(self.total)
        return (
            f"clauses total {total} / encoded {self.encoded} / not-checkable {self.not_checkable} "
            f"/ suspect {self.suspect} / missing {self.missing}"
        )


@dataclass
class VerifyReport:
    reglament: str
    dir: Path
    problems: list[Problem] = field(default_factory=list)
    coverage: Coverage = Coverage()

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "reglament": self.reglament,
            "dir": str(self.dir),
            "ok": self.ok,
            "problems": [
                {
                    "code": p.code,
                    "file": display_path(p.file),
                    "line": p.line,
                    "clause": p.clause,
                    "field": p.field,
                    "message": p.message,
                }
                for p in self.problems
            ],
            "coverage": {
                "total": self.coverage.total,
                "encoded": self.coverage.encoded,
                "not_checkable": self.coverage.not_checkable,
                "suspect": self.coverage.suspect,
                "missing": self.coverage.missing,
            },
        }


def _encoding_problem(
    report: VerifyReport, file: Path, line: int, clause: str, code: str, message: str, field_name: str = ""
) -> None:
    report.problems.append(Problem(file, line, field_name, message, code, clause))


def verify_reglament(source: str | Path) -> VerifyReport:
    """Check one reglament (an id or a folder); never raises for problems in the folder itself."""
    folder = resolve_dir(source)
    inspection = inspect_reglament(folder)
    name = inspection.meta.id if inspection.meta is not None else folder.name
    report = VerifyReport(name, folder, list(inspection.problems))
    tree = inspection.tree
    if tree is None:
        return report

    encoded: set[str] = set()
    not_checkable: set[str] = set()
    suspect: set[str] = set()
    for encoding in inspection.encodings:
        where = inspection.locations[encoding.key]
        problem = partial(_encoding_problem, report, where.file, where.line, encoding.id)
        clause = tree.get(encoding.id)
        if clause is None:
            hint = _moved_hint(tree, encoding.quote)
            problem("unknown-clause", f"{encoding.id}: no such clause in the text{hint}", "id")
            continue
        (not_checkable if encoding.kind is Kind.NOT_CHECKABLE else encoded).add(encoding.id)
        quote = normalize(encoding.quote)
        if quote not in clause.text and quote not in normalize(tree.subtree_text(clause.id)):
            problem("quote", f"{encoding.id}: the quote does not occur in the clause text: «{encoding.quote}»", "quote")
        if encoding.text_sha != clause.sha256:
            suspect.add(encoding.id)
            problem(
                "suspect",
                f"{encoding.id}: the clause text changed since review (text_sha {encoding.text_sha[:12]}…, "
                f"now {clause.sha256[:12]}…); review the encoding and update text_sha",
                "text_sha",
            )

    for clause_id in sorted(encoded & not_checkable):
        first = next(e for e in inspection.encodings if e.id == clause_id and e.kind is Kind.NOT_CHECKABLE)
        where = inspection.locations[first.key]
        report.problems.append(
            Problem(
                where.file,
                where.line,
                "kind",
                f"{clause_id}: listed as not-checkable and also encoded",
                "conflict",
                clause_id,
            )
        )

    normative = tree.normative()
    missing = [c for c in normative if c.id not in encoded and c.id not in not_checkable]
    text_file = folder / inspection.meta.text.file if inspection.meta is not None else folder
    for clause in missing:
        report.problems.append(
            Problem(
                text_file,
                clause.line,
                "",
                f"{clause.id}: neither encoded nor listed as not-checkable",
                "missing",
                clause.id,
            )
        )
    normative_ids = {c.id for c in normative}
    report.coverage = Coverage(
        total=len(normative),
        encoded=len(encoded & normative_ids),
        not_checkable=len((not_checkable - encoded) & normative_ids),
        suspect=len(suspect & normative_ids),
        missing=len(missing),
    )
    return report


def all_reglament_dirs() -> list[Path]:
    """Every folder under the rules root that holds a reglament.yaml."""
    from reglament.rules.paths import rules_root

    root = rules_root()
    return sorted(p.parent for p in root.glob("*/reglament.yaml")) if root.is_dir() else []


def format_report(report: VerifyReport) -> str:
    """Readable text: a header, one problem a line (file:line, clause, message), the coverage line."""
    lines = [f"{report.reglament} ({display_path(report.dir)})"]
    for p in report.problems:
        clause = f" [{p.clause}]" if p.clause else ""
        field_part = f" {p.field}:" if p.field else ""
        lines.append(f"  {display_path(p.file)}:{p.line}:{clause} {p.code}:{field_part} {p.message}")
    lines.append(f"  coverage: {report.coverage.line()}")
    lines.append(f"  {'OK' if report.ok else f'FAILED: {len(report.problems)} problem(s)'}")
    return "\n".join(lines)


# --- renumbered clauses (reglament diff) -------------------------------------------------------------


def _moved_hint(tree: ClauseTree, quote: str) -> str:
    """Where the encoding's quote occurs now, when its clause ID has gone (a renumbered or moved clause)."""
    needle = normalize(quote)
    found = [c.id for c in tree.normative() if needle and needle in c.text]
    if not found:
        return ""
    return f"; the quote now occurs in {', '.join(found[:3])} (renumbered? see `reglament diff`)"
