"""The public-information law as a statute rule package: its terms, cited as the law (ст. 20)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from reglament.cli import main
from reglament.legaltime.statute import StatuteError, load_statute, statute_ids, statutes_for
from reglament.rules.paths import rules_root

RECEIVED = dt.date(2026, 3, 2)  # a Monday


def request_facts(**extra: object) -> dict[str, object]:
    return {"kind": "info_request", "received": RECEIVED, "registered": RECEIVED, **extra}


def test_the_package_loads_and_its_quotes_are_the_law_verbatim() -> None:
    statute = load_statute("public-information")
    assert statute_ids() == ["public-information"]
    assert statute.title == "Закон України «Про доступ до публічної інформації»"
    assert statute.meta.act.number == "2939-VI"
    assert [p.key for p in statute.meta.provisions] == ["st20-ch1", "st20-ch2", "st20-ch4", "st20-ch4#notice"]
    assert "не пізніше п'яти робочих днів з дня отримання запиту" in statute.parts["st20-ch1"].text


def test_it_supplements_vinnytsia_whose_reglament_defers_to_the_law_and_not_shostka() -> None:
    [(statute, supplement)] = statutes_for("vinnytsia-2020")
    assert statute.id == "public-information" and supplement.clause == "r10-s3-p1"
    assert statutes_for("shostka-2013") == []  # Shostka's р. 15 states the same terms itself


def test_an_answer_is_due_in_five_working_days_cited_as_the_law() -> None:
    [ob] = load_statute("public-information").obligations(request_facts(), subject_id="doc-1")
    assert (ob.ref.reglament, ob.ref.clause) == ("public-information", "st20-ch1")
    assert ob.due == dt.date(2026, 3, 9)
    assert ob.bearer == "executor"
    assert ob.explanation[0] == "Норма: public-information/st20-ch1."


def test_an_urgent_request_is_answered_within_48_hours() -> None:
    [ob] = load_statute("public-information").obligations(request_facts(urgent=True), subject_id="doc-1")
    assert ob.ref.clause == "st20-ch2"
    assert ob.due == dt.datetime(2026, 3, 4, 0, 0)


def test_a_large_request_gets_20_working_days_and_a_notice_within_5() -> None:
    obligations = load_statute("public-information").obligations(request_facts(needs_extension=True), subject_id="d")
    due = {o.id: o.due for o in obligations}
    assert sorted(due.values()) == [dt.date(2026, 3, 9), dt.date(2026, 3, 30)]
    assert {o.ref.clause for o in obligations} == {"st20-ch4"}


def test_other_documents_get_nothing_from_the_law() -> None:
    facts = {"kind": "incoming", "received": RECEIVED, "registered": RECEIVED}
    assert load_statute("public-information").obligations(facts, subject_id="doc-1") == []


def test_reglament_due_computes_a_term_of_the_law(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "public-information", "st20-ch4", "--variant", "notice", "--from", "2019-12-20"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Норма: public-information/st20-ch4."
    assert lines[-1] == "2019-12-27"


@pytest.fixture
def copy_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(rules_root() / "statutes", root / "statutes")
    monkeypatch.setenv("REGLAMENT_RULES_DIR", str(root))
    return root / "statutes" / "public-information"


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("не пізніше 48 годин з дня отримання запиту", "не пізніше 24 годин з дня отримання запиту", "text_sha"),
        ('quote: "відповідь має бути надана', 'quote: "відповідь може бути надана', "quote"),
        ("anchor: received, time", "anchor: received_moment, time", "not core facts"),
        ("- id: st20-ch2", "- id: st20-ch9", "not a part of the text"),
        ('number: "2939-VI"', 'number: "2939-VI"\nextra: 1', "extra"),
        (
            "      - {fact: urgent, equals: true}",
            "      - {fact: due_date, lte: {fact: received, term: {unit: calendar_days, amount: 5}}}",
            "counted only in a reglament's encodings",
        ),
    ],
)
def test_a_broken_package_names_the_file_and_the_field(copy_root: Path, old: str, new: str, needle: str) -> None:
    target = copy_root / ("text.txt" if "годин з дня" in old else "statute.yaml")
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(StatuteError) as err:
        load_statute("public-information")
    assert "statute.yaml" in str(err.value) and needle in str(err.value)


def test_an_unknown_statute_is_not_found() -> None:
    with pytest.raises(LookupError):
        load_statute("no-such-law")
    with pytest.raises(LookupError):
        load_statute("../vinnytsia-2020")
