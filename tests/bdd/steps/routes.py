"""Steps about the visa route of a draft decision or order: `Approval.PlanRoute`.

    Дано проект рішення виконавчого комітету «Про затвердження кошторису …»
    І проект підготував «Департамент освіти»
    І питання належить до компетенції департаменту фінансів
    Коли складають маршрут візування
    Тоді проект візує «директор департаменту фінансів міської ради» за пунктом «r6-s4-p5.4»
    І «керуючий справами виконкому» візує останнім
"""

from __future__ import annotations

import grpc
from pytest_bdd import given, parsers, then, when

from reglament.v1 import approval_pb2, common_pb2
from tests.bdd.steps.common import (
    Context,
    StepError,
    clause_id,
    list_values,
    normalize_words,
    quoted,
    role_id,
    role_name,
    table_rows,
)
from tests.bdd.steps.vocabulary import DRAFT_WORDS, apply_words
from tests.conftest import Stubs

RPC_TIMEOUT_S = 10

DRAFT_KINDS = {
    "проект рішення виконавчого комітету": "decision",
    "проект розпорядження міського голови": "order",
}
SEVERITIES = {
    "порушення": common_pb2.SEVERITY_VIOLATION,
    "попередження": common_pb2.SEVERITY_WARNING,
    "інформація": common_pb2.SEVERITY_INFO,
}


def draft_of(ctx: Context) -> approval_pb2.Draft:
    if ctx.draft is None:
        raise StepError("спершу опишіть проект: «Дано проект рішення виконавчого комітету «…»»")
    draft: approval_pb2.Draft = ctx.draft
    return draft


@given(parsers.re(rf"(?P<kind>{'|'.join(DRAFT_KINDS)}) {quoted('title')}"))
def _draft(ctx: Context, kind: str, title: str) -> None:
    ctx.draft = approval_pb2.Draft(kind=DRAFT_KINDS[kind], title=title)


@given(parsers.re(rf"проект підготував {quoted('body')}"))
def _preparing_body(ctx: Context, body: str) -> None:
    draft_of(ctx).preparing_body = body


@given("питання належить до компетенції департаменту фінансів")
def _finance(ctx: Context) -> None:
    draft_of(ctx).finance_competence = True


@given("проект виноситься на розгляд сесії міської ради")
def _to_council(ctx: Context) -> None:
    draft_of(ctx).to_council = True


@given("проект має гриф обмеження допуску")
def _restricted(ctx: Context) -> None:
    draft_of(ctx).restricted = True


@given(parsers.re(r"проектом передбачено пункти на виконання для: (?P<bodies>.+)"))
def _task_bodies(ctx: Context, bodies: str) -> None:
    draft = draft_of(ctx)
    del draft.task_bodies[:]
    draft.task_bodies.extend(list_values(bodies))


@given("проект має такі ознаки:")
def _facts(ctx: Context, datatable: list[list[str]]) -> None:
    rows = table_rows(datatable)
    apply_words(ctx.reglament, draft_of(ctx), [(r.get("ознака", ""), r.get("значення", "")) for r in rows], DRAFT_WORDS)


@when("складають маршрут візування")
def _plan(stubs: Stubs, ctx: Context) -> None:
    ctx.route, ctx.error = None, None
    try:
        ctx.route = stubs.approval.PlanRoute(
            approval_pb2.PlanRouteRequest(reglament=ctx.reglament, draft=draft_of(ctx)), timeout=RPC_TIMEOUT_S
        )
    except grpc.RpcError as exc:
        ctx.error = exc


def _route(ctx: Context) -> approval_pb2.PlanRouteResponse:
    route: approval_pb2.PlanRouteResponse = ctx.answer("маршрут", ctx.route)
    return route


def _listing(ctx: Context, route: approval_pb2.PlanRouteResponse) -> str:
    lines = [
        f"  {s.order}. {role_name(ctx.reglament, s.role)}{' — ' + s.body if s.body else ''} ({s.clause.clause})"
        for s in route.steps
    ]
    return "\n".join(lines) or "  (жодної візи)"


@then("маршрут візування такий:")
def _route_table(ctx: Context, datatable: list[list[str]]) -> None:
    """Columns: «черга», «хто візує», «пункт», optional «орган»; the whole route, in its order."""
    route = _route(ctx)
    rows = table_rows(datatable)
    if len(rows) != len(route.steps):
        raise StepError(f"у маршруті {len(route.steps)} віз, а в таблиці {len(rows)}:\n{_listing(ctx, route)}")
    for number, (row, step) in enumerate(zip(rows, route.steps, strict=True), start=1):
        wanted_role = role_id(ctx.reglament, row["хто візує"])
        problems = []
        if row.get("черга") and int(row["черга"]) != step.order:
            problems.append(f"черга {step.order}, а не {row['черга']}")
        if step.role != wanted_role:
            problems.append(f"візує {role_name(ctx.reglament, step.role)}, а не {row['хто візує']}")
        if row.get("пункт") and step.clause.clause != clause_id(row["пункт"]):
            problems.append(f"за пунктом {step.clause.clause}, а не {row['пункт']}")
        if "орган" in row and normalize_words(row["орган"]) != normalize_words(step.body):
            problems.append(f"орган «{step.body}», а не «{row['орган']}»")
        if problems:
            raise StepError(f"віза {number}: {'; '.join(problems)}; маршрут:\n{_listing(ctx, route)}")


@then(parsers.re(rf"проект візує {quoted('role')} за пунктом {quoted('clause')}"))
def _visas(ctx: Context, role: str, clause: str) -> None:
    route = _route(ctx)
    rid, cid = role_id(ctx.reglament, role), clause_id(clause)
    if not any(s.role == rid and s.clause.clause == cid for s in route.steps):
        raise StepError(f"у маршруті немає візи «{role}» за пунктом {cid}:\n{_listing(ctx, route)}")


@then(parsers.re(rf"проект візує {quoted('role')} від органу {quoted('body')}"))
def _visas_for_body(ctx: Context, role: str, body: str) -> None:
    route = _route(ctx)
    rid = role_id(ctx.reglament, role)
    if not any(s.role == rid and normalize_words(s.body) == normalize_words(body) for s in route.steps):
        raise StepError(f"у маршруті немає візи «{role}» від «{body}»:\n{_listing(ctx, route)}")


@then(parsers.re(rf"проект не візує {quoted('role')}"))
def _no_visa(ctx: Context, role: str) -> None:
    route = _route(ctx)
    rid = role_id(ctx.reglament, role)
    if any(s.role == rid for s in route.steps):
        raise StepError(f"у маршруті є віза «{role}», а не мало б бути:\n{_listing(ctx, route)}")


@then(parsers.re(rf"{quoted('role')} візує останнім"))
def _last(ctx: Context, role: str) -> None:
    route = _route(ctx)
    rid = role_id(ctx.reglament, role)
    own = [s.order for s in route.steps if s.role == rid]
    others = [s.order for s in route.steps if s.role != rid]
    if not own:
        raise StepError(f"у маршруті немає візи «{role}»:\n{_listing(ctx, route)}")
    if others and min(own) <= max(others):
        raise StepError(f"«{role}» візує не останнім:\n{_listing(ctx, route)}")


@then(parsers.re(rf"{quoted('role')} візує після віз за пунктами: (?P<clauses>.+)"))
def _after(ctx: Context, role: str, clauses: str) -> None:
    route = _route(ctx)
    rid = role_id(ctx.reglament, role)
    steps = [s for s in route.steps if s.role == rid]
    if not steps:
        raise StepError(f"у маршруті немає візи «{role}»:\n{_listing(ctx, route)}")
    wanted = {clause_id(c) for c in list_values(clauses)}
    after = set(steps[0].after)
    if not wanted <= after:
        raise StepError(f"«{role}» візує після {sorted(after)}; бракує {sorted(wanted - after)}")


@then(parsers.re(rf"усі візи ставляться лише на папері за пунктом {quoted('clause')}"))
def _paper(ctx: Context, clause: str) -> None:
    route = _route(ctx)
    if not route.paper_only:
        raise StepError("маршрут не лише паперовий")
    if route.paper_only_clause.clause != clause_id(clause):
        raise StepError(f"паперове візування обґрунтовано пунктом {route.paper_only_clause.clause}, а не {clause}")
    if not all(s.paper_only for s in route.steps):
        raise StepError("не кожна віза маршруту позначена як паперова")


@then("візи ставляться в електронному вигляді")
def _electronic(ctx: Context) -> None:
    route = _route(ctx)
    if route.paper_only or any(s.paper_only for s in route.steps):
        raise StepError(f"маршрут паперовий (пункт {route.paper_only_clause.clause})")


def _findings_listing(route: approval_pb2.PlanRouteResponse) -> str:
    names = {v: k for k, v in SEVERITIES.items()}
    return "\n".join(
        f"  {names.get(f.severity, f.severity)} {f.clause.clause}: {f.message}" for f in route.findings
    ) or "  (жодного)"


@then("зауважень немає")
def _no_findings(ctx: Context) -> None:
    route = _route(ctx)
    if route.findings:
        raise StepError(f"є зауваження:\n{_findings_listing(route)}")


FINDING_STEP = rf"є (?P<severity>порушення|попередження|інформація) за пунктом {quoted('clause')}: {quoted('words')}"


@then(parsers.re(FINDING_STEP))
def _finding(ctx: Context, severity: str, clause: str, words: str) -> None:
    route = _route(ctx)
    cid = clause_id(clause)
    found = [f for f in route.findings if f.clause.clause == cid and f.severity == SEVERITIES[severity]]
    if not found:
        raise StepError(f"немає зауваження «{severity}» за пунктом {cid}; є:\n{_findings_listing(route)}")
    if not any(normalize_words(words) in normalize_words(f.message) for f in found):
        raise StepError(f"у зауваженні за пунктом {cid} немає «{words}»:\n{_findings_listing(route)}")
    if not all(f.clause.quote for f in found):
        raise StepError(f"зауваження за пунктом {cid} не цитує текст пункту")


@then(parsers.re(rf"немає зауважень за пунктом {quoted('clause')}"))
def _no_finding(ctx: Context, clause: str) -> None:
    route = _route(ctx)
    cid = clause_id(clause)
    if any(f.clause.clause == cid for f in route.findings):
        raise StepError(f"є зауваження за пунктом {cid}:\n{_findings_listing(route)}")
