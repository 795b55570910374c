"""Steps about moving a term (`Deadlines.ExtendTerm`, `RecordSubstitution`, `GetObligation`,
`ListTermChanges`): the day the city's system lives in, who set a term, a recorded substitution, the
executor's request, and the decision of the official or body that set the term.

Whether a term may still move depends on the day, so these scenarios name it: «Припустимо, що сьогодні
«16.03.2026»» runs them against a mesh of their own whose deadlines clock is fixed at 09:00 of that day
(one mesh per day named, started on first use and kept for the session; its scheduler runs once at start).

Given:
    Припустимо, що сьогодні «16.03.2026»
    І строк виконання встановив «перший заступник міського голови Андрій Петренко»
        (also «встановила», «встановило»; for appeals «І доручення дав «…»»; a body: «виконавчий комітет»,
        «міська рада», «орган влади вищого рівня Сумська обласна військова адміністрація»)
    І документ зареєстровано «02.03.2026»      (registers the described document in that mesh)
    І звернення поставлено на довгостроковий контроль «15.05.2026» за резолюцією «заступник міського голови
        Андрій Петренко»   (r10-s2-p8 in that mesh; the term the registry creates is then tracked)
    І строк за пунктом «п. 2.3 § 3 розділу 12» спливає «01.04.2026»   (the term the scenario moves)
    І на час відсутності «заступник міського голови Михайло Бондар» його заміщує «заступник міського голови
        Олена Ткачук» з «16.03.2026» по «27.03.2026» на підставі «розпорядження міського голови … № 145»
When:
    Коли «Департамент освіти» звертається «13.03.2026» з проханням продовжити строк до «15.04.2026», бо «…»
        (also «з пропозицією продовжити строк до», «з поданням про перенесення строку на»; «…, не навівши причин»)
    І заявникові надіслано проміжну відповідь з причинами і кінцевим терміном розгляду
    І автора звернення повідомлено про новий строк
    І пропозицію подано через загальний відділ
    І «перший заступник міського голови Андрій Петренко» продовжує строк     (to the day asked for)
    І «…» переносить строк на «17.04.2026» / І «…» скорочує строк до «25.03.2026»[, бо «…»]
    І «заступник міського голови Олена Ткачук», заміщуючи відсутнього «заступник міського голови Михайло Бондар»,
        продовжує строк
    І «виконавчий комітет» своїм рішенням «від 16.03.2026 № 560» продовжує строк   (also «листом «…»»)
Then:
    Тоді строк виконання — «15.04.2026»   (also «строк розгляду звернення», «строк відповіді»)
    Тоді строк виконання лишається «01.04.2026»   (and no change was written)
    І відмова посилається на пункт «п. 7 § 3 розділу 12» словами «лише за вказівкою посадової особи»
    І зміна строку спирається на пункт «п. 6 § 3 розділу 12» словами «за обґрунтованим проханням виконавця»
    І право змінити строк пояснено словами «на підставі: розпорядження міського голови»
    І в історії змін строку записано: + | було | стало | хто змінив | на чиє прохання | прохання від | причина |
        коли | підстава |   (every change, oldest first; any subset of the columns)

A refusal is read with the steps of refusals.py («Тоді система відмовляє, бо бракує повноважень»,
«І у відмові названо «…»»).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import grpc
import pytest
from pytest_bdd import given, parsers, then, when

from reglament.legaltime.clock import KYIV
from reglament.legaltime.tracking import BODY_NAMES, BODY_ROLES
from reglament.mesh import Mesh
from reglament.settings import Settings
from reglament.v1 import deadlines_pb2, registry_pb2
from tests.bdd.steps.common import (
    Context,
    StepError,
    clause_id,
    iso,
    normalize_words,
    parse_day,
    quoted,
    role_name,
    roles,
    show_date,
    table_rows,
)
from tests.bdd.steps.documents import register, request_of
from tests.bdd.steps.events import ObligationEvents
from tests.conftest import Stubs

RPC_TIMEOUT_S = 10
TRACK_TIMEOUT_S = 30
"""How long a step waits for the deadlines service to track a term another service created, s."""
WORKDAY_START = dt.time(9, 0)
"""The moment of «сьогодні «…»» when the scenario gives only the day."""

CLOCKED = "clocked_mesh"
TERM = "term_obligation_id"
SEEN_CHANGES = "term_changes_seen"
REQUEST = "term_request"
FLAGS = "term_request_flags"
CHANGE = "term_change"


# --- a mesh whose clock is fixed at one day --------------------------------------------------------


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """The services of a mesh read their settings from the environment they are started with."""
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dataclass
class ClockedMesh:
    """The three services and their own nats-server, with the deadlines clock fixed at `moment`."""

    moment: str
    mesh: Mesh
    stubs: Stubs
    events: ObligationEvents
    log: IO[str]

    def close(self) -> None:
        self.events.close()
        self.stubs.close()
        self.mesh.stop()
        self.log.close()


class ClockedMeshes:
    """One running mesh per fixed moment, started when a scenario first names that day."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.running: dict[str, ClockedMesh] = {}

    def at(self, moment: str) -> ClockedMesh:
        if moment in self.running:
            return self.running[moment]
        run_dir = self.root / f"clock-{moment.replace(':', '')}"
        run_dir.mkdir(parents=True, exist_ok=True)
        settings = Settings(
            run_dir=run_dir,
            nats_url="",
            db="",
            registry_port=0,
            deadlines_port=0,
            approval_port=0,
            log_format="text",
            log_level="WARNING",
            shutdown_grace_s=5.0,
        )
        log = open(run_dir / "mesh.log", "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the mesh
        mesh = Mesh(settings, log_sink=log)
        try:
            # The scheduler judges the obligations once, at start; no status moves under a scenario's feet.
            with _environment({"REGLAMENT_CLOCK": moment, "REGLAMENT_SCHEDULER_INTERVAL_S": "86400"}):
                mesh.start(timeout_s=60)
            events = ObligationEvents(mesh.nats_url).start()
        except BaseException:
            mesh.stop()
            log.close()
            raise
        self.running[moment] = ClockedMesh(moment, mesh, Stubs(mesh), events, log)
        return self.running[moment]

    def close(self) -> None:
        for running in self.running.values():
            running.close()
        self.running.clear()


@pytest.fixture(scope="session")
def clocked_meshes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClockedMeshes]:
    meshes = ClockedMeshes(tmp_path_factory.mktemp("clocked"))
    yield meshes
    meshes.close()


def _system(ctx: Context) -> ClockedMesh:
    system = ctx.notes.get(CLOCKED)
    if system is None:
        raise StepError("спершу скажіть, який сьогодні день: «Припустимо, що сьогодні «16.03.2026»»")
    assert isinstance(system, ClockedMesh)
    return system


@given(parsers.re(rf"сьогодні {quoted('day')}"))
def _today(clocked_meshes: ClockedMeshes, ctx: Context, day: str) -> None:
    value = parse_day(day)
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, WORKDAY_START)
    ctx.notes[CLOCKED] = clocked_meshes.at(moment.isoformat(timespec="minutes"))


# --- officials and bodies ------------------------------------------------------------------------------

_QUALIFIERS = ("перший ", "перша ")
"""Words before a role that do not change it («перший заступник міського голови» is a deputy mayor)."""


@dataclass(frozen=True)
class Official:
    """An official or a body as a lawyer names it: «перший заступник міського голови Андрій Петренко»."""

    role: str  # role id
    name: str  # the person's name; empty for a body or an unnamed holder of the role
    text: str  # as written

    @property
    def actor(self) -> str:
        return self.name or self.text


def official(reglament: str, text: str) -> Official:
    """The role the words start with (the reglament's role names, or a body) and the name after it."""
    raw = unicodedata.normalize("NFC", " ".join(text.split()))
    low = normalize_words(raw)
    start = 0
    for qualifier in _QUALIFIERS:
        if low.startswith(qualifier):
            start = len(qualifier)
    names = [(normalize_words(n), rid) for rid, aliases in roles(reglament).items() for n in aliases]
    names += [(normalize_words(n), rid) for rid, n in BODY_NAMES.items()]
    best: tuple[str, str] | None = None
    for name, rid in names:
        end = start + len(name)
        if (
            low[start:end] == name
            and (end == len(low) or low[end] in " ,")
            and (best is None or len(name) > len(best[0]))
        ):
            best = (name, rid)
    if best is None:
        sample = ", ".join(f"«{aliases[0]}»" for aliases in list(roles(reglament).values())[:5])
        raise StepError(
            f"«{text}»: не видно посади; почніть з назви посади чи органу, як у регламенті (наприклад {sample}, "
            "«виконавчий комітет»), а потім ім'я"
        )
    person = raw[start + len(best[0]) :].strip(" ,")
    return Official(role=best[1], name="" if best[1] in BODY_ROLES else person, text=raw)


@given(parsers.re(rf"строк виконання (?:встановив|встановила|встановило) {quoted('who')}"))
@given(parsers.re(rf"доручення (?:дав|дала) {quoted('who')}"))
def _setter(ctx: Context, who: str) -> None:
    """Who set the document's term (the resolution's author, or the body), as the registration records it."""
    setter = official(ctx.reglament, who)
    request = request_of(ctx)
    request.attributes["term_set_by"] = setter.role
    if setter.name:
        request.attributes["term_set_by_name"] = setter.name


# --- the document and its term -------------------------------------------------------------------------


@given(parsers.re(rf"документ зареєстровано {quoted('day')}"))
def _registered(ctx: Context, day: str) -> None:
    system = _system(ctx)
    request_of(ctx).registered = iso(day)
    register(system.stubs, system.events, ctx)
    if ctx.error is not None:
        raise StepError(f"документ не зареєстровано: {ctx.error.code().name}: {ctx.error.details()}")


def _tracked(ctx: Context, obligation_id: str) -> deadlines_pb2.TrackedObligation:
    request = deadlines_pb2.GetObligationRequest(id=obligation_id)
    try:
        tracked: deadlines_pb2.TrackedObligation = _system(ctx).stubs.deadlines.GetObligation(
            request, timeout=RPC_TIMEOUT_S
        )
    except grpc.RpcError as exc:
        raise StepError(f"строк не відстежується: {exc.code().name}: {exc.details()}") from None
    return tracked


def _term(ctx: Context) -> deadlines_pb2.TrackedObligation:
    obligation_id = ctx.notes.get(TERM)
    if obligation_id is None:
        raise StepError("спершу назвіть строк: «І строк за пунктом «п. 2.3 § 3 розділу 12» спливає «01.04.2026»»")
    return _tracked(ctx, str(obligation_id))


@given(parsers.re(rf"строк за пунктом {quoted('clause')} спливає {quoted('day')}"))
def _the_term(ctx: Context, clause: str, day: str) -> None:
    """The document's obligation under the clause, as the deadlines service tracks it, with that due date."""
    document = ctx.answer("документ", ctx.document)
    cid = clause_id(clause)
    of_clause = [o for o in document.obligations if o.clause.clause == cid]
    if not of_clause:
        listing = "\n".join(f"  {o.clause.clause}: {show_date(o.due)}" for o in document.obligations) or "  (жодного)"
        raise StepError(f"обов'язку за пунктом {cid} немає; є:\n{listing}")
    tracked = _tracked(ctx, of_clause[0].id)
    if tracked.obligation.due != iso(day):
        explanation = "\n".join(tracked.obligation.explanation)
        raise StepError(
            f"строк за пунктом {cid} спливає {show_date(tracked.obligation.due)}, а не {show_date(iso(day))}:\n"
            f"{explanation}"
        )
    ctx.notes[TERM] = tracked.obligation.id
    ctx.notes[SEEN_CHANGES] = len(tracked.term_changes)


@given(parsers.re(rf"звернення поставлено на довгостроковий контроль {quoted('day')} за резолюцією {quoted('who')}"))
def _long_term_control(ctx: Context, day: str, who: str) -> None:
    """Puts the appeal on long-term control (r10-s2-p8) in the scenario's mesh, by the official named, and
    waits until the deadlines service tracks the term the registry created with it."""
    system = _system(ctx)
    document = ctx.answer("документ", ctx.document)
    controller = official(ctx.reglament, who)
    request = registry_pb2.PutOnControlRequest(
        request_id=uuid.uuid4().hex,
        document_id=document.id,
        actor="Відділ контролю апарату міської ради та її виконкому",
        controller=controller.actor,
        controller_role=controller.role,
        on=iso(day),
        long_term=True,
        basis=f"Резолюція щодо звернення «{document.title}»: на довгостроковий контроль",
    )
    try:
        put = system.stubs.registry.PutOnControl(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        raise StepError(f"звернення не поставлено на контроль: {exc.code().name}: {exc.details()}") from None
    created = [o for o in put.document.obligations if o.clause.clause == "r10-s2-p8"]
    if not created:
        raise StepError("реєстр не створив строку довгострокового контролю (r10-s2-p8)")
    deadline = time.monotonic() + TRACK_TIMEOUT_S
    while True:
        try:
            system.stubs.deadlines.GetObligation(
                deadlines_pb2.GetObligationRequest(id=created[0].id), timeout=RPC_TIMEOUT_S
            )
            break
        except grpc.RpcError as exc:
            if exc.code() != grpc.StatusCode.NOT_FOUND or time.monotonic() > deadline:
                raise StepError(f"строк довгострокового контролю не відстежується: {exc.details()}") from None
        time.sleep(0.1)
    ctx.document = put.document


@given(
    parsers.re(
        rf"на час відсутності {quoted('absent')} (?:його|її) заміщує {quoted('substitute')} "
        rf"з {quoted('start')}(?: по {quoted('until')})? на підставі {quoted('basis')}"
    )
)
def _substitution(ctx: Context, absent: str, substitute: str, start: str, until: str | None, basis: str) -> None:
    """Records who acts for the absent official, from when until when, on what act."""
    away, acting = official(ctx.reglament, absent), official(ctx.reglament, substitute)
    request = deadlines_pb2.RecordSubstitutionRequest(
        request_id=uuid.uuid4().hex,
        reglament=ctx.reglament,
        absent_role=away.role,
        absent_name=away.name,
        substitute_role=acting.role,
        substitute_name=acting.actor,
        valid_from=iso(start),
        valid_until=iso(until) if until else "",
        basis=basis,
    )
    try:
        _system(ctx).stubs.deadlines.RecordSubstitution(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        raise StepError(f"заміщення не зафіксовано: {exc.code().name}: {exc.details()}") from None


# --- the executor's request ----------------------------------------------------------------------------

_ASKS = (
    rf"{quoted('who')} звертається {quoted('day')} "
    rf"з (?:проханням продовжити строк до|пропозицією продовжити строк до|поданням про перенесення строку на) "
    rf"{quoted('new')}"
)


def _ask(ctx: Context, who: str, day: str, new: str, reason: str) -> None:
    ctx.notes[REQUEST] = {"by": " ".join(who.split()), "on": iso(day), "new": iso(new), "reason": reason.strip()}


@given(parsers.re(rf"{_ASKS}, бо {quoted('reason')}"))
@when(parsers.re(rf"{_ASKS}, бо {quoted('reason')}"))
def _asks(ctx: Context, who: str, day: str, new: str, reason: str) -> None:
    _ask(ctx, who, day, new, reason)


@given(parsers.re(rf"{_ASKS}, не навівши причин"))
@when(parsers.re(rf"{_ASKS}, не навівши причин"))
def _asks_without_reasons(ctx: Context, who: str, day: str, new: str) -> None:
    _ask(ctx, who, day, new, "")


def _flag(ctx: Context, name: str) -> None:
    ctx.notes.setdefault(FLAGS, {})[name] = True


@given("заявникові надіслано проміжну відповідь з причинами і кінцевим терміном розгляду")
@when("заявникові надіслано проміжну відповідь з причинами і кінцевим терміном розгляду")
def _interim_answer(ctx: Context) -> None:
    _flag(ctx, "interim_answer")


@given("автора звернення повідомлено про новий строк")
@when("автора звернення повідомлено про новий строк")
def _author_notified(ctx: Context) -> None:
    _flag(ctx, "author_notified")


@given(parsers.re(r"(?:пропозицію|подання|прохання) подано через загальний відділ"))
@when(parsers.re(r"(?:пропозицію|подання|прохання) подано через загальний відділ"))
def _via_general_department(ctx: Context) -> None:
    _flag(ctx, "via_general_department")


# --- the decision ----------------------------------------------------------------------------------------


def _decide(
    ctx: Context,
    who: str,
    new: str | None = None,
    *,
    basis: str = "",
    replaces: str = "",
    reason: str | None = None,
    with_request: bool = True,
) -> None:
    """Asks the deadlines service to move the term; keeps the change, or the refusal in ctx.error."""
    actor = official(ctx.reglament, who)
    asked: dict[str, str] = ctx.notes.get(REQUEST, {}) if with_request else {}
    if new is not None:
        new_due = iso(new)
    elif asked:
        new_due = asked["new"]
    else:
        raise StepError(
            "до якої дати? спершу прохання виконавця («… звертається … з проханням продовжити строк до …») "
            "або «… переносить строк на «…»»"
        )
    if replaces:
        capacity = deadlines_pb2.EXTENSION_CAPACITY_REPLACES_SETTER
        absent = official(ctx.reglament, replaces)
        setter = _term(ctx).setter
        if (absent.role, absent.name) != (setter.role, setter.name):
            raise StepError(
                f"«{replaces}» не встановлював(ла) цього строку; його встановив(ла) {setter.role} {setter.name}"
            )
    elif actor.role in BODY_ROLES:
        capacity = deadlines_pb2.EXTENSION_CAPACITY_ADOPTING_BODY
    else:
        capacity = deadlines_pb2.EXTENSION_CAPACITY_SET_TERM
    flags: dict[str, bool] = ctx.notes.get(FLAGS, {})
    request = deadlines_pb2.ExtendTermRequest(
        request_id=uuid.uuid4().hex,
        obligation_id=_term(ctx).obligation.id,
        new_due=new_due,
        actor=actor.actor,
        actor_role=actor.role,
        capacity=capacity,
        requested_by=asked.get("by", ""),
        reason=asked.get("reason", "") if reason is None else reason,
        basis=basis,
        requested_on=asked.get("on", ""),
        interim_answer=flags.get("interim_answer", False),
        author_notified=flags.get("author_notified", False),
        via_general_department=flags.get("via_general_department", False),
    )
    ctx.error = None
    ctx.notes.pop(CHANGE, None)
    try:
        response = _system(ctx).stubs.deadlines.ExtendTerm(request, timeout=RPC_TIMEOUT_S)
    except grpc.RpcError as exc:
        ctx.error = exc
        return
    ctx.notes[CHANGE] = response.change


@when(parsers.re(rf"{quoted('who')} продовжує строк"))
def _extends(ctx: Context, who: str) -> None:
    _decide(ctx, who)


@when(parsers.re(rf"{quoted('who')} переносить строк на {quoted('new')}"))
def _moves(ctx: Context, who: str, new: str) -> None:
    _decide(ctx, who, new)


@when(parsers.re(rf"{quoted('who')} скорочує строк до {quoted('new')}"))
def _shortens(ctx: Context, who: str, new: str) -> None:
    _decide(ctx, who, new, with_request=False)


@when(parsers.re(rf"{quoted('who')} скорочує строк до {quoted('new')}, бо {quoted('reason')}"))
def _shortens_because(ctx: Context, who: str, new: str, reason: str) -> None:
    _decide(ctx, who, new, reason=reason, with_request=False)


@when(parsers.re(rf"{quoted('who')}, заміщуючи (?:відсутнього|відсутню) {quoted('absent')}, продовжує строк"))
def _extends_replacing(ctx: Context, who: str, absent: str) -> None:
    _decide(ctx, who, replaces=absent)


@when(parsers.re(rf"{quoted('who')} (?:своїм рішенням|листом) {quoted('basis')} продовжує строк"))
def _extends_by_decision(ctx: Context, who: str, basis: str) -> None:
    _decide(ctx, who, basis=basis)


# --- what the system answered ----------------------------------------------------------------------------

_TERM_WORDS = r"строк (?:виконання|розгляду звернення|відповіді)"


def _refused(ctx: Context) -> str:
    if ctx.error is None:
        return ""
    return f"система відмовила: {ctx.error.code().name}: {ctx.error.details()}"


@then(parsers.re(rf"{_TERM_WORDS} — {quoted('day')}"))
def _term_is(ctx: Context, day: str) -> None:
    if refusal := _refused(ctx):
        raise StepError(refusal)
    tracked = _term(ctx)
    if tracked.obligation.due != iso(day):
        lines = [f"  за пунктом: {show_date(tracked.original_due)}"]
        lines += [f"  змінено на {show_date(c.new_due)}: {'; '.join(c.explanation)}" for c in tracked.term_changes]
        raise StepError(
            f"строк спливає {show_date(tracked.obligation.due)}, а не {show_date(iso(day))}:\n" + "\n".join(lines)
        )


@then(parsers.re(rf"{_TERM_WORDS} лишається {quoted('day')}"))
def _term_kept(ctx: Context, day: str) -> None:
    tracked = _term(ctx)
    if tracked.obligation.due != iso(day):
        raise StepError(f"строк спливає {show_date(tracked.obligation.due)}, а не {show_date(iso(day))}")
    seen = int(ctx.notes.get(SEEN_CHANGES, 0))
    if len(tracked.term_changes) != seen:
        last = tracked.term_changes[-1]
        raise StepError(
            f"записано зміну строку: {show_date(last.previous_due)} → {show_date(last.new_due)} ({last.actor})"
        )


def _cites(text: str, cid: str) -> bool:
    return re.search(rf"(?<![\w.-]){re.escape(cid)}(?![\w.-])", text) is not None


@then(parsers.re(rf"відмова посилається на пункт {quoted('clause')} словами {quoted('words')}"))
def _refusal_cites(ctx: Context, clause: str, words: str) -> None:
    if ctx.error is None:
        raise StepError("система не відмовила")
    details = ctx.error.details() or ""
    cid = clause_id(clause)
    if not _cites(details, cid):
        raise StepError(f"відмова не посилається на пункт {cid}: {details}")
    if normalize_words(words) not in normalize_words(details):
        raise StepError(f"у відмові немає слів «{words}»: {details}")


def _change(ctx: Context) -> deadlines_pb2.TermChange:
    if refusal := _refused(ctx):
        raise StepError(refusal)
    change = ctx.notes.get(CHANGE)
    if change is None:
        raise StepError("строк не змінювали")
    assert isinstance(change, deadlines_pb2.TermChange)
    return change


@then(parsers.re(rf"зміна строку спирається на пункт {quoted('clause')} словами {quoted('words')}"))
def _change_cites(ctx: Context, clause: str, words: str) -> None:
    change = _change(ctx)
    cid = clause_id(clause)
    refs = [ref for ref in change.clauses if ref.clause == cid]
    shown = ", ".join(ref.clause for ref in change.clauses) or "жоден"
    if not refs:
        raise StepError(f"зміна строку не посилається на пункт {cid}; пункти: {shown}")
    if not any(normalize_words(words) in normalize_words(ref.quote) for ref in refs):
        raise StepError(f"у цитаті пункту {cid} немає «{words}»: «{refs[0].quote}»")


@then(parsers.re(rf"право змінити строк пояснено словами {quoted('words')}"))
def _authority_says(ctx: Context, words: str) -> None:
    change = _change(ctx)
    if normalize_words(words) not in normalize_words(change.authority):
        raise StepError(f"у поясненні права змінити строк немає «{words}»: {change.authority}")


def _kyiv_day(moment: str) -> str:
    return dt.datetime.fromisoformat(moment).astimezone(KYIV).date().isoformat()


def _row_mismatch(ctx: Context, row: dict[str, str], change: deadlines_pb2.TermChange) -> list[str]:
    """What of a history row differs from the recorded change (only the columns the row gives)."""
    out: list[str] = []

    def same_text(column: str, actual: str) -> None:
        if column in row and normalize_words(row[column]) != normalize_words(actual):
            out.append(f"{column}: «{actual}», а не «{row[column]}»")

    def same_day(column: str, actual: str) -> None:
        if column in row and iso(row[column]) != actual:
            out.append(f"{column}: {show_date(actual)}, а не {row[column]}")

    same_day("було", change.previous_due)
    same_day("стало", change.new_due)
    same_day("прохання від", change.requested_on)
    same_day("коли", _kyiv_day(change.at))
    same_text("на чиє прохання", change.requested_by)
    same_text("причина", change.reason)
    same_text("підстава", change.basis)
    if "хто змінив" in row:
        who = official(ctx.reglament, row["хто змінив"])
        if who.role != change.actor_role or normalize_words(who.actor) != normalize_words(change.actor):
            out.append(
                f"хто змінив: {change.actor} ({role_name(ctx.reglament, change.actor_role)}), а не {row['хто змінив']}"
            )
    return out


@then("в історії змін строку записано:")
def _history(ctx: Context, datatable: list[list[str]]) -> None:
    """Every change of the term, oldest first, as ListTermChanges gives it."""
    if refusal := _refused(ctx):
        raise StepError(refusal)
    rows = table_rows(datatable)
    request = deadlines_pb2.ListTermChangesRequest(obligation_id=_term(ctx).obligation.id)
    changes = list(_system(ctx).stubs.deadlines.ListTermChanges(request, timeout=RPC_TIMEOUT_S).changes)
    listing = (
        "\n".join(
            f"  {show_date(c.previous_due)} → {show_date(c.new_due)}: {c.actor} ({c.actor_role}), {c.reason}"
            for c in changes
        )
        or "  (жодної)"
    )
    if len(changes) != len(rows):
        raise StepError(f"в історії {len(changes)} змін(и), а не {len(rows)}:\n{listing}")
    for number, (row, change) in enumerate(zip(rows, changes, strict=True), start=1):
        wrong = _row_mismatch(ctx, row, change)
        if wrong:
            raise StepError(f"зміна {number}: " + "; ".join(wrong) + f"\nісторія:\n{listing}")
