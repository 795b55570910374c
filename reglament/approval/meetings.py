"""A meeting of the executive committee as facts, checked against every encoded clause of subject `meeting`.

A meeting is evaluated as a whole, then once per agenda item, declaration and notice with that
part's facts added; a part keeps the findings and obligations of clauses that use its own facts,
so a quorum problem is reported once, for the meeting, and a vote problem for its item.

An item counts as adopted only when the given facts establish what the adoption rests on (the
procedure's quorum and majority clauses, or a poll's); other findings of the meeting (terms of the
agenda and materials, the protocol) stay findings and do not undo a lawfully voted decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reglament.approval.checks import (
    Moment,
    check_fulfilment,
    engine_values,
    evaluate_given,
    kleene,
    requirement,
    satisfied,
)
from reglament.approval.drafts import check_fulfilled_keys
from reglament.approval.facts import KYIV
from reglament.approval.lifecycle import Outcome
from reglament.approval.procedure import Procedure, procedure_of
from reglament.domain import ClauseRef, Finding, Obligation
from reglament.errors import InvalidArgument
from reglament.rules.evaluate import Evaluation, FactsError
from reglament.rules.loader import Reglament
from reglament.rules.schema import Condition, Encoding, Subject

EXECUTIVE_COMMITTEE = "executive_committee"
VOTES_FOR = "votes_for"


@dataclass(frozen=True)
class ItemInput:
    draft_id: str = ""
    title: str = ""
    votes_for: int | None = None
    votes_against: int | None = None
    tacit_consent: bool | None = None
    has_remarks: bool | None = None
    adopted: bool | None = None
    changed: bool | None = None
    proposer: str = ""
    added_at_meeting: bool | None = None
    members_consent: bool | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)  # parsed attributes


@dataclass(frozen=True)
class DeclarationInput:
    member: str = ""
    item: int = 0
    in_protocol: bool | None = None
    member_votes: bool | None = None
    external_control: bool | None = None
    known: dt.date | None = None
    notified: dt.date | None = None


@dataclass(frozen=True)
class NoticeInput:
    person: str = ""
    category: str = ""
    sent: Moment | None = None
    signed: bool | None = None
    agreed: bool | None = None


@dataclass(frozen=True)
class MeetingInput:
    date: dt.date
    body: str = ""  # empty: executive_committee
    start: dt.datetime | None = None
    members_total: int | None = None
    present: int | None = None
    present_members: tuple[str, ...] = ()
    absent_members: tuple[str, ...] = ()
    invited: tuple[str, ...] = ()
    agenda: Mapping[str, Any] = field(default_factory=dict)  # agenda_formed, agenda_agreed_by_mayor, …
    materials_to_members: dt.date | None = None
    protocol: Mapping[str, Any] = field(default_factory=dict)  # protocol_date, protocol_has_…, …
    poll: Mapping[str, Any] | None = None  # emergency, poll_signed_by_mayor, poll_signatures
    items: tuple[ItemInput, ...] = ()
    declarations: tuple[DeclarationInput, ...] = ()
    notices: tuple[NoticeInput, ...] = ()
    facts: Mapping[str, Any] = field(default_factory=dict)  # parsed attributes
    fulfilled: Mapping[str, Moment] = field(default_factory=dict)

    def present_count(self) -> int | None:
        if self.present is not None:
            return self.present
        return len(self.present_members) if self.present_members else None


@dataclass(frozen=True)
class PartFinding:
    part: str  # meeting | item | declaration | notice
    index: int  # 0 for the meeting, else 1-based within its part
    finding: Finding


@dataclass(frozen=True)
class Unproven:
    """Why the given facts do not establish an adoption (Ukrainian), and the clause it rests on."""

    message: str
    ref: ClauseRef


@dataclass
class MeetingValidation:
    findings: list[PartFinding] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    satisfied: list[ClauseRef] = field(default_factory=list)
    quorum: bool = False
    ignored: list[str] = field(default_factory=list)
    unproven: dict[int, Unproven] = field(default_factory=dict)  # item (1-based) → why its adoption is not shown

    def violations(self, part: str, index: int) -> list[Finding]:
        return [
            p.finding
            for p in self.findings
            if p.part == part and p.index == index and p.finding.severity == "violation"
        ]


def _typed(reglament: Reglament, typed: Mapping[str, Any], ignored: list[str], prefix: str = "") -> dict[str, Any]:
    vocabulary = reglament.facts()
    out = {}
    for name, value in typed.items():
        if value is None:
            continue
        if name in vocabulary:
            out[name] = value
        elif f"{prefix}{name}" not in ignored:
            ignored.append(f"{prefix}{name}")
    return out


def meeting_facts(reglament: Reglament, meeting: MeetingInput, ignored: list[str]) -> dict[str, Any]:
    """The meeting's own facts: typed values, attributes, then the defaults (body, total membership)."""
    typed: dict[str, Any] = {
        "meeting_body": meeting.body or None,
        "meeting": meeting.date,
        "meeting_start": meeting.start.replace(tzinfo=KYIV) if meeting.start else None,
        "members_total": meeting.members_total,
        "present": meeting.present_count(),
        **meeting.agenda,
        **meeting.protocol,
    }
    if meeting.poll is not None:
        typed["poll"] = True
        typed.update(meeting.poll)
    changed = [i.changed for i in meeting.items if i.changed is not None]
    if changed:
        typed["amendments_made"] = any(changed)
    _no_clash(typed, meeting.facts, "meeting.attributes")
    facts = {**_typed(reglament, typed, ignored), **meeting.facts}
    vocabulary = reglament.facts()
    defaults = {"meeting_body": EXECUTIVE_COMMITTEE, "members_total": reglament.meta.executive_committee.total}
    for name, value in defaults.items():
        if name in vocabulary and name not in facts:
            facts[name] = value
    return facts


def check_counts(meeting: MeetingInput, members_total: Any) -> None:
    """InvalidArgument when the counts contradict each other: more present, voting or signing than the
    committee has members, or more votes on an item than members present. Such a record is a typing error,
    and the rules would otherwise judge quorum and majority on it."""
    total = members_total if isinstance(members_total, int) and members_total > 0 else None
    present = meeting.present_count()
    if total is not None and present is not None and present > total:
        raise InvalidArgument(f"{present} present, but the committee has {total} members", field="meeting.present")
    signatures = (meeting.poll or {}).get("poll_signatures")
    if total is not None and isinstance(signatures, int) and signatures > total:
        raise InvalidArgument(
            f"{signatures} signatures, but the committee has {total} members", field="meeting.poll.signatures"
        )
    voters = present if present is not None and meeting.poll is None else total
    for i, item in enumerate(meeting.items):
        votes = (item.votes_for or 0) + (item.votes_against or 0)
        if voters is not None and votes > voters:
            who = "members present" if voters == present and meeting.poll is None else "members"
            raise InvalidArgument(f"{votes} votes, but {voters} {who}", field=f"meeting.items[{i}].votes_for")


def _no_clash(typed: Mapping[str, Any], attributes: Mapping[str, Any], field_name: str) -> None:
    for name in sorted(attributes):
        if typed.get(name) is not None:
            raise InvalidArgument(
                f"fact {name!r} is given twice (its own field and attributes)", field=f"{field_name}[{name}]"
            )


def _item_facts(reglament: Reglament, item: ItemInput, ignored: list[str]) -> dict[str, Any]:
    tacit = item.tacit_consent
    if tacit is None and item.votes_for is not None:
        tacit = False  # a recorded vote is not tacit consent (r6-s8-p2)
    typed = {
        VOTES_FOR: item.votes_for,
        "votes_against": item.votes_against,
        "tacit_consent": tacit,
        "has_remarks": item.has_remarks,
        "adopted": item.adopted,
        "amended_at_meeting": item.changed,
    }
    vocabulary = reglament.facts()
    if "amended_at_meeting" not in vocabulary:
        typed.pop("amended_at_meeting")  # Vinnytsia: the meeting's amendments_made carries it
    _no_clash(typed, item.facts, "meeting.items.attributes")
    return {**_typed(reglament, typed, ignored, "items."), **item.facts}


def _declaration_facts(reglament: Reglament, declaration: DeclarationInput, ignored: list[str]) -> dict[str, Any]:
    typed = {
        "conflict_of_interest": True,
        "coi_notice": True,
        "coi_in_protocol": declaration.in_protocol,
        "coi_member_votes": declaration.member_votes,
        "external_control": declaration.external_control,
        "coi_known": declaration.known,
    }
    return _typed(reglament, typed, ignored, "declarations.")


def _notice_facts(reglament: Reglament, notice: NoticeInput, ignored: list[str]) -> dict[str, Any]:
    typed = {
        "participant_category": notice.category or None,
        "notice_signed": notice.signed,
        "notice_agreed": notice.agreed,
    }
    return _typed(reglament, typed, ignored, "notices.")


def _own(reglament: Reglament, ref_clause: str, names: set[str]) -> bool:
    """The clause's encodings use at least one of `names` (the part's own facts)."""
    return any(names & e.facts_used() for e in reglament.by_clause(ref_clause))


def _requires_fact(reglament: Reglament, finding: Finding, name: str) -> bool:
    """The finding's clause requires something of fact `name` (e.g. the quorum of `present`)."""
    return any(name in {c.fact for c in (e.requires or []) if c.fact} for e in reglament.by_clause(finding.ref.clause))


def _fulfils(reglament: Reglament, typed_name: str, value: Moment | None) -> dict[str, Moment]:
    if value is None:
        return {}
    return {key: value for key in procedure_of(reglament).fulfils.get(typed_name, ())}


def validate_meeting(
    reglament: Reglament,
    meeting: MeetingInput,
    *,
    today: dt.date,
    subject_id: str = "",
    drafts_route_completed: Mapping[str, bool] | None = None,
) -> MeetingValidation:
    """Checks the meeting, each agenda item, declaration and notice. `drafts_route_completed` gives the
    route state of linked drafts (the `route_completed` fact of items added at the meeting, r6-s6-p3)."""
    out = MeetingValidation()
    procedure = procedure_of(reglament)
    check_fulfilled_keys(reglament, meeting.fulfilled, "meeting.fulfilled")
    done: dict[str, Moment] = dict(meeting.fulfilled)
    for name, value in (
        ("agenda_formed", meeting.agenda.get("agenda_formed")),
        ("materials_to_members", meeting.materials_to_members),
        ("protocol_date", meeting.protocol.get("protocol_date")),
    ):
        for key, moment in _fulfils(reglament, name, value).items():
            done.setdefault(key, moment)
    satisfied_refs: dict[str, ClauseRef] = {}

    def run(subject: Subject, facts: Mapping[str, Any], sid: str, fulfilled: Mapping[str, Moment]) -> Evaluation:
        try:
            result = evaluate_given(reglament, subject, facts, today=today, subject_id=sid)
            for ref in satisfied(reglament, subject, facts, today):
                satisfied_refs.setdefault(ref.clause, ref)
        except FactsError as exc:
            raise InvalidArgument(str(exc), field="meeting") from exc
        fulfilment = check_fulfilment(reglament, result.obligations, fulfilled)
        result.obligations = fulfilment.obligations
        result.findings = [*result.findings, *fulfilment.findings]
        return result

    base = meeting_facts(reglament, meeting, out.ignored)
    check_counts(meeting, base.get("members_total"))
    whole = run(Subject.MEETING, base, subject_id, done)
    out.findings.extend(PartFinding("meeting", 0, f) for f in whole.findings)
    out.obligations.extend(whole.obligations)
    seen = {(f.ref.clause, f.message) for f in whole.findings}

    def part(kind: str, index: int, subject: Subject, facts: dict[str, Any], fulfilled: Mapping[str, Moment]) -> None:
        own = set(facts)
        if subject is Subject.MEETING:
            facts = {**base, **facts}
        result = run(subject, facts, f"{subject_id}#{kind}-{index}", fulfilled)
        for finding in result.findings:
            mine = _own(reglament, finding.ref.clause, own) or finding.facts.get("fulfilled") is not None
            if mine and (subject is not Subject.MEETING or (finding.ref.clause, finding.message) not in seen):
                out.findings.append(PartFinding(kind, index, finding))
        out.obligations.extend(o for o in result.obligations if _own(reglament, o.ref.clause, own))

    completed = drafts_route_completed or {}
    for i, item in enumerate(meeting.items, start=1):
        facts = _item_facts(reglament, item, out.ignored)
        if facts:
            part("item", i, Subject.MEETING, facts, {})
        if item.added_at_meeting is not None:
            typed: dict[str, Any] = {
                "kind": "decision",
                "added_at_meeting": item.added_at_meeting,
                "members_consent": item.members_consent,
            }
            if procedure.route_completed_fact and item.draft_id:
                typed[procedure.route_completed_fact] = completed.get(item.draft_id)
            draft_facts = _typed(reglament, typed, out.ignored, "items.")
            own = {k for k in draft_facts if k != "kind"}
            try:
                result = evaluate_given(reglament, Subject.DRAFT, draft_facts, today=today)
            except FactsError as exc:
                raise InvalidArgument(str(exc), field=f"meeting.items[{i - 1}]") from exc
            for finding in result.findings:
                if _own(reglament, finding.ref.clause, own):
                    out.findings.append(PartFinding("item", i, finding))
            for ref in satisfied(reglament, Subject.DRAFT, draft_facts, today):
                if _own(reglament, ref.clause, own):
                    satisfied_refs.setdefault(ref.clause, ref)
    for i, declaration in enumerate(meeting.declarations, start=1):
        part(
            "declaration",
            i,
            Subject.MEETING,
            _declaration_facts(reglament, declaration, out.ignored),
            _fulfils(reglament, "coi_notified", declaration.notified),
        )
    for i, notice in enumerate(meeting.notices, start=1):
        part(
            "notice",
            i,
            Subject.MEETING,
            _notice_facts(reglament, notice, out.ignored),
            _fulfils(reglament, "notice_sent", notice.sent),
        )
    if procedure.quorum_keys:
        out.quorum = _unproven(reglament, procedure.quorum_keys, base, today, QUORUM) is None
    else:
        present = base.get("present")
        quorum_broken = any(
            p.part == "meeting"
            and p.finding.severity == "violation"
            and _requires_fact(reglament, p.finding, "present")
            for p in out.findings
        )
        out.quorum = present is not None and not quorum_broken
    for i, item in enumerate(meeting.items, start=1):
        why = _adoption_unproven(reglament, procedure, base, _item_facts(reglament, item, []), today)
        if why is not None:
            out.unproven[i] = why
    broken = {p.finding.ref.clause for p in out.findings if p.finding.severity == "violation"}
    out.satisfied = [ref for clause, ref in satisfied_refs.items() if clause not in broken]
    return out


# What each group of the procedure's keys establishes (Ukrainian, for the reason an adoption does not count).
QUORUM = "правомочність засідання (кворум)"
MAJORITY = (
    "більшість голосів «за» від загального складу виконавчого комітету (або мовчазну згоду, де її допускає регламент)"
)
POLL = "підстави і підписи листа опитування"


def _encodings(reglament: Reglament, keys: tuple[str, ...]) -> list[Encoding]:
    """The encodings named by `keys` ("clause" for all its variants, "clause#variant" for one) that require."""
    out: list[Encoding] = []
    for key in keys:
        clause, _, variant = key.partition("#")
        out.extend(e for e in reglament.by_clause(clause) if e.requires and (not variant or e.key == key))
    return out


def _applicable(encoding: Encoding, values: Mapping[str, Any]) -> bool | None:
    """Whether the encoding applies (True), does not (False) or a fact its conditions test is not given (None)."""
    parts = [kleene(c, values) for c in encoding.applies_when]
    if any(p is False for p in parts):
        return False
    return True if all(p is True for p in parts) else None


def _missing(reglament: Reglament, conditions: Sequence[Condition], values: Mapping[str, Any]) -> str:
    """The facts not given that leave `conditions` undecided, with their descriptions."""
    names: set[str] = set()

    def walk(cond: Condition) -> None:
        if kleene(cond, values) is not None:
            return
        if cond.fact is None:
            for part in (*(cond.all or ()), *(cond.any or ())):
                walk(part)
            return
        names.update(n for n in cond.facts_used() if values.get(n) is None)

    for cond in conditions:
        walk(cond)
    vocabulary = reglament.facts()
    return "; ".join(f"{vocabulary[n].description} ({n})" if n in vocabulary else n for n in sorted(names))


def _unproven(
    reglament: Reglament, keys: tuple[str, ...], facts: Mapping[str, Any], today: dt.date, what: str
) -> Unproven | None:
    """None when the given facts establish the group `keys`: at least one of its encodings applies and every
    one that applies is met. Otherwise why not: a requirement broken, a fact not given, or no encoding applying
    (the body cannot decide, e.g. a нарада)."""
    encodings = _encodings(reglament, keys)
    values = engine_values(reglament, Subject.MEETING, facts, today)
    judged = [(e, _applicable(e, values), requirement(e, values)) for e in encodings]
    applying = [(e, met) for e, app, met in judged if app is True]
    for encoding, met in applying:
        if met is False:
            return Unproven(encoding.message, _clause(reglament, encoding))
    if applying and all(met is True for _, met in applying):
        return None
    undecided = [(e, e.requires or []) for e, met in applying if met is None]
    undecided += [(e, e.applies_when) for e, app, _ in judged if app is None]
    if undecided:
        encoding, conditions = undecided[0]
        return Unproven(
            f"Прийняття рішення не підтверджено: не встановлено {what} — не зазначено: "
            f"{_missing(reglament, conditions, values)}.",
            _clause(reglament, encoding),
        )
    adoption = procedure_of(reglament).adoption_clause
    cite = next(iter(reglament.by_clause(adoption)), None) if adoption else None
    cite = cite or (encodings[0] if encodings else None)
    assert cite is not None, f"{reglament.id}: no encoding for {keys}"
    body = facts.get("meeting_body") or EXECUTIVE_COMMITTEE
    return Unproven(
        f"Рішення виконавчого комітету приймається лише на його правомочному засіданні; для засідання виду "
        f"«{body}» {what} не встановлюється, тож рішення прийнятим не вважається.",
        _clause(reglament, cite),
    )


def _clause(reglament: Reglament, encoding: Encoding) -> ClauseRef:
    return ClauseRef(reglament.id, encoding.id, encoding.quote, encoding.interpretation)


def _adoption_unproven(
    reglament: Reglament, procedure: Procedure, base: Mapping[str, Any], item: Mapping[str, Any], today: dt.date
) -> Unproven | None:
    """Why the facts of the meeting and of one item do not establish that the item was adopted, if they do not:
    the quorum and the majority (or tacit consent), or for a poll its grounds and signatures."""
    facts = {**base, **item}
    if "adopted" in reglament.facts():
        facts["adopted"] = True  # the question asked: may this item count as adopted?
    if procedure.poll_keys and facts.get("poll") is True:
        return _unproven(reglament, procedure.poll_keys, facts, today, POLL)
    groups = ((procedure.quorum_keys, QUORUM), (procedure.majority_keys, MAJORITY))
    for keys, what in groups:
        why = _unproven(reglament, keys, facts, today, what) if keys else None
        if why is not None:
            return why
    return None


def _lawful_refs(reglament: Reglament, procedure: Procedure) -> set[tuple[str, str]]:
    """(clause, quote) of the encodings whose violation makes a decision of the meeting unlawful (quorum, the
    vote, a poll's conditions); a finding carries no variant, so the quote tells the variants of a clause apart
    (Shostka r2-s2-p2.7: the quorum is, the monthly frequency is not)."""
    keys = (*procedure.quorum_keys, *procedure.majority_keys, *procedure.poll_keys)
    return {(e.id, e.quote) for e in _encodings(reglament, keys)}


def _no_majority(reglament: Reglament, finding: Finding) -> bool:
    """The finding says only that the votes "for" fell short of the majority the clause requires: every
    condition its encoding requires is about `votes_for` (e.g. Shostka r8-s4-p4.8, r8-s8-p8.1)."""
    for encoding in reglament.by_clause(finding.ref.clause):
        if encoding.message != finding.message or not encoding.requires:
            continue
        if all(c.fact == VOTES_FOR for c in encoding.requires):
            return True
    return False


def item_outcome(
    reglament: Reglament, validation: MeetingValidation, index: int, item: ItemInput
) -> tuple[Outcome | None, str, ClauseRef | None]:
    """What the meeting decided about item `index` (1-based), or None with the reason it cannot count.

    Only what makes the decision unlawful blocks it: a violation of the quorum, of a poll's conditions or of
    the item's own vote. Other violations of the meeting (late agenda or materials, the protocol) remain
    findings. An adoption counts only when the given facts establish the quorum and the majority (or tacit
    consent), or a poll's grounds and signatures. A draft recorded as not adopted is not blocked by a finding
    that the vote had no majority: that finding states the very outcome recorded, and recording it is lawful."""
    item_violations = validation.violations("item", index)
    if item.adopted is False:
        item_violations = [f for f in item_violations if not _no_majority(reglament, f)]
    lawful = _lawful_refs(reglament, procedure_of(reglament))
    meeting_violations = [
        f for f in validation.violations("meeting", 0) if not lawful or (f.ref.clause, f.ref.quote) in lawful
    ]
    blocking = meeting_violations or item_violations
    if blocking:
        first = blocking[0]
        return None, f"{first.message} «{first.ref.quote}» [{first.ref.qualified}]", first.ref
    adopted = item.adopted if item.adopted is not None else (True if item.tacit_consent else None)
    if adopted is None:
        return None, "результат розгляду питання не зазначено (adopted)", None
    if not adopted:
        return Outcome.NOT_ADOPTED, "", None
    unproven = validation.unproven.get(index)
    if unproven is not None:
        return None, f"{unproven.message} «{unproven.ref.quote}» [{unproven.ref.qualified}]", unproven.ref
    return (Outcome.ADOPTED_WITH_CHANGES if item.changed else Outcome.ADOPTED), "", None
