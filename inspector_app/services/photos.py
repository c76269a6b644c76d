"""Photo evidence use cases: attach, caption, rotate, annotate, remove, restore.

Importing a file (hashing, decoding, writing) is slow and touches only files,
so the app runs `PhotoStore.import_file` off the database thread and then
calls `attach_imported_photo`; `attach_photo` does both for the CLI and tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.inspection import ensure_editable
from inspector_app.services.errors import NotFound
from inspector_app.services.inspections import finding_or_error
from inspector_app.store.models import Blob, Finding, Photo
from inspector_app.store.photos import ImportedPhoto, PhotoStore
from inspector_app.store.unit_of_work import UnitOfWork

__all__ = ["AttachResult", "ImportedPhoto", "attach_imported_photo", "attach_photo"]


@dataclass(frozen=True)
class AttachResult:
    photo_id: str
    also_on_finding: str | None  # the same picture is already evidence for this other finding


def ensure_blob(uow: UnitOfWork, imported: ImportedPhoto, *, uploaded: bool = False) -> None:
    """The row that describes a stored original; `uploaded` when it came from the server."""
    if uow.session.get(Blob, imported.sha256) is None:
        uow.session.add(
            Blob(
                sha256=imported.sha256,
                size=imported.size,
                mime=imported.mime,
                width=imported.width,
                height=imported.height,
                exif_orientation=imported.orientation,
                taken_at=imported.taken_at,
                uploaded=uploaded,
            )
        )


def attach_imported_photo(
    uow: UnitOfWork, finding_id: str, imported: ImportedPhoto, caption: str = ""
) -> AttachResult:
    finding, inspection = finding_or_error(uow, finding_id)
    ensure_editable(inspection.status)
    same_inspection = (
        uow.session.execute(
            select(Photo.finding_id)
            .join(Finding, Finding.id == Photo.finding_id)
            .where(
                Finding.inspection_id == inspection.id,
                Photo.sha256 == imported.sha256,
                Photo.deleted.is_(False),
            )
        )
        .scalars()
        .all()
    )
    if finding_id in same_inspection:
        raise ValidationFailed(
            "photo.duplicate",
            f"照片“{imported.original_name}”已添加到此问题，未重复添加。",
            f"Photo '{imported.original_name}' is already attached to this item.",
        )
    ensure_blob(uow, imported)
    count = uow.session.scalar(
        select(func.count()).where(Photo.finding_id == finding_id, Photo.deleted.is_(False))
    )
    photo = Photo(
        finding_id=finding.id,
        sha256=imported.sha256,
        original_name=imported.original_name,
        caption=caption,
        taken_at=imported.taken_at,
        sort_order=int(count or 0),
    )
    uow.session.add(photo)
    uow.session.flush()
    return AttachResult(photo.id, same_inspection[0] if same_inspection else None)


def attach_photo(
    uow: UnitOfWork, photos: PhotoStore, finding_id: str, source: Path, caption: str = ""
) -> str:
    """Store the file first (fsynced), then reference it; the row never dangles."""
    finding, inspection = finding_or_error(uow, finding_id)
    ensure_editable(inspection.status)
    imported = photos.import_file(source)
    return attach_imported_photo(uow, finding.id, imported, caption).photo_id


def _editable_photo(uow: UnitOfWork, photo_id: str, *, include_deleted: bool = False) -> Photo:
    photo = uow.session.get(Photo, photo_id)
    if photo is None or (photo.deleted and not include_deleted):
        raise NotFound("photo", photo_id)
    _, inspection = finding_or_error(uow, photo.finding_id)
    ensure_editable(inspection.status)
    return photo


def set_photo_caption(uow: UnitOfWork, photo_id: str, caption: str) -> None:
    photo = _editable_photo(uow, photo_id)
    if photo.caption != caption:
        photo.caption = caption


def rotate_photo(uow: UnitOfWork, photo_id: str, quarter_turns: int = 1) -> int:
    """Turn the displayed photo clockwise; the stored original stays as it was taken."""
    photo = _editable_photo(uow, photo_id)
    photo.rotation = (photo.rotation + quarter_turns) % 4
    return photo.rotation


def save_annotation(uow: UnitOfWork, photos: PhotoStore, photo_id: str, jpeg: bytes) -> str:
    """Keep an annotated copy (arrows, boxes, text) as a blob of its own.

    The copy is drawn as the photo was displayed, rotation included, so the
    display rotation starts again from zero.
    """
    photo = _editable_photo(uow, photo_id)
    imported = photos.import_bytes(jpeg, f"annotated-{photo.original_name}")
    ensure_blob(uow, imported)
    photo.annotated_sha256 = imported.sha256
    photo.rotation = 0
    return imported.sha256


def remove_photo(uow: UnitOfWork, photo_id: str) -> None:
    """Tombstone: the file stays, and the photo can be restored until sync."""
    _editable_photo(uow, photo_id).deleted = True


def restore_photo(uow: UnitOfWork, photo_id: str) -> None:
    photo = _editable_photo(uow, photo_id, include_deleted=True)
    if photo.server_rev is not None and photo.deleted:
        raise ValidationFailed(
            "photo.restore_after_sync",
            "该照片的删除已同步到服务器，不能在本机恢复。",
            "The deletion has already been synced; the photo cannot be restored here.",
        )
    photo.deleted = False
