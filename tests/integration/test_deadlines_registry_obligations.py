"""Obligations the registry creates (long-term control of an appeal, r10-s2-p8) are tracked by the
deadlines service over NATS: the clock watches them and the official who put the appeal on control
moves their term."""

from __future__ import annotations

import datetime as dt
import time
import uuid

import grpc
import pytest

from reglament.legaltime.clock import KYIV
from reglament.v1 import common_pb2, deadlines_pb2, registry_pb2
from tests.conftest import Stubs

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]

CONTROLLER = "Петренко А.В."


def _tracked_or_none(stubs: Stubs, obligation_id: str) -> deadlines_pb2.TrackedObligation | None:
    try:
        found: deadlines_pb2.TrackedObligation = stubs.deadlines.GetObligation(
            deadlines_pb2.GetObligationRequest(id=obligation_id), timeout=5
        )
    except grpc.RpcError as exc:
        if exc.code() != grpc.StatusCode.NOT_FOUND:
            raise
        return None
    return found


def _wait_tracked(stubs: Stubs, obligation_id: str, timeout_s: float = 30.0) -> deadlines_pb2.TrackedObligation:
    deadline = time.monotonic() + timeout_s
    while True:
        found = _tracked_or_none(stubs, obligation_id)
        if found is not None:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"the deadlines service does not track {obligation_id}")
        time.sleep(0.1)


def test_long_term_control_of_an_appeal_is_watched_and_moved_by_the_official_who_put_it_on_control(
    clocked_stubs: Stubs,
) -> None:
    """Термін довгострокового контролю не може перевищувати 1 рік (r10-s2-p8); його змінює посадова особа,
    яка поставила звернення на контроль (r10-s2-p5, r12-s3-p7)."""
    stubs = clocked_stubs  # the clock is run ahead to the end of the term: a service on a fixed clock
    today = dt.datetime.now(KYIV).date()
    appeal = stubs.registry.RegisterDocument(
        registry_pb2.RegisterDocumentRequest(
            reglament="vinnytsia-2020",
            kind=common_pb2.DOCUMENT_KIND_APPEAL,
            title=f"Про капітальний ремонт дороги на вул. Малиновського ({uuid.uuid4().hex[:6]})",
            correspondent=f"Ковальчук Андрій Іванович {uuid.uuid4().hex[:6]}",
            executors=["Департамент міського господарства"],
            received=today.isoformat(),
            registered=today.isoformat(),
        ),
        timeout=10,
    ).document
    put = stubs.registry.PutOnControl(
        registry_pb2.PutOnControlRequest(
            request_id=uuid.uuid4().hex,
            document_id=appeal.id,
            actor="Відділ контролю",
            controller=CONTROLLER,
            controller_role="deputy_mayor",
            on=today.isoformat(),
            long_term=True,
            basis="Резолюція: на довгостроковий контроль",
        ),
        timeout=10,
    )
    [limit] = [o for o in put.document.obligations if o.clause.clause == "r10-s2-p8"]

    tracked = _wait_tracked(stubs, limit.id)
    assert tracked.obligation.due == limit.due and tracked.obligation.clause.clause == "r10-s2-p8"
    assert tracked.obligation.status in (common_pb2.OBLIGATION_STATUS_PENDING, common_pb2.OBLIGATION_STATUS_DUE_SOON)
    assert (tracked.setter.role, tracked.setter.name) == ("deputy_mayor", CONTROLLER)
    # tracked once: the registry's event does not create a second obligation of the same id
    listed = stubs.deadlines.ListObligations(deadlines_pb2.ListObligationsRequest(subject_id=appeal.id), timeout=5)
    assert [o.obligation.id for o in listed.obligations].count(limit.id) == 1

    # only the official who put the appeal on control moves it; shortening needs no reasons
    shorter = dt.date.fromisoformat(limit.due) - dt.timedelta(days=60)
    with pytest.raises(grpc.RpcError) as err:
        stubs.deadlines.ExtendTerm(
            deadlines_pb2.ExtendTermRequest(
                request_id=uuid.uuid4().hex,
                obligation_id=limit.id,
                new_due=shorter.isoformat(),
                actor="Моргунов С.А.",
                actor_role="mayor",
                capacity=deadlines_pb2.EXTENSION_CAPACITY_SET_TERM,
            ),
            timeout=10,
        )
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED

    moved = stubs.deadlines.ExtendTerm(
        deadlines_pb2.ExtendTermRequest(
            request_id=uuid.uuid4().hex,
            obligation_id=limit.id,
            new_due=shorter.isoformat(),
            actor=CONTROLLER,
            actor_role="deputy_mayor",
            capacity=deadlines_pb2.EXTENSION_CAPACITY_SET_TERM,
        ),
        timeout=10,
    )
    assert moved.created and moved.change.previous_due == limit.due
    assert moved.obligation.original_due == limit.due

    # the clock watches it: on its last day it is not violated yet, the moment after it is
    stubs.deadlines.Tick(
        deadlines_pb2.TickRequest(now=f"{moved.change.new_due}T23:59:00", subject_id=appeal.id), timeout=10
    )
    assert _wait_tracked(stubs, limit.id).obligation.status == common_pb2.OBLIGATION_STATUS_DUE_SOON
    stubs.deadlines.Tick(
        deadlines_pb2.TickRequest(
            now=(dt.date.fromisoformat(moved.change.new_due) + dt.timedelta(days=1)).isoformat() + "T00:01:00",
            subject_id=appeal.id,
        ),
        timeout=10,
    )
    violated = _wait_tracked(stubs, limit.id)
    assert violated.obligation.status == common_pb2.OBLIGATION_STATUS_VIOLATED
