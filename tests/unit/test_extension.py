"""Who may move a term, on whose request and how far: the reglaments' extension rules (Vinnytsia
r12-s3-p6, p7, r10-s2-p5; Shostka р. 11 п. 6.6–6.11) and the public-information law's 20 working days."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from reglament.documents import document_facts
from reglament.domain import ObligationStatus
from reglament.errors import DomainError, FailedPrecondition, InvalidArgument, PermissionDenied
from reglament.legaltime.extension import Capacity, ChangeRequest, Substitution, authorised, decide
from reglament.legaltime.statute import load_statute
from reglament.legaltime.tracking import TermSetter, TrackedObligation, setter_of_document
from reglament.rules.loader import load_reglament

VINNYTSIA = load_reglament("vinnytsia-2020")
SHOSTKA = load_reglament("shostka-2013")
STATUTE = load_statute("public-information")
TODAY = dt.date(2026, 3, 10)
EXECUTOR = "Департамент житлового господарства"
DEPUTY = TermSetter("person", "deputy_mayor", "Іваненко І.І.", "зафіксовано під час реєстрації")


def facts(kind: str = "incoming", registered: dt.date = dt.date(2026, 3, 2), **attributes: Any) -> dict[str, Any]:
    out = document_facts(
        kind=kind,
        received=registered,
        registered=registered,
        due_date=None,
        urgent=False,
        for_information=False,
        restricted=False,
        simple=False,
        executors=(EXECUTOR,),
        attributes={},
        facts=VINNYTSIA.facts(),
    )
    out.update(attributes)
    return out


def obligation(
    *,
    clause: str = "r12-s3-p2.3",
    due: dt.date = dt.date(2026, 4, 1),
    setter: TermSetter = DEPUTY,
    reglament: str = "vinnytsia-2020",
    source: str | None = None,
    kind: str = "incoming",
    document_facts_: dict[str, Any] | None = None,
    status: ObligationStatus = ObligationStatus.PENDING,
) -> TrackedObligation:
    return TrackedObligation(
        id="ob-1",
        source=source or reglament,
        reglament=reglament,
        municipality="vinnytsia",
        subject_id="doc-1",
        document_kind=kind,
        document_number="17",
        clause=clause,
        key=clause,
        quote="…",
        interpretation="",
        bearer="executor",
        action="виконати документ",
        due=due,
        original_due=due,
        status=status,
        executors=(EXECUTOR,),
        setter=setter,
        facts=document_facts_ if document_facts_ is not None else facts(kind),
    )


def request(**changes: Any) -> ChangeRequest:
    values: dict[str, Any] = {
        "new_due": dt.date(2026, 4, 15),
        "actor": "Іваненко І.І.",
        "actor_role": "deputy_mayor",
        "capacity": Capacity.SET_TERM,
        "requested_by": EXECUTOR,
        "reason": "Потрібне обстеження покрівлі підрядником, яке призначено на 10.04.2026.",
    }
    values.update(changes)
    return ChangeRequest(**values)


def refusal(exc: pytest.ExceptionInfo[DomainError]) -> tuple[type[DomainError], str, str]:
    return type(exc.value), exc.value.clause, str(exc.value)


# -- Vinnytsia r12-s3-p6, p7 -----------------------------------------------------------------------


def test_the_official_who_set_the_term_extends_it_on_the_executors_reasoned_request() -> None:
    decision = decide(VINNYTSIA, obligation(), request(), [], TODAY)
    assert decision.new_due == dt.date(2026, 4, 15) and decision.extends
    clauses = [c.clause for c in decision.clauses]
    assert clauses[0] == "r12-s3-p7" and "r12-s3-p6" in clauses
    assert "Іваненко" in decision.authority


def test_a_new_term_on_a_sunday_ends_on_the_preceding_friday() -> None:
    """Якщо останній день терміну припадає на неробочий – днем закінчення терміну вважається останній
    робочий день, що передує неробочому (r12-s3-p4)."""
    decision = decide(VINNYTSIA, obligation(), request(new_due=dt.date(2026, 4, 19)), [], TODAY)
    assert decision.requested_due == dt.date(2026, 4, 19)
    assert decision.new_due == dt.date(2026, 4, 17)
    assert any("r12-s3-p4" in line for line in decision.explanation)


def test_an_official_who_did_not_set_the_term_is_refused_citing_r12_s3_p7() -> None:
    """Строк виконання документа може бути змінений лише за вказівкою посадової особи, яка його встановила."""
    with pytest.raises(PermissionDenied) as err:
        decide(VINNYTSIA, obligation(), request(actor="Петренко П.П.", actor_role="keruiuchyi_spravamy"), [], TODAY)
    _kind, clause, message = refusal(err)
    assert clause == "r12-s3-p7"
    assert "Строк виконання документа може бути змінений лише за вказівкою посадової особи" in message


def test_the_same_role_under_another_name_did_not_set_the_term() -> None:
    with pytest.raises(PermissionDenied) as err:
        decide(VINNYTSIA, obligation(), request(actor="Сидоренко С.С."), [], TODAY)
    assert err.value.clause == "r12-s3-p7" and "Іваненко" in str(err.value)


def test_a_request_not_from_the_executor_is_refused_citing_r12_s3_p6() -> None:
    """У разі потреби строк виконання документів може бути продовжено за обґрунтованим проханням виконавця."""
    with pytest.raises(FailedPrecondition) as err:
        decide(VINNYTSIA, obligation(), request(requested_by="Управління освіти"), [], TODAY)
    assert err.value.clause == "r12-s3-p6" and err.value.field == "requested_by"
    assert "за обґрунтованим проханням виконавця" in str(err.value)


def test_a_request_without_reasons_is_refused_citing_r12_s3_p6() -> None:
    with pytest.raises(InvalidArgument) as err:
        decide(VINNYTSIA, obligation(), request(reason="  "), [], TODAY)
    assert err.value.clause == "r12-s3-p6" and err.value.field == "reason"


def test_authority_is_judged_before_the_request() -> None:
    with pytest.raises(PermissionDenied):
        decide(VINNYTSIA, obligation(), request(actor_role="mayor", requested_by="", reason=""), [], TODAY)


def test_the_official_who_set_the_term_may_shorten_it_without_a_request() -> None:
    decision = decide(
        VINNYTSIA, obligation(), request(new_due=dt.date(2026, 3, 20), requested_by="", reason=""), [], TODAY
    )
    assert decision.new_due == dt.date(2026, 3, 20) and not decision.extends


def test_whoever_replaces_the_absent_official_needs_a_recorded_substitution() -> None:
    """…а у разі її відсутності – посадовою особою, яка її заміщає."""
    acting = request(actor="Коваль К.К.", actor_role="deputy_mayor", capacity=Capacity.REPLACES_SETTER)
    with pytest.raises(PermissionDenied) as err:
        decide(VINNYTSIA, obligation(), acting, [], TODAY)
    assert err.value.clause == "r12-s3-p7" and "заміщення" in str(err.value)
    leave = Substitution(
        "vinnytsia-2020",
        "deputy_mayor",
        "Іваненко І.І.",
        "deputy_mayor",
        "Коваль К.К.",
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 20),
        "розпорядження № 101 від 06.03.2026 про відпустку",
    )
    decision = decide(VINNYTSIA, obligation(), acting, [leave], TODAY)
    assert "розпорядження № 101" in decision.authority
    # the substitution covers the day of the request, not another
    late = request(actor="Коваль К.К.", capacity=Capacity.REPLACES_SETTER, requested_on=dt.date(2026, 3, 23))
    with pytest.raises(PermissionDenied):
        decide(VINNYTSIA, obligation(), late, [leave], dt.date(2026, 3, 23))
    # and only for the official recorded as having set the term
    other = dataclasses.replace(leave, absent_name="Сидоренко С.С.")
    with pytest.raises(PermissionDenied):
        decide(VINNYTSIA, obligation(), acting, [other], TODAY)


def test_a_substitute_is_judged_on_the_day_of_the_decision_not_of_the_executors_request() -> None:
    """Строк виконання документа може бути змінений лише за вказівкою посадової особи, яка його встановила,
    а у разі її відсутності – посадовою особою, яка її заміщає: заміщення має тривати в день вказівки."""
    leave = Substitution(
        "vinnytsia-2020",
        "deputy_mayor",
        "Іваненко І.І.",
        "deputy_mayor",
        "Коваль К.К.",
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 20),
        "розпорядження № 101 від 06.03.2026 про відпустку",
    )
    acting = {"actor": "Коваль К.К.", "capacity": Capacity.REPLACES_SETTER}
    # asked before the absence began, decided by the substitute while it lasts: allowed
    asked_before = request(**acting, requested_on=dt.date(2026, 3, 6))
    decision = decide(VINNYTSIA, obligation(), asked_before, [leave], TODAY)
    assert "розпорядження № 101" in decision.authority
    # asked while it lasted, decided after it ended: the substitute no longer acts for the setter
    asked_during = request(**acting, requested_on=dt.date(2026, 3, 12))
    with pytest.raises(PermissionDenied) as err:
        decide(VINNYTSIA, obligation(), asked_during, [leave], dt.date(2026, 3, 23))
    assert err.value.clause == "r12-s3-p7" and "23.03.2026" in str(err.value)


def test_a_decision_of_the_executive_committee_changes_only_by_its_new_decision() -> None:
    """…або за рішенням міської ради, виконавчого комітету, якщо вони приймали ці рішення."""
    setter = setter_of_document("vinnytsia-2020", "ec_decision", {})
    ob = obligation(setter=setter, kind="ec_decision", document_facts_=facts("ec_decision"))
    body = request(actor="Виконавчий комітет", actor_role="executive_committee", capacity=Capacity.ADOPTING_BODY)
    with pytest.raises(InvalidArgument) as err:
        decide(VINNYTSIA, ob, body, [], TODAY)
    assert err.value.field == "basis" and err.value.clause == "r12-s3-p7"
    decision = decide(
        VINNYTSIA, ob, dataclasses.replace(body, basis="рішення виконкому № 640 від 12.03.2026"), [], TODAY
    )
    assert decision.new_due == dt.date(2026, 4, 15)
    # the mayor alone cannot change the committee's term
    with pytest.raises(PermissionDenied):
        decide(VINNYTSIA, ob, request(actor="Міський голова", actor_role="mayor"), [], TODAY)


def test_a_body_cannot_claim_a_term_an_official_set() -> None:
    body = request(
        actor="Виконавчий комітет", actor_role="executive_committee", capacity=Capacity.ADOPTING_BODY, basis="№ 1"
    )
    allowed, why = authorised(DEPUTY, body, [], TODAY)
    assert not allowed and "посадова особа" in why


def test_a_violated_or_closed_term_does_not_change() -> None:
    with pytest.raises(FailedPrecondition) as err:
        decide(VINNYTSIA, obligation(status=ObligationStatus.VIOLATED), request(), [], TODAY)
    assert err.value.clause == "r12-s3-p2.3"
    with pytest.raises(FailedPrecondition):
        decide(VINNYTSIA, obligation(status=ObligationStatus.FULFILLED), request(), [], TODAY)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"new_due": dt.date(2026, 4, 1)}, "new_due"),
        ({"new_due": dt.date(2026, 3, 1)}, "new_due"),
        ({"new_due": dt.datetime(2026, 4, 10, 12, 0)}, "new_due"),
        ({"requested_on": dt.date(2026, 3, 11)}, "requested_on"),
    ],
)
def test_a_new_term_must_be_a_new_future_date_of_the_same_form(change: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidArgument) as err:
        decide(VINNYTSIA, obligation(), request(**change), [], TODAY)
    assert err.value.field == field


# -- Vinnytsia appeals, r10-s2-p5 …, the caps --------------------------------------------------------


def appeal(clause: str = "r10-s2-p5", due: dt.date = dt.date(2026, 4, 2), **attrs: Any) -> TrackedObligation:
    return obligation(clause=clause, due=due, kind="appeal", document_facts_=facts("appeal", **attrs))


def test_an_appeals_term_is_extended_by_the_official_who_gave_the_instruction_with_an_interim_answer() -> None:
    decision = decide(VINNYTSIA, appeal(), request(interim_answer=True, requested_by=""), [], TODAY)
    assert decision.new_due == dt.date(2026, 4, 15)
    assert "r10-s2-p5" in [c.clause for c in decision.clauses]


def test_an_appeals_extension_needs_an_interim_answer() -> None:
    """У випадках, коли термін розгляду звернень продовжується, у проміжних відповідях вказуються причини,
    а також кінцевий термін їх виконання."""
    with pytest.raises(FailedPrecondition) as err:
        decide(VINNYTSIA, appeal(), request(requested_by=""), [], TODAY)
    assert err.value.clause == "r10-s2-p5" and "проміжних відповідях" in str(err.value)


def test_the_official_who_gave_the_instruction_shortens_an_appeals_term_without_reasons() -> None:
    """В окремих випадках особи, які давали доручення, можуть скоротити термін розгляду або продовжити його,
    якщо можливість такого продовження визначена …: підстави потрібні лише для продовження."""
    decision = decide(VINNYTSIA, appeal(), request(new_due=dt.date(2026, 3, 20), requested_by="", reason=""), [], TODAY)
    assert decision.new_due == dt.date(2026, 3, 20) and not decision.extends
    assert "r10-s2-p5" in [c.clause for c in decision.clauses]
    # an extension still needs its grounds
    with pytest.raises(InvalidArgument) as err:
        decide(VINNYTSIA, appeal(), request(requested_by="", reason="", interim_answer=True), [], TODAY)
    assert err.value.field == "reason" and err.value.clause == "r10-s2-p5"
    # and someone else may not shorten it either
    with pytest.raises(PermissionDenied):
        decide(VINNYTSIA, appeal(), request(new_due=dt.date(2026, 3, 20), actor_role="mayor", reason=""), [], TODAY)


def test_an_appeals_term_changed_by_someone_else_cites_both_authority_clauses() -> None:
    with pytest.raises(PermissionDenied) as err:
        decide(VINNYTSIA, appeal(), request(actor_role="mayor", interim_answer=True), [], TODAY)
    message = str(err.value)
    assert "r10-s2-p5" in message and "r12-s3-p7" in message
    assert "особи, які давали доручення" in message


def test_an_appeals_month_is_extended_no_further_than_45_days_from_registration() -> None:
    # registered 02.03.2026: day 45 is 16.04.2026
    ok = decide(VINNYTSIA, appeal(), request(new_due=dt.date(2026, 4, 16), interim_answer=True), [], TODAY)
    assert ok.new_due == dt.date(2026, 4, 16)
    with pytest.raises(FailedPrecondition) as err:
        decide(VINNYTSIA, appeal(), request(new_due=dt.date(2026, 4, 17), interim_answer=True), [], TODAY)
    assert err.value.clause == "r10-s2-p5" and "45" in str(err.value)


def test_an_appeals_45th_day_on_a_saturday_caps_the_extension_at_the_preceding_friday() -> None:
    """…не далі ніж до 45-го календарного дня від реєстрації; якщо останній день терміну припадає на
    неробочий — днем закінчення вважається останній робочий день, що передує неробочому (r12-s3-p4)."""
    # registered Wednesday 04.03.2026: day 45 is Saturday 18.04.2026, so the ceiling is Friday 17.04.2026
    for clause, attrs in (("r10-s2-p5", {}), ("r10-s2-p7", {"ec_competence": True})):
        ob = appeal(clause, dt.date(2026, 4, 3), registered=dt.date(2026, 3, 4), **attrs)
        for asked in (dt.date(2026, 4, 17), dt.date(2026, 4, 18), dt.date(2026, 4, 19)):
            # a Saturday or Sunday asked for stands as the Friday before it (r12-s3-p4): within the ceiling
            ok = decide(VINNYTSIA, ob, request(new_due=asked, interim_answer=True), [], TODAY)
            assert ok.new_due == dt.date(2026, 4, 17)
        with pytest.raises(FailedPrecondition) as err:
            decide(VINNYTSIA, ob, request(new_due=dt.date(2026, 4, 20), interim_answer=True), [], TODAY)
        assert (err.value.field, err.value.clause) == ("new_due", clause) and "45" in str(err.value)


def test_a_new_term_on_a_day_off_that_counts_as_the_current_term_changes_nothing_and_is_refused() -> None:
    # the current term is Friday 17.04.2026; Saturday 18.04 counts as that Friday (r12-s3-p4)
    ob = appeal("r10-s2-p5", dt.date(2026, 4, 17), registered=dt.date(2026, 3, 4))
    with pytest.raises(InvalidArgument) as err:
        decide(VINNYTSIA, ob, request(new_due=dt.date(2026, 4, 18), interim_answer=True), [], TODAY)
    assert err.value.field == "new_due" and "2026-04-17" in str(err.value)


def test_a_term_that_may_not_exceed_its_limit_is_not_extended_beyond_it() -> None:
    # r10-s2-p8: long-term control of at most a year; original term 02.03.2027
    ob = appeal("r10-s2-p8", dt.date(2027, 3, 2), long_term_control=dt.date(2026, 3, 2))
    ob = dataclasses.replace(ob, original_due=dt.date(2027, 3, 2), due=dt.date(2027, 2, 1))
    assert decide(
        VINNYTSIA, ob, request(new_due=dt.date(2027, 3, 2), interim_answer=True), [], TODAY
    ).new_due == dt.date(2027, 3, 2)
    with pytest.raises(FailedPrecondition) as err:
        decide(VINNYTSIA, ob, request(new_due=dt.date(2027, 3, 3), interim_answer=True), [], TODAY)
    assert err.value.clause == "r10-s2-p8"


# -- the public-information law ----------------------------------------------------------------------


def info_request(received: dt.date = dt.date(2026, 3, 2)) -> TrackedObligation:
    f = facts("info_request", registered=received)
    return obligation(
        clause="st20-ch1", due=dt.date(2026, 3, 9), source="public-information", kind="info_request", document_facts_=f
    )


def test_an_information_request_is_extended_up_to_20_working_days_with_reasons() -> None:
    # received Mon 02.03.2026: the 20th working day is Mon 30.03.2026
    ok = decide(
        VINNYTSIA, info_request(), request(new_due=dt.date(2026, 3, 30)), [], dt.date(2026, 3, 6), statute=STATUTE
    )
    assert ok.new_due == dt.date(2026, 3, 30)
    assert ("public-information", "st20-ch4") in [(c.reglament, c.clause) for c in ok.clauses]
    with pytest.raises(FailedPrecondition) as err:
        decide(
            VINNYTSIA, info_request(), request(new_due=dt.date(2026, 3, 31)), [], dt.date(2026, 3, 6), statute=STATUTE
        )
    assert err.value.clause == "st20-ch4" and "20 робочих днів" in str(err.value)


def test_an_information_request_is_extended_within_five_working_days_of_receipt() -> None:
    """Про продовження строку розпорядник інформації повідомляє запитувача в письмовій формі не пізніше
    п'яти робочих днів з дня отримання запиту."""
    late = request(new_due=dt.date(2026, 3, 20), requested_on=dt.date(2026, 3, 10))
    with pytest.raises(FailedPrecondition) as err:
        decide(VINNYTSIA, info_request(), late, [], dt.date(2026, 3, 10), statute=STATUTE)
    assert err.value.clause == "st20-ch4" and "09.03.2026" in str(err.value)


# -- Shostka ---------------------------------------------------------------------------------------


def shostka(
    kind: str = "incoming", clause: str = "r11-s6-p6.1", due: dt.date = dt.date(2026, 4, 1), **attrs: Any
) -> TrackedObligation:
    f = document_facts(
        kind=kind,
        received=dt.date(2026, 3, 2),
        registered=dt.date(2026, 3, 2),
        due_date=None,
        urgent=False,
        for_information=False,
        restricted=False,
        simple=False,
        executors=(EXECUTOR,),
        attributes={},
        facts=SHOSTKA.facts(),
    )
    f.update(attrs)
    return dataclasses.replace(
        obligation(clause=clause, due=due, kind=kind, document_facts_=f),
        reglament="shostka-2013",
        source="shostka-2013",
    )


def test_shostka_a_term_is_changed_only_by_whoever_set_it() -> None:
    """Термін виконання документа може бути змінений лише за вказівкою органу або посадовою особою, яка його
    встановила (р. 11 п. 6.8)."""
    with pytest.raises(PermissionDenied) as err:
        decide(SHOSTKA, shostka(), request(actor_role="council_secretary"), [], TODAY)
    assert err.value.clause == "r11-s6-p6.8"
    assert decide(SHOSTKA, shostka(), request(), [], TODAY).new_due == dt.date(2026, 4, 15)


def test_shostka_a_proposal_to_move_a_term_states_its_reasons() -> None:
    with pytest.raises(InvalidArgument) as err:
        decide(SHOSTKA, shostka(), request(reason=""), [], TODAY)
    assert err.value.clause == "r11-s6-p6.9"


def test_shostka_a_deputys_appeal_is_answered_within_30_days_of_receipt_at_most() -> None:
    ob = shostka("deputy_appeal", "r11-s6-p6.5", dt.date(2026, 3, 12))
    ok = decide(SHOSTKA, ob, request(new_due=dt.date(2026, 4, 1)), [], TODAY)
    assert ok.new_due == dt.date(2026, 4, 1)
    with pytest.raises(FailedPrecondition) as err:
        decide(SHOSTKA, ob, request(new_due=dt.date(2026, 4, 2)), [], TODAY)
    assert err.value.clause == "r11-s6-p6.6"


def test_shostka_an_appeals_45th_day_on_a_saturday_lets_the_extension_run_to_monday() -> None:
    """Загальний термін розгляду та вирішення питань, зазначених у зверненні, не повинен перевищувати 45 днів
    (р. 12 п. 3.5); останній неробочий день строку переноситься на перший за ним робочий день (ЦК, ч. 5 ст. 254)."""
    # received Wednesday 04.03.2026: day 45 is Saturday 18.04.2026, so the ceiling is Monday 20.04.2026
    mayor = TermSetter("person", "mayor", "Коваленко К.К.", "розпорядження (доручення) міського голови")
    ob = dataclasses.replace(
        shostka("appeal", "r12-s3-p3.5", dt.date(2026, 4, 6), received=dt.date(2026, 3, 4)), setter=mayor
    )
    change = {"actor": "Коваленко К.К.", "actor_role": "mayor", "author_notified": True}
    ok = decide(SHOSTKA, ob, request(new_due=dt.date(2026, 4, 20), **change), [], TODAY)
    assert ok.new_due == dt.date(2026, 4, 20)
    assert "r12-s3-p3.5-a2" in [c.clause for c in ok.clauses]
    with pytest.raises(FailedPrecondition) as err:
        decide(SHOSTKA, ob, request(new_due=dt.date(2026, 4, 21), **change), [], TODAY)
    assert (err.value.field, err.value.clause) == ("new_due", "r12-s3-p3.5-a2")


def test_shostka_a_proposal_to_move_an_order_comes_three_working_days_before_its_term() -> None:
    """…виконавець не пізніше ніж за 3 робочі дні подає міському голові аргументовані пропозиції (п. 6.11)."""
    ob = shostka("mayor_order", due=dt.date(2026, 3, 13))
    ok = decide(SHOSTKA, ob, request(requested_on=dt.date(2026, 3, 9)), [], dt.date(2026, 3, 9))
    assert ok.extends
    with pytest.raises(FailedPrecondition) as err:
        decide(SHOSTKA, ob, request(requested_on=dt.date(2026, 3, 10)), [], dt.date(2026, 3, 10))
    assert err.value.clause == "r11-s6-p6.11"
