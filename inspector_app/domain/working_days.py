"""Working days (工作日) on China's official calendar.

A notice gives the unit "收到本通知之日起N个工作日" and a due date. Counting
must skip the statutory holidays (法定节假日) and count the weekends the State
Council turns into working days (调休上班), which change every year. The
`chinesecalendar` package carries each year's arrangement; a year it does not
carry yet (the next year's arrangement is published each November) can be
given as `extra_years`, so a bureau is not stuck until a new release. A date
outside both is refused with a message, never guessed from weekdays.

The day the notice is received is not counted (期间开始之日不计算在期间内, as
Chinese procedural law counts periods): the first working day is the next one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import chinese_calendar

from inspector_app.domain.errors import ValidationFailed

MAX_WORKING_DAYS = 250  # about a year: a longer rectification period is a typing mistake


class CalendarNotCovered(ValidationFailed):
    """A date whose year has no published holiday arrangement in our data."""


@dataclass(frozen=True)
class YearArrangement:
    """One year's 节假日安排: days off on weekdays and working weekends (调休)."""

    holidays: frozenset[date] = frozenset()
    working_weekends: frozenset[date] = frozenset()


def _package_years() -> tuple[int, int]:
    years = {day.year for day in chinese_calendar.holidays}
    return min(years), max(years)


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days; the package's data plus any `extra_years`."""

    extra_years: Mapping[int, YearArrangement] = field(default_factory=dict)

    def covered_years(self) -> list[tuple[int, int]]:
        """Covered years as inclusive spans, for messages: [(2004, 2026), (2028, 2028)]."""
        first, last = _package_years()
        years = sorted(set(range(first, last + 1)) | set(self.extra_years))
        spans: list[tuple[int, int]] = []
        for year in years:
            if spans and spans[-1][1] == year - 1:
                spans[-1] = (spans[-1][0], year)
            else:
                spans.append((year, year))
        return spans

    def is_working_day(self, day: date) -> bool:
        arrangement = self.extra_years.get(day.year)
        if arrangement is not None:
            if day in arrangement.working_weekends:
                return True
            return day.weekday() < 5 and day not in arrangement.holidays
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise self._not_covered(day) from None

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (`start` itself is not counted)."""
        if not 1 <= count <= MAX_WORKING_DAYS:
            raise ValidationFailed(
                "working_days.count_invalid",
                f"整改期限应为1至{MAX_WORKING_DAYS}个工作日，收到的是{count}。",
                f"A rectification period must be 1 to {MAX_WORKING_DAYS} working days, "
                f"not {count}.",
            )
        day, left = start, count
        while left:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`."""
        days = (end - start).days
        return sum(self.is_working_day(start + timedelta(days=n)) for n in range(1, days + 1))

    def _not_covered(self, day: date) -> CalendarNotCovered:
        spans = self.covered_years()
        zh = "、".join(f"{a}—{b}年" if a != b else f"{a}年" for a, b in spans)
        en = ", ".join(f"{a}–{b}" if a != b else f"{a}" for a, b in spans)
        return CalendarNotCovered(
            "working_days.year_not_covered",
            f"无法计算工作日：{day.year}年{day.month}月{day.day}日所在的{day.year}年"
            f"没有节假日安排数据（现有数据：{zh}）。请更新本软件（chinesecalendar），或在"
            f"节假日补充文件 holidays.yaml 中填入国务院办公厅公布的{day.year}年节假日安排。",
            f"Cannot count working days: {day.isoformat()} lies in {day.year}, for which "
            f"there is no holiday arrangement (data covers {en}). Update the app "
            f"(chinesecalendar) or add the State Council's {day.year} arrangement to the "
            f"holiday supplement file holidays.yaml.",
        )


OFFICIAL = WorkingCalendar()


class SupplementError(ValidationFailed):
    """The holiday supplement file cannot be used; names the file, the year and the field."""


def parse_supplement(data: Any, source: str) -> WorkingCalendar:
    """The calendar with the years a bureau added (`years: {2027: {holidays: […],
    working_weekends: […]}}`, YAML dates); a year given there replaces the package's."""

    def bad(where: str, zh: str, en: str) -> SupplementError:
        return SupplementError(
            "working_days.supplement_invalid",
            f"节假日补充文件 {source} 有误：{where}{zh}。",
            f"Holiday supplement file {source} is invalid: {where} {en}.",
        )

    years = data.get("years") if isinstance(data, dict) else None
    if years is None:
        return OFFICIAL
    if not isinstance(years, dict):
        raise bad("years", "应为“年份: 安排”的映射", "must map years to arrangements")
    extra: dict[int, YearArrangement] = {}
    for year, entry in years.items():
        if not isinstance(year, int) or not 1949 < year < 2200:
            raise bad(f"years.{year}", "不是年份", "is not a year")
        if not isinstance(entry, dict) or set(entry) - {"holidays", "working_weekends"}:
            raise bad(
                f"{year}", "只能包含 holidays 和 working_weekends", "may hold only the two lists"
            )
        days: dict[str, frozenset[date]] = {}
        for key in ("holidays", "working_weekends"):
            listed = entry.get(key) or []
            if not isinstance(listed, list) or not all(
                isinstance(d, date) and d.year == year for d in listed
            ):
                raise bad(
                    f"{year}.{key}",
                    f"应为{year}年的日期列表（如 {year}-01-01）",
                    f"must list dates of {year} (like {year}-01-01)",
                )
            days[key] = frozenset(listed)
        weekday = sorted(d for d in days["working_weekends"] if d.weekday() < 5)
        if weekday:
            raise bad(
                f"{year}.working_weekends",
                f"中的{weekday[0].isoformat()}不是周六或周日",
                f"lists {weekday[0].isoformat()}, which is not a Saturday or Sunday",
            )
        extra[year] = YearArrangement(days["holidays"], days["working_weekends"])
    return WorkingCalendar(extra)


def due_date(start: date, working_days: int, calendar: WorkingCalendar = OFFICIAL) -> date:
    """The due date of "收到本通知之日起N个工作日内", counted from `start`."""
    return calendar.add_working_days(start, working_days)
