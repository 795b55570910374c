"""The registry's use of the store: registration from a validated request, obligations from events."""

from __future__ import annotations

from collections.abc import Sequence

from reglament.documents import number_format
from reglament.domain import Document, NewDocument, Obligation
from reglament.store import errors as store_errors
from reglament.store.store import Store


class RegistryStore:
    """A thin layer over reglament.store.Store with the registry's two write paths."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, url: str) -> RegistryStore:
        return cls(Store.open(url))

    def close(self) -> None:
        self.store.close()

    def register(self, new: NewDocument, request_id: str | None) -> tuple[Document, bool]:
        return self.store.register_document(
            new, request_id=request_id, actor="registry", number_format=number_format(new.kind)
        )

    def register_many(self, items: Sequence[tuple[NewDocument, str | None]]) -> list[tuple[Document, bool] | Exception]:
        """Group commit: every registration of the batch in one transaction."""
        return self.store.register_documents(
            [(new, request_id, number_format(new.kind)) for new, request_id in items], actor="registry"
        )

    def store_obligation_events(self, consumer: str, batch: Sequence[tuple[str, Obligation]]) -> dict[str, str]:
        """Stores the batch in one transaction; returns {event_id: reason} for events that can never be
        stored (an obligation of a document the registry does not have)."""
        try:
            self.store.store_obligations_batch(consumer, [(event_id, [ob]) for event_id, ob in batch])
            return {}
        except store_errors.NotFound:
            pass  # find the culprits one by one; the others are stored
        rejected: dict[str, str] = {}
        for event_id, obligation in batch:
            try:
                self.store.store_obligations(consumer, event_id, [obligation])
            except store_errors.NotFound as exc:
                rejected[event_id] = str(exc)
        return rejected

    def get_document(self, document_id: str) -> Document | None:
        return self.store.get_document(document_id)

    def obligations_for(self, document_id: str) -> list[Obligation]:
        return self.store.obligations_for(document_id)

    def list_documents(
        self, *, reglament: str | None, kind: str | None, page_size: int, page_token: str | None
    ) -> tuple[list[Document], str | None]:
        return self.store.list_documents(reglament=reglament, kind=kind, page_size=page_size, page_token=page_token)
