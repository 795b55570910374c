"""Steps about registering a document and the obligations it creates: `Registry.RegisterDocument`,
the `obligation.created` events, `Registry.GetDocument`.

    Дано вхідний документ «Лист обласної державної адміністрації щодо ремонту доріг»
    І документ надійшов до міської ради «02.03.2026»
    І документ має позначку «терміново»
    Коли документ реєструють «02.03.2026»
    Тоді виникає обов'язок за пунктом «r12-s3-p2.1» зі строком «10.03.2026»
    І виконати його має «виконавець»
"""

from __future__ import annotations

import time
import uuid

import grpc
from pytest_bdd import given, parsers, then, when

from reglament.v1 import common_pb2, registry_pb2
from tests.bdd.steps.common import (
    Context,
    StepError,
    clause_id,
    iso,
    list_values,
    normalize_words,
    quoted,
    role_id,
    role_name,
    show_date,
    table_rows,
)
from tests.bdd.steps.events import ObligationEvents
from tests.bdd.steps.vocabulary import DOCUMENT_WORDS, apply_words
from tests.conftest import Stubs

RPC_TIMEOUT_S = 10
OBLIGATIONS_TIMEOUT_S = 30

DOCUMENT_KINDS: dict[str, common_pb2.DocumentKind] = {
    "вхідний документ": common_pb2.DOCUMENT_KIND_INCOMING,
    "вихідний документ": common_pb2.DOCUMENT_KIND_OUTGOING,
    "рішення виконавчого комітету": common_pb2.DOCUMENT_KIND_EC_DECISION,
    "розпорядження міського голови": common_pb2.DOCUMENT_KIND_MAYOR_ORDER,
    "звернення громадянина": common_pb2.DOCUMENT_KIND_APPEAL,
    "запит на публічну інформацію": common_pb2.DOCUMENT_KIND_INFO_REQUEST,
    "депутатське звернення": common_pb2.DOCUMENT_KIND_DEPUTY_APPEAL,
    "протокольне доручення": common_pb2.DOCUMENT_KIND_PROTOCOL_INSTRUCTION,
}
_KINDS_RE = "|".join(DOCUMENT_KINDS)


def request_of(ctx: Context) -> registry_pb2.RegisterDocumentRequest:
    if ctx.document_request is None:
        raise StepError("спершу опишіть документ: «Дано вхідний документ «…»»")
    request: registry_pb2.RegisterDocumentRequest = ctx.document_request
    return request


@given(parsers.re(rf"(?P<kind>{_KINDS_RE}) {quoted('title')}"))
def _document(ctx: Context, kind: str, title: str) -> None:
    ctx.document_request = registry_pb2.RegisterDocumentRequest(
        request_id=uuid.uuid4().hex, reglament=ctx.reglament, kind=DOCUMENT_KINDS[kind], title=title
    )


@given(parsers.re(rf"документ надійшов до міської ради {quoted('day')}"))
def _received(ctx: Context, day: str) -> None:
    request_of(ctx).received = iso(day)


@given(parsers.re(rf"у документі вказано строк виконання {quoted('day')}"))
def _due_date(ctx: Context, day: str) -> None:
    request_of(ctx).due_date = iso(day)


@given(parsers.re(r"документ має позначку «(?P<mark>терміново|до відома)»"))
def _mark(ctx: Context, mark: str) -> None:
    request = request_of(ctx)
    if mark == "терміново":
        request.urgent = True
    else:
        request.for_information = True


@given("виконання документа не потребує значної аналітичної роботи")
def _simple(ctx: Context) -> None:
    request_of(ctx).simple = True


@given(parsers.re(r"виконавці: (?P<names>.+)"))
def _executors(ctx: Context, names: str) -> None:
    request = request_of(ctx)
    del request.executors[:]
    request.executors.extend(list_values(names))


@given(parsers.re(rf"кореспондент {quoted('name')}"))
def _correspondent(ctx: Context, name: str) -> None:
    request_of(ctx).correspondent = name


@given("документ має такі ознаки:")
def _facts(ctx: Context, datatable: list[list[str]]) -> None:
    rows = table_rows(datatable)
    pairs = [(row.get("ознака", ""), row.get("значення", "")) for row in rows]
    apply_words(ctx.reglament, request_of(ctx), pairs, DOCUMENT_WORDS)


def register(stubs: Stubs, events: ObligationEvents, ctx: Context) -> None:
    request = request_of(ctx)
    if not request.registered:
        request.registered = request.received
    if not request.registered:
        raise StepError("вкажіть дату реєстрації: «Коли документ реєструють «02.03.2026»»")
    ctx.document, ctx.error = None, None
    try:
        response = stubs.registry.RegisterDocument(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        ctx.error = exc
        return
    doc_id = response.document.id
    expected = {o.id for o in events.wait_all(doc_id, OBLIGATIONS_TIMEOUT_S)}
    # The registry stores what the events carry; wait until the system of record shows all of them.
    deadline = time.monotonic() + OBLIGATIONS_TIMEOUT_S
    while True:
        document = stubs.registry.GetDocument(registry_pb2.GetDocumentRequest(id=doc_id), timeout=RPC_TIMEOUT_S)
        if expected <= {o.id for o in document.obligations}:
            ctx.document = document
            return
        if time.monotonic() > deadline:
            raise StepError(
                f"реєстр не показав усіх обов'язків документа {document.number} за {OBLIGATIONS_TIMEOUT_S} с"
            )
        time.sleep(0.05)


@when(parsers.re(rf"документ реєструють {quoted('day')}"))
def _register_on(stubs: Stubs, obligation_events: ObligationEvents, ctx: Context, day: str) -> None:
    request_of(ctx).registered = iso(day)
    register(stubs, obligation_events, ctx)


@when("документ реєструють")
def _register(stubs: Stubs, obligation_events: ObligationEvents, ctx: Context) -> None:
    register(stubs, obligation_events, ctx)


def _document_of(ctx: Context) -> common_pb2.Document:
    document: common_pb2.Document = ctx.answer("документ", ctx.document)
    return document


def _listing(ctx: Context, document: common_pb2.Document) -> str:
    return "\n".join(
        f"  {o.clause.clause}: {role_name(ctx.reglament, o.bearer)}, строк {show_date(o.due)} — {o.action}"
        for o in document.obligations
    ) or "  (жодного)"


@then("документ отримує реєстраційний номер")
def _numbered(ctx: Context) -> None:
    document = _document_of(ctx)
    if not document.number:
        raise StepError("документ зареєстровано без номера")


@then(parsers.re(rf"виникає обов'язок за пунктом {quoted('clause')} зі строком {quoted('day')}"))
def _obligation(ctx: Context, clause: str, day: str) -> None:
    document = _document_of(ctx)
    cid, due = clause_id(clause), iso(day)
    of_clause = [o for o in document.obligations if o.clause.clause == cid]
    if not of_clause:
        raise StepError(f"обов'язку за пунктом {cid} немає; є:\n{_listing(ctx, document)}")
    matching = [o for o in of_clause if o.due == due]
    if not matching:
        shown = ", ".join(show_date(o.due) for o in of_clause)
        explanation = "\n".join(of_clause[0].explanation)
        raise StepError(f"строк обов'язку за пунктом {cid} — {shown}, а не {show_date(due)}:\n{explanation}")
    ctx.notes["obligation"] = matching[0]


@then(parsers.re(rf"виконати його має {quoted('role')}"))
def _bearer(ctx: Context, role: str) -> None:
    obligation = ctx.notes.get("obligation")
    if obligation is None:
        raise StepError("спершу крок «виникає обов'язок за пунктом …»")
    wanted = role_id(ctx.reglament, role)
    if obligation.bearer != wanted:
        raise StepError(f"обов'язок покладено на {role_name(ctx.reglament, obligation.bearer)}, а не на {role}")


@then(parsers.re(rf"обов'язок пояснено словами {quoted('words')}"))
def _explained(ctx: Context, words: str) -> None:
    obligation = ctx.notes.get("obligation")
    if obligation is None:
        raise StepError("спершу крок «виникає обов'язок за пунктом …»")
    text = "\n".join(obligation.explanation)
    if normalize_words(words) not in normalize_words(text):
        raise StepError(f"у поясненні строку немає «{words}»:\n{text}")


@then(parsers.re(rf"немає обов'язку за пунктом {quoted('clause')}"))
def _no_obligation(ctx: Context, clause: str) -> None:
    document = _document_of(ctx)
    cid = clause_id(clause)
    if any(o.clause.clause == cid for o in document.obligations):
        raise StepError(f"обов'язок за пунктом {cid} є, а не мав би бути:\n{_listing(ctx, document)}")


@then("документ має такі обов'язки:")
def _obligations_table(ctx: Context, datatable: list[list[str]]) -> None:
    """Columns: «пункт» (required), «хто виконує», «строк». The table lists every obligation, no more."""
    document = _document_of(ctx)
    rows = table_rows(datatable)
    remaining = list(document.obligations)
    for row in rows:
        cid = clause_id(row.get("пункт", ""))
        bearer = role_id(ctx.reglament, row["хто виконує"]) if row.get("хто виконує") else None
        due = iso(row["строк"]) if row.get("строк") else None
        match = next(
            (
                o
                for o in remaining
                if o.clause.clause == cid and (bearer is None or o.bearer == bearer) and (due is None or o.due == due)
            ),
            None,
        )
        if match is None:
            raise StepError(f"немає обов'язку {cid} {row}; є:\n{_listing(ctx, document)}")
        remaining.remove(match)
    if remaining:
        extra = "\n".join(f"  {o.clause.clause}: {show_date(o.due)}" for o in remaining)
        raise StepError(f"у документа є ще обов'язки, яких немає в таблиці:\n{extra}")
