"""The visa lifecycle of a draft: order (r6-s4-p6), substitution (r6-s4-p5-a2), restarts (p7, p9), signature."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reglament.approval import lifecycle as lc
from reglament.approval.lifecycle import ChangeKind, Decision, DraftInput, DraftState, Stage, StepStatus
from reglament.errors import FailedPrecondition, InvalidArgument, PermissionDenied
from reglament.rules.loader import Reglament, load_reglament

SUBMITTED = dt.date(2026, 3, 2)
DAY = dt.date(2026, 3, 3)
TODAY = dt.date(2026, 3, 20)


@pytest.fixture(scope="module")
def vinnytsia() -> Reglament:
    return load_reglament("vinnytsia-2020")


@pytest.fixture(scope="module")
def shostka() -> Reglament:
    return load_reglament("shostka-2013")


def submit(reglament: Reglament, **fields: Any) -> DraftState:
    approvers = fields.pop("approvers", ())
    substitutions = fields.pop("substitutions", ())
    attributes = fields.pop("attributes", {})
    draft = DraftInput(**{"kind": "decision", "title": "Про благоустрій", **fields}, attributes=attributes)
    result = lc.submit(
        reglament,
        "d1",
        draft,
        submitted=SUBMITTED,
        today=TODAY,
        approvers=approvers,
        substitutions=substitutions,
    )
    assert isinstance(result.events[0], lc.RouteStarted)
    return result.state


def visa(
    reglament: Reglament,
    state: DraftState,
    role: str,
    actor: str = "Особа",
    decision: Decision = Decision.APPROVE,
    body: str = "",
    **kwargs: Any,
) -> lc.Result:
    step = lc.find_step(reglament, state, role, body, kwargs.pop("clause", ""))
    remarks = kwargs.pop("remarks", "" if decision is Decision.APPROVE else "Зауваження")
    visaed_on = kwargs.pop("visaed_on", DAY)
    return lc.record_visa(
        reglament,
        state,
        step,
        actor=actor,
        decision=decision,
        visaed_on=visaed_on,
        today=TODAY,
        remarks=remarks,
        **kwargs,
    )


def statuses(reglament: Reglament, state: DraftState) -> dict[str, StepStatus]:
    return {v.step.step_id: v.status for v in lc.view(reglament, state, TODAY)}


def approve_all_but(reglament: Reglament, state: DraftState, *skip: str) -> DraftState:
    for step in list(state.steps):
        if statuses(reglament, state)[step.step_id] is StepStatus.PENDING and step.role not in skip:
            state = visa(
                reglament, state, step.role, actor=lc.approver_of(state, step) or "Особа", body=step.body
            ).state
    return state


def complete(reglament: Reglament, state: DraftState) -> DraftState:
    state = approve_all_but(reglament, state, "keruiuchyi_spravamy")
    return visa(reglament, state, "keruiuchyi_spravamy", actor="Керуючий справами").state


# -- order ------------------------------------------------------------------------------------------


def test_the_keruiuchyi_spravamy_cannot_visa_before_the_visas_of_5_1_to_5_8(vinnytsia: Reglament) -> None:
    state = submit(vinnytsia, finance_competence=True)
    with pytest.raises(FailedPrecondition) as info:
        visa(vinnytsia, state, "keruiuchyi_spravamy")
    assert info.value.clause == "vinnytsia-2020/r6-s4-p6"
    assert "«після їх погодження особами, вказаними у п. 5.1 - п. 5.8" in str(info.value)
    state = approve_all_but(vinnytsia, state, "keruiuchyi_spravamy", "finance_director")
    with pytest.raises(FailedPrecondition) as info:  # one visa of 5.4 still missing
        visa(vinnytsia, state, "keruiuchyi_spravamy")
    assert "r6-s4-p5.4/finance_director" in str(info.value)
    state = visa(vinnytsia, state, "finance_director").state
    result = visa(vinnytsia, state, "keruiuchyi_spravamy")
    assert result.state.stage is Stage.ROUTE_COMPLETED
    assert [type(e).__name__ for e in result.events] == ["VisaRecorded", "RouteCompleted"]


def test_the_keruiuchyi_spravamy_visa_is_not_dated_before_the_visas_of_5_1_to_5_8(vinnytsia: Reglament) -> None:
    state = approve_all_but(vinnytsia, submit(vinnytsia), "keruiuchyi_spravamy", "deputy_mayor_legal")
    later = visa(vinnytsia, state, "deputy_mayor_legal", visaed_on=dt.date(2026, 3, 10)).state
    with pytest.raises(FailedPrecondition) as info:  # dated 09.03, before the visa of 5.8 of 10.03
        visa(vinnytsia, later, "keruiuchyi_spravamy", visaed_on=dt.date(2026, 3, 9))
    assert info.value.clause == "vinnytsia-2020/r6-s4-p6"
    assert "r6-s4-p5.8/deputy_mayor_legal" in str(info.value)
    assert later.visas[-1].step_id == "r6-s4-p5.8/deputy_mayor_legal"  # nothing recorded by the refusal
    same_day = visa(vinnytsia, later, "keruiuchyi_spravamy", visaed_on=dt.date(2026, 3, 10))
    assert same_day.state.stage is Stage.ROUTE_COMPLETED


def test_a_visa_is_not_dated_in_the_future(vinnytsia: Reglament) -> None:
    with pytest.raises(InvalidArgument) as info:
        visa(vinnytsia, submit(vinnytsia), "legal_director", visaed_on=TODAY + dt.timedelta(days=1))
    assert info.value.field == "visaed_on"
    assert visa(vinnytsia, submit(vinnytsia), "legal_director", visaed_on=TODAY).state.visas[-1].visaed_on == TODAY


def test_the_council_commission_visa_is_not_a_prerequisite_of_the_keruiuchyi(vinnytsia: Reglament) -> None:
    state = approve_all_but(vinnytsia, submit(vinnytsia, to_council=True), "keruiuchyi_spravamy", "commission_chair")
    state = visa(vinnytsia, state, "keruiuchyi_spravamy").state  # r6-s4-p6 names 5.1-5.8 only
    assert state.stage is Stage.ON_ROUTE
    assert statuses(vinnytsia, state)["r6-s4-p5.9/commission_chair"] is StepStatus.PENDING
    assert visa(vinnytsia, state, "commission_chair").state.stage is Stage.ROUTE_COMPLETED


def test_a_step_already_visaed_is_not_visaed_twice(vinnytsia: Reglament) -> None:
    state = visa(vinnytsia, submit(vinnytsia), "legal_director").state
    with pytest.raises(FailedPrecondition) as info:
        visa(vinnytsia, state, "legal_director")
    assert info.value.clause == "vinnytsia-2020/r6-s4-p5.3"


def test_one_visa_of_the_same_body_head_or_deputy_counts_for_every_step_they_hold(vinnytsia: Reglament) -> None:
    state = submit(
        vinnytsia,
        preparing_body="Департамент ЖКГ",
        competent_body="Департамент ЖКГ",
        task_bodies=("Департамент ЖКГ", "Департамент освіти"),
        responsible_deputy="Іваненко І.І.",
        coordinating_deputy="Іваненко І.І.",
    )
    result = visa(vinnytsia, state, "head_preparing_body", actor="Директор ЖКГ")
    assert set(result.events[0].visa.covers) == {  # type: ignore[union-attr]
        "r6-s4-p5.2/head_competent_body",
        "r6-s4-p5.5/task_body_head/Департамент ЖКГ",
    }
    state = visa(vinnytsia, result.state, "deputy_mayor_responsible", actor="Іваненко І.І.").state
    now = statuses(vinnytsia, state)
    assert now["r6-s4-p5.2/head_competent_body"] is StepStatus.APPROVED
    assert now["r6-s4-p5.7/deputy_mayor_coordinating"] is StepStatus.APPROVED
    assert now["r6-s4-p5.5/task_body_head/Департамент освіти"] is StepStatus.PENDING


# -- who may visa -----------------------------------------------------------------------------------


def test_a_role_outside_the_route_is_refused_citing_the_route(vinnytsia: Reglament) -> None:
    state = submit(vinnytsia)
    with pytest.raises(PermissionDenied) as info:
        visa(vinnytsia, state, "commission_chair")  # 5.9 only for drafts submitted to the council
    assert info.value.clause == "vinnytsia-2020/r6-s4-p5"
    assert "візуються в електронному вигляді" in str(info.value)
    with pytest.raises(PermissionDenied):
        visa(vinnytsia, state, "task_body_head", body="Департамент освіти")


def test_only_the_named_approver_or_deputy_visas_their_step(vinnytsia: Reglament) -> None:
    state = submit(
        vinnytsia,
        responsible_deputy="Іваненко І.І.",
        approvers=[lc.Approver("legal_director", "", "Коваль К.К.")],
    )
    for role, actor, clause in (
        ("legal_director", "Шевчук Ш.Ш.", "r6-s4-p5.3"),
        ("deputy_mayor_responsible", "Петренко П.П.", "r6-s4-p5.6"),
    ):
        with pytest.raises(PermissionDenied) as info:
            visa(vinnytsia, state, role, actor=actor)
        assert info.value.clause == f"vinnytsia-2020/{clause}"
    assert visa(vinnytsia, state, "legal_director", actor="Коваль К.К.").state.visas


def test_an_approver_for_a_role_outside_the_route_is_refused_at_submission(vinnytsia: Reglament) -> None:
    with pytest.raises(InvalidArgument) as info:
        submit(vinnytsia, approvers=[lc.Approver("finance_director", "", "Фінансист")])
    assert info.value.field == "approvers[0].role"


# -- substitution (the paragraph after 5.10) ----------------------------------------------------------


@pytest.mark.parametrize("phase", ["before", "during"])
def test_the_acting_official_replaces_an_absent_approver_before_or_during_the_procedure(
    vinnytsia: Reglament, phase: str
) -> None:
    state = submit(vinnytsia, approvers=[lc.Approver("legal_director", "", "Коваль К.К.")])
    if phase == "during":
        state = visa(vinnytsia, state, "legal_reviewer").state
    step = lc.find_step(vinnytsia, state, "legal_director", "", "")
    result = lc.substitute(vinnytsia, state, step, "Коваль К.К.", "Мельник М.М.", True, TODAY)
    [event] = result.events
    assert isinstance(event, lc.ApproverSubstituted)
    assert event.substitution.phase == phase
    assert event.substitution.ref is not None and event.substitution.ref.clause == "r6-s4-p5-a2"
    with pytest.raises(PermissionDenied) as info:  # the absent approver no longer visas that step
        visa(vinnytsia, result.state, "legal_director", actor="Коваль К.К.")
    assert info.value.clause == "vinnytsia-2020/r6-s4-p5-a2"
    done = visa(vinnytsia, result.state, "legal_director", actor="Мельник М.М.")
    assert done.state.visas[-1].on_behalf_of == "Коваль К.К."


def test_a_substitute_who_does_not_act_for_the_absent_approver_is_refused(vinnytsia: Reglament) -> None:
    state = submit(vinnytsia)
    step = lc.find_step(vinnytsia, state, "deputy_mayor_legal", "", "")
    with pytest.raises(PermissionDenied) as info:
        lc.substitute(vinnytsia, state, step, "Юрист Ю.Ю.", "Сусід С.С.", False, TODAY)
    assert info.value.clause == "vinnytsia-2020/r6-s4-p5-a2"
    assert "особу, яка виконує її обов'язки" in str(info.value)


def test_a_step_already_visaed_has_no_approver_to_replace(vinnytsia: Reglament) -> None:
    state = visa(vinnytsia, submit(vinnytsia), "deputy_mayor_legal", actor="Юрист Ю.Ю.").state
    step = lc.find_step(vinnytsia, state, "deputy_mayor_legal", "", "")
    with pytest.raises(FailedPrecondition) as info:
        lc.substitute(vinnytsia, state, step, "Юрист Ю.Ю.", "Заступник З.З.", True, TODAY)
    assert info.value.clause == "vinnytsia-2020/r6-s4-p5-a2"


@pytest.mark.parametrize("phase", ["before", "during"])
def test_a_substitution_ends_with_its_round_and_the_approver_visas_again_after_a_substantive_change(
    vinnytsia: Reglament, phase: str
) -> None:
    named = [lc.Approver("legal_director", "", "Коваль К.К.")]
    if phase == "before":
        state = submit(
            vinnytsia, approvers=named, substitutions=[("legal_director", "", "Коваль К.К.", "Мельник М.М.", True)]
        )
    else:
        state = visa(vinnytsia, submit(vinnytsia, approvers=named), "legal_reviewer").state
        step = lc.find_step(vinnytsia, state, "legal_director", "", "")
        state = lc.substitute(vinnytsia, state, step, "Коваль К.К.", "Мельник М.М.", True, TODAY).state
    assert state.substitutions[-1].phase == phase and state.substitutions[-1].round == 1
    again = lc.change(vinnytsia, state, ChangeKind.SUBSTANTIVE, today=TODAY).state  # r6-s4-p7: a new procedure
    [director] = [v for v in lc.view(vinnytsia, again, TODAY) if v.step.role == "legal_director"]
    assert (director.approver, director.substitute) == ("Коваль К.К.", "")
    with pytest.raises(PermissionDenied) as info:  # the substitute of round 1 is not named in round 2
        visa(vinnytsia, again, "legal_director", actor="Мельник М.М.")
    assert info.value.clause == "vinnytsia-2020/r6-s4-p5.3"
    back = visa(vinnytsia, again, "legal_director", actor="Коваль К.К.").state
    assert (back.visas[-1].actor, back.visas[-1].on_behalf_of) == ("Коваль К.К.", "")
    step = lc.find_step(vinnytsia, again, "legal_director", "", "")
    replaced = lc.substitute(vinnytsia, again, step, "Коваль К.К.", "Мельник М.М.", True, TODAY).state
    assert replaced.substitutions[-1].round == 2  # still absent: replaced again for the new round
    assert (
        visa(vinnytsia, replaced, "legal_director", actor="Мельник М.М.").state.visas[-1].on_behalf_of == "Коваль К.К."
    )


def test_substitutions_given_at_submission_apply_before_the_procedure(vinnytsia: Reglament) -> None:
    state = submit(vinnytsia, substitutions=[("deputy_mayor_legal", "", "Юрист Ю.Ю.", "Заступник З.З.", True)])
    assert [(s.step_id, s.phase) for s in state.substitutions] == [("r6-s4-p5.8/deputy_mayor_legal", "before")]
    with pytest.raises(PermissionDenied) as info:
        submit(vinnytsia, substitutions=[("deputy_mayor_legal", "", "Юрист Ю.Ю.", "Сусід С.С.", False)])
    assert info.value.field == "substitutions[0].acting"


# -- medium ---------------------------------------------------------------------------------------


def test_a_restricted_draft_is_visaed_on_paper_only_and_a_paper_visa_elsewhere_is_a_warning(
    vinnytsia: Reglament,
) -> None:
    restricted = submit(vinnytsia, restricted=True)
    with pytest.raises(FailedPrecondition) as info:
        visa(vinnytsia, restricted, "legal_director", medium="electronic")
    assert info.value.clause == "vinnytsia-2020/r6-s4-p5.12"
    assert visa(vinnytsia, restricted, "legal_director").state.visas[-1].medium == "paper"  # paper by default
    warned = visa(vinnytsia, submit(vinnytsia), "legal_director", medium="paper")
    assert [(f.ref.clause, f.severity) for f in warned.findings] == [("r6-s4-p5", "warning")]


# -- rejection and changes ------------------------------------------------------------------------


def test_a_rejection_returns_the_draft_and_a_minor_correction_asks_only_that_step_again(
    vinnytsia: Reglament,
) -> None:
    state = visa(vinnytsia, submit(vinnytsia), "legal_reviewer").state
    state = visa(vinnytsia, state, "legal_director", decision=Decision.REJECT, remarks="Суперечить закону").state
    assert state.stage is Stage.RETURNED
    with pytest.raises(FailedPrecondition):
        visa(vinnytsia, state, "deputy_mayor_legal")
    state = lc.change(vinnytsia, state, ChangeKind.MINOR, today=TODAY).state
    now = statuses(vinnytsia, state)
    assert (state.stage, state.round) == (Stage.ON_ROUTE, 1)
    assert now["r6-s4-p5.3/legal_director"] is StepStatus.PENDING
    assert now["r6-s4-p5.3/legal_reviewer"] is StepStatus.APPROVED


def test_remarks_are_required_with_a_rejection_or_an_approval_with_remarks(vinnytsia: Reglament) -> None:
    for decision in (Decision.REJECT, Decision.APPROVE_WITH_REMARKS):
        with pytest.raises(InvalidArgument) as info:
            visa(vinnytsia, submit(vinnytsia), "legal_director", decision=decision, remarks="")
        assert info.value.field == "remarks"
    with_remarks = visa(vinnytsia, submit(vinnytsia), "legal_director", decision=Decision.APPROVE_WITH_REMARKS)
    assert statuses(vinnytsia, with_remarks.state)["r6-s4-p5.3/legal_director"] is StepStatus.APPROVED_WITH_REMARKS


@pytest.mark.parametrize(("reglament_id", "clause"), [("vinnytsia-2020", "r6-s4-p7"), ("shostka-2013", "r6-s6-p6.7")])
def test_a_substantive_change_restarts_the_whole_route(reglament_id: str, clause: str) -> None:
    reglament = load_reglament(reglament_id)
    state = approve_all_but(reglament, submit(reglament), "keruiuchyi_spravamy")
    assert state.visas
    result = lc.change(reglament, state, ChangeKind.SUBSTANTIVE, today=TODAY)
    new = result.state
    assert (new.round, new.round_reason, new.visas) == (2, lc.ROUND_SUBSTANTIVE, [])
    assert new.round_clause is not None and new.round_clause.clause == clause
    assert all(s in (StepStatus.PENDING, StepStatus.WAITING) for s in statuses(reglament, new).values())
    [event] = result.events
    assert isinstance(event, lc.RouteStarted) and event.round == 2 and event.clause == new.round_clause


def test_a_substantive_change_with_new_facts_plans_a_new_route(vinnytsia: Reglament) -> None:
    state = submit(vinnytsia)
    changed = DraftInput(kind="decision", title="Про благоустрій", finance_competence=True)
    new = lc.change(vinnytsia, state, ChangeKind.SUBSTANTIVE, today=TODAY, draft=changed).state
    assert "r6-s4-p5.4/finance_director" in {s.step_id for s in new.steps}
    with pytest.raises(InvalidArgument) as info:
        lc.change(vinnytsia, state, ChangeKind.SUBSTANTIVE, today=TODAY, draft=DraftInput(kind="order"))
    assert info.value.field == "draft.kind"


def test_changes_at_the_meeting_are_visaed_again_by_exactly_the_subset_of_r6_s4_p9(vinnytsia: Reglament) -> None:
    state = complete(vinnytsia, submit(vinnytsia, finance_competence=True, task_bodies=("Відділ А",)))
    assert state.stage is Stage.ROUTE_COMPLETED
    with pytest.raises(InvalidArgument) as info:
        lc.change(vinnytsia, state, ChangeKind.AT_MEETING, today=TODAY, meeting=dt.date(2026, 3, 5))
    assert info.value.field == "proposer"
    result = lc.meeting_outcome(
        vinnytsia,
        state,
        lc.Outcome.ADOPTED_WITH_CHANGES,
        meeting_id="m1",
        meeting=dt.date(2026, 3, 5),
        today=TODAY,
        proposer="Член виконкому Бондар Б.Б.",
    )
    new = result.state
    assert [(s.ref.clause, s.role) for s in new.steps] == [
        ("r6-s4-p9", "head_preparing_body"),
        ("r6-s4-p9", "change_proposer"),
        ("r6-s4-p9", "legal_director"),
        ("r6-s4-p9", "keruiuchyi_spravamy"),
    ]
    assert new.round_clause is not None and new.round_clause.clause == "r6-s4-p9"
    # r6-s8-p4: rework within 3 working days of the meeting (Thursday 05.03.2026 → Tuesday 10.03.2026)
    assert [(o.ref.clause, o.due) for o in new.obligations] == [("r6-s8-p4", dt.date(2026, 3, 10))]
    with pytest.raises(PermissionDenied):  # the proposer of the changes visas them, nobody else
        visa(vinnytsia, new, "change_proposer", actor="Інша особа")
    new = visa(vinnytsia, new, "change_proposer", actor="Член виконкому Бондар Б.Б.").state
    for role in ("head_preparing_body", "legal_director", "keruiuchyi_spravamy"):
        new = visa(vinnytsia, new, role).state
    assert new.stage is Stage.ADOPTED
    signed = lc.sign(vinnytsia, new, signed_by="mayor", signed=dt.date(2026, 3, 11), today=TODAY)
    assert signed.state.stage is Stage.SIGNED


def test_an_order_is_not_changed_at_a_meeting(vinnytsia: Reglament) -> None:
    state = complete(vinnytsia, submit(vinnytsia, kind="order"))
    with pytest.raises(FailedPrecondition):
        lc.change(vinnytsia, state, ChangeKind.AT_MEETING, today=TODAY, proposer="X", meeting=dt.date(2026, 3, 5))


# -- signature ----------------------------------------------------------------------------------------


def test_an_order_is_signed_after_its_route_and_carries_what_the_registry_needs(vinnytsia: Reglament) -> None:
    state = submit(vinnytsia, kind="order", preparing_body="Відділ кадрів", task_bodies=("Відділ кадрів",))
    with pytest.raises(FailedPrecondition) as info:
        lc.sign(vinnytsia, state, signed_by="mayor", signed=dt.date(2026, 3, 5), today=TODAY)
    assert info.value.clause.startswith("vinnytsia-2020/r6-s4-p5.")
    state = complete(vinnytsia, state)
    result = lc.sign(vinnytsia, state, signed_by="mayor", signed=dt.date(2026, 3, 5), today=TODAY)
    [event] = result.events
    assert isinstance(event, lc.Signed)
    assert (event.document_kind, event.executors, event.signed) == (
        "mayor_order",
        ("Відділ кадрів",),
        dt.date(2026, 3, 5),
    )
    with pytest.raises(FailedPrecondition):
        lc.sign(vinnytsia, result.state, signed_by="mayor", signed=dt.date(2026, 3, 5), today=TODAY)


def test_a_decision_is_signed_only_after_adoption_and_by_the_mayor_or_the_acting_chair(
    vinnytsia: Reglament,
) -> None:
    state = complete(vinnytsia, submit(vinnytsia))
    with pytest.raises(FailedPrecondition) as info:
        lc.sign(vinnytsia, state, signed_by="mayor", signed=dt.date(2026, 3, 6), today=TODAY)
    assert info.value.clause == "vinnytsia-2020/r6-s8-p1"
    adopted = lc.meeting_outcome(
        vinnytsia, state, lc.Outcome.ADOPTED, meeting_id="m1", meeting=dt.date(2026, 3, 5), today=TODAY
    ).state
    with pytest.raises(PermissionDenied) as denied:
        lc.sign(vinnytsia, adopted, signed_by="acting_mayor", signed=dt.date(2026, 3, 6), today=TODAY)
    assert denied.value.clause == "vinnytsia-2020/r6-s8-p7"
    result = lc.sign(
        vinnytsia, adopted, signed_by="acting_mayor", signer_chaired=True, signed=dt.date(2026, 3, 6), today=TODAY
    )
    event = result.events[0]
    assert isinstance(event, lc.Signed) and event.meeting == dt.date(2026, 3, 5)
    assert event.attributes == {"meeting": "2026-03-05", "signed_by": "acting_mayor"}


@pytest.mark.parametrize("outcome", [lc.Outcome.ADOPTED, lc.Outcome.ADOPTED_WITH_CHANGES])
def test_a_draft_visaed_after_the_meeting_was_not_adopted_at_it(vinnytsia: Reglament, outcome: lc.Outcome) -> None:
    state = submit(vinnytsia)
    state = approve_all_but(vinnytsia, state, "keruiuchyi_spravamy")
    state = visa(
        vinnytsia, state, "keruiuchyi_spravamy", actor="Керуючий справами", visaed_on=dt.date(2026, 3, 6)
    ).state
    assert state.stage is Stage.ROUTE_COMPLETED
    with pytest.raises(FailedPrecondition) as info:  # the route was completed on 06.03, after the meeting of 05.03
        lc.meeting_outcome(
            vinnytsia, state, outcome, meeting_id="m1", meeting=dt.date(2026, 3, 5), today=TODAY, proposer="Член"
        )
    assert info.value.clause == "vinnytsia-2020/r6-s4-p8"
    assert "06.03.2026" in str(info.value) and "«їх електронні (паперові) копії" in str(info.value)
    on_the_day = lc.meeting_outcome(
        vinnytsia, state, outcome, meeting_id="m1", meeting=dt.date(2026, 3, 6), today=TODAY, proposer="Член"
    )
    assert on_the_day.state.adopted


def test_a_draft_not_adopted_is_returned_to_its_executors(vinnytsia: Reglament) -> None:
    state = complete(vinnytsia, submit(vinnytsia))
    result = lc.meeting_outcome(
        vinnytsia, state, lc.Outcome.NOT_ADOPTED, meeting_id="m1", meeting=dt.date(2026, 3, 5), today=TODAY
    )
    assert result.state.stage is Stage.NOT_ADOPTED
    event = result.events[0]
    assert isinstance(event, lc.OutcomeApplied) and event.clause is not None and event.clause.clause == "r6-s8-p3"
    with pytest.raises(FailedPrecondition):
        lc.sign(vinnytsia, result.state, signed_by="mayor", signed=dt.date(2026, 3, 6), today=TODAY)
    again = lc.change(vinnytsia, result.state, ChangeKind.SUBSTANTIVE, today=TODAY).state
    assert (again.stage, again.round) == (Stage.ON_ROUTE, 2)


# -- Shostka ----------------------------------------------------------------------------------------


def test_shostka_visas_in_any_order_and_the_legal_head_on_paper(shostka: Reglament) -> None:
    state = submit(shostka, kind="order", attributes={"interested_units": "Управління освіти"})
    state = visa(shostka, state, "executive_manager").state  # no order prescribed
    with pytest.raises(FailedPrecondition) as info:
        visa(shostka, state, "legal_head", medium="electronic")
    assert info.value.clause == "shostka-2013/r6-s2-p2.5"
    state = visa(shostka, state, "legal_head").state
    assert state.visas[-1].medium == "paper"


@pytest.mark.parametrize(("term", "deemed"), [(dt.date(2026, 3, 19), True), (dt.date(2026, 3, 20), False)])
def test_shostka_interested_units_silent_past_the_developers_term_are_deemed_to_approve(
    shostka: Reglament, term: dt.date, deemed: bool
) -> None:
    state = submit(
        shostka,
        kind="order",
        attributes={"interested_units": "Управління освіти;Відділ культури", "approval_term": term.isoformat()},
    )
    state = visa(shostka, state, "interested_unit", body="Управління освіти").state
    views = {v.step.step_id: v for v in lc.view(shostka, state, TODAY)}
    silent = views["r6-s2-p2.1/interested_unit/Відділ культури"]
    assert silent.status is (StepStatus.DEEMED_APPROVED if deemed else StepStatus.PENDING)
    if deemed:
        assert silent.deemed_by is not None and silent.deemed_by.clause == "r6-s2-p2.6"
    assert views["r6-s2-p2.1/interested_unit/Управління освіти"].status is StepStatus.APPROVED
    state = visa(shostka, state, "executive_manager").state
    state = visa(shostka, state, "legal_head").state
    assert (state.stage is Stage.ROUTE_COMPLETED) is deemed


def test_the_route_of_a_stored_draft_gives_its_facts(vinnytsia: Reglament, shostka: Reglament) -> None:
    state = submit(vinnytsia)
    assert lc.route_facts(vinnytsia, state, TODAY) == {"route_completed": False, "changed_at_meeting": False}
    assert lc.route_facts(vinnytsia, complete(vinnytsia, state), TODAY)["route_completed"] is True
    units = submit(
        shostka,
        kind="order",
        attributes={"interested_units": "А;Б;В", "approval_term": "2026-03-10"},  # passed by TODAY
    )
    units = visa(shostka, units, "interested_unit", body="А").state
    # Б and В gave no position (deemed to approve, r6-s2-p2.6): 2 unanswered, none still to visa
    assert lc.route_facts(shostka, units, TODAY) == {"unanswered_units": 2, "unvisaed_units": 0}
    assert lc.route_facts(shostka, units, dt.date(2026, 3, 9)) == {"unanswered_units": 2, "unvisaed_units": 2}
