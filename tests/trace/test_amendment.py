"""A synthetic amendment of Vinnytsia's reglament: `reglament diff` reports exactly its changes, and
`reglament verify` flags exactly the clauses they touch until their encodings are re-reviewed."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from reglament.cli import main
from reglament.rules.paths import reglament_dir
from reglament.rules.verify import verify_reglament
from reglament.text.diff import diff_dirs
from reglament.text.parser import tree_for
from reglament.trace.features import features_root, load_features
from reglament.trace.matrix import build_trace
from reglament.trace.results import Results

OLD_TERM = "протягом 30 календарних днів з дня реєстрації"
NEW_TERM = "протягом 20 календарних днів з дня реєстрації"
MOVED = (
    "Особи, які одержують проекти рішень та інші документи до засідання виконавчого комітету, уважно їх "
    "вивчають і, у разі потреби, чітко формулюють свої зауваження і пропозиції."
)
MOVED_BEFORE = "14. Структурні підрозділи, зазначені у п.2"
DELETED = "11. Якщо на підставі інформації про виконання документа надані нові доручення"


def amend(text: str) -> str:
    """Change one term (r12-s3-p2.3), move one paragraph (r6-s4-p14-a2 after п. 13), delete one (r12-s3-p11)."""
    assert text.count(OLD_TERM) == 1
    text = text.replace(OLD_TERM, NEW_TERM)
    lines = text.split("\n")
    [moved] = [i for i, line in enumerate(lines) if line.strip() == MOVED]
    del lines[moved]
    [target] = [i for i, line in enumerate(lines) if line.startswith(MOVED_BEFORE)]
    lines.insert(target, MOVED)
    [deleted] = [i for i, line in enumerate(lines) if line.lstrip().startswith(DELETED)]
    del lines[deleted]
    return "\n".join(lines)


def two_redactions(tmp_path: Path, amendment: Callable[[str], str]) -> tuple[Path, Path]:
    """Two copies of the rules folder taken at one moment: the redaction in force and the one `amendment`
    makes of its text."""
    source = reglament_dir("vinnytsia-2020")
    old = tmp_path / "old" / "vinnytsia-2020"
    new = tmp_path / "new" / "vinnytsia-2020"
    shutil.copytree(source, old)
    shutil.copytree(old, new)
    text = new / "text.txt"
    text.write_text(amendment(text.read_text(encoding="utf-8")), encoding="utf-8")
    return old, new


@pytest.fixture
def redactions(tmp_path: Path) -> tuple[Path, Path]:
    return two_redactions(tmp_path, amend)


def test_diff_reports_exactly_the_amendment_with_the_encodings_and_scenarios_it_touches(
    redactions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = redactions
    report = diff_dirs(old, new)
    changes = {(c.kind, c.old_id, c.new_id) for c in report.changes}
    assert changes == {
        ("changed", "r12-s3-p2.3", "r12-s3-p2.3"),
        ("renumbered", "r6-s4-p14-a2", "r6-s4-p13-a2"),
        ("removed", "r12-s3-p11", None),
    }
    by_kind = {c.kind: c for c in report.changes}
    changed = by_kind["changed"]
    assert changed.word_diff().count("[-30-] {+20+}") == 1
    assert {e["key"] for e in changed.encodings if e["in"] == "a"} == {"r12-s3-p2.3", "r12-s3-p2.3#simple"}
    features, _ = load_features(features_root(), "vinnytsia-2020")
    tagged = {case.scenario for feature in features for case in feature.cases if "r12-s3-p2.3" in case.clauses}
    assert tagged, "features/vinnytsia-2020 has scenarios for r12-s3-p2.3"
    assert {s["scenario"] for s in changed.scenarios} == tagged
    renumbered = by_kind["renumbered"]
    assert not renumbered.text_changed
    assert [e["key"] for e in renumbered.encodings] == ["r6-s4-p14-a2"]
    assert [e["key"] for e in by_kind["removed"].encodings] == ["r12-s3-p11"]

    assert main(["diff", str(old), str(new), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"changed": 1, "renumbered": 1, "removed": 1, "added": 0}
    assert main(["diff", str(old), str(new)]) == 1
    text = capsys.readouterr().out
    assert "text changed: r12-s3-p2.3" in text and "renumbered: r6-s4-p14-a2 → r6-s4-p13-a2" in text
    assert "removed: r12-s3-p11" in text and "summary: 1 text changed, 1 renumbered, 1 removed, 0 added" in text
    assert main(["diff", str(old), str(old)]) == 0


def _flagged(folder: Path) -> set[tuple[str, str]]:
    return {(p.code, p.clause) for p in verify_reglament(folder).problems}


def test_verify_flags_exactly_the_touched_clauses_until_their_encodings_are_re_reviewed(
    redactions: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = redactions
    baseline = _flagged(old)  # whatever the redaction in force already has (nothing, when the rules are clean)
    monkeypatch.setenv("REGLAMENT_RULES_DIR", str(new.parent))
    added = _flagged(new) - baseline
    assert added == {
        ("suspect", "r12-s3-p2.3"),  # the term changed under both encodings of п. 2.3
        ("quote", "r12-s3-p2.3"),  # «30 календарних днів» is no longer in the text
        ("unknown-clause", "r6-s4-p14-a2"),  # the moved paragraph has a new ID …
        ("missing", "r6-s4-p13-a2"),  # … which nothing encodes yet
        ("unknown-clause", "r12-s3-p11"),  # the deleted paragraph
    }
    touched = {cid for _, cid in added}
    assert touched == {cid for change in diff_dirs(old, new).changes for cid in change.ids}
    assert main(["verify", "vinnytsia-2020"]) == 1
    out = capsys.readouterr().out
    assert "[r12-s3-p2.3] suspect" in out
    assert "the quote now occurs in r6-s4-p13-a2" in out
    trace = build_trace("vinnytsia-2020", features_root(), Results())
    assert next(r for r in trace.rows if r.clause.id == "r12-s3-p2.3").status == "suspect"

    # The legal department re-reviews: the new term, the new ID, the deleted clause's encoding removed.
    tree = tree_for(new)
    new_sha = tree.clauses["r12-s3-p2.3"].sha256
    r12 = new / "encodings" / "r12.yaml"
    text = r12.read_text(encoding="utf-8")
    old_sha = tree_for(old).clauses["r12-s3-p2.3"].sha256
    assert text.count(old_sha) == 2
    text = text.replace(old_sha, new_sha).replace(OLD_TERM, NEW_TERM)
    term = r"(id: r12-s3-p2\.3\n(?:(?!  - id:).*\n)*?.*term: \{unit: calendar_days, amount: )30"
    text = re.sub(term, r"\g<1>20", text)
    assert "amount: 20" in text
    text = re.sub(r"  - id: r12-s3-p11\n(?:(?!  - id:).*\n)*", "", text)
    r12.write_text(text, encoding="utf-8")
    r6 = new / "encodings" / "r6-s4.yaml"
    r6.write_text(r6.read_text(encoding="utf-8").replace("id: r6-s4-p14-a2", "id: r6-s4-p13-a2"), encoding="utf-8")

    assert _flagged(new) == baseline
    assert main(["verify", "vinnytsia-2020"]) == (0 if not baseline else 1)
    capsys.readouterr()


# --- a point deleted in the middle of a §: the later ones renumber, one of them edited ---------------

DELETED_POINT = "2. Якщо результатом виконання документа, резолюції є підготовка листа, правових актів"
EDITED_POINT = "3. Документ знімається з контролю, якщо поставлені в ньому завдання"
EDIT_BEFORE = "вичерпну аргументовану відповідь."
EDIT_AFTER = "вичерпну аргументовану відповідь у письмовій формі."
RENUMBERED = {"r12-s4-p3": "r12-s4-p2", "r12-s4-p4": "r12-s4-p3", "r12-s4-p4.1": "r12-s4-p3.1",
              "r12-s4-p4.2": "r12-s4-p3.2", "r12-s4-p4.3": "r12-s4-p3.3", "r12-s4-p4.4": "r12-s4-p3.4",
              "r12-s4-p5": "r12-s4-p4", "r12-s4-p6": "r12-s4-p5"}


def delete_point(text: str) -> str:
    """Delete п. 2 of Розділ 12 § 4 (Vinnytsia), number the later points one lower, and add words to the
    former п. 3 (now п. 2)."""
    lines = text.split("\n")
    [start] = [i for i, line in enumerate(lines) if line.startswith("§4. Робота з виконаними документами")]
    [end] = [i for i, line in enumerate(lines) if i > start and line.startswith("Розділ 13.")]
    [deleted] = [i for i in range(start, end) if lines[i].startswith(DELETED_POINT)]
    del lines[deleted]
    end -= 1
    for i in range(deleted, end):
        lines[i] = re.sub(
            r"^(\s*-\s*)?([3-6])(\.\d+)?(\.?)\s", lambda m: f"{m[1] or ''}{int(m[2]) - 1}{m[3] or ''}{m[4]} ", lines[i]
        )
    [edited] = [i for i in range(start, end) if lines[i].startswith(EDITED_POINT.replace("3.", "2.", 1))]
    assert lines[edited].endswith(EDIT_BEFORE)
    lines[edited] = lines[edited][: -len(EDIT_BEFORE)] + EDIT_AFTER
    return "\n".join(lines)


@pytest.fixture
def point_deleted(tmp_path: Path) -> tuple[Path, Path]:
    return two_redactions(tmp_path, delete_point)


def test_a_deleted_point_reads_as_removed_and_the_later_points_as_renumbered_one_with_its_text_changed(
    point_deleted: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = point_deleted
    report = diff_dirs(old, new)
    assert {(c.kind, c.old_id, c.new_id, c.text_changed) for c in report.changes} == {
        ("removed", "r12-s4-p2", None, False),
        *{("renumbered", a, b, a == "r12-s4-p3") for a, b in RENUMBERED.items()},
    }
    [edited] = [c for c in report.changes if c.text_changed]
    assert edited.word_diff().endswith("[-відповідь.-] {+відповідь у письмовій формі.+}")
    assert edited.word_diff().count("{+") == 1
    assert [e["key"] for e in edited.encodings] == ["r12-s4-p3", "r12-s4-p2"]  # old п. 3's, and what now sits on п. 2

    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "  removed: r12-s4-p2 (was line" in out
    assert "  renumbered, text changed: r12-s4-p3 → r12-s4-p2 (line" in out
    assert "  renumbered: r12-s4-p4.1 → r12-s4-p3.1 (line" in out
    assert "summary: 0 text changed, 8 renumbered, 1 removed, 0 added" in out


def test_verify_flags_exactly_the_clauses_the_deletion_touched_until_they_are_re_reviewed(
    point_deleted: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = point_deleted
    baseline = _flagged(old)
    monkeypatch.setenv("REGLAMENT_RULES_DIR", str(new.parent))
    added = _flagged(new) - baseline
    assert {cid for _, cid in added} == {cid for change in diff_dirs(old, new).changes for cid in change.ids}
    assert added == {
        # the encodings keep their IDs, so each now sits on the next point's text …
        *{(code, cid) for cid in ("r12-s4-p2", "r12-s4-p3", "r12-s4-p4", "r12-s4-p5") for code in ("suspect", "quote")},
        # … or on no clause at all (п. 4.1–4.4, п. 6), while п. 3.1–3.4 have no encoding yet
        *{("unknown-clause", f"r12-s4-p4.{n}") for n in range(1, 5)},
        ("unknown-clause", "r12-s4-p6"),
        *{("missing", f"r12-s4-p3.{n}") for n in range(1, 5)},
    }

    # The legal department re-reviews: п. 2's encoding goes, the others take their new IDs, and the edited
    # point's encoding is reviewed against its new text.
    r12 = new / "encodings" / "r12.yaml"
    text = re.sub(r"  - id: r12-s4-p2\n(?:(?!  - id:|  #).*\n)*", "", r12.read_text(encoding="utf-8"))
    text = re.sub(r"id: (r12-s4-p[\d.]+)\n", lambda m: f"id: {RENUMBERED.get(m[1], m[1])}\n", text)
    tree_old, tree_new = tree_for(old), tree_for(new)
    assert text.count(tree_old.clauses["r12-s4-p3"].sha256) == 1
    text = text.replace(tree_old.clauses["r12-s4-p3"].sha256, tree_new.clauses["r12-s4-p2"].sha256)
    r12.write_text(text, encoding="utf-8")
    assert _flagged(new) == baseline
