"""The generated register: the Ivano-Frankivsk 2017 profile's figures, scaling, determinism, a consistent lifecycle."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

import pytest

from reglament.generator import generate, load_profile
from reglament.generator.load import requests
from reglament.generator.register import EXECUTED, INTERIM, PUT, REGISTER, REMOVED, Register

YEAR = (dt.date(2017, 1, 1), dt.date(2017, 12, 31))


@pytest.fixture(scope="module")
def year() -> Register:
    return generate(load_profile(), scale=1, seed=2017)


SEEDS = (2017, 1, 42, 2024)


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed{seed}" for seed in SEEDS])
def any_year(request: pytest.FixtureRequest) -> Register:
    return generate(load_profile(), scale=1, seed=request.param)


def _within_sampling_noise(count: int, trials: int, given: int) -> bool:
    """`count` of `trials` is the report's `given` figure give or take four binomial standard deviations."""
    share = given / trials
    return abs(count - given) <= 4 * math.sqrt(trials * share * (1 - share))


def test_a_year_has_the_reports_volumes(any_year: Register) -> None:
    rows = any_year.expected_report(*YEAR)
    assert rows["higher_authority"].registered == 429  # «опрацьовано 429 … документів органів влади вищого рівня»
    # plus the decisions and orders «Про зняття з контролю …» (3 and 4)
    assert rows["ec_decision"].registered == 1259 + 3
    assert rows["mayor_order"].registered == 726 + 4
    assert rows["protocol_instruction"].registered == 1362
    assert rows["info_request"].registered == 1076


def test_a_year_puts_on_control_the_reports_shares(any_year: Register) -> None:
    rows = any_year.expected_report(*YEAR)
    # «взято на контроль 183 … 485 … 301» of 429, 1259 and 726
    for category, trials, given in (
        ("higher_authority", 429, 183),
        ("ec_decision", 1259, 485),
        ("mayor_order", 726, 301),
    ):
        assert _within_sampling_noise(rows[category].put_on_control, trials, given), (category, rows[category])
    # 1339 of 1362 protocol instructions executed in full (98.3 %): within 1.5 points (sampling noise and
    # the terms that run past the year's end)
    assert rows["protocol_instruction"].executed / 1362 == pytest.approx(1339 / 1362, abs=0.015)


def test_the_carried_over_documents_are_exactly_the_reports(any_year: Register) -> None:
    rows = any_year.expected_report(*YEAR)
    # «на контролі перебуває 105 …, 79 … та 40 …, взятих на контроль у попередньому періоді»
    assert [rows[c].carried_over for c in ("higher_authority", "ec_decision", "mayor_order")] == [105, 79, 40]
    carried = {key for key, fate in any_year.fates.items() if fate.registered < YEAR[0]}
    assert len(carried) == 105 + 79 + 40
    # put on control in the previous year: none counts as put on control in this one
    assert all(s.day < YEAR[0] for s in any_year.steps if s.action == PUT and s.key in carried)


def test_the_removals_are_the_reports_within_a_fifth(any_year: Register) -> None:
    """«знято з контролю 562 документи» by 3 decisions and 4 orders; 203 of 288 acts of higher authorities
    closed in the year. The generator removes only what is executed before the act's day, so the figures
    vary more than a share would: within 20 %."""
    removals = [s for s in any_year.steps if s.action == REMOVED and s.basis_key]
    by_acts = [s for s in removals if not s.basis_key.startswith("incoming")]
    by_letters = [s for s in removals if s.basis_key.startswith("incoming")]
    assert Counter(s.basis_key.split("-")[0] for s in {s.basis_key: s for s in by_acts}.values()) == {
        "ec_decision": 3,
        "mayor_order": 4,
    }
    assert abs(len(by_acts) - 562) <= 0.2 * 562
    assert abs(len(by_letters) - 203) <= 0.2 * 203
    # each basis refers to every document it removes (r12-s4-p4): an act to each of its batch
    documents = {d.key: d for d in any_year.documents()}
    assert all(s.key in {key for _, key in documents[s.basis_key].links} for s in removals)


def test_a_whole_scale_is_the_same_register_as_written_with_a_point() -> None:
    profile = load_profile()
    assert generate(profile, scale=1, seed=3).steps == generate(profile, scale=1.0, seed=3).steps
    assert generate(profile, scale=0.2, seed=3).steps == generate(profile, scale=float("0.2"), seed=3).steps


def test_removal_acts_remove_their_kind_in_batches(year: Register) -> None:
    removals = [s for s in year.steps if s.action == REMOVED and s.basis_key]
    acts = Counter(s.basis_key.split("-")[0] for s in removals)
    assert set(acts) == {"ec_decision", "mayor_order", "incoming"}
    by_act = Counter(s.basis_key for s in removals if not s.basis_key.startswith("incoming"))
    assert len(by_act) == 7  # 3 decisions and 4 orders «Про зняття з контролю …»
    assert all(
        key.split("-")[0] == s.key.split("-")[0]
        for s in removals
        for key in [s.basis_key]
        if not key.startswith("incoming")
    )


def test_the_same_seed_gives_the_same_register_and_another_seed_another() -> None:
    profile = load_profile()
    first, again = generate(profile, scale=0.2, seed=7), generate(profile, scale=0.2, seed=7)
    assert first.steps == again.steps
    assert generate(profile, scale=0.2, seed=8).steps != first.steps


def test_the_register_scales(year: Register) -> None:
    tenth = generate(load_profile(), scale=0.1, seed=2017)
    for category in ("higher_authority", "protocol_instruction", "info_request"):
        full, small = year.expected_report(*YEAR)[category], tenth.expected_report(*YEAR)[category]
        assert small.registered == round(full.registered / 10)
    assert 9 * len(tenth.steps) < len(year.steps) < 11 * len(tenth.steps)


def test_every_document_goes_through_its_steps_in_order(year: Register) -> None:
    order = {REGISTER: 0, PUT: 1, INTERIM: 2, EXECUTED: 3, REMOVED: 4}
    seen: dict[str, tuple[dt.date, str]] = {}
    registered: set[str] = set()
    for step in year.steps:
        if step.action == REGISTER:
            assert step.key not in registered
            registered.add(step.key)
            continue
        assert step.key in registered, step
        if step.basis_key:
            assert step.basis_key in registered
        last = seen.get(step.key)
        if last is not None:
            assert (last[0], order[last[1]]) <= (step.day, order[step.action]), step
        seen[step.key] = (step.day, step.action)
    assert year.steps == sorted(year.steps, key=lambda s: s.order)


def test_an_anonymous_appeal_is_never_put_on_control(year: Register) -> None:
    anonymous = {d.key for d in year.documents() if d.attributes.get("anonymous") == "true"}
    assert anonymous
    assert not [s for s in year.steps if s.key in anonymous and s.action != REGISTER]


def test_registrations_keep_only_the_facts_the_reglament_declares() -> None:
    register = generate(load_profile(), scale=0.05, seed=1)
    vinnytsia = requests(register, "vinnytsia-2020")
    shostka = requests(register, "shostka-2013")
    assert any("channel" in r.attributes for r in vinnytsia)  # a fact of Vinnytsia
    assert not any("channel" in r.attributes or "has_tasks" in r.attributes for r in shostka)
    assert len({r.request_id for r in vinnytsia}) == len(vinnytsia)


@pytest.mark.parametrize("scale", [0, -1, 1001])
def test_a_scale_out_of_range_is_refused(scale: float) -> None:
    with pytest.raises(ValueError, match="scale"):
        generate(load_profile(), scale=scale)


def test_an_unknown_profile_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match="ivano-frankivsk-2017"):
        load_profile("kyiv-1990")
