"""Visa routes of drafts: each conditional step of Vinnytsia r6-s4-p5 … p10 and Shostka R6/R8; `reglament route`."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reglament.approval.lifecycle import DraftInput
from reglament.errors import InvalidArgument
from reglament.route import Route, draft_facts, plan_route
from reglament.rules.loader import Reglament, load_reglament

TODAY = dt.date(2026, 3, 10)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def vinnytsia() -> Reglament:
    return load_reglament("vinnytsia-2020")


@pytest.fixture(scope="module")
def shostka() -> Reglament:
    return load_reglament("shostka-2013")


def plan(reglament: Reglament, **fields: Any) -> Route:
    attributes = fields.pop("attributes", {})
    draft = DraftInput(**{"kind": "decision", **fields}, attributes=attributes)
    return plan_route(reglament, draft.facts(reglament), holders=draft.holders(), today=TODAY)


def clauses(route: Route) -> list[str]:
    return [s.ref.clause for s in route.steps]


BASE = [
    "r6-s4-p5.1",
    "r6-s4-p5.2",
    "r6-s4-p5.3",
    "r6-s4-p5.3",
    "r6-s4-p5.6",
    "r6-s4-p5.7",
    "r6-s4-p5.8",
    "r6-s4-p5.10",
]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, BASE),
        # 5.4 only for matters of the finance department's competence: its reviewers and director
        ({"finance_competence": True}, [*BASE[:4], "r6-s4-p5.4", "r6-s4-p5.4", *BASE[4:]]),
        # 5.5: one visa of every body given a task
        ({"task_bodies": ("Департамент освіти",)}, [*BASE[:4], "r6-s4-p5.5", *BASE[4:]]),
        (
            {"task_bodies": ("Департамент освіти", "Департамент охорони здоров'я")},
            [*BASE[:4], "r6-s4-p5.5", "r6-s4-p5.5", *BASE[4:]],
        ),
        # 5.9 only for drafts of decisions submitted to the council's session
        ({"to_council": True}, [*BASE[:7], "r6-s4-p5.9", "r6-s4-p5.10"]),
        ({"kind": "order", "to_council": True}, BASE),
        # p10: a mayor's order goes the same route by analogy
        ({"kind": "order", "finance_competence": True}, [*BASE[:4], "r6-s4-p5.4", "r6-s4-p5.4", *BASE[4:]]),
    ],
)
def test_the_route_has_exactly_the_steps_its_conditions_call_for(
    vinnytsia: Reglament, fields: dict[str, Any], expected: list[str]
) -> None:
    assert clauses(plan(vinnytsia, **fields)) == expected


def test_the_keruiuchyi_spravamy_visas_last_after_5_1_to_5_8(vinnytsia: Reglament) -> None:
    route = plan(vinnytsia, to_council=True, finance_competence=True, task_bodies=("Відділ А",))
    last = route.steps[-1]
    assert (last.role, last.ref.clause, last.order) == ("keruiuchyi_spravamy", "r6-s4-p5.10", 2)
    assert set(last.after) == {f"r6-s4-p5.{n}" for n in range(1, 9)}
    assert all(s.order == 1 for s in route.steps[:-1])
    assert last.ref.quote == "керуючим справами виконкому."


@pytest.mark.parametrize("medium", [None, "paper", "electronic"])
def test_a_restricted_draft_is_visaed_on_paper_only(vinnytsia: Reglament, medium: str | None) -> None:
    route = plan(vinnytsia, restricted=True, attributes={"visa_medium": medium} if medium else {})
    assert route.paper_only and route.paper_clause is not None
    assert route.paper_clause.clause == "r6-s4-p5.12"
    assert "тільки у паперовій формі" in route.paper_clause.quote
    assert all(s.paper_only for s in route.steps)
    assert not plan(vinnytsia).paper_only


def test_changes_at_the_meeting_call_for_exactly_the_subset_of_r6_s4_p9(vinnytsia: Reglament) -> None:
    route = plan(
        vinnytsia,
        finance_competence=True,
        to_council=True,
        task_bodies=("Відділ А",),
        attributes={"changed_at_meeting": "true"},
    )
    assert [(s.ref.clause, s.role) for s in route.steps] == [
        ("r6-s4-p9", "head_preparing_body"),
        ("r6-s4-p9", "change_proposer"),
        ("r6-s4-p9", "legal_director"),
        ("r6-s4-p9", "keruiuchyi_spravamy"),
    ]


def test_steps_held_by_the_same_body_or_deputy_share_a_holder(vinnytsia: Reglament) -> None:
    route = plan(
        vinnytsia,
        preparing_body="Департамент ЖКГ",
        competent_body="Департамент ЖКГ",
        responsible_deputy="Іваненко І.І.",
        coordinating_deputy="Петренко П.П.",
        task_bodies=("Департамент ЖКГ",),
    )
    keys = {s.step_id: s.holder_key for s in route.steps}
    assert keys["r6-s4-p5.1/head_preparing_body"] == keys["r6-s4-p5.2/head_competent_body"] == "body:Департамент ЖКГ"
    assert keys["r6-s4-p5.5/task_body_head/Департамент ЖКГ"] == "body:Департамент ЖКГ"
    assert keys["r6-s4-p5.6/deputy_mayor_responsible"] != keys["r6-s4-p5.7/deputy_mayor_coordinating"]
    assert keys["r6-s4-p5.8/deputy_mayor_legal"] == ""


@pytest.mark.parametrize(
    ("attributes", "reported"),
    [
        ({}, []),  # the draft says nothing: no finding (a fact not given produces none)
        ({"has_distribution_list": "false"}, ["r6-s4-p13"]),
        ({"has_distribution_list": "true"}, []),
        ({"tasks_have_terms": "true"}, []),
        ({"tasks_have_terms": "false"}, ["r6-s4-p3"]),
        ({"tasks_have_terms": "true", "tasks_have_responsible": "false"}, ["r6-s4-p3"]),
    ],
)
def test_content_findings_rest_only_on_facts_given(
    vinnytsia: Reglament, attributes: dict[str, str], reported: list[str]
) -> None:
    assert [f.ref.clause for f in plan(vinnytsia, attributes=attributes).findings] == reported


def test_shostka_route_interested_units_curators_manager_and_legal_head_on_paper(shostka: Reglament) -> None:
    route = plan(
        shostka,
        kind="order",
        attributes={"interested_units": "Управління освіти;Відділ культури", "curators": "Заступник з гуманітарних"},
    )
    steps = [(s.ref.clause, s.role, s.body, s.paper_only) for s in route.steps]
    assert steps == [
        ("r6-s2-p2.1", "interested_unit", "Управління освіти", False),
        ("r6-s2-p2.1", "interested_unit", "Відділ культури", False),
        ("r6-s2-p2.4", "curator", "Заступник з гуманітарних", False),
        ("r6-s2-p2.4", "executive_manager", "", False),
        ("r6-s2-p2.5", "legal_head", "", True),
    ]
    assert all(s.order == 1 and not s.after for s in route.steps)  # Shostka prescribes no order


@pytest.mark.parametrize(
    ("kind", "attributes", "extra"),
    [
        ("order", {"budget_matter": "true"}, [("r6-s2-p2.9", "finance_head")]),
        ("order", {"has_annexes": "true"}, [("r6-s9-a1", "legal_head")]),
        ("decision", {}, [("r8-s2-p2.4", "developer")]),
        ("order", {}, []),
    ],
)
def test_shostka_conditional_visas(
    shostka: Reglament, kind: str, attributes: dict[str, str], extra: list[tuple[str, str]]
) -> None:
    base = {("r6-s2-p2.4", "executive_manager"), ("r6-s2-p2.5", "legal_head")}
    steps = {(s.ref.clause, s.role) for s in plan(shostka, kind=kind, attributes=attributes).steps}
    assert steps == base | set(extra)


@pytest.mark.parametrize(
    ("base", "attributes", "field"),
    [
        ({"kind": "resolution"}, {}, "draft.kind"),
        ({"kind": "decision", "task_bodies": ["А", "А"]}, {}, "draft.task_bodies"),
        ({"kind": "decision", "task_bodies": [""]}, {}, "draft.task_bodies"),
        ({"kind": "decision", "title": "х" * 1001}, {}, "draft.title"),
        ({"kind": "decision"}, {"no_such_fact": "1"}, "draft.attributes[no_such_fact]"),
        ({"kind": "decision", "to_council": False}, {"to_council": "true"}, "draft.attributes[to_council]"),
        ({"kind": "decision"}, {"pages": "many"}, "draft.attributes[pages]"),
        ({"kind": "decision"}, {"meeting": "05.03.2026"}, "draft.attributes[meeting]"),
    ],
)
def test_bad_draft_facts_name_the_field(
    vinnytsia: Reglament, base: dict[str, Any], attributes: dict[str, str], field: str
) -> None:
    with pytest.raises(InvalidArgument) as info:
        draft_facts(vinnytsia, base, attributes, field_prefix="draft.")
    assert info.value.field == field


# -- the command ------------------------------------------------------------------------------------


def run_route(tmp_path: Path, draft: dict[str, Any], *args: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "reglament.cli", "route", "vinnytsia-2020", "--draft", str(path), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_route_command_prints_the_steps_in_order_with_their_clauses(tmp_path: Path) -> None:
    result = run_route(
        tmp_path,
        {"kind": "decision", "finance_competence": True, "to_council": True, "restricted": False, "task_bodies": []},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("[r6-s4-p5.1]") and lines[-1].endswith("[r6-s4-p5.10]")
    assert any("[r6-s4-p5.9]" in line for line in lines) and any("[r6-s4-p5.4]" in line for line in lines)


@pytest.mark.parametrize("attributes", [{}, {"visa_medium": "paper"}])
def test_route_command_json_of_a_restricted_draft_cites_paper_visas(tmp_path: Path, attributes: dict[str, str]) -> None:
    result = run_route(
        tmp_path,
        {
            "kind": "order",
            "finance_competence": False,
            "to_council": False,
            "restricted": True,
            "task_bodies": ["Відділ кадрів"],
            "preparing_body": "Відділ кадрів",
            "attributes": attributes,
        },
        "--json",
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["paper_only"] is True and out["paper_only_clause"] == "r6-s4-p5.12"
    assert "паперовій формі" in out["paper_only_quote"]
    assert all(step["paper_only"] and step["clause"] and step["role"] for step in out["steps"])
    assert [s["clause"] for s in out["steps"]][-1] == "r6-s4-p5.10"
    assert (
        out["steps"][0]["holder"] == "Відділ кадрів" and out["steps"][0]["step_id"] == "r6-s4-p5.1/head_preparing_body"
    )


def test_route_command_refuses_a_bad_draft_naming_the_field(tmp_path: Path) -> None:
    result = run_route(tmp_path, {"kind": "decision", "attributes": {"colour": "red"}})
    assert result.returncode == 2
    assert "draft.attributes[colour]" in result.stderr
