"""签发: the issued PDF of a numbered notice, accepted once, by the notice's team.

The laptop that issues a notice sends the final PDF here. It is kept as a blob by its
sha256 and recorded on the notice (server-owned `pdf_sha256` and `content_digest`, so
every laptop of the team pulls both), with the 核验 digest the server computes itself
from the bytes: a client's word for it is not needed. The bytes must be a readable PDF
of at most MAX_PDF_BYTES that prints this notice's 核验码 and its 文号; anything else is
refused with a message and nothing is stored. Sending the same PDF again is answered as
before (a retried issue); another PDF for the same notice is refused: what was issued
does not change.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from inspector_app.protocol.issuing import IssuedPdfOut
from inspector_app.protocol.notice_digest import (
    MAX_PDF_BYTES,
    UnreadablePdf,
    canonical_notice,
    compact_code,
    verification_code,
)
from inspector_app.server import audit, sync
from inspector_app.server.access import AccessPolicy
from inspector_app.server.api.deps import AccessDep, BlobStoreDep, SessionDep, SupervisorUser
from inspector_app.server.api.responses import errors
from inspector_app.server.api.routes.numbering import NO_SUCH_NOTICE, _visible_notice
from inspector_app.server.blob_refs import record_refs
from inspector_app.server.blobs import BlobRejected
from inspector_app.server.models import BlobGrant, NoticeDigest, StoredBlob, User

router = APIRouter(prefix="/notices", tags=["issuing"])
PDF_MIME = "application/pdf"
NOT_A_PDF = "不是可读取的 PDF 文件（{reason}）。/ Not a readable PDF file ({reason})."
NOT_THIS_NOTICE = (
    "该 PDF 不是通知书{number}（核验码或文号不符）。/ "
    "The PDF is not notice {number} (its verification code or number differs)."
)
PDF_BODY = {
    "requestBody": {
        "required": True,
        "description": f"The issued notice PDF, at most {MAX_PDF_BYTES // (1024 * 1024)} MiB.",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def _notice_pdf_check(notice_id: str, number: str, digests: list[str]):
    """The blob store's check for this notice's PDF: readable, this notice's code and
    number printed in it; the canonical digest is handed back through `digests`."""

    def check(path: Path) -> str:
        try:
            canonical = canonical_notice(path.read_bytes())
        except UnreadablePdf as exc:
            raise BlobRejected(422, NOT_A_PDF.format(reason=exc)) from None
        code = compact_code(verification_code(notice_id))
        if canonical.codes != {code} or "".join(number.split()) not in canonical.text:
            raise BlobRejected(422, NOT_THIS_NOTICE.format(number=number))
        digests.append(canonical.digest)
        return PDF_MIME

    return check


def _numbered(db: Session, user: User, access: AccessPolicy, notice_id: str) -> str:
    """The notice's number, when the caller's team may see it and it has a live one."""
    record, issued = _visible_notice(db, user, access, notice_id)
    db.commit()
    if record.deleted:
        raise HTTPException(404, NO_SUCH_NOTICE)
    if issued is None or issued.withdrawn_at is not None:
        raise HTTPException(
            409, "只有已编号的通知书可以上传签发文本。/ Only a numbered notice has an issued PDF."
        )
    return issued.number


def _record(
    db: Session,
    user: User,
    access: AccessPolicy,
    notice_id: str,
    sha256: str,
    size: int,
    digest: str,
) -> IssuedPdfOut:
    """Write-once: the blob, the team's hold on it, and both values on the notice."""
    counter = sync.lock_counter(db)  # as numbering: one writer of server fields at a time
    record, issued = _visible_notice(db, user, access, notice_id)
    assert issued is not None  # checked before the body was read; numbers are never removed
    held = record.data.get("pdf_sha256")
    stored = db.get(NoticeDigest, notice_id)
    if (held is not None and held != sha256) or (stored is not None and stored.digest != digest):
        raise HTTPException(
            409,
            "该通知书已登记签发文本，不能更换。/ The issued PDF is recorded and cannot change.",
        )
    taken = db.scalars(select(NoticeDigest).where(NoticeDigest.digest == digest)).first()
    if taken is not None and taken.notice_id != notice_id:
        raise HTTPException(
            409, "该摘要已属于另一份通知书。/ That digest belongs to another notice."
        )
    now = datetime.now(UTC)
    if db.get(StoredBlob, sha256) is None:
        db.add(
            StoredBlob(sha256=sha256, size=size, mime=PDF_MIME, uploaded_by=user.id, created_at=now)
        )
    if db.get(BlobGrant, (sha256, user.team)) is None:
        db.add(BlobGrant(sha256=sha256, team=user.team))
    db.flush()
    record_refs(db, {(sha256, record.team)} if record.team else set())
    if stored is None:
        db.add(
            NoticeDigest(notice_id=notice_id, digest=digest, recorded_by=user.id, recorded_at=now)
        )
        audit.append(
            db,
            actor=user.username,
            action="record_issued_pdf",
            object_type="notice",
            object_id=notice_id,
            after=sha256,
        )
    sync.set_server_field(db, counter, record, "pdf_sha256", sha256)
    sync.set_server_field(db, counter, record, "content_digest", digest)
    db.commit()
    return IssuedPdfOut(notice_id=notice_id, number=issued.number, pdf_sha256=sha256, digest=digest)


@router.put(
    "/{notice_id}/pdf",
    response_model=IssuedPdfOut,
    responses=errors(403, 404, 409),
    openapi_extra=PDF_BODY,
)
async def put_issued_pdf(
    notice_id: uuid.UUID,
    request: Request,
    db: SessionDep,
    user: SupervisorUser,
    access: AccessDep,
    store: BlobStoreDep,
) -> IssuedPdfOut:
    """Keeps a numbered notice's issued PDF and records its sha256 and 核验 digest."""
    notice = str(notice_id)
    number = await run_in_threadpool(_numbered, db, user, access, notice)
    pdf = await request.body()  # bounded by BodyLimits (MAX_PDF_BYTES on this route)
    sha256 = hashlib.sha256(pdf).hexdigest()
    temp = store.incoming / f"{uuid.uuid4()}.put"
    await run_in_threadpool(temp.write_bytes, pdf)  # up to 32 MiB: not on the event loop
    digests: list[str] = []
    try:
        await store.publish(sha256, temp, _notice_pdf_check(notice, number, digests))
    except BlobRejected as rejected:
        raise HTTPException(rejected.status, rejected.message) from None
    return await run_in_threadpool(_record, db, user, access, notice, sha256, len(pdf), digests[0])
