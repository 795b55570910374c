"""Loading a rules folder: the model, and errors that name file, line and field."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from reglament.rules.loader import RulesError, load_reglament, set_recheck_interval
from reglament.rules.schema import Kind

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "sample-2024"


@pytest.fixture(autouse=True)
def _check_files_on_every_load() -> None:
    # Services started inside the test process (some integration tests do) set a recheck interval.
    set_recheck_interval(0.0)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "sample-2024"
    shutil.copytree(SAMPLE, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def _problems(folder: Path) -> list[str]:
    with pytest.raises(RulesError) as info:
        load_reglament(folder)
    return [str(p) for p in info.value.problems]


def test_sample_loads_with_tree_encodings_and_vocabulary() -> None:
    reglament = load_reglament(SAMPLE)
    assert reglament.id == "sample-2024"
    assert "r2-p3-i2" in reglament.tree
    assert [e.key for e in reglament.by_clause("r2-p3-i3")] == ["r2-p3-i3"]
    assert reglament.encoding("r2-p1").kind is Kind.DEADLINE
    with pytest.raises(KeyError):
        reglament.encoding("r9-p9")
    facts = reglament.facts()
    assert facts["registered"].type == "date"  # core vocabulary
    assert facts["task_bodies"].type == "list"  # the reglament's own
    assert reglament.policy.end_on_non_working.value == "next"
    assert reglament.calendar.is_working_day(reglament.meta.adopted_by.date) in (True, False)


def test_a_reglament_is_found_by_id_under_the_rules_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGLAMENT_RULES_DIR", str(SAMPLE.parent))
    assert load_reglament("sample-2024").dir == SAMPLE
    with pytest.raises(LookupError):
        load_reglament("no-such-reglament")


def test_unknown_key_names_file_line_and_field(sample: Path) -> None:
    path = sample / "encodings" / "r2.yaml"
    _edit(path, "    visa: {role: finance_head", "    colour: red\n    visa: {role: finance_head")
    [problem] = _problems(sample)
    assert problem.startswith(f"{path}:{_line_of(path, 'colour: red')}: clauses[4].colour: ")
    assert "Extra inputs are not permitted" in problem


def test_duplicate_key_names_file_line_and_field(sample: Path) -> None:
    path = sample / "encodings" / "r1.yaml"
    _edit(path, "    valid_from: 2024-02-01\n", "    valid_from: 2024-02-01\n    valid_from: 2024-03-01\n")
    [problem] = _problems(sample)
    assert problem.startswith(f"{path}:{_line_of(path, 'valid_from: 2024-03-01')}: clauses[1].valid_from: ")
    assert "duplicate key 'valid_from'" in problem


def test_wrong_type_names_file_line_and_field(sample: Path) -> None:
    path = sample / "encodings" / "r2.yaml"
    _edit(path, "term: {unit: calendar_days, amount: 30", "term: {unit: calendar_weeks, amount: 30")
    [problem] = _problems(sample)
    assert problem.startswith(f"{path}:{_line_of(path, 'calendar_weeks')}: clauses[0].obligation.term.unit: ")
    assert "calendar_days" in problem


def test_reglament_yaml_errors_are_located_too(sample: Path) -> None:
    path = sample / "reglament.yaml"
    _edit(path, "  total: 20", "  total: twenty")
    [problem] = _problems(sample)
    assert problem.startswith(f"{path}:{_line_of(path, 'total: twenty')}: executive_committee.total: ")


def test_a_bad_entry_does_not_hide_problems_of_other_files(sample: Path) -> None:
    _edit(sample / "encodings" / "r1.yaml", "kind: registration", "kind: registraton")
    _edit(sample / "encodings" / "r2.yaml", "severity: warning", "severity: fatal")
    problems = _problems(sample)
    assert [p.split(": ")[1] for p in problems] == ["clauses[1].kind", "clauses[1].severity"]


def test_duplicate_encoding_key_across_files(sample: Path) -> None:
    path = sample / "encodings" / "r3.yaml"
    shutil.copy(sample / "encodings" / "r1.yaml", path)
    problems = _problems(sample)
    assert len(problems) == 2  # r1-p1 and r1-p2 both written twice
    assert all(str(path) in p and "duplicate encoding" in p for p in problems)
    assert "r1.yaml:3" in problems[0]


def test_condition_on_an_undeclared_fact(sample: Path) -> None:
    path = sample / "encodings" / "r2.yaml"
    _edit(path, "{fact: requester_name, exists: true}", "{fact: requester_nme, exists: true}")
    [problem] = _problems(sample)
    assert problem.startswith(f"{path}:{_line_of(path, 'requester_nme')}: clauses[1].requires[1].fact: ")
    assert "undeclared fact 'requester_nme'" in problem


def test_fact_reference_to_an_undeclared_fact(sample: Path) -> None:
    _edit(sample / "encodings" / "r2.yaml", "{fact: membership, times: 0.5}", "{fact: members, times: 0.5}")
    [problem] = _problems(sample)
    assert "clauses[6].requires[0].gt.fact: undeclared fact 'members'" in problem


QUORUM = "{fact: present, gt: {fact: membership, times: 0.5}}"


def test_a_date_compared_with_a_term_loads(sample: Path) -> None:
    _edit(
        sample / "encodings" / "r2.yaml",
        QUORUM,
        "{fact: due_date, lte: {fact: registered, term: {unit: calendar_days, amount: 45}}}",
    )
    [ref] = load_reglament(sample).by_clause("r2-p4")[0].term_refs()
    assert (ref.fact, ref.operand) == ("registered", "registered__45_calendar_days")


@pytest.mark.parametrize(
    ("condition", "field", "message"),
    [
        (
            "{fact: present, gt: {fact: registered, term: {unit: calendar_days, amount: 5}}}",
            "clauses[6].requires[0].gt",
            "`term` counts days from a date and ends on a date; fact 'present' is int",
        ),
        (
            "{fact: due_date, gt: {fact: task_count, term: {unit: calendar_days, amount: 5}}}",
            "clauses[6].requires[0].gt.fact",
            "fact 'task_count' is int",
        ),
        (
            "{fact: due_date, gt: {fact: registered, term: {unit: calendar_days, amount: 5}, plus: 1}}",
            "clauses[6].requires[0].gt.ref",
            "does not combine with `times` or `plus`",
        ),
        (
            "{fact: due_date, gt: {fact: registered, term: {unit: fortnights, amount: 1}}}",
            "clauses[6].requires[0].gt.ref.term.unit",
            "'calendar_days', 'working_days', 'months' or 'years'",
        ),
        (
            "{fact: due_date, gt: {fact: registered, term: {unit: hours, amount: 48}}}",
            "clauses[6].requires[0].gt.ref.term.unit",
            "'calendar_days', 'working_days', 'months' or 'years'",
        ),
        (
            "{fact: due_date, lte: {fact: registered, plus: 45}}",
            "clauses[6].requires[0].lte.plus",
            "fact 'due_date' is a date: a date is not moved by `plus`",
        ),
        (
            "{fact: due_date, lte: {fact: registered, times: 2}}",
            "clauses[6].requires[0].lte.times",
            "a date is not moved by `times`",
        ),
    ],
)
def test_a_date_is_compared_only_with_a_term_counted_by_legal_time(
    sample: Path, condition: str, field: str, message: str
) -> None:
    path = sample / "encodings" / "r2.yaml"
    line = _line_of(path, QUORUM)
    _edit(path, QUORUM, condition)
    [problem] = _problems(sample)
    assert problem.startswith(f"{path}:{line}: {field}: "), problem
    assert message in problem


def test_a_declared_fact_may_not_take_a_derived_name(sample: Path) -> None:
    path = sample / "reglament.yaml"
    _edit(
        path,
        "  present: {type: int",
        "  registered__45_calendar_days: {type: date, description: x}\n  present: {type: int",
    )
    [problem] = _problems(sample)
    assert problem.startswith(f"{path}:{_line_of(path, 'facts:')}: facts: ")
    assert "registered__45_calendar_days" in problem and "'__'" in problem


def test_visa_after_an_unknown_clause(sample: Path) -> None:
    path = sample / "encodings" / "r2.yaml"
    _edit(path, "order: 2, after: [r2-p3-i1]}", "order: 2, after: [r2-p3-i7]}")
    [problem] = _problems(sample)
    assert problem.startswith(f"{path}:{_line_of(path, 'r2-p3-i7')}: clauses[4].visa.after[0]: ")
    assert "unknown clause 'r2-p3-i7'" in problem


def test_loaded_reglaments_are_cached_until_a_file_changes(sample: Path) -> None:
    first = load_reglament(sample)
    assert load_reglament(sample) is first
    path = sample / "encodings" / "r2.yaml"
    _edit(path, "severity: warning", "severity: info")
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))
    second = load_reglament(sample)
    assert second is not first
    assert second.encoding("r2-p2").severity.value == "info"


def test_a_service_trusts_its_cache_for_the_recheck_interval(sample: Path) -> None:
    first = load_reglament(sample)
    path = sample / "encodings" / "r2.yaml"
    set_recheck_interval(3600.0)
    try:
        _edit(path, "severity: warning", "severity: info")
        stamp = time.time() + 5
        os.utime(path, (stamp, stamp))
        assert load_reglament(sample) is first  # not re-read within the interval
    finally:
        set_recheck_interval(0.0)
    assert load_reglament(sample).encoding("r2-p2").severity.value == "info"


def test_a_negative_recheck_interval_is_refused() -> None:
    with pytest.raises(ValueError, match="recheck interval"):
        set_recheck_interval(-1.0)


def test_a_trusted_id_still_follows_a_changed_rules_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for root in ("a", "b"):
        shutil.copytree(SAMPLE, tmp_path / root / "sample-2024")
    _edit(tmp_path / "b" / "sample-2024" / "encodings" / "r2.yaml", "severity: warning", "severity: info")
    set_recheck_interval(3600.0)
    try:
        monkeypatch.setenv("REGLAMENT_RULES_DIR", str(tmp_path / "a"))
        assert load_reglament("sample-2024").encoding("r2-p2").severity.value == "warning"
        monkeypatch.setenv("REGLAMENT_RULES_DIR", str(tmp_path / "b"))
        assert load_reglament("sample-2024").encoding("r2-p2").severity.value == "info"
    finally:
        set_recheck_interval(0.0)


def test_by_clause_gives_every_variant_in_file_order() -> None:
    reglament = load_reglament("vinnytsia-2020")
    variants = reglament.by_clause("r12-s3-p2.3")
    assert [e.key for e in variants] == [e.key for e in reglament.encodings if e.id == "r12-s3-p2.3"]
    assert len(variants) >= 2
    assert reglament.by_clause("r99-p1") == []
