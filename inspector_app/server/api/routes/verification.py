"""核验: the digest recorded when a notice is issued, and checks against it.

A supervisor records the canonical digest of a numbered notice's issued PDF once
(write-once, audited, and written into the notice record as the server-owned
`content_digest`, so every laptop of the team pulls it). Any signed-in user may then
ask whether a PDF, or a digest computed elsewhere, is genuine, altered or unknown.
A notice the caller may not see is unknown to them, as every other route says.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from inspector_app.protocol.notice_digest import (
    MAX_PDF_BYTES,
    UnreadablePdf,
    canonical_notice,
    compact_code,
    id_prefix,
)
from inspector_app.protocol.verification import (
    DigestIn,
    DigestOut,
    Reason,
    Recorded,
    VerifyIn,
    VerifyOut,
    answer,
    judge,
)
from inspector_app.server import audit, sync
from inspector_app.server.access import AccessPolicy
from inspector_app.server.api.deps import AccessDep, CurrentUser, SessionDep, SupervisorUser
from inspector_app.server.api.responses import errors
from inspector_app.server.api.routes.numbering import NO_SUCH_NOTICE, _visible_notice
from inspector_app.server.models import NoticeDigest, SyncRecord, User

router = APIRouter(prefix="/notices", tags=["verification"])
PDF_BODY = {
    "requestBody": {
        "required": True,
        "description": f"The notice PDF, at most {MAX_PDF_BYTES // (1024 * 1024)} MiB.",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.post("/{notice_id}/digest", response_model=DigestOut, responses=errors(403, 404, 409))
def record_digest(
    notice_id: uuid.UUID,
    body: DigestIn,
    db: SessionDep,
    user: SupervisorUser,
    access: AccessDep,
) -> DigestOut:
    """Records the digest of a numbered notice's issued PDF. The same digest again is
    answered as before; another one is refused: what was issued does not change."""
    notice = str(notice_id)
    counter = sync.lock_counter(db)  # as numbering: one writer of server fields at a time
    record, issued = _visible_notice(db, user, access, notice)
    if record.deleted:
        raise HTTPException(404, NO_SUCH_NOTICE)
    if issued is None or issued.withdrawn_at is not None:
        raise HTTPException(
            409,
            "只有已编号的通知书可以登记内容摘要。/ Only a numbered notice has a digest recorded.",
        )
    existing = db.get(NoticeDigest, notice)
    if existing is not None and existing.digest != body.digest:
        raise HTTPException(
            409,
            "该通知书签发时已登记内容摘要，不能更改。/ The digest recorded at issue cannot change.",
        )
    if existing is None:
        taken = db.scalars(select(NoticeDigest).where(NoticeDigest.digest == body.digest)).first()
        if taken is not None:
            raise HTTPException(
                409, "该摘要已属于另一份通知书。/ That digest belongs to another notice."
            )
        db.add(
            NoticeDigest(
                notice_id=notice,
                digest=body.digest,
                recorded_by=user.id,
                recorded_at=datetime.now(UTC),
            )
        )
        audit.append(
            db,
            actor=user.username,
            action="record_digest",
            object_type="notice",
            object_id=notice,
            after=body.digest,
        )
    sync.set_server_field(db, counter, record, "content_digest", body.digest)
    db.commit()
    return DigestOut(notice_id=notice, number=issued.number, digest=body.digest)


@router.post("/verify", response_model=VerifyOut)
def verify_digest(
    body: VerifyIn, db: SessionDep, user: CurrentUser, access: AccessDep
) -> VerifyOut:
    """genuine / altered / unknown for a digest computed elsewhere (`inspector-app
    verify --json` prints it), with the 核验码 printed on the notice when known."""
    codes = {compact_code(body.code)} if body.code else set()
    verdict = _judge(db, user, access, body.digest, codes)
    db.commit()
    return verdict


@router.post("/verify/pdf", response_model=VerifyOut, openapi_extra=PDF_BODY)
async def verify_pdf(
    request: Request, db: SessionDep, user: CurrentUser, access: AccessDep
) -> VerifyOut:
    """genuine / altered / unknown for an uploaded notice PDF (the raw bytes)."""
    pdf = await request.body()  # bounded by BodyLimits (MAX_PDF_BYTES on this route)
    try:
        canonical = await run_in_threadpool(canonical_notice, pdf)
    except UnreadablePdf:
        return answer(Reason.UNREADABLE)
    verdict = await run_in_threadpool(
        _judge, db, user, access, canonical.digest, set(canonical.codes)
    )
    await run_in_threadpool(db.commit)
    return verdict


def _judge(
    db: Session, user: User, access: AccessPolicy, digest: str, codes: set[str]
) -> VerifyOut:
    def notice(notice_id: str) -> SyncRecord | None:
        record = db.get(SyncRecord, ("notice", notice_id))
        if record is None or record.deleted or not access.may_see(user, record):
            return None
        return record

    def recorded(record: SyncRecord) -> Recorded:
        stored = db.get(NoticeDigest, record.id)
        return Recorded(record.id, record.data.get("number"), stored.digest if stored else None)

    def by_digest(value: str) -> Recorded | None:
        stored = db.scalars(select(NoticeDigest).where(NoticeDigest.digest == value)).first()
        record = notice(stored.notice_id) if stored is not None else None
        return recorded(record) if record is not None else None

    def by_code(code: str) -> list[Recorded]:
        rows = db.scalars(
            select(SyncRecord).where(
                SyncRecord.entity == "notice",
                SyncRecord.id.startswith(id_prefix(code), autoescape=True),
                SyncRecord.deleted.is_(False),
                access.visible(user),
            )
        )
        return [recorded(row) for row in rows]

    return judge(digest, codes, by_digest=by_digest, by_code=by_code)
