"""The traceability matrix and the coverage gate over a small reglament, its features and recorded results."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, get_type_hints

import pytest

from reglament.cli import main
from reglament.trace.cucumber import to_cucumber
from reglament.trace.features import Case, load_features
from reglament.trace.matrix import build_trace
from reglament.trace.results import ScenarioResult, StepResult, load_results, save_results

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "sample-2024"

FEATURE = """# language: uk
@r2
Функціонал: Виконання документів
  @r2-p1
  Сценарій: Документ без дати виконується за 30 днів
    Коли документ реєструють «02.03.2026»
    Тоді виникає обов'язок

  @r2-p2
  Сценарій: Анонімний запит
    Коли запит реєструють
    Тоді є попередження

  @r2-p3-i1 @r2-p3-i2
  Структура сценарію: Візи
    Коли складають маршрут «<проект>»
    Тоді віз <скільки>

    Приклади:
      | проект  | скільки |
      | бюджет  | 2       |

  @r2-p9
  Сценарій: Посилання на пункт, якого немає
    Дано щось

  Сценарій: Без тегу пункту
    Дано щось

  @r1-p1
  Сценарій: Загальне положення
    Дано щось
"""


def result_for(case: Case, outcome: str, message: str = "") -> ScenarioResult:
    return ScenarioResult(
        key=case.key,
        reglament=case.reglament,
        feature=case.feature,
        scenario=case.scenario,
        outcome=outcome,
        line=case.line,
        keyword=case.keyword,
        example=case.example,
        example_line=case.example_line,
        example_values=[[k, v] for k, v in case.example_values],
        tags=[[t.name, t.line] for t in case.tags],
        clauses=list(case.clauses),
        duration_s=0.25,
        finished_at="2026-03-02T10:00:00+00:00",
        message=message,
        steps=[
            StepResult(s.keyword, s.text, s.line, "passed" if outcome == "passed" else "failed", 0.1)
            for s in case.steps
        ],
        feature_name="Виконання документів",
        feature_keyword="Функціонал",
        feature_line=3,
        feature_tags=[["r2", 2]],
        language="uk",
    )


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    rules = tmp_path / "rules"
    shutil.copytree(SAMPLE, rules / "sample-2024")
    features = tmp_path / "features"
    (features / "sample-2024").mkdir(parents=True)
    (features / "sample-2024" / "r2.feature").write_text(FEATURE, encoding="utf-8")
    monkeypatch.setenv("REGLAMENT_RULES_DIR", str(rules))
    monkeypatch.setenv("REGLAMENT_FEATURES_DIR", str(features))
    return {"rules": rules, "features": features, "results": tmp_path / "results.json"}


def record(world: dict[str, Path], outcomes: dict[str, str]) -> None:
    """Record `outcome` for each case whose scenario name starts with a key of `outcomes`."""
    features, _ = load_features(world["features"], "sample-2024")
    results = []
    for case in features[0].cases:
        for prefix, outcome in outcomes.items():
            if case.scenario.startswith(prefix):
                results.append(result_for(case, outcome, "AssertionError: строк інший" if outcome == "failed" else ""))
    save_results(world["results"], results, "2026-03-02T10:00:00+00:00", merge=False)


def test_each_clause_gets_the_status_its_encodings_scenarios_and_results_give_it(world: dict[str, Path]) -> None:
    record(world, {"Документ": "passed", "Анонімний": "failed", "Без тегу": "passed", "Загальне": "passed"})
    trace = build_trace("sample-2024", world["features"], load_results(world["results"]))
    status = {r.clause.id: r.status for r in trace.rows if not r.heading}
    assert status == {
        "r1-p1": "not-checkable",
        "r1-p2": "no-scenario",
        "r2-p1": "passing",
        "r2-p2": "failing",
        "r2-p3": "not-checkable",
        "r2-p3-i1": "not-run",
        "r2-p3-i2": "not-run",
        "r2-p3-i3": "no-scenario",
        "r2-p4": "no-scenario",
    }
    row = next(r for r in trace.rows if r.clause.id == "r2-p1")
    assert row.clause.text.startswith("Документи без зазначення конкретної дати")
    assert row.encodings[0].encoding.interpretation.startswith("Документ без конкретної дати")
    assert [(run.case.scenario, run.outcome) for run in row.scenarios] == [
        ("Документ без дати виконується за 30 днів", "passed")
    ]
    problems = {(p.code, p.clause) for p in trace.gate_problems}
    assert problems == {
        ("unknown-clause", "r2-p9"),
        ("untagged-scenario", ""),
        ("failing-scenario", "r2-p2"),
        ("no-passing-scenario", "r1-p2"),
        ("no-passing-scenario", "r2-p2"),
        ("no-passing-scenario", "r2-p3-i1"),
        ("no-passing-scenario", "r2-p3-i2"),
        ("no-passing-scenario", "r2-p3-i3"),
        ("no-passing-scenario", "r2-p4"),
    }
    coverage = trace.coverage()
    assert coverage["total"] == 9 and coverage["encoded"] == 7 and coverage["encoded_passing"] == 1
    assert coverage["scenarios"] == 6
    assert (coverage["scenarios_passed"], coverage["scenarios_failed"], coverage["scenarios_not_run"]) == (3, 1, 2)


def test_the_gate_passes_only_when_every_encoded_clause_has_a_passing_scenario(
    world: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    covering = FEATURE.split("  @r2-p9")[0] + (
        "  @r1-p2 @r2-p3-i3 @r2-p4\n  Сценарій: Решта пунктів\n    Дано щось\n"
    )
    (world["features"] / "sample-2024" / "r2.feature").write_text(covering, encoding="utf-8")
    args = ["trace", "sample-2024", "--gate", "--results", str(world["results"])]

    record(world, {"Документ": "passed", "Анонімний": "passed", "Візи": "passed", "Решта": "passed"})
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "with a passing scenario 7 = 100.0%" in out and "gate OK" in out

    record(world, {"Документ": "passed", "Анонімний": "failed", "Візи": "passed", "Решта": "passed"})
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "[r2-p2] failing-scenario" in out and "[r2-p2] no-passing-scenario: its scenarios fail" in out
    assert "gate FAILED" in out

    record(world, {"Документ": "passed", "Анонімний": "passed", "Візи": "passed"})
    assert main(args) == 1
    assert "[r2-p4] no-passing-scenario: its scenarios have no recorded result" in capsys.readouterr().out


def test_a_changed_clause_text_is_a_suspect_and_fails_the_gate(
    world: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = world["rules"] / "sample-2024" / "text.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("30 календарних днів", "20 календарних днів"), "utf-8")
    record(world, {"Документ": "passed"})
    trace = build_trace("sample-2024", world["features"], load_results(world["results"]))
    row = next(r for r in trace.rows if r.clause.id == "r2-p1")
    assert row.status == "suspect" and not row.encodings[0].reviewed
    assert ("suspect", "r2-p1") in {(p.code, p.clause) for p in trace.gate_problems}
    assert main(["trace", "sample-2024", "--gate", "--results", str(world["results"])]) == 1
    assert "[r2-p1] suspect" in capsys.readouterr().out


def test_a_features_folder_of_no_reglament_fails_the_gate(
    world: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (world["features"] / "kyiv-1990").mkdir()
    assert main(["trace", "--gate", "--results", str(world["results"])]) == 1
    assert "unknown-reglament" in capsys.readouterr().out


def test_json_lists_every_clause_with_text_encodings_scenarios_and_results(
    world: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    record(world, {"Документ": "passed", "Анонімний": "failed"})
    assert main(["trace", "sample-2024", "--json", "--results", str(world["results"])]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert report["reglament"] == "sample-2024"
    by_id = {c["id"]: c for c in report["clauses"]}
    assert by_id["r2"]["heading"] is True and by_id["r2"]["status"] is None
    clause = by_id["r2-p2"]
    assert clause["status"] == "failing" and clause["status_label"] == "Сценарій не проходить"
    assert clause["text"].startswith("Запит на публічну інформацію")
    assert clause["encodings"][0]["quote"] and clause["encodings"][0]["file"].endswith("r2.yaml")
    assert clause["scenarios"][0]["outcome"] == "failed"
    assert clause["scenarios"][0]["message"] == "AssertionError: строк інший"
    assert report["gate"]["ok"] is False
    assert report["coverage"]["by_status"]["failing"] == 1


def _keys(typed: Any) -> set[str]:
    return set(get_type_hints(typed).keys())


def test_cucumber_json_has_the_standard_shape_and_carries_every_clause_tag(world: dict[str, Path]) -> None:
    from pytest_bdd import cucumber_json as reference

    record(world, {"Документ": "passed", "Анонімний": "failed", "Візи": "passed"})
    results = load_results(world["results"])
    document = to_cucumber(results.by_key.values())
    [feature] = document
    assert set(feature) == _keys(reference.FeatureElementDict)
    assert feature["uri"] == "features/sample-2024/r2.feature" and feature["language"] == "uk"
    assert feature["tags"] == [{"name": "@r2", "line": 2}]
    by_name = {e["name"]: e for e in feature["elements"]}
    for element in feature["elements"]:
        assert set(element) == _keys(reference.ScenarioElementDict)
        for step in element["steps"]:
            assert _keys(reference.StepElementDict) == set(step)
            assert step["result"]["status"] in ("passed", "failed", "skipped", "undefined")
            assert isinstance(step["result"]["duration"], int)
    outline = by_name["Візи"]
    assert {t["name"] for t in outline["tags"]} == {"@r2", "@r2-p3-i1", "@r2-p3-i2"}
    assert outline["id"].endswith(";;1")
    failed = by_name["Анонімний запит"]
    assert any(s["result"]["status"] == "failed" for s in failed["steps"])


def test_cli_writes_the_cucumber_json_of_the_recorded_results(world: dict[str, Path], tmp_path: Path) -> None:
    record(world, {"Документ": "passed"})
    out = tmp_path / "cucumber.json"
    assert main(["trace", "sample-2024", "--results", str(world["results"]), "--cucumber-json", str(out)]) == 0
    [feature] = json.loads(out.read_text(encoding="utf-8"))
    assert [e["name"] for e in feature["elements"]] == ["Документ без дати виконується за 30 днів"]
    assert {"name": "@r2-p1", "line": 4} in feature["elements"][0]["tags"]


def test_cli_writes_one_page_per_reglament_and_an_index(world: dict[str, Path], tmp_path: Path) -> None:
    record(world, {"Документ": "passed"})
    out = tmp_path / "html"
    assert main(["trace", "sample-2024", "--results", str(world["results"]), "--html", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "sample-2024.html"]
    page = (out / "sample-2024.html").read_text(encoding="utf-8")
    assert 'id="r2-p1" data-status="passing"' in page and "Документ без дати виконується за 30 днів" in page
    assert 'href="sample-2024.html"' in (out / "index.html").read_text(encoding="utf-8")


def test_an_encoding_of_a_clause_that_is_gone_and_the_clause_left_without_one_fail_the_gate(
    world: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    covering = FEATURE.split("  @r2-p9")[0] + (
        "  @r1-p2 @r2-p3-i3 @r2-p4\n  Сценарій: Решта пунктів\n    Дано щось\n"
    )
    (world["features"] / "sample-2024" / "r2.feature").write_text(covering, encoding="utf-8")
    record(world, {"Документ": "passed", "Анонімний": "passed", "Візи": "passed", "Решта": "passed"})
    args = ["trace", "sample-2024", "--gate", "--results", str(world["results"])]
    assert main(args) == 0
    capsys.readouterr()
    # The encoding of п. 4 is written under an ID the text does not have (as after a renumbering).
    r2 = world["rules"] / "sample-2024" / "encodings" / "r2.yaml"
    r2.write_text(r2.read_text(encoding="utf-8").replace("id: r2-p4\n", "id: r2-p5\n"), encoding="utf-8")
    trace = build_trace("sample-2024", world["features"], load_results(world["results"]))
    assert {(p.code, p.clause) for p in trace.gate_problems} == {("unknown-clause", "r2-p5"), ("missing", "r2-p4")}
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "encodings/r2.yaml:" in out and "[r2-p5] unknown-clause: r2-p5: no such clause in the text" in out
    assert "[r2-p4] missing: r2-p4: neither encoded nor listed as not-checkable" in out and "gate FAILED" in out
