"""The registry's use of the store: registration with intake, control steps decided by the rules, obligations
from events settled by the document's record, and the events all of it announces (through the outbox)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from reglament.documents import check_day
from reglament.domain import (
    ClauseRef,
    Control,
    ControlReportRow,
    ControlStatus,
    Document,
    Finding,
    InterimReport,
    LinkRelation,
    NewDocument,
    Obligation,
    ObligationStatus,
)
from reglament.errors import DomainError, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from reglament.events import envelope, subjects
from reglament.legaltime.clock import KYIV
from reglament.registry import control as policy
from reglament.registry import intake
from reglament.registry.config import AutomaticControl, RegistryConfig, check_number_format, load_config
from reglament.rules.evaluate import evaluate
from reglament.rules.loader import Reglament, load_reglament
from reglament.rules.schema import Subject
from reglament.store import errors as store_errors
from reglament.store.base import AuditEntry, DocumentState, ObligationChange, OutboxEvent, Settlement
from reglament.store.control import ControlStep, total
from reglament.store.documents import DocumentFilter, Registration
from reglament.store.rows import request_fingerprint
from reglament.store.store import Store
from reglament.v1 import common_pb2, events_pb2
from services import convert
from services.rulebook import today_kyiv

log = logging.getLogger("reglament.registry")

MAX_BASIS = 2000
MAX_REASON = 2000
MAX_INTERIM = 4000
ACTOR = "registry"


@dataclass(frozen=True)
class DocumentView:
    """A document with everything GetDocument shows."""

    document: Document
    obligations: list[Obligation]
    control: Control | None
    linked: dict[str, Document]  # the linked documents, by id


@dataclass(frozen=True)
class StepResult:
    view: DocumentView
    changed: bool
    warnings: list[Finding]


class RegistryStore:
    """The registry's write paths and reads over reglament.store.Store."""

    def __init__(self, store: Store, number_formats: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.store = store
        self.number_formats = self.checked_formats(number_formats)

    @staticmethod
    def checked_formats(number_formats: Mapping[str, Mapping[str, str]] | None) -> dict[str, dict[str, str]]:
        """The deployment's number formats (settings), each checked; ValueError naming the bad one."""
        out = {r: dict(formats) for r, formats in (number_formats or {}).items()}
        for reglament_id, formats in out.items():
            for kind, value in formats.items():
                try:
                    check_number_format(value)
                except ValueError as exc:
                    raise ValueError(f"registry_number_formats[{reglament_id}][{kind}]: {exc}") from exc
        return out

    @classmethod
    def open(cls, url: str, number_formats: Mapping[str, Mapping[str, str]] | None = None) -> RegistryStore:
        return cls(Store.open(url), cls.checked_formats(number_formats))

    def close(self) -> None:
        self.store.close()

    # -- reglaments ------------------------------------------------------------------------------

    @staticmethod
    def reglament(reglament_id: str) -> tuple[Reglament, RegistryConfig]:
        reglament = load_reglament(reglament_id)
        return reglament, load_config(reglament.dir)

    def number_format(self, reglament_id: str, kind: str) -> str:
        _, config = self.reglament(reglament_id)
        return config.number_format(kind, self.number_formats.get(reglament_id))

    # -- registration ----------------------------------------------------------------------------

    def register(self, new: NewDocument, request_id: str | None, actor: str = ACTOR) -> tuple[Document, bool]:
        """Registers one document with intake (see register_many); raises what the store or intake raise."""
        result = self.register_many([(new, request_id, None)], actor=actor)[0]
        if isinstance(result, Exception):
            raise result
        return result

    def register_many(
        self, items: Sequence[tuple[NewDocument, str | None, str | None]], actor: str = ACTOR
    ) -> list[tuple[Document, bool] | Exception]:
        """Group commit with intake: each document is assessed by its reglament's rules (findings,
        routing, not considered), appeals are matched with earlier ones of the same author on the same
        question, and the batch is registered in one transaction. A document that fails intake gets its
        exception and writes nothing."""
        results: dict[int, tuple[Document, bool] | Exception] = {}
        registrations: dict[int, Registration] = {}
        automatic: dict[int, AutomaticControl] = {}  # registration itself puts these on control
        by_reglament: dict[str, list[int]] = {}
        for i, (new, _, _) in enumerate(items):
            by_reglament.setdefault(new.reglament, []).append(i)
        for reglament_id, indexes in by_reglament.items():
            try:
                reglament, config = self.reglament(reglament_id)
            except LookupError:
                for i in indexes:
                    results[i] = NotFound(f"unknown reglament {reglament_id!r}", field="reglament")
                continue
            keys = {i: intake.author_key(items[i][0]) for i in indexes}
            earlier_stored = self.store.earlier_appeals(reglament_id, list(keys.values()))
            earlier: dict[int, intake.Earlier | None] = {}
            first_in_batch: dict[str, int] = {}
            for i in indexes:
                key = keys[i]
                if key and key in earlier_stored:
                    document_id, resolved = earlier_stored[key]
                    earlier[i] = intake.Earlier(document_id, resolved)
                elif key and key in first_in_batch:
                    earlier[i] = intake.Earlier("", False)  # the first is in this batch: no id to link yet
                else:
                    earlier[i] = None
                    if key:
                        first_in_batch[key] = i
            assessed = self._assess(reglament, config, [(items[i][0], earlier[i]) for i in indexes], indexes, results)
            for i, verdict in assessed.items():
                new = verdict.apply(items[i][0], earlier[i])
                if verdict.automatic_control is not None:
                    automatic[i] = verdict.automatic_control
                fmt = config.number_format(new.kind, self.number_formats.get(reglament_id))
                # the request as the caller made it: intake (an earlier appeal found) may differ on a retry
                fingerprint = request_fingerprint(items[i][0])
                registrations[i] = Registration(new, items[i][1], fmt, keys[i], items[i][2], fingerprint)
        order = sorted(registrations)
        stored = self.store.register_documents([registrations[i] for i in order], actor=actor) if order else []
        answered: set[str] = set()
        for i, outcome in zip(order, stored, strict=True):
            results[i] = _domain_error(outcome) if isinstance(outcome, Exception) else outcome
            if not isinstance(outcome, Exception) and outcome[1]:
                answered |= {k.document_id for k in outcome[0].links if k.relation is LinkRelation.ANSWER_TO}
            if not isinstance(outcome, Exception) and i in automatic:
                self._put_automatically(outcome[0], automatic[i])  # a retried registration completes it
        if answered:
            # the answer (a return, a forwarding letter) fulfils what the answered document waits for
            self.store.settle_documents(sorted(answered), self.settle)
        return [results[i] for i in range(len(items))]

    def _put_automatically(self, doc: Document, rule: AutomaticControl) -> None:
        """Puts a just registered document on control as its clause says registration does (registry.yaml
        `control.automatic`): by the role the clause names, on the registration day, the clause and its
        words as the basis, through the one control path (rules, audit, events). The request id derives
        from the document, so a retried registration puts it on control once; a refusal of the rules
        (e.g. no responsible executor, r12-s2-p2) leaves it registered and not on control."""
        reglament, config = self.reglament(doc.reglament)
        who = policy.automatic_controller(reglament, config, doc, policy.control_facts(reglament, doc, None), rule)
        try:
            self.put_on_control(
                doc.id,
                actor=who.name,
                controller="",
                controller_role=who.role,
                on=doc.registered,
                due=None,
                long_term=False,
                basis=policy.automatic_basis(reglament, rule),
                request_id=f"automatic.{doc.id}",
                today=max(today_kyiv(), doc.registered),
            )
        except DomainError as exc:
            log.warning("document %s is not put on control automatically (%s): %s", doc.id, rule.clause, exc)

    @staticmethod
    def _assess(
        reglament: Reglament,
        config: RegistryConfig,
        pairs: list[tuple[NewDocument, intake.Earlier | None]],
        indexes: list[int],
        results: dict[int, tuple[Document, bool] | Exception],
    ) -> dict[int, intake.Intake]:
        try:
            return dict(zip(indexes, intake.assess(reglament, config, pairs), strict=True))
        except InvalidArgument:
            out = {}
            for i, pair in zip(indexes, pairs, strict=True):
                try:
                    out[i] = intake.assess(reglament, config, [pair])[0]
                except InvalidArgument as exc:
                    results[i] = exc
            return out

    # -- reading ---------------------------------------------------------------------------------

    def get_document(self, document_id: str) -> Document | None:
        return self.store.get_document(document_id)

    def view(self, document_id: str) -> DocumentView | None:
        doc = self.store.get_document(document_id)
        if doc is None:
            return None
        linked = self.store.get_documents([link.document_id for link in doc.links])
        return DocumentView(doc, self.store.obligations_for(doc.id), self.store.control_for(doc.id), linked)

    def obligations_for(self, document_id: str) -> list[Obligation]:
        return self.store.obligations_for(document_id)

    def list_documents(
        self,
        *,
        reglament: str | None,
        kind: str | None,
        page_size: int,
        page_token: str | None,
        where: DocumentFilter | None = None,
    ) -> tuple[list[tuple[Document, Control | None]], str | None]:
        docs, token = self.store.list_documents(
            reglament=reglament, kind=kind, page_size=page_size, page_token=page_token, where=where
        )
        controls = self.store.controls_for([d.id for d in docs])
        return [(d, controls.get(d.id)) for d in docs], token

    def audit_for(self, document_id: str) -> list[AuditEntry]:
        return self.store.audit_for(document_id)

    def control_report(
        self, reglament_id: str, start: dt.date, end: dt.date
    ) -> tuple[list[ControlReportRow], ControlReportRow]:
        rows = self.store.control_report(reglament_id, start, end)
        order = {kind: i for i, kind in enumerate(["higher_authority", *_kinds()])}
        rows.sort(key=lambda r: (order.get(r.category, len(order)), r.category))
        return rows, total(rows)

    # -- obligations from events -----------------------------------------------------------------

    def store_obligation_events(self, consumer: str, batch: Sequence[tuple[str, Obligation]]) -> dict[str, str]:
        """Stores the batch in one transaction; returns {event_id: reason} for events that can never be
        stored (an obligation of a document the registry does not have)."""
        try:
            self.store.store_obligations_batch(
                consumer, [(event_id, [ob]) for event_id, ob in batch], settle=self.settle
            )
            return {}
        except store_errors.NotFound:
            pass  # find the culprits one by one; the others are stored
        rejected: dict[str, str] = {}
        for event_id, obligation in batch:
            try:
                self.store.store_obligations(consumer, event_id, [obligation], settle=self.settle)
            except store_errors.NotFound as exc:
                rejected[event_id] = str(exc)
        return rejected

    def apply_changes(self, consumer: str, changes: Sequence[ObligationChange], today: dt.date) -> None:
        self.store.apply_obligation_changes(consumer, changes, today=today)

    def settle(self, obligation: Obligation, state: DocumentState) -> Settlement | None:
        """What the document's record already says about an open obligation (see registry.yaml `fulfilment`)."""
        try:
            reglament, config = self.reglament(state.reglament)
        except LookupError:
            return None
        clause = obligation.ref.clause
        due = obligation.due.date() if isinstance(obligation.due, dt.datetime) else obligation.due

        def done(day: dt.date, what: str) -> str:
            return what + (f" із запізненням: строк {due.isoformat()}" if day > due else "")

        if clause in config.fulfilment.registration:
            return self._settlement(
                reglament, obligation, ObligationStatus.FULFILLED, done(state.registered, "Документ зареєстровано"),
                on=state.registered,
            )
        if state.executed_on is not None:
            return self._settlement(
                reglament, obligation, ObligationStatus.FULFILLED, done(state.executed_on, "Документ виконано"),
                on=state.executed_on,
            )
        if state.control_status is ControlStatus.REMOVED:
            return self._settlement(
                reglament, obligation, ObligationStatus.WAIVED, "Документ знято з контролю без виконання"
            )
        if clause in config.fulfilment.answer:
            if state.answered_on is None:
                return None  # returning or forwarding is still to be done, also for an appeal not considered
            return self._settlement(
                reglament, obligation, ObligationStatus.FULFILLED, done(state.answered_on, "Відповідь зареєстровано"),
                on=state.answered_on,
            )
        if state.not_considered_under:
            return self._settlement(
                reglament,
                obligation,
                ObligationStatus.WAIVED,
                f"Звернення розгляду не підлягає ({state.not_considered_under})",
                clause=state.not_considered_under,
            )
        if clause in config.fulfilment.put_on_control and state.put_on is not None:
            return self._settlement(
                reglament, obligation, ObligationStatus.FULFILLED, done(state.put_on, "Документ взято на контроль"),
                on=state.put_on,
            )
        return None

    @staticmethod
    def _settlement(
        reglament: Reglament,
        obligation: Obligation,
        status: ObligationStatus,
        reason: str,
        clause: str = "",
        on: dt.date | None = None,
    ) -> Settlement:
        """The settlement and its event. `on` is the day the record says the obligation was fulfilled; the
        event's moment is that day (its start, Kyiv time, when it is an earlier day than today), so the
        deadlines service judges lateness by when the work was done, not by when it was recorded."""
        fulfilled = status is ObligationStatus.FULFILLED
        event_type = subjects.OBLIGATION_FULFILLED if fulfilled else subjects.OBLIGATION_WAIVED
        ref = obligation.ref
        if clause:
            ref = ClauseRef(reglament.id, clause, _quote(reglament, clause))
        body = events_pb2.ObligationStatusChanged(
            obligation_id=obligation.id,
            subject_id=obligation.subject_id,
            status=convert.status_value(status),
            reason=reason,
            clause=convert.clause_ref(ref),
        )
        event = envelope.make_event(
            event_type,
            municipality=reglament.meta.municipality,
            reglament=reglament.id,
            body=body,
            event_id=envelope.deterministic_id(event_type, obligation.id),
            occurred_at=_moment_of(on),
        )
        return Settlement(status, reason, clause or obligation.ref.clause, OutboxEvent.of(event))

    # -- control ---------------------------------------------------------------------------------

    def _load(self, document_id: str) -> tuple[Document, Control | None, Reglament, RegistryConfig]:
        doc = self.store.get_document(document_id)
        if doc is None:
            raise NotFound(f"no document with id {document_id!r}", field="document_id")
        reglament, config = self.reglament(doc.reglament)
        return doc, self.store.control_for(document_id), reglament, config

    def _replay(self, scope: str, request_id: str | None, document_id: str) -> StepResult | None:
        """The result of a request id seen before (nothing is decided or written again)."""
        if request_id is None:
            return None
        first = self.store.seen_request(scope, request_id)
        if first is None:
            return None
        if first != document_id:
            raise InvalidArgument(f"already used for another document ({first})", field="request_id")
        view = self.view(document_id)
        assert view is not None
        return StepResult(view, False, [])

    def put_on_control(
        self,
        document_id: str,
        *,
        actor: str,
        controller: str,
        controller_role: str,
        on: dt.date,
        due: dt.date | None,
        long_term: bool,
        basis: str,
        request_id: str | None,
        today: dt.date,
    ) -> StepResult:
        replay = self._replay("control.put", request_id, document_id)
        if replay is not None:
            return replay
        doc, control, reglament, config = self._load(document_id)
        if control is not None:
            since = control.put_on or control.executed_on
            raise FailedPrecondition(
                f"the document's control is already {control.status.value} (since {since})", field="document_id"
            )
        check_day(on, "on", not_before=doc.registered, today=today, what="the registration day")
        if doc.not_considered_under:
            clause = f"{reglament.id}/{doc.not_considered_under}"
            raise FailedPrecondition(
                "Звернення розгляду не підлягає, тож на контроль його не ставлять "
                f"({clause}: «{_quote(reglament, doc.not_considered_under)}»)",
                field="document_id",
                clause=clause,
            )
        facts = policy.control_facts(reglament, doc, None)
        chosen = self._controller(reglament, config, doc, facts, actor, controller, controller_role)
        planned = Control(
            document_id=doc.id,
            status=ControlStatus.ON_CONTROL,
            controller=chosen.name,
            controller_role=chosen.role,
            put_by=actor,
            put_on=on,
            due=due,
            long_term=long_term,
            basis=basis,
        )
        after = policy.control_facts(reglament, doc, planned)
        verdict = policy.step_verdict(reglament, config, facts, after, subject_id=doc.id, today=on)
        verdict.raise_refusal()
        new_obligations: list[Obligation] = []
        limit = self._long_term_limit(reglament, config, doc, after, on, verdict.obligations, long_term)
        if limit is not None and due is not None and due > _day(limit.due):
            what = "the limit of long-term control" if long_term else "the limit even long-term control has"
            raise InvalidArgument(
                f"{due} is later than {what} {limit.due} ({limit.ref.qualified}: «{limit.ref.quote}»)",
                field="due",
                clause=limit.ref.qualified,
            )
        if long_term and limit is not None:
            new_obligations.append(limit)
            due = due or _day(limit.due)
        if due is None:
            due = self._execution_term(doc, verdict.obligations)
        if due is not None and due < on:
            raise InvalidArgument(f"{due} is before the day it is put on control ({on})", field="due")
        planned = replace(planned, due=due)
        warnings = verdict.warnings + _late_put(config, verdict.obligations, on)
        known = self.store.obligation_ids([o.id for o in new_obligations])
        event_type = subjects.DOCUMENT_PUT_ON_CONTROL
        events = [self._control_event(reglament, doc, planned, event_type, actor, chosen.role, basis)]
        events += [self._created_event(reglament, o) for o in new_obligations if o.id not in known]
        step = ControlStep(
            document_id=doc.id,
            scope="control.put",
            action="control.put",
            actor=actor,
            reason=basis,
            expected=frozenset({ControlStatus.NOT_ON_CONTROL}),
            control=planned,
            request_id=request_id,
            new_obligations=new_obligations,
            events=events,
            data={
                "controller": chosen.name,
                "controller_role": chosen.role,
                "put_on": on.isoformat(),
                "due": due.isoformat() if due else "",
                "long_term": long_term,
                "clauses": [w.ref.clause for w in warnings],
            },
        )
        return self._apply(step, warnings)

    def _controller(
        self,
        reglament: Reglament,
        config: RegistryConfig,
        doc: Document,
        facts: Mapping[str, object],
        actor: str,
        controller: str,
        controller_role: str,
    ) -> policy.Controller:
        named = policy.controller_of(config, doc, facts)
        if controller_role and controller_role not in {r.id for r in reglament.meta.roles} | set(
            config.control.extra_roles
        ):
            raise InvalidArgument(f"{controller_role!r} is not a role of {reglament.id}", field="controller_role")
        if named is None:
            return policy.Controller(name=controller or actor, role=controller_role)
        contradicts = (controller_role and not policy.acts_as(config, named.role, controller_role)) or (
            controller and intake.normalize(controller) != intake.normalize(named.name) and not controller_role
        )
        if contradicts:
            quote = _quote(reglament, named.clause)
            raise InvalidArgument(
                f"this document is put on control by {named.name} ({named.role}), not {controller or controller_role} "
                f"({reglament.id}/{named.clause}: «{quote}»)",
                field="controller_role" if controller_role else "controller",
                clause=f"{reglament.id}/{named.clause}",
            )
        return named

    @staticmethod
    def _long_term_limit(
        reglament: Reglament,
        config: RegistryConfig,
        doc: Document,
        facts: Mapping[str, object],
        on: dt.date,
        obligations: Sequence[Obligation],
        long_term: bool,
    ) -> Obligation | None:
        """The term of long-term control (registry.yaml `control.long_term_clause`) of `doc` put on control
        `on`: the longest its control may last, long-term or not. None when the clause does not cover the
        document; asking for long-term control of such a document is INVALID_ARGUMENT citing the clause."""
        clause = config.control.long_term_clause
        if clause is None:
            if long_term:
                raise InvalidArgument(f"{reglament.id} sets no long-term control", field="long_term")
            return None
        if not long_term:  # what the term would be on long-term control: a ceiling for any control term
            hypothetical = {**facts, "long_term_control": on}
            obligations = evaluate(reglament, Subject.DOCUMENT, hypothetical, subject_id=doc.id, today=on).obligations
        limit = next((o for o in obligations if o.ref.clause == clause), None)
        if limit is None and long_term:
            raise InvalidArgument(
                f"long-term control is not for a document of kind {doc.kind} "
                f"({reglament.id}/{clause}: «{_quote(reglament, clause)}»)",
                field="long_term",
                clause=f"{reglament.id}/{clause}",
            )
        return limit

    @staticmethod
    def _execution_term(doc: Document, obligations: Sequence[Obligation]) -> dt.date | None:
        """The control term when none is given: the document's own date, its last task's, or the latest
        execution term the rules give the executor."""
        if doc.due_date is not None:
            return doc.due_date
        dues = [t.due for t in doc.tasks if t.due is not None]
        if dues:
            return max(dues)
        executor = [_day(o.due) for o in obligations if o.bearer == "executor"]
        return max(executor) if executor else None

    def record_interim(
        self, document_id: str, *, actor: str, on: dt.date, text: str, request_id: str | None, today: dt.date
    ) -> StepResult:
        replay = self._replay("control.interim", request_id, document_id)
        if replay is not None:
            return replay
        doc, control, reglament, _ = self._load(document_id)
        if control is None or control.put_on is None:
            raise FailedPrecondition("the document is not on control", field="document_id")
        check_day(on, "on", not_before=control.put_on, today=today, what="the day it was put on control")
        report = InterimReport(reported_on=on, actor=actor, text=text)
        shown = replace(control, interim_reports=(*control.interim_reports, report))
        event = self._control_event(reglament, doc, shown, subjects.DOCUMENT_INTERIM_REPORTED, actor, "", text)
        step = ControlStep(
            document_id=doc.id,
            scope="control.interim",
            action="control.interim_reported",
            actor=actor,
            reason=text,
            expected=frozenset({ControlStatus.ON_CONTROL}),
            interim=report,
            request_id=request_id,
            events=[event],
            data={"reported_on": on.isoformat()},
        )
        return self._apply(step, [])

    def mark_executed(
        self,
        document_id: str,
        *,
        actor: str,
        on: dt.date,
        reason: str,
        facts: Mapping[str, str],
        request_id: str | None,
        today: dt.date,
    ) -> StepResult:
        replay = self._replay("control.executed", request_id, document_id)
        if replay is not None:
            return replay
        doc, control, reglament, config = self._load(document_id)
        stated = policy.parse_step_facts(reglament, facts)
        if control is not None and control.status is not ControlStatus.ON_CONTROL:
            raise FailedPrecondition(f"the document's control is {control.status.value}", field="document_id")
        not_before = control.put_on if control is not None and control.put_on else doc.registered
        check_day(on, "on", not_before=not_before, today=today, what="the day it was put on control")
        base = control or Control(
            document_id=doc.id,
            status=ControlStatus.NOT_ON_CONTROL,
            controller="",
            controller_role="",
            put_by="",
            put_on=None,
        )
        planned = replace(
            base,
            status=ControlStatus.EXECUTED,
            executed_on=on,
            executed_by=actor,
            execution_facts={**base.execution_facts, **stated},
        )
        before = {**policy.control_facts(reglament, doc, control), **policy.typed_facts(reglament, stated)}
        before["executed"] = False
        after = policy.control_facts(reglament, doc, planned)
        verdict = policy.step_verdict(reglament, config, before, after, subject_id=doc.id, today=on)
        verdict.raise_refusal()
        event = self._control_event(reglament, doc, planned, subjects.DOCUMENT_EXECUTED, actor, "", reason)
        step = ControlStep(
            document_id=doc.id,
            scope="control.executed",
            action="control.executed",
            actor=actor,
            reason=reason,
            expected=frozenset({ControlStatus.ON_CONTROL, ControlStatus.NOT_ON_CONTROL}),
            control=planned,
            request_id=request_id,
            events=[event],
            data={"executed_on": on.isoformat(), "facts": stated},
        )
        return self._apply(step, verdict.warnings)

    def remove_from_control(
        self,
        document_id: str,
        *,
        actor: str,
        actor_role: str,
        on: dt.date,
        reason: str,
        basis_document_id: str,
        facts: Mapping[str, str],
        request_id: str | None,
        today: dt.date,
    ) -> StepResult:
        replay = self._replay("control.removed", request_id, document_id)
        if replay is not None:
            return replay
        doc, control, reglament, config = self._load(document_id)
        stated = policy.parse_step_facts(reglament, facts)
        if control is None or control.put_on is None:
            raise FailedPrecondition("the document is not on control", field="document_id")
        if control.status is ControlStatus.REMOVED:
            raise FailedPrecondition(
                f"the document was removed from control on {control.removed_on}", field="document_id"
            )
        check_day(on, "on", not_before=control.put_on, today=today, what="the day it was put on control")
        basis = None
        if basis_document_id:
            basis = self.store.get_document(basis_document_id)
            if basis is None:
                raise NotFound(f"no document with id {basis_document_id!r}", field="basis_document_id")
            if basis.registered > on:
                raise InvalidArgument(
                    f"registered on {basis.registered}, after the removal day {on}", field="basis_document_id"
                )
            if not policy.refers_to(basis, doc.id):
                raise self._not_a_basis(reglament, config, doc, basis)
        by_controller = policy.is_controller(config, control, actor, actor_role) or (
            basis is not None and policy.issued_by_controller(config, control, basis)
        )
        basis_value = policy.removal_basis(config, control, actor_role, basis, stated.get("removal_basis"))
        execution = {k: v for k, v in stated.items() if k != "removal_basis"}
        planned = replace(
            control,
            status=ControlStatus.REMOVED,
            removed_on=on,
            removed_by=actor,
            removal_basis=basis_value or "",
            removal_document_id=basis_document_id,
            execution_facts={**control.execution_facts, **execution},
        )
        before = {**policy.control_facts(reglament, doc, control), **policy.typed_facts(reglament, execution)}
        after = policy.control_facts(reglament, doc, planned)
        after["removed_by_controller"] = by_controller
        if actor_role:
            after["removed_by"] = actor_role
        if basis_value:
            after["removal_basis"] = basis_value
        verdict = policy.step_verdict(reglament, config, before, after, subject_id=doc.id, today=on)
        verdict.raise_refusal()
        event_type = subjects.DOCUMENT_REMOVED_FROM_CONTROL
        event = self._control_event(reglament, doc, planned, event_type, actor, actor_role, reason)
        step = ControlStep(
            document_id=doc.id,
            scope="control.removed",
            action="control.removed",
            actor=actor,
            reason=reason,
            expected=frozenset({ControlStatus.ON_CONTROL, ControlStatus.EXECUTED}),
            control=planned,
            request_id=request_id,
            events=[event],
            data={
                "removed_on": on.isoformat(),
                "actor_role": actor_role,
                "removal_basis": basis_value or "",
                "basis_document_id": basis_document_id,
                "by_controller": by_controller,
                "facts": stated,
            },
        )
        return self._apply(step, verdict.warnings)

    @staticmethod
    def _not_a_basis(reglament: Reglament, config: RegistryConfig, doc: Document, basis: Document) -> PermissionDenied:
        """A removal may rest only on another registered document that refers to the removed one."""
        clause = config.control.basis_clause
        cited = f" ({reglament.id}/{clause}: «{_quote(reglament, clause)}»)" if clause else ""
        what = (
            "сам документ, що знімається з контролю"
            if basis.id == doc.id
            else f"документ № {basis.number} від {basis.registered.isoformat()} не посилається на документ, що "
            "знімається з контролю (не змінює, не скасовує його і не є відповіддю на нього)"
        )
        return PermissionDenied(
            f"Підставою для зняття з контролю може бути лише інший зареєстрований документ, що стосується "
            f"знятого документа; зазначено {what}.{cited}",
            field="basis_document_id",
            clause=f"{reglament.id}/{clause}" if clause else "",
        )

    def _apply(self, step: ControlStep, warnings: list[Finding]) -> StepResult:
        try:
            _, changed = self.store.apply_control_step(step, settle=self.settle)
        except store_errors.Conflict as exc:
            raise FailedPrecondition(str(exc), field="document_id") from exc
        except store_errors.NotFound as exc:
            raise NotFound(str(exc), field=exc.field or "document_id") from exc
        except store_errors.InvalidArgument as exc:
            raise InvalidArgument(exc.message, field=exc.field) from exc
        view = self.view(step.document_id)
        assert view is not None
        return StepResult(view, changed, warnings if changed else [])

    @staticmethod
    def _control_event(
        reglament: Reglament,
        doc: Document,
        control: Control,
        event_type: str,
        actor: str,
        actor_role: str,
        reason: str,
    ) -> OutboxEvent:
        body = events_pb2.DocumentControlChanged(
            document_id=doc.id,
            kind=convert.kind_value(doc.kind),
            journal=doc.journal,
            number=doc.number,
            control=convert.control(control),
            actor=actor,
            actor_role=actor_role,
            reason=reason,
        )
        event = envelope.make_event(
            event_type,
            municipality=reglament.meta.municipality,
            reglament=reglament.id,
            body=body,
            event_id=uuid.uuid4().hex,
        )
        return OutboxEvent.of(event)

    @staticmethod
    def _created_event(reglament: Reglament, obligation: Obligation) -> OutboxEvent:
        event = envelope.make_event(
            subjects.OBLIGATION_CREATED,
            municipality=reglament.meta.municipality,
            reglament=reglament.id,
            body=events_pb2.ObligationCreated(obligation=convert.obligation(obligation), of_total=1),
            event_id=envelope.deterministic_id(subjects.OBLIGATION_CREATED, obligation.id),
        )
        return OutboxEvent.of(event)


def _late_put(config: RegistryConfig, obligations: Sequence[Obligation], on: dt.date) -> list[Finding]:
    """A warning when the document is put on control after the term the rules give for it (r12-s2-p6)."""
    out = []
    for ob in obligations:
        if ob.ref.clause in config.fulfilment.put_on_control and on > _day(ob.due):
            due = _day(ob.due).isoformat()
            out.append(
                Finding(
                    ref=ob.ref,
                    severity="warning",
                    message=f"Документ взято на контроль {on.isoformat()}, пізніше строку {due}.",
                    facts={"put_on": on.isoformat(), "due": due},
                )
            )
    return out


def _moment_of(day: dt.date | None) -> dt.datetime | None:
    """When a fulfilment recorded for `day` happened: now if it is today (or not given), else the start of
    that day in Kyiv time (the record keeps days, not moments)."""
    if day is None or day >= today_kyiv():
        return None
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=KYIV)


def _day(due: dt.date | dt.datetime) -> dt.date:
    return due.date() if isinstance(due, dt.datetime) else due


def _quote(reglament: Reglament, clause: str) -> str:
    encodings = reglament.by_clause(clause)
    return encodings[0].quote if encodings else ""


def _kinds() -> list[str]:
    return [name.removeprefix("DOCUMENT_KIND_").lower() for name in common_pb2.DocumentKind.keys()][1:]  # noqa: SIM118


def _domain_error(exc: Exception) -> Exception:
    """A store error as the domain error the servicers map to a status code."""
    if isinstance(exc, store_errors.InvalidArgument):
        return InvalidArgument(exc.message, field=exc.field)
    if isinstance(exc, store_errors.NotFound):
        return NotFound(str(exc), field=exc.field)
    return exc
