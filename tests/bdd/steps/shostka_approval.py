"""Steps for what Shostka's reglament adds to the approval of drafts and to meetings: interested units and
the developer's term of approval (their silence counts as approval, r6-s2-p2.6), the legal head's visa on
the paper copy, materials at the general department, the mayor's permission to put a late question on the
agenda, and the monthly frequency of meetings.

Everything else — submitting a draft, visas, substitutions, changes, signature, meetings and their
checks — is said with the general approval steps (vinnytsia_approval.py, routes.py, documents.py,
refusals.py); these steps work on the same stored draft and meeting and show their answers the same way.

Given:
    І проект погоджується із зацікавленими структурними підрозділами: «Управління освіти», «Відділ культури»
    І головний розробник визначив строк погодження до «13.03.2026»
    І матеріали проекту надійшли до загального відділу «16.03.2026»
    І міський голова дозволив внести питання до порядку денного  (or: не дозволяв вносити питання …)
    І попереднє засідання виконавчого комітету відбулося «26.02.2026»
When:
    Коли керівник зацікавленого підрозділу «Управління освіти» погоджує проект «06.03.2026»
    Коли головний розробник перевіряє стан погодження «16.03.2026»
    Коли юридичний відділ перевіряє поданий проект «16.03.2026»
    Коли нараду перевіряють
Then:
    Тоді керівник зацікавленого підрозділу «Управління освіти» вважається таким, що погодив проект без
        зауважень, за пунктом «r6-s2-p2.6»
    Тоді «начальник юридичного відділу міської ради» візує лише паперовий примірник за пунктом «r6-s2-p2.5»
"""

from __future__ import annotations

import datetime as dt
import uuid

from pytest_bdd import given, parsers, then, when

from reglament.v1 import approval_pb2
from tests.bdd.steps import vinnytsia_approval as general
from tests.bdd.steps.common import (
    Context,
    StepError,
    clause_id,
    iso,
    list_values,
    normalize_words,
    parse_day,
    quoted,
    role_id,
)
from tests.bdd.steps.routes import draft_of
from tests.conftest import Stubs

INTERESTED_UNIT = "interested_unit"
"""The role of a per-unit visa (r6-s2-p2.1): one step per interested unit, held by the unit's head."""
MATERIALS_SUBMITTED = "materials_submitted"
"""The day the materials reached the records office, as the general draft check reads it from ctx.notes."""


def _unit_steps(ctx: Context, route: approval_pb2.DraftRoute, unit: str) -> list[approval_pb2.StepState]:
    wanted = normalize_words(unit)
    found = [s for s in route.steps if s.step.role == INTERESTED_UNIT and normalize_words(s.step.body) == wanted]
    if not found:
        raise StepError(f"проект не погоджується з «{unit}»:\n{general._step_listing(ctx, route)}")
    return found


# --- the draft -------------------------------------------------------------------------------------


@given(parsers.re(r"проект погоджується із зацікавленими структурними підрозділами: (?P<units>.+)"))
def _interested_units(ctx: Context, units: str) -> None:
    draft_of(ctx).attributes["interested_units"] = ";".join(list_values(units))


@given(parsers.re(rf"головний розробник визначив строк погодження до {quoted('day')}"))
def _approval_term(ctx: Context, day: str) -> None:
    draft_of(ctx).attributes["approval_term"] = iso(day)


@given(parsers.re(rf"матеріали проекту надійшли до загального відділу {quoted('day')}"))
def _materials(ctx: Context, day: str) -> None:
    ctx.notes[MATERIALS_SUBMITTED] = iso(day)


@given(parsers.re(r"міський голова (?P<answer>дозволив внести|не дозволяв вносити) питання до порядку денного"))
def _permission(ctx: Context, answer: str) -> None:
    draft_of(ctx).attributes["mayor_permission"] = "true" if answer == "дозволив внести" else "false"


# --- the visa route --------------------------------------------------------------------------------


@when(parsers.re(rf"керівник зацікавленого підрозділу {quoted('unit')} погоджує проект {quoted('day')}"))
def _unit_visa(stubs: Stubs, ctx: Context, unit: str, day: str) -> None:
    route = general._stored(ctx)
    request = approval_pb2.RecordVisaRequest(
        request_id=uuid.uuid4().hex,
        draft_id=route.draft_id,
        role=INTERESTED_UNIT,
        body=unit.strip(),
        actor=f"Керівник: {unit.strip()}",
        decision=approval_pb2.VISA_DECISION_APPROVE,
        visaed_on=iso(day),
    )
    general._mutate(stubs, ctx, stubs.approval.RecordVisa, request)


@when(parsers.re(rf"головний розробник перевіряє стан погодження {quoted('day')}"))
def _route_on(stubs: Stubs, ctx: Context, day: str) -> None:
    """The route as it stands on that day: a unit's silence counts only once the developer's term has passed."""
    ctx.error = None
    general._refresh(stubs, ctx, iso(day))


@when(parsers.re(rf"юридичний відділ перевіряє поданий проект {quoted('day')}"))
def _check_submitted(stubs: Stubs, ctx: Context, day: str) -> None:
    """The submitted draft checked on that day: its route says which units have visaed or kept silent."""
    request = approval_pb2.ValidateDraftRequest(draft_id=general._stored(ctx).draft_id, today=iso(day))
    general._validate_draft(stubs, ctx, request)


@then(
    parsers.re(
        rf"керівник зацікавленого підрозділу {quoted('unit')} вважається таким, що погодив проект без зауважень, "
        rf"за пунктом {quoted('clause')}"
    )
)
def _deemed(ctx: Context, unit: str, clause: str) -> None:
    route = general._stored(ctx)
    cid = clause_id(clause)
    for step in _unit_steps(ctx, route, unit):
        if step.status != approval_pb2.STEP_STATUS_DEEMED_APPROVED:
            raise StepError(f"«{unit}» не вважається таким, що погодив проект:\n{general._step_listing(ctx, route)}")
        if step.deemed_by.clause != cid or not step.deemed_by.quote:
            raise StepError(f"погодження «{unit}» обґрунтовано пунктом «{step.deemed_by.clause}», а не {cid}")


@then(parsers.re(rf"{quoted('role')} візує лише паперовий примірник за пунктом {quoted('clause')}"))
def _paper_copy(ctx: Context, role: str, clause: str) -> None:
    answer = ctx.answer("маршрут", ctx.route)
    rid, cid = role_id(ctx.reglament, role), clause_id(clause)
    steps = [s for s in answer.steps if s.role == rid and s.clause.clause == cid]
    if not steps:
        raise StepError(f"у маршруті немає візи «{role}» за пунктом {cid}")
    if not all(s.paper_only for s in steps):
        raise StepError(f"віза «{role}» за пунктом {cid} не обмежена паперовим примірником")


# --- meetings --------------------------------------------------------------------------------------


@given(parsers.re(rf"попереднє засідання виконавчого комітету відбулося {quoted('day')}"))
def _previous_meeting(ctx: Context, day: str) -> None:
    """Meetings are held at least once a month (r2-s2-p2.7): what counts is the calendar months between the
    two meetings' months, which the rules take as the fact `month_gap`."""
    meeting = general._meeting(ctx)
    previous, this = parse_day(day), dt.date.fromisoformat(meeting.date)
    if isinstance(previous, dt.datetime):
        previous = previous.date()
    if previous > this:
        raise StepError(f"попереднє засідання «{day}» — пізніше за це ({this.strftime('%d.%m.%Y')})")
    meeting.attributes["month_gap"] = str((this.year - previous.year) * 12 + this.month - previous.month)


@when("нараду перевіряють")
def _check_narada(stubs: Stubs, ctx: Context) -> None:
    general._validate_meeting(stubs, ctx, None)
