"""What a 通报 says about a period or a campaign, counted from the store.

Plain values out (`documents/bulletin_content.py`), so the counts can be checked
against the store without reading a PDF. What is counted:

- inspections: approved (审核通过) ones that started on a day of the period (bureau
  clock), of the campaign when one is given: a bulletin publishes reviewed findings;
- problems: their findings that failed (不符合), deleted and withdrawn ones left out;
- a problem's unit is the notice's addressee rule: its window's unit, else the hall's
  managing unit, and never the issuing bureau itself (then the hall's managing unit);
- progress: the units' notices holding those problems; the 整改率 is rectified over
  assigned problems (in an issued notice), so a unit no notice was sent to is not ranked.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Row, select

from inspector_app.documents.bulletin_content import (
    BulletinContent,
    CountRow,
    Totals,
    TypicalCase,
    UnitProgress,
)
from inspector_app.documents.content import Issuer, chinese_date
from inspector_app.domain import bureau_time
from inspector_app.domain.checklist import ChecklistTemplate
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import FindingResult, FindingStatus, Severity
from inspector_app.domain.inspection import InspectionMode, InspectionStatus
from inspector_app.domain.notice import (
    ExtensionStatus,
    NoticeStatus,
    WarningLevel,
    warning_level,
)
from inspector_app.services.inspections import get_template
from inspector_app.store.models import Campaign, Finding, Inspection, Photo, Site, Unit
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.photos import PhotoStore
from inspector_app.store.unit_of_work import UnitOfWork

BULLETIN_NAMESPACE = uuid.UUID("5b1e7c3a-9d42-4f0e-8a61-2c7d0e4b9f13")
ADHOC_CATEGORY = "表外问题"
CASES = 4  # typical cases told, one photo each
RECTIFIED = frozenset({FindingStatus.RECTIFIED, FindingStatus.CLOSED})
PROBLEM_COLUMNS = (
    Finding.id,
    Finding.inspection_id,
    Finding.item_code,
    Finding.category_code,
    Finding.title,
    Finding.description,
    Finding.severity,
    Finding.unit_id,
    Finding.observed_at,
    Finding.status,
)
NOTICE_COLUMNS = (
    Notice.id,
    Notice.status,
    Notice.deadline,
    Notice.extension_status,
    Notice.extended_deadline,
    Notice.returned_count,
)
SEVERITY_RANK = {Severity.SERIOUS: 0, Severity.GENERAL: 1, Severity.MINOR: 2}


@dataclass(frozen=True)
class BulletinScope:
    """The period (bureau days, both ends included) and the campaign, checked."""

    period_from: date
    period_to: date
    campaign_id: str | None = None
    campaign_title: str | None = None


def bulletin_id(issuer_code: str, scope: BulletinScope) -> str:
    """The same period and campaign make the same bulletin: a retried or repeated export
    asks the server for the number it already gave, never a second one."""
    key = f"{issuer_code}/{scope.period_from}/{scope.period_to}/{scope.campaign_id or ''}"
    return str(uuid.uuid5(BULLETIN_NAMESPACE, key))


def resolve_scope(
    uow: UnitOfWork, period_from: date | None, period_to: date | None, campaign_id: str | None
) -> BulletinScope:
    """The period asked for, the campaign's own period filling a missing end."""
    title = None
    if campaign_id is not None:
        campaign = uow.session.get(Campaign, campaign_id)
        if campaign is None or campaign.deleted:
            raise ValidationFailed(
                "bulletin.unknown_campaign",
                f"找不到专项行动 {campaign_id}，请先同步或检查编号。",
                f"No campaign with id {campaign_id}; sync first or check the id.",
            )
        title = campaign.title
        period_from = period_from or campaign.starts_on
        period_to = period_to or campaign.ends_on
    if period_from is None or period_to is None:
        raise ValidationFailed(
            "bulletin.period_missing",
            "请给出通报的起止日期（--from、--to），或指定专项行动（--campaign）。",
            "Give the bulletin's period (--from, --to) or a campaign (--campaign).",
        )
    if period_from > period_to:
        raise ValidationFailed(
            "bulletin.period_reversed",
            f"开始日期（{period_from:%Y-%m-%d}）晚于结束日期（{period_to:%Y-%m-%d}）。",
            f"The start ({period_from:%Y-%m-%d}) is after the end ({period_to:%Y-%m-%d}).",
        )
    return BulletinScope(period_from, period_to, campaign_id, title)


def bulletin_content(
    uow: UnitOfWork,
    photos: PhotoStore,
    scope: BulletinScope,
    *,
    issuer: Issuer,
    issued_on: date,
    red_rate: int = 90,
    black_rate: int = 85,
    number: str | None = None,
) -> BulletinContent:
    """Count the scope's approved inspections and their problems; refused when there are none."""
    session = uow.session
    start = datetime.combine(scope.period_from, time(0), bureau_time.zone())
    end = datetime.combine(scope.period_to + timedelta(days=1), time(0), bureau_time.zone())
    query = select(Inspection).where(
        Inspection.deleted.is_(False),
        Inspection.status == InspectionStatus.APPROVED,
        Inspection.recheck_of_notice_id.is_(None),  # a 复查 checks old problems, finds none
        Inspection.started_at >= start,
        Inspection.started_at < end,
    )
    if scope.campaign_id is not None:
        query = query.where(Inspection.campaign_id == scope.campaign_id)
    inspections = list(session.scalars(query.order_by(Inspection.started_at)))
    if not inspections:
        where = f"“{scope.campaign_title}”中" if scope.campaign_title else ""
        raise ValidationFailed(
            "bulletin.empty_period",
            f"{chinese_date(scope.period_from)}至{chinese_date(scope.period_to)}{where}"
            f"没有审核通过的检查，无法生成通报。",
            f"No approved inspection from {scope.period_from:%Y-%m-%d} to "
            f"{scope.period_to:%Y-%m-%d}"
            + (f" in the campaign “{scope.campaign_title}”" if scope.campaign_title else "")
            + "; there is nothing to publish.",
        )
    sites = {s.id: s for s in session.scalars(select(Site))}
    units = {u.id: u.name for u in session.scalars(select(Unit))}
    issuer_units = {uid for uid, name in units.items() if name == issuer.name}
    by_id = {i.id: i for i in inspections}
    problems = list(
        session.execute(
            select(*PROBLEM_COLUMNS)  # rows, not ORM objects: a year holds 10,000 problems
            .where(
                Finding.inspection_id.in_(by_id),
                Finding.result == FindingResult.FAIL,
                Finding.deleted.is_(False),
                Finding.status != FindingStatus.WITHDRAWN,
            )
            .order_by(Finding.observed_at, Finding.id)
        ).all()
    )

    def owner(finding: Row) -> str:
        managing = sites[by_id[finding.inspection_id].site_id].managing_unit_id
        unit = finding.unit_id or managing
        if unit in issuer_units and managing not in issuer_units:
            unit = managing
        return units.get(unit or "", "未指定责任单位")

    categories: Counter[str] = Counter()
    templates: dict[str, ChecklistTemplate] = {}
    for finding in problems:
        categories[_category(uow, templates, by_id[finding.inspection_id], finding)] += 1
    unit_of = {f.id: owner(f) for f in problems}
    districts = Counter(
        sites[by_id[f.inspection_id].site_id].district or "未填写区县" for f in problems
    )
    progress = _progress(uow, problems, unit_of, issued_on)
    ranked = [p for p in progress if p.rate is not None]
    red = tuple(p for p in ranked if p.rate * 100 >= red_rate)
    black = tuple(p for p in ranked if p.rate * 100 < black_rate)
    return BulletinContent(
        bulletin_id=bulletin_id(issuer.code, scope),
        issuer=issuer,
        number=number,
        period_from=scope.period_from,
        period_to=scope.period_to,
        campaign=scope.campaign_title,
        issued_on=issued_on,
        totals=Totals(
            inspections=len(inspections),
            halls=len({i.site_id for i in inspections}),
            problems=len(problems),
            covert=sum(1 for i in inspections if i.mode == InspectionMode.COVERT),
            units=len(set(unit_of.values())),
        ),
        by_category=_rows(categories),
        by_unit=_rows(Counter(unit_of.values())),
        by_district=_rows(districts),
        cases=_cases(uow, photos, problems, by_id, sites, unit_of),
        progress=tuple(progress),
        red_list=tuple(sorted(red, key=lambda p: (-(p.rate or 0), p.unit))),
        black_list=tuple(sorted(black, key=lambda p: (p.rate or 0, p.unit))),
        red_rate=red_rate,
        black_rate=black_rate,
    )


def _rows(counts: Counter[str]) -> tuple[CountRow, ...]:
    """Most problems first; equal counts by name, so the order never depends on the store."""
    return tuple(
        CountRow(name, n) for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def _category(
    uow: UnitOfWork,
    templates: dict[str, ChecklistTemplate],
    inspection: Inspection,
    finding: Row,
) -> str:
    if finding.item_code is None or not finding.category_code:
        return ADHOC_CATEGORY
    if inspection.template_id not in templates:
        templates[inspection.template_id] = get_template(uow, inspection.template_id)
    try:
        return templates[inspection.template_id].category_name(finding.category_code)
    except StopIteration:  # a category the frozen template no longer names
        return finding.category_code


def _progress(
    uow: UnitOfWork, problems: list[Row], unit_of: dict[str, str], today: date
) -> list[UnitProgress]:
    """Per unit: its notices holding the bulletin's problems, and how far they got."""
    ids = [f.id for f in problems]
    links = uow.session.execute(
        select(NoticeFinding.finding_id, *NOTICE_COLUMNS)
        .join(Notice, Notice.id == NoticeFinding.notice_id)
        .where(
            NoticeFinding.finding_id.in_(ids),
            NoticeFinding.deleted.is_(False),
            Notice.deleted.is_(False),
        )
    ).all()
    notice_of: dict[str, Row] = {}
    for link in links:
        finding_id, notice = link.finding_id, link
        current = notice_of.get(finding_id)
        if current is None or notice.status != NoticeStatus.DRAFT:
            notice_of[finding_id] = notice
    notices: dict[str, dict[str, Row]] = defaultdict(dict)
    assigned: Counter[str] = Counter()  # problems in an issued notice, per unit
    rectified: Counter[str] = Counter()
    for finding in problems:  # one pass: a year holds ten thousand problems
        unit, notice = unit_of[finding.id], notice_of.get(finding.id)
        if notice is None or notice.status == NoticeStatus.DRAFT:
            continue
        notices[unit][notice.id] = notice
        assigned[unit] += 1
        if notice.status == NoticeStatus.CLOSED or finding.status in RECTIFIED:
            rectified[unit] += 1
    rows = []
    for unit, count in sorted(Counter(unit_of.values()).items(), key=lambda kv: kv[0]):
        issued = list(notices[unit].values())
        levels = Counter(_level(n, today) for n in issued)
        rows.append(
            UnitProgress(
                unit=unit,
                problems=count,
                notices_issued=len(issued),
                notices_closed=sum(1 for n in issued if n.status == NoticeStatus.CLOSED),
                notices_overdue=levels[WarningLevel.RED],
                assigned=assigned[unit],
                rectified=rectified[unit],
                warnings={
                    level.value: levels[level]
                    for level in (WarningLevel.BLUE, WarningLevel.YELLOW, WarningLevel.RED)
                },
            )
        )
    return rows


def _level(notice: Row, today: date) -> WarningLevel:
    """domain.notice.warning_level on the deadline in force (a granted extension's)."""
    deadline = notice.deadline
    if notice.extension_status == ExtensionStatus.GRANTED and notice.extended_deadline:
        deadline = notice.extended_deadline
    return warning_level(notice.status, deadline, today, notice.returned_count)


def _cases(
    uow: UnitOfWork,
    photos: PhotoStore,
    problems: list[Row],
    by_id: dict[str, Inspection],
    sites: dict[str, Site],
    unit_of: dict[str, str],
) -> tuple[TypicalCase, ...]:
    """Up to CASES problems with a photo, the most serious first, one per unit while
    other units have one to show."""
    photo_of: dict[str, Row] = {}
    for photo in uow.session.execute(
        select(Photo.finding_id, Photo.sha256, Photo.annotated_sha256, Photo.rotation)
        .where(Photo.finding_id.in_([f.id for f in problems]), Photo.deleted.is_(False))
        .order_by(Photo.sort_order, Photo.created_at)
    ):
        photo_of.setdefault(photo.finding_id, photo)
    shown = [f for f in problems if f.id in photo_of]
    shown.sort(key=lambda f: (SEVERITY_RANK.get(f.severity, 1), f.observed_at or datetime.max))
    chosen: list[Row] = []
    for finding in shown:  # one per unit first
        if len(chosen) < CASES and unit_of[finding.id] not in {unit_of[c.id] for c in chosen}:
            chosen.append(finding)
    for finding in shown:
        if len(chosen) < CASES and finding not in chosen:
            chosen.append(finding)
    cases = []
    for finding in chosen:
        photo = photo_of[finding.id]
        shown_sha = photo.annotated_sha256 or photo.sha256
        cases.append(
            TypicalCase(
                unit=unit_of[finding.id],
                site=sites[by_id[finding.inspection_id].site_id].name,
                item=finding.title,
                description=finding.description.strip(),
                observed_at=finding.observed_at,
                photo=Path(photos.preview_path(shown_sha)),
                rotation=photo.rotation,
                sha256=photo.sha256,
            )
        )
    return tuple(cases)
