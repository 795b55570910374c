"""The registry's tables as SQLAlchemy Core metadata; migrations under store/migrations create the same."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from reglament.events.outbox import outbox_table

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
    # Added by migration 0002 (registry): the document's parts and its intake.
    sa.Column("topic", sa.Text, nullable=False, server_default=""),
    sa.Column("category", sa.String(50), nullable=False, server_default=""),  # reporting class
    sa.Column("author_key", sa.String(32), nullable=False, server_default=""),  # same author, same question
    sa.Column("tasks", Json, nullable=False, server_default=sa.text("'[]'")),
    sa.Column("attachments", Json, nullable=False, server_default=sa.text("'[]'")),
    sa.Column("findings", Json, nullable=False, server_default=sa.text("'[]'")),  # intake findings
    sa.Column("routed_to", Json, nullable=False, server_default=sa.text("'[]'")),
    sa.Column("not_considered_under", sa.String(100), nullable=False, server_default=""),
    # The counter is kept per reglament, so two reglaments may both have a journal of the same name.
    sa.UniqueConstraint("reglament", "journal", "year", "seq"),
    sa.Index(None, "registered", "id"),  # keyset pagination
    sa.Index(None, "reglament", "category", "registered"),  # control report
    sa.Index(None, "reglament", "author_key"),  # repeated appeals
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
    # sha256 of the request the id was first used with (registrations); a retry must be the same request
    sa.Column("fingerprint", sa.String(64), nullable=True),
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


# -- registry (migration 0002): links, executors, control of execution, obligation history, outbox ------

document_links = sa.Table(
    "document_links",
    metadata,
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("relation", sa.String(20), primary_key=True),  # answer_to | amends | cancels | repeats
    sa.Column("target_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Index(None, "target_id"),
)

# One row per named executor, so documents can be found by executor on both backends.
document_executors = sa.Table(
    "document_executors",
    metadata,
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),  # 0: responsible
    sa.Column("name", sa.String(200), nullable=False),
    sa.Index(None, "name", "position"),
)

document_control = sa.Table(
    "document_control",
    metadata,
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("reglament", sa.String(100), nullable=False),
    sa.Column("category", sa.String(50), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("controller", sa.String(500), nullable=False),
    sa.Column("controller_role", sa.String(100), nullable=False),
    sa.Column("put_by", sa.String(200), nullable=False),
    sa.Column("put_on", sa.Date, nullable=True),  # NULL: executed without being put on control
    sa.Column("due", sa.Date, nullable=True),
    sa.Column("long_term", sa.Boolean, nullable=False),
    sa.Column("basis", sa.Text, nullable=False),
    sa.Column("executed_on", sa.Date, nullable=True),
    sa.Column("executed_by", sa.String(200), nullable=False),
    sa.Column("execution_facts", Json, nullable=False),
    sa.Column("removed_on", sa.Date, nullable=True),
    sa.Column("removed_by", sa.String(200), nullable=False),
    sa.Column("removal_basis", sa.String(100), nullable=False),
    sa.Column("removal_document_id", sa.String(32), nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
    sa.Index(None, "reglament", "category", "put_on"),
    sa.Index(None, "status", "due"),
)

interim_reports = sa.Table(
    "interim_reports",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("document_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("reported_on", sa.Date, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Index(None, "document_id"),
)

# Status and term changes of obligations, in order of arrival. A change may arrive before its
# obligation (another consumer); it is applied when the obligation is stored.
obligation_changes = sa.Table(
    "obligation_changes",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(100), nullable=False, unique=True),
    sa.Column("obligation_id", sa.String(200), nullable=False),
    sa.Column("document_id", sa.String(32), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # the status after the change ('' for a term change)
    sa.Column("new_due", sa.String(40), nullable=False),  # '' for a status change
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("clause", sa.String(100), nullable=False),
    sa.Column("at", Timestamp, nullable=False),
    sa.Index(None, "obligation_id"),
)

# Events written in the transaction of their change and published after it: none is lost if the
# process dies in between (they are published on the next start).
outbox = outbox_table("outbox", metadata)

# -- end registry (migration 0002) ---------------------------------------------------------------------


# -- deadlines (migration 0003): tracked obligations, term changes, substitutions, clock, outbox ------

# The obligations the deadlines service watches (one row per obligation it created).
deadline_obligations = sa.Table(
    "deadline_obligations",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("source", sa.String(100), nullable=False),  # reglament or statute of the clause
    sa.Column("reglament", sa.String(100), nullable=False),  # the document's reglament
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
    sa.Column("due", sa.String(40), nullable=False),  # ISO date, or naive Kyiv datetime
    sa.Column("due_day", sa.Date, nullable=False),  # the due's day, for the scheduler's and reports' queries
    sa.Column("original_due", sa.String(40), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("term_version", sa.Integer, nullable=False),  # number of term changes so far
    sa.Column("executors", Json, nullable=False),
    sa.Column("setter", Json, nullable=False),  # who set the term, as recorded
    sa.Column("facts", Json, nullable=False),  # the document's facts (dates as ISO text)
    sa.Column("explanation", Json, nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
    sa.Column("due_soon_at", Timestamp, nullable=True),
    sa.Column("violated_at", Timestamp, nullable=True),
    sa.Column("closed_at", Timestamp, nullable=True),
    sa.Index(None, "status", "due_day"),
    sa.Index(None, "subject_id"),
    sa.Index(None, "reglament", "due_day"),
)

# Every status the clock (or a closing event) gave an obligation, in order.
deadline_status_changes = sa.Table(
    "deadline_status_changes",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("obligation_id", sa.String(200), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("term_version", sa.Integer, nullable=False),
    sa.Column("clock", Timestamp, nullable=False),  # the "now" the change was judged at
    sa.Column("recorded_at", Timestamp, nullable=False),
    sa.Column("event_id", sa.String(100), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.UniqueConstraint("obligation_id", "status", "term_version"),
)

# Every change of a term (Deadlines.ExtendTerm), with who, in what capacity, why and on what clause.
deadline_term_changes = sa.Table(
    "deadline_term_changes",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("obligation_id", sa.String(200), nullable=False),
    sa.Column("request_id", sa.String(200), nullable=True, unique=True),
    sa.Column("term_version", sa.Integer, nullable=False),  # the version the change created
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
    sa.Column("clauses", Json, nullable=False),  # [{reglament, clause, quote, interpretation}]
    sa.Column("explanation", Json, nullable=False),
    sa.Column("event_id", sa.String(100), nullable=False),
    sa.Column("at", Timestamp, nullable=False),
    sa.Index(None, "obligation_id"),
)

# Who acts for an absent official, from when until when, on what basis (RecordSubstitution).
deadline_substitutions = sa.Table(
    "deadline_substitutions",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("reglament", sa.String(100), nullable=False),
    sa.Column("request_id", sa.String(200), nullable=True, unique=True),
    sa.Column("absent_role", sa.String(100), nullable=False),
    sa.Column("absent_name", sa.String(200), nullable=False),
    sa.Column("substitute_role", sa.String(100), nullable=False),
    sa.Column("substitute_name", sa.String(200), nullable=False),
    sa.Column("valid_from", sa.Date, nullable=False),
    sa.Column("valid_until", sa.Date, nullable=True),
    sa.Column("basis", sa.Text, nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Index(None, "reglament", "absent_role"),
)

# Events of the deadlines service written in the transaction of their change, published after it.
deadline_outbox = outbox_table("deadline_outbox", metadata)

# Small facts about the scheduler (e.g. the last clock it ran at).
deadline_state = sa.Table(
    "deadline_state",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
)

# -- end deadlines (migration 0003) --------------------------------------------------------------------

# -- approval (migration 0004): drafts on their visa routes, visas, substitutions, meetings ----------

# A draft and where it stands; its facts as submitted (and changed) in `draft`.
approval_drafts = sa.Table(
    "approval_drafts",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),  # uuid4 hex
    sa.Column("reglament", sa.String(100), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # decision | order
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("draft", Json, nullable=False),  # the Draft's typed fields and attributes
    sa.Column("approvers", Json, nullable=False),  # [{role, body, person}]
    sa.Column("stage", sa.String(30), nullable=False),
    sa.Column("round", sa.Integer, nullable=False),
    sa.Column("round_reason", sa.String(40), nullable=False),
    sa.Column("round_clause", Json, nullable=True),  # {reglament, clause, quote, interpretation}
    sa.Column("paper_clause", Json, nullable=True),
    sa.Column("submitted", sa.Date, nullable=False),
    sa.Column("meeting", sa.Date, nullable=True),
    sa.Column("adopted", sa.Boolean, nullable=False),
    sa.Column("proposer", sa.Text, nullable=False),
    sa.Column("signed", sa.Date, nullable=True),
    sa.Column("signed_by", sa.String(100), nullable=False),
    sa.Column("signer", sa.Text, nullable=False),
    sa.Column("next_seq", sa.Integer, nullable=False),  # the next visa / substitution number
    sa.Column("obligations", Json, nullable=False),  # rework obligations of the current round
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Column("updated_at", Timestamp, nullable=False),
)

# The planned steps of each round of a draft's route, in route order.
approval_route_steps = sa.Table(
    "approval_route_steps",
    metadata,
    sa.Column("draft_id", sa.String(32), sa.ForeignKey("approval_drafts.id"), primary_key=True),
    sa.Column("round", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("step_id", sa.Text, primary_key=True),
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
    sa.Column("after", Json, nullable=False),  # clause ids
    sa.Column("paper_only", sa.Boolean, nullable=False),
)

# Every visa ever recorded; a later change may void one (the step is visaed again).
approval_visas = sa.Table(
    "approval_visas",
    metadata,
    sa.Column("draft_id", sa.String(32), sa.ForeignKey("approval_drafts.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("round", sa.Integer, nullable=False),
    sa.Column("step_id", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("on_behalf_of", sa.Text, nullable=False),
    sa.Column("decision", sa.String(30), nullable=False),
    sa.Column("remarks", sa.Text, nullable=False),
    sa.Column("medium", sa.String(20), nullable=False),
    sa.Column("visaed_on", sa.Date, nullable=False),
    sa.Column("voided", sa.Boolean, nullable=False),
    sa.Column("covers", Json, nullable=False),  # step ids the same visa covers
    sa.Column("recorded_at", Timestamp, nullable=False),
    sa.Index(None, "draft_id", "round"),
)

# Replacements of absent approvers (Vinnytsia r6-s4-p5-a2).
approval_substitutions = sa.Table(
    "approval_substitutions",
    metadata,
    sa.Column("draft_id", sa.String(32), sa.ForeignKey("approval_drafts.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("step_id", sa.Text, nullable=False),
    sa.Column("absent", sa.Text, nullable=False),
    sa.Column("substitute", sa.Text, nullable=False),
    sa.Column("acting", sa.Boolean, nullable=False),
    sa.Column("phase", sa.String(10), nullable=False),
    sa.Column("clause", Json, nullable=True),
    sa.Column("recorded_at", Timestamp, nullable=False),
    # the round the substitution is made for (migration 0006); it is not in force in later rounds
    sa.Column("round", sa.Integer, nullable=False, server_default=sa.text("1")),
)

# Meetings as recorded: the request and the answer (checks and outcomes), both as protobuf bytes.
approval_meetings = sa.Table(
    "approval_meetings",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("reglament", sa.String(100), nullable=False),
    sa.Column("body", sa.String(100), nullable=False),
    sa.Column("meeting_date", sa.Date, nullable=False),
    sa.Column("record", sa.LargeBinary, nullable=False),
    sa.Column("result", sa.LargeBinary, nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
    sa.Index(None, "meeting_date"),
)

# Mutating requests by client request id: a retry gets the first answer back.
approval_requests = sa.Table(
    "approval_requests",
    metadata,
    sa.Column("request_id", sa.String(200), primary_key=True),
    sa.Column("rpc", sa.String(50), nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=False),  # sha256 of the request without its id
    sa.Column("response", sa.LargeBinary, nullable=False),
    sa.Column("created_at", Timestamp, nullable=False),
)

# Events written in the transaction of their change, published after it (and again after a crash).
approval_outbox = outbox_table("approval_outbox", metadata)

# -- end approval (migration 0004) -------------------------------------------------------------------
