"""Registry integrity: the audit log refuses an insert over an existing row; request ids remember their request."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_APPEND_ONLY_MESSAGE = "audit_log is append-only"


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        # INSERT OR REPLACE (and REPLACE INTO) deletes the row it collides with without firing the DELETE
        # trigger of 0001 (SQLite fires delete triggers for REPLACE only with recursive_triggers on), so an
        # insert that names the id of an existing row is refused before the conflict is resolved.
        # PostgreSQL has no REPLACE, and its ON CONFLICT DO UPDATE fires the UPDATE trigger of 0001.
        op.execute(
            "CREATE TRIGGER audit_log_no_overwrite BEFORE INSERT ON audit_log "
            "WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) "
            f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY_MESSAGE}'); END"
        )
    # sha256 of the request a request id was first used with: a retry must be the same request
    op.add_column("idempotency", sa.Column("fingerprint", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("idempotency") as batch:
        batch.drop_column("fingerprint")
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_log_no_overwrite")
