"""统计's figures counted by SQLite, and the narrowed read of the problems behind one bar.

Opening the page must not read 10,000 problem lines: each figure is one `GROUP BY`
over services/dashboard.problem_select, and only the groups (a few hundred rows at most) go
through Python for names, the bureau's months and the warning colours, so the domain
rules stay in the domain. A click reads only its bar's problems.

Months: the bureau's zone may have summer time (set by the settings, any IANA zone), so
no fixed offset is added in SQL: problems are counted per `started_at` in SQL and those
pairs are put into the bureau's months in Python (one conversion per inspection).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Subquery,
    and_,
    func,
    literal,
    null,
    or_,
    select,
    true,
    type_coerce,
    union_all,
)
from sqlalchemy.types import NullType

from inspector_app.domain import bureau_time
from inspector_app.domain.notice import OWES_ACTION, NoticeStatus, WarningLevel, warning_level
from inspector_app.services.dashboard import (
    NO_DISTRICT,
    NO_UNIT,
    OTHER_CATEGORY,
    Bar,
    Dashboard,
    Dimension,
    ProblemLine,
    category_names,
    matching,
    ordered_bars,
    problem_lines,
    problem_select,
    unit_names,
)
from inspector_app.store.models import Inspection
from inspector_app.store.notice_models import Notice
from inspector_app.store.unit_of_work import UnitOfWork


def figures(uow: UnitOfWork, *, today: date | None = None) -> Dashboard:
    """What the page shows: one statement, the problems gathered once (a materialized
    CTE) and grouped five ways (SQLite has no GROUPING SETS: a UNION ALL of GROUP BYs)."""
    day = today or bureau_time.today()
    p = problem_select().cte("problem").prefix_with("MATERIALIZED")
    groupings = {
        Dimension.CATEGORY: (p.c.template_id, p.c.category_code),
        Dimension.UNIT: (p.c.owner,),
        Dimension.DISTRICT: (p.c.district,),
        Dimension.MONTH: (p.c.started_at,),
        Dimension.WARNING: (
            p.c.in_notice,
            p.c.number.is_not(None),
            p.c.status,
            p.c.deadline,
            p.c.returned_count > 0,
        ),
    }
    width = max(len(columns) for columns in groupings.values())
    statement = union_all(
        *(
            select(
                literal(dimension.value),
                *(type_coerce(column, NullType) for column in columns),
                *(null() for _ in range(width - len(columns))),
                func.count(),
            ).group_by(*columns)
            for dimension, columns in groupings.items()
        )
    )
    groups: defaultdict[Dimension, list[tuple]] = defaultdict(list)
    for dimension, *values, count in uow.session.execute(statement):
        groups[Dimension(dimension)].append((*values, count))
    stored = _Stored(uow)
    names: dict[tuple[str, str], str] = {}
    categories = []
    for template_id, code, *_, count in groups[Dimension.CATEGORY]:
        if (template_id, code) not in names:
            names.update(category_names(uow, template_id))
        categories.append((names.get((template_id, code), OTHER_CATEGORY), code, count))
    units = unit_names(uow)
    owners = [(units.get(o or "", NO_UNIT), o, n) for o, *_, n in groups[Dimension.UNIT]]
    districts = [(d or NO_DISTRICT, d, n) for d, *_, n in groups[Dimension.DISTRICT]]
    months = [(_month(stored.moment(s)), s, n) for s, *_, n in groups[Dimension.MONTH]]
    warnings: Counter[WarningLevel] = Counter()
    issued = closed = 0
    for in_notice, number, status, deadline, returned, count in groups[Dimension.WARNING]:
        status = stored.status(status)
        level = (
            warning_level(status, stored.day(deadline), day, int(returned)) if in_notice else None
        )
        warnings[level or WarningLevel.NONE] += count
        issued += count if number else 0
        closed += count if number and status is NoticeStatus.CLOSED else 0
    return Dashboard(
        problems=sum(warnings.values()),
        by_category=_bars(categories),
        by_unit=_bars(owners),
        by_district=_bars(districts),
        by_month=_bars(months, by_key=True, members=False),
        issued=issued,
        closed=closed,
        warnings={level: warnings.get(level, 0) for level in WarningLevel},
    )


class _Stored:
    """The union's columns come back as SQLite holds them; read them as their columns do."""

    def __init__(self, uow: UnitOfWork) -> None:
        dialect = uow.session.get_bind().dialect

        def reader(column) -> Callable[[Any], Any]:
            process = column.type.dialect_impl(dialect).result_processor(dialect, None)
            return (lambda value: value) if process is None else process

        self.moment = reader(Inspection.__table__.c.started_at)
        self.day = reader(Notice.__table__.c.deadline)
        self.status = reader(Notice.__table__.c.status)


def bar_lines(
    uow: UnitOfWork, dimension: Dimension, bar: Bar, *, today: date | None = None
) -> list[ProblemLine]:
    """The problems behind `bar`: narrowed in SQL by what they share, then matched by the
    bar's key like the Python count, so a store changed since the count still lists right."""
    narrowed = problem_lines(uow, today=today, where=[_narrowing(dimension, bar)])
    return matching(narrowed, dimension, bar.key)


def _narrowing(dimension: Dimension, bar: Bar) -> Callable[[Subquery], ColumnElement[bool]]:
    if dimension is Dimension.MONTH:
        start, end = _month_span(bar.key)
        return lambda p: and_(p.c.started_at >= start, p.c.started_at < end)
    if dimension is Dimension.WARNING:
        if bar.key == WarningLevel.NONE.value:
            return lambda p: true()
        return lambda p: and_(p.c.in_notice, p.c.status.in_(OWES_ACTION))
    column = {
        Dimension.CATEGORY: "category_code",
        Dimension.UNIT: "owner",
        Dimension.DISTRICT: "district",
    }[dimension]
    values = [m for m in bar.members if m is not None]

    def narrowed(p: Subquery) -> ColumnElement[bool]:
        held = p.c[column].in_(values)
        return or_(held, p.c[column].is_(None)) if None in bar.members else held

    return narrowed


def _bars(
    groups: Iterable[tuple[str, Hashable, int]], *, by_key: bool = False, members: bool = True
) -> tuple[Bar, ...]:
    """(shown key, stored value, count) groups merged by shown key into bars."""
    counts: Counter[str] = Counter()
    held: defaultdict[str, set] = defaultdict(set)
    for key, value, count in groups:
        counts[key] += count
        held[key].add(value)
    return tuple(
        Bar(bar.key, bar.count, tuple(held[bar.key]) if members else ())
        for bar in ordered_bars(counts.items(), by_key=by_key)
    )


def _month(started: datetime) -> str:
    return f"{bureau_time.local(started):%Y-%m}"


def _month_span(key: str) -> tuple[datetime, datetime]:
    """The bureau's month `key` (YYYY-MM) as UTC times, end excluded."""
    year, month = (int(part) for part in key.split("-"))
    following = (year + month // 12, month % 12 + 1)
    zone = bureau_time.zone()

    def utc(y: int, m: int) -> datetime:
        return datetime(y, m, 1, tzinfo=zone).astimezone(UTC)

    return utc(year, month), utc(*following)
