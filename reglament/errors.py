"""Typed domain errors and the one table that maps them to gRPC status codes."""

from __future__ import annotations

import grpc


class DomainError(Exception):
    """Base: a refusal the caller can act on. `field` and `clause` are named when known."""

    code = grpc.StatusCode.INTERNAL

    def __init__(self, message: str, *, field: str = "", clause: str = "") -> None:
        self.field = field
        self.clause = clause
        parts = []
        if field:
            parts.append(f"{field}: ")
        parts.append(message)
        if clause:
            parts.append(f" [{clause}]")
        super().__init__("".join(parts))


class InvalidArgument(DomainError):
    code = grpc.StatusCode.INVALID_ARGUMENT


class NotFound(DomainError):
    code = grpc.StatusCode.NOT_FOUND


class FailedPrecondition(DomainError):
    code = grpc.StatusCode.FAILED_PRECONDITION


class PermissionDenied(DomainError):
    code = grpc.StatusCode.PERMISSION_DENIED


class Conflict(DomainError):
    code = grpc.StatusCode.ALREADY_EXISTS


def status_for(exc: BaseException) -> tuple[grpc.StatusCode, str]:
    """The status code and message a servicer returns for an exception."""
    if isinstance(exc, DomainError):
        return exc.code, str(exc)
    return grpc.StatusCode.INTERNAL, "internal error"
