"""The supervisor's 审核: the queue of submitted inspections, approve, return with a comment.

Everything works on what this laptop pulled and lands in the outbox like any other
edit; the server checks the role again when it arrives. The account's role is the
one the last finished sync learned from `/me` (kept in the store's sync state), so
the desk works offline after one sync as a supervisor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from inspector_app.domain.errors import IllegalTransition
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionMode, InspectionStatus
from inspector_app.services.inspections import amend_finding, finding_or_error, review_inspection
from inspector_app.store.models import Campaign, Finding, Inspection, InspectionStats, Site
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.sync import state

REVIEWER_ROLES = frozenset({"supervisor", "admin"})


@dataclass(frozen=True)
class Account:
    """Who this data folder last synced as; empty strings before the first sync."""

    username: str
    role: str
    team: str

    @property
    def reviews(self) -> bool:
        return self.role in REVIEWER_ROLES


def remembered_account(uow: UnitOfWork) -> Account:
    session = uow.session
    return Account(
        state.get(session, "username") or "",
        state.get(session, "role") or "",
        state.get(session, "team") or "",
    )


def ensure_reviewer(account: Account) -> None:
    """Only supervisors review: refused here before the server would refuse it on push."""
    if account.reviews:
        return
    if not account.role:
        raise IllegalTransition(
            "review.not_signed_in",
            "本机尚未以科室负责人账号同步过，不能审核。请先登录并同步一次。",
            "This laptop has not synced as a supervisor yet; sign in and sync once to review.",
        )
    raise IllegalTransition(
        "review.not_a_supervisor",
        "只有科室负责人可以审核检查。",
        "Only supervisors review inspections.",
    )


@dataclass(frozen=True)
class ReviewRow:
    """One submitted inspection waiting for review, as the queue lists it."""

    id: str
    site: str
    campaign: str | None
    mode: InspectionMode
    team: tuple[str, ...]
    started_at: datetime
    submitted_at: datetime | None
    problems: int
    photos: int
    problem_texts: tuple[str, ...]  # what was seen, searched too

    def matches(self, text: str) -> bool:
        """Every word of `text` is in the site, campaign, team or a problem (case-blind)."""
        haystack = " ".join(
            (self.site, self.campaign or "", " ".join(self.team), *self.problem_texts)
        ).casefold()
        return all(word in haystack for word in text.casefold().split())


def review_queue(
    uow: UnitOfWork, search: str = "", status: InspectionStatus = InspectionStatus.SUBMITTED
) -> list[ReviewRow]:
    """Submitted inspections, the longest waiting first (they were pulled for this team);
    `status` APPROVED lists the approved ones, where corrections are amendments.

    A finished 复查 is not reviewed: its results already are the notice's verification."""
    session = uow.session
    rows = session.execute(
        select(  # columns, not objects: the queue may hold a year's work
            Inspection.id,
            Inspection.mode,
            Inspection.team,
            Inspection.started_at,
            Inspection.submitted_at,
            Site.name,
            Campaign.title,
            func.coalesce(InspectionStats.problems, 0),
            func.coalesce(InspectionStats.photos, 0),
        )
        .join(Site, Site.id == Inspection.site_id)
        .outerjoin(Campaign, Campaign.id == Inspection.campaign_id)
        .outerjoin(InspectionStats, InspectionStats.inspection_id == Inspection.id)
        .where(
            Inspection.deleted.is_(False),
            Inspection.status == status,
            Inspection.recheck_of_notice_id.is_(None),
        )
        .order_by(Inspection.submitted_at, Inspection.started_at)
    ).all()
    texts: dict[str, list[str]] = {}
    if rows:
        for inspection_id, title, description in session.execute(
            select(Finding.inspection_id, Finding.title, Finding.description).where(
                Finding.deleted.is_(False),
                Finding.result == FindingResult.FAIL,
                Finding.inspection_id.in_([row.id for row in rows]),
            )
        ):
            texts.setdefault(inspection_id, []).extend((title, description))
    queue = [
        ReviewRow(
            id,
            site,
            campaign,
            mode,
            tuple(team),
            started_at,
            submitted_at,
            int(problems),
            int(photos),
            tuple(texts.get(id, ())),
        )
        for id, mode, team, started_at, submitted_at, site, campaign, problems, photos in rows
    ]
    return [row for row in queue if row.matches(search)] if search.strip() else queue


def approve(uow: UnitOfWork, inspection_id: str, *, now: datetime | None = None) -> None:
    """审核通过: the inspection and its findings become evidence for notices."""
    ensure_reviewer(remembered_account(uow))
    review_inspection(uow, inspection_id, approve=True, now=now)


def return_for_changes(
    uow: UnitOfWork, inspection_id: str, comment: str, *, now: datetime | None = None
) -> None:
    """退回: back to the inspector, who reads `comment` in the runner after their next sync."""
    ensure_reviewer(remembered_account(uow))
    review_inspection(uow, inspection_id, approve=False, comment=comment, now=now)


CORRECTABLE = ("description", "window_no", "staff_badge")  # what the desk's 更正 offers


def correct_finding(
    uow: UnitOfWork, finding_id: str, *, field: str, new_value: str, reason: str
) -> str:
    """更正 of an approved inspection's problem: the new value and its reason, both kept
    (services/inspections.amend_finding); the author is the account this folder syncs as."""
    account = remembered_account(uow)
    ensure_reviewer(account)
    _, inspection = finding_or_error(uow, finding_id)
    if inspection.status != InspectionStatus.APPROVED:
        raise IllegalTransition(
            "review.correct_only_approved",
            "只有已审核通过的检查需要以更正记录修改；待审核的检查请退回给检查人员修改。",
            "Only approved inspections are corrected by amendment; return a submitted one.",
        )
    return amend_finding(
        uow, finding_id, field=field, new_value=new_value, reason=reason, author=account.username
    )
