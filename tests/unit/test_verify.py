"""`reglament verify`: each deliberately broken copy of the sample is flagged exactly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reglament.cli import main
from reglament.rules.loader import load_reglament
from reglament.rules.verify import Coverage, verify_reglament

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "sample-2024"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "sample-2024"
    shutil.copytree(SAMPLE, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _flags(folder: Path) -> list[tuple[str, str]]:
    return [(p.code, p.clause) for p in verify_reglament(folder).problems]


def test_the_sample_is_consistent_and_fully_covered() -> None:
    report = verify_reglament(SAMPLE)
    assert report.ok, report.problems
    assert report.coverage == Coverage(total=9, encoded=7, not_checkable=2, suspect=0, missing=0)


def test_a_quote_that_is_not_in_the_clause(sample: Path) -> None:
    _edit(sample / "encodings" / "r2.yaml", 'quote: "присутні більше половини', 'quote: "присутні не менше половини')
    assert _flags(sample) == [("quote", "r2-p4")]


def test_a_quote_may_span_the_list_of_its_clause(sample: Path) -> None:
    # r2-p3's quote runs from the lead-in into item 1); cutting the list off breaks it.
    _edit(sample / "text.txt", "1) керівником виконавчого органу, що його підготував;", "1) заступником голови;")
    assert sorted(_flags(sample)) == [("quote", "r2-p3"), ("quote", "r2-p3-i1"), ("suspect", "r2-p3-i1")]


def test_changed_text_makes_its_encoding_suspect(sample: Path) -> None:
    _edit(sample / "text.txt", "2. Запит на публічну інформацію не може", "2. Запит на інформацію не може")
    report = verify_reglament(sample)
    assert [(p.code, p.clause, p.field) for p in report.problems] == [("suspect", "r2-p2", "text_sha")]
    assert report.coverage.suspect == 1


def test_a_clause_neither_encoded_nor_left_out(sample: Path) -> None:
    path = sample / "encodings" / "r2.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: r2-p4")], encoding="utf-8")
    report = verify_reglament(sample)
    assert [(p.code, p.clause) for p in report.problems] == [("missing", "r2-p4")]
    lines = (sample / "text.txt").read_text(encoding="utf-8").splitlines()
    assert report.problems[0].file.name == "text.txt"
    assert lines[report.problems[0].line - 1].startswith("4. Засідання виконавчого комітету")
    assert report.coverage == Coverage(total=9, encoded=6, not_checkable=2, suspect=0, missing=1)


def test_an_encoding_of_a_clause_that_does_not_exist(sample: Path) -> None:
    path = sample / "encodings" / "r2.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - id: r2-p9\n    kind: not-checkable\n    quote: x\n    text_sha: '"
        + "0" * 64
        + "'\n    reason: x\n",
        encoding="utf-8",
    )
    report = verify_reglament(sample)
    entry = path.read_text(encoding="utf-8").splitlines().index("  - id: r2-p9") + 1
    assert [(p.code, p.clause, p.line) for p in report.problems] == [("unknown-clause", "r2-p9", entry)]


def test_a_clause_both_left_out_and_encoded(sample: Path) -> None:
    path = sample / "encodings" / "r1.yaml"
    clause = load_reglament(SAMPLE).tree.get("r1-p2")
    assert clause is not None
    sha = clause.sha256
    path.write_text(
        path.read_text(encoding="utf-8")
        + f"  - id: r1-p2\n    variant: omitted\n    kind: not-checkable\n    quote: в день\n    text_sha: {sha}\n"
        "    reason: x\n",
        encoding="utf-8",
    )
    assert _flags(sample) == [("conflict", "r1-p2")]


def test_schema_errors_are_reported_and_the_rest_still_counted(sample: Path) -> None:
    _edit(sample / "encodings" / "r2.yaml", "severity: warning", "severity: fatal")
    report = verify_reglament(sample)
    assert [(p.code, p.field) for p in report.problems] == [("schema", "clauses[1].severity"), ("missing", "")]
    assert report.coverage.missing == 1  # r2-p2, whose only encoding did not load


def test_cli_prints_problems_with_file_line_and_clause_and_always_coverage(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "coverage: clauses total 9 / encoded 7 / not-checkable 2 / suspect 0 / missing 0" in out

    _edit(sample / "encodings" / "r2.yaml", 'quote: "присутні більше половини', 'quote: "присутні не менше половини')
    assert main(["verify", str(sample)]) == 1
    out = capsys.readouterr().out
    problem_lines = [line for line in out.splitlines() if "[r2-p4]" in line]
    assert len(problem_lines) == 1 and f"{sample / 'encodings' / 'r2.yaml'}:" in problem_lines[0]
    assert "coverage: clauses total 9" in out

    assert main(["verify", "--json", str(sample)]) == 1
    [report] = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["coverage"]["total"] == 9
    assert [(p["code"], p["clause"]) for p in report["problems"]] == [("quote", "r2-p4")]


def test_cli_verifies_every_reglament_under_the_rules_root_by_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REGLAMENT_RULES_DIR", str(SAMPLE.parent))
    assert main(["verify"]) == 0
    assert "sample-2024" in capsys.readouterr().out
    assert main(["verify", "no-such-reglament"]) == 2
