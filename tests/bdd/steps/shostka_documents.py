"""Steps about a registered document that the other step modules do not cover: registering a document
that gets no obligation (`Registry.RegisterDocument` without waiting for `obligation.created`), the
terms the rules give one document (`Deadlines.ComputeDueDate` with `document`), an obligation whose
day is only bounded, and a term that ends at a moment of the day.

    Дано вихідний документ «Відповідь на звернення Коваленко О. П. щодо ремонту освітлення»
    І документ має такі ознаки:
      | ознака       | значення                                 |
      | відповідь на | звернення громадянина                    |
      | підписав     | керівник структурного підрозділу міської ради |
    Коли документ подають на реєстрацію «10.03.2026»
    Тоді під час реєстрації виявлено порушення за пунктом «r12-s3-p3.12»: «підписано особою»

`документ подають на реєстрацію` registers and keeps the registry's answer at once: unlike
`документ реєструють` it does not wait for obligations, so it suits documents that get none (an
outgoing answer, an anonymous appeal, an act of a higher authority without a term).
"""

from __future__ import annotations

import datetime as dt

import grpc
from pytest_bdd import parsers, then, when

from reglament.v1 import common_pb2, deadlines_pb2
from tests.bdd.steps.common import Context, StepError, clause_id, iso, parse_day, quoted, show_date
from tests.bdd.steps.documents import request_of
from tests.conftest import Stubs

RPC_TIMEOUT_S = 10


def _document(ctx: Context) -> common_pb2.Document:
    document: common_pb2.Document = ctx.answer("документ", ctx.document)
    return document


# --- registering a document that gets no obligation ------------------------------------------------


@when(parsers.re(rf"документ подають на реєстрацію {quoted('day')}"))
def _submit(stubs: Stubs, ctx: Context, day: str) -> None:
    """Registers the described document; the answer (number, findings, routing) is the scenario's document."""
    request = request_of(ctx)
    request.registered = iso(day)
    ctx.document, ctx.error = None, None
    try:
        response = stubs.registry.RegisterDocument(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        ctx.error = exc
        return
    ctx.document = response.document


# --- the terms the rules give one document ---------------------------------------------------------


@then(parsers.re(rf"для документа не встановлено строку за пунктом {quoted('clause')}"))
def _no_term(stubs: Stubs, ctx: Context, clause: str) -> None:
    """Asks the deadlines service which obligations the rules give this very document and checks that none
    comes from the clause (a document without any obligation announces none, so there is nothing to wait for)."""
    document = _document(ctx)
    cid = clause_id(clause)
    request = deadlines_pb2.ComputeDueDateRequest(reglament=ctx.reglament, document=document)
    try:
        response = stubs.deadlines.ComputeDueDate(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        raise StepError(f"система відмовила: {exc.code().name}: {exc.details()}") from None
    of_clause = [o for o in response.obligations if o.clause.clause == cid]
    if of_clause:
        shown = ", ".join(show_date(o.due) for o in of_clause)
        raise StepError(f"для документа встановлено строк за пунктом {cid}: {shown}")


@then(parsers.re(rf"виникає обов'язок за пунктом {quoted('clause')}"))
def _obligation_any_day(ctx: Context, clause: str) -> None:
    document = _document(ctx)
    cid = clause_id(clause)
    of_clause = [o for o in document.obligations if o.clause.clause == cid]
    if not of_clause:
        listing = "\n".join(f"  {o.clause.clause}: {show_date(o.due)}" for o in document.obligations) or "  (жодного)"
        raise StepError(f"обов'язку за пунктом {cid} немає; є:\n{listing}")
    ctx.notes["obligation"] = of_clause[0]


@then(parsers.re(rf"строк цього обов'язку спливає раніше {quoted('day')}"))
def _due_before(ctx: Context, day: str) -> None:
    obligation = ctx.notes.get("obligation")
    if obligation is None:
        raise StepError("спершу крок «виникає обов'язок за пунктом …»")
    limit = iso(day)[:10]
    if not obligation.due or obligation.due[:10] >= limit:
        explanation = "\n".join(obligation.explanation)
        raise StepError(f"строк обов'язку {show_date(obligation.due)} — не раніше {show_date(limit)}:\n{explanation}")


# --- a term that ends at a moment of the day (Deadlines.ComputeDueDate) ---------------------------


@then(parsers.re(rf"строк спливає {quoted('moment')}"))
def _due_moment(ctx: Context, moment: str) -> None:
    due = ctx.answer("строк", ctx.due)
    wanted = parse_day(moment)
    if not isinstance(wanted, dt.datetime):
        raise StepError(f"«{moment}»: вкажіть і час, наприклад «08.03.2026 10:30»")
    try:
        actual = dt.datetime.fromisoformat(due.due) if "T" in due.due else None
    except ValueError:
        actual = None
    if actual is None or actual.replace(tzinfo=None) != wanted:
        explanation = "\n".join(due.explanation)
        raise StepError(f"строк спливає {show_date(due.due)}, а не {moment}:\n{explanation}")
