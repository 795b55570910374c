"""How a reglament's encodings drive the approval lifecycle: which facts and clauses answer which step.

The lifecycle never decides a legal question itself. It asks the rules with facts that describe the
step at hand (who visas, how many prior visas are missing, is the substitute acting, …) and acts on
the findings, citing their clauses. This module names, per reglament, the facts that carry those
questions and the clauses whose terms typed dates fulfil; `tests/unit/test_approval_checks.py`
checks every name against the rules, so a renamed fact or clause fails there and not in production.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reglament.rules.loader import Reglament

# Who holds a step when the draft names them: role id → (holder kind, Draft field). Steps whose
# holders are equal (same kind and name) are covered by one visa: Vinnytsia r6-s4-p5.2 and p5.7
# interpretations («одна віза зараховується за обидва підпункти»).
HOLDER_FIELDS: Mapping[str, tuple[str, str]] = {
    "head_preparing_body": ("body", "preparing_body"),
    "head_competent_body": ("body", "competent_body"),
    "deputy_mayor_responsible": ("deputy", "responsible_deputy"),
    "deputy_mayor_coordinating": ("deputy", "coordinating_deputy"),
    "change_proposer": ("proposer", "proposer"),
}
PER_BODY_HOLDER_KIND = "body"  # a per-body step (task bodies, interested units) is held by that body's head


@dataclass(frozen=True)
class Procedure:
    """The facts and clauses through which one reglament's encodings answer the lifecycle's questions.

    Fact names are used only when the reglament declares them; a reglament without a profile gets
    the defaults: visas in any order, any substitute, no typed fulfilments.
    """

    # visa order: (role being visaed, number of prior visas of its `after` steps still missing)
    order_facts: tuple[str, str] = ("visa_role", "prior_visas_missing")
    # substitution: (the visa is by a substitute, the substitute acts for the absent approver)
    substitution_facts: tuple[str, str] = ("visa_by_substitute", "substitute_is_acting")
    # the medium of a visa ("electronic" | "paper")
    medium_fact: str = "visa_medium"
    # substantive change: (the change is substantive, the route was passed again)
    restart_facts: tuple[str, str] | None = None
    # a draft fact planning the re-approval subset after changes at the meeting (Vinnytsia r6-s4-p9)
    at_meeting_fact: str | None = None
    # a meeting fact whose obligation is the rework of a decision changed at the meeting
    rework_meeting_fact: str | None = None
    # the route's state as a draft fact (e.g. r6-s6-p3, r6-s8-p4-a2)
    route_completed_fact: str | None = None
    # deemed approval by silence: (term fact, count of units that gave no position, list fact of the units)
    deemed_facts: tuple[str, str, str] | None = None
    # count of those units whose visa is still missing, deemed approvals not counted (Shostka r6-s2-p2.4)
    unvisaed_fact: str | None = None
    # typed dates → the obligation keys ("clause" or "clause#variant") they fulfil
    fulfils: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # derived facts: fact → obligation key; the fact is true when that obligation was fulfilled late
    late_facts: Mapping[str, str] = field(default_factory=dict)
    # obligation key → clause: a late fulfilment is excused (shown as info) when that clause is satisfied
    excused_by: Mapping[str, str] = field(default_factory=dict)
    # the clause a decision needs before signature: adoption by the committee
    adoption_clause: str | None = None
    # the clause that returns a draft without a majority to its executors
    returned_clause: str | None = None
    # What an adoption rests on, as encoding keys ("clause" or "clause#variant"). A group is established when
    # at least one of its encodings applies to the given facts and every one that applies is met; a fact not
    # given establishes nothing. The meeting could decide (the quorum of the executive committee):
    quorum_keys: tuple[str, ...] = ()
    # the item had the majority of the total membership, or tacit consent where the reglament allows it:
    majority_keys: tuple[str, ...] = ()
    # a decision between meetings by poll: the poll's grounds and signatures stand for quorum and majority
    poll_keys: tuple[str, ...] = ()
    # the clause that has the visaed draft before the meeting (a route completed after it adopts nothing)
    visaed_clause: str | None = None

    def declared(self, reglament: Reglament, *names: str) -> bool:
        vocabulary = reglament.facts()
        return all(name in vocabulary for name in names)


PROCEDURES: Mapping[str, Procedure] = {
    "vinnytsia-2020": Procedure(
        restart_facts=("substantial_changes", "revisa_done"),
        at_meeting_fact="changed_at_meeting",
        route_completed_fact="route_completed",
        fulfils={
            "materials_submitted": ("r6-s4-p14",),
            "agenda_formed": ("r6-s3-p1",),
            "materials_to_members": ("r6-s3-p1-a4", "r6-s4-p8"),
            "protocol_date": ("r6-s10-p3",),
            "notice_sent": ("r6-s5-p3-a2",),
            "coi_notified": ("r6-s8-p10-i2",),
        },
        late_facts={"materials_late": "r6-s4-p14"},
        excused_by={"r6-s4-p14": "r6-s3-p1-a2"},
        adoption_clause="r6-s8-p1",
        returned_clause="r6-s8-p3",
        quorum_keys=("r6-s2-p1",),
        majority_keys=("r6-s8-p1", "r6-s8-p2"),
        poll_keys=("r6-s9-a1#grounds", "r6-s9-a1#signatures"),
        visaed_clause="r6-s4-p8",
    ),
    "shostka-2013": Procedure(
        restart_facts=("substantially_changed", "reapproved"),
        rework_meeting_fact="amended_at_meeting",
        deemed_facts=("approval_term", "unanswered_units", "interested_units"),
        unvisaed_fact="unvisaed_units",
        fulfils={
            "materials_submitted": ("r8-s2-p2.4#term",),
            "materials_to_members": ("r8-s2-p2.11",),
            "protocol_date": ("r8-s9-p9.5",),
        },
        late_facts={"materials_late": "r8-s2-p2.4#term"},
        excused_by={"r8-s2-p2.4#term": "r8-s2-p2.7"},
        adoption_clause="r8-s4-p4.8",
        returned_clause="r8-s4-p4.8",
        quorum_keys=("r2-s2-p2.7#quorum", "r8-s4-p4.1"),
        majority_keys=("r8-s4-p4.8", "r8-s8-p8.1#majority"),
        visaed_clause="r8-s2-p2.4#developer-visa",
    ),
}

DEFAULT = Procedure()


def procedure_of(reglament: Reglament) -> Procedure:
    return PROCEDURES.get(reglament.id, DEFAULT)
