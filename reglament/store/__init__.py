"""Persistence of the registry: one schema on SQLite (embedded) and PostgreSQL (production)."""

from reglament.store.errors import Conflict, InvalidArgument, NotFound, SchemaOutOfDate, StoreError
from reglament.store.store import AuditEntry, NewDocument, Store

__all__ = [
    "AuditEntry",
    "Conflict",
    "InvalidArgument",
    "NewDocument",
    "NotFound",
    "SchemaOutOfDate",
    "Store",
    "StoreError",
]
