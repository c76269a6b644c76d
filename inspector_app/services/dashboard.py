"""统计: the problems behind the dashboard's bars, as lines a supervisor reads.

`problems` is the one SQL description of a problem (a failed finding of an inspection
that left the inspector's hands, as in the ledger); services/dashboard_counts groups it
for the figures, `problem_lines` reads it (narrowed to a bar) for the list a click opens,
so a bar's count and its list agree. `dashboard` counts lines in Python: the reference
the SQL counts are tested against.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, Subquery, func, select

from inspector_app.domain import bureau_time
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.notice import NOTICE_LIFECYCLE, NoticeStatus, WarningLevel, warning_level
from inspector_app.services.inspections import get_template
from inspector_app.services.ledger import LEFT_THE_INSPECTOR
from inspector_app.store.models import Finding, Inspection, Site, Unit
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.unit_of_work import UnitOfWork

OTHER_CATEGORY, NO_UNIT, NO_DISTRICT, NOT_ISSUED = (
    "其他问题",
    "未指定单位",
    "未填区县",
    "未下发通知书",
)


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
    # What the bar's problems share in the store (unit ids, category codes, districts),
    # so the list a click opens is read narrowed in SQL; not part of what is shown.
    members: tuple = field(default=(), compare=False)


def ordered_bars(counts: Iterable[tuple[str, int]], *, by_key: bool = False) -> tuple[Bar, ...]:
    """The biggest first (ties by name), or by key (months)."""
    order = (lambda kv: kv[0]) if by_key else (lambda kv: (-kv[1], kv[0]))
    return tuple(Bar(key, count) for key, count in sorted(counts, key=order))


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


def problems() -> Subquery:
    return problem_select().subquery("problem")


def problem_select() -> Select:
    """One row of facts per problem: a failed finding of an inspection that left the
    inspector's hands, with the notice it is in (a numbered one before a draft) and the
    unit that owes it; the counts group it, the lists read it."""
    in_force = func.coalesce(  # as services/notice_state.deadline_in_force
        Notice.current_deadline, Notice.extended_deadline, Notice.deadline
    )
    ranked = (
        select(
            NoticeFinding.finding_id,
            Notice.number,
            Notice.status,
            in_force.label("deadline"),
            Notice.returned_count,
            Notice.unit_id,
            func.row_number()
            .over(
                partition_by=NoticeFinding.finding_id,
                order_by=(Notice.number.is_(None), Notice.id),
            )
            .label("rank"),
        )
        .join(Notice, Notice.id == NoticeFinding.notice_id)
        .where(NoticeFinding.deleted.is_(False), Notice.deleted.is_(False))
        .subquery()
    )
    notice = select(ranked).where(ranked.c.rank == 1).subquery()
    return (
        select(
            Finding.id.label("finding_id"),
            Finding.inspection_id,
            Finding.category_code,
            Finding.description,
            Finding.title,
            Inspection.template_id,
            Inspection.started_at,
            Site.name.label("site"),
            Site.district,
            func.coalesce(notice.c.unit_id, Finding.unit_id, Site.managing_unit_id).label("owner"),
            (notice.c.finding_id.is_not(None)).label("in_notice"),
            notice.c.number,
            notice.c.status,
            notice.c.deadline,
            notice.c.returned_count,
        )
        .join(Inspection, Finding.inspection_id == Inspection.id)
        .join(Site, Inspection.site_id == Site.id)
        .outerjoin(notice, notice.c.finding_id == Finding.id)
        .where(
            Finding.result == FindingResult.FAIL,
            Finding.deleted.is_(False),
            Inspection.deleted.is_(False),
            Inspection.status.in_(LEFT_THE_INSPECTOR),
        )
    )


def problem_lines(
    uow: UnitOfWork,
    *,
    today: date | None = None,
    where: Iterable[Callable[[Subquery], ColumnElement[bool]]] = (),
) -> list[ProblemLine]:
    """The problems as lines, oldest first; `where` narrows them in SQL (a bar's list)."""
    day = today or bureau_time.today()
    p = problems()
    query = select(p).order_by(p.c.started_at, p.c.finding_id)
    for condition in where:
        query = query.where(condition(p))
    units = unit_names(uow)
    categories: dict[tuple[str, str], str] = {}
    lines = []
    for row in uow.session.execute(query):
        if (row.template_id, row.category_code) not in categories:
            categories.update(category_names(uow, row.template_id))
        status = row.status
        lines.append(
            ProblemLine(
                finding_id=row.finding_id,
                inspection_id=row.inspection_id,
                checked_on=bureau_time.local(row.started_at).date(),
                site=row.site,
                category=categories.get((row.template_id, row.category_code), OTHER_CATEGORY),
                unit=units.get(row.owner or "", NO_UNIT),
                district=row.district or NO_DISTRICT,
                description=row.description or row.title,
                notice_number=row.number or "",
                progress=NOTICE_LIFECYCLE.labels[status][0] if row.in_notice else NOT_ISSUED,
                warning=warning_level(status, row.deadline, day, row.returned_count)
                if row.in_notice
                else WarningLevel.NONE,
                closed=bool(row.in_notice) and status is NoticeStatus.CLOSED,
                issued=row.number is not None,
            )
        )
    return lines


def unit_names(uow: UnitOfWork) -> dict[str, str]:
    return dict(uow.session.execute(select(Unit.id, Unit.name)).all())


def category_names(uow: UnitOfWork, template_id: str) -> dict[tuple[str, str], str]:
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
        return ordered_bars(counts.items(), by_key=by_key)

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
