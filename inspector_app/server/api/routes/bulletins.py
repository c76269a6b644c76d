"""通报 numbers: a series of their own, given to a supervisor exporting a bulletin."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, HTTPException

from inspector_app.protocol.numbering import BulletinNumberIn, BulletinNumberOut
from inspector_app.server import audit
from inspector_app.server.api.deps import SessionDep, SupervisorUser
from inspector_app.server.api.responses import errors
from inspector_app.server.bulletin_numbering import allocate_bulletin

router = APIRouter(prefix="/bulletins", tags=["numbering"])


@router.post("/{bulletin_id}/number", response_model=BulletinNumberOut, responses=errors(403, 409))
def number(
    bulletin_id: uuid.UUID, body: BulletinNumberIn, db: SessionDep, user: SupervisorUser
) -> BulletinNumberOut:
    """The bulletin's number; asked again (a retry, a reprint) the same one comes back.
    The id stands for the period and campaign, so one given for another period is refused."""
    if body.period_from > body.period_to:
        raise HTTPException(
            409, "通报的开始日期晚于结束日期。/ The bulletin's period starts after it ends."
        )
    key = str(bulletin_id)
    issued, created = allocate_bulletin(
        db,
        organ_code=body.organ_code,
        year=body.year,
        bulletin_id=key,
        period_from=body.period_from.isoformat(),
        period_to=body.period_to.isoformat(),
        campaign_id=body.campaign_id,
        issued_by=user.id,
    )
    same = (issued.period_from, issued.period_to, issued.campaign_id) == (
        body.period_from.isoformat(),
        body.period_to.isoformat(),
        body.campaign_id,
    )
    if not same or issued.organ_code != body.organ_code:
        raise HTTPException(
            409,
            "该通报编号已用于另一期通报。/ This bulletin id is numbered for another period.",
        )
    if created:
        audit.append(
            db,
            actor=user.username,
            action="allocate_bulletin_number",
            object_type="bulletin",
            object_id=key,
            after=audit.digest(issued.number),
        )
    db.commit()
    return BulletinNumberOut(bulletin_id=key, number=issued.number, serial=issued.serial)
