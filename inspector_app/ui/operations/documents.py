"""Reads that gather a notice set or a record sheet (rendered later, off the store thread)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from inspector_app.services.documents import DocumentDraft, prepare_documents
from inspector_app.settings import Settings
from inspector_app.ui.store_runner import UnitOfWork


def _gather(
    kind: str, inspection_id: str, settings: Settings, issued_on: date
) -> Callable[[UnitOfWork], DocumentDraft]:
    def read(uow: UnitOfWork) -> DocumentDraft:
        return prepare_documents(
            uow, uow.photos, inspection_id, kind=kind, settings=settings, issued_on=issued_on
        )

    return read


def build_notices(
    *, inspection_id: str, settings: Settings, issued_on: date
) -> Callable[[UnitOfWork], DocumentDraft]:
    """Draft notices, one per responsible unit with problems."""
    return _gather("notice", inspection_id, settings, issued_on)


def build_record(
    *, inspection_id: str, settings: Settings, issued_on: date
) -> Callable[[UnitOfWork], DocumentDraft]:
    """The on-site record sheet of the whole inspection."""
    return _gather("record", inspection_id, settings, issued_on)
