"""Steps about the term of one clause counted from a date: `Deadlines.ComputeDueDate`.

    Коли строк за пунктом «r12-s3-p2.3» рахують від «02.03.2026»
    Коли строк за пунктом «r12-s3-p2.3» у варіанті «simple» рахують від «02.03.2026»
    Тоді останній день строку — «01.04.2026»
    І це «середа»
    І у поясненні сказано «попереднього робочого дня»
    І відповідь посилається на пункт «r12-s3-p2.3» словами «30 календарних днів»
"""

from __future__ import annotations

import datetime as dt

import grpc
from pytest_bdd import parsers, then, when

from reglament.v1 import deadlines_pb2
from tests.bdd.steps.common import (
    WEEKDAY_FORMS,
    WEEKDAYS,
    Context,
    StepError,
    clause_id,
    iso,
    normalize_words,
    quoted,
    show_date,
)
from tests.conftest import Stubs

RPC_TIMEOUT_S = 10


def compute(stubs: Stubs, ctx: Context, clause: str, start: str, variant: str = "") -> None:
    request = deadlines_pb2.ComputeDueDateRequest(
        reglament=ctx.reglament, clause=clause_id(clause), variant=variant, from_date=iso(start)
    )
    ctx.due, ctx.error = None, None
    try:
        ctx.due = stubs.deadlines.ComputeDueDate(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        ctx.error = exc


@when(parsers.re(rf"строк за пунктом {quoted('clause')} рахують від {quoted('start')}"))
def _compute(stubs: Stubs, ctx: Context, clause: str, start: str) -> None:
    compute(stubs, ctx, clause, start)


@when(parsers.re(rf"строк за пунктом {quoted('clause')} у варіанті {quoted('variant')} рахують від {quoted('start')}"))
def _compute_variant(stubs: Stubs, ctx: Context, clause: str, variant: str, start: str) -> None:
    compute(stubs, ctx, clause, start, variant)


@then(parsers.re(rf"останній день строку — {quoted('day')}"))
def _due_is(ctx: Context, day: str) -> None:
    due = ctx.answer("строк", ctx.due)
    if due.due != iso(day):
        explanation = "\n".join(due.explanation)
        raise StepError(f"останній день строку {show_date(due.due)}, а не {show_date(iso(day))}:\n{explanation}")


@then(parsers.re(rf"це {quoted('weekday')}"))
def _due_weekday(ctx: Context, weekday: str) -> None:
    due = ctx.answer("строк", ctx.due)
    wanted = WEEKDAY_FORMS.get(normalize_words(weekday))
    if wanted is None:
        raise StepError(f"«{weekday}»: очікується день тижня («понеділок», …, «неділя»)")
    actual = dt.date.fromisoformat(due.due[:10]).weekday()
    if actual != wanted:
        raise StepError(f"{show_date(due.due)} — {WEEKDAYS[actual]}, а не {weekday}")


@then(parsers.re(rf"у поясненні сказано {quoted('words')}"))
def _explanation_says(ctx: Context, words: str) -> None:
    due = ctx.answer("строк", ctx.due)
    text = "\n".join(due.explanation)
    if normalize_words(words) not in normalize_words(text):
        raise StepError(f"у поясненні немає «{words}»:\n{text}")


@then(parsers.re(rf"відповідь посилається на пункт {quoted('clause')} словами {quoted('words')}"))
def _cites(ctx: Context, clause: str, words: str) -> None:
    due = ctx.answer("строк", ctx.due)
    ref = due.clause
    if ref.clause != clause_id(clause) or ref.reglament != ctx.reglament:
        raise StepError(f"відповідь посилається на {ref.reglament}/{ref.clause}, а не на {clause_id(clause)}")
    if normalize_words(words) not in normalize_words(ref.quote):
        raise StepError(f"у цитаті пункту {ref.clause} немає «{words}»: «{ref.quote}»")
