"""Writes to photos: attach, caption, rotate, annotate, delete, restore.

Each names the finding the photo belongs to, so the runner's list and the
viewer both know they are out of date.
"""

from __future__ import annotations

from collections.abc import Callable

from inspector_app.services import photos as services
from inspector_app.services.photos import AttachResult, ImportedPhoto
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import UnitOfWork

PhotoOp = Callable[[UnitOfWork], OpResult[None]]


def _changes(finding_id: str, photo_id: str) -> OpChanges:
    return OpChanges.of(findings=[finding_id], photos=[photo_id])


def attach_photo(
    *, finding_id: str, imported: ImportedPhoto
) -> Callable[[UnitOfWork], OpResult[AttachResult]]:
    """A photo already hashed and decoded on a file thread becomes evidence of a finding."""

    def op(uow: UnitOfWork) -> OpResult[AttachResult]:
        result = services.attach_imported_photo(uow, finding_id, imported)
        return OpResult(result, _changes(finding_id, result.photo_id))

    return op


def set_caption(*, finding_id: str, photo_id: str, caption: str) -> PhotoOp:
    def op(uow: UnitOfWork) -> OpResult[None]:
        services.set_photo_caption(uow, photo_id, caption)
        return OpResult(None, _changes(finding_id, photo_id))

    return op


def rotate_photo(*, finding_id: str, photo_id: str) -> PhotoOp:
    def op(uow: UnitOfWork) -> OpResult[None]:
        services.rotate_photo(uow, photo_id)
        return OpResult(None, _changes(finding_id, photo_id))

    return op


def annotate_photo(*, finding_id: str, photo_id: str, jpeg: bytes) -> PhotoOp:
    """The marked-up picture is kept beside the untouched original."""

    def op(uow: UnitOfWork) -> OpResult[None]:
        services.save_annotation(uow, uow.photos, photo_id, jpeg)
        return OpResult(None, _changes(finding_id, photo_id))

    return op


def delete_photo(*, finding_id: str, photo_id: str) -> PhotoOp:
    def op(uow: UnitOfWork) -> OpResult[None]:
        services.remove_photo(uow, photo_id)
        return OpResult(None, _changes(finding_id, photo_id))

    return op


def restore_photo(*, finding_id: str, photo_id: str) -> PhotoOp:
    def op(uow: UnitOfWork) -> OpResult[None]:
        services.restore_photo(uow, photo_id)
        return OpResult(None, _changes(finding_id, photo_id))

    return op
