"""Registry: documents' parts and intake, links, executors, control of execution, obligation history, outbox."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen copies of the types in schema.py at this revision; later revisions must not depend on schema.py.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)
EMPTY_LIST = sa.text("'[]'")

_DOCUMENT_COLUMNS = (
    ("topic", sa.Text, ""),
    ("category", sa.String(50), ""),
    ("author_key", sa.String(32), ""),
    ("tasks", JSON, EMPTY_LIST),
    ("attachments", JSON, EMPTY_LIST),
    ("findings", JSON, EMPTY_LIST),
    ("routed_to", JSON, EMPTY_LIST),
    ("not_considered_under", sa.String(100), ""),
)


def upgrade() -> None:
    for name, type_, default in _DOCUMENT_COLUMNS:
        op.add_column("documents", sa.Column(name, type_, nullable=False, server_default=default))
    # Documents registered before this revision are reported under their kind.
    op.execute("UPDATE documents SET category = kind")
    op.create_index("ix_documents_reglament_category_registered", "documents", ["reglament", "category", "registered"])
    op.create_index("ix_documents_reglament_author_key", "documents", ["reglament", "author_key"])

    op.create_table(
        "document_links",
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("relation", sa.String(20), nullable=False),
        sa.Column("target_id", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "relation", "target_id", name="pk_document_links"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_document_links_document_id_documents"),
        sa.ForeignKeyConstraint(["target_id"], ["documents.id"], name="fk_document_links_target_id_documents"),
    )
    op.create_index("ix_document_links_target_id", "document_links", ["target_id"])

    op.create_table(
        "document_executors",
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "position", name="pk_document_executors"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_document_executors_document_id_documents"
        ),
    )
    op.create_index("ix_document_executors_name_position", "document_executors", ["name", "position"])
    # Executors of documents registered before this revision.
    connection = op.get_bind()
    documents = sa.table("documents", sa.column("id", sa.String), sa.column("executors", JSON))
    executors = sa.table(
        "document_executors", sa.column("document_id"), sa.column("position"), sa.column("name")
    )
    rows = [
        {"document_id": doc_id, "position": position, "name": name}
        for doc_id, names in connection.execute(sa.select(documents.c.id, documents.c.executors))
        for position, name in enumerate(names or [])
    ]
    if rows:
        connection.execute(sa.insert(executors), rows)

    op.create_table(
        "document_control",
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("reglament", sa.String(100), nullable=False),
        sa.Column("category", sa.String(50), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("controller", sa.String(500), nullable=False),
        sa.Column("controller_role", sa.String(100), nullable=False),
        sa.Column("put_by", sa.String(200), nullable=False),
        sa.Column("put_on", sa.Date, nullable=True),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("long_term", sa.Boolean, nullable=False),
        sa.Column("basis", sa.Text, nullable=False),
        sa.Column("executed_on", sa.Date, nullable=True),
        sa.Column("executed_by", sa.String(200), nullable=False),
        sa.Column("execution_facts", JSON, nullable=False),
        sa.Column("removed_on", sa.Date, nullable=True),
        sa.Column("removed_by", sa.String(200), nullable=False),
        sa.Column("removal_basis", sa.String(100), nullable=False),
        sa.Column("removal_document_id", sa.String(32), nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("document_id", name="pk_document_control"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_document_control_document_id_documents"),
    )
    op.create_index(
        "ix_document_control_reglament_category_put_on", "document_control", ["reglament", "category", "put_on"]
    )
    op.create_index("ix_document_control_status_due", "document_control", ["status", "due"])

    op.create_table(
        "interim_reports",
        sa.Column("id", BIG_ID, nullable=False, autoincrement=True),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("reported_on", sa.Date, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_interim_reports"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_interim_reports_document_id_documents"),
    )
    op.create_index("ix_interim_reports_document_id", "interim_reports", ["document_id"])

    op.create_table(
        "obligation_changes",
        sa.Column("id", BIG_ID, nullable=False, autoincrement=True),
        sa.Column("event_id", sa.String(100), nullable=False),
        sa.Column("obligation_id", sa.String(200), nullable=False),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("new_due", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("clause", sa.String(100), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_obligation_changes"),
        sa.UniqueConstraint("event_id", name="uq_obligation_changes_event_id"),
    )
    op.create_index("ix_obligation_changes_obligation_id", "obligation_changes", ["obligation_id"])

    op.create_table(
        "outbox",
        sa.Column("id", BIG_ID, nullable=False, autoincrement=True),
        sa.Column("event_id", sa.String(100), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("published_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("event_id", name="uq_outbox_event_id"),
    )
    op.create_index("ix_outbox_published_at", "outbox", ["published_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_published_at", table_name="outbox")
    op.drop_table("outbox")
    op.drop_index("ix_obligation_changes_obligation_id", table_name="obligation_changes")
    op.drop_table("obligation_changes")
    op.drop_index("ix_interim_reports_document_id", table_name="interim_reports")
    op.drop_table("interim_reports")
    op.drop_index("ix_document_control_status_due", table_name="document_control")
    op.drop_index("ix_document_control_reglament_category_put_on", table_name="document_control")
    op.drop_table("document_control")
    op.drop_index("ix_document_executors_name_position", table_name="document_executors")
    op.drop_table("document_executors")
    op.drop_index("ix_document_links_target_id", table_name="document_links")
    op.drop_table("document_links")
    op.drop_index("ix_documents_reglament_author_key", table_name="documents")
    op.drop_index("ix_documents_reglament_category_registered", table_name="documents")
    for name, _, _ in reversed(_DOCUMENT_COLUMNS):
        op.drop_column("documents", name)
