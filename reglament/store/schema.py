"""The registry's tables as SQLAlchemy Core metadata; migrations under store/migrations create the same."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# Explicit constraint names, so migrations and metadata agree on both backends.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

# JSONB on PostgreSQL (indexable, compact), plain JSON text elsewhere.
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
# 64-bit on PostgreSQL; SQLite autoincrements only an INTEGER PRIMARY KEY (which is 64-bit there).
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Timestamp = sa.DateTime(timezone=True)  # always written in UTC

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),  # uuid4 hex
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
    sa.Column("executors", Json, nullable=False),  # ordered list; the first is responsible
    sa.Column("attributes", Json, nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    # The counter is kept per reglament, so two reglaments may both have a journal of the same name.
    sa.UniqueConstraint("reglament", "journal", "year", "seq"),
    sa.Index(None, "registered", "id"),  # keyset pagination
)

journal_counters = sa.Table(
    "journal_counters",
    metadata,
    sa.Column("reglament", sa.String(100), primary_key=True),
    sa.Column("journal", sa.String(100), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("last_seq", sa.Integer, nullable=False),
)

obligations = sa.Table(
    "obligations",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("reglament", sa.String(100), nullable=False),
    sa.Column("clause", sa.String(100), nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
    sa.Column("interpretation", sa.Text, nullable=False),
    sa.Column("bearer", sa.String(200), nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    # ISO date ("2024-03-05") or datetime ("2024-03-05T18:00:00+00:00"); both sort as text.
    sa.Column("due", sa.String(40), nullable=False),
    sa.Column("explanation", Json, nullable=False),  # list of sentences
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
    sa.Index(None, "status", "due"),
    sa.Index(None, "document_id"),
)

processed_events = sa.Table(
    "processed_events",
    metadata,
    sa.Column("consumer", sa.String(100), primary_key=True),
    sa.Column("event_id", sa.String(100), primary_key=True),
    sa.Column("processed_at", Timestamp, nullable=False),
)

idempotency = sa.Table(
    "idempotency",
    metadata,
    sa.Column("scope", sa.String(50), primary_key=True),
    sa.Column("request_id", sa.String(200), primary_key=True),
    sa.Column("result_id", sa.String(200), nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
)

# Append-only: the store never updates or deletes a row, and triggers made by the migration refuse to.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("subject_id", sa.String(200), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("at", Timestamp, nullable=False),
    sa.Column("action", sa.String(100), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("data", Json, nullable=False),
    sa.Index(None, "subject_id"),
)
