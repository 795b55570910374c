"""Typed errors of the store; the services map them to gRPC status codes."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store raises on purpose."""


class NotFound(StoreError):
    """A record the call refers to does not exist; `field` names the argument that referred to it."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class Conflict(StoreError):
    """The write contradicts what is already stored (e.g. a control step out of order)."""


class InvalidArgument(StoreError, ValueError):
    """Bad input; nothing was written."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class SchemaOutOfDate(StoreError):
    """The database is not at the schema revision this code expects (opened with migrate=False)."""
