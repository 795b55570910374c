"""Ukrainian Gherkin read into scenario cases: inherited tags, outlines by examples row, problems by line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from reglament.trace.features import (
    FeatureError,
    feature_for_clause,
    is_clause_tag,
    load_features,
    looks_like_clause_tag,
    parse_feature_text,
)

FEATURE = """# language: uk
@r12-s3
Функціонал: Строки виконання документів
  Опис для юриста.

  Передумова:
    Дано регламент діє

  @r12-s3-p2.3 @повільний
  Сценарій: Документ без дати
    Коли документ реєструють «02.03.2026»
    Тоді виникає обов'язок

  @r12-s3-p2.4
  Структура сценарію: Інформування
    Коли строк рахують від «<кінець>»
    Тоді останній день строку — «<строк>»

    Приклади:
      | кінець     | строк      |
      | 31.03.2026 | 15.04.2026 |

    @r12-s3-p4
    Приклади: неробочі дні
      | кінець     | строк      |
      | 31.07.2026 | 14.08.2026 |

  Rule: Продовження строку
    @r12-s3-p6
    Сценарій: Виконавець просить продовжити строк
      Дано прохання виконавця
"""


def test_cases_carry_every_tag_they_inherit_and_outline_rows_are_numbered_across_examples() -> None:
    feature = parse_feature_text(FEATURE, "vinnytsia-2020", "vinnytsia-2020/r12-s3.feature")
    assert feature.language == "uk" and feature.keyword == "Функціонал"
    assert feature.name == "Строки виконання документів" and feature.description == "Опис для юриста."
    keys = [c.key for c in feature.cases]
    assert keys == [
        "vinnytsia-2020/r12-s3.feature::Документ без дати",
        "vinnytsia-2020/r12-s3.feature::Інформування#0",
        "vinnytsia-2020/r12-s3.feature::Інформування#1",
        "vinnytsia-2020/r12-s3.feature::Виконавець просить продовжити строк",
    ]
    plain, first_row, second_row, in_rule = feature.cases
    assert plain.clauses == ("r12-s3", "r12-s3-p2.3")
    assert "повільний" in plain.tag_names
    assert [s.text for s in plain.steps] == ["регламент діє", "документ реєструють «02.03.2026»", "виникає обов'язок"]
    assert plain.steps[0].keyword == "Дано " and plain.steps[0].line == 7
    assert first_row.clauses == ("r12-s3", "r12-s3-p2.4")
    assert second_row.clauses == ("r12-s3", "r12-s3-p2.4", "r12-s3-p4")
    assert second_row.example == 1 and second_row.example_line == 26
    assert second_row.steps[-1].text == "останній день строку — «14.08.2026»"
    assert second_row.title == "Інформування [31.07.2026, 14.08.2026]"
    assert in_rule.clauses == ("r12-s3", "r12-s3-p6")


def test_a_syntax_error_names_its_line() -> None:
    broken = "# language: uk\nФункціонал: x\n  Сценарій: a\n    Дано б\n  це не крок\n"
    with pytest.raises(FeatureError) as err:
        parse_feature_text(broken, "vinnytsia-2020", "vinnytsia-2020/x.feature")
    assert err.value.line == 5


def test_load_reports_syntax_errors_and_duplicate_scenario_names(tmp_path: Path) -> None:
    folder = tmp_path / "vinnytsia-2020"
    folder.mkdir()
    (folder / "r12-s3.feature").write_text(
        "# language: uk\nФункціонал: x\n  @r12-s3-p1\n  Сценарій: a\n    Дано б\n\n"
        "  @r12-s3-p2\n  Сценарій: a\n    Дано в\n",
        encoding="utf-8",
    )
    (folder / "r9.feature").write_text(
        "# language: uk\nФункціонал: y\n  Сценарій: a\n    Дано б\n  це не крок\n", encoding="utf-8"
    )
    features, problems = load_features(tmp_path)
    assert [f.rel for f in features] == ["vinnytsia-2020/r12-s3.feature"]
    codes = {(p.code, p.feature, p.line) for p in problems}
    assert ("duplicate-scenario", "vinnytsia-2020/r12-s3.feature", 8) in codes
    assert ("feature-syntax", "vinnytsia-2020/r9.feature", 5) in codes


@pytest.mark.parametrize(
    ("tag", "clause", "meant"),
    [
        ("r12-s3-p2.3", True, True),
        ("r9-a1", True, True),
        ("r11-s3-p3.2-i4", True, True),
        ("r12-s3-p2,3", False, True),
        ("р12-s3-p2.3", False, True),  # Cyrillic «р»
        ("повільний", False, False),
        ("wip", False, False),
    ],
)
def test_clause_tags(tag: str, clause: bool, meant: bool) -> None:
    assert is_clause_tag(tag) is clause
    assert looks_like_clause_tag(tag) is meant


def test_a_clause_belongs_in_the_feature_of_its_paragraf_or_rozdil() -> None:
    assert feature_for_clause("r12-s3-p2.3") == "r12-s3"
    assert feature_for_clause("r6-s4-p5-a2") == "r6-s4"
    assert feature_for_clause("r9-a1") == "r9"
    assert feature_for_clause("r15-p12") == "r15"


def test_every_feature_of_the_repository_parses_and_its_scenarios_name_clauses() -> None:
    from reglament.trace.features import features_root

    features, problems = load_features(features_root())
    assert not problems, [str(p) for p in problems]
    assert features, "features/ holds no feature"
    for feature in features:
        assert feature.language == "uk", feature.rel
        for case in feature.cases:
            assert any(is_clause_tag(t) for t in case.tag_names), case.key


# --- no technical words in what a lawyer reads -------------------------------------------------------

_LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
_ROMAN_RE = re.compile(r"^[IVXLCDM]+$")


def technical_words(text: str) -> list[tuple[int, str]]:
    """(line, word) of each Latin-letter word in a feature's steps, their tables and docstrings and the
    examples tables of its outlines; clause IDs (r6-s4-p5.4) and Roman numerals are not technical."""
    from gherkin.parser import Parser

    feature = dict(Parser().parse(text)).get("feature") or {}
    cells: list[tuple[int, str]] = []

    def table(rows: list[dict[str, Any]]) -> None:
        cells.extend((int(row["location"]["line"]), cell["value"]) for row in rows for cell in row["cells"])

    def steps(node: dict[str, Any]) -> None:
        for step in node.get("steps", []):
            cells.append((int(step["location"]["line"]), step["text"]))
            table((step.get("dataTable") or {}).get("rows", []))
            if step.get("docString"):
                cells.append((int(step["docString"]["location"]["line"]), step["docString"]["content"]))
        for examples in node.get("examples", []):
            table([examples["tableHeader"]] if examples.get("tableHeader") else [])
            table(examples.get("tableBody", []))

    def children(node: dict[str, Any]) -> None:
        for child in node.get("children", []):
            for kind in ("background", "scenario"):
                if kind in child:
                    steps(child[kind])
            if "rule" in child:
                children(child["rule"])

    children(feature)
    found = []
    for line, value in cells:
        for word in _LATIN_WORD_RE.findall(value):
            bare = word.rstrip(".-")
            if not (is_clause_tag(bare) or _ROMAN_RE.match(bare)):
                found.append((line, word))
    return found


def test_the_lint_finds_field_names_and_variants_but_not_clause_ids_or_roman_numerals() -> None:
    text = """# language: uk
Функціонал: x
  Передумова:
    Дано розділ XII регламенту
  Структура сценарію: a
    Коли строк за пунктом «r12-s3-p3.5» у варіанті «month» рахують від «<день>»
    І документ має такі ознаки:
      | ознака    | значення |
      | has_tasks | так      |
    Тоді у відмові названо «r6-s4-p5.4» і «received_at»

    Приклади:
      | день       | поле     |
      | 02.03.2026 | due_date |
"""
    assert technical_words(text) == [(6, "month"), (9, "has_tasks"), (10, "received_at"), (14, "due_date")]


def test_no_scenario_of_the_repository_speaks_in_technical_words() -> None:
    from reglament.trace.features import feature_files, features_root

    root = features_root()
    found = [
        f"{path.relative_to(root)}:{line}: {word}"
        for path in feature_files(root)
        for line, word in technical_words(path.read_text(encoding="utf-8"))
    ]
    assert not found, "technical words in scenarios (write what a lawyer says): " + "; ".join(found)
