"""reglament.v1.Deadlines: translates RPCs to the term arithmetic of the core library."""

from __future__ import annotations

import grpc

from reglament.due import due_for_clause
from reglament.errors import InvalidArgument
from reglament.v1 import deadlines_pb2, deadlines_pb2_grpc
from services import convert
from services.rulebook import reglament_or_not_found
from services.runtime import rpc


class DeadlinesServicer(deadlines_pb2_grpc.DeadlinesServicer):
    @rpc
    async def ComputeDueDate(
        self, request: deadlines_pb2.ComputeDueDateRequest, context: grpc.aio.ServicerContext
    ) -> deadlines_pb2.ComputeDueDateResponse:
        reglament = reglament_or_not_found(request.reglament)
        if not request.clause:
            raise InvalidArgument("is required (e.g. r12-s3-p2.3)", field="clause")
        result = due_for_clause(reglament, request.clause, request.from_date, variant=request.variant or None)
        return deadlines_pb2.ComputeDueDateResponse(
            due=convert.iso(result.due),
            clause=convert.clause_ref(result.ref),
            explanation=list(result.explanation),
            policy=result.policy,
        )
