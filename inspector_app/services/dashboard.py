"""统计: the figures a supervisor's dashboard shows, and the problems behind each bar.

One query reads one line of facts per problem (a failed finding of an inspection that
left the inspector's hands, as in the ledger); the counts and the filtered lists are
made from those lines in Python, so a bar's count and the list it opens agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select

from inspector_app.domain import bureau_time
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.notice import NOTICE_LIFECYCLE, NoticeStatus, WarningLevel, warning_level
from inspector_app.services.inspections import get_template
from inspector_app.services.ledger import LEFT_THE_INSPECTOR
from inspector_app.store.models import Finding, Inspection, Site, Unit
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.unit_of_work import UnitOfWork


class Dimension(StrEnum):
    CATEGORY = "category"
    UNIT = "unit"
    DISTRICT = "district"
    MONTH = "month"
    WARNING = "warning"


@dataclass(frozen=True)
class ProblemLine:
    """One problem as the dashboard and its lists show it."""

    finding_id: str
    inspection_id: str
    checked_on: date
    site: str
    category: str
    unit: str
    district: str
    description: str
    notice_number: str
    progress: str
    warning: WarningLevel
    closed: bool
    issued: bool

    def key(self, dimension: Dimension) -> str:
        if dimension is Dimension.MONTH:
            return f"{self.checked_on:%Y-%m}"
        if dimension is Dimension.WARNING:
            return self.warning.value
        return getattr(self, dimension.value)


@dataclass(frozen=True)
class Bar:
    key: str
    count: int


@dataclass(frozen=True)
class Dashboard:
    problems: int
    by_category: tuple[Bar, ...]
    by_unit: tuple[Bar, ...]
    by_district: tuple[Bar, ...]
    by_month: tuple[Bar, ...]
    issued: int  # problems in a numbered notice
    closed: int  # of those, in a notice that was closed (销号)
    warnings: dict[WarningLevel, int]

    @property
    def rectification_rate(self) -> float | None:
        """Closed over issued problems; None before any notice was issued."""
        return self.closed / self.issued if self.issued else None


@dataclass(frozen=True)
class _Notice:
    number: str | None
    status: NoticeStatus
    deadline: date | None
    extended_deadline: date | None
    current_deadline: date | None
    returned_count: int
    unit_id: str


def problem_lines(uow: UnitOfWork, *, today: date | None = None) -> list[ProblemLine]:
    day = today or bureau_time.today()
    link = (
        select(
            NoticeFinding.finding_id,
            Notice.number,
            Notice.status,
            Notice.deadline,
            Notice.extended_deadline,
            Notice.current_deadline,
            Notice.returned_count,
            Notice.unit_id,
        )
        .join(Notice, Notice.id == NoticeFinding.notice_id)
        .where(NoticeFinding.deleted.is_(False), Notice.deleted.is_(False))
    )
    notices: dict[str, _Notice] = {}
    for finding_id, *fields in uow.session.execute(link):  # columns, not objects: 5× faster
        notice = _Notice(*fields)
        known = notices.get(finding_id)
        if known is None or (known.number is None and notice.number is not None):
            notices[finding_id] = notice
    units = dict(uow.session.execute(select(Unit.id, Unit.name)).all())
    categories: dict[tuple[str, str], str] = {}
    rows = uow.session.execute(
        select(
            Finding.id,
            Finding.inspection_id,
            Finding.category_code,
            Finding.unit_id,
            Finding.description,
            Finding.title,
            Inspection.template_id,
            Inspection.started_at,
            Site.name,
            Site.district,
            Site.managing_unit_id,
        )
        .join(Inspection, Finding.inspection_id == Inspection.id)
        .join(Site, Inspection.site_id == Site.id)
        .where(
            Finding.result == FindingResult.FAIL,
            Finding.deleted.is_(False),
            Inspection.deleted.is_(False),
            Inspection.status.in_(LEFT_THE_INSPECTOR),
        )
        .order_by(Inspection.started_at, Finding.id)
    )
    lines = []
    for row in rows:
        fid, iid, code, unit_id, text, title, template_id, started, site, district, managing = row
        if (template_id, code) not in categories:
            categories.update(_category_names(uow, template_id))
        notice = notices.get(fid)
        owner = notice.unit_id if notice is not None else unit_id or managing
        deadline = (  # as services/notice_state.deadline_in_force
            (notice.current_deadline or notice.extended_deadline or notice.deadline)
            if notice
            else None
        )
        lines.append(
            ProblemLine(
                finding_id=fid,
                inspection_id=iid,
                checked_on=bureau_time.local(started).date(),
                site=site,
                category=categories.get((template_id, code), "其他问题"),
                unit=units.get(owner or "", "未指定单位"),
                district=district or "未填区县",
                description=text or title,
                notice_number=(notice.number or "") if notice else "",
                progress=NOTICE_LIFECYCLE.labels[notice.status][0] if notice else "未下发通知书",
                warning=warning_level(notice.status, deadline, day, notice.returned_count)
                if notice
                else WarningLevel.NONE,
                closed=notice is not None and notice.status is NoticeStatus.CLOSED,
                issued=notice is not None and notice.number is not None,
            )
        )
    return lines


def _category_names(uow: UnitOfWork, template_id: str) -> dict[tuple[str, str], str]:
    template = get_template(uow, template_id)
    return {(template_id, c.code): c.name for c in template.categories}


def dashboard(lines: Iterable[ProblemLine]) -> Dashboard:
    lines = list(lines)

    def bars(dimension: Dimension, *, by_key: bool = False) -> tuple[Bar, ...]:
        if dimension is Dimension.MONTH:
            counts = Counter(f"{line.checked_on:%Y-%m}" for line in lines)
        else:
            field = dimension.value
            counts = Counter(getattr(line, field) for line in lines)
        ordered = sorted(counts.items()) if by_key else counts.most_common()
        return tuple(Bar(key, count) for key, count in ordered)

    warnings = Counter(line.warning for line in lines)
    return Dashboard(
        problems=len(lines),
        by_category=bars(Dimension.CATEGORY),
        by_unit=bars(Dimension.UNIT),
        by_district=bars(Dimension.DISTRICT),
        by_month=bars(Dimension.MONTH, by_key=True),
        issued=sum(line.issued for line in lines),
        closed=sum(line.closed and line.issued for line in lines),
        warnings={level: warnings.get(level, 0) for level in WarningLevel},
    )


def matching(lines: Iterable[ProblemLine], dimension: Dimension, key: str) -> list[ProblemLine]:
    """The problems behind one bar."""
    return [line for line in lines if line.key(dimension) == key]
