"""Steps about drafts and meetings beyond their planned route, as the document-management system drives the
Approval API: checking a draft (`ValidateDraft`), its visa lifecycle (`SubmitDraft`, `RecordVisa`,
`SubstituteApprover`, `ChangeDraft`, `SignDraft`, `GetRoute`) and meetings (`ValidateMeeting`,
`RecordMeeting`). The wordings are the reglament's own; they serve every reglament's features.

Each answer is also shown to the general steps: its findings and visa steps as `ctx.route` (so
«Тоді є порушення за пунктом …», «Тоді зауважень немає», «Тоді маршрут візування такий:» of
routes.py read them) and its obligations as `ctx.document` (so «Тоді виникає обов'язок за пунктом …
зі строком …», «І виконати його має …» of documents.py read them). A refusal leaves `ctx.error` for
refusals.py and re-reads the stored draft, so a scenario can show that nothing changed.

Checking a draft:
    Дано проект рішення виконавчого комітету «…» / І проект має такі ознаки: (routes.py)
    І проект вноситься на засідання виконкому «19.03.2026»
    І матеріали проекту надійшли до сектору документального забезпечення «17.03.2026»
    І міський голова дозволив прийняти матеріали після строку / І міський голова не дозволяв …
    І вимогу пункту «r15-p2» виконано «27.07.2026»   (the day a term was met; drafts and meetings)
    Коли проект перевіряють [«20.03.2026»] / Коли поданий проект перевіряють [з такими ознаками: + table]
The visa lifecycle:
    І проект візують такі особи: + | хто візує | особа | [орган]
    Коли проект подають на візування «02.03.2026» (as Дано: «проект подано на візування «…»»; the other
        lifecycle steps read the same under Дано)
    Коли «директор департаменту правової політики та якості міської ради» погоджує проект «03.03.2026»
    Коли «Мельник Марія Олегівна» як «…» погоджує проект [на папері | в електронному вигляді] «03.03.2026»
    Коли «…» від органу «Департамент освіти» погоджує проект «…»
    Коли «…» погоджує проект із зауваженнями «…» «…» / Коли «…» не погоджує проект із зауваженнями «…» «…»
    Коли проект погоджують усі візуючі особи [, крім «керуючий справами виконкому»,] «04.03.2026»
    Коли візуючу особу «…» «Коваль Катерина Петрівна» замінюють на «Мельник Марія Олегівна», яка (не) виконує …
    Коли до проекту вносять істотні зміни «06.03.2026»
    Коли розробник виправляє проект після відмови в погодженні «06.03.2026»
    Коли проект змінюють на засіданні виконкому «19.03.2026» за пропозицією «…»
    Коли «міський голова» підписує проект «20.03.2026»
    Коли «заступник міського голови», який виконував повноваження міського голови і головував на засіданні,
        підписує проект «20.03.2026»
    Коли маршрут візування проекту переглядають «10.03.2026»   (the draft as it stands on that day)
    Тоді проект на візуванні | повернуто розробнику | завізовано | прийнято виконавчим комітетом |
        знято з розгляду і повернуто виконавцям | підписано
    Тоді стан віз такий: + | хто візує | стан | [орган] [хто візував]
    Тоді віза «…» має стан «погоджено»   (стани: очікує, чекає черги, погоджено, погоджено із зауваженнями,
        не погоджено, вважається погодженим)
    Тоді починається нове коло візування за пунктом «r6-s4-p7» / І жодна віза попереднього кола не зараховується
    Тоді заміну зареєстровано перед погодженням (під час погодження) за пунктом «r6-s4-p5-a2»
Meetings:
    Дано засідання виконавчого комітету «19.03.2026» (also засідання дорадчого органу, нарада [за участю
        міського голови], виїзна нарада, урочистий захід)
    Дано опитування членів виконавчого комітету між засіданнями «24.03.2026»
    І загальний склад виконавчого комітету — «14» членів / І на засіданні присутні «8» членів
    І засідання (нарада, урочистий захід, опитування) має такі ознаки: + | ознака | значення | (MEETING_WORDS)
    І на засіданні (в опитуванні) розглянуто питання «Про …»: + table (ITEM_WORDS)
    І на засіданні (в опитуванні) розглянуто поданий проект: + table (the submitted draft as an agenda item)
    І на засіданні заявлено про конфлікт інтересів члена виконкому «…»: + table (DECLARATION_WORDS)
    І «Коваленко Ірина Петрівна» надсилає повідомлення про участь у засіданні: + table (NOTICE_WORDS)
    Коли засідання (нараду, урочистий захід, опитування) перевіряють [«20.03.2026»]  (default: on its day)
    Коли результати засідання вносять до системи (also as Дано)
    Тоді засідання правомочне / неправомочне
    Тоді щодо питання «Про …» є порушення (попередження, інформація) за пунктом «…»: «…»
    Тоді щодо питання «Про …» немає зауважень за пунктом «…»
    Тоді результат розгляду проекту на засіданні — «прийнято» (прийнято зі змінами, не прийнято, не враховано)
    І результат не враховано через пункт «r6-s2-p1»
Any check:
    Тоді вимогу пункту «r6-s8-p1» дотримано / не дотримано
    Тоді строк за пунктом «r6-s5-p3-a2» спливає «18.03.2026 00:00»   (a day or a moment)
    Тоді обов'язок за пунктом «r6-s3-p1» виконано з запізненням
    Тоді обов'язок за пунктом «r13-s1-p1.1» зі строком «13.03.2026 12:00» виконано (виконано з запізненням)
    Тоді немає обов'язку за пунктом «r13-s2-p3» зі строком «13.03.2026»
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import grpc
from pytest_bdd import given, parsers, then, when

from reglament.v1 import approval_pb2, common_pb2
from tests.bdd.steps.common import (
    Context,
    StepError,
    clause_id,
    iso,
    normalize_words,
    parse_day,
    quoted,
    role_id,
    role_name,
    roles,
    show_date,
    table_rows,
)
from tests.bdd.steps.routes import draft_of
from tests.bdd.steps.vocabulary import (
    DECLARATION_WORDS,
    DRAFT_WORDS,
    ITEM_WORDS,
    MEETING_WORDS,
    NOTICE_WORDS,
    Word,
    value_for,
    word_for,
)
from tests.conftest import Stubs

RPC_TIMEOUT_S = 10
MAX_VISAS = 60
"""A route has a handful of steps; more visas than this in one step of a scenario means a loop."""

STAGES: dict[str, int] = {
    "на візуванні": approval_pb2.DRAFT_STAGE_ON_ROUTE,
    "повернуто розробнику": approval_pb2.DRAFT_STAGE_RETURNED,
    "завізовано": approval_pb2.DRAFT_STAGE_ROUTE_COMPLETED,
    "прийнято виконавчим комітетом": approval_pb2.DRAFT_STAGE_ADOPTED,
    "знято з розгляду і повернуто виконавцям": approval_pb2.DRAFT_STAGE_NOT_ADOPTED,
    "підписано": approval_pb2.DRAFT_STAGE_SIGNED,
}
STEP_STATES: dict[str, int] = {
    "очікує": approval_pb2.STEP_STATUS_PENDING,
    "чекає черги": approval_pb2.STEP_STATUS_WAITING,
    "погоджено": approval_pb2.STEP_STATUS_APPROVED,
    "погоджено із зауваженнями": approval_pb2.STEP_STATUS_APPROVED_WITH_REMARKS,
    "не погоджено": approval_pb2.STEP_STATUS_REJECTED,
    "вважається погодженим": approval_pb2.STEP_STATUS_DEEMED_APPROVED,
}
OUTCOMES = {
    "прийнято": "adopted",
    "прийнято зі змінами": "adopted_with_changes",
    "не прийнято": "not_adopted",
    "не враховано": "unchanged",
}
MEETING_KINDS = {
    "засідання виконавчого комітету": "executive_committee",
    "засідання дорадчого органу": "advisory_body",
    "нарада за участю міського голови": "narada",
    "нарада": "narada",
    "виїзна нарада": "field_narada",
    "урочистий захід": "ceremony",
}
MEDIA = {"на папері": "paper", "в електронному вигляді": "electronic"}
SEVERITIES = {
    "порушення": common_pb2.SEVERITY_VIOLATION,
    "попередження": common_pb2.SEVERITY_WARNING,
    "інформація": common_pb2.SEVERITY_INFO,
}
_SEVERITY_NAMES = {v: k for k, v in SEVERITIES.items()}
_STAGE_NAMES = {v: k for k, v in STAGES.items()}
_STEP_STATE_NAMES = {v: k for k, v in STEP_STATES.items()}

SUBSTANTIVE_REASON = "Під час візування з'ясувалася потреба в істотних змінах проекту"
MINOR_REASON = "Розробник виправив проект з урахуванням зауважень"
AT_MEETING_REASON = "Зміни, зауваження, пропозиції, внесені під час розгляду на засіданні"


# --- what the last answer showed, for the general steps -------------------------------------------


def _show(
    ctx: Context,
    *,
    findings: Any = (),
    steps: Any = (),
    obligations: Any = (),
    paper_only: bool = False,
    paper_clause: Any = None,
    title: str = "",
) -> None:
    """Exposes an answer to the general steps: findings and visa steps as ctx.route, obligations as ctx.document."""
    route = approval_pb2.PlanRouteResponse(steps=list(steps), findings=list(findings), paper_only=paper_only)
    if paper_clause is not None and paper_clause.clause:
        route.paper_only_clause.CopyFrom(paper_clause)
    ctx.route = route
    ctx.document = common_pb2.Document(title=title, obligations=list(obligations))
    ctx.notes["obligations"] = list(obligations)


def _show_route(ctx: Context, route: approval_pb2.DraftRoute) -> None:
    ctx.notes["draft_route"] = route
    _show(
        ctx,
        findings=route.findings,
        steps=[s.step for s in route.steps],
        obligations=route.obligations,
        paper_only=route.paper_only,
        paper_clause=route.paper_only_clause,
        title=route.draft.title,
    )


def _stored(ctx: Context) -> approval_pb2.DraftRoute:
    route = ctx.notes.get("draft_route")
    if route is None:
        raise StepError("спершу подайте проект на візування: «Коли проект подають на візування «02.03.2026»»")
    stored: approval_pb2.DraftRoute = route
    return stored


def _mutate(stubs: Stubs, ctx: Context, call: Callable[..., Any], request: Any) -> None:
    """One change of a stored draft; on a refusal the draft is read afresh (nothing must have changed)."""
    ctx.error = None
    if "draft_route" in ctx.notes:
        ctx.notes["round"] = _stored(ctx).round
    try:
        _show_route(ctx, call(request, timeout=RPC_TIMEOUT_S))
    except grpc.RpcError as exc:
        ctx.error = exc
        if "draft_route" in ctx.notes:
            _refresh(stubs, ctx)


def _refresh(stubs: Stubs, ctx: Context, today: str = "") -> None:
    route = _stored(ctx)
    fresh = stubs.approval.GetRoute(
        approval_pb2.GetRouteRequest(draft_id=route.draft_id, today=today), timeout=RPC_TIMEOUT_S
    )
    _show_route(ctx, fresh)


def _step_listing(ctx: Context, route: approval_pb2.DraftRoute) -> str:
    lines = []
    for s in route.steps:
        body = f" — {s.step.body}" if s.step.body else ""
        who = f", візував {s.visaed_by}" if s.visaed_by else ""
        state = _STEP_STATE_NAMES.get(s.status, str(s.status))
        lines.append(f"  {role_name(ctx.reglament, s.step.role)}{body} ({s.step.clause.clause}): {state}{who}")
    return "\n".join(lines) or "  (жодної візи)"


def _refused(ctx: Context, what: str) -> None:
    if ctx.error is not None:
        raise StepError(f"{what}: система відмовила: {ctx.error.code().name}: {ctx.error.details()}")


# --- facts a lawyer gives in a table --------------------------------------------------------------


def _value(ctx: Context, word: Word, text: str) -> Any:
    return value_for(ctx.reglament, word, text)


def _set_path(message: Any, path: str, value: Any) -> None:
    """Sets `a.b` on a proto message (creating the sub-message), a scalar, optional or list field."""
    *parents, name = path.split(".")
    target = message
    for parent in parents:
        target = getattr(target, parent)
    if name not in type(target).DESCRIPTOR.fields_by_name:
        raise StepError(f"поле {path} ще не підтримується API")
    current = getattr(target, name)
    if isinstance(value, list):
        del current[:]
        current.extend(value)
    elif isinstance(value, str) and isinstance(current, int) and not isinstance(current, bool):
        setattr(target, name, int(value))  # an int field: the vocabulary reads numbers as strings
    else:
        setattr(target, name, value)


def _apply(ctx: Context, message: Any, datatable: list[list[str]], words: dict[str, Word]) -> None:
    """Every «| ознака | значення |» row onto a request message: its own (dotted) field or a fact in attributes."""
    for row in table_rows(datatable):
        label, text = row.get("ознака", ""), row.get("значення", "")
        word = word_for(ctx.reglament, label, words)
        value = _value(ctx, word, text)
        if word.own_field:
            _set_path(message, word.target, value)
        elif "attributes" in type(message).DESCRIPTOR.fields_by_name:
            message.attributes[word.target] = value if isinstance(value, str) else ("true" if value else "false")
        else:
            raise StepError(f"«{label}»: цю ознаку тут не вказують (відомі: {', '.join(words)})")


# --- checking a draft (ValidateDraft) -------------------------------------------------------------


@given(parsers.re(rf"проект вноситься на засідання виконкому {quoted('day')}"))
def _draft_meeting(ctx: Context, day: str) -> None:
    ctx.notes["draft_meeting"] = iso(day)


@given(parsers.re(rf"матеріали проекту надійшли до сектору документального забезпечення {quoted('day')}"))
def _materials(ctx: Context, day: str) -> None:
    ctx.notes["materials_submitted"] = iso(day)


@given("міський голова дозволив прийняти матеріали після строку")
def _permission(ctx: Context) -> None:
    draft_of(ctx).attributes["mayor_permission"] = "true"


@given("міський голова не дозволяв прийняти матеріали після строку")
def _no_permission(ctx: Context) -> None:
    draft_of(ctx).attributes["mayor_permission"] = "false"


@given(parsers.re(rf"вимогу пункту {quoted('clause')} виконано {quoted('day')}"))
def _fulfilled(ctx: Context, clause: str, day: str) -> None:
    ctx.notes.setdefault("fulfilled", {})[clause_id(clause)] = iso(day)


def _validated(ctx: Context, reply: approval_pb2.Validation) -> None:
    ctx.notes["satisfied"] = [r.clause for r in reply.satisfied]
    ctx.notes["item_findings"] = []
    _show(ctx, findings=reply.findings, steps=reply.steps, obligations=reply.obligations)


def _validate_draft(stubs: Stubs, ctx: Context, request: approval_pb2.ValidateDraftRequest) -> None:
    request.meeting = ctx.notes.get("draft_meeting", "")
    request.materials_submitted = ctx.notes.get("materials_submitted", "")
    request.fulfilled.update(ctx.notes.get("fulfilled", {}))
    ctx.route, ctx.document, ctx.error = None, None, None
    try:
        reply = stubs.approval.ValidateDraft(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        ctx.error = exc
        return
    _validated(ctx, reply)


@when("проект перевіряють")
def _check_draft(stubs: Stubs, ctx: Context) -> None:
    _validate_draft(stubs, ctx, approval_pb2.ValidateDraftRequest(reglament=ctx.reglament, draft=draft_of(ctx)))


@when(parsers.re(rf"проект перевіряють {quoted('day')}"))
def _check_draft_on(stubs: Stubs, ctx: Context, day: str) -> None:
    request = approval_pb2.ValidateDraftRequest(reglament=ctx.reglament, draft=draft_of(ctx), today=iso(day))
    _validate_draft(stubs, ctx, request)


def _check_stored(stubs: Stubs, ctx: Context, datatable: list[list[str]] | None) -> None:
    extra = approval_pb2.Draft()
    if datatable:
        for row in table_rows(datatable):
            word = word_for(ctx.reglament, row.get("ознака", ""), DRAFT_WORDS)
            if word.own_field:
                raise StepError(f"«{row.get('ознака')}»: ознаку поданого проекту не змінюють під час перевірки")
            value = _value(ctx, word, row.get("значення", ""))
            extra.attributes[word.target] = value if isinstance(value, str) else ("true" if value else "false")
    request = approval_pb2.ValidateDraftRequest(draft_id=_stored(ctx).draft_id, draft=extra)
    _validate_draft(stubs, ctx, request)


@when("поданий проект перевіряють")
def _check_stored_plain(stubs: Stubs, ctx: Context) -> None:
    _check_stored(stubs, ctx, None)


@when("поданий проект перевіряють з такими ознаками:")
def _check_stored_with(stubs: Stubs, ctx: Context, datatable: list[list[str]]) -> None:
    _check_stored(stubs, ctx, datatable)


# --- the visa lifecycle ---------------------------------------------------------------------------


@given("проект візують такі особи:")
def _approvers(ctx: Context, datatable: list[list[str]]) -> None:
    """Columns: «хто візує» (a role), «особа», optional «орган» (a per-body step or the step's holder)."""
    approvers = []
    for row in table_rows(datatable):
        approvers.append(
            approval_pb2.Approver(
                role=role_id(ctx.reglament, row["хто візує"]), body=row.get("орган", ""), person=row["особа"]
            )
        )
    ctx.notes["approvers"] = approvers


@given(parsers.re(rf"проект подано на візування {quoted('day')}"))
@when(parsers.re(rf"проект подають на візування {quoted('day')}"))
def _submit(stubs: Stubs, ctx: Context, day: str) -> None:
    request = approval_pb2.SubmitDraftRequest(
        request_id=uuid.uuid4().hex,
        reglament=ctx.reglament,
        draft=draft_of(ctx),
        approvers=ctx.notes.get("approvers", []),
        submitted=iso(day),
    )
    ctx.notes.pop("draft_route", None)
    ctx.error = None
    try:
        _show_route(ctx, stubs.approval.SubmitDraft(request, timeout=RPC_TIMEOUT_S))
    except grpc.RpcError as exc:
        ctx.error = exc
    ctx.notes["round"] = 1


_WHO = rf"(?:{quoted('person')} як )?{quoted('role')}(?: від органу {quoted('body')})?"
_MEDIUM = r"(?: (?P<medium>на папері|в електронному вигляді))?"


def _visa(
    stubs: Stubs,
    ctx: Context,
    role: str,
    day: str,
    decision: int,
    *,
    person: str | None = None,
    body: str | None = None,
    remarks: str = "",
    medium: str | None = None,
) -> None:
    route = _stored(ctx)
    rid = role_id(ctx.reglament, role)
    actor = person or _named(route, rid, body or "") or role
    request = approval_pb2.RecordVisaRequest(
        request_id=uuid.uuid4().hex,
        draft_id=route.draft_id,
        role=rid,
        body=body or "",
        actor=actor,
        decision=decision,  # type: ignore[arg-type]
        remarks=remarks,
        medium=MEDIA[medium] if medium else "",
        visaed_on=iso(day),
    )
    _mutate(stubs, ctx, stubs.approval.RecordVisa, request)


def _role_title(ctx: Context, role: str) -> str:
    """The role's name as the reglament writes it (who visas when the route names no person)."""
    names = roles(ctx.reglament).get(role)
    return names[0] if names else role


def _named(route: approval_pb2.DraftRoute, role: str, body: str) -> str:
    """The person the route names for the role's step (its substitute first), if any."""
    for s in route.steps:
        if s.step.role == role and (not body or body in (s.step.body, s.step.holder)):
            return s.substitute or s.approver
    return ""


@given(parsers.re(rf"{_WHO} погоджує проект{_MEDIUM} {quoted('day')}"))
@when(parsers.re(rf"{_WHO} погоджує проект{_MEDIUM} {quoted('day')}"))
def _approve(
    stubs: Stubs, ctx: Context, person: str | None, role: str, body: str | None, medium: str | None, day: str
) -> None:
    _visa(stubs, ctx, role, day, approval_pb2.VISA_DECISION_APPROVE, person=person, body=body, medium=medium)


@given(parsers.re(rf"{_WHO} погоджує проект із зауваженнями {quoted('remarks')}{_MEDIUM} {quoted('day')}"))
@when(parsers.re(rf"{_WHO} погоджує проект із зауваженнями {quoted('remarks')}{_MEDIUM} {quoted('day')}"))
def _approve_with_remarks(
    stubs: Stubs,
    ctx: Context,
    person: str | None,
    role: str,
    body: str | None,
    remarks: str,
    medium: str | None,
    day: str,
) -> None:
    decision = approval_pb2.VISA_DECISION_APPROVE_WITH_REMARKS
    _visa(stubs, ctx, role, day, decision, person=person, body=body, remarks=remarks, medium=medium)


@given(parsers.re(rf"{_WHO} не погоджує проект із зауваженнями {quoted('remarks')}{_MEDIUM} {quoted('day')}"))
@when(parsers.re(rf"{_WHO} не погоджує проект із зауваженнями {quoted('remarks')}{_MEDIUM} {quoted('day')}"))
def _reject(
    stubs: Stubs,
    ctx: Context,
    person: str | None,
    role: str,
    body: str | None,
    remarks: str,
    medium: str | None,
    day: str,
) -> None:
    decision = approval_pb2.VISA_DECISION_REJECT
    _visa(stubs, ctx, role, day, decision, person=person, body=body, remarks=remarks, medium=medium)


def _visa_all(stubs: Stubs, ctx: Context, day: str, except_role: str = "") -> None:
    """Every open step visas in turn (by its named person, else by the holder of the role), but `except_role`."""
    for _ in range(MAX_VISAS):
        route = _stored(ctx)
        ready = [s for s in route.steps if s.status == approval_pb2.STEP_STATUS_PENDING and s.step.role != except_role]
        if not ready:
            break
        step = ready[0]
        request = approval_pb2.RecordVisaRequest(
            request_id=uuid.uuid4().hex,
            draft_id=route.draft_id,
            role=step.step.role,
            body=step.step.body or step.step.holder,
            clause=step.step.clause.clause,
            actor=step.substitute or step.approver or _role_title(ctx, step.step.role),
            decision=approval_pb2.VISA_DECISION_APPROVE,
            visaed_on=iso(day),
        )
        _mutate(stubs, ctx, stubs.approval.RecordVisa, request)
        if ctx.error is not None:
            raise StepError(
                f"віза «{role_name(ctx.reglament, step.step.role)}» не прийнята: "
                f"{ctx.error.code().name}: {ctx.error.details()}"
            )
    else:
        raise StepError(f"понад {MAX_VISAS} віз і маршрут не завершено:\n{_step_listing(ctx, _stored(ctx))}")


@given(parsers.re(rf"проект погоджують усі візуючі особи {quoted('day')}"))
@when(parsers.re(rf"проект погоджують усі візуючі особи {quoted('day')}"))
def _approve_all(stubs: Stubs, ctx: Context, day: str) -> None:
    _visa_all(stubs, ctx, day)
    route = _stored(ctx)
    left = [s for s in route.steps if s.status in (approval_pb2.STEP_STATUS_PENDING, approval_pb2.STEP_STATUS_WAITING)]
    if left:
        raise StepError(f"після всіх віз лишилися невізовані кроки:\n{_step_listing(ctx, route)}")


@given(parsers.re(rf"проект погоджують усі візуючі особи, крім {quoted('role')}, {quoted('day')}"))
@when(parsers.re(rf"проект погоджують усі візуючі особи, крім {quoted('role')}, {quoted('day')}"))
def _approve_all_but(stubs: Stubs, ctx: Context, role: str, day: str) -> None:
    _visa_all(stubs, ctx, day, except_role=role_id(ctx.reglament, role))


@given(
    parsers.re(
        rf"візуючу особу {quoted('role')} {quoted('absent')} замінюють на {quoted('substitute')}, "
        r"(?P<acting>яка виконує її обов'язки|яка не виконує її обов'язків)"
    )
)
@when(
    parsers.re(
        rf"візуючу особу {quoted('role')} {quoted('absent')} замінюють на {quoted('substitute')}, "
        r"(?P<acting>яка виконує її обов'язки|яка не виконує її обов'язків)"
    )
)
def _substitute(stubs: Stubs, ctx: Context, role: str, absent: str, substitute: str, acting: str) -> None:
    route = _stored(ctx)
    request = approval_pb2.SubstituteApproverRequest(
        request_id=uuid.uuid4().hex,
        draft_id=route.draft_id,
        substitution=approval_pb2.Substitution(
            role=role_id(ctx.reglament, role),
            absent=absent,
            substitute=substitute,
            acting=acting == "яка виконує її обов'язки",
        ),
    )
    _mutate(stubs, ctx, stubs.approval.SubstituteApprover, request)


def _change(stubs: Stubs, ctx: Context, kind: int, day: str, reason: str, **fields: str) -> None:
    route = _stored(ctx)
    request = approval_pb2.ChangeDraftRequest(
        request_id=uuid.uuid4().hex,
        draft_id=route.draft_id,
        kind=kind,  # type: ignore[arg-type]
        reason=reason,
        changed_on=iso(day),
        **fields,
    )
    _mutate(stubs, ctx, stubs.approval.ChangeDraft, request)


@given(parsers.re(rf"до проекту вносять істотні зміни {quoted('day')}"))
@when(parsers.re(rf"до проекту вносять істотні зміни {quoted('day')}"))
def _substantive(stubs: Stubs, ctx: Context, day: str) -> None:
    _change(stubs, ctx, approval_pb2.CHANGE_KIND_SUBSTANTIVE, day, SUBSTANTIVE_REASON)


@given(parsers.re(rf"розробник виправляє проект після відмови в погодженні {quoted('day')}"))
@when(parsers.re(rf"розробник виправляє проект після відмови в погодженні {quoted('day')}"))
def _minor(stubs: Stubs, ctx: Context, day: str) -> None:
    _change(stubs, ctx, approval_pb2.CHANGE_KIND_MINOR, day, MINOR_REASON)


@given(parsers.re(rf"проект змінюють на засіданні виконкому {quoted('day')} за пропозицією {quoted('proposer')}"))
@when(parsers.re(rf"проект змінюють на засіданні виконкому {quoted('day')} за пропозицією {quoted('proposer')}"))
def _at_meeting(stubs: Stubs, ctx: Context, day: str, proposer: str) -> None:
    _change(
        stubs, ctx, approval_pb2.CHANGE_KIND_AT_MEETING, day, AT_MEETING_REASON, proposer=proposer, meeting=iso(day)
    )


@given(
    parsers.re(
        rf"{quoted('role')}(?P<chaired>, який виконував повноваження міського голови і головував на засіданні,)? "
        rf"підписує проект {quoted('day')}"
    )
)
@when(
    parsers.re(
        rf"{quoted('role')}(?P<chaired>, який виконував повноваження міського голови і головував на засіданні,)? "
        rf"підписує проект {quoted('day')}"
    )
)
def _sign(stubs: Stubs, ctx: Context, role: str, chaired: str | None, day: str) -> None:
    route = _stored(ctx)
    request = approval_pb2.SignDraftRequest(
        request_id=uuid.uuid4().hex,
        draft_id=route.draft_id,
        signed_by=role_id(ctx.reglament, role),
        signer=role,
        signer_chaired=bool(chaired),
        signed=iso(day),
    )
    _mutate(stubs, ctx, stubs.approval.SignDraft, request)


@given(parsers.re(rf"маршрут візування проекту переглядають {quoted('day')}"))
@when(parsers.re(rf"маршрут візування проекту переглядають {quoted('day')}"))
def _look(stubs: Stubs, ctx: Context, day: str) -> None:
    """The stored draft as it stands on that day (a visa deemed given by silence depends on the day)."""
    ctx.error = None
    _refresh(stubs, ctx, iso(day))


@then(parsers.re(rf"проект (?P<stage>{'|'.join(STAGES)})"))
def _stage(ctx: Context, stage: str) -> None:
    """The stored draft as it stands (also after a refusal, which re-reads it)."""
    route = _stored(ctx)
    if route.stage != STAGES[stage]:
        shown = _STAGE_NAMES.get(route.stage, str(route.stage))
        refusal = f" (система відмовила: {ctx.error.details()})" if ctx.error is not None else ""
        raise StepError(f"проект {shown}, а не «{stage}»{refusal}:\n{_step_listing(ctx, route)}")


def _step_of(ctx: Context, route: approval_pb2.DraftRoute, role: str, body: str = "") -> approval_pb2.StepState:
    rid = role_id(ctx.reglament, role)
    found = [
        s
        for s in route.steps
        if s.step.role == rid and (not body or normalize_words(body) == normalize_words(s.step.body))
    ]
    if not found:
        raise StepError(f"у маршруті немає візи «{role}»:\n{_step_listing(ctx, route)}")
    if len(found) > 1:
        raise StepError(f"«{role}» візує кілька разів; назвіть орган:\n{_step_listing(ctx, route)}")
    return found[0]


def _expect_state(ctx: Context, step: approval_pb2.StepState, state: str, role: str) -> None:
    wanted = STEP_STATES.get(normalize_words(state))
    if wanted is None:
        raise StepError(f"«{state}»: один зі станів {', '.join('«' + s + '»' for s in STEP_STATES)}")
    if step.status != wanted:
        shown = _STEP_STATE_NAMES.get(step.status, str(step.status))
        raise StepError(f"віза «{role}»: {shown}, а не «{state}»:\n{_step_listing(ctx, _stored(ctx))}")


@then(parsers.re(rf"віза {quoted('role')} має стан {quoted('state')}"))
def _visa_state(ctx: Context, role: str, state: str) -> None:
    route = _stored(ctx)
    _expect_state(ctx, _step_of(ctx, route, role), state, role)


@then("стан віз такий:")
def _visa_states(ctx: Context, datatable: list[list[str]]) -> None:
    """Columns: «хто візує», «стан», optional «орган» and «хто візував» (the person who put the visa)."""
    route = _stored(ctx)
    for row in table_rows(datatable):
        step = _step_of(ctx, route, row["хто візує"], row.get("орган", ""))
        _expect_state(ctx, step, row["стан"], row["хто візує"])
        if row.get("хто візував") and normalize_words(step.visaed_by) != normalize_words(row["хто візував"]):
            raise StepError(f"візу «{row['хто візує']}» поставив «{step.visaed_by}», а не «{row['хто візував']}»")


@then(parsers.re(rf"починається нове коло візування за пунктом {quoted('clause')}"))
def _new_round(ctx: Context, clause: str) -> None:
    _refused(ctx, "нове коло візування")
    route = _stored(ctx)
    before = int(ctx.notes.get("round", 1))
    if route.round <= before:
        raise StepError(f"коло візування {route.round} — те саме, що й до змін ({before})")
    if route.round_clause.clause != clause_id(clause):
        raise StepError(f"нове коло відкрито за пунктом {route.round_clause.clause or '(без пункту)'}, а не {clause}")


@then("жодна віза попереднього кола не зараховується")
def _no_old_visas(ctx: Context) -> None:
    route = _stored(ctx)
    if route.visas or any(s.visaed_by for s in route.steps):
        raise StepError(f"у новому колі вже зараховано візи:\n{_step_listing(ctx, route)}")


@then(
    parsers.re(rf"заміну зареєстровано (?P<phase>перед погодженням|під час погодження) за пунктом {quoted('clause')}")
)
def _substituted(ctx: Context, phase: str, clause: str) -> None:
    _refused(ctx, "заміна візуючої особи")
    route = _stored(ctx)
    if not route.substitutions:
        raise StepError("заміни візуючої особи немає")
    last = route.substitutions[-1]
    wanted = "before" if phase == "перед погодженням" else "during"
    if last.phase != wanted:
        raise StepError(
            f"заміна зареєстрована {'перед погодженням' if last.phase == 'before' else 'під час погодження'}"
        )
    if last.clause.clause != clause_id(clause) or not last.clause.quote:
        raise StepError(f"заміна обґрунтована пунктом {last.clause.clause}, а не {clause}")


# --- meetings (ValidateMeeting, RecordMeeting) ----------------------------------------------------


def _meeting(ctx: Context) -> approval_pb2.Meeting:
    meeting = ctx.notes.get("meeting")
    if meeting is None:
        raise StepError("спершу опишіть засідання: «Дано засідання виконавчого комітету «19.03.2026»»")
    found: approval_pb2.Meeting = meeting
    return found


@given(parsers.re(rf"(?P<kind>{'|'.join(sorted(MEETING_KINDS, key=len, reverse=True))}) {quoted('day')}"))
def _meeting_of(ctx: Context, kind: str, day: str) -> None:
    ctx.notes["meeting"] = approval_pb2.Meeting(body=MEETING_KINDS[kind], date=iso(day))


@given(parsers.re(rf"опитування членів виконавчого комітету між засіданнями {quoted('day')}"))
def _poll(ctx: Context, day: str) -> None:
    ctx.notes["meeting"] = approval_pb2.Meeting(body="executive_committee", date=iso(day), poll=approval_pb2.Poll())


def _count(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise StepError(f"«{text}»: очікується ціле число") from None


@given(parsers.re(rf"загальний склад виконавчого комітету — {quoted('count')} членів"))
def _members_total(ctx: Context, count: str) -> None:
    _meeting(ctx).members_total = _count(count)


@given(parsers.re(rf"на засіданні присутні {quoted('count')} членів"))
def _present(ctx: Context, count: str) -> None:
    _meeting(ctx).present = _count(count)


_WHAT = r"(?:засідання|нарада|урочистий захід|опитування)"
"""How a scenario names the meeting it describes (a meeting, a narada, a ceremony, a poll)."""
_WHAT_CHECKED = r"(?:засідання|нараду|урочистий захід|опитування)"


@given(parsers.re(rf"{_WHAT} має такі ознаки:"))
def _meeting_facts(ctx: Context, datatable: list[list[str]]) -> None:
    _apply(ctx, _meeting(ctx), datatable, MEETING_WORDS)


def _item(ctx: Context, title: str, draft_id: str, datatable: list[list[str]]) -> None:
    item = approval_pb2.AgendaItem(title=title, draft_id=draft_id)
    _apply(ctx, item, datatable, ITEM_WORDS)
    _meeting(ctx).items.append(item)


@given(parsers.re(rf"(?:на засіданні|в опитуванні) розглянуто питання {quoted('title')}:"))
def _agenda_item(ctx: Context, title: str, datatable: list[list[str]]) -> None:
    _item(ctx, title, "", datatable)


@given(parsers.re(r"(?:на засіданні|в опитуванні) розглянуто поданий проект:"))
def _agenda_draft(ctx: Context, datatable: list[list[str]]) -> None:
    route = _stored(ctx)
    _item(ctx, route.draft.title, route.draft_id, datatable)


def _item_index(ctx: Context, title: str) -> int:
    for i, item in enumerate(_meeting(ctx).items, start=1):
        if normalize_words(item.title) == normalize_words(title):
            return i
    raise StepError(f"питання «{title}» на засіданні не розглядалося (спершу «І на засіданні розглянуто питання …»)")


@given(parsers.re(rf"на засіданні заявлено про конфлікт інтересів члена виконкому {quoted('member')}:"))
def _declaration(ctx: Context, member: str, datatable: list[list[str]]) -> None:
    declaration = approval_pb2.Declaration(member=member)
    for row in table_rows(datatable):
        word = word_for(ctx.reglament, row.get("ознака", ""), DECLARATION_WORDS)
        text = row.get("значення", "")
        if word.target == "item":
            declaration.item = _item_index(ctx, text)
        else:
            _set_path(declaration, word.target, _value(ctx, word, text))
    _meeting(ctx).declarations.append(declaration)


@given(parsers.re(rf"{quoted('person')} надсилає повідомлення про участь у засіданні:"))
def _notice(ctx: Context, person: str, datatable: list[list[str]]) -> None:
    notice = approval_pb2.ParticipationNotice(person=person)
    _apply(ctx, notice, datatable, NOTICE_WORDS)
    _meeting(ctx).notices.append(notice)


def _meeting_today(ctx: Context, day: str | None) -> str:
    meeting = _meeting(ctx)
    meeting.fulfilled.update(ctx.notes.get("fulfilled", {}))
    return iso(day) if day else meeting.date


def _meeting_checked(ctx: Context, validation: approval_pb2.MeetingValidation) -> None:
    ctx.notes["quorum"] = validation.quorum
    ctx.notes["satisfied"] = [r.clause for r in validation.satisfied]
    ctx.notes["item_findings"] = [(f.index, f.finding) for f in validation.findings if f.part == "item"]
    _show(ctx, findings=[f.finding for f in validation.findings], obligations=validation.obligations)


def _validate_meeting(stubs: Stubs, ctx: Context, day: str | None) -> None:
    today = _meeting_today(ctx, day)
    request = approval_pb2.ValidateMeetingRequest(reglament=ctx.reglament, meeting=_meeting(ctx), today=today)
    ctx.route, ctx.document, ctx.error = None, None, None
    try:
        validation = stubs.approval.ValidateMeeting(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        ctx.error = exc
        return
    _meeting_checked(ctx, validation)


@when(parsers.re(rf"{_WHAT_CHECKED} перевіряють"))
def _check_meeting(stubs: Stubs, ctx: Context) -> None:
    _validate_meeting(stubs, ctx, None)


@when(parsers.re(rf"{_WHAT_CHECKED} перевіряють {quoted('day')}"))
def _check_meeting_on(stubs: Stubs, ctx: Context, day: str) -> None:
    _validate_meeting(stubs, ctx, day)


@given("результати засідання вносять до системи")
@when("результати засідання вносять до системи")
def _record_meeting(stubs: Stubs, ctx: Context) -> None:
    today = _meeting_today(ctx, None)
    request = approval_pb2.RecordMeetingRequest(
        request_id=uuid.uuid4().hex, reglament=ctx.reglament, meeting=_meeting(ctx), today=today
    )
    ctx.route, ctx.document, ctx.error = None, None, None
    try:
        record = stubs.approval.RecordMeeting(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        ctx.error = exc
        return
    ctx.notes["outcomes"] = list(record.outcomes)
    validation = record.validation
    linked = "draft_route" in ctx.notes and any(o.draft_id == _stored(ctx).draft_id for o in record.outcomes)
    if linked:  # the linked draft as the meeting left it: its new round and its obligations
        ctx.notes["round"] = _stored(ctx).round
        _refresh(stubs, ctx, today)
    _meeting_checked(ctx, validation)
    if linked:
        route = _stored(ctx)
        _show(
            ctx,
            findings=[f.finding for f in validation.findings],
            steps=[s.step for s in route.steps],
            obligations=[*validation.obligations, *route.obligations],
        )


@then(parsers.re(r"засідання (?P<state>правомочне|неправомочне)"))
def _quorum(ctx: Context, state: str) -> None:
    _refused(ctx, "правомочність засідання")
    if "quorum" not in ctx.notes:
        raise StepError("спершу перевірте засідання: «Коли засідання перевіряють»")
    if bool(ctx.notes["quorum"]) != (state == "правомочне"):
        raise StepError(f"засідання {'правомочне' if ctx.notes['quorum'] else 'неправомочне'}, а не {state}")


@then(parsers.re(rf"вимогу пункту {quoted('clause')} дотримано"))
def _satisfied(ctx: Context, clause: str) -> None:
    _refused(ctx, "перевірка")
    cid = clause_id(clause)
    met: list[str] = ctx.notes.get("satisfied", [])
    if cid not in met:
        route = ctx.answer("перевірка", ctx.route)
        found = "\n".join(
            f"  {_SEVERITY_NAMES.get(f.severity, f.severity)} {f.clause.clause}: {f.message}" for f in route.findings
        )
        raise StepError(
            f"вимогу пункту {cid} не визнано дотриманою; дотримано: {', '.join(met) or '(нічого)'}\n{found}"
        )


def _item_listing(findings: list[tuple[int, Any]]) -> str:
    return (
        "\n".join(
            f"  питання {i}: {_SEVERITY_NAMES.get(f.severity, f.severity)} {f.clause.clause}: {f.message}"
            for i, f in findings
        )
        or "  (жодного)"
    )


@then(
    parsers.re(
        rf"щодо питання {quoted('title')} є (?P<severity>порушення|попередження|інформація) за пунктом "
        rf"{quoted('clause')}: {quoted('words')}"
    )
)
def _item_finding(ctx: Context, title: str, severity: str, clause: str, words: str) -> None:
    _refused(ctx, "перевірка засідання")
    index, cid = _item_index(ctx, title), clause_id(clause)
    findings: list[tuple[int, Any]] = ctx.notes.get("item_findings", [])
    found = [f for i, f in findings if i == index and f.clause.clause == cid and f.severity == SEVERITIES[severity]]
    if not found:
        raise StepError(f"щодо питання «{title}» немає «{severity}» за пунктом {cid}; є:\n{_item_listing(findings)}")
    if not any(normalize_words(words) in normalize_words(f.message) for f in found):
        raise StepError(f"у зауваженні за пунктом {cid} немає «{words}»:\n{_item_listing(findings)}")
    if not all(f.clause.quote for f in found):
        raise StepError(f"зауваження за пунктом {cid} не цитує текст пункту")


@then(parsers.re(rf"щодо питання {quoted('title')} немає зауважень за пунктом {quoted('clause')}"))
def _item_clean(ctx: Context, title: str, clause: str) -> None:
    _refused(ctx, "перевірка засідання")
    index, cid = _item_index(ctx, title), clause_id(clause)
    findings: list[tuple[int, Any]] = ctx.notes.get("item_findings", [])
    if any(i == index and f.clause.clause == cid for i, f in findings):
        raise StepError(f"щодо питання «{title}» є зауваження за пунктом {cid}:\n{_item_listing(findings)}")


def _outcome(ctx: Context) -> approval_pb2.ItemOutcome:
    _refused(ctx, "результат засідання")
    route = _stored(ctx)
    outcomes: list[approval_pb2.ItemOutcome] = ctx.notes.get("outcomes", [])
    found = [o for o in outcomes if o.draft_id == route.draft_id]
    if not found:
        raise StepError("поданий проект на засіданні не розглядався («І на засіданні розглянуто поданий проект:»)")
    return found[0]


@then(parsers.re(rf"результат розгляду проекту на засіданні — {quoted('outcome')}"))
def _outcome_is(ctx: Context, outcome: str) -> None:
    wanted = OUTCOMES.get(normalize_words(outcome))
    if wanted is None:
        raise StepError(f"«{outcome}»: один з результатів {', '.join('«' + o + '»' for o in OUTCOMES)}")
    got = _outcome(ctx)
    if got.outcome != wanted:
        names = {v: k for k, v in OUTCOMES.items()}
        why = f" ({got.reason})" if got.reason else ""
        raise StepError(f"результат — «{names.get(got.outcome, got.outcome)}», а не «{outcome}»{why}")


@then(parsers.re(rf"результат не враховано через пункт {quoted('clause')}"))
def _outcome_blocked(ctx: Context, clause: str) -> None:
    got = _outcome(ctx)
    cid = clause_id(clause)
    if got.outcome != "unchanged":
        raise StepError(f"результат враховано: {got.outcome}")
    if got.clause.clause != cid or cid not in got.reason:
        raise StepError(f"результат не враховано через {got.clause.clause or '(без пункту)'}: {got.reason}")


# --- a term that ends on a day or at a moment --------------------------------------------------------


def _moment(value: str) -> dt.date | dt.datetime:
    moment = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    if isinstance(moment, dt.datetime):
        return moment.replace(tzinfo=None)
    return moment


@then(parsers.re(rf"строк за пунктом {quoted('clause')} спливає {quoted('moment')}"))
def _term_ends(ctx: Context, clause: str, moment: str) -> None:
    _refused(ctx, "строк")
    cid, wanted = clause_id(clause), parse_day(moment)
    obligations: list[common_pb2.Obligation] = ctx.notes.get("obligations", [])
    of_clause = [o for o in obligations if o.clause.clause == cid]
    if not of_clause:
        shown = "\n".join(f"  {o.clause.clause}: {show_date(o.due)}" for o in obligations) or "  (жодного)"
        raise StepError(f"строку за пунктом {cid} немає; є:\n{shown}")
    matching = [o for o in of_clause if _moment(o.due) == wanted]
    if not matching:
        shown = ", ".join(show_date(o.due) for o in of_clause)
        explanation = "\n".join(of_clause[0].explanation)
        raise StepError(f"строк за пунктом {cid} спливає {shown}, а не {moment}:\n{explanation}")
    ctx.notes["obligation"] = matching[0]  # «І виконати його має …» (documents.py) reads it


@then(parsers.re(rf"обов'язок за пунктом {quoted('clause')} виконано з запізненням"))
def _late(ctx: Context, clause: str) -> None:
    """The term was met after its due date (the obligation is violated)."""
    _refused(ctx, "строк")
    cid = clause_id(clause)
    obligations: list[common_pb2.Obligation] = ctx.notes.get("obligations", [])
    of_clause = [o for o in obligations if o.clause.clause == cid]
    if not of_clause:
        raise StepError(f"обов'язку за пунктом {cid} немає")
    on_time = [o for o in of_clause if o.status != common_pb2.OBLIGATION_STATUS_VIOLATED]
    if on_time:
        shown = ", ".join(f"{show_date(o.due)}: {_OBLIGATION_STATE_NAMES.get(o.status, o.status)}" for o in on_time)
        raise StepError(f"обов'язок за пунктом {cid} не порушено: {shown}")


@then(parsers.re(rf"вимогу пункту {quoted('clause')} не дотримано"))
def _not_satisfied(ctx: Context, clause: str) -> None:
    """The last check found a violation of the clause (and so did not count it as met)."""
    _refused(ctx, "перевірка")
    cid = clause_id(clause)
    route = ctx.answer("перевірка", ctx.route)
    violations = [f for f in route.findings if f.clause.clause == cid and f.severity == common_pb2.SEVERITY_VIOLATION]
    if not violations or cid in ctx.notes.get("satisfied", []):
        found = "\n".join(
            f"  {_SEVERITY_NAMES.get(f.severity, f.severity)} {f.clause.clause}: {f.message}" for f in route.findings
        )
        raise StepError(f"порушення пункту {cid} не виявлено; зауваження:\n{found or '  (жодного)'}")


_OBLIGATION_STATE_NAMES = {
    common_pb2.OBLIGATION_STATUS_PENDING: "очікує виконання",
    common_pb2.OBLIGATION_STATUS_DUE_SOON: "строк спливає",
    common_pb2.OBLIGATION_STATUS_FULFILLED: "виконано",
    common_pb2.OBLIGATION_STATUS_VIOLATED: "виконано з запізненням",
    common_pb2.OBLIGATION_STATUS_WAIVED: "скасовано",
}


@then(
    parsers.re(
        rf"обов'язок за пунктом {quoted('clause')} зі строком {quoted('moment')} "
        r"(?P<state>виконано|виконано з запізненням)"
    )
)
def _term_met(ctx: Context, clause: str, moment: str, state: str) -> None:
    """One term of a clause that has several (e.g. two variants): met in time, or late."""
    _refused(ctx, "строк")
    cid, wanted = clause_id(clause), parse_day(moment)
    obligations: list[common_pb2.Obligation] = ctx.notes.get("obligations", [])
    found = [o for o in obligations if o.clause.clause == cid and _moment(o.due) == wanted]
    if not found:
        shown = ", ".join(show_date(o.due) for o in obligations if o.clause.clause == cid) or "(жодного)"
        raise StepError(f"обов'язку за пунктом {cid} зі строком {moment} немає; строки пункту: {shown}")
    status = common_pb2.OBLIGATION_STATUS_FULFILLED if state == "виконано" else common_pb2.OBLIGATION_STATUS_VIOLATED
    wrong = [o for o in found if o.status != status]
    if wrong:
        shown = ", ".join(_OBLIGATION_STATE_NAMES.get(o.status, str(o.status)) for o in wrong)
        raise StepError(f"обов'язок за пунктом {cid} зі строком {moment}: {shown}, а не «{state}»")


@then(parsers.re(rf"немає обов'язку за пунктом {quoted('clause')} зі строком {quoted('moment')}"))
def _no_term(ctx: Context, clause: str, moment: str) -> None:
    """No term of the clause ends on that day or at that moment (another variant applies instead)."""
    _refused(ctx, "строк")
    cid, wanted = clause_id(clause), parse_day(moment)
    obligations: list[common_pb2.Obligation] = ctx.notes.get("obligations", [])
    if any(o.clause.clause == cid and _moment(o.due) == wanted for o in obligations):
        shown = ", ".join(show_date(o.due) for o in obligations if o.clause.clause == cid)
        raise StepError(f"обов'язок за пунктом {cid} зі строком {moment} є, а не мав би бути; строки пункту: {shown}")
