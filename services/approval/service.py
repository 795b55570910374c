"""The approval service: the Approval servicer (visa routes)."""

from __future__ import annotations

import grpc

from reglament.v1 import approval_pb2_grpc
from services.approval.servicer import ApprovalServicer
from services.runtime import Service


class ApprovalService(Service):
    name = "approval"
    grpc_services = ("reglament.v1.Approval",)

    def add_servicers(self, server: grpc.aio.Server) -> None:
        approval_pb2_grpc.add_ApprovalServicer_to_server(ApprovalServicer(), server)
