"""Executive discipline for a month (Vinnytsia r12-s2-p7): violated terms per unit and per executor."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from reglament.domain import ObligationStatus
from reglament.legaltime.clock import KYIV
from reglament.legaltime.discipline import NO_EXECUTOR, discipline_for, discipline_report, month_bounds
from reglament.legaltime.tracking import TermSetter, TrackedObligation
from reglament.rules.loader import load_reglament

VINNYTSIA = load_reglament("vinnytsia-2020")
ROLES = {role.id: role.name for role in VINNYTSIA.meta.roles}
AS_OF = dt.datetime(2026, 4, 10, 9, 0, tzinfo=KYIV)
HOUSING = "Департамент житлового господарства"
ROADS = "Департамент дорожнього господарства"
MARCH_VIOLATION = dt.datetime(2026, 3, 14, 0, 0, tzinfo=KYIV)


def ob(ob_id: str, due: dt.date, status: ObligationStatus, **changes: object) -> TrackedObligation:
    values: dict[str, object] = {
        "id": ob_id,
        "source": "vinnytsia-2020",
        "reglament": "vinnytsia-2020",
        "municipality": "vinnytsia",
        "subject_id": f"doc-{ob_id}",
        "document_kind": "incoming",
        "document_number": ob_id,
        "clause": "r12-s3-p2.3",
        "key": "r12-s3-p2.3",
        "quote": "…",
        "interpretation": "",
        "bearer": "executor",
        "action": "виконати документ",
        "due": due,
        "original_due": due,
        "status": status,
        "executors": (HOUSING,),
        "setter": TermSetter("person", "mayor"),
    }
    values.update(changes)
    return TrackedObligation(**values)  # type: ignore[arg-type]


OBLIGATIONS = [
    # violated in March, recorded by the clock; fulfilled late afterwards — still a violation
    ob(
        "a",
        dt.date(2026, 3, 13),
        ObligationStatus.FULFILLED,
        violated_at=MARCH_VIOLATION,
        closed_at=dt.datetime(2026, 3, 18, 10, 0, tzinfo=KYIV),
    ),
    # violated, two co-executors: each answers (r12-s1-p6)
    ob("b", dt.date(2026, 3, 20), ObligationStatus.VIOLATED, executors=(ROADS, HOUSING), violated_at=MARCH_VIOLATION),
    # still pending, past due at the report: the clock has not run yet, it counts anyway
    ob("c", dt.date(2026, 3, 31), ObligationStatus.PENDING, executors=(ROADS,)),
    # fulfilled in time: not a violation
    ob("d", dt.date(2026, 3, 25), ObligationStatus.FULFILLED),
    # waived before it ran out: nothing was due
    ob("e", dt.date(2026, 3, 26), ObligationStatus.WAIVED),
    # the control department's own obligation (r12-s2-p6), violated
    ob(
        "f",
        dt.date(2026, 3, 5),
        ObligationStatus.VIOLATED,
        bearer="control_department",
        clause="r12-s2-p6",
        violated_at=MARCH_VIOLATION,
    ),
    # due in April or in February: another month
    ob("g", dt.date(2026, 4, 1), ObligationStatus.VIOLATED, violated_at=MARCH_VIOLATION),
    ob("h", dt.date(2026, 2, 27), ObligationStatus.VIOLATED, violated_at=MARCH_VIOLATION),
    # another reglament's document
    ob("i", dt.date(2026, 3, 10), ObligationStatus.VIOLATED, reglament="shostka-2013", violated_at=MARCH_VIOLATION),
    # no executor named
    ob("j", dt.date(2026, 3, 16), ObligationStatus.VIOLATED, executors=(), violated_at=MARCH_VIOLATION),
]


def test_violations_of_the_month_per_unit_and_executor() -> None:
    report = discipline_report("vinnytsia-2020", "2026-03", OBLIGATIONS, AS_OF, role_names=ROLES)
    assert (report.period_start, report.period_end) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert report.obligations_due == 6  # a, b, c, d, f, j
    assert sorted(v.obligation.id for v in report.violations) == ["a", "b", "c", "f", "j"]
    units = {t.name: (t.violations, t.obligations_due) for t in report.by_unit}
    assert units == {
        HOUSING: (1, 2),  # a (violated), d (in time)
        ROADS: (2, 2),  # b (responsible: named first), c
        ROLES["control_department"]: (1, 1),
        NO_EXECUTOR: (1, 1),
    }
    people = {(t.name, t.unit): t.violations for t in report.by_executor}
    assert people[(HOUSING, ROADS)] == 1  # a co-executor of b answers equally
    assert people[(ROADS, ROADS)] == 2
    assert report.by_unit[0].violations == 2  # most violations first
    recorded = {v.obligation.id: v.recorded for v in report.violations}
    assert recorded == {"a": True, "b": True, "c": False, "f": True, "j": True}


def test_a_term_that_has_not_run_out_at_the_report_is_not_a_violation() -> None:
    early = dt.datetime(2026, 3, 31, 12, 0, tzinfo=KYIV)
    report = discipline_report("vinnytsia-2020", "2026-03", OBLIGATIONS, early, role_names=ROLES)
    assert "c" not in [v.obligation.id for v in report.violations]


def test_work_fulfilled_after_its_term_is_a_violation_even_if_the_clock_never_marked_it() -> None:
    """Виконане із запізненням — порушення строку (r12-s2-p7), хоч би годинник і не встиг його позначити."""
    late = ob(
        "late",
        dt.date(2026, 3, 13),
        ObligationStatus.FULFILLED,
        closed_at=dt.datetime(2026, 3, 14, 0, 30, tzinfo=KYIV),
    )
    in_time = ob(
        "in-time",
        dt.date(2026, 3, 13),
        ObligationStatus.FULFILLED,
        closed_at=dt.datetime(2026, 3, 13, 23, 50, tzinfo=KYIV),
    )
    report = discipline_report("vinnytsia-2020", "2026-03", [late, in_time], AS_OF, role_names=ROLES)
    assert report.obligations_due == 2
    assert [v.obligation.id for v in report.violations] == ["late"]
    assert {t.name: t.violations for t in report.by_unit} == {HOUSING: 1}


def test_work_done_in_time_but_recorded_after_the_clock_marked_it_is_no_violation() -> None:
    """Документ виконано в строк, але відділ контролю вніс це після того, як годинник позначив строк
    порушеним: вирішує день виконання, тож порушення строку немає (r12-s2-p7)."""
    recorded_late = ob(
        "recorded-late",
        dt.date(2026, 3, 13),
        ObligationStatus.FULFILLED,
        violated_at=MARCH_VIOLATION,
        closed_at=dt.datetime(2026, 3, 12, 0, 0, tzinfo=KYIV),
    )
    report = discipline_report("vinnytsia-2020", "2026-03", [recorded_late], AS_OF, role_names=ROLES)
    assert report.obligations_due == 1
    assert list(report.violations) == []


def test_the_report_is_due_by_the_15th_of_the_next_month() -> None:
    """Відділ контролю … щомісячно до 15 числа наступного за звітним періодом узагальнює дані про порушення
    термінів."""
    report = discipline_for(VINNYTSIA, "2026-02", [], AS_OF)
    assert report.clause is not None and report.clause.clause == "r12-s2-p7"
    assert report.report_due == dt.date(2026, 3, 13)  # 15.03.2026 is a Sunday
    assert report.explanation[-1].startswith("Кінцевий строк: 13.03.2026")
    shostka = discipline_for(load_reglament("shostka-2013"), "2026-02", [], AS_OF)
    assert shostka.clause is not None and shostka.clause.clause == "r11-s3-p3.2-i8" and shostka.report_due is None


def test_a_term_moved_into_another_month_counts_there() -> None:
    moved = dataclasses.replace(OBLIGATIONS[2], due=dt.date(2026, 4, 3))
    report = discipline_report("vinnytsia-2020", "2026-03", [moved], AS_OF, role_names=ROLES)
    assert report.obligations_due == 0


@pytest.mark.parametrize("month", ["2026-13", "2026", "березень", "2026-3-1", ""])
def test_a_month_is_yyyy_mm(month: str) -> None:
    with pytest.raises(ValueError, match=r"^month: "):
        month_bounds(month)
