"""Notice numbers: gapless per issuing authority and year, never duplicated or reused."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from inspector_app.domain.notice import format_notice_number
from inspector_app.server.models import BulletinCounter, IssuedNumber, NoticeCounter


def next_serial(
    session: Session,
    counter_model: type[NoticeCounter | BulletinCounter],
    *,
    organ_code: str,
    year: int,
) -> int:
    """Take the next serial of one series (notices or bulletins) inside the caller's
    transaction: the counter row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite
    transactions here start with BEGIN IMMEDIATE), so concurrent requests queue."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(counter_model)
        .values(organ_code=organ_code, year=year, last_serial=0)
        .on_conflict_do_nothing(index_elements=["organ_code", "year"])
    )
    counter = session.scalars(
        select(counter_model)
        .where(counter_model.organ_code == organ_code, counter_model.year == year)
        .with_for_update()
    ).one()
    counter.last_serial += 1
    return counter.last_serial


def allocate(
    session: Session, *, organ_code: str, year: int, notice_id: str, issued_by: int
) -> IssuedNumber:
    """The next serial, inside the caller's transaction.

    The counter row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite
    transactions here start with BEGIN IMMEDIATE, one writer at a time), so
    concurrent requests queue instead of reading the same value. A notice
    that already has a number gets the same one back (a retried request).
    """
    existing = session.scalars(select(IssuedNumber).where(IssuedNumber.notice_id == notice_id))
    found = existing.first()
    if found is not None:
        return found
    serial = next_serial(session, NoticeCounter, organ_code=organ_code, year=year)
    issued = IssuedNumber(
        organ_code=organ_code,
        year=year,
        serial=serial,
        number=format_notice_number(organ_code, year, serial),
        notice_id=notice_id,
        issued_by=issued_by,
        issued_at=datetime.now(UTC),
    )
    session.add(issued)
    session.flush()
    return issued
