"""reglament.v1.Approval: translates RPCs to route planning in the core library."""

from __future__ import annotations

import asyncio

import grpc

from reglament.errors import InvalidArgument
from reglament.route import draft_facts, plan_route
from reglament.v1 import approval_pb2, approval_pb2_grpc
from services import convert
from services.rulebook import reglament_or_not_found
from services.runtime import rpc


class ApprovalServicer(approval_pb2_grpc.ApprovalServicer):
    @rpc
    async def PlanRoute(
        self, request: approval_pb2.PlanRouteRequest, context: grpc.aio.ServicerContext
    ) -> approval_pb2.PlanRouteResponse:
        reglament = reglament_or_not_found(request.reglament)
        if not request.HasField("draft"):
            raise InvalidArgument("is required", field="draft")
        draft = request.draft
        facts = draft_facts(
            reglament,
            {
                "kind": draft.kind,
                "title": draft.title,
                "preparing_body": draft.preparing_body,
                "finance_competence": draft.finance_competence,
                "to_council": draft.to_council,
                "restricted": draft.restricted,
                "task_bodies": list(draft.task_bodies),
            },
            dict(draft.attributes),
            field_prefix="draft.",
        )
        route = await asyncio.to_thread(plan_route, reglament, facts)
        response = approval_pb2.PlanRouteResponse(
            steps=[
                approval_pb2.RouteStep(
                    order=step.order,
                    role=step.role,
                    body=step.body,
                    clause=convert.clause_ref(step.ref),
                    paper_only=step.paper_only,
                    after=list(step.after),
                )
                for step in route.steps
            ],
            paper_only=route.paper_only,
            findings=[convert.finding(f) for f in route.findings],
        )
        if route.paper_clause is not None:
            response.paper_only_clause.CopyFrom(convert.clause_ref(route.paper_clause))
        return response
