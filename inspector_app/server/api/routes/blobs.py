"""Photo blobs by sha256: exists, whole upload, resumable upload, download.

Sizes are checked from Content-Length before a byte is read; bytes are checked
(hash, type, pixels, a full decode) by BlobStore.publish before anything is stored.
No database transaction is open while a body is read or checked: on SQLite every
transaction holds the one write lock, and a client that stalls mid-body would
otherwise stop every other user's sync and login. The database work of each step
runs on a worker thread, a short transaction of its own.
"""

from __future__ import annotations

import asyncio
import errno
import os
import shutil
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from inspector_app.protocol.blobs import UploadIn, UploadOut
from inspector_app.server import audit, sync
from inspector_app.server.access import AccessPolicy
from inspector_app.server.api.deps import AccessDep, BlobStoreDep, CurrentUser, SessionDep
from inspector_app.server.api.responses import errors
from inspector_app.server.blobs import MAX_BYTES, SHA256, BlobRejected, BlobStore, Published
from inspector_app.server.models import BlobGrant, BlobUpload, StoredBlob, User

router = APIRouter(prefix="/blobs", tags=["blobs"])
NO_UPLOAD = "没有这个上传，或它已过期。/ No such upload, or it has expired."


def _check_sha(sha256: str) -> None:
    if not SHA256.match(sha256):
        raise HTTPException(422, "文件名必须是 sha256。/ The name must be a sha256 (hex).")


def _declared_size(request: Request) -> int:
    length = request.headers.get("content-length")
    if not length or not length.isdigit():
        raise HTTPException(411, "需要 Content-Length。/ Content-Length required.")
    if int(length) > MAX_BYTES:
        raise HTTPException(413, "照片超过大小上限。/ The photo is over the size limit.")
    return int(length)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _expired(upload: BlobUpload, store: BlobStore) -> bool:
    ttl = timedelta(seconds=store.limits.upload_ttl_seconds)
    return _aware(upload.created_at) < datetime.now(UTC) - ttl


def _open_uploads(db: Session, store: BlobStore, user: User) -> list[BlobUpload]:
    """The caller's unfinished uploads; expired ones are dropped with their bytes."""
    uploads = list(db.scalars(select(BlobUpload).where(BlobUpload.created_by == user.id)))
    for upload in [u for u in uploads if _expired(u, store)]:
        db.delete(upload)
        store.part(upload.id).unlink(missing_ok=True)
    return [u for u in uploads if not _expired(u, store)]


def _check_quota(db: Session, store: BlobStore, user: User, size: int, new_upload: bool) -> None:
    """Refuse with 429 when the caller's open uploads, plus `size` more bytes, are over
    the quota (whole uploads being received count with their declared size)."""
    open_uploads = _open_uploads(db, store, user)
    db.commit()
    limits = store.limits
    if new_upload and len(open_uploads) >= limits.max_open_uploads:
        raise HTTPException(
            429,
            f"未完成的上传过多（上限 {limits.max_open_uploads} 个），请先完成或等待其过期。/ "
            f"Too many unfinished uploads (limit {limits.max_open_uploads}); "
            "finish them or wait until they expire.",
        )
    held = sum(u.size for u in open_uploads) + store.in_flight(user.id)
    if held + size > limits.max_open_bytes:
        mib = limits.max_open_bytes // (1024 * 1024)
        raise HTTPException(
            429,
            f"未完成的上传超过配额（{mib} MiB），请先完成或等待其过期。/ "
            f"Unfinished uploads would exceed the quota of {mib} MiB; "
            "finish them or wait until they expire.",
        )


def _upload(db: Session, store: BlobStore, sha256: str, upload_id: str, user: User) -> BlobUpload:
    """The caller's open upload, read in a transaction that ends here."""
    upload = db.get(BlobUpload, upload_id)
    if upload is not None and _expired(upload, store):
        db.delete(upload)
        store.part(upload.id).unlink(missing_ok=True)
        upload = None
    db.commit()
    if upload is None or upload.sha256 != sha256 or upload.created_by != user.id:
        raise HTTPException(404, NO_UPLOAD)
    return upload


async def _receive(request: Request, target: Path, limit: int, timeout: float) -> int:
    """Stream the body into `target`, at most `limit` bytes; a body that stalls for
    `timeout` seconds or is cut removes the file. Returns the bytes received. A full disk
    is raised once the body has been read (the guard answers 507)."""
    received = 0
    full: OSError | None = None
    chunks = request.stream().__aiter__()
    try:
        with target.open("wb") as handle:
            while True:
                try:
                    chunk = await asyncio.wait_for(chunks.__anext__(), timeout)
                except StopAsyncIteration:
                    break
                received += len(chunk)
                if received > limit:
                    raise HTTPException(400, "超出声明的大小。/ More bytes than declared.")
                if full is None:
                    try:
                        handle.write(chunk)
                    except OSError as error:
                        if error.errno != errno.ENOSPC:
                            raise
                        full = error  # read on to the end, so the client hears the 507
        if full is not None:
            raise full
    except TimeoutError:
        target.unlink(missing_ok=True)
        raise HTTPException(
            408, "上传停顿过久，已中断。/ The upload stalled and was cut off."
        ) from None
    except ClientDisconnect:
        target.unlink(missing_ok=True)
        raise HTTPException(400, "上传被中断。/ The upload was cut off.") from None
    except (HTTPException, OSError, asyncio.CancelledError):
        target.unlink(missing_ok=True)
        raise
    return received


def _record(db: Session, sha256: str, published: Published, user: User) -> None:
    """Record the blob and that the caller's team holds it."""
    if db.get(StoredBlob, sha256) is None:
        db.add(
            StoredBlob(
                sha256=sha256,
                size=published.size,
                mime=published.mime,
                uploaded_by=user.id,
                created_at=datetime.now(UTC),
            )
        )
        db.flush()
        audit.append(
            db,
            actor=user.username,
            action="store_blob",
            object_type="blob",
            object_id=sha256[:64],
            after=sha256,
        )
    if db.get(BlobGrant, (sha256, user.team)) is None:
        db.add(BlobGrant(sha256=sha256, team=user.team))  # sending the bytes proves holding them
    db.commit()


async def _finish(db: Session, store: BlobStore, sha256: str, temp: Path, user: User) -> Response:
    try:
        published = await store.publish(sha256, temp)
    except BlobRejected as rejected:
        raise HTTPException(rejected.status, rejected.message) from None
    await run_in_threadpool(_record, db, sha256, published, user)
    return Response(status_code=201 if published.created else 200)


def _holds(db: Session, user: User, access: AccessPolicy, sha256: str) -> bool:
    """Whether the caller's team may learn that this blob is stored: its uploader's, a
    team that sent its bytes, or a reader of all teams. Anyone else gets the answer
    an unknown hash gets, whatever the hash names."""
    blob = db.get(StoredBlob, sha256)
    if blob is None:
        return False
    if access.sees_all(user) or blob.uploaded_by == user.id:
        return True
    return db.get(BlobGrant, (sha256, user.team)) is not None


@router.head("/{sha256}", responses=errors(404))
def blob_exists(
    sha256: str, user: CurrentUser, db: SessionDep, access: AccessDep, store: BlobStoreDep
) -> Response:
    """Known means recorded, not only on disk: after a database restore the file may
    outlive its row, and the laptop must then send it again to record it."""
    _check_sha(sha256)
    known = _holds(db, user, access, sha256) and store.exists(sha256)
    db.commit()
    return Response(status_code=200 if known else 404)


@router.put("/{sha256}", status_code=201, responses=errors(411, 429))
async def put_blob(
    sha256: str, request: Request, user: CurrentUser, db: SessionDep, store: BlobStoreDep
) -> Response:
    """Whole-body upload; the size is checked from Content-Length before reading."""
    _check_sha(sha256)
    size = _declared_size(request)
    temp = store.incoming / f"{uuid.uuid4()}.put"
    async with store.receiving(user.id, size):
        await run_in_threadpool(_check_quota, db, store, user, 0, False)
        received = await _receive(request, temp, size, store.limits.read_timeout_seconds)
        if received != size:
            temp.unlink(missing_ok=True)
            raise HTTPException(400, "上传不完整。/ The body is not the declared size.")
        return await _finish(db, store, sha256, temp, user)


def _start(db: Session, store: BlobStore, sha256: str, size: int, user: User) -> BlobUpload:
    _check_quota(db, store, user, size, True)
    upload = BlobUpload(
        id=str(uuid.uuid4()),
        sha256=sha256,
        size=size,
        created_by=user.id,
        created_at=datetime.now(UTC),
    )
    db.add(upload)
    db.commit()
    return upload


@router.post("/{sha256}/uploads", status_code=201, responses=errors(429))
def start_upload(
    sha256: str, body: UploadIn, user: CurrentUser, db: SessionDep, store: BlobStoreDep
) -> UploadOut:
    _check_sha(sha256)
    if body.size > MAX_BYTES:
        raise HTTPException(413, "照片超过大小上限。/ The photo is over the size limit.")
    upload = _start(db, store, sha256, body.size, user)
    store.part(upload.id).touch()
    return UploadOut(upload_id=upload.id, offset=0, size=body.size)


@router.head("/{sha256}/uploads/{upload_id}", responses=errors(404))
def upload_offset(
    sha256: str, upload_id: str, user: CurrentUser, db: SessionDep, store: BlobStoreDep
) -> Response:
    upload = _upload(db, store, sha256, upload_id, user)
    part = store.part(upload.id)
    if not part.exists():
        raise HTTPException(404, NO_UPLOAD)
    return Response(headers={"Upload-Offset": str(part.stat().st_size)})


def _append(part: Path, chunk: Path) -> int:
    """A part is appended whole or not at all: a full disk leaves the upload where it was."""
    start = part.stat().st_size
    try:
        with part.open("ab") as out, chunk.open("rb") as source:
            shutil.copyfileobj(source, out, 1024 * 1024)
    except OSError:
        os.truncate(part, start)
        raise
    return part.stat().st_size


def _forget(db: Session, upload_id: str) -> None:
    upload = db.get(BlobUpload, upload_id)
    if upload is not None:
        db.delete(upload)
    db.commit()


@router.patch("/{sha256}/uploads/{upload_id}", responses=errors(404, 409))
async def continue_upload(
    sha256: str,
    upload_id: str,
    request: Request,
    user: CurrentUser,
    db: SessionDep,
    store: BlobStoreDep,
    upload_offset: Annotated[int, Header()],
) -> Response:
    """Append at Upload-Offset; a wrong offset gets 409 with the right one. A part is
    received whole into its own file before it is appended, so a cut part leaves the
    upload where it was; one part at a time per upload (another at once gets 409)."""
    upload = await run_in_threadpool(_upload, db, store, sha256, upload_id, user)
    part = store.part(upload.id)
    try:
        async with store.writing(upload.id):
            if not part.exists():
                raise HTTPException(404, NO_UPLOAD)
            current = part.stat().st_size
            if upload_offset != current:
                return JSONResponse(
                    {"detail": "偏移不符。/ Wrong offset.", "offset": current},
                    status_code=409,
                    headers={"Upload-Offset": str(current)},
                )
            chunk = store.incoming / f"{upload.id}.{uuid.uuid4()}.chunk"
            timeout = store.limits.read_timeout_seconds
            try:
                await _receive(request, chunk, upload.size - current, timeout)
                current = await run_in_threadpool(_append, part, chunk)
            finally:
                chunk.unlink(missing_ok=True)
            if current < upload.size:
                return Response(status_code=204, headers={"Upload-Offset": str(current)})
            try:
                return await _finish(db, store, sha256, part, user)
            finally:
                await run_in_threadpool(_forget, db, upload.id)
    except BlobRejected as rejected:
        raise HTTPException(rejected.status, rejected.message) from None


@router.get("/{sha256}", responses=errors(404))
def get_blob(
    sha256: str, user: CurrentUser, db: SessionDep, access: AccessDep, store: BlobStoreDep
) -> Response:
    _check_sha(sha256)
    blob = db.get(StoredBlob, sha256)
    if blob is None or not sync.may_read_blob(db, user, access, sha256, blob.uploaded_by):
        raise HTTPException(404, "没有这个文件。/ No such blob.")
    db.commit()
    if not store.exists(sha256):
        raise HTTPException(404, "没有这个文件。/ No such blob.")
    return FileResponse(
        store.path(sha256), media_type=blob.mime, headers={"X-Content-Type-Options": "nosniff"}
    )
