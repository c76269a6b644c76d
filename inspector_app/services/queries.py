"""Read models: what lists and exports show, computed in one query each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionMode, InspectionStatus
from inspector_app.store.models import Campaign, Finding, Inspection, Photo, Site
from inspector_app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class InspectionSummary:
    id: str
    site: str
    campaign: str | None
    mode: InspectionMode
    status: InspectionStatus
    started_at: datetime
    findings: int  # items with a recorded result, plus ad-hoc problems
    problems: int  # failed items and ad-hoc problems
    photos: int
    synced: bool  # the server has acknowledged the newest version

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "site": self.site,
            "campaign": self.campaign,
            "mode": self.mode.value,
            "status": self.status.value,
            "started_at": self.started_at.isoformat(),
            "findings": self.findings,
            "problems": self.problems,
            "photos": self.photos,
            "synced": self.synced,
        }


def list_inspections(uow: UnitOfWork) -> list[InspectionSummary]:
    finding_counts = (
        select(
            Finding.inspection_id.label("inspection_id"),
            func.sum(func.iif(Finding.result != FindingResult.UNCHECKED, 1, 0)).label("recorded"),
            func.sum(func.iif(Finding.result == FindingResult.FAIL, 1, 0)).label("problems"),
        )
        .where(Finding.deleted.is_(False))
        .group_by(Finding.inspection_id)
        .subquery()
    )
    photo_counts = (
        select(Finding.inspection_id.label("inspection_id"), func.count(Photo.id).label("photos"))
        .join(Photo, Photo.finding_id == Finding.id)
        .where(Photo.deleted.is_(False), Finding.deleted.is_(False))
        .group_by(Finding.inspection_id)
        .subquery()
    )
    rows = uow.session.execute(
        select(
            Inspection,
            Site.name,
            Campaign.title,
            finding_counts.c.recorded,
            finding_counts.c.problems,
            photo_counts.c.photos,
        )
        .join(Site, Site.id == Inspection.site_id)
        .outerjoin(Campaign, Campaign.id == Inspection.campaign_id)
        .outerjoin(finding_counts, finding_counts.c.inspection_id == Inspection.id)
        .outerjoin(photo_counts, photo_counts.c.inspection_id == Inspection.id)
        .where(Inspection.deleted.is_(False))
        .order_by(Inspection.started_at.desc())
    ).all()
    return [
        InspectionSummary(
            id=inspection.id,
            site=site_name,
            campaign=campaign_title,
            mode=inspection.mode,
            status=inspection.status,
            started_at=inspection.started_at,
            findings=int(recorded or 0),
            problems=int(problems or 0),
            photos=int(photos or 0),
            synced=inspection.server_rev is not None,
        )
        for inspection, site_name, campaign_title, recorded, problems, photos in rows
    ]
