"""Registration (gapless numbers per journal and year, idempotent by request id), reading and listing documents."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from reglament.domain import ControlStatus, Document, DocumentLink, NewDocument, ObligationStatus
from reglament.store import errors
from reglament.store.base import StoreBase
from reglament.store.rows import (
    check_actor,
    check_text,
    decode_page_token,
    document_of,
    document_row,
    encode_page_token,
    findings_json,
    findings_of,
    link_of,
    request_fingerprint,
    utcnow,
    validate_new_document,
    validate_number_format,
)
from reglament.store.schema import (
    document_control,
    document_executors,
    document_links,
    documents,
    idempotency,
    journal_counters,
    obligations,
)

REGISTER_SCOPE = "register"
MAX_PAGE_SIZE = 1000
OPEN_STATUSES = (ObligationStatus.PENDING.value, ObligationStatus.DUE_SOON.value, ObligationStatus.VIOLATED.value)


@dataclass(frozen=True)
class Registration:
    """One document to register: what, under which request id, in which number format, with which key
    of "same author, same question" (appeals; "" for none)."""

    new: NewDocument
    request_id: str | None = None
    number_format: str = "{seq}"
    author_key: str = ""
    actor: str | None = None  # who registers it (audit); None: the batch's actor
    # of the request as the caller made it (before intake); None: of `new`
    fingerprint: str | None = None


@dataclass(frozen=True)
class DocumentFilter:
    """What ListDocuments asks for; None / empty means any."""

    reglament: str | None = None
    journal: str | None = None
    kind: str | None = None
    status: ControlStatus | None = None
    executor: str | None = None
    responsible_only: bool = False
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    overdue_on: dt.date | None = None  # only documents overdue on this day
    registered_from: dt.date | None = None
    registered_to: dt.date | None = None


class DocumentsMixin(StoreBase):
    def __init__(self, engine: sa.Engine) -> None:
        super().__init__(engine)
        self._next_seq = (
            self._insert(journal_counters)
            .on_conflict_do_update(
                index_elements=["reglament", "journal", "year"],
                set_={"last_seq": journal_counters.c.last_seq + 1},
            )
            .returning(journal_counters.c.last_seq)
        )

    # -- registration ----------------------------------------------------------------------------

    def register_document(
        self,
        new: NewDocument,
        *,
        request_id: str | None = None,
        actor: str = "system",
        number_format: str = "{seq}",
        author_key: str = "",
    ) -> tuple[Document, bool]:
        """Number and store `new`; `(document, True)`, or `(the first document, False)` for a seen request id.

        `number_format` is a format string with `{seq}` and optionally `{year}`, e.g. "{seq}-р".
        The number is the next in (reglament, journal, year of registration): the counter row is
        incremented in the same transaction as the insert, so numbers have no gaps and no duplicates.
        """
        item = Registration(new, request_id, number_format, author_key)
        _validate_registration(item)
        check_actor(actor)
        with self._write() as conn:
            return self._register_in(conn, item, actor)

    def register_documents(
        self, items: Sequence[tuple[NewDocument, str | None, str] | Registration], *, actor: str = "system"
    ) -> list[tuple[Document, bool] | Exception]:
        """`register_document` for several documents in ONE transaction (group commit): each item is a
        Registration or (new, request_id, number_format); the result for an item that fails validation
        is its exception, and it writes nothing. Numbers stay gapless: all or none of the batch commits."""
        check_actor(actor)
        regs = [item if isinstance(item, Registration) else Registration(*item) for item in items]
        results: dict[int, tuple[Document, bool] | Exception] = {}
        for i, item in enumerate(regs):
            try:
                _validate_registration(item)
            except errors.StoreError as exc:
                results[i] = exc
        valid = [i for i in range(len(regs)) if i not in results]
        for i in valid:
            if regs[i].actor is not None:
                try:
                    check_actor(regs[i].actor or "")
                except errors.StoreError as exc:
                    results[i] = exc
        valid = [i for i in valid if i not in results]
        if valid:
            with self._write() as conn:
                targets = {link.document_id for i in valid for link in regs[i].new.links}
                known = self._existing(conn, targets)
                for i in valid:
                    missing = [link for link in regs[i].new.links if link.document_id not in known]
                    if missing:
                        # A document of this batch may be the target of a later one only across batches.
                        results[i] = errors.NotFound(
                            f"no registered document {missing[0].document_id!r}", field="links"
                        )
                        continue
                    try:
                        results[i] = self._register_in(conn, regs[i], regs[i].actor or actor)
                    except errors.InvalidArgument as exc:  # raised before the item wrote anything
                        results[i] = exc
        return [results[i] for i in range(len(regs))]

    def _existing(self, conn: sa.Connection, ids: set[str]) -> set[str]:
        if not ids:
            return set()
        return set(conn.execute(sa.select(documents.c.id).where(documents.c.id.in_(sorted(ids)))).scalars())

    def _register_in(self, conn: sa.Connection, item: Registration, actor: str) -> tuple[Document, bool]:
        new = item.new
        document_id = uuid.uuid4().hex
        now = utcnow()
        year = new.registered.year
        if item.request_id is not None:
            fingerprint = item.fingerprint or request_fingerprint(new)
            first_id = self._claim(conn, REGISTER_SCOPE, item.request_id, document_id, fingerprint)
            if first_id is not None:
                first = conn.execute(sa.select(documents).where(documents.c.id == first_id)).one()
                return document_of(first, self._links(conn, [first_id]).get(first_id, ())), False

        seq = conn.execute(
            self._next_seq, {"reglament": new.reglament, "journal": new.journal, "year": year, "last_seq": 1}
        ).scalar_one()
        number = item.number_format.format(seq=seq, year=year)
        check_text("number", number, documents.c.number)

        document = Document(
            id=document_id,
            reglament=new.reglament,
            kind=new.kind,
            journal=new.journal,
            number=number,
            title=new.title,
            correspondent=new.correspondent,
            received=new.received,
            registered=new.registered,
            due_date=new.due_date,
            urgent=new.urgent,
            for_information=new.for_information,
            restricted=new.restricted,
            simple=new.simple,
            executors=tuple(new.executors),
            attributes=dict(new.attributes),
            created_at=now,
            signed=new.signed,
            seq=seq,
            tasks=tuple(new.tasks),
            links=tuple(new.links),
            attachments=tuple(new.attachments),
            topic=new.topic,
            category=new.category or new.kind,
            findings=findings_of(findings_json(new.findings)),  # as stored: facts as text
            routed_to=tuple(new.routed_to),
            not_considered_under=new.not_considered_under,
        )
        conn.execute(sa.insert(documents), document_row(document, year=year, author_key=item.author_key))
        if document.executors:
            conn.execute(
                sa.insert(document_executors),
                [{"document_id": document_id, "position": i, "name": n} for i, n in enumerate(document.executors)],
            )
        if document.links:
            conn.execute(
                sa.insert(document_links),
                [
                    {"document_id": document_id, "relation": link.relation.value, "target_id": link.document_id}
                    for link in document.links
                ],
            )
        data: dict[str, Any] = {"journal": new.journal, "number": number, "request_id": item.request_id}
        if document.findings:
            data["findings"] = [f"{f.ref.clause}: {f.severity}" for f in document.findings]
        if document.routed_to:
            data["routed_to"] = list(document.routed_to)
        if document.not_considered_under:
            data["not_considered_under"] = document.not_considered_under
        reason = f"Документ зареєстровано: журнал {new.journal}, № {number}, {new.registered.isoformat()}"
        self._audit(conn, document_id, actor, "document.registered", reason=reason, data=data, at=now)
        return document, True

    # -- reading ---------------------------------------------------------------------------------

    def _links(self, conn: sa.Connection, ids: Sequence[str]) -> dict[str, list[DocumentLink]]:
        out: dict[str, list[DocumentLink]] = {}
        if not ids:
            return out
        rows = conn.execute(
            sa.select(document_links)
            .where(document_links.c.document_id.in_(list(ids)))
            .order_by(document_links.c.document_id, document_links.c.relation, document_links.c.target_id)
        ).all()
        for row in rows:
            out.setdefault(row.document_id, []).append(link_of(row.relation, row.target_id))
        return out

    def get_document(self, document_id: str) -> Document | None:
        return self.get_documents([document_id]).get(document_id)

    def get_documents(self, ids: Sequence[str]) -> dict[str, Document]:
        """The stored documents among `ids`, by id."""
        if not ids:
            return {}
        with self._read() as conn:
            rows = conn.execute(sa.select(documents).where(documents.c.id.in_(list(ids)))).all()
            links = self._links(conn, [row.id for row in rows])
        return {row.id: document_of(row, links.get(row.id, ())) for row in rows}

    def earlier_appeals(self, reglament: str, keys: Sequence[str]) -> dict[str, tuple[str, bool]]:
        """For each author key: (the first appeal with it, whether any of them was resolved on the merits)."""
        keys = sorted({k for k in keys if k})
        if not keys:
            return {}
        with self._read() as conn:
            rows = conn.execute(
                sa.select(documents.c.author_key, documents.c.id, document_control.c.executed_on)
                .select_from(documents.outerjoin(document_control, document_control.c.document_id == documents.c.id))
                .where(documents.c.reglament == reglament, documents.c.author_key.in_(keys))
                .order_by(documents.c.registered, documents.c.created_at, documents.c.id)
            ).all()
        out: dict[str, tuple[str, bool]] = {}
        for row in rows:
            first, resolved = out.get(row.author_key, (row.id, False))
            out[row.author_key] = (first, resolved or row.executed_on is not None)
        return out

    def list_documents(
        self,
        *,
        reglament: str | None = None,
        journal: str | None = None,
        kind: str | None = None,
        page_size: int = 50,
        page_token: str | None = None,
        where: DocumentFilter | None = None,
    ) -> tuple[list[Document], str | None]:
        """Documents in order of (registered, id); the token, when not None, fetches the next page."""
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise errors.InvalidArgument("page_size", f"must be between 1 and {MAX_PAGE_SIZE}")
        f = where or DocumentFilter()
        query = sa.select(documents)
        for column, value in (
            (documents.c.reglament, reglament or f.reglament),
            (documents.c.journal, journal or f.journal),
            (documents.c.kind, kind or f.kind),
        ):
            if value is not None:
                query = query.where(column == value)
        query = self._filtered(query, f)
        if page_token:
            after_registered, after_id = decode_page_token(page_token)
            query = query.where(
                sa.tuple_(documents.c.registered, documents.c.id) > sa.tuple_(after_registered, after_id)
            )
        query = query.order_by(documents.c.registered, documents.c.id).limit(page_size + 1)
        with self._read() as conn:
            rows = conn.execute(query).all()
            links = self._links(conn, [row.id for row in rows[:page_size]])
        page = [document_of(row, links.get(row.id, ())) for row in rows[:page_size]]
        next_token = (
            encode_page_token([page[-1].registered.isoformat(), page[-1].id]) if len(rows) > page_size else None
        )
        return page, next_token

    def _filtered(self, query: sa.Select[Any], f: DocumentFilter) -> sa.Select[Any]:
        if f.registered_from is not None:
            query = query.where(documents.c.registered >= f.registered_from)
        if f.registered_to is not None:
            query = query.where(documents.c.registered <= f.registered_to)
        control = document_control.c
        if f.status is not None:
            if f.status is ControlStatus.NOT_ON_CONTROL:
                query = query.where(
                    ~sa.exists().where(control.document_id == documents.c.id, control.put_on.is_not(None))
                )
            else:
                query = query.where(
                    sa.exists().where(
                        control.document_id == documents.c.id,
                        control.status == f.status.value,
                        control.put_on.is_not(None),
                    )
                )
        if f.executor is not None:
            cond = [document_executors.c.document_id == documents.c.id, document_executors.c.name == f.executor]
            if f.responsible_only:
                cond.append(document_executors.c.position == 0)
            query = query.where(sa.exists().where(*cond))
        open_control = [
            control.document_id == documents.c.id,
            control.status == ControlStatus.ON_CONTROL.value,
            control.due.is_not(None),
        ]
        open_obligation = [obligations.c.document_id == documents.c.id, obligations.c.status.in_(OPEN_STATUSES)]
        if f.due_from is not None or f.due_to is not None:
            ob_range, control_range = [], []
            if f.due_from is not None:
                ob_range.append(obligations.c.due >= f.due_from.isoformat())
                control_range.append(control.due >= f.due_from)
            if f.due_to is not None:
                # a datetime "YYYY-MM-DDTHH..." on the last day sorts after "YYYY-MM-DD": compare with the next day
                ob_range.append(obligations.c.due < (f.due_to + dt.timedelta(days=1)).isoformat())
                control_range.append(control.due <= f.due_to)
            query = query.where(
                sa.or_(
                    sa.exists().where(*open_obligation, *ob_range),
                    sa.exists().where(*open_control, *control_range),
                )
            )
        if f.overdue_on is not None:
            day = f.overdue_on
            query = query.where(
                sa.or_(
                    sa.exists().where(
                        *open_obligation,
                        sa.or_(
                            obligations.c.status == ObligationStatus.VIOLATED.value,
                            obligations.c.due < day.isoformat(),
                        ),
                    ),
                    sa.exists().where(*open_control, control.due < day),
                )
            )
        return query

    def count_documents(self) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one())


def _validate_registration(item: Registration) -> None:
    validate_new_document(item.new)
    validate_number_format(item.number_format)
    if item.request_id is not None:
        check_text("request_id", item.request_id, idempotency.c.request_id)
    check_text("author_key", item.author_key, documents.c.author_key, required=False)
