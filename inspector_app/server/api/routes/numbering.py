"""Official notice numbers: given by the server at issue time, withdrawn but never reused."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.protocol.numbering import NumberIn, NumberOut, WithdrawIn
from inspector_app.server import audit, numbering, sync
from inspector_app.server.access import AccessPolicy
from inspector_app.server.api.deps import AccessDep, SessionDep, SupervisorUser
from inspector_app.server.api.responses import errors
from inspector_app.server.models import IssuedNumber, SyncRecord, User

router = APIRouter(prefix="/notices", tags=["numbering"])


# Unknown, deleted and another team's notices get this same refusal on every route, so
# an id tells nobody whether another team has such a notice or gave it a number.
NO_SUCH_NOTICE = "没有这个通知书，请先同步草稿。/ No such notice; sync the draft first."


def _visible_notice(
    db: Session, user: User, access: AccessPolicy, notice_id: str
) -> tuple[SyncRecord, IssuedNumber | None]:
    """The notice and its number, if any, when the caller's team may see both; else 404."""
    record = db.get(SyncRecord, ("notice", notice_id))
    issued = db.scalars(select(IssuedNumber).where(IssuedNumber.notice_id == notice_id)).first()
    issuer = db.get(User, issued.issued_by) if issued is not None else None
    if (
        record is None
        or not access.may_see(user, record)
        or (issuer is not None and issuer.team != user.team and not access.sees_all(user))
    ):
        raise HTTPException(404, NO_SUCH_NOTICE)
    return record, issued


@router.post("/{notice_id}/number", response_model=NumberOut, responses=errors(403, 404, 409))
def number(
    notice_id: uuid.UUID,
    body: NumberIn,
    db: SessionDep,
    user: SupervisorUser,
    access: AccessDep,
) -> NumberOut:
    """Numbers a draft notice the caller's team has synced, and writes the number
    into the notice record. A retried request gets the same number back."""
    notice = str(notice_id)
    counter = sync.lock_counter(db)  # first, as in push: retries queue up here
    record, issued = _visible_notice(db, user, access, notice)
    if record.deleted:
        raise HTTPException(404, NO_SUCH_NOTICE)
    if issued is None and record.data.get("status", "draft") != "draft":
        raise HTTPException(409, "只有草稿可以编号。/ Only a draft notice can be given a number.")
    if issued is None:
        issued = numbering.allocate(
            db, organ_code=body.organ_code, year=body.year, notice_id=notice, issued_by=user.id
        )
        audit.append(
            db,
            actor=user.username,
            action="allocate_number",
            object_type="notice",
            object_id=notice,
            after=audit.digest(issued.number),
        )
    sync.set_server_field(db, counter, record, "number", issued.number)
    db.commit()
    return NumberOut(notice_id=notice, number=issued.number, serial=issued.serial)


@router.post("/{notice_id}/number/withdraw", response_model=NumberOut, responses=errors(403, 404))
def withdraw_number(
    notice_id: uuid.UUID,
    body: WithdrawIn,
    db: SessionDep,
    user: SupervisorUser,
    access: AccessDep,
) -> NumberOut:
    """The number stays taken: withdrawal is recorded, never a reuse."""
    notice = str(notice_id)
    _, issued = _visible_notice(db, user, access, notice)
    if issued is None:  # the caller's own notice: saying so reveals nothing
        raise HTTPException(404, "该通知书没有文号。/ This notice has no number.")
    if issued.withdrawn_at is None:
        issued.withdrawn_at, issued.withdrawal_reason = datetime.now(UTC), body.reason
        audit.append(
            db,
            actor=user.username,
            action="withdraw_number",
            object_type="notice",
            object_id=notice,
            before=audit.digest(issued.number),
            after=audit.digest(body.reason),
        )
        db.commit()
    return NumberOut(notice_id=notice, number=issued.number, serial=issued.serial)
