"""Invariants of the clause parser on both reglaments, each generic rule alone, files, cache and CLI."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reglament.cli import main as cli_main
from reglament.rules.paths import RULES_DIR_ENV, reglament_dir, rules_root
from reglament.rules.schema import CLAUSE_ID_RE
from reglament.text import profiles as pr
from reglament.text.model import ClauseTree, normalize, sha256_of
from reglament.text.parser import parse_file, parse_text, tree_for, tree_for_id

RULES = Path(__file__).resolve().parents[2] / "rules"
REGLAMENTS = {"vinnytsia-2020": "vinnytsia", "shostka-2013": "shostka"}


def _text(reglament_id: str) -> str:
    return (RULES / reglament_id / "text.txt").read_text(encoding="utf-8")


def _parse(reglament_id: str, text: str | None = None) -> ClauseTree:
    return parse_text(_text(reglament_id) if text is None else text, reglament_id, REGLAMENTS[reglament_id])


def _shape(tree: ClauseTree) -> list[tuple[str, str, str, str | None, str]]:
    return [(c.id, c.kind, c.label, c.parent, c.text) for c in tree]


TREES = {rid: _parse(rid) for rid in REGLAMENTS}


@pytest.mark.parametrize("reglament_id", sorted(REGLAMENTS))
def test_ids_are_well_formed_unique_and_consistent_with_kind(reglament_id: str) -> None:
    tree = TREES[reglament_id]
    ids = [c.id for c in tree]
    assert len(ids) == len(set(ids))
    for clause in tree:
        assert CLAUSE_ID_RE.match(clause.id), clause.id
        last = clause.id.rsplit("-", 1)[-1]
        expected_prefix = {"rozdil": "r", "paragraf": "s", "point": "p", "item": "i", "abzac": "a"}
        assert last.startswith(expected_prefix[clause.kind]), clause.id
        if clause.kind == "point":
            assert clause.id.endswith(f"-p{clause.label}")


@pytest.mark.parametrize("reglament_id", sorted(REGLAMENTS))
def test_parents_exist_precede_and_prefix_the_child(reglament_id: str) -> None:
    tree = TREES[reglament_id]
    order = {c.id: n for n, c in enumerate(tree)}
    for clause in tree:
        if clause.kind == "rozdil":
            assert clause.parent is None
            continue
        assert clause.parent is not None and clause.parent in tree, clause.id
        assert order[clause.parent] < order[clause.id]
        assert clause.id.startswith(clause.parent.split("-p")[0])
        parent_kind = tree.clauses[clause.parent].kind
        assert parent_kind in {"rozdil", "paragraf", "point"}, clause.id


@pytest.mark.parametrize("reglament_id", sorted(REGLAMENTS))
def test_every_text_occurs_in_the_normalised_source(reglament_id: str) -> None:
    source = normalize(_text(reglament_id))
    # Vinnytsia r15-p1 continues on a line printed as a bullet («- «Нагородження…»); the bullet is dropped.
    debulleted = source.replace(" - «", " «")
    for clause in TREES[reglament_id]:
        assert clause.text, clause.id
        assert clause.text in source or clause.text in debulleted, clause.id
        assert clause.sha256 == sha256_of(clause.text)
        assert not clause.text.startswith(("- ", "**")), clause.id


@pytest.mark.parametrize("reglament_id", sorted(REGLAMENTS))
def test_lines_point_at_the_start_of_each_unit(reglament_id: str) -> None:
    lines = _text(reglament_id).split("\n")
    for clause in TREES[reglament_id]:
        words = normalize(lines[clause.line - 1])
        assert clause.text.split(" ")[0] in words, clause.id


@pytest.mark.parametrize("reglament_id", sorted(REGLAMENTS))
def test_parsing_is_deterministic(reglament_id: str) -> None:
    assert _shape(_parse(reglament_id)) == _shape(TREES[reglament_id])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    reglament_id=st.sampled_from(sorted(REGLAMENTS)),
    crlf=st.booleans(),
    padding=st.lists(st.sampled_from(["", " ", "  ", "\t", "\u00a0"]), min_size=1, max_size=7),
)
def test_line_endings_and_trailing_whitespace_do_not_matter(reglament_id: str, crlf: bool, padding: list[str]) -> None:
    lines = _text(reglament_id).split("\n")
    padded = [line + padding[n % len(padding)] for n, line in enumerate(lines)]
    text = ("\r\n" if crlf else "\n").join(padded)
    tree = _parse(reglament_id, text)
    assert _shape(tree) == _shape(TREES[reglament_id])
    assert [c.line for c in tree] == [c.line for c in TREES[reglament_id]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reglament_id=st.sampled_from(sorted(REGLAMENTS)), data=st.data())
def test_blank_lines_inserted_anywhere_change_only_line_numbers(reglament_id: str, data: st.DataObject) -> None:
    lines = _text(reglament_id).split("\n")
    where = sorted(data.draw(st.lists(st.integers(0, len(lines)), min_size=1, max_size=5)), reverse=True)
    for at in where:
        lines.insert(at, "")
    assert _shape(_parse(reglament_id, "\n".join(lines))) == _shape(TREES[reglament_id])


def _split_points(line_no: int, lines: list[str]) -> list[int]:
    """Offsets in line `line_no` where a page break may fall: before a lower-case word, after an
    unterminated word."""
    line = lines[line_no - 1]
    out = []
    for m in re.finditer(r"(?<=\S) (?=[^\W\d_])", line):
        head, tail = line[: m.start()], line[m.end() :]
        words = re.sub(r"^[\s\d.*)•-]*", "", head)  # the line's label or bullet is not a sentence
        if words and tail[0].islower() and head.rstrip()[-1] not in ".;:!?…":
            out.append(m.start())
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reglament_id=st.sampled_from(sorted(REGLAMENTS)), data=st.data())
def test_a_page_break_inside_a_sentence_changes_no_id_and_no_text(reglament_id: str, data: st.DataObject) -> None:
    lines = _text(reglament_id).split("\n")
    units = [c for c in TREES[reglament_id] if c.kind not in ("rozdil", "paragraf")]
    clause = data.draw(st.sampled_from(units))
    offsets = _split_points(clause.line, lines)
    if not offsets:
        return
    at = data.draw(st.sampled_from(offsets))
    line = lines[clause.line - 1]
    lines[clause.line - 1 : clause.line] = [line[:at], "", line[at + 1 :]]
    assert _shape(_parse(reglament_id, "\n".join(lines))) == _shape(TREES[reglament_id])


# --- each generic rule, alone ---------------------------------------------------------------------

START = re.compile(r"^ПОЧАТОК$")
END = re.compile(r"^КІНЕЦЬ$")


def _ids(body: str, *rules: str) -> list[str]:
    profile = pr.Profile("test", "", START, END, frozenset(rules))
    return [c.id for c in parse_text(f"ПОЧАТОК\n{body}\nКІНЕЦЬ\n", "t", profile)]


def test_page_break_continuation_rule() -> None:
    body = "Розділ 1. Р\n1. Перший пункт, що\n\nтриває далі.\n2. Другий."
    assert _ids(body, pr.PAGE_BREAK_CONTINUATION) == ["r1", "r1-p1", "r1-p2"]
    assert _ids(body) == ["r1", "r1-p1", "r1-p1-a2", "r1-p2"]
    # A finished sentence is not continued by a lower-case line.
    assert _ids("Розділ 1. Р\n1. Пункт.\nщось інше.", pr.PAGE_BREAK_CONTINUATION) == ["r1", "r1-p1", "r1-p1-a2"]


def test_spurious_bullet_continuation_rule() -> None:
    body = "Розділ 1. Р\n1. Відповідно до Програми\n- «Назва програми»\n2. Другий."
    assert _ids(body, pr.SPURIOUS_BULLET_CONTINUATION) == ["r1", "r1-p1", "r1-p2"]
    assert _ids(body) == ["r1", "r1-p1", "r1-p1-i1", "r1-p2"]
    assert _ids("Розділ 1. Р\n1. Список:\n- перше;", pr.SPURIOUS_BULLET_CONTINUATION) == ["r1", "r1-p1", "r1-p1-i1"]


def test_lowercase_numbered_list_rule() -> None:
    body = "Розділ 1. Р\n1. Перший.\n2. Другий:\n1. поправки;\n2. довідки.\n3. Третій."
    assert _ids(body, pr.LOWERCASE_NUMBERED_LIST_AS_ITEMS) == [
        "r1", "r1-p1", "r1-p2", "r1-p2-i1", "r1-p2-i2", "r1-p3",
    ]  # fmt: skip
    with pytest.raises(ValueError, match="r1-p1"):
        _ids(body)


def test_lowercase_list_items_rule() -> None:
    body = "Розділ 1. Р\n1. Особи зобов'язані:\nне вчиняти дій;\nповідомити керівника.\nІнший абзац."
    assert _ids(body, pr.LOWERCASE_LIST_ITEMS) == ["r1", "r1-p1", "r1-p1-i1", "r1-p1-i2", "r1-p1-a2"]
    assert _ids(body) == ["r1", "r1-p1", "r1-p1-a2", "r1-p1-a3", "r1-p1-a4"]


def test_heading_continuation_rule() -> None:
    body = "Розділ 1. Організація забезпечення\nвиконавчих органів\n1. Пункт."
    profile = pr.Profile("test", "", START, END, frozenset({pr.HEADING_CONTINUATION}))
    tree = parse_text(f"ПОЧАТОК\n{body}\nКІНЕЦЬ\n", "t", profile)
    assert [c.id for c in tree] == ["r1", "r1-p1"]
    assert tree.clauses["r1"].text == "Організація забезпечення виконавчих органів"
    assert _ids(body) == ["r1", "r1-a1", "r1-p1"]


def test_point_label_starts_with_paragraf_rule() -> None:
    body = "Розділ 2. Р\nПараграф 3. П\n3.1. Пункт:\n1. перше.\n3.2. Другий."
    assert _ids(body, pr.POINT_LABEL_STARTS_WITH_PARAGRAF) == [
        "r2", "r2-s3", "r2-s3-p3.1", "r2-s3-p3.1-i1", "r2-s3-p3.2",
    ]  # fmt: skip
    # Without the rule 3.1 is a sub-point of nothing and «1.» a top-level point.
    assert _ids(body) == ["r2", "r2-s3", "r2-s3-p3.1", "r2-s3-p1", "r2-s3-p3.2"]


def test_profiles_reject_unknown_rules_and_names() -> None:
    with pytest.raises(ValueError, match="unknown rules"):
        pr.Profile("x", "", START, END, frozenset({"no-such-rule"}))
    with pytest.raises(LookupError, match="shostka"):
        pr.get_profile("kyiv")
    assert set(pr.PROFILES) == {"vinnytsia", "shostka"}
    for profile in pr.PROFILES.values():
        assert profile.rules <= pr.RULES.keys()


# --- files, cache and the command ---------------------------------------------------------------


def test_rules_root_and_reglament_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(RULES_DIR_ENV, raising=False)
    assert rules_root() == RULES
    assert reglament_dir("vinnytsia-2020") == RULES / "vinnytsia-2020"
    with pytest.raises(LookupError) as err:
        reglament_dir("kyiv-2030")
    assert "kyiv-2030" in str(err.value) and str(RULES) in str(err.value)
    monkeypatch.setenv(RULES_DIR_ENV, str(tmp_path))
    assert rules_root() == tmp_path
    with pytest.raises(LookupError, match=re.escape(str(tmp_path))):
        reglament_dir("vinnytsia-2020")
    with pytest.raises(LookupError, match="not a reglament id"):
        reglament_dir("../vinnytsia-2020")


def _copy_reglament(tmp_path: Path, reglament_id: str) -> Path:
    folder = tmp_path / reglament_id
    folder.mkdir()
    (folder / "reglament.yaml").write_text(
        (RULES / reglament_id / "reglament.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "text.txt").write_text(_text(reglament_id), encoding="utf-8")
    return folder


def test_tree_for_reads_the_yaml_and_the_cache_follows_the_file(tmp_path: Path) -> None:
    folder = _copy_reglament(tmp_path, "vinnytsia-2020")
    tree = tree_for(folder)
    assert tree.reglament_id == "vinnytsia-2020"
    assert _shape(tree) == _shape(TREES["vinnytsia-2020"])
    tree.clauses.clear()  # a caller's mutation does not reach the cache
    assert len(tree_for(folder)) == len(TREES["vinnytsia-2020"])
    text_file = folder / "text.txt"
    text_file.write_text(_text("vinnytsia-2020").replace("Загальні положення", "Загальні засади", 1), "utf-8")
    stat = text_file.stat()
    os.utime(text_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert tree_for(folder).clauses["r1"].text == "Загальні засади"


def test_tree_for_id_uses_the_rules_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _copy_reglament(tmp_path, "shostka-2013")
    monkeypatch.setenv(RULES_DIR_ENV, str(tmp_path))
    assert _shape(tree_for_id("shostka-2013")) == _shape(TREES["shostka-2013"])
    assert parse_file(tmp_path / "shostka-2013" / "text.txt", "s", "shostka").reglament_id == "s"


def test_clauses_command_plain(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RULES_DIR_ENV, raising=False)
    assert cli_main(["clauses", "vinnytsia-2020"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(TREES["vinnytsia-2020"])
    line = next(x for x in out if x.startswith("r12-s3-p2.3\t"))
    clause_id, text = line.split("\t")
    assert text == TREES["vinnytsia-2020"].clauses[clause_id].text[:100]


def test_clauses_command_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RULES_DIR_ENV, raising=False)
    assert cli_main(["clauses", "shostka-2013", "--json"]) == 0
    out = capsys.readouterr().out
    assert "Загальні положення" in out  # ensure_ascii=False: Cyrillic printed as is
    records = json.loads(out)
    assert [r["id"] for r in records] == [c.id for c in TREES["shostka-2013"]]
    first = records[1]
    assert set(first) >= {"id", "kind", "label", "parent", "line", "text", "sha256"}
    assert first["id"] == "r1-p1" and first["parent"] == "r1" and first["sha256"] == sha256_of(first["text"])


def test_clauses_command_unknown_reglament(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["clauses", "kyiv-2030"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "kyiv-2030" in captured.err
