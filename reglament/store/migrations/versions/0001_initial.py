"""The initial registry schema: documents, journal counters, obligations, events, idempotency, audit."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the types in schema.py at this revision; later revisions must not depend on schema.py.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)

_APPEND_ONLY_MESSAGE = "audit_log is append-only"


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("reglament", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("journal", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("number", sa.String(100), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("correspondent", sa.Text, nullable=False),
        sa.Column("received", sa.Date, nullable=True),
        sa.Column("registered", sa.Date, nullable=False),
        sa.Column("signed", sa.Date, nullable=True),
        sa.Column("due_date", sa.Date, nullable=True),
        sa.Column("urgent", sa.Boolean, nullable=False),
        sa.Column("for_information", sa.Boolean, nullable=False),
        sa.Column("restricted", sa.Boolean, nullable=False),
        sa.Column("simple", sa.Boolean, nullable=False),
        sa.Column("executors", JSON, nullable=False),
        sa.Column("attributes", JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("reglament", "journal", "year", "seq", name="uq_documents_reglament_journal_year_seq"),
    )
    op.create_index("ix_documents_registered_id", "documents", ["registered", "id"])

    op.create_table(
        "journal_counters",
        sa.Column("reglament", sa.String(100), nullable=False),
        sa.Column("journal", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("last_seq", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("reglament", "journal", "year", name="pk_journal_counters"),
    )

    op.create_table(
        "obligations",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("reglament", sa.String(100), nullable=False),
        sa.Column("clause", sa.String(100), nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("interpretation", sa.Text, nullable=False),
        sa.Column("bearer", sa.String(200), nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("due", sa.String(40), nullable=False),
        sa.Column("explanation", JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_obligations"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_obligations_document_id_documents"),
    )
    op.create_index("ix_obligations_status_due", "obligations", ["status", "due"])
    op.create_index("ix_obligations_document_id", "obligations", ["document_id"])

    op.create_table(
        "processed_events",
        sa.Column("consumer", sa.String(100), nullable=False),
        sa.Column("event_id", sa.String(100), nullable=False),
        sa.Column("processed_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("consumer", "event_id", name="pk_processed_events"),
    )

    op.create_table(
        "idempotency",
        sa.Column("scope", sa.String(50), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=False),
        sa.Column("result_id", sa.String(200), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("scope", "request_id", name="pk_idempotency"),
    )

    op.create_table(
        "audit_log",
        sa.Column("id", BIG_ID, nullable=False, autoincrement=True),
        sa.Column("subject_id", sa.String(200), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_subject_id", "audit_log", ["subject_id"])
    _create_append_only_guard()


def downgrade() -> None:
    _drop_append_only_guard()
    op.drop_index("ix_audit_log_subject_id", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("idempotency")
    op.drop_table("processed_events")
    op.drop_index("ix_obligations_document_id", table_name="obligations")
    op.drop_index("ix_obligations_status_due", table_name="obligations")
    op.drop_table("obligations")
    op.drop_table("journal_counters")
    op.drop_index("ix_documents_registered_id", table_name="documents")
    op.drop_table("documents")


def _create_append_only_guard() -> None:
    """Refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) of audit rows in the database itself."""
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{_APPEND_ONLY_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )
    else:
        for operation in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{operation.lower()} BEFORE {operation} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY_MESSAGE}'); END"
            )


def _drop_append_only_guard() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_delete")
