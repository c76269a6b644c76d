"""Photo blobs by sha256: exists, whole upload, resumable upload, download.

Sizes are checked from Content-Length before a byte is read; bytes are checked
(hash, type, pixels) by BlobStore.publish before anything is stored.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from inspector_app.protocol.blobs import UploadIn, UploadOut
from inspector_app.server import audit, sync
from inspector_app.server.api.deps import AccessDep, BlobStoreDep, CurrentUser, SessionDep
from inspector_app.server.api.responses import errors
from inspector_app.server.blobs import MAX_BYTES, SHA256, BlobRejected, BlobStore
from inspector_app.server.models import BlobGrant, BlobUpload, StoredBlob, User

router = APIRouter(prefix="/blobs", tags=["blobs"])


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


def _upload(db: Session, sha256: str, upload_id: str, user: User) -> BlobUpload:
    upload = db.get(BlobUpload, upload_id)
    if upload is None or upload.sha256 != sha256 or upload.created_by != user.id:
        raise HTTPException(404, "没有这个上传。/ No such upload.")
    return upload


def _finish(db: Session, store: BlobStore, sha256: str, temp: Path, user: User) -> Response:
    """Publish the received bytes; record the blob and that the caller's team holds it."""
    try:
        published = store.publish(sha256, temp)
    except BlobRejected as rejected:
        db.commit()
        raise HTTPException(rejected.status, rejected.message) from None
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
    return Response(status_code=201 if published.created else 200)


@router.head("/{sha256}", responses=errors(404))
def blob_exists(sha256: str, user: CurrentUser, db: SessionDep, store: BlobStoreDep) -> Response:
    """Known means recorded, not only on disk: after a database restore the file may
    outlive its row, and the laptop must then send it again to record it."""
    _check_sha(sha256)
    known = db.get(StoredBlob, sha256) is not None and store.exists(sha256)
    db.commit()
    return Response(status_code=200 if known else 404)


@router.put("/{sha256}", status_code=201, responses=errors(411))
async def put_blob(
    sha256: str, request: Request, user: CurrentUser, db: SessionDep, store: BlobStoreDep
) -> Response:
    """Whole-body upload; the size is checked from Content-Length before reading."""
    _check_sha(sha256)
    size = _declared_size(request)
    temp = store.incoming / f"{uuid.uuid4()}.put"
    received = 0
    with temp.open("wb") as handle:
        async for chunk in request.stream():
            received += len(chunk)
            if received > size:
                break
            handle.write(chunk)
    if received != size:
        temp.unlink(missing_ok=True)
        raise HTTPException(400, "上传不完整。/ The body is not the declared size.")
    return _finish(db, store, sha256, temp, user)


@router.post("/{sha256}/uploads", status_code=201)
def start_upload(
    sha256: str, body: UploadIn, user: CurrentUser, db: SessionDep, store: BlobStoreDep
) -> UploadOut:
    _check_sha(sha256)
    if body.size > MAX_BYTES:
        raise HTTPException(413, "照片超过大小上限。/ The photo is over the size limit.")
    upload = BlobUpload(
        id=str(uuid.uuid4()),
        sha256=sha256,
        size=body.size,
        created_by=user.id,
        created_at=datetime.now(UTC),
    )
    db.add(upload)
    db.commit()
    store.part(upload.id).touch()
    return UploadOut(upload_id=upload.id, offset=0, size=body.size)


@router.head("/{sha256}/uploads/{upload_id}", responses=errors(404))
def upload_offset(
    sha256: str, upload_id: str, user: CurrentUser, db: SessionDep, store: BlobStoreDep
) -> Response:
    upload = _upload(db, sha256, upload_id, user)
    db.commit()
    return Response(headers={"Upload-Offset": str(store.part(upload.id).stat().st_size)})


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
    """Append at Upload-Offset; a wrong offset gets 409 with the right one."""
    upload = _upload(db, sha256, upload_id, user)
    part = store.part(upload.id)
    current = part.stat().st_size
    if upload_offset != current:
        return JSONResponse(
            {"detail": "偏移不符。/ Wrong offset.", "offset": current},
            status_code=409,
            headers={"Upload-Offset": str(current)},
        )
    with part.open("ab") as handle:
        async for chunk in request.stream():
            if handle.tell() + len(chunk) > upload.size:
                raise HTTPException(400, "超出声明的大小。/ More bytes than declared.")
            handle.write(chunk)
            handle.flush()
    current = part.stat().st_size
    if current < upload.size:
        return Response(status_code=204, headers={"Upload-Offset": str(current)})
    db.delete(upload)
    return _finish(db, store, sha256, part, user)


@router.get("/{sha256}", responses=errors(404))
def get_blob(
    sha256: str, user: CurrentUser, db: SessionDep, access: AccessDep, store: BlobStoreDep
) -> Response:
    _check_sha(sha256)
    blob = db.get(StoredBlob, sha256)
    if blob is None or not sync.may_read_blob(db, user, access, sha256, blob.uploaded_by):
        raise HTTPException(404, "没有这个文件。/ No such blob.")
    db.commit()
    return FileResponse(
        store.path(sha256), media_type=blob.mime, headers={"X-Content-Type-Options": "nosniff"}
    )
