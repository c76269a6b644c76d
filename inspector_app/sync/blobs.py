"""Evidence bytes (photos, a feedback's scanned PDFs) both ways, by sha256: upload what
the server lacks, fetch what we lack.

Uploads ask first (HEAD) and send only missing blobs; a blob larger than one part
goes up resumably, and the upload id is kept in `sync_state`, so after a cut link
or a killed app it continues from the server's offset, never from 0. The local
original is only ever read. Downloads are verified against their name before the
store takes them.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import or_, select, update

from inspector_app.services.photos import ensure_blob
from inspector_app.store.atomic_files import temp_file_in
from inspector_app.store.evidence import import_evidence
from inspector_app.store.models import Blob, Photo
from inspector_app.store.notice_models import RectificationFeedback
from inspector_app.store.photos import ImportedPhoto
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.sync import errors, state
from inspector_app.sync.api import ServerApi
from inspector_app.sync.local import StoreAccess, Touched

REFUSED = "refused:"
# The server's answers that are about this blob's bytes, not about the link or the user.
BLOB_REFUSALS = frozenset({400, 409, 413, 415, 422})
# Above this a blob goes up in parts; a camera photo (3–8 MB) takes a few.
WHOLE_LIMIT = 1024 * 1024
PART_BYTES = 4 * 1024 * 1024


@dataclass
class BlobStats:
    uploaded: int = 0
    downloaded: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    missing_on_server: int = 0
    refused: int = 0


def not_uploaded(uow: UnitOfWork) -> list[tuple[str, int]]:
    """Blobs the server may lack (not yet confirmed there), with their sizes; a blob the
    server refused is not offered again (its bytes will not change)."""
    refused = {key.removeprefix(REFUSED) for key in state.keys(uow.session, REFUSED)}
    rows = uow.session.execute(
        select(Blob.sha256, Blob.size).where(Blob.uploaded.is_(False)).order_by(Blob.sha256)
    )
    return [(sha, size) for sha, size in rows if sha not in refused]


def refused_blobs(uow: UnitOfWork) -> dict[str, str]:
    """Blobs the server would not take, with its reason (a damaged original, say)."""
    return {key.removeprefix(REFUSED): value for key, value in state.items(uow.session, REFUSED)}


def not_local(uow: UnitOfWork) -> list[str]:
    """Photos and feedback evidence pulled from the server whose bytes this laptop does not
    have yet."""
    held = select(Blob.sha256)
    names: set[str] = set()
    evidence: set[str] = set()
    for listed in uow.session.scalars(
        select(RectificationFeedback.evidence_sha256).where(
            RectificationFeedback.deleted.is_(False)
        )
    ):
        evidence |= {sha for sha in listed or () if isinstance(sha, str)}
    if evidence:
        names |= evidence - set(uow.session.scalars(held.where(Blob.sha256.in_(evidence))))
    for column in (Photo.sha256, Photo.annotated_sha256):
        names |= set(
            uow.session.scalars(
                select(column).where(
                    Photo.deleted.is_(False), column.is_not(None), column.not_in(held)
                )
            )
        )
    return sorted(names)


def mark_uploaded(uow: UnitOfWork, sha256: str) -> tuple[None, Touched]:
    uow.session.execute(update(Blob).where(Blob.sha256 == sha256).values(uploaded=True))
    state.delete(uow.session, f"upload:{sha256}")
    return None, _photos_of(uow, sha256)


def mark_missing(uow: UnitOfWork, shas: set[str]) -> tuple[None, Touched]:
    """The server says it lacks these though we thought it had them (a restored server)."""
    uow.session.execute(update(Blob).where(Blob.sha256.in_(shas)).values(uploaded=False))
    return None, Touched()


def _photos_of(uow: UnitOfWork, sha256: str) -> Touched:
    touched = Touched()
    for photo_id in uow.session.scalars(
        select(Photo.id).where(or_(Photo.sha256 == sha256, Photo.annotated_sha256 == sha256))
    ):
        touched.add("photo", photo_id)
    return touched


def upload(
    access: StoreAccess,
    api: ServerApi,
    blobs: list[tuple[str, int]],
    stats: BlobStats,
    check: Callable[[int], None],
    known_missing: frozenset[str] = frozenset(),
) -> None:
    """Each blob the server lacks; `check(bytes)` reports progress and may cancel.

    Blobs in `known_missing` (the push reply named them) are sent without asking first.
    A blob the server refuses (its bytes do not match its name: a damaged original) is
    recorded with the server's reason and the others go on; it never blocks the sync.
    """
    for sha256, size in blobs:
        check(0)
        if sha256 not in known_missing and api.blob_exists(sha256):
            access.write(lambda uow, sha=sha256: mark_uploaded(uow, sha))
            continue
        path = access.photos.original_path(sha256)
        if not path.is_file():
            continue  # nothing to send: the server keeps asking, the app shows it
        try:
            if size <= WHOLE_LIMIT:
                api.put_blob(sha256, path)
                check(size)
            else:
                _upload_in_parts(access, api, sha256, size, check)
        except errors.ServerRefused as refused:
            if refused.status not in BLOB_REFUSALS:
                raise
            reason = str(refused)
            access.write(
                lambda uow, sha=sha256, why=reason: (
                    state.put(uow.session, REFUSED + sha, why),
                    Touched(),
                )
            )
            stats.refused += 1
            continue
        access.write(lambda uow, sha=sha256: mark_uploaded(uow, sha))
        stats.uploaded += 1
        stats.bytes_up += size


def _upload_in_parts(
    access: StoreAccess, api: ServerApi, sha256: str, size: int, check: Callable[[int], None]
) -> None:
    key = f"upload:{sha256}"
    upload_id = access.read(lambda uow: state.get(uow.session, key))
    offset = api.upload_offset(sha256, upload_id) if upload_id else None
    if upload_id is None or offset is None:
        started = api.start_upload(sha256, size)
        upload_id, offset = started.upload_id, started.offset
        access.write(lambda uow: (state.put(uow.session, key, upload_id), Touched()))
    path = access.photos.original_path(sha256)
    with path.open("rb") as handle:
        while True:
            handle.seek(offset)
            part = handle.read(PART_BYTES)
            if not part:
                raise errors.ServerRefused(
                    409, "上传偏移超出文件大小。/ The upload offset is past the file's end."
                )
            sent_from = offset
            new_offset = api.send_part(sha256, upload_id, offset, part)
            if new_offset is None:
                check(size - sent_from)
                return
            check(max(0, new_offset - sent_from))
            offset = new_offset


def download(
    access: StoreAccess,
    api: ServerApi,
    shas: list[str],
    stats: BlobStats,
    check: Callable[[int], None],
) -> None:
    """Fetches each blob, verifies it (hash, then as a photo or a PDF) and records it."""
    incoming = access.photos.root / "incoming"
    for sha256 in shas:
        check(0)
        try:
            with temp_file_in(incoming) as (handle, temp):
                handle.close()
                api.download_blob(sha256, temp, on_bytes=check)
                imported = import_evidence(access.photos, temp)
        except errors.ServerRefused as refused:
            if refused.status == 404:
                stats.missing_on_server += 1
                continue
            raise
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise errors.DiskFull(str(exc)) from exc
            raise
        if imported.sha256 != sha256:
            continue
        access.write(lambda uow, imported=imported: _record_download(uow, imported))
        stats.downloaded += 1
        stats.bytes_down += imported.size


def _record_download(uow: UnitOfWork, imported: ImportedPhoto) -> tuple[None, Touched]:
    ensure_blob(uow, imported, uploaded=True)
    return None, _photos_of(uow, imported.sha256)
