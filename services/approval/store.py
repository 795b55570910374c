"""The approval service's persistence: drafts with their rounds, visas and substitutions, meetings,
request replies and the event outbox, in its own tables (reglament.store.schema, migrations 0004, 0006)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from reglament.approval.lifecycle import (
    Approver,
    Decision,
    DraftInput,
    DraftState,
    Stage,
    Substitution,
    Visa,
)
from reglament.domain import ClauseRef, Obligation, ObligationStatus
from reglament.errors import InvalidArgument
from reglament.events.outbox import Outbox, OutboxEvent, PendingEvent
from reglament.route import PlannedStep
from reglament.store.schema import (
    approval_drafts,
    approval_meetings,
    approval_outbox,
    approval_requests,
    approval_route_steps,
    approval_substitutions,
    approval_visas,
)
from reglament.store.store import Store

OUTBOX_BATCH = 500


@dataclass(frozen=True)
class MeetingRow:
    id: str
    reglament: str
    body: str
    date: dt.date
    record: bytes
    result: bytes


@dataclass
class Mutation:
    """What one request changes: new draft states, events to publish, a meeting, and the reply."""

    response: bytes
    drafts: list[DraftState] = field(default_factory=list)
    events: list[OutboxEvent] = field(default_factory=list)
    meeting: MeetingRow | None = None


Apply = Callable[[dict[str, DraftState]], Mutation]


@dataclass(frozen=True)
class Replied:
    """The reply of a request, and whether it is a retry answered from the first result."""

    response: bytes
    replayed: bool


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# -- rows <-> records -------------------------------------------------------------------------------


def _ref_json(ref: ClauseRef | None) -> dict[str, str] | None:
    if ref is None:
        return None
    return {"reglament": ref.reglament, "clause": ref.clause, "quote": ref.quote, "interpretation": ref.interpretation}


def _ref(data: Any) -> ClauseRef | None:
    if not data:
        return None
    return ClauseRef(data["reglament"], data["clause"], data["quote"], data.get("interpretation", ""))


def _draft_json(draft: DraftInput) -> dict[str, Any]:
    return {**draft.base(), "task_bodies": list(draft.task_bodies), "attributes": dict(draft.attributes)}


def _draft(data: dict[str, Any]) -> DraftInput:
    return DraftInput(
        kind=data["kind"],
        title=data.get("title", ""),
        preparing_body=data.get("preparing_body", ""),
        competent_body=data.get("competent_body", ""),
        responsible_deputy=data.get("responsible_deputy", ""),
        coordinating_deputy=data.get("coordinating_deputy", ""),
        finance_competence=bool(data.get("finance_competence")),
        to_council=bool(data.get("to_council")),
        restricted=bool(data.get("restricted")),
        task_bodies=tuple(data.get("task_bodies") or ()),
        attributes=dict(data.get("attributes") or {}),
    )


def _obligation_json(ob: Obligation) -> dict[str, Any]:
    return {
        "id": ob.id,
        "ref": _ref_json(ob.ref),
        "subject_id": ob.subject_id,
        "bearer": ob.bearer,
        "action": ob.action,
        "due": ob.due.isoformat(),
        "explanation": list(ob.explanation),
        "status": ob.status.value,
    }


def _obligation(data: dict[str, Any]) -> Obligation:
    due_text = data["due"]
    due: dt.date | dt.datetime = (
        dt.datetime.fromisoformat(due_text) if "T" in due_text else dt.date.fromisoformat(due_text)
    )
    ref = _ref(data["ref"])
    assert ref is not None
    return Obligation(
        id=data["id"],
        ref=ref,
        subject_id=data["subject_id"],
        bearer=data["bearer"],
        action=data["action"],
        due=due,
        explanation=tuple(data["explanation"]),
        status=ObligationStatus(data["status"]),
    )


def _draft_row(state: DraftState, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": state.id,
        "reglament": state.reglament,
        "kind": state.draft.kind,
        "title": state.draft.title,
        "draft": _draft_json(state.draft),
        "approvers": [{"role": a.role, "body": a.body, "person": a.person} for a in state.approvers],
        "stage": state.stage.value,
        "round": state.round,
        "round_reason": state.round_reason,
        "round_clause": _ref_json(state.round_clause),
        "paper_clause": _ref_json(state.paper_clause),
        "submitted": state.submitted,
        "meeting": state.meeting,
        "adopted": state.adopted,
        "proposer": state.proposer,
        "signed": state.signed,
        "signed_by": state.signed_by,
        "signer": state.signer,
        "next_seq": state.next_seq,
        "obligations": [_obligation_json(o) for o in state.obligations],
        "updated_at": now,
    }


def _step_row(draft_id: str, round_: int, position: int, step: PlannedStep) -> dict[str, Any]:
    return {
        "draft_id": draft_id,
        "round": round_,
        "step_id": step.step_id,
        "position": position,
        "rank": step.order,
        "role": step.role,
        "role_name": step.role_name,
        "body": step.body,
        "holder": step.holder,
        "holder_key": step.holder_key,
        "per_body": step.per_body,
        "clause": step.ref.clause,
        "quote": step.ref.quote,
        "interpretation": step.ref.interpretation,
        "after": list(step.after),
        "paper_only": step.paper_only,
    }


def _step(row: sa.Row[Any], reglament: str) -> PlannedStep:
    return PlannedStep(
        order=row.rank,
        role=row.role,
        body=row.body,
        ref=ClauseRef(reglament, row.clause, row.quote, row.interpretation),
        paper_only=row.paper_only,
        after=tuple(row.after),
        step_id=row.step_id,
        holder=row.holder,
        holder_key=row.holder_key,
        role_name=row.role_name,
        per_body=row.per_body,
    )


def _visa_row(draft_id: str, visa: Visa, now: dt.datetime) -> dict[str, Any]:
    return {
        "draft_id": draft_id,
        "seq": visa.seq,
        "round": visa.round,
        "step_id": visa.step_id,
        "actor": visa.actor,
        "on_behalf_of": visa.on_behalf_of,
        "decision": visa.decision.value,
        "remarks": visa.remarks,
        "medium": visa.medium,
        "visaed_on": visa.visaed_on,
        "voided": visa.voided,
        "covers": list(visa.covers),
        "recorded_at": now,
    }


def _visa(row: sa.Row[Any]) -> Visa:
    return Visa(
        seq=row.seq,
        round=row.round,
        step_id=row.step_id,
        actor=row.actor,
        decision=Decision(row.decision),
        visaed_on=row.visaed_on,
        medium=row.medium,
        remarks=row.remarks,
        on_behalf_of=row.on_behalf_of,
        voided=row.voided,
        covers=tuple(row.covers),
    )


# -- the store --------------------------------------------------------------------------------------


class ApprovalStore:
    """Synchronous and thread-safe; every public method is one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine
        # Transactions are the store's own: SQLite writers queue on its lock; PostgreSQL rows are locked
        # FOR UPDATE where a draft is changed.
        self._write = store.write
        self._read = store.read
        self.outbox = Outbox(approval_outbox, self.engine, self._write)  # (reglament.events.outbox)

    @classmethod
    def open(cls, url: str) -> ApprovalStore:
        return cls(Store.open(url))

    def close(self) -> None:
        self.store.close()

    # -- reads ------------------------------------------------------------------------------------

    def get_draft(self, draft_id: str) -> DraftState | None:
        with self._read() as conn:
            return self._load(conn, draft_id, lock=False)

    def _load(self, conn: sa.Connection, draft_id: str, *, lock: bool) -> DraftState | None:
        query = sa.select(approval_drafts).where(approval_drafts.c.id == draft_id)
        if lock and conn.dialect.name == "postgresql":
            query = query.with_for_update()
        row = conn.execute(query).one_or_none()
        if row is None:
            return None
        steps = conn.execute(
            sa.select(approval_route_steps)
            .where(approval_route_steps.c.draft_id == draft_id, approval_route_steps.c.round == row.round)
            .order_by(approval_route_steps.c.position)
        ).all()
        visas = conn.execute(
            sa.select(approval_visas)
            .where(approval_visas.c.draft_id == draft_id, approval_visas.c.round == row.round)
            .order_by(approval_visas.c.seq)
        ).all()
        subs = conn.execute(
            sa.select(approval_substitutions)
            .where(approval_substitutions.c.draft_id == draft_id)
            .order_by(approval_substitutions.c.seq)
        ).all()
        return DraftState(
            id=row.id,
            reglament=row.reglament,
            draft=_draft(row.draft),
            submitted=row.submitted,
            stage=Stage(row.stage),
            round=row.round,
            round_reason=row.round_reason,
            round_clause=_ref(row.round_clause),
            steps=[_step(s, row.reglament) for s in steps],
            visas=[_visa(v) for v in visas],
            substitutions=[
                Substitution(s.seq, s.step_id, s.absent, s.substitute, s.acting, s.phase, _ref(s.clause), s.round)
                for s in subs
            ],
            approvers=tuple(Approver(a["role"], a["body"], a["person"]) for a in row.approvers),
            paper_clause=_ref(row.paper_clause),
            meeting=row.meeting,
            adopted=row.adopted,
            proposer=row.proposer,
            signed=row.signed,
            signed_by=row.signed_by,
            signer=row.signer,
            next_seq=row.next_seq,
            obligations=[_obligation(o) for o in row.obligations],
        )

    def get_meeting(self, meeting_id: str) -> MeetingRow | None:
        with self._read() as conn:
            row = conn.execute(sa.select(approval_meetings).where(approval_meetings.c.id == meeting_id)).one_or_none()
        if row is None:
            return None
        return MeetingRow(row.id, row.reglament, row.body, row.meeting_date, row.record, row.result)

    def count_drafts(self) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(approval_drafts)).scalar_one())

    def count_meetings(self) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(approval_meetings)).scalar_one())

    # -- the one write path -----------------------------------------------------------------------

    def mutate(
        self, *, rpc: str, request_id: str | None, fingerprint: str, draft_ids: Sequence[str], apply: Apply
    ) -> Replied:
        """Runs `apply` on the current states of `draft_ids` in one transaction and stores its effects.

        A request id seen before returns its first reply and changes nothing; the same id with a
        different request is refused. `apply` may raise a DomainError: nothing is written then.
        """
        for attempt in range(2):
            try:
                return self._mutate(rpc, request_id, fingerprint, draft_ids, apply)
            except sa.exc.IntegrityError:
                if attempt or request_id is None:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _mutate(
        self, rpc: str, request_id: str | None, fingerprint: str, draft_ids: Sequence[str], apply: Apply
    ) -> Replied:
        now = _utcnow()
        with self._write() as conn:
            if request_id is not None:
                seen = conn.execute(
                    sa.select(approval_requests).where(approval_requests.c.request_id == request_id)
                ).one_or_none()
                if seen is not None:
                    if seen.rpc != rpc or seen.fingerprint != fingerprint:
                        raise InvalidArgument(
                            "was already used for a different request; use a new request id", field="request_id"
                        )
                    return Replied(bytes(seen.response), replayed=True)
            before: dict[str, DraftState] = {}
            for draft_id in dict.fromkeys(draft_ids):
                state = self._load(conn, draft_id, lock=True)
                if state is not None:
                    before[draft_id] = state
            mutation = apply(dict(before))
            for state in mutation.drafts:
                self._save(conn, before.get(state.id), state, now)
            if mutation.meeting is not None:
                m = mutation.meeting
                conn.execute(
                    approval_meetings.insert().values(
                        id=m.id,
                        reglament=m.reglament,
                        body=m.body,
                        meeting_date=m.date,
                        record=m.record,
                        result=m.result,
                        created_at=now,
                    )
                )
            self.outbox.put(conn, mutation.events, now=now)
            if request_id is not None:
                conn.execute(
                    approval_requests.insert().values(
                        request_id=request_id,
                        rpc=rpc,
                        fingerprint=fingerprint,
                        response=mutation.response,
                        created_at=now,
                    )
                )
            return Replied(mutation.response, replayed=False)

    def _save(self, conn: sa.Connection, old: DraftState | None, new: DraftState, now: dt.datetime) -> None:
        row = _draft_row(new, now)
        if old is None:
            conn.execute(approval_drafts.insert().values(**row, created_at=now))
        else:
            conn.execute(approval_drafts.update().where(approval_drafts.c.id == new.id).values(**row))
        if old is None or old.round != new.round:
            rows = [_step_row(new.id, new.round, i, s) for i, s in enumerate(new.steps)]
            if rows:
                conn.execute(approval_route_steps.insert(), rows)
        known = {v.seq: v for v in old.visas} if old is not None and old.round == new.round else {}
        added = [_visa_row(new.id, v, now) for v in new.visas if v.seq not in known]
        if added:
            conn.execute(approval_visas.insert(), added)
        for visa in new.visas:
            previous = known.get(visa.seq)
            if previous is not None and previous.voided != visa.voided:
                conn.execute(
                    approval_visas.update()
                    .where(approval_visas.c.draft_id == new.id, approval_visas.c.seq == visa.seq)
                    .values(voided=visa.voided)
                )
        old_subs = {s.seq for s in old.substitutions} if old is not None else set()
        subs = [
            {
                "draft_id": new.id,
                "seq": s.seq,
                "step_id": s.step_id,
                "absent": s.absent,
                "substitute": s.substitute,
                "acting": s.acting,
                "phase": s.phase,
                "round": s.round,
                "clause": _ref_json(s.ref),
                "recorded_at": now,
            }
            for s in new.substitutions
            if s.seq not in old_subs
        ]
        if subs:
            conn.execute(approval_substitutions.insert(), subs)

    # -- outbox (reglament.events.outbox) -----------------------------------------------------------

    def pending_events(self, limit: int = OUTBOX_BATCH) -> list[PendingEvent]:
        return self.outbox.unpublished(limit)

    def mark_published(self, event_ids: Sequence[str]) -> None:
        self.outbox.mark_published(event_ids=event_ids)
