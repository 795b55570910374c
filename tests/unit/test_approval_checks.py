"""Checks of drafts and meetings: only given facts produce findings; quorum, votes, polls, terms."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reglament.approval.checks import is_late, kleene
from reglament.approval.drafts import validate_draft
from reglament.approval.lifecycle import Outcome
from reglament.approval.meetings import (
    DeclarationInput,
    ItemInput,
    MeetingInput,
    NoticeInput,
    item_outcome,
    validate_meeting,
)
from reglament.approval.procedure import PROCEDURES
from reglament.domain import ObligationStatus
from reglament.errors import InvalidArgument
from reglament.rules.loader import Reglament, load_reglament
from reglament.rules.schema import Condition, Kind, Subject

TODAY = dt.date(2026, 3, 20)
MEETING = dt.date(2026, 3, 5)  # a Thursday


@pytest.fixture(scope="module")
def vinnytsia() -> Reglament:
    return load_reglament("vinnytsia-2020")


@pytest.fixture(scope="module")
def shostka() -> Reglament:
    return load_reglament("shostka-2013")


@pytest.mark.parametrize(
    ("cond", "values", "expected"),
    [
        ({"fact": "a", "equals": True}, {}, None),
        ({"fact": "a", "equals": True}, {"a": True}, True),
        ({"fact": "a", "equals": True}, {"a": False}, False),
        ({"all": [{"fact": "a", "equals": True}, {"fact": "b", "equals": True}]}, {"a": False}, False),
        ({"all": [{"fact": "a", "equals": True}, {"fact": "b", "equals": True}]}, {"a": True}, None),
        ({"any": [{"fact": "a", "equals": True}, {"fact": "b", "equals": True}]}, {"b": True}, True),
        ({"any": [{"fact": "a", "equals": True}, {"fact": "b", "equals": True}]}, {"b": False}, None),
        ({"fact": "n", "gt": {"fact": "m", "times": 0.5}}, {"n": 8}, None),
        ({"fact": "n", "gt": {"fact": "m", "times": 0.5}}, {"n": 7, "m": 14}, False),
        ({"fact": "n", "gt": {"fact": "m", "times": 0.5}}, {"n": 8, "m": 14}, True),
        ({"fact": "a", "exists": True}, {}, None),
        ({"fact": "a", "exists": False}, {"a": 1}, False),
    ],
)
def test_a_requirement_about_facts_not_given_is_undecided(
    cond: dict[str, Any], values: dict[str, Any], expected: bool | None
) -> None:
    assert kleene(Condition.model_validate(cond), values) is expected


@pytest.mark.parametrize(
    ("done", "due", "late"),
    [
        (dt.date(2026, 3, 3), dt.date(2026, 3, 3), False),
        (dt.date(2026, 3, 4), dt.date(2026, 3, 3), True),
        (dt.datetime(2026, 3, 3, 23, 59), dt.datetime(2026, 3, 4, 0, 0), False),
        (dt.datetime(2026, 3, 4, 0, 1), dt.datetime(2026, 3, 4, 0, 0), True),
        (dt.date(2026, 3, 4), dt.datetime(2026, 3, 4, 0, 0), False),  # the day alone does not show the hour
        (dt.date(2026, 3, 5), dt.datetime(2026, 3, 4, 0, 0), True),
    ],
)
def test_a_fulfilment_is_late_only_after_the_due_day_or_moment(
    done: dt.date | dt.datetime, due: dt.date | dt.datetime, late: bool
) -> None:
    assert is_late(done, due) is late


# -- drafts -----------------------------------------------------------------------------------------


def found(result: Any) -> list[tuple[str, str]]:
    return sorted((f.ref.clause, f.severity) for f in result.findings)


@pytest.mark.parametrize(
    ("facts", "reported"),
    [
        ({}, []),
        ({"executor_count": 2}, []),
        ({"executor_count": 2, "has_coordinator": False}, [("r6-s4-p3", "violation")]),
        ({"executor_count": 1, "has_coordinator": False}, []),
        ({"pages": 5, "bound_and_certified": False}, []),
        ({"pages": 6, "bound_and_certified": False}, [("r6-s4-p8-a2", "violation")]),
        ({"pages": 6, "bound_and_certified": True}, []),
        ({"has_distribution_list": False}, [("r6-s4-p13", "violation")]),
        ({"tasks_have_terms": True, "tasks_have_responsible": False}, [("r6-s4-p3", "violation")]),
        ({"amends_previous": True, "has_explanatory_note": False}, [("r6-s8-p5-a2", "violation")]),
    ],
)
def test_the_content_of_a_draft_decision(vinnytsia: Reglament, facts: dict[str, Any], reported: list[Any]) -> None:
    assert found(validate_draft(vinnytsia, {"kind": "decision", **facts}, today=TODAY)) == reported


@pytest.mark.parametrize(
    ("submitted", "permission", "reported"),
    [
        # 2 working days before Thursday 05.03.2026: Monday 02.03.2026 at the latest
        (dt.date(2026, 3, 2), None, []),
        (dt.date(2026, 3, 3), None, [("r6-s4-p14", "violation")]),
        (dt.date(2026, 3, 3), False, [("r6-s3-p1-a2", "violation"), ("r6-s4-p14", "violation")]),
        (dt.date(2026, 3, 3), True, [("r6-s4-p14", "info")]),
        (dt.date(2026, 3, 2), False, []),
    ],
)
def test_materials_after_the_term_need_the_mayors_permission(
    vinnytsia: Reglament, submitted: dt.date, permission: bool | None, reported: list[Any]
) -> None:
    facts: dict[str, Any] = {"kind": "decision"}
    if permission is not None:
        facts["mayor_permission"] = permission
    result = validate_draft(vinnytsia, facts, today=TODAY, meeting=MEETING, materials_submitted=submitted)
    assert found(result) == reported
    [term] = result.obligations
    assert (term.ref.clause, term.due) == ("r6-s4-p14", dt.date(2026, 3, 2))
    assert term.status is (ObligationStatus.FULFILLED if submitted <= term.due else ObligationStatus.VIOLATED)
    if permission:
        assert "r6-s3-p1-a2" in {r.clause for r in result.satisfied}


@pytest.mark.parametrize(
    ("permission", "reported"),
    [
        (None, [("r8-s2-p2.4", "violation")]),
        (False, [("r8-s2-p2.4", "violation"), ("r8-s2-p2.7", "violation")]),
        (True, [("r8-s2-p2.4", "info")]),
    ],
)
def test_shostka_late_materials_reach_the_agenda_only_with_the_mayors_permission(
    shostka: Reglament, permission: bool | None, reported: list[Any]
) -> None:
    facts: dict[str, Any] = {"kind": "decision", "included_in_agenda": True}
    if permission is not None:
        facts["mayor_permission"] = permission
    result = validate_draft(shostka, facts, today=TODAY, meeting=MEETING, materials_submitted=dt.date(2026, 3, 4))
    assert found(result) == reported


@pytest.mark.parametrize(("consents", "violated"), [(7, True), (8, False)])
def test_shostka_a_decision_between_meetings_needs_more_than_half_of_the_members(
    shostka: Reglament, consents: int, violated: bool
) -> None:
    facts = {"kind": "decision", "working_order": True, "consents": consents, "members_total": 14}
    assert (("r8-s5-p5.2", "violation") in found(validate_draft(shostka, facts, today=TODAY))) is violated


def test_the_rework_of_a_decision_with_remarks_is_due_in_3_working_days(vinnytsia: Reglament) -> None:
    facts = {"kind": "decision", "changed_at_meeting": True}
    late = validate_draft(vinnytsia, facts, today=TODAY, meeting=MEETING, fulfilled={"r6-s8-p4": dt.date(2026, 3, 11)})
    [rework] = [o for o in late.obligations if o.ref.clause == "r6-s8-p4"]
    assert rework.due == dt.date(2026, 3, 10) and rework.status is ObligationStatus.VIOLATED
    assert ("r6-s8-p4", "violation") in found(late)


def test_a_fulfilment_of_an_unknown_clause_is_refused(vinnytsia: Reglament) -> None:
    with pytest.raises(InvalidArgument) as info:
        validate_draft(vinnytsia, {"kind": "decision"}, today=TODAY, fulfilled={"r6-s4-p13": MEETING})
    assert info.value.field == "fulfilled[r6-s4-p13]"


# -- meetings ---------------------------------------------------------------------------------------


def meeting(**fields: Any) -> MeetingInput:
    return MeetingInput(**{"date": MEETING, "members_total": 14, **fields})


def meeting_found(result: Any) -> list[tuple[str, int, str]]:
    return sorted((p.part, p.index, p.finding.ref.clause) for p in result.findings if p.finding.severity == "violation")


@pytest.mark.parametrize(("reglament_id", "clause"), [("vinnytsia-2020", "r6-s2-p1"), ("shostka-2013", "r8-s4-p4.1")])
@pytest.mark.parametrize(("present", "quorum"), [(6, False), (7, False), (8, True), (14, True)])
def test_the_quorum_is_more_than_half_of_the_total_membership(
    reglament_id: str, clause: str, present: int, quorum: bool
) -> None:
    result = validate_meeting(load_reglament(reglament_id), meeting(present=present), today=TODAY)
    assert result.quorum is quorum
    assert (("meeting", 0, clause) in meeting_found(result)) is not quorum


def test_attendance_by_name_counts_the_members_present(vinnytsia: Reglament) -> None:
    names = tuple(f"Член {i}" for i in range(8))
    assert validate_meeting(vinnytsia, meeting(present_members=names), today=TODAY).quorum
    assert not validate_meeting(vinnytsia, meeting(present_members=names[:7]), today=TODAY).quorum
    assert not validate_meeting(vinnytsia, meeting(), today=TODAY).quorum  # unknown


@pytest.mark.parametrize(
    ("item", "violations"),
    [
        (ItemInput(votes_for=8, adopted=True), []),
        (ItemInput(votes_for=7, adopted=True), ["r6-s8-p1", "r6-s8-p3"]),  # exactly half is no majority
        (ItemInput(votes_for=7, adopted=False), []),
        (ItemInput(tacit_consent=True, has_remarks=False, adopted=True), []),
        (ItemInput(tacit_consent=True, has_remarks=True, adopted=True), ["r6-s8-p2"]),
    ],
)
def test_a_decision_is_adopted_by_a_majority_of_the_total_membership(
    vinnytsia: Reglament, item: ItemInput, violations: list[str]
) -> None:
    result = validate_meeting(vinnytsia, meeting(present=10, items=(item,)), today=TODAY)
    assert [c for part, _, c in meeting_found(result) if part == "item"] == violations
    outcome, _reason, _ = item_outcome(vinnytsia, result, 1, item)
    assert (outcome is None) is bool(violations)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (ItemInput(votes_for=7, adopted=False), Outcome.NOT_ADOPTED),  # lawful: no majority, recorded as such
        (ItemInput(votes_for=8, adopted=False), Outcome.NOT_ADOPTED),
        (ItemInput(votes_for=7, adopted=True), None),  # adopted without a majority: refused
        (ItemInput(votes_for=8, adopted=True), Outcome.ADOPTED),
    ],
)
def test_shostka_a_draft_without_a_majority_is_recorded_as_not_adopted(
    shostka: Reglament, item: ItemInput, expected: Outcome | None
) -> None:
    result = validate_meeting(shostka, meeting(present=10, items=(item,)), today=TODAY)
    outcome, reason, _ = item_outcome(shostka, result, 1, item)
    assert outcome is expected, reason
    if expected is None:
        assert "r8-s4-p4.8" in reason or "r8-s8-p8.1" in reason


@pytest.mark.parametrize(("votes", "violated"), [(7, True), (8, False)])
def test_shostka_a_decision_needs_more_than_half_of_the_total_membership(
    shostka: Reglament, votes: int, violated: bool
) -> None:
    result = validate_meeting(shostka, meeting(present=10, items=(ItemInput(votes_for=votes),)), today=TODAY)
    assert (("item", 1, "r8-s4-p4.8") in meeting_found(result)) is violated


@pytest.mark.parametrize(
    ("signatures", "votes", "violations", "warnings"),
    [
        (6, 8, ["r6-s9-a1"], []),  # fewer than half of the committee signed the poll sheet
        (7, 7, [], ["r6-s9-a1"]),  # half signed (enough: «не менше як половиною»), half for: no majority
        (7, 8, [], []),
        (8, 8, [], []),
    ],
)
def test_a_decision_between_meetings_by_poll(
    vinnytsia: Reglament, signatures: int, votes: int, violations: list[str], warnings: list[str]
) -> None:
    poll = {"emergency": True, "poll_signed_by_mayor": True, "poll_signatures": signatures}
    result = validate_meeting(
        vinnytsia, meeting(poll=poll, items=(ItemInput(votes_for=votes, adopted=True),)), today=TODAY
    )
    assert [c for part, _, c in meeting_found(result) if part == "meeting"] == violations
    assert sorted(p.finding.ref.clause for p in result.findings if p.finding.severity == "warning") == warnings


@pytest.mark.parametrize(
    ("reglament_id", "fields", "item", "clause", "says"),
    [
        # nothing shows the quorum: the number of members present is not given
        ("vinnytsia-2020", {}, ItemInput(votes_for=9, adopted=True), "r6-s2-p1", "(present)"),
        ("vinnytsia-2020", {}, ItemInput(tacit_consent=True, has_remarks=False, adopted=True), "r6-s2-p1", "present"),
        # Shostka states its quorum twice (р. 2 п. 2.7, р. 8 п. 4.1); the refusal cites the first
        ("shostka-2013", {}, ItemInput(votes_for=9, adopted=True), "r2-s2-p2.7", "(present)"),
        # nothing shows the majority: neither the votes nor tacit consent are given
        ("vinnytsia-2020", {"present": 10}, ItemInput(adopted=True), "r6-s8-p1", "(votes_for)"),
        ("shostka-2013", {"present": 10}, ItemInput(adopted=True), "r8-s4-p4.8", "(votes_for)"),
        # tacit consent without saying that the members made no remarks (r6-s8-p2)
        ("vinnytsia-2020", {"present": 10}, ItemInput(tacit_consent=True, adopted=True), "r6-s8-p2", "(has_remarks)"),
        # a нарада is not a meeting of the executive committee: it adopts none of its decisions
        (
            "vinnytsia-2020",
            {"present": 3, "body": "narada"},
            ItemInput(votes_for=3, adopted=True),
            "r6-s8-p1",
            "narada",
        ),
        (
            "vinnytsia-2020",
            {"present": 9, "body": "narada"},
            ItemInput(votes_for=9, adopted=True),
            "r6-s8-p1",
            "narada",
        ),
        (
            "shostka-2013",
            {"present": 9, "body": "narada"},
            ItemInput(votes_for=9, adopted=True),
            "r8-s4-p4.8",
            "narada",
        ),
    ],
)
def test_a_decision_counts_as_adopted_only_when_the_facts_show_quorum_and_majority(
    reglament_id: str, fields: dict[str, Any], item: ItemInput, clause: str, says: str
) -> None:
    reglament = load_reglament(reglament_id)
    result = validate_meeting(reglament, meeting(items=(item,), **fields), today=TODAY)
    outcome, reason, ref = item_outcome(reglament, result, 1, item)
    assert outcome is None
    assert ref is not None and ref.clause == clause and f"[{reglament_id}/{clause}]" in reason
    assert says in reason and f"«{ref.quote}»" in reason
    if "narada" in says:
        assert not result.quorum
    # the same facts with quorum and majority shown adopt it
    shown = meeting(items=(ItemInput(votes_for=9, adopted=True),), **{**fields, "present": 9, "body": ""})
    adopted = validate_meeting(reglament, shown, today=TODAY)
    assert item_outcome(reglament, adopted, 1, shown.items[0])[0] is Outcome.ADOPTED


@pytest.mark.parametrize(
    ("fields", "clause"),
    [
        ({"materials_to_members": dt.date(2026, 3, 4)}, "r6-s3-p1-a4"),  # due 03.03: given a day late
        (
            {
                "agenda": {
                    "agenda_formed": dt.date(2026, 3, 4),
                    "agenda_agreed_by_mayor": True,
                    "agenda_signed_by_keruiuchyi": True,
                }
            },
            "r6-s3-p1",
        ),
        ({"protocol": {"protocol_date": dt.date(2026, 3, 10), "protocol_has_speakers": False}}, "r6-s10-p2.4"),
    ],
)
def test_a_breach_that_does_not_touch_quorum_or_vote_stays_a_finding_and_the_decision_counts(
    vinnytsia: Reglament, fields: dict[str, Any], clause: str
) -> None:
    items = (ItemInput(votes_for=9, adopted=True), ItemInput(votes_for=9, adopted=False))
    result = validate_meeting(vinnytsia, meeting(present=9, items=items, **fields), today=TODAY)
    assert ("meeting", 0, clause) in meeting_found(result)
    assert item_outcome(vinnytsia, result, 1, items[0])[0] is Outcome.ADOPTED
    assert item_outcome(vinnytsia, result, 2, items[1])[0] is Outcome.NOT_ADOPTED


def test_a_month_without_a_meeting_is_a_finding_but_does_not_undo_a_decision_of_a_quorate_meeting() -> None:
    """Shostka р. 2 п. 2.7 states the quorum and the monthly frequency in one point: only the quorum decides
    whether a decision counts."""
    shostka = load_reglament("shostka-2013")
    item = ItemInput(votes_for=9, adopted=True)
    result = validate_meeting(shostka, meeting(present=10, items=(item,), facts={"month_gap": 2}), today=TODAY)
    assert ("meeting", 0, "r2-s2-p2.7") in meeting_found(result) and result.quorum
    assert item_outcome(shostka, result, 1, item)[0] is Outcome.ADOPTED


@pytest.mark.parametrize(("reglament_id", "clause"), [("vinnytsia-2020", "r6-s2-p1"), ("shostka-2013", "r2-s2-p2.7")])
def test_without_quorum_nothing_the_meeting_voted_counts(reglament_id: str, clause: str) -> None:
    reglament = load_reglament(reglament_id)
    items = (ItemInput(votes_for=7, adopted=True), ItemInput(votes_for=2, adopted=False))
    result = validate_meeting(reglament, meeting(present=7, items=items), today=TODAY)
    for i, item in enumerate(items, start=1):
        outcome, reason, ref = item_outcome(reglament, result, i, item)
        assert outcome is None and ref is not None and ref.clause == clause, reason


@pytest.mark.parametrize(
    ("signatures", "members", "adopted"),
    [(7, 14, True), (6, 14, False), (8, 15, True), (7, 15, False)],  # «не менше як половиною складу»
)
def test_a_decision_by_poll_counts_when_at_least_half_of_the_committee_signed(
    vinnytsia: Reglament, signatures: int, members: int, adopted: bool
) -> None:
    poll = {"emergency": True, "poll_signed_by_mayor": True, "poll_signatures": signatures}
    item = ItemInput(votes_for=signatures, adopted=True)
    result = validate_meeting(vinnytsia, meeting(poll=poll, members_total=members, items=(item,)), today=TODAY)
    outcome, reason, ref = item_outcome(vinnytsia, result, 1, item)
    assert (outcome is Outcome.ADOPTED) is adopted, reason
    if not adopted:
        assert ref is not None and ref.clause == "r6-s9-a1"


def test_the_terms_of_the_agenda_materials_and_protocol(vinnytsia: Reglament) -> None:
    agenda = {"agenda_formed": dt.date(2026, 3, 3), "agenda_agreed_by_mayor": True, "agenda_signed_by_keruiuchyi": True}
    protocol = {"protocol_date": dt.date(2026, 3, 13)}
    result = validate_meeting(
        vinnytsia,
        meeting(agenda=agenda, materials_to_members=dt.date(2026, 3, 4), protocol=protocol),
        today=TODAY,
    )
    due = {o.ref.clause: (o.due, o.status) for o in result.obligations}
    # agenda 2 days before: Monday 02.03 (formed on Tuesday: late); materials a day before: Tuesday 03.03
    # (given on Wednesday: late); protocol within 5 working days: Thursday 12.03 (drawn up on Friday: late)
    assert due["r6-s3-p1"] == (dt.date(2026, 3, 2), ObligationStatus.VIOLATED)
    assert due["r6-s3-p1-a4"] == (dt.date(2026, 3, 3), ObligationStatus.VIOLATED)
    assert due["r6-s10-p3"] == (dt.date(2026, 3, 12), ObligationStatus.VIOLATED)
    assert {"r6-s3-p1", "r6-s3-p1-a4", "r6-s10-p3"} <= {c for _, _, c in meeting_found(result)}
    on_time = validate_meeting(
        vinnytsia,
        meeting(
            agenda={**agenda, "agenda_formed": dt.date(2026, 3, 2)},
            materials_to_members=dt.date(2026, 3, 3),
            protocol={"protocol_date": dt.date(2026, 3, 12)},
        ),
        today=TODAY,
    )
    assert not {"r6-s3-p1", "r6-s3-p1-a4", "r6-s10-p3"} & {c for _, _, c in meeting_found(on_time)}


def test_the_protocol_contents_and_signatures(vinnytsia: Reglament) -> None:
    protocol = {
        "protocol_date": dt.date(2026, 3, 10),
        "protocol_has_number_date": True,
        "protocol_has_attendance": False,
        "protocol_has_votes": True,
        "protocol_signed_by_mayor": True,
        "protocol_signed_by_keruiuchyi": False,
    }
    result = validate_meeting(vinnytsia, meeting(protocol=protocol), today=TODAY)
    assert meeting_found(result) == [("meeting", 0, "r6-s10-p2.2"), ("meeting", 0, "r6-s10-p4")]
    assert {"r6-s10-p2.1", "r6-s10-p2.5"} <= {r.clause for r in result.satisfied}


def test_participation_notices_24_hours_before_the_day_of_the_meeting(vinnytsia: Reglament) -> None:
    notices = (
        NoticeInput(category="advisory_head", sent=dt.datetime(2026, 3, 3, 18, 0), signed=True, agreed=True),
        NoticeInput(category="organisation_head", sent=dt.datetime(2026, 3, 4, 9, 0), signed=True, agreed=True),
        NoticeInput(category="citizen", sent=dt.date(2026, 3, 5), signed=False, agreed=True),
    )
    result = validate_meeting(vinnytsia, meeting(notices=notices), today=TODAY)
    assert meeting_found(result) == [("notice", 2, "r6-s5-p3-a2"), ("notice", 3, "r6-s5-p3-a4")]


def test_conflict_of_interest_declarations_go_into_the_protocol(vinnytsia: Reglament) -> None:
    declarations = (
        DeclarationInput(member="Член 1", in_protocol=True),
        DeclarationInput(member="Член 2", in_protocol=False),
        # the member's abstention would cost the quorum: voting only under external control (r6-s8-p10-a7)
        DeclarationInput(member="Член 3", in_protocol=True, member_votes=True, external_control=False),
        DeclarationInput(member="Член 4", known=dt.date(2026, 3, 2), notified=dt.date(2026, 3, 4), in_protocol=True),
    )
    protocol = {"protocol_date": dt.date(2026, 3, 10)}
    result = validate_meeting(vinnytsia, meeting(present=8, declarations=declarations, protocol=protocol), today=TODAY)
    found_ = meeting_found(result)
    assert ("declaration", 1, "r6-s8-p10-a3") not in found_
    assert {("declaration", 2, c) for c in ("r6-s8-p10-a3", "r6-s8-p10-a4", "r6-s10-p2.6")} <= set(found_)
    assert ("declaration", 3, "r6-s8-p10-a7") in found_
    assert ("declaration", 4, "r6-s8-p10-i2") in found_  # notified two working days after learning of it


def test_an_item_added_at_the_start_of_the_meeting_needs_consent_and_a_completed_route(vinnytsia: Reglament) -> None:
    items = (
        ItemInput(draft_id="a", added_at_meeting=True, members_consent=True),
        ItemInput(draft_id="b", added_at_meeting=True, members_consent=False),
    )
    result = validate_meeting(
        vinnytsia, meeting(items=items), today=TODAY, drafts_route_completed={"a": False, "b": True}
    )
    assert meeting_found(result) == [("item", 1, "r6-s6-p3"), ("item", 2, "r6-s6-p3")]


def test_a_fact_given_twice_is_refused(vinnytsia: Reglament) -> None:
    with pytest.raises(InvalidArgument) as info:
        validate_meeting(vinnytsia, meeting(present=8, facts={"present": 9}), today=TODAY)
    assert info.value.field == "meeting.attributes[present]"


# -- the procedure table ----------------------------------------------------------------------------


@pytest.mark.parametrize("reglament_id", sorted(PROCEDURES))
def test_every_fact_and_clause_the_procedure_names_is_in_the_rules(reglament_id: str) -> None:
    reglament = load_reglament(reglament_id)
    procedure = PROCEDURES[reglament_id]
    vocabulary = reglament.facts()
    names = [
        *(procedure.restart_facts or ()),
        *(procedure.deemed_facts or ()),
        *[
            n
            for n in (
                procedure.at_meeting_fact,
                procedure.rework_meeting_fact,
                procedure.route_completed_fact,
                procedure.unvisaed_fact,
            )
            if n
        ],
        *procedure.late_facts,
    ]
    assert [n for n in names if n not in vocabulary] == []
    keys = {e.key for e in reglament.encodings} | {e.id for e in reglament.encodings}
    with_term = {e.key for e in reglament.encodings if e.obligation is not None} | {
        e.id for e in reglament.encodings if e.obligation is not None
    }
    fulfilled = [k for keys_ in procedure.fulfils.values() for k in keys_]
    assert [k for k in [*fulfilled, *procedure.late_facts.values(), *procedure.excused_by] if k not in with_term] == []
    clauses = [procedure.adoption_clause, procedure.returned_clause, *procedure.excused_by.values()]
    clauses += [procedure.visaed_clause]
    assert [c for c in clauses if c and c not in keys] == []
    assert all(e.kind is not Kind.NOT_CHECKABLE for c in clauses if c for e in reglament.by_clause(c))
    # what an adoption rests on: meeting clauses with a requirement to establish
    requiring = {e.key for e in reglament.encodings if e.requires and e.subject is Subject.MEETING}
    requiring |= {e.id for e in reglament.encodings if e.requires and e.subject is Subject.MEETING}
    grounds = [*procedure.quorum_keys, *procedure.majority_keys, *procedure.poll_keys]
    assert procedure.quorum_keys and procedure.majority_keys
    assert [k for k in grounds if k not in requiring] == []


def test_shostka_meeting_terms_materials_protocol_and_final_text(shostka: Reglament) -> None:
    result = validate_meeting(
        shostka,
        meeting(
            materials_to_members=dt.date(2026, 3, 5),
            protocol={"protocol_date": dt.date(2026, 4, 6)},
            items=(ItemInput(votes_for=9, changed=True),),
        ),
        today=TODAY,
    )
    due = {o.ref.clause: (o.due, o.status) for o in result.obligations}
    # one full day before Thursday's meeting: Tuesday 03.03.2026 (materials given on Thursday: late)
    assert due["r8-s2-p2.11"] == (dt.date(2026, 3, 3), ObligationStatus.VIOLATED)
    assert due["r8-s9-p9.5"] == (dt.date(2026, 4, 6), ObligationStatus.FULFILLED)  # 30 days: 04.04 is a Saturday
    assert due["r8-s9-p9.2"][0] == dt.date(2026, 3, 10)  # the final text of a changed decision in 3 working days
    assert ("meeting", 0, "r8-s2-p2.11") in meeting_found(result)
