"""Alembic environment: migrates the connection handed over by reglament.store.migrate (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from reglament.store.schema import metadata

_connection = context.config.attributes.get("connection")
if _connection is None:
    raise RuntimeError("migrations run through reglament.store.migrate.upgrade(), which passes a connection")

context.configure(connection=_connection, target_metadata=metadata, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
