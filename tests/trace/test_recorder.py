"""The feature suite records every scenario's outcome and writes Cucumber JSON: a real run of tests/bdd
(its own mesh) over a small features folder with a passing, a failing and an undefined scenario."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reglament.trace.features import repo_root
from reglament.trace.results import load_results

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

FEATURE = """# language: uk
@r12-s3
Функціонал: Строки виконання документів

  @r12-s3-p2.3
  Сценарій: Лист без конкретної дати виконується протягом 30 календарних днів
    Коли строк за пунктом «r12-s3-p2.3» рахують від «02.03.2026»
    Тоді останній день строку — «01.04.2026»

  @r12-s3-p2.3
  Сценарій: Хибне очікування строку
    Коли строк за пунктом «r12-s3-p2.3» рахують від «02.03.2026»
    Тоді останній день строку — «02.04.2026»
    І це «четвер»

  Структура сценарію: Інформування до 15 числа
    Коли строк за пунктом «r12-s3-p2.4» рахують від «<кінець>»
    Тоді останній день строку — «<строк>»

    @r12-s3-p2.4
    Приклади:
      | кінець     | строк      |
      | 31.03.2026 | 15.04.2026 |
      | 31.07.2026 | 14.08.2026 |

  @r12-s3-p2.2
  Сценарій: Крок, якого немає в бібліотеці
    Дано документ, якого бібліотека не знає
"""


def run_features(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "REGLAMENT_FEATURES_DIR": str(tmp_path / "features"),
        "REGLAMENT_BDD_RESULTS": str(tmp_path / "results.json"),
        "REGLAMENT_BDD_CUCUMBER": str(tmp_path / "cucumber.json"),
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "-q", "-p", "no:cacheprovider", *extra],
        cwd=repo_root(),
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_a_run_records_each_case_and_writes_cucumber_json(tmp_path: Path) -> None:
    folder = tmp_path / "features" / "vinnytsia-2020"
    folder.mkdir(parents=True)
    (folder / "r12-s3.feature").write_text(FEATURE, encoding="utf-8")
    done = run_features(tmp_path, f"--cucumberjson={tmp_path / 'pytest-bdd.json'}")
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    assert "feature scenarios: 2 failed, 3 passed" in done.stdout

    results = load_results(tmp_path / "results.json")
    outcome = {r.key.split("::", 1)[1]: r.outcome for r in results.by_key.values()}
    assert outcome == {
        "Лист без конкретної дати виконується протягом 30 календарних днів": "passed",
        "Хибне очікування строку": "failed",
        "Інформування до 15 числа#0": "passed",
        "Інформування до 15 числа#1": "passed",
        "Крок, якого немає в бібліотеці": "failed",
    }
    by_name = {r.key.split("::", 1)[1]: r for r in results.by_key.values()}
    wrong = by_name["Хибне очікування строку"]
    assert "01.04.2026" in wrong.message and wrong.clauses == ["r12-s3", "r12-s3-p2.3"]
    assert [s.status for s in wrong.steps] == ["passed", "failed", "skipped"]
    assert wrong.steps[0].location.startswith("tests/bdd/steps/terms.py:")
    undefined = by_name["Крок, якого немає в бібліотеці"]
    assert [s.status for s in undefined.steps] == ["undefined"]
    row = by_name["Інформування до 15 числа#1"]
    assert row.clauses == ["r12-s3", "r12-s3-p2.4"]
    assert row.example_values == [["кінець", "31.07.2026"], ["строк", "14.08.2026"]]
    assert row.duration_s > 0 and row.finished_at

    [ours] = json.loads((tmp_path / "cucumber.json").read_text(encoding="utf-8"))
    [theirs] = json.loads((tmp_path / "pytest-bdd.json").read_text(encoding="utf-8"))
    assert ours["uri"].endswith("vinnytsia-2020/r12-s3.feature") and ours["language"] == "uk"

    def verdicts(feature: dict[str, object]) -> list[tuple[str, bool]]:
        elements = feature["elements"]
        assert isinstance(elements, list)
        return sorted((e["name"], any(s["result"]["status"] != "passed" for s in e["steps"])) for e in elements)

    # The same verdicts as pytest-bdd's own export, which leaves out a scenario whose step is undefined.
    assert set(verdicts(theirs)) < set(verdicts(ours))
    assert set(verdicts(ours)) - set(verdicts(theirs)) == {("Крок, якого немає в бібліотеці", True)}
    rows = [e for e in ours["elements"] if e["name"] == "Інформування до 15 числа"]
    assert [e["line"] for e in rows] == [23, 24]
    assert all({"name": "@r12-s3-p2.4", "line": 20} in e["tags"] for e in rows)  # pytest-bdd drops these

    # A partial run updates only what it ran; the other results stay.
    done = run_features(tmp_path, "-m", "r12-s3-p2.4")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    again = load_results(tmp_path / "results.json")
    assert set(again.by_key) == set(results.by_key)
    assert again.by_key[wrong.key].outcome == "failed"
    [partial] = json.loads((tmp_path / "cucumber.json").read_text(encoding="utf-8"))
    assert [e["name"] for e in partial["elements"]] == ["Інформування до 15 числа"] * 2
