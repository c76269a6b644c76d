"""通报 numbers: their own gapless series per 代字 and year, as notices have theirs."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.notice import format_notice_number
from inspector_app.server.models import BulletinCounter, IssuedBulletinNumber
from inspector_app.server.numbering import next_serial


def allocate_bulletin(
    session: Session,
    *,
    organ_code: str,
    year: int,
    bulletin_id: str,
    period_from: str,
    period_to: str,
    campaign_id: str,
    issued_by: int,
) -> tuple[IssuedBulletinNumber, bool]:
    """The next serial and True, inside the caller's transaction, the counter row locked
    as in `numbering.allocate`; a bulletin already numbered gets its number and False."""
    found = session.scalars(
        select(IssuedBulletinNumber).where(IssuedBulletinNumber.bulletin_id == bulletin_id)
    ).first()
    if found is not None:
        return found, False
    serial = next_serial(session, BulletinCounter, organ_code=organ_code, year=year)
    issued = IssuedBulletinNumber(
        organ_code=organ_code,
        year=year,
        serial=serial,
        number=format_notice_number(organ_code, year, serial),
        bulletin_id=bulletin_id,
        period_from=period_from,
        period_to=period_to,
        campaign_id=campaign_id,
        issued_by=issued_by,
        issued_at=datetime.now(UTC),
    )
    session.add(issued)
    session.flush()
    return issued, True
