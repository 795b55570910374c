"""Shostka 2013 reglament (a web-page copy): body boundaries, its numbering defects and its lists."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from reglament.text import profiles as pr
from reglament.text.model import ClauseTree
from reglament.text.parser import ParseError, parse_file, parse_text

TEXT = Path(__file__).resolve().parents[2] / "rules" / "shostka-2013" / "text.txt"

# Параграфи per Розділ as printed (catalogue §1.1); Розділ 1 has none. Розділ 5 prints «Параграф 6»
# twice (7 headings); Розділ 9 prints 1, 4, 5, …, 12 (10 headings).
PARAGRAFS = {
    2: 6, 3: 8, 4: 6, 5: 7, 6: 11, 7: 4, 8: 10, 9: 10, 10: 2,
    11: 7, 12: 6, 13: 2, 14: 4, 15: 6, 16: 2, 17: 4, 18: 6,
}  # fmt: skip

# Every clause the Shostka catalogue (§2) cites, in its own notation. «R11:6.1» is r11-s6-p6.1,
# «R11:3.2(4)» item 4) of п. 3.2, «R15:2.1•8» the 8th bullet of п. 2.1, «R6:§4 ¶2» the 2nd paragraph
# of Параграф 4. The a/b/c/d suffixes are the analysts' own split of one printed point.
CATALOGUE_IDS = """
R10:1.1 R10:2.1 R11:1.1 R11:1.3 R11:1.4 R11:1.5 R11:1.6 R11:2.1 R11:2.2 R11:2.3 R11:3.2(1)
R11:3.2(12) R11:3.2(2) R11:3.2(3) R11:3.2(4) R11:3.2(5) R11:3.2(6) R11:3.2(7) R11:3.2(8) R11:3.2(9)
R11:4.1 R11:4.1(2) R11:5.2 R11:5.3 R11:5.4 R11:5.5 R11:5.6 R11:6.10 R11:6.11 R11:6.1a R11:6.1b
R11:6.2 R11:6.3 R11:6.4 R11:6.5 R11:6.6 R11:6.7 R11:6.8 R11:6.9 R11:7.1 R11:7.2 R11:7.3 R11:7.4
R11:7.5 R12:1.2 R12:2.1(1) R12:2.1(10) R12:2.1(11) R12:2.1(3) R12:2.1(4) R12:2.1(5) R12:3.10
R12:3.11 R12:3.12 R12:3.13 R12:3.2 R12:3.3 R12:3.4 R12:3.5a R12:3.5b R12:3.5c R12:3.7 R12:3.8
R12:3.9 R12:4.2 R12:4.3 R12:4.4 R12:4.5 R12:5.1 R12:5.2 R12:5.3 R12:5.4 R12:5.5 R12:5.6 R12:6.2
R12:6.3 R12:6.5 R13:2.1(1) R13:2.1(2) R13:2.1(4) R14:2.1 R14:2.2 R14:2.3 R14:2.4 R14:2.5 R14:2.6
R14:3.1 R14:3.2 R14:3.3 R14:3.4 R14:4.2 R14:4.3 R14:4.4 R14:4.5 R14:4.6 R14:4.7 R14:4.8 R15:1.1
R15:1.2 R15:1.4 R15:2.1•1 R15:2.1•8 R15:3.2 R15:3.3 R15:3.4a R15:3.4b R15:3.5 R15:3.7 R15:3.8
R15:4.2a R15:4.2b R15:4.3 R15:4.4 R15:4.5 R15:4.6 R15:4.7 R15:4.8 R15:5.1 R15:5.2 R15:5.3 R15:5.4a
R15:5.4b R15:5.6 R15:6.1 R15:6.2 R15:6.3 R16:1.10 R16:1.11 R16:1.2 R16:1.5 R16:1.6 R16:1.7 R16:1.8
R17:3.1a R17:3.1b R17:3.1c R17:3.1d R17:4.1 R17:4.3 R17:§1 R18:3.2 R18:4.3 R1:2 R1:3 R2:2.2 R2:2.3
R2:2.5 R2:2.7 R2:2.9(6) R2:6.1 R2:6.2 R2:6.3 R3:1.2 R3:2.1 R3:2.2 R3:2.3 R3:2.4 R3:3.2 R3:3.3
R3:3.4 R3:4.1 R3:4.2 R3:5.1 R3:5.2 R3:6.1 R3:6.3 R3:7.1 R3:7.3 R3:7.4 R3:7.5 R3:7.6 R3:8.1 R3:8.2
R3:8.3 R4:2.1 R4:2.2 R4:3.1 R4:3.2 R4:4.1 R4:4.3 R4:4.4 R4:4.5 R4:5.1 R4:5.4 R4:5.5 R4:5.6 R4:5.7
R4:6.1 R4:6.2 R4:§1 R5:2.1 R5:2.2 R5:2.4 R5:3.1 R5:3.2 R5:3.5 R5:4.1 R5:5.1 R5:6.2 R5:§6¶
R6:1.2 R6:1.3 R6:1.4 R6:10.1 R6:10.2 R6:2.1 R6:2.2 R6:2.3 R6:2.4 R6:2.5 R6:2.6 R6:2.7 R6:2.8 R6:2.9
R6:3.1 R6:3.2 R6:6.1 R6:6.2 R6:6.4 R6:6.5 R6:6.6 R6:6.7 R6:7.1 R6:7.2 R6:7.3 R6:7.4 R6:§11 R6:§4¶1
R6:§4¶2 R6:§5 R6:§8 R6:§9 R7:1.1 R7:2.1 R7:2.2 R7:2.3 R7:2.4 R7:3.2 R7:3.4 R7:3.5 R7:4.1 R7:4.3
R7:4.4 R7:4.5 R7:4.6 R7:4.7 R7:4.8 R8:1.1 R8:1.2 R8:1.3 R8:10.1 R8:2.1 R8:2.10 R8:2.11 R8:2.4
R8:2.5 R8:2.6 R8:2.7 R8:2.8 R8:2.9 R8:3.1 R8:3.2 R8:3.4 R8:3.5 R8:3.6 R8:4.1 R8:4.3 R8:4.5 R8:4.8
R8:4.9 R8:5.1 R8:5.2 R8:6.1 R8:7.1 R8:8.1 R8:8.2 R8:9.1 R8:9.2 R8:9.3 R8:9.4 R8:9.5 R8:9.6 R8:9.7
R9:1.2 R9:1.3 R9:1.4 R9:10.2 R9:10.3 R9:11.1 R9:12.4 R9:12.5(1) R9:12.5(2) R9:12.5(4) R9:12.7(2)
R9:12.7(6) R9:4.1 R9:5.2 R9:5.4 R9:6.1 R9:7.1 R9:7.2 R9:7.3 R9:7.4 R9:7.5 R9:8.2
"""

_CATALOGUE_RE = re.compile(r"^R(\d+):(?:(\d+)(?:\.(\d+))?[a-d]?(?:\((\d+)\)|•(\d+))?|§(\d+)¶?(\d*))$")


def catalogue_to_clause_id(ref: str) -> str:
    """The catalogue's notation → DESIGN §3 ID (Розділ 5's second Параграф 6 is r5-s7, see the profile)."""
    m = _CATALOGUE_RE.match(ref)
    assert m, ref
    rozdil, first, second, item, bullet, paragraf, paragraph_no = m.groups()
    if paragraf:
        return f"r{rozdil}-s{paragraf}-a{paragraph_no or 1}"
    if second is None:
        base = f"r{rozdil}-p{first}"
    else:
        section = "7" if (rozdil, first) == ("5", "6") else first
        base = f"r{rozdil}-s{section}-p{first}.{second}"
    if item or bullet:
        return f"{base}-i{item or bullet}"
    return base


@pytest.fixture(scope="module")
def tree() -> ClauseTree:
    return parse_file(TEXT, "shostka-2013", "shostka")


def test_body_is_between_the_title_and_the_page_footer(tree: ClauseTree) -> None:
    first = next(iter(tree))
    assert first.id == "r1" and first.line == 160 and first.text == "Загальні положення"
    assert max(c.line for c in tree) == 1851
    everything = " ".join(c.text for c in tree)
    for junk in ("КАРТА ШОСТКИ", "Головна сторінка", "ЗАТВЕРДЖЕНО", "Оновлено", "01.11.16"):
        assert junk not in everything


def test_18_rozdily_and_their_paragrafs(tree: ClauseTree) -> None:
    assert [c.id for c in tree if c.kind == "rozdil"] == [f"r{n}" for n in range(1, 19)]
    paragrafs = Counter(int(c.parent[1:]) for c in tree if c.kind == "paragraf" and c.parent)
    assert dict(paragrafs) == PARAGRAFS


def test_every_clause_the_catalogue_cites_exists(tree: ClauseTree) -> None:
    refs = CATALOGUE_IDS.split()
    assert len(refs) == 305
    missing = [ref for ref in refs if catalogue_to_clause_id(ref) not in tree]
    assert missing == []


def test_points_carry_the_paragraf_number_as_printed(tree: ClauseTree) -> None:
    assert tree.clauses["r11-s6-p6.1"].parent == "r11-s6"
    assert tree.clauses["r11-s6-p6.1"].label == "6.1"
    assert [c.label for c in tree.children("r11-s6")] == [f"6.{n}" for n in range(1, 12)]
    for clause in tree:
        if clause.kind == "point" and clause.id.count("-s"):
            section = tree.clauses[clause.parent or ""]
            if section.kind == "paragraf":
                assert clause.label.split(".")[0] == section.label, clause.id


def test_rozdil_1_has_points_without_paragraf(tree: ClauseTree) -> None:
    assert [c.id for c in tree.children("r1")] == ["r1-p1", "r1-p2", "r1-p3"]
    assert tree.clauses["r1-p1"].text.startswith("Цей Регламент відповідно до Конституції України")


def test_second_paragraf_6_of_rozdil_5_becomes_paragraf_7(tree: ClauseTree) -> None:
    first, second = tree.clauses["r5-s6"], tree.clauses["r5-s7"]
    assert first.label == second.label == "6"
    assert first.text.startswith("Проведення атестації та щорічної оцінки")
    assert first.text.endswith("на них завдань і обов’язків")  # title continued on the next line
    assert [c.id for c in tree.children("r5-s6")] == ["r5-s6-a1"]
    assert second.text == "Організація нагородної справи"
    assert [c.id for c in tree.children("r5-s7")] == ["r5-s7-p6.1", "r5-s7-p6.2", "r5-s7-p6.3"]
    assert "r5-s8" not in tree


def test_duplicate_paragraf_without_the_rule_is_an_error() -> None:
    rules = pr.SHOSTKA.rules - {pr.DUPLICATE_PARAGRAF_NEXT_FREE}
    profile = pr.Profile("strict", "", pr.SHOSTKA.body_start, pr.SHOSTKA.body_end, rules)
    with pytest.raises(ParseError, match="Параграф 6"):
        parse_text(TEXT.read_text(encoding="utf-8"), "shostka-2013", profile)


def test_duplicate_paragraf_skips_numbers_printed_later() -> None:
    text = (
        "Регламент виконавчих органів Шосткинської міської ради\n"
        "Розділ 1. Р\nПараграф 1. А\n1.1. Пункт.\nПараграф 1. Б\n1.1. Пункт.\n"
        "Параграф 2. В\n2.1. Пункт.\nОновлено\n"
    )
    ids = [c.id for c in parse_text(text, "t", "shostka")]
    assert ids == ["r1", "r1-s1", "r1-s1-p1.1", "r1-s3", "r1-s3-p1.1", "r1-s2", "r1-s2-p2.1"]


def test_rozdil_9_keeps_printed_numbers_without_paragraf_2_and_3(tree: ClauseTree) -> None:
    sections = [c.id for c in tree.children("r9") if c.kind == "paragraf"]
    assert sections == ["r9-s1"] + [f"r9-s{n}" for n in range(4, 13)]
    assert "r9-s4-p4.1" in tree


def test_numbered_items_follow_their_printed_numbers(tree: ClauseTree) -> None:
    numbered = [c for c in tree if c.kind == "item" and c.label.endswith(")")]
    assert len(numbered) > 60
    for clause in numbered:
        assert clause.id.endswith(f"-i{clause.label[:-1]}"), clause.id
    assert tree.clauses["r11-s3-p3.2-i4"].text.startswith("підготовка контрольних справ")
    assert len([c for c in tree.children("r11-s3-p3.2") if c.kind == "item"]) == 12
    assert len(tree.children("r2-s2-p2.9")) == 6


def test_bullets_are_items(tree: ClauseTree) -> None:
    assert [c.id for c in tree.children("r2-s6-p6.1")] == ["r2-s6-p6.1-i1", "r2-s6-p6.1-i2", "r2-s6-p6.1-i3"]
    assert tree.clauses["r2-s6-p6.1-i1"].text == "функції і повноваження зазначених керівників;"
    assert tree.clauses["r2-s6-p6.1-i1"].label == ""


def test_unbulleted_lower_case_list_is_items(tree: ClauseTree) -> None:
    items = [c for c in tree.children("r15-s2-p2.1") if c.kind == "item"]
    assert len(items) == 11
    assert items[7].id == "r15-s2-p2.1-i8"
    assert items[7].text.startswith("забезпечує направлення запиту на інформацію")


def test_unnumbered_paragraphs(tree: ClauseTree) -> None:
    assert [c.id for c in tree.children("r4-s1")] == ["r4-s1-a1", "r4-s1-a2", "r4-s1-a3", "r4-s1-a4"]
    assert [c.id for c in tree.children("r6-s4")] == ["r6-s4-a1", "r6-s4-a2"]
    assert tree.clauses["r3-s1-p1.2-a2"].text.startswith("Річні та квартальні плани роботи")


def test_heading_title_continues_on_a_lower_case_line(tree: ClauseTree) -> None:
    assert tree.clauses["r13"].text == ("Організація правового забезпечення діяльності виконавчих органів міської ради")
