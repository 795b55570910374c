"""Deadlines: tracked obligations, term changes, substitutions, scheduler state and the outbox."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen copies of the types in schema.py at this revision.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "deadline_obligations",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("reglament", sa.String(100), nullable=False),
        sa.Column("municipality", sa.String(100), nullable=False),
        sa.Column("subject_id", sa.String(200), nullable=False),
        sa.Column("document_kind", sa.String(50), nullable=False),
        sa.Column("document_number", sa.String(100), nullable=False),
        sa.Column("clause", sa.String(100), nullable=False),
        sa.Column("encoding_key", sa.String(200), nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("interpretation", sa.Text, nullable=False),
        sa.Column("bearer", sa.String(200), nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("due", sa.String(40), nullable=False),
        sa.Column("due_day", sa.Date, nullable=False),
        sa.Column("original_due", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("term_version", sa.Integer, nullable=False),
        sa.Column("executors", JSON, nullable=False),
        sa.Column("setter", JSON, nullable=False),
        sa.Column("facts", JSON, nullable=False),
        sa.Column("explanation", JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("due_soon_at", TIMESTAMP, nullable=True),
        sa.Column("violated_at", TIMESTAMP, nullable=True),
        sa.Column("closed_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_deadline_obligations"),
    )
    op.create_index("ix_deadline_obligations_status_due_day", "deadline_obligations", ["status", "due_day"])
    op.create_index("ix_deadline_obligations_subject_id", "deadline_obligations", ["subject_id"])
    op.create_index("ix_deadline_obligations_reglament_due_day", "deadline_obligations", ["reglament", "due_day"])

    op.create_table(
        "deadline_status_changes",
        sa.Column("id", BIG_ID, nullable=False, autoincrement=True),
        sa.Column("obligation_id", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("term_version", sa.Integer, nullable=False),
        sa.Column("clock", TIMESTAMP, nullable=False),
        sa.Column("recorded_at", TIMESTAMP, nullable=False),
        sa.Column("event_id", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_deadline_status_changes"),
        sa.UniqueConstraint(
            "obligation_id",
            "status",
            "term_version",
            name="uq_deadline_status_changes_obligation_id_status_term_version",
        ),
    )

    op.create_table(
        "deadline_term_changes",
        sa.Column("id", BIG_ID, nullable=False, autoincrement=True),
        sa.Column("obligation_id", sa.String(200), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=True),
        sa.Column("term_version", sa.Integer, nullable=False),
        sa.Column("previous_due", sa.String(40), nullable=False),
        sa.Column("new_due", sa.String(40), nullable=False),
        sa.Column("requested_due", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("actor_role", sa.String(100), nullable=False),
        sa.Column("capacity", sa.String(30), nullable=False),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("basis", sa.Text, nullable=False),
        sa.Column("requested_on", sa.Date, nullable=False),
        sa.Column("authority", sa.Text, nullable=False),
        sa.Column("clauses", JSON, nullable=False),
        sa.Column("explanation", JSON, nullable=False),
        sa.Column("event_id", sa.String(100), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_deadline_term_changes"),
        sa.UniqueConstraint("request_id", name="uq_deadline_term_changes_request_id"),
    )
    op.create_index("ix_deadline_term_changes_obligation_id", "deadline_term_changes", ["obligation_id"])

    op.create_table(
        "deadline_substitutions",
        sa.Column("id", BIG_ID, nullable=False, autoincrement=True),
        sa.Column("reglament", sa.String(100), nullable=False),
        sa.Column("request_id", sa.String(200), nullable=True),
        sa.Column("absent_role", sa.String(100), nullable=False),
        sa.Column("absent_name", sa.String(200), nullable=False),
        sa.Column("substitute_role", sa.String(100), nullable=False),
        sa.Column("substitute_name", sa.String(200), nullable=False),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_until", sa.Date, nullable=True),
        sa.Column("basis", sa.Text, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_deadline_substitutions"),
        sa.UniqueConstraint("request_id", name="uq_deadline_substitutions_request_id"),
    )
    op.create_index(
        "ix_deadline_substitutions_reglament_absent_role", "deadline_substitutions", ["reglament", "absent_role"]
    )

    op.create_table(
        "deadline_outbox",
        sa.Column("id", BIG_ID, nullable=False, autoincrement=True),
        sa.Column("event_id", sa.String(100), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("published_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_deadline_outbox"),
        sa.UniqueConstraint("event_id", name="uq_deadline_outbox_event_id"),
    )
    op.create_index("ix_deadline_outbox_published_at", "deadline_outbox", ["published_at"])

    op.create_table(
        "deadline_state",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_deadline_state"),
    )


def downgrade() -> None:
    op.drop_table("deadline_state")
    op.drop_index("ix_deadline_outbox_published_at", table_name="deadline_outbox")
    op.drop_table("deadline_outbox")
    op.drop_index("ix_deadline_substitutions_reglament_absent_role", table_name="deadline_substitutions")
    op.drop_table("deadline_substitutions")
    op.drop_index("ix_deadline_term_changes_obligation_id", table_name="deadline_term_changes")
    op.drop_table("deadline_term_changes")
    op.drop_table("deadline_status_changes")
    op.drop_index("ix_deadline_obligations_reglament_due_day", table_name="deadline_obligations")
    op.drop_index("ix_deadline_obligations_subject_id", table_name="deadline_obligations")
    op.drop_index("ix_deadline_obligations_status_due_day", table_name="deadline_obligations")
    op.drop_table("deadline_obligations")
