"""The traceability matrix: every clause with its text, encodings, scenarios, their last results and a status;
and the coverage gate over it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reglament.rules.loader import Problem, display_path, inspect_reglament, resolve_dir
from reglament.rules.schema import Encoding, Kind
from reglament.rules.verify import verify_reglament
from reglament.text.model import Clause
from reglament.trace.features import (
    Case,
    FeatureFile,
    FeatureProblem,
    feature_for_clause,
    is_clause_tag,
    load_features,
    looks_like_clause_tag,
    reglament_folders,
)
from reglament.trace.results import Results, ScenarioResult

# Clause statuses, worst first where they compete; the JSON uses the keys, the report the labels.
PASSING = "passing"
FAILING = "failing"
NOT_RUN = "not-run"
NO_SCENARIO = "no-scenario"
NOT_CHECKABLE = "not-checkable"
SUSPECT = "suspect"
NOT_ENCODED = "not-encoded"

STATUS_LABELS: dict[str, str] = {
    PASSING: "Покрито, сценарії проходять",
    FAILING: "Сценарій не проходить",
    NOT_RUN: "Сценарій є, результату немає",
    NO_SCENARIO: "Закодовано, сценарію немає",
    NOT_CHECKABLE: "Не піддається машинній перевірці",
    SUSPECT: "Текст змінено після перевірки",
    NOT_ENCODED: "Не закодовано",
}
STATUS_ORDER: tuple[str, ...] = (SUSPECT, FAILING, NO_SCENARIO, NOT_RUN, NOT_ENCODED, PASSING, NOT_CHECKABLE)

OUTCOME_LABELS: dict[str, str] = {
    "passed": "пройшов",
    "failed": "не пройшов",
    "skipped": "пропущено",
    "not-run": "не запускався",
}

KIND_LABELS: dict[str, str] = {
    "deadline": "строк",
    "approval": "погодження (візування, підписання)",
    "registration": "реєстрація",
    "control": "контроль виконання",
    "quorum-vote": "кворум і голосування",
    "format": "вимоги до оформлення",
    "condition": "умова",
    "not-checkable": "не піддається машинній перевірці",
}


@dataclass(frozen=True)
class GateProblem:
    """One reason the coverage gate fails."""

    code: str
    message: str
    clause: str = ""
    feature: str = ""
    line: int = 0
    file: str = ""  # a rules file (verify's findings), when not a feature

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "clause": self.clause, "feature": self.feature,
                "line": self.line, "file": self.file}

    def __str__(self) -> str:
        place = self.feature or self.file
        where = f"{place}:{self.line}: " if place else ""
        clause = f"[{self.clause}] " if self.clause else ""
        return f"{where}{clause}{self.code}: {self.message}"


@dataclass
class ScenarioRun:
    """A case of the features with its last recorded result (None: never run)."""

    case: Case
    result: ScenarioResult | None

    @property
    def outcome(self) -> str:
        return self.result.outcome if self.result is not None else "not-run"

    def to_json(self) -> dict[str, Any]:
        r = self.result
        return {
            "key": self.case.key,
            "feature": self.case.feature,
            "scenario": self.case.scenario,
            "title": self.case.title,
            "line": self.case.example_line or self.case.line,
            "example": self.case.example,
            "tags": list(self.case.tag_names),
            "clauses": list(self.case.clauses),
            "outcome": self.outcome,
            "duration_s": round(r.duration_s, 4) if r is not None else None,
            "finished_at": r.finished_at if r is not None else None,
            "message": r.message if r is not None else "",
        }


@dataclass
class EncodingEntry:
    encoding: Encoding
    file: Path
    line: int
    reviewed: bool  # text_sha equals the clause's current sha

    def to_json(self) -> dict[str, Any]:
        e = self.encoding
        return {
            "key": e.key,
            "variant": e.variant,
            "kind": e.kind.value,
            "subject": e.subject.value,
            "quote": e.quote,
            "interpretation": e.interpretation,
            "reason": e.reason,
            "severity": e.severity.value,
            "message": e.message,
            "text_sha": e.text_sha,
            "reviewed": self.reviewed,
            "file": display_path(self.file),
            "line": self.line,
        }


@dataclass
class ClauseRow:
    clause: Clause
    encodings: list[EncodingEntry] = field(default_factory=list)
    scenarios: list[ScenarioRun] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    status: str = ""

    @property
    def heading(self) -> bool:
        return self.clause.is_heading

    @property
    def encoded(self) -> bool:
        return any(e.encoding.kind is not Kind.NOT_CHECKABLE for e in self.encodings)

    def to_json(self) -> dict[str, Any]:
        c = self.clause
        return {
            "id": c.id,
            "kind": c.kind,
            "label": c.label,
            "parent": c.parent,
            "line": c.line,
            "heading": c.is_heading,
            "text": c.text,
            "sha256": c.sha256,
            "status": self.status or None,
            "status_label": STATUS_LABELS.get(self.status, ""),
            "encodings": [e.to_json() for e in self.encodings],
            "scenarios": [s.to_json() for s in self.scenarios],
            "problems": [
                {"code": p.code, "file": display_path(p.file), "line": p.line, "field": p.field, "message": p.message}
                for p in self.problems
            ],
        }


@dataclass
class ReglamentTrace:
    reglament: str
    title: str
    municipality_name: str
    adopted: str
    dir: Path
    features_dir: Path
    results: Results
    rows: list[ClauseRow] = field(default_factory=list)
    runs: list[ScenarioRun] = field(default_factory=list)
    features: list[FeatureFile] = field(default_factory=list)
    feature_problems: list[FeatureProblem] = field(default_factory=list)
    other_problems: list[Problem] = field(default_factory=list)  # verify problems not tied to a clause of the tree
    gate_problems: list[GateProblem] = field(default_factory=list)
    warnings: list[GateProblem] = field(default_factory=list)

    @property
    def gate_ok(self) -> bool:
        return not self.gate_problems

    def coverage(self) -> dict[str, Any]:
        """The coverage figures: normative clauses by status, encoded clauses by scenario state, scenarios."""
        normative = [r for r in self.rows if not r.heading]
        statuses = Counter(r.status for r in normative)
        encoded = [r for r in normative if r.encoded]
        outcomes = Counter(run.outcome for run in self.runs)
        covered = sum(1 for r in encoded if r.status == PASSING)
        return {
            "total": len(normative),
            "encoded": len(encoded),
            "encoded_passing": covered,
            "encoded_passing_percent": round(100.0 * covered / len(encoded), 1) if encoded else 100.0,
            "by_status": {key: statuses.get(key, 0) for key in STATUS_ORDER},
            "scenarios": len(self.runs),
            "scenarios_passed": outcomes.get("passed", 0),
            "scenarios_failed": outcomes.get("failed", 0),
            "scenarios_skipped": outcomes.get("skipped", 0),
            "scenarios_not_run": outcomes.get("not-run", 0),
        }

    def coverage_line(self) -> str:
        c = self.coverage()
        s = c["by_status"]
        return (
            f"clauses {c['total']}: encoded {c['encoded']} (with a passing scenario {c['encoded_passing']} = "
            f"{c['encoded_passing_percent']}%, failing {s[FAILING]}, not run {s[NOT_RUN]}, "
            f"without scenario {s[NO_SCENARIO]}), not-checkable {s[NOT_CHECKABLE]}, suspect {s[SUSPECT]}, "
            f"not encoded {s[NOT_ENCODED]}; scenarios {c['scenarios']} (passed {c['scenarios_passed']}, "
            f"failed {c['scenarios_failed']}, skipped {c['scenarios_skipped']}, not run {c['scenarios_not_run']})"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "reglament": self.reglament,
            "title": self.title,
            "municipality_name": self.municipality_name,
            "adopted": self.adopted,
            "dir": display_path(self.dir),
            "features_dir": display_path(self.features_dir),
            "results": {
                "file": display_path(self.results.path) if self.results.path else None,
                "updated": self.results.updated or None,
            },
            "coverage": self.coverage(),
            "gate": {
                "ok": self.gate_ok,
                "problems": [p.to_json() for p in self.gate_problems],
                "warnings": [p.to_json() for p in self.warnings],
            },
            "clauses": [r.to_json() for r in self.rows],
            "scenarios": [run.to_json() for run in self.runs],
            "problems": [
                {"code": p.code, "file": display_path(p.file), "line": p.line, "clause": p.clause, "message": p.message}
                for p in self.other_problems
            ],
        }


def _status(row: ClauseRow, suspect: bool) -> str:
    if suspect:
        return SUSPECT
    if not row.encodings:
        return NOT_ENCODED
    if not row.encoded:
        return NOT_CHECKABLE
    outcomes = {run.outcome for run in row.scenarios}
    if not outcomes:
        return NO_SCENARIO
    if "failed" in outcomes:
        return FAILING
    if "passed" in outcomes:
        return PASSING
    return NOT_RUN


def build_trace(source: str | Path, features_dir: Path, results: Results) -> ReglamentTrace:
    """The matrix of one reglament (an id or a folder) against its features and the recorded results.

    LookupError when the reglament is unknown; ValueError when its text cannot be parsed.
    """
    folder = resolve_dir(source)
    inspection = inspect_reglament(folder)
    if inspection.meta is None or inspection.tree is None:
        first = inspection.problems[0] if inspection.problems else None
        raise ValueError(f"{display_path(folder)}: cannot load the reglament: {first}")
    meta, tree = inspection.meta, inspection.tree
    verify = verify_reglament(folder)
    trace = ReglamentTrace(
        reglament=meta.id,
        title=meta.title,
        municipality_name=meta.municipality_name,
        adopted=f"{meta.adopted_by.body}, {meta.adopted_by.date.strftime('%d.%m.%Y')} № {meta.adopted_by.number}",
        dir=folder,
        features_dir=features_dir,
        results=results,
    )
    rows = {c.id: ClauseRow(c) for c in tree}
    for encoding in inspection.encodings:
        row = rows.get(encoding.id)
        if row is None:
            continue  # verify reports it (unknown-clause)
        where = inspection.locations[encoding.key]
        row.encodings.append(EncodingEntry(encoding, where.file, where.line, encoding.text_sha == row.clause.sha256))
    suspects: set[str] = set()
    for problem in verify.problems:
        if problem.clause in rows:
            rows[problem.clause].problems.append(problem)
            if problem.code == "suspect":
                suspects.add(problem.clause)
        else:
            trace.other_problems.append(problem)
        if problem.code != "suspect":  # a suspect fails the gate through its clause's status, below
            trace.gate_problems.append(
                GateProblem(problem.code, problem.message, clause=problem.clause, file=display_path(problem.file),
                            line=problem.line)
            )

    features, feature_problems = load_features(features_dir, meta.id)
    trace.features = features
    trace.feature_problems = feature_problems
    for fproblem in feature_problems:
        trace.gate_problems.append(
            GateProblem(fproblem.code, fproblem.message, feature=fproblem.feature, line=fproblem.line)
        )
    for feature in features:
        for case in feature.cases:
            run = ScenarioRun(case, results.get(case.key))
            trace.runs.append(run)
            line = case.example_line or case.line
            clause_tags = [t for t in case.tag_names if looks_like_clause_tag(t)]
            normative_tags = []
            for tag in clause_tags:
                clause = tree.get(tag) if is_clause_tag(tag) else None
                if clause is None:
                    trace.gate_problems.append(
                        GateProblem(
                            "unknown-clause",
                            f"scenario «{case.title}» names {tag!r}, which is not a clause of {meta.id}",
                            clause=tag,
                            feature=case.feature,
                            line=line,
                        )
                    )
                    continue
                if not clause.is_heading:
                    normative_tags.append(tag)
                    rows[tag].scenarios.append(run)
            if not normative_tags:
                trace.gate_problems.append(
                    GateProblem(
                        "untagged-scenario",
                        f"scenario «{case.title}» names no clause (tag it with the clause ID, e.g. @r12-s3-p2.3)",
                        feature=case.feature,
                        line=line,
                    )
                )
            if run.outcome == "failed":
                trace.gate_problems.append(
                    GateProblem(
                        "failing-scenario",
                        f"scenario «{case.title}» failed: {run.result.message if run.result else ''}".rstrip(": "),
                        clause=",".join(normative_tags),
                        feature=case.feature,
                        line=line,
                    )
                )
            stem = Path(case.feature).stem
            for tag in normative_tags:
                if feature_for_clause(tag) != stem:
                    trace.warnings.append(
                        GateProblem(
                            "elsewhere",
                            f"scenario for {tag} is in {case.feature}; its place is {feature_for_clause(tag)}.feature",
                            clause=tag,
                            feature=case.feature,
                            line=line,
                        )
                    )

    for row in rows.values():
        if row.heading:
            continue
        row.status = _status(row, row.clause.id in suspects)
        if row.status == SUSPECT:
            trace.gate_problems.append(
                GateProblem("suspect", "the clause text changed since its encoding was reviewed (text_sha)",
                            clause=row.clause.id)
            )
        elif row.status in (NO_SCENARIO, NOT_RUN, FAILING):
            reason = {
                NO_SCENARIO: "encoded, but no scenario names it",
                NOT_RUN: "its scenarios have no recorded result (run the features first)",
                FAILING: "its scenarios fail",
            }[row.status]
            trace.gate_problems.append(GateProblem("no-passing-scenario", reason, clause=row.clause.id))
    trace.rows = list(rows.values())
    return trace


def orphan_feature_folders(features_dir: Path, reglament_ids: list[str]) -> list[GateProblem]:
    """Folders under the features root that name no known reglament."""
    known = set(reglament_ids)
    return [
        GateProblem("unknown-reglament", f"features/{name}/ names no reglament under the rules root", feature=name)
        for name in reglament_folders(features_dir)
        if name not in known
    ]
