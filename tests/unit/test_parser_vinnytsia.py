"""Vinnytsia 2020 reglament: the clause tree against the analysts' catalogue and the text itself."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from reglament.text import profiles as pr
from reglament.text.model import ClauseTree, normalize
from reglament.text.parser import ParseError, parse_file, parse_text

TEXT = Path(__file__).resolve().parents[2] / "rules" / "vinnytsia-2020" / "text.txt"

# Appendix A of the Vinnytsia clause catalogue: every ID-bearing unit (headings excluded) with the
# line where it starts; «a+b» means the unit's sentence continues on line b after a page break.
# The catalogue was checked against the text by hand; it agrees with it on all 389 units.
CATALOGUE_APPENDIX_A = """
r1-p1@39 r1-p2@40 r1-p3@41
r2-p1@45 r2-p2@46 r2-p3@47 r2-p3-a2@49 r2-p4@51 r2-p5@52 r2-p6@53 r2-p7@54 r2-p7.1@55 r2-p7.2@56
r2-p7.3@57 r2-p7.4@58 r2-p7.5@59 r2-p7.6@60 r2-p7.7@61 r2-p7.8@62
r3-p1@66 r3-p2@67 r3-p3@68
r4-p1@72 r4-p2@73
r5-s1-p1@79 r5-s1-p2@80 r5-s1-p2-a2@82+84 r5-s1-p3@86 r5-s1-p4@87 r5-s1-p5@88 r5-s1-p6@89
r5-s1-p6-a2@91 r5-s1-p6-a3@93 r5-s1-p7@95 r5-s1-p7.1@96 r5-s1-p7.2@97 r5-s1-p8@98 r5-s2-p1@102
r5-s2-p2@103 r5-s3-p1@107 r5-s3-p1-a2@109 r5-s3-p1-a3@111 r5-s3-p2@113 r5-s3-p2.1@115
r5-s3-p2.2@117 r5-s3-p3@119 r5-s4-p1@123+125 r5-s4-p1-a2@127 r5-s4-p2@129 r5-s4-p2-a2@131
r5-s5-p1@135 r5-s5-p2@136
r6-s1-p1@142 r6-s1-p2@144 r6-s1-p3@145 r6-s2-p1@149 r6-s2-p2@150 r6-s2-p3@151 r6-s3-p1@155
r6-s3-p1-a2@157 r6-s3-p1-a3@159 r6-s3-p1-a4@161+163 r6-s4-p1@167 r6-s4-p2@168 r6-s4-p2-a2@170
r6-s4-p3@172 r6-s4-p4@173 r6-s4-p5@174 r6-s4-p5.1@175 r6-s4-p5.2@176 r6-s4-p5.3@177
r6-s4-p5.4@178 r6-s4-p5.5@179 r6-s4-p5.6@180 r6-s4-p5.7@182 r6-s4-p5.8@183 r6-s4-p5.9@184
r6-s4-p5.10@185 r6-s4-p5-a2@187 r6-s4-p5.11@189 r6-s4-p5.12@190 r6-s4-p6@191 r6-s4-p7@192
r6-s4-p8@193 r6-s4-p8-a2@195 r6-s4-p9@197 r6-s4-p10@198 r6-s4-p11@199 r6-s4-p12@200
r6-s4-p13@201 r6-s4-p14@202 r6-s4-p14-a2@204 r6-s5-p1@208 r6-s5-p2@209+211 r6-s5-p3@213
r6-s5-p3-a2@215 r6-s5-p3-a3@217 r6-s5-p3-a4@219 r6-s5-p3-a5@221 r6-s5-p4@223 r6-s6-p1@227
r6-s6-p2@228 r6-s6-p3@229+231 r6-s7-p1@235 r6-s7-p2@236 r6-s7-p3@237 r6-s7-p4@238 r6-s8-p1@242
r6-s8-p2@243 r6-s8-p3@244 r6-s8-p4@245+247 r6-s8-p4-a2@249 r6-s8-p5@251 r6-s8-p5-a2@253
r6-s8-p5-a3@255 r6-s8-p6@257 r6-s8-p7@258 r6-s8-p8@259 r6-s8-p9@260 r6-s8-p10@262
r6-s8-p10-i1@264 r6-s8-p10-i2@266+268 r6-s8-p10-i3@270 r6-s8-p10-a2@272 r6-s8-p10-a3@274
r6-s8-p10-a4@276 r6-s8-p10-a5@278 r6-s8-p10-a6@280 r6-s8-p10-a7@282 r6-s8-p10-a8@284
r6-s8-p10-a9@286 r6-s8-p11@288 r6-s9-a1@292+294 r6-s10-p1@298 r6-s10-p2@299 r6-s10-p2.1@300
r6-s10-p2.2@301 r6-s10-p2.3@302 r6-s10-p2.4@303 r6-s10-p2.5@304 r6-s10-p2.6@305 r6-s10-p2-a2@307
r6-s10-p2-i1@309 r6-s10-p2-i2@310 r6-s10-p2-i3@311 r6-s10-p3@312 r6-s10-p4@313 r6-s10-p5@314
r6-s10-p6@315 r6-s11-p1@319 r6-s11-p2@320 r6-s11-p3@321 r6-s11-p4@322 r6-s11-p5@323
r6-s11-p6@324 r6-s11-p6.1@325 r6-s11-p6.2@326 r6-s11-p6.3@327 r6-s11-p6.4@328 r6-s11-p6.5@330
r6-s11-p6.6@331 r6-s11-p7@332
r7-s1-p1@338 r7-s1-p2@339 r7-s1-p3@340 r7-s1-p4@341 r7-s1-p5@343 r7-s1-p6@344 r7-s2-p1@348
r7-s2-p2@349 r7-s3-p1@353 r7-s3-p1-a2@355 r7-s3-p2@357+359 r7-s3-p3@361 r7-s3-p4@362
r7-s3-p5@363 r7-s3-p6@364 r7-s4-p1@368 r7-s4-p2@369 r7-s4-p3@370 r7-s5-p1@374 r7-s5-p2@375
r7-s6-p1@379 r7-s6-p2@380
r8-s1-p1@386 r8-s1-p1-a2@388 r8-s1-p1-a3@390 r8-s1-p2@392 r8-s1-p3@393 r8-s1-p4@394 r8-s1-p5@395
r8-s1-p6@396 r8-s1-p7@397 r8-s2-p1@401+403 r8-s2-p2@405 r8-s2-p3@406 r8-s2-p4@407 r8-s3-p1@411
r8-s3-p1.1@412 r8-s3-p1.2@413 r8-s3-p1.3@414 r8-s3-p1.4@415 r8-s3-p1.5@416 r8-s3-p1.6@417
r8-s3-p2@418 r8-s3-p2-a2@420 r8-s3-p2-a3@422+424 r8-s3-p2-a4@426 r8-s3-p2-a5@428 r8-s3-p3@430
r8-s3-p3-a2@432 r8-s3-p3-a3@434 r8-s3-p4@436 r8-s3-p5@437 r8-s3-p5-a2@439 r8-s3-p6@441
r8-s4-p1@445 r8-s4-p1-a2@447 r8-s4-p2@449 r8-s4-p2-a2@451 r8-s4-p3@453 r8-s4-p3-a2@455
r8-s5-p1@459 r8-s5-p2@461 r8-s5-p2-a2@463 r8-s5-p3@465 r8-s5-p4@466 r8-s5-p5@467
r9-a1@471 r9-a2@473 r9-a3@475
r10-s1-p1@481 r10-s1-p2@482 r10-s2-p1@486 r10-s2-p1-a2@488+490 r10-s2-p1-a3@492 r10-s2-p1-a4@494
r10-s2-p2@496 r10-s2-p3@497 r10-s2-p4@498 r10-s2-p5@499 r10-s2-p6@500 r10-s2-p7@502
r10-s2-p7-a2@504 r10-s2-p8@506 r10-s2-p9@507 r10-s2-p10@508 r10-s2-p11@509 r10-s2-p12@510
r10-s2-p13@511 r10-s2-p13-a2@513 r10-s2-p13-a3@515 r10-s2-p14@517 r10-s2-p15@518 r10-s3-p1@522
r10-s3-p2@523 r10-s3-p3@524 r10-s4-a1@528
r11-s1-p1@534 r11-s1-p1-a2@536 r11-s1-p2@538 r11-s1-p3@539 r11-s1-p4@540 r11-s1-p5@541+543
r11-s2-p1@547 r11-s2-p2@548 r11-s2-p2-a2@550 r11-s2-p2-a3@552 r11-s2-p3@554 r11-s2-p4@555
r11-s2-p4-a2@557 r11-s2-p5@559 r11-s2-p6@560 r11-s2-p7@562 r11-s3-p1@566 r11-s3-p2@567
r11-s3-p3@568 r11-s4-p1@572 r11-s4-p1-a2@574 r11-s4-p2@576 r11-s4-p3@577 r11-s4-p3-a2@579
r12-s1-p1@585 r12-s1-p2@586 r12-s1-p3@587 r12-s1-p4@588 r12-s1-p5@589 r12-s1-p5.1@590
r12-s1-p5.2@591 r12-s1-p5.3@592 r12-s1-p5.4@593 r12-s1-p6@594 r12-s1-p7@595 r12-s1-p8@596+598
r12-s2-p1@602 r12-s2-p2@603 r12-s2-p3@604 r12-s2-p4@605 r12-s2-p5@606 r12-s2-p6@607
r12-s2-p7@608 r12-s3-p1@612 r12-s3-p2@613 r12-s3-p2.1@614 r12-s3-p2.2@616 r12-s3-p2.3@617
r12-s3-p2.4@618 r12-s3-p3@619 r12-s3-p4@620 r12-s3-p5@621 r12-s3-p6@622 r12-s3-p7@623
r12-s3-p8@624 r12-s3-p9@625+627 r12-s3-p10@629 r12-s3-p11@630 r12-s4-p1@634 r12-s4-p1-i1@635
r12-s4-p1-i2@636 r12-s4-p2@637 r12-s4-p3@638 r12-s4-p4@639 r12-s4-p4.1@640 r12-s4-p4.2@641
r12-s4-p4.3@642 r12-s4-p4.4@643 r12-s4-p5@645 r12-s4-p6@646
r13-s1-p1@652 r13-s1-p1.1@653 r13-s1-p1.2@654 r13-s1-p1.3@655 r13-s1-p2@656 r13-s1-p3@657
r13-s1-p4@658+660 r13-s1-p5@662 r13-s1-p5-a2@664 r13-s2-p1@668 r13-s2-p2@669 r13-s2-p2.1@670
r13-s2-p2.2@671 r13-s2-p2.3@672 r13-s2-p2.4@673 r13-s2-p3@675 r13-s3-a1@679 r13-s4-p1@683
r13-s4-p2@684 r13-s4-p3@685 r13-s4-p4@686 r13-s5-a1@690 r13-s6-p1@694 r13-s6-p2@695
r13-s7-a1@699
r14-p1@703 r14-p2@704 r14-p3@705 r14-p4@706 r14-p4-a2@708 r14-p4-a3@710 r14-p5@712
r15-p1@716+718 r15-p2@719 r15-p3@720 r15-p4@721 r15-p5@722 r15-p6@723 r15-p7@724 r15-p8@725
r15-p9@726 r15-p10@727 r15-p11@728+730 r15-p12@732
r16-s1-p1@738 r16-s1-p1.1@740 r16-s1-p1.2@742 r16-s1-p2@744 r16-s2-a1@748 r16-s3-p1@752
r16-s3-p2@754 r16-s3-p3@756 r16-s3-p4@757 r16-s3-p5@758 r16-s3-p6@759 r16-s3-p6-a2@761
r17-s1-p1@767 r17-s1-p1-a2@769 r17-s1-p2@771 r17-s2-p1@775 r17-s2-p2@776
"""

# Units per Розділ in the catalogue's Appendix A (headings excluded).
CATALOGUE_COUNTS = {
    1: 3, 2: 16, 3: 3, 4: 2, 5: 28, 6: 110, 7: 22, 8: 44, 9: 3,
    10: 27, 11: 24, 12: 46, 13: 25, 14: 7, 15: 12, 16: 12, 17: 5,
}  # fmt: skip

# § per Розділ (catalogue §1.1); Розділи 1–4, 9, 14, 15 have none.
PARAGRAFS = {5: 5, 6: 11, 7: 6, 8: 5, 10: 4, 11: 4, 12: 4, 13: 7, 16: 3, 17: 2}

# The 18 sentences split by page breaks (catalogue §1.3): unit → (first line, continuation line).
PAGE_BREAKS = {
    "r5-s1-p2-a2": (82, 84), "r5-s4-p1": (123, 125), "r6-s3-p1-a4": (161, 163),
    "r6-s5-p2": (209, 211), "r6-s6-p3": (229, 231), "r6-s8-p4": (245, 247),
    "r6-s8-p10-i2": (266, 268), "r6-s9-a1": (292, 294), "r7-s3-p2": (357, 359),
    "r8-s2-p1": (401, 403), "r8-s3-p2-a3": (422, 424), "r10-s2-p1-a2": (488, 490),
    "r11-s1-p5": (541, 543), "r12-s1-p8": (596, 598), "r12-s3-p9": (625, 627),
    "r13-s1-p4": (658, 660), "r15-p1": (716, 718), "r15-p11": (728, 730),
}  # fmt: skip


def _catalogue() -> list[tuple[str, list[int]]]:
    out = []
    for token in CATALOGUE_APPENDIX_A.split():
        clause_id, lines = token.split("@")
        out.append((clause_id, [int(n) for n in lines.split("+")]))
    return out


@pytest.fixture(scope="module")
def tree() -> ClauseTree:
    return parse_file(TEXT, "vinnytsia-2020", "vinnytsia")


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return TEXT.read_text(encoding="utf-8").split("\n")


def test_catalogue_appendix_has_389_units() -> None:
    assert len(_catalogue()) == 389
    assert sum(CATALOGUE_COUNTS.values()) == 389


def test_ids_and_start_lines_match_the_catalogue_in_document_order(tree: ClauseTree) -> None:
    expected = [(clause_id, lines[0]) for clause_id, lines in _catalogue()]
    got = [(c.id, c.line) for c in tree.normative()]
    assert set(got) - set(expected) == set()
    assert set(expected) - set(got) == set()
    assert got == expected


def test_units_per_rozdil(tree: ClauseTree) -> None:
    counts = Counter(int(c.id[1:].split("-")[0]) for c in tree.normative())
    assert dict(counts) == CATALOGUE_COUNTS


def test_headings_17_rozdily_and_51_paragrafs(tree: ClauseTree) -> None:
    rozdily = [c for c in tree if c.kind == "rozdil"]
    assert [c.id for c in rozdily] == [f"r{n}" for n in range(1, 18)]
    paragrafs = Counter(int(c.parent[1:]) for c in tree if c.kind == "paragraf" and c.parent)
    assert dict(paragrafs) == PARAGRAFS
    assert sum(paragrafs.values()) == 51


def test_continuation_lines_named_by_the_catalogue_are_joined(tree: ClauseTree, source_lines: list[str]) -> None:
    for clause_id, lines in _catalogue():
        clause = tree.clauses[clause_id]
        for line_no in lines[1:]:
            tail = normalize(source_lines[line_no - 1]).lstrip("- ")
            assert tail in clause.text, (clause_id, line_no)


# --- the clauses the project encodes first ------------------------------------------------------


def test_document_without_date_is_due_in_30_calendar_days(tree: ClauseTree) -> None:
    clause = tree.clauses["r12-s3-p2.3"]
    assert clause.kind == "point" and clause.label == "2.3" and clause.parent == "r12-s3-p2"
    assert "протягом 30 календарних днів з дня реєстрації" in clause.text
    assert clause.text.startswith("документи, де не вказана конкретна дата")


def test_finance_department_visa_is_sub_point_5_4(tree: ClauseTree) -> None:
    clause = tree.clauses["r6-s4-p5.4"]
    assert clause.parent == "r6-s4-p5"
    assert "директором департаменту фінансів міської ради" in clause.text
    assert "**" not in clause.text and not clause.text.startswith(("-", "5.4"))


def test_substitution_paragraph_after_5_10_belongs_to_point_5(tree: ClauseTree) -> None:
    clause = tree.clauses["r6-s4-p5-a2"]
    assert clause.kind == "abzac" and clause.parent == "r6-s4-p5" and clause.line == 187
    assert clause.text.startswith("За відсутності візуючої особи (з будь-яких причин)")
    assert "r6-s4-p5.10-a2" not in tree


def test_council_matters_appeals_six_months(tree: ClauseTree) -> None:
    # The text says «шість місяців» (not «шести місяців»): the text wins.
    clause = tree.clauses["r10-s2-p7-a2"]
    assert clause.parent == "r10-s2-p7"
    assert "не може перевищувати шість місяців від дня їх реєстрації" in clause.text


def test_rozdil_9_has_only_abzacy_under_the_rozdil(tree: ClauseTree) -> None:
    assert [c.id for c in tree.children("r9")] == ["r9-a1", "r9-a2", "r9-a3"]
    assert all(c.kind == "abzac" for c in tree.children("r9"))


def test_paragraph_directly_under_a_paragraf_is_abzac_1_of_the_paragraf(tree: ClauseTree) -> None:
    clause = tree.clauses["r6-s9-a1"]
    assert clause.parent == "r6-s9"
    assert "опитування за допомогою системи електронного документообігу" in clause.text


def test_conflict_of_interest_duties_are_three_items_then_abzacy(tree: ClauseTree) -> None:
    children = [c.id for c in tree.children("r6-s8-p10")]
    assert children[:4] == ["r6-s8-p10-i1", "r6-s8-p10-i2", "r6-s8-p10-i3", "r6-s8-p10-a2"]
    assert tree.clauses["r6-s8-p10-i1"].text.startswith("не вчиняти дій")
    assert tree.clauses["r6-s8-p10"].text.endswith(":")


# --- every Vinnytsia defect rule ----------------------------------------------------------------


def test_body_excludes_decision_preamble_and_signature(tree: ClauseTree) -> None:
    assert min(c.line for c in tree) == 37 and max(c.line for c in tree) == 776
    everything = " ".join(c.text for c in tree)
    assert "Затвердити Регламент виконавчих органів міської ради" not in everything  # decision, point 1
    assert "Чернолуцький" not in everything and "Заступник начальника відділу" not in everything


def test_markdown_labels_lose_bullet_and_bold(tree: ClauseTree) -> None:
    marked = [c for c in tree if c.id.startswith(("r6-s4-p", "r10-s1-p", "r12-s1-p"))]
    assert len(marked) > 20
    for clause in marked:
        assert "**" not in clause.text and not clause.text.startswith("-")
        if clause.kind == "point":
            assert re.fullmatch(r"\d+(\.\d+)?", clause.label)
    assert tree.clauses["r6-s4-p1"].text.startswith("Підготовка та внесення на розгляд")


def test_markdown_label_rule_is_needed() -> None:
    text = "РЕГЛАМЕНТ\nРозділ 1. Перший\n- 1.** Перший пункт.\n - 1.1.** підпункт;\nВ.о. керуючого справами\n"
    without = pr.Profile("bare", "", pr.VINNYTSIA.body_start, pr.VINNYTSIA.body_end, frozenset())
    assert [c.id for c in parse_text(text, "t", "vinnytsia")] == ["r1", "r1-p1", "r1-p1.1"]
    assert [c.id for c in parse_text(text, "t", without)] == ["r1", "r1-i1", "r1-i2"]


def test_paragraf_sign_with_and_without_space(tree: ClauseTree) -> None:
    # «§3. Бланки» (no space) and «§ 4. Трудові книжки…» (with a space) are both headings.
    assert tree.clauses["r8-s3"].text == "Бланки" and tree.clauses["r8-s3"].line == 409
    assert tree.clauses["r8-s4"].text.startswith("Трудові книжки")
    assert tree.clauses["r12-s1"].text == "Загальні засади"


def test_page_break_splits_stay_in_the_unit_where_the_sentence_started(
    tree: ClauseTree, source_lines: list[str]
) -> None:
    assert len(PAGE_BREAKS) == 18
    starts = {c.line for c in tree}
    for clause_id, (first, continuation) in PAGE_BREAKS.items():
        clause = tree.clauses[clause_id]
        assert clause.line == first, clause_id
        assert continuation not in starts, clause_id
        tail = normalize(source_lines[continuation - 1]).lstrip("- ")
        assert clause.text.endswith(tail), clause_id


def test_spurious_bullet_continues_r15_p1(tree: ClauseTree) -> None:
    text = tree.clauses["r15-p1"].text
    assert "відповідно до Програми «Нагородження відзнаками міського рівня" in text
    assert "r15-p1-i1" not in tree


def test_numbered_attachment_list_of_the_minutes_is_items_of_point_2(tree: ClauseTree) -> None:
    assert [c.id for c in tree.children("r6-s10-p2")][-4:] == [
        "r6-s10-p2-a2", "r6-s10-p2-i1", "r6-s10-p2-i2", "r6-s10-p2-i3",
    ]  # fmt: skip
    assert tree.clauses["r6-s10-p2-a2"].text == "До протоколу засідання виконавчого комітету додаються:"
    assert [tree.clauses[f"r6-s10-p2-i{n}"].label for n in (1, 2, 3)] == ["1", "2", "3"]
    assert tree.clauses["r6-s10-p2-i1"].text == "поправки і доповнення до проектів рішень;"
    assert tree.clauses["r6-s10-p3"].text.startswith("Протокол засідання виконавчого комітету оформляється")


def test_bullets_without_numbers_are_items(tree: ClauseTree) -> None:
    assert [c.id for c in tree.children("r12-s4-p1")] == ["r12-s4-p1-i1", "r12-s4-p1-i2"]
    assert tree.clauses["r12-s4-p1-i1"].text.startswith("виконання завдань")


def test_duplicate_paragraf_is_an_error_without_the_rule() -> None:
    text = "РЕГЛАМЕНТ\nРозділ 1. Перший\n§ 1. А\n1. Пункт.\n§ 1. Б\n1. Пункт.\nВ.о. керуючого справами\n"
    with pytest.raises(ParseError, match="printed twice"):
        parse_text(text, "t", "vinnytsia")
