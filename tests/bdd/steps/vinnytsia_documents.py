"""Steps about a document's life after registration, as the city's document-management system drives it:
the findings of intake (`Registry.RegisterDocument`, `GetDocument`), a term chosen by the clause's own
words (`Deadlines.ComputeDueDate`), and control of execution (`Registry.PutOnControl`,
`RecordInterimReport`, `MarkExecuted`, `RemoveFromControl`).

Given (the document being described, see documents.py):
    І документ підписано «05.03.2026»
    І документ підписав «Міський голова» «05.03.2026»
    І документ зареєстрував «Відділ звернень апарату міської ради та її виконкому»
    І зареєстровано рішення виконавчого комітету «Про зняття з контролю …» від «14.05.2026»
    І зареєстровано вхідний документ «…» від «15.04.2026», кореспондент «Вінницька обласна військова адміністрація»
        (a document a later removal rests on; also «рішення міської ради»)
When:
    Коли строк за пунктом «r5-s1-p3» у частині «протягом п'яти робочих днів» рахують від «05.03.2026»
        (the rule of the clause whose quoted words contain these words)
    І документ ставлять на контроль «03.03.2026» [за резолюцією «Заступник міського голови Андрій Петренко»]
    І звернення ставлять на довгостроковий контроль «15.05.2026» за резолюцією «…» [до «17.05.2027»]
    І заявнику дають проміжну відповідь «20.03.2026»
    І документ позначають виконаним «20.03.2026» [за таких обставин: + | обставина | значення |]
    І «Міський голова» знімає документ з контролю «30.03.2026» [на підставі «…» | за таких обставин: + table]
Then:
    Тоді під час реєстрації виявлено порушення (попередження, інформацію) за пунктом «r11-s2-p3»: «…»
    Тоді під час реєстрації немає зауважень за пунктом «r11-s2-p3» / Тоді під час реєстрації зауважень немає
    Тоді під час реєстрації немає порушень за пунктом «r12-s3-p3.7» (information or a warning may be there)
    Тоді звернення направлено на особистий розгляд «міський голова»
    Тоді звернення не направляють на особистий розгляд першим керівникам
    Тоді звернення не розглядається за пунктом «r10-s2-p13» / Тоді звернення розглядається
    І обов'язок за пунктом «r10-s2-p1» виконано (скасовано, очікує виконання)
    Тоді документ на контролі (виконано, знято з контролю, не на контролі)
    І документ лишається на контролі (виконаним) — read afresh after a refusal
    І контроль здійснює «Міський голова» / І строк контролю — «27.03.2026»
    І система попереджає за пунктом «r12-s2-p6»: «пізніше строку» / І система не має зауважень до цього кроку
"""

from __future__ import annotations

import uuid
from typing import Any

import grpc
from pytest_bdd import given, parsers, then, when

from reglament.rules.loader import load_reglament
from reglament.v1 import common_pb2, registry_pb2
from tests.bdd.steps.common import (
    Context,
    StepError,
    clause_id,
    iso,
    normalize_words,
    quoted,
    role_id,
    role_name,
    show_date,
    table_rows,
)
from tests.bdd.steps.documents import DOCUMENT_KINDS, request_of
from tests.bdd.steps.terms import compute
from tests.bdd.steps.vocabulary import CONTROL_WORDS, DOCUMENT_WORDS, apply_words, value_for, word_for
from tests.conftest import Stubs

RPC_TIMEOUT_S = 10
CONTROL_CLERK = "Відділ контролю апарату міської ради та її виконкому"
"""Who records a control step in the register when the scenario does not say (audit only)."""

SEVERITIES = {
    "порушення": common_pb2.SEVERITY_VIOLATION,
    "попередження": common_pb2.SEVERITY_WARNING,
    "інформацію": common_pb2.SEVERITY_INFO,
    "інформація": common_pb2.SEVERITY_INFO,
}
_SEVERITY_NAMES = {
    common_pb2.SEVERITY_VIOLATION: "порушення",
    common_pb2.SEVERITY_WARNING: "попередження",
    common_pb2.SEVERITY_INFO: "інформація",
}
CONTROL_STATES = {
    "на контролі": common_pb2.CONTROL_STATUS_ON_CONTROL,
    "виконано": common_pb2.CONTROL_STATUS_EXECUTED,
    "знято з контролю": common_pb2.CONTROL_STATUS_REMOVED,
    "не на контролі": common_pb2.CONTROL_STATUS_NOT_ON_CONTROL,
}
OBLIGATION_STATES = {
    "виконано": common_pb2.OBLIGATION_STATUS_FULFILLED,
    "скасовано": common_pb2.OBLIGATION_STATUS_WAIVED,
    "очікує виконання": common_pb2.OBLIGATION_STATUS_PENDING,
}
_OBLIGATION_STATE_NAMES = {
    common_pb2.OBLIGATION_STATUS_PENDING: "очікує виконання",
    common_pb2.OBLIGATION_STATUS_DUE_SOON: "строк спливає",
    common_pb2.OBLIGATION_STATUS_FULFILLED: "виконано",
    common_pb2.OBLIGATION_STATUS_VIOLATED: "порушено",
    common_pb2.OBLIGATION_STATUS_WAIVED: "скасовано",
}


# --- documents registered as the basis of a later step ---------------------------------------------


def _register_basis(
    stubs: Stubs, ctx: Context, kind: str, title: str, day: str, correspondent: str = "", relation: str = ""
) -> None:
    """Registers a document a later step rests on (a new decision, the higher body's letter) and keeps
    its id under its title; «рішення міської ради» is an incoming act of the council. With `relation`
    (words of _RELATIONS) it refers to the scenario's registered document."""
    council = kind == "рішення міської ради"
    request = registry_pb2.RegisterDocumentRequest(
        request_id=uuid.uuid4().hex,
        reglament=ctx.reglament,
        kind=DOCUMENT_KINDS["вхідний документ" if council else kind],
        title=title,
        correspondent=correspondent or ("Вінницька міська рада" if council else ""),
        registered=iso(day),
    )
    if council:
        request.attributes["council_act"] = "true"
    if relation:
        request.links.add(relation=_RELATIONS[relation], document_id=_document(ctx).id)
    try:
        response = stubs.registry.RegisterDocument(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        raise StepError(f"не вдалося зареєструвати «{title}»: {exc.code().name}: {exc.details()}") from None
    ctx.notes.setdefault("basis", {})[normalize_words(title)] = response.document.id


_BASIS_KINDS = "|".join([*DOCUMENT_KINDS, "рішення міської ради"])


@given(parsers.re(rf"зареєстровано (?P<kind>{_BASIS_KINDS}) {quoted('title')} від {quoted('day')}"))
def _basis(stubs: Stubs, ctx: Context, kind: str, title: str, day: str) -> None:
    _register_basis(stubs, ctx, kind, title, day)


@given(
    parsers.re(
        rf"зареєстровано (?P<kind>{_BASIS_KINDS}) {quoted('title')} від {quoted('day')}, кореспондент {quoted('name')}"
    )
)
def _basis_from(stubs: Stubs, ctx: Context, kind: str, title: str, day: str, name: str) -> None:
    _register_basis(stubs, ctx, kind, title, day, name)


# How a document registered later refers to the scenario's document (a removal from control rests only on
# a document that refers to the removed one).
_RELATIONS = {
    "що змінює": common_pb2.LINK_RELATION_AMENDS,
    "що скасовує": common_pb2.LINK_RELATION_CANCELS,
    "у відповідь на": common_pb2.LINK_RELATION_ANSWER_TO,
}
_REFERS = rf"(?P<relation>{'|'.join(_RELATIONS)}) цей документ"


@when(parsers.re(rf"зареєстровано (?P<kind>{_BASIS_KINDS}) {quoted('title')} від {quoted('day')}, {_REFERS}"))
def _basis_referring(stubs: Stubs, ctx: Context, kind: str, title: str, day: str, relation: str) -> None:
    _register_basis(stubs, ctx, kind, title, day, relation=relation)


@when(
    parsers.re(
        rf"зареєстровано (?P<kind>{_BASIS_KINDS}) {quoted('title')} від {quoted('day')}, "
        rf"кореспондент {quoted('name')}, {_REFERS}"
    )
)
def _basis_from_referring(
    stubs: Stubs, ctx: Context, kind: str, title: str, day: str, name: str, relation: str
) -> None:
    _register_basis(stubs, ctx, kind, title, day, name, relation)


def _basis_id(ctx: Context, title: str) -> str:
    known: dict[str, str] = ctx.notes.get("basis", {})
    found = known.get(normalize_words(title))
    if found is None:
        raise StepError(f"документ «{title}» у сценарії не зареєстровано («Дано зареєстровано … «{title}» від …»)")
    return found


# --- the document being registered ---------------------------------------------------------------


@given(parsers.re(rf"документ підписано {quoted('day')}"))
def _signed(ctx: Context, day: str) -> None:
    request_of(ctx).signed = iso(day)


@given(parsers.re(rf"документ підписав {quoted('role')} {quoted('day')}"))
def _signed_by(ctx: Context, role: str, day: str) -> None:
    request = request_of(ctx)
    request.signed = iso(day)
    apply_words(ctx.reglament, request, [("підписав", role)], DOCUMENT_WORDS)


@given(parsers.re(rf"документ зареєстрував {quoted('role')}"))
def _registered_by(ctx: Context, role: str) -> None:
    apply_words(ctx.reglament, request_of(ctx), [("зареєстрував", role)], DOCUMENT_WORDS)


# --- a term named by the clause's own words -----------------------------------------------------


def variant_by_words(reglament: str, clause: str, words: str) -> str:
    """The variant of the clause's term whose quoted words contain `words` ("" for the main rule)."""
    wanted = normalize_words(words)
    terms = [e for e in load_reglament(reglament).by_clause(clause) if e.obligation is not None]
    matching = [e for e in terms if wanted in normalize_words(e.quote)]
    if len(matching) != 1:
        quotes = "; ".join(f"«{e.quote}»" for e in terms) or "(строків немає)"
        how = "жодного" if not matching else "кілька"
        raise StepError(f"пункт {clause}: словам «{words}» відповідає {how} строк(ів); строки пункту: {quotes}")
    return matching[0].variant or ""


@when(parsers.re(rf"строк за пунктом {quoted('clause')} у частині {quoted('words')} рахують від {quoted('start')}"))
def _compute_by_words(stubs: Stubs, ctx: Context, clause: str, words: str, start: str) -> None:
    cid = clause_id(clause)
    compute(stubs, ctx, cid, start, variant_by_words(ctx.reglament, cid, words))


# --- what intake found ----------------------------------------------------------------------------


def _document(ctx: Context) -> common_pb2.Document:
    document: common_pb2.Document = ctx.answer("документ", ctx.document)
    return document


def _findings_listing(findings: Any) -> str:
    return (
        "\n".join(f"  {_SEVERITY_NAMES.get(f.severity, f.severity)} {f.clause.clause}: {f.message}" for f in findings)
        or "  (жодного)"
    )


def _expect_finding(findings: Any, severity: str, clause: str, words: str) -> None:
    cid = clause_id(clause)
    found = [f for f in findings if f.clause.clause == cid and f.severity == SEVERITIES[severity]]
    if not found:
        raise StepError(f"немає зауваження «{severity}» за пунктом {cid}; є:\n{_findings_listing(findings)}")
    if not any(normalize_words(words) in normalize_words(f.message) for f in found):
        raise StepError(f"у зауваженні за пунктом {cid} немає «{words}»:\n{_findings_listing(findings)}")
    if not all(f.clause.quote for f in found):
        raise StepError(f"зауваження за пунктом {cid} не цитує текст пункту")


_FINDING = rf"(?P<severity>порушення|попередження|інформацію) за пунктом {quoted('clause')}: {quoted('words')}"


@then(parsers.re(rf"під час реєстрації виявлено {_FINDING}"))
def _intake_finding(ctx: Context, severity: str, clause: str, words: str) -> None:
    _expect_finding(_document(ctx).findings, severity, clause, words)


@then(parsers.re(rf"під час реєстрації немає зауважень за пунктом {quoted('clause')}"))
def _no_intake_finding(ctx: Context, clause: str) -> None:
    document = _document(ctx)
    cid = clause_id(clause)
    if any(f.clause.clause == cid for f in document.findings):
        raise StepError(f"є зауваження за пунктом {cid}:\n{_findings_listing(document.findings)}")


@then("під час реєстрації зауважень немає")
def _no_intake_findings(ctx: Context) -> None:
    document = _document(ctx)
    if document.findings:
        raise StepError(f"є зауваження:\n{_findings_listing(document.findings)}")


@then(parsers.re(rf"звернення направлено на особистий розгляд {quoted('role')}"))
def _routed(ctx: Context, role: str) -> None:
    document = _document(ctx)
    wanted = role_id(ctx.reglament, role)
    if wanted not in document.routed_to:
        shown = ", ".join(role_name(ctx.reglament, r) for r in document.routed_to) or "нікому"
        raise StepError(f"звернення направлено на особистий розгляд: {shown}, а не {role}")


@then("звернення не направляють на особистий розгляд першим керівникам")
def _not_routed(ctx: Context) -> None:
    document = _document(ctx)
    if document.routed_to:
        shown = ", ".join(role_name(ctx.reglament, r) for r in document.routed_to)
        raise StepError(f"звернення направлено на особистий розгляд: {shown}")


@then(parsers.re(rf"звернення не розглядається за пунктом {quoted('clause')}"))
def _not_considered(ctx: Context, clause: str) -> None:
    document = _document(ctx)
    cid = clause_id(clause)
    if document.not_considered_under != cid:
        got = document.not_considered_under or "розглядається"
        raise StepError(f"звернення: {got}, а не «не розглядається за пунктом {cid}»")


@then("звернення розглядається")
def _considered(ctx: Context) -> None:
    document = _document(ctx)
    if document.not_considered_under:
        raise StepError(f"звернення не розглядається за пунктом {document.not_considered_under}")


@then(parsers.re(rf"обов'язок за пунктом {quoted('clause')} (?P<state>виконано|скасовано|очікує виконання)"))
def _obligation_state(ctx: Context, clause: str, state: str) -> None:
    document = _document(ctx)
    cid = clause_id(clause)
    of_clause = [o for o in document.obligations if o.clause.clause == cid]
    if not of_clause:
        raise StepError(f"обов'язку за пунктом {cid} немає")
    wrong = [o for o in of_clause if o.status != OBLIGATION_STATES[state]]
    if wrong:
        shown = ", ".join(_OBLIGATION_STATE_NAMES.get(o.status, str(o.status)) for o in wrong)
        raise StepError(f"обов'язок за пунктом {cid}: {shown}, а не «{state}»")


# --- control of execution -------------------------------------------------------------------------


def _control_call(ctx: Context, call: Any, request: Any) -> None:
    """One control step: the document as it stands afterwards, or the refusal, and the step's warnings."""
    ctx.error = None
    ctx.notes["control_findings"] = []
    try:
        response = call(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        ctx.error = exc
        return
    ctx.document = response.document
    ctx.notes["control_findings"] = list(response.findings)


def _who(ctx: Context, text: str) -> tuple[str, str]:
    """A person or body a lawyer names → (name, role id); the role is empty when the words are a person's name."""
    try:
        return text, role_id(ctx.reglament, text)
    except StepError:
        return text, ""


def _put_on_control(
    stubs: Stubs, ctx: Context, day: str, controller: str = "", long_term: bool = False, due: str = ""
) -> None:
    document = _document(ctx)
    name, role = _who(ctx, controller) if controller else ("", "")
    request = registry_pb2.PutOnControlRequest(
        request_id=uuid.uuid4().hex,
        document_id=document.id,
        actor=CONTROL_CLERK,
        controller=name,
        controller_role=role,
        on=iso(day),
        due=iso(due) if due else "",
        long_term=long_term,
        basis=f"Резолюція щодо документа «{document.title}»",
    )
    _control_call(ctx, stubs.registry.PutOnControl, request)


@when(parsers.re(rf"документ ставлять на контроль {quoted('day')}"))
def _put(stubs: Stubs, ctx: Context, day: str) -> None:
    _put_on_control(stubs, ctx, day)


@when(parsers.re(rf"документ ставлять на контроль {quoted('day')} за резолюцією {quoted('who')}"))
def _put_by(stubs: Stubs, ctx: Context, day: str, who: str) -> None:
    _put_on_control(stubs, ctx, day, who)


@when(parsers.re(rf"документ ставлять на контроль {quoted('day')} за резолюцією {quoted('who')} до {quoted('due')}"))
def _put_by_until(stubs: Stubs, ctx: Context, day: str, who: str, due: str) -> None:
    _put_on_control(stubs, ctx, day, who, due=due)


@when(parsers.re(rf"звернення ставлять на довгостроковий контроль {quoted('day')} за резолюцією {quoted('who')}"))
def _put_long(stubs: Stubs, ctx: Context, day: str, who: str) -> None:
    _put_on_control(stubs, ctx, day, who, long_term=True)


@when(
    parsers.re(
        rf"звернення ставлять на довгостроковий контроль {quoted('day')} за резолюцією {quoted('who')} "
        rf"до {quoted('due')}"
    )
)
def _put_long_until(stubs: Stubs, ctx: Context, day: str, who: str, due: str) -> None:
    _put_on_control(stubs, ctx, day, who, long_term=True, due=due)


@when(parsers.re(rf"заявнику дають проміжну відповідь {quoted('day')}"))
def _interim(stubs: Stubs, ctx: Context, day: str) -> None:
    request = registry_pb2.RecordInterimReportRequest(
        request_id=uuid.uuid4().hex,
        document_id=_document(ctx).id,
        actor="Виконавець",
        on=iso(day),
        text="Проміжна відповідь: питання вивчається, остаточну відповідь буде надано після завершення робіт.",
    )
    _control_call(ctx, stubs.registry.RecordInterimReport, request)


def _circumstances(ctx: Context, datatable: list[list[str]] | None) -> dict[str, str]:
    """«| обставина | значення |» rows → the facts of a control step."""
    facts: dict[str, str] = {}
    for row in table_rows(datatable) if datatable else []:
        label, text = row.get("обставина", ""), row.get("значення", "")
        word = word_for(ctx.reglament, label, CONTROL_WORDS)
        value = value_for(ctx.reglament, word, text)
        facts[word.target] = value if isinstance(value, str) else ("true" if value else "false")
    return facts


def _mark_executed(stubs: Stubs, ctx: Context, day: str, datatable: list[list[str]] | None) -> None:
    request = registry_pb2.MarkExecutedRequest(
        request_id=uuid.uuid4().hex,
        document_id=_document(ctx).id,
        actor=CONTROL_CLERK,
        on=iso(day),
        reason="Виконавець доповів про виконання",
        facts=_circumstances(ctx, datatable),
    )
    _control_call(ctx, stubs.registry.MarkExecuted, request)


@when(parsers.re(rf"документ позначають виконаним {quoted('day')}"))
def _executed(stubs: Stubs, ctx: Context, day: str) -> None:
    _mark_executed(stubs, ctx, day, None)


@when(parsers.re(rf"документ позначають виконаним {quoted('day')} за таких обставин:"))
def _executed_with(stubs: Stubs, ctx: Context, day: str, datatable: list[list[str]]) -> None:
    _mark_executed(stubs, ctx, day, datatable)


def _remove(
    stubs: Stubs, ctx: Context, who: str, day: str, basis: str = "", datatable: list[list[str]] | None = None
) -> None:
    name, role = _who(ctx, who)
    request = registry_pb2.RemoveFromControlRequest(
        request_id=uuid.uuid4().hex,
        document_id=_document(ctx).id,
        actor=name,
        actor_role=role,
        on=iso(day),
        reason=f"Зняття з контролю: {basis}" if basis else "Зняття з контролю",
        basis_document_id=_basis_id(ctx, basis) if basis else "",
        facts=_circumstances(ctx, datatable),
    )
    _control_call(ctx, stubs.registry.RemoveFromControl, request)


_REMOVE = rf"{quoted('who')} знімає документ з контролю {quoted('day')}"


@when(parsers.re(_REMOVE))
def _remove_plain(stubs: Stubs, ctx: Context, who: str, day: str) -> None:
    _remove(stubs, ctx, who, day)


@when(parsers.re(rf"{_REMOVE} на підставі {quoted('basis')}"))
def _remove_on_basis(stubs: Stubs, ctx: Context, who: str, day: str, basis: str) -> None:
    _remove(stubs, ctx, who, day, basis)


@when(parsers.re(rf"{_REMOVE} за таких обставин:"))
def _remove_with(stubs: Stubs, ctx: Context, who: str, day: str, datatable: list[list[str]]) -> None:
    _remove(stubs, ctx, who, day, datatable=datatable)


@then(parsers.re(r"документ (?P<state>на контролі|виконано|знято з контролю|не на контролі)"))
def _control_state(ctx: Context, state: str) -> None:
    document = _document(ctx)
    if ctx.error is not None:
        raise StepError(f"система відмовила: {ctx.error.code().name}: {ctx.error.details()}")
    if document.control.status != CONTROL_STATES[state]:
        names = {v: k for k, v in CONTROL_STATES.items()}
        raise StepError(f"документ {names.get(document.control.status, document.control.status)}, а не «{state}»")


@then(parsers.re(r"документ лишається (?P<state>на контролі|виконаним|поза контролем)"))
def _control_state_kept(stubs: Stubs, ctx: Context, state: str) -> None:
    """After a refused step: the register still shows the document as it was (read afresh)."""
    document = stubs.registry.GetDocument(registry_pb2.GetDocumentRequest(id=_document(ctx).id), timeout=RPC_TIMEOUT_S)
    wanted = CONTROL_STATES[{"виконаним": "виконано", "поза контролем": "не на контролі"}.get(state, state)]
    if document.control.status != wanted:
        names = {v: k for k, v in CONTROL_STATES.items()}
        raise StepError(f"документ {names.get(document.control.status, document.control.status)}, а не «{state}»")


@then(parsers.re(rf"контроль здійснює {quoted('who')}"))
def _controller(ctx: Context, who: str) -> None:
    control = _document(ctx).control
    if normalize_words(control.controller) != normalize_words(who):
        raise StepError(f"контроль здійснює «{control.controller}» ({control.controller_role}), а не «{who}»")


@then(parsers.re(rf"строк контролю — {quoted('day')}"))
def _control_due(ctx: Context, day: str) -> None:
    control = _document(ctx).control
    if control.due != iso(day):
        raise StepError(f"строк контролю {show_date(control.due)}, а не {show_date(iso(day))}")


@then(parsers.re(rf"система попереджає за пунктом {quoted('clause')}: {quoted('words')}"))
def _control_warning(ctx: Context, clause: str, words: str) -> None:
    if ctx.error is not None:
        raise StepError(f"система відмовила: {ctx.error.code().name}: {ctx.error.details()}")
    _expect_finding(ctx.notes.get("control_findings", []), "попередження", clause, words)


@then("система не має зауважень до цього кроку")
def _control_clean(ctx: Context) -> None:
    if ctx.error is not None:
        raise StepError(f"система відмовила: {ctx.error.code().name}: {ctx.error.details()}")
    findings = ctx.notes.get("control_findings", [])
    if findings:
        raise StepError(f"є зауваження:\n{_findings_listing(findings)}")


# --- a finding of one severity that must not be there (appended) ----------------------------------------


@then(parsers.re(rf"під час реєстрації немає порушень за пунктом {quoted('clause')}"))
def _no_intake_violation(ctx: Context, clause: str) -> None:
    """Information or a warning of the clause may be there (a reminder at registration); a violation may not."""
    document = _document(ctx)
    cid = clause_id(clause)
    violations = [f for f in document.findings if f.clause.clause == cid and f.severity == SEVERITIES["порушення"]]
    if violations:
        raise StepError(f"є порушення за пунктом {cid}:\n{_findings_listing(document.findings)}")
