"""Draft notices from an approved inspection, and the list of notices the desk shows.

A draft is one notice per responsible unit, with that unit's problems in the notice's
order, routed as the printed notice routes them (services/notice_routing.py).
Its id is the one a notice built before any draft existed already printed
(uuid5 of the inspection and the unit), so drafting twice makes nothing new.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from inspector_app.domain.errors import IllegalTransition
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.domain.notice import NOTICE_LIFECYCLE, NoticeStatus
from inspector_app.services.documents import NOTICE_NAMESPACE, issuer_from
from inspector_app.services.inspections import inspection_or_error
from inspector_app.services.notice_routing import notice_units
from inspector_app.settings import Settings
from inspector_app.store.models import Unit
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class NoticeSummary:
    id: str
    unit_id: str
    unit: str
    inspection_id: str | None
    status: NoticeStatus
    number: str | None
    issued_on: date | None
    deadline: date | None
    problems: int
    created: bool = False  # by this call (drafting only)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "unit_id": self.unit_id,
            "unit": self.unit,
            "inspection_id": self.inspection_id,
            "status": self.status.value,
            "status_text": NOTICE_LIFECYCLE.labels[self.status][0],
            "number": self.number,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "problems": self.problems,
        }


def draft_notices(uow: UnitOfWork, inspection_id: str, settings: Settings) -> list[NoticeSummary]:
    """One draft per responsible unit of an approved inspection's problems.

    A unit that already has a notice from this inspection keeps it (drafting again is
    a no-op for it). The caller commits.
    """
    inspection = inspection_or_error(uow, inspection_id)
    if inspection.status != InspectionStatus.APPROVED:
        raise IllegalTransition(
            "notice.inspection_not_approved",
            "只有审核通过的检查才能起草整改通知书，请先审核该检查。",
            "Only an approved inspection's problems go into notices; review it first.",
        )
    units = notice_units(uow, uow.photos, inspection_id, issuer=issuer_from(settings))
    if not units:
        raise IllegalTransition(
            "notice.no_problems",
            "该检查没有发现问题，不需要整改通知书。",
            "This inspection found no problems, so no notice is needed.",
        )
    drafted = []
    for unit_id, finding_ids in units.items():
        existing = uow.session.scalars(
            select(Notice).where(
                Notice.inspection_id == inspection_id,
                Notice.unit_id == unit_id,
                Notice.deleted.is_(False),
            )
        ).first()
        if existing is None:
            notice_id = str(uuid.uuid5(NOTICE_NAMESPACE, f"{inspection_id}/{unit_id}"))
            uow.session.add(
                Notice(
                    id=notice_id,
                    unit_id=unit_id,
                    campaign_id=inspection.campaign_id,
                    inspection_id=inspection_id,
                    contact_person=settings.contact_person,
                    contact_phone=settings.contact_phone,
                )
            )
            uow.session.flush()  # the notice row first: its links point at it
            uow.session.add_all(
                NoticeFinding(notice_id=notice_id, finding_id=finding, position=n)
                for n, finding in enumerate(finding_ids, start=1)
            )
            uow.session.flush()
        notice = existing or uow.session.get(Notice, notice_id)
        assert notice is not None
        drafted.append(_summary(uow, notice, created=existing is None))
    return drafted


def list_notices(uow: UnitOfWork) -> list[NoticeSummary]:
    """Every live notice: drafts first, then by number."""
    rows = uow.session.scalars(select(Notice).where(Notice.deleted.is_(False)))
    summaries = [_summary(uow, notice) for notice in rows]
    return sorted(summaries, key=lambda s: (s.number is not None, s.number or "", s.unit, s.id))


def _summary(uow: UnitOfWork, notice: Notice, *, created: bool = False) -> NoticeSummary:
    unit = uow.session.get(Unit, notice.unit_id)
    links = uow.session.scalars(
        select(NoticeFinding.id).where(
            NoticeFinding.notice_id == notice.id, NoticeFinding.deleted.is_(False)
        )
    ).all()
    return NoticeSummary(
        id=notice.id,
        unit_id=notice.unit_id,
        unit=unit.name if unit is not None else notice.unit_id,
        inspection_id=notice.inspection_id,
        status=notice.status,
        number=notice.number,
        issued_on=notice.issued_on,
        deadline=notice.deadline,
        problems=len(links),
        created=created,
    )
