"""`reglament due`: a clause's due date from an event, with the explanation."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from reglament.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"


@pytest.fixture
def rules_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REGLAMENT_RULES_DIR", str(FIXTURES))
    return FIXTURES


def test_plain_output_ends_with_the_iso_date(rules_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "sample-2024", "r2-p1", "--from", "2024-05-02"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "2024-06-03"
    assert dt.date.fromisoformat(lines[-1])
    assert lines[0] == "Норма: sample-2024/r2-p1."


def test_json_output(rules_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "sample-2024", "r1-p2", "--from", "2024-05-04", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["due"] == "2024-05-04"  # registered the same day, even a Saturday: no move for same_day
    assert record["clause"] == "r1-p2" and record["reglament"] == "sample-2024"
    assert record["quote"] == "реєструються в день їх надходження"
    assert {"interpretation", "explanation", "policy"} <= set(record)
    assert record["explanation"]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["due", "no-such", "r2-p1", "--from", "2024-05-02"], "unknown reglament 'no-such'"),
        (["due", "sample-2024", "r7-p1", "--from", "2024-05-02"], "clause: no clause 'r7-p1' in sample-2024"),
        (["due", "sample-2024", "r2-p2", "--from", "2024-05-02"], "clause: r2-p2 sets no term"),
        (["due", "sample-2024", "r2-p1", "--from", "02.05.2024"], "--from: '02.05.2024'"),
        (
            ["due", "sample-2024", "r2-p1", "--from", "2024-05-02", "--variant", "x"],
            "variant: r2-p1 has no variant 'x'",
        ),
    ],
)
def test_bad_input_is_a_clear_error(
    rules_root: Path, capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert needle in captured.err


def test_several_terms_of_one_clause_are_chosen_by_variant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "sample-2024", tmp_path / "sample-2024")
    monkeypatch.setenv("REGLAMENT_RULES_DIR", str(tmp_path))
    path = tmp_path / "sample-2024" / "encodings" / "r1.yaml"
    text = path.read_text(encoding="utf-8")
    entry = text[text.index("  - id: r1-p2") :]
    extra = entry.replace("  - id: r1-p2\n", "  - id: r1-p2\n    variant: urgent\n").replace(
        "{unit: same_day, anchor: received}", "{unit: working_days, amount: 2, anchor: received}"
    )
    path.write_text(text + extra, encoding="utf-8")

    # Without --variant the clause's main rule (no variant) answers and names the others.
    assert main(["due", "sample-2024", "r1-p2", "--from", "2024-05-02"]) == 0
    plain = capsys.readouterr().out.splitlines()
    assert plain[-1] == "2024-05-02" and any("urgent" in line for line in plain[:-1])
    assert main(["due", "sample-2024", "r1-p2", "--from", "2024-05-02", "--variant", "default"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2024-05-02"
    assert main(["due", "sample-2024", "r1-p2", "--from", "2024-05-02", "--variant", "urgent"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2024-05-06"  # Friday 3rd, Monday 6th
