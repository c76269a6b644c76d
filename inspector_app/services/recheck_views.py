"""What a 复查 links, read from both sides: a re-inspection's items next to the original
findings (what the runner's 复查 mode shows), each original finding's re-inspections
(what the 整改跟踪 and 通知书 pages show under a problem), and a notice's re-inspections.

Plain values only (photos as queries.PhotoView), so a page reads them through the
StoreRunner and never holds a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from inspector_app.domain.inspection import InspectionStatus, is_editable
from inspector_app.domain.rectification import VerificationResult
from inspector_app.services.inspections import inspection_or_error
from inspector_app.services.notice_state import problems_of, round_items
from inspector_app.services.queries import PhotoView, finding_photos
from inspector_app.store.models import Finding, Inspection, Site
from inspector_app.store.notice_models import Notice
from inspector_app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class RecheckItem:
    """One item of a 复查: the notice's problem as found first, and as found now."""

    finding_id: str  # the 复查's own finding (photos attach here)
    number: int  # the problem's number as the notice prints it
    problem_id: str  # its notice_finding id
    original_finding_id: str
    original_inspection_id: str
    original_observed_at: datetime | None
    title: str
    original_description: str
    window_no: str
    original_photos: tuple[PhotoView, ...]
    measures: str  # what the unit reported for this round
    result: VerificationResult
    note: str
    photos: tuple[PhotoView, ...]

    @property
    def live_photos(self) -> tuple[PhotoView, ...]:
        return tuple(p for p in self.photos if not p.deleted)


@dataclass(frozen=True)
class RecheckSheet:
    """A 复查 inspection with its notice and items, in the notice's order."""

    inspection_id: str
    notice_id: str
    notice_number: str | None
    site_name: str
    status: InspectionStatus
    started_at: datetime
    team: tuple[str, ...]
    items: tuple[RecheckItem, ...]

    @property
    def editable(self) -> bool:
        return is_editable(self.status)


@dataclass(frozen=True)
class RecheckOutcome:
    """One re-inspection of a problem, as seen from its original finding."""

    inspection_id: str
    finding_id: str
    notice_id: str
    started_at: datetime
    finished: bool
    recorder: str
    result: VerificationResult
    note: str
    photo_sha256: tuple[str, ...]


@dataclass(frozen=True)
class RecheckSummary:
    """A notice's re-inspection: where, when, whether finished, and what it found."""

    inspection_id: str
    site_name: str
    started_at: datetime
    finished: bool
    rectified: int
    not_rectified: int
    pending: int


def is_recheck(uow: UnitOfWork, inspection_id: str) -> bool:
    return inspection_or_error(uow, inspection_id).recheck_of_notice_id is not None


def recheck_sheet(uow: UnitOfWork, inspection_id: str) -> RecheckSheet:
    """Everything the runner's 复查 mode shows for one re-inspection."""
    inspection = inspection_or_error(uow, inspection_id)
    assert inspection.recheck_of_notice_id is not None, "not a re-inspection"
    notice = uow.session.get(Notice, inspection.recheck_of_notice_id)
    problems = {p.finding_id: p for p in problems_of(uow, inspection.recheck_of_notice_id)}
    reported = _reported(uow, notice)
    items = []
    for finding in _items(uow, inspection.id):
        problem = problems.get(finding.recheck_of_id or "")
        original = uow.session.get(Finding, finding.recheck_of_id)
        if problem is None or original is None:
            continue  # the problem left the notice (a corrected draft): nothing to show
        items.append(
            RecheckItem(
                finding_id=finding.id,
                number=problem.number,
                problem_id=problem.id,
                original_finding_id=original.id,
                original_inspection_id=original.inspection_id,
                original_observed_at=original.observed_at,
                title=original.title,
                original_description=original.description,
                window_no=original.window_no,
                original_photos=_live(finding_photos(uow, uow.photos, original.id)),
                measures=reported.get(problem.id, ""),
                result=finding.recheck_result,
                note=finding.description,
                photos=finding_photos(uow, uow.photos, finding.id),
            )
        )
    site = uow.session.get(Site, inspection.site_id)
    return RecheckSheet(
        inspection_id=inspection.id,
        notice_id=inspection.recheck_of_notice_id,
        notice_number=notice.number if notice is not None else None,
        site_name=site.name if site is not None else "",
        status=inspection.status,
        started_at=inspection.started_at,
        team=tuple(inspection.team or ()),
        items=tuple(sorted(items, key=lambda item: item.number)),
    )


def rechecks_of_finding(uow: UnitOfWork, finding_id: str) -> list[RecheckOutcome]:
    """Every re-inspection of this original finding, oldest first."""
    rows = uow.session.execute(
        select(Finding, Inspection)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .where(
            Finding.recheck_of_id == finding_id,
            Finding.deleted.is_(False),
            Inspection.deleted.is_(False),
            Inspection.recheck_of_notice_id.is_not(None),
        )
        .order_by(Inspection.started_at, Inspection.created_at, Inspection.id)
    ).all()
    return [
        RecheckOutcome(
            inspection_id=inspection.id,
            finding_id=finding.id,
            notice_id=inspection.recheck_of_notice_id or "",
            started_at=inspection.started_at,
            finished=not is_editable(inspection.status),
            recorder=inspection.recorder,
            result=finding.recheck_result,
            note=finding.description,
            photo_sha256=tuple(
                p.sha256 for p in _live(finding_photos(uow, uow.photos, finding.id))
            ),
        )
        for finding, inspection in rows
    ]


def rechecks_of_notice(uow: UnitOfWork, notice_id: str) -> list[RecheckSummary]:
    """The notice's re-inspections, oldest first."""
    inspections = uow.session.scalars(
        select(Inspection)
        .where(Inspection.recheck_of_notice_id == notice_id, Inspection.deleted.is_(False))
        .order_by(Inspection.started_at, Inspection.created_at, Inspection.id)
    )
    summaries = []
    for inspection in inspections:
        results = [f.recheck_result for f in _items(uow, inspection.id)]
        site = uow.session.get(Site, inspection.site_id)
        summaries.append(
            RecheckSummary(
                inspection_id=inspection.id,
                site_name=site.name if site is not None else "",
                started_at=inspection.started_at,
                finished=not is_editable(inspection.status),
                rectified=results.count(VerificationResult.RECTIFIED),
                not_rectified=results.count(VerificationResult.NOT_RECTIFIED),
                pending=results.count(VerificationResult.PENDING),
            )
        )
    return summaries


def _reported(uow: UnitOfWork, notice: Notice | None) -> dict[str, str]:
    if notice is None:
        return {}
    current = round_items(uow, notice.id, notice.returned_count + 1)
    return {problem_id: row.measures for problem_id, row in current.items()}


def _items(uow: UnitOfWork, inspection_id: str) -> list[Finding]:
    return list(
        uow.session.scalars(
            select(Finding).where(
                Finding.inspection_id == inspection_id,
                Finding.recheck_of_id.is_not(None),
                Finding.deleted.is_(False),
            )
        )
    )


def _live(photos: tuple[PhotoView, ...]) -> tuple[PhotoView, ...]:
    return tuple(p for p in photos if not p.deleted)
