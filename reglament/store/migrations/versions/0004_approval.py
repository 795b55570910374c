"""Approval: drafts, route steps, visas, substitutions, meetings, request replies, outbox."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen copies of the types in schema.py at this revision; later revisions must not depend on schema.py.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "approval_drafts",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("reglament", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("draft", JSON, nullable=False),
        sa.Column("approvers", JSON, nullable=False),
        sa.Column("stage", sa.String(30), nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("round_reason", sa.String(40), nullable=False),
        sa.Column("round_clause", JSON, nullable=True),
        sa.Column("paper_clause", JSON, nullable=True),
        sa.Column("submitted", sa.Date, nullable=False),
        sa.Column("meeting", sa.Date, nullable=True),
        sa.Column("adopted", sa.Boolean, nullable=False),
        sa.Column("proposer", sa.Text, nullable=False),
        sa.Column("signed", sa.Date, nullable=True),
        sa.Column("signed_by", sa.String(100), nullable=False),
        sa.Column("signer", sa.Text, nullable=False),
        sa.Column("next_seq", sa.Integer, nullable=False),
        sa.Column("obligations", JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_approval_drafts"),
    )

    op.create_table(
        "approval_route_steps",
        sa.Column("draft_id", sa.String(32), nullable=False),
        sa.Column("round", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("step_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("role", sa.String(100), nullable=False),
        sa.Column("role_name", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("holder", sa.Text, nullable=False),
        sa.Column("holder_key", sa.Text, nullable=False),
        sa.Column("per_body", sa.String(100), nullable=False),
        sa.Column("clause", sa.String(100), nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("interpretation", sa.Text, nullable=False),
        sa.Column("after", JSON, nullable=False),
        sa.Column("paper_only", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("draft_id", "round", "step_id", name="pk_approval_route_steps"),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["approval_drafts.id"], name="fk_approval_route_steps_draft_id_approval_drafts"
        ),
    )

    op.create_table(
        "approval_visas",
        sa.Column("draft_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("step_id", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("on_behalf_of", sa.Text, nullable=False),
        sa.Column("decision", sa.String(30), nullable=False),
        sa.Column("remarks", sa.Text, nullable=False),
        sa.Column("medium", sa.String(20), nullable=False),
        sa.Column("visaed_on", sa.Date, nullable=False),
        sa.Column("voided", sa.Boolean, nullable=False),
        sa.Column("covers", JSON, nullable=False),
        sa.Column("recorded_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("draft_id", "seq", name="pk_approval_visas"),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["approval_drafts.id"], name="fk_approval_visas_draft_id_approval_drafts"
        ),
    )
    op.create_index("ix_approval_visas_draft_id_round", "approval_visas", ["draft_id", "round"])

    op.create_table(
        "approval_substitutions",
        sa.Column("draft_id", sa.String(32), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("step_id", sa.Text, nullable=False),
        sa.Column("absent", sa.Text, nullable=False),
        sa.Column("substitute", sa.Text, nullable=False),
        sa.Column("acting", sa.Boolean, nullable=False),
        sa.Column("phase", sa.String(10), nullable=False),
        sa.Column("clause", JSON, nullable=True),
        sa.Column("recorded_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("draft_id", "seq", name="pk_approval_substitutions"),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["approval_drafts.id"], name="fk_approval_substitutions_draft_id_approval_drafts"
        ),
    )

    op.create_table(
        "approval_meetings",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("reglament", sa.String(100), nullable=False),
        sa.Column("body", sa.String(100), nullable=False),
        sa.Column("meeting_date", sa.Date, nullable=False),
        sa.Column("record", sa.LargeBinary, nullable=False),
        sa.Column("result", sa.LargeBinary, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_approval_meetings"),
    )
    op.create_index("ix_approval_meetings_meeting_date", "approval_meetings", ["meeting_date"])

    op.create_table(
        "approval_requests",
        sa.Column("request_id", sa.String(200), nullable=False),
        sa.Column("rpc", sa.String(50), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("response", sa.LargeBinary, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("request_id", name="pk_approval_requests"),
    )

    op.create_table(
        "approval_outbox",
        sa.Column("id", BIG_ID, nullable=False, autoincrement=True),
        sa.Column("event_id", sa.String(100), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("published_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_approval_outbox"),
        sa.UniqueConstraint("event_id", name="uq_approval_outbox_event_id"),
    )
    op.create_index("ix_approval_outbox_published_at", "approval_outbox", ["published_at"])


def downgrade() -> None:
    op.drop_index("ix_approval_outbox_published_at", table_name="approval_outbox")
    op.drop_table("approval_outbox")
    op.drop_table("approval_requests")
    op.drop_index("ix_approval_meetings_meeting_date", table_name="approval_meetings")
    op.drop_table("approval_meetings")
    op.drop_table("approval_substitutions")
    op.drop_index("ix_approval_visas_draft_id_round", table_name="approval_visas")
    op.drop_table("approval_visas")
    op.drop_table("approval_route_steps")
    op.drop_table("approval_drafts")
