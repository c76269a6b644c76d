"""Read models: what lists and exports show, computed in one query each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from inspector_app.domain.checklist import ChecklistTemplate
from inspector_app.domain.finding import FindingResult, Severity
from inspector_app.domain.inspection import InspectionMode, InspectionStatus
from inspector_app.domain.record_facts import RecordFacts
from inspector_app.services import sealed_plans
from inspector_app.services.inspections import get_template, inspection_or_error
from inspector_app.services.record_facts import facts_of
from inspector_app.services.sealed_plans import Opening
from inspector_app.services.summaries import InspectionSummary, summaries_from_rows
from inspector_app.store.home_list import HOME_LIST_SQL
from inspector_app.store.models import (
    Campaign,
    ChecklistTemplateRecord,
    Finding,
    Inspection,
    InspectionStats,
    Photo,
    Site,
    Unit,
    Window,
)
from inspector_app.store.photos import PhotoStore
from inspector_app.store.unit_of_work import UnitOfWork

__all__ = ["InspectionSummary", "list_inspections"]  # and the view types below


def list_inspections(uow: UnitOfWork) -> list[InspectionSummary]:
    """One row per inspection, newest first; the counts come from inspection_stats."""
    rows = uow.session.connection().exec_driver_sql(HOME_LIST_SQL).all()
    return summaries_from_rows(tuple(row) for row in rows)


def recount_inspection_stats(uow: UnitOfWork) -> dict[str, tuple[int, int, int]]:
    """The counts computed the slow way, to check what the triggers keep."""
    recorded = func.sum(func.iif(Finding.result != FindingResult.UNCHECKED, 1, 0))
    problems = func.sum(func.iif(Finding.result == FindingResult.FAIL, 1, 0))
    counts = {
        inspection_id: (int(r or 0), int(p or 0), 0)
        for inspection_id, r, p in uow.session.execute(
            select(Finding.inspection_id, recorded, problems)
            .where(Finding.deleted.is_(False))
            .group_by(Finding.inspection_id)
        )
    }
    for inspection_id, photos in uow.session.execute(
        select(Finding.inspection_id, func.count(Photo.id))
        .join(Photo, Photo.finding_id == Finding.id)
        .where(Photo.deleted.is_(False), Finding.deleted.is_(False))
        .group_by(Finding.inspection_id)
    ):
        r, p, _ = counts.get(inspection_id, (0, 0, 0))
        counts[inspection_id] = (r, p, int(photos))
    return counts


def stored_inspection_stats(uow: UnitOfWork) -> dict[str, tuple[int, int, int]]:
    return {
        s.inspection_id: (s.recorded, s.problems, s.photos)
        for s in uow.session.scalars(select(InspectionStats))
        if s.recorded or s.problems or s.photos
    }


@dataclass(frozen=True)
class PhotoView:
    id: str
    sha256: str
    original_name: str
    caption: str
    taken_at: datetime | None
    rotation: int
    deleted: bool
    thumb_path: str
    preview_path: str  # the annotated copy's preview when there is one


def _photo_view(photos: PhotoStore, p: Photo) -> PhotoView:
    shown = p.annotated_sha256 or p.sha256
    return PhotoView(
        p.id,
        p.sha256,
        p.original_name,
        p.caption,
        p.taken_at,
        p.rotation,
        p.deleted,
        str(photos.thumb_path(shown)),
        str(photos.preview_path(shown)),
    )


def finding_photos(uow: UnitOfWork, photos: PhotoStore, finding_id: str) -> tuple[PhotoView, ...]:
    """All photos of a finding, deleted ones included (they can be restored until sync)."""
    rows = uow.session.scalars(
        select(Photo)
        .where(Photo.finding_id == finding_id)
        .order_by(Photo.sort_order, Photo.created_at)
    )
    return tuple(_photo_view(photos, p) for p in rows)


@dataclass(frozen=True)
class FindingView:
    id: str
    item_code: str | None
    category_code: str
    title: str
    result: FindingResult
    severity: Severity
    photo_required: bool
    description: str
    window_no: str
    staff_badge: str
    unit_id: str | None
    observed_at: datetime | None
    photos: tuple[PhotoView, ...]

    @property
    def live_photos(self) -> tuple[PhotoView, ...]:
        return tuple(p for p in self.photos if not p.deleted)

    @property
    def needs_photo(self) -> bool:
        return self.result == FindingResult.FAIL and self.photo_required and not self.live_photos


@dataclass(frozen=True)
class WindowView:
    number: str
    name: str
    unit_id: str


@dataclass(frozen=True)
class InspectionSheet:
    """Everything the checklist runner shows for one inspection."""

    id: str
    site_id: str
    site_name: str
    campaign_title: str | None
    mode: InspectionMode
    status: InspectionStatus
    started_at: datetime
    team: tuple[str, ...]
    note: str
    review_comment: str
    template: ChecklistTemplate
    findings: tuple[FindingView, ...]  # checklist order, then ad-hoc ones
    windows: tuple[WindowView, ...]
    units: dict[str, str]  # id -> name
    record: RecordFacts  # 亮明身份, 记录人, card numbers


def load_inspection_sheet(
    uow: UnitOfWork, photos: PhotoStore, inspection_id: str
) -> InspectionSheet:
    inspection = inspection_or_error(uow, inspection_id)
    site = uow.session.get(Site, inspection.site_id)
    campaign = uow.session.get(Campaign, inspection.campaign_id) if inspection.campaign_id else None
    template = get_template(uow, inspection.template_id)
    order = {item.code: n for n, item in enumerate(template.items)}
    photo_rows = uow.session.scalars(
        select(Photo)
        .join(Finding, Finding.id == Photo.finding_id)
        .where(Finding.inspection_id == inspection_id)
        .order_by(Photo.sort_order, Photo.created_at)
    ).all()
    by_finding: dict[str, list[PhotoView]] = {}
    for p in photo_rows:
        by_finding.setdefault(p.finding_id, []).append(_photo_view(photos, p))
    rows = uow.session.scalars(
        select(Finding).where(Finding.inspection_id == inspection_id, Finding.deleted.is_(False))
    ).all()
    rows = sorted(rows, key=lambda f: (order.get(f.item_code or "", len(order)), f.created_at))
    findings = tuple(
        FindingView(
            f.id,
            f.item_code,
            f.category_code,
            f.title,
            f.result,
            f.severity,
            f.photo_required,
            f.description,
            f.window_no,
            f.staff_badge,
            f.unit_id,
            f.observed_at,
            tuple(by_finding.get(f.id, ())),
        )
        for f in rows
    )
    windows = tuple(
        WindowView(w.number, w.name, w.unit_id)
        for w in uow.session.scalars(
            select(Window).where(Window.site_id == inspection.site_id, Window.deleted.is_(False))
        )
    )
    windows = tuple(sorted(windows, key=lambda w: (len(w.number), w.number)))
    units = dict(
        uow.session.execute(select(Unit.id, Unit.name).where(Unit.deleted.is_(False))).all()
    )
    return InspectionSheet(
        inspection.id,
        inspection.site_id,
        site.name if site else "",
        campaign.title if campaign else None,
        inspection.mode,
        inspection.status,
        inspection.started_at,
        tuple(inspection.team),
        inspection.note,
        inspection.review_comment,
        template,
        findings,
        windows,
        units,
        facts_of(inspection),
    )


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class CampaignChoice:
    id: str
    title: str
    template_id: str
    planned_site_ids: tuple[str, ...]  # empty while the plan is sealed
    team: tuple[str, ...]
    inspected_site_ids: frozenset[str] = frozenset()  # submitted or approved in this campaign
    # A sealed plan (services/sealed_plans.py) shows only how many sites it holds.
    sealed: bool = False
    planned_count: int = 0
    openings: tuple[Opening, ...] = ()  # who opened the plan, as far as this laptop knows

    @property
    def open_site_ids(self) -> tuple[str, ...]:
        """Planned sites still to visit: the form offers these first."""
        return tuple(s for s in self.planned_site_ids if s not in self.inspected_site_ids)


def campaign_choices(uow: UnitOfWork, campaign_id: str | None = None) -> tuple[CampaignChoice, ...]:
    """The live campaigns (or the one named), newest first, their plans sealed unless this
    laptop's account opened them."""
    query = select(Campaign).where(Campaign.deleted.is_(False))
    if campaign_id is not None:
        query = query.where(Campaign.id == campaign_id)
    campaigns = list(uow.session.scalars(query.order_by(Campaign.starts_on.desc())))
    inspected: dict[str, set[str]] = {}
    for found_in, site_id in uow.session.execute(
        select(Inspection.campaign_id, Inspection.site_id)
        .where(
            Inspection.campaign_id.in_([c.id for c in campaigns]),
            Inspection.deleted.is_(False),
            Inspection.status.in_((InspectionStatus.SUBMITTED, InspectionStatus.APPROVED)),
        )
        .distinct()
    ):
        inspected.setdefault(found_in, set()).add(site_id)
    opened = sealed_plans.openings_by_campaign(uow)
    me = sealed_plans.current_user(uow)
    choices = []
    for c in campaigns:
        openings = tuple(opened.get(c.id, ()))
        opened_here = bool(me) and any(o.opened_by == me for o in openings)
        sealed = bool(c.planned_site_ids) and not opened_here
        choices.append(
            CampaignChoice(
                c.id,
                c.title,
                c.template_id,
                () if sealed else tuple(c.planned_site_ids),
                tuple(c.team),
                frozenset(inspected.get(c.id, ())),
                sealed=sealed,
                planned_count=len(c.planned_site_ids),
                openings=openings,
            )
        )
    return tuple(choices)


@dataclass(frozen=True)
class NewInspectionChoices:
    """What the new-inspection form offers, read in one go."""

    campaigns: tuple[CampaignChoice, ...]
    templates: tuple[Choice, ...]
    sites: tuple[Choice, ...]
    account: str = ""  # who opens a sealed plan from here ("" before the first sync)


def new_inspection_choices(uow: UnitOfWork) -> NewInspectionChoices:
    campaigns = campaign_choices(uow)
    templates = tuple(
        Choice(t.id, f"{t.name}（第{t.version}版）")
        for t in uow.session.scalars(
            select(ChecklistTemplateRecord)
            .where(ChecklistTemplateRecord.deleted.is_(False))
            .order_by(ChecklistTemplateRecord.code, ChecklistTemplateRecord.version.desc())
        )
    )
    sites = tuple(
        Choice(s.id, s.name)
        for s in uow.session.scalars(
            select(Site).where(Site.deleted.is_(False)).order_by(Site.code)
        )
    )
    return NewInspectionChoices(campaigns, templates, sites, sealed_plans.current_user(uow))
