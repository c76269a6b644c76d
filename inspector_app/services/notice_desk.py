"""What the 通知书 page reads and edits: its rows (with the warning colour), one notice's
detail, the approved inspections still without notices, and a draft's own fields.

A draft's editable fields are the ones the notice record holds and the printed notice
uses: the contact person and phone of the 联系人 line, and the deadline. The deadline is
edited as the notice words it, "N个工作日内", and kept as the date N working days after
today (the date the notice would carry if signed today); an issue on a later day keeps
that date and prints the working days then left (services/documents.py). Once an issue
has frozen a PDF, nothing here changes the notice any more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.domain.notice import NOTICE_LIFECYCLE, NoticeStatus, WarningLevel
from inspector_app.domain.working_days import MAX_WORKING_DAYS, OFFICIAL, WorkingCalendar, due_date
from inspector_app.services.notice_regrouping import MoveTarget, move_targets
from inspector_app.services.notice_state import (
    Problem,
    deadline_in_force,
    notice_or_error,
    notice_warning,
    problems_of,
)
from inspector_app.store.models import Campaign, Inspection, Site, Unit
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class NoticeRow:
    """One line of the page's list."""

    id: str
    number: str | None
    unit: str
    site: str
    visited: datetime | None
    campaign: str
    status: NoticeStatus
    deadline: date | None  # the one in force
    warning: WarningLevel
    problems: int

    @property
    def status_labels(self) -> tuple[str, str]:
        return NOTICE_LIFECYCLE.labels[self.status]

    def matches(self, text: str) -> bool:
        """The search box: number, unit, site or campaign contain every word typed."""
        haystack = " ".join((self.number or "", self.unit, self.site, self.campaign)).lower()
        return all(word in haystack for word in text.lower().split())


@dataclass(frozen=True)
class NoticeDetail:
    row: NoticeRow
    inspection_id: str | None
    campaign_id: str | None
    problems: tuple[Problem, ...]
    contact_person: str
    contact_phone: str
    issued_on: date | None
    working_days: int | None  # the deadline as "N个工作日内" counted from today (a draft)
    frozen: bool  # an issued PDF exists: the notice is as it was issued
    move_targets: tuple[MoveTarget, ...] = ()  # other drafts its problems may move to

    @property
    def editable(self) -> bool:
        return self.row.status == NoticeStatus.DRAFT and not self.frozen


@dataclass(frozen=True)
class Draftable:
    """An approved inspection no notice was drafted from yet."""

    id: str
    site: str
    started_at: datetime
    campaign: str


def notice_rows(uow: UnitOfWork, today: date) -> list[NoticeRow]:
    """Every live notice: drafts first, then by number (as `notices list` orders them)."""
    notices = uow.session.scalars(select(Notice).where(Notice.deleted.is_(False))).all()
    rows = [_row(uow, notice, today) for notice in notices]
    return sorted(rows, key=lambda r: (r.number is not None, r.number or "", r.unit, r.id))


def notice_detail(
    uow: UnitOfWork, notice_id: str, today: date, calendar: WorkingCalendar = OFFICIAL
) -> NoticeDetail:
    notice = notice_or_error(uow, notice_id)
    days = None
    if notice.status == NoticeStatus.DRAFT and notice.deadline and notice.deadline > today:
        days = calendar.working_days_between(today, notice.deadline)
    return NoticeDetail(
        row=_row(uow, notice, today),
        inspection_id=notice.inspection_id,
        campaign_id=notice.campaign_id,
        problems=tuple(problems_of(uow, notice_id)),
        contact_person=notice.contact_person,
        contact_phone=notice.contact_phone,
        issued_on=notice.issued_on,
        working_days=days,
        frozen=notice.pdf_sha256 is not None,
        move_targets=tuple(move_targets(uow, notice_id)),
    )


def draftable_inspections(uow: UnitOfWork) -> list[Draftable]:
    """Approved inspections without a live notice, newest first."""
    noticed = select(Notice.inspection_id).where(
        Notice.deleted.is_(False), Notice.inspection_id.is_not(None)
    )
    rows = uow.session.execute(
        select(Inspection, Site.name, Campaign.title)
        .join(Site, Site.id == Inspection.site_id)
        .outerjoin(Campaign, Campaign.id == Inspection.campaign_id)
        .where(
            Inspection.status == InspectionStatus.APPROVED,
            Inspection.deleted.is_(False),
            Inspection.id.not_in(noticed),
        )
        .order_by(Inspection.started_at.desc())
    ).all()
    return [Draftable(i.id, site, i.started_at, title or "") for i, site, title in rows]


def edit_draft(
    uow: UnitOfWork,
    notice_id: str,
    *,
    contact_person: str,
    contact_phone: str,
    working_days: int,
    today: date,
    calendar: WorkingCalendar = OFFICIAL,
) -> None:
    """Set a draft's contact and deadline; an issued (or issuing) notice is refused."""
    notice = notice_or_error(uow, notice_id)
    if notice.status != NoticeStatus.DRAFT or notice.pdf_sha256 is not None:
        raise IllegalTransition(
            "notice.not_a_draft",
            "只有尚未签发的草稿才能修改；已签发的通知书以签发文本为准。",
            "Only a draft not yet issued can be edited; an issued notice is as it was issued.",
        )
    person, phone = contact_person.strip(), contact_phone.strip()
    if len(person) > 100 or len(phone) > 50:
        raise ValidationFailed(
            "notice.contact_too_long",
            "联系人不超过100个字，联系电话不超过50个字符。",
            "The contact person takes at most 100 characters, the phone at most 50.",
        )
    if not 1 <= working_days <= MAX_WORKING_DAYS:
        raise ValidationFailed(
            "notice.working_days_range",
            f"整改期限应为1至{MAX_WORKING_DAYS}个工作日。",
            f"The deadline must be 1 to {MAX_WORKING_DAYS} working days.",
        )
    notice.contact_person, notice.contact_phone = person, phone
    notice.deadline = due_date(today, working_days, calendar)
    uow.session.flush()


def _row(uow: UnitOfWork, notice: Notice, today: date) -> NoticeRow:
    unit = uow.session.get(Unit, notice.unit_id)
    inspection = uow.session.get(Inspection, notice.inspection_id) if notice.inspection_id else None
    site = uow.session.get(Site, inspection.site_id) if inspection else None
    campaign = uow.session.get(Campaign, notice.campaign_id) if notice.campaign_id else None
    problems = uow.session.scalars(
        select(NoticeFinding.id).where(
            NoticeFinding.notice_id == notice.id, NoticeFinding.deleted.is_(False)
        )
    ).all()
    return NoticeRow(
        id=notice.id,
        number=notice.number,
        unit=unit.name if unit else notice.unit_id,
        site=site.name if site else "",
        visited=inspection.started_at if inspection else None,
        campaign=campaign.title if campaign else "",
        status=notice.status,
        deadline=deadline_in_force(notice),
        warning=notice_warning(notice, today),
        problems=len(problems),
    )
