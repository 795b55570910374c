"""Approval: the round a substitution of an absent approver is made for."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # substitutions recorded before this revision were made for the first round
    with op.batch_alter_table("approval_substitutions") as batch:
        batch.add_column(sa.Column("round", sa.Integer, nullable=False, server_default=sa.text("1")))


def downgrade() -> None:
    with op.batch_alter_table("approval_substitutions") as batch:
        batch.drop_column("round")
