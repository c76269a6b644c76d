"""统计 counted by SQL says what counting every problem line says, each bar's list holds
exactly the problems it counts, and months are the bureau's, summer time included."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.domain import bureau_time
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection_status import InspectionStatus
from inspector_app.services.dashboard import Bar, Dimension, dashboard, matching, problem_lines
from inspector_app.services.dashboard_counts import bar_lines, figures
from inspector_app.store.models import Finding, Inspection
from inspector_app.store.store import Store
from tests.desk_data import OVERDUE, TODAY, demo_with_notices

# 22:30 UTC on 31 March: 00:30 on 1 April in Berlin's summer time (a fixed +1 would say
# 31 March), 18:30 on 31 March in New York, 06:30 on 1 April in Shanghai.
SPRING_EVENING = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
ZONES = ["Asia/Shanghai", "Europe/Berlin", "America/New_York"]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The desk's demo with one approved inspection moved to the spring evening."""
    folder = tmp_path_factory.mktemp("dashboard-demo")
    store = Store.open(folder)
    demo_with_notices(store)
    with store.unit_of_work() as uow:
        moved = uow.session.scalars(
            select(Inspection)
            .join(Finding, Finding.inspection_id == Inspection.id)
            .where(Inspection.status == InspectionStatus.APPROVED)
            .where(Finding.result == FindingResult.FAIL)
            .order_by(Inspection.started_at)
        ).first()
        moved.started_at = SPRING_EVENING
        uow.commit()
    store.close()
    return folder


@pytest.fixture
def desk(demo_dir: Path, tmp_path: Path) -> Iterator[Store]:
    shutil.copytree(demo_dir, tmp_path / "data")
    opened = Store.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.mark.parametrize("zone", ZONES)
def test_the_sql_figures_are_the_counts_of_the_problem_lines(desk: Store, zone: str) -> None:
    bureau_time.set_zone(zone)
    with desk.unit_of_work() as uow:
        counted = figures(uow, today=TODAY)
        reference = dashboard(problem_lines(uow, today=TODAY))
    assert counted == reference
    assert counted.problems > 0 and counted.issued == 2 and counted.closed == 1


@pytest.mark.parametrize("zone", ZONES)
def test_each_bar_lists_exactly_the_problems_it_counts(desk: Store, zone: str) -> None:
    bureau_time.set_zone(zone)
    with desk.unit_of_work() as uow:
        counted = figures(uow, today=TODAY)
        lines = problem_lines(uow, today=TODAY)
        bars = {
            Dimension.CATEGORY: counted.by_category,
            Dimension.UNIT: counted.by_unit,
            Dimension.DISTRICT: counted.by_district,
            Dimension.MONTH: counted.by_month,
        }
        for dimension, shown in bars.items():
            for bar in shown:
                listed = bar_lines(uow, dimension, bar, today=TODAY)
                assert listed == matching(lines, dimension, bar.key)
                assert len(listed) == bar.count, (dimension, bar.key)
        for level, count in counted.warnings.items():
            listed = bar_lines(uow, Dimension.WARNING, Bar(level.value, count), today=TODAY)
            assert listed == matching(lines, Dimension.WARNING, level.value)
            assert len(listed) == count, level
        red = bar_lines(uow, Dimension.WARNING, Bar("red", 1), today=TODAY)
    assert [line.notice_number for line in red] == [OVERDUE]


@pytest.mark.parametrize(
    ("zone", "month"),
    [("Europe/Berlin", "2026-04"), ("America/New_York", "2026-03"), ("Asia/Shanghai", "2026-04")],
)
def test_a_problem_counts_in_the_bureaus_month(desk: Store, zone: str, month: str) -> None:
    bureau_time.set_zone(zone)
    with desk.unit_of_work() as uow:
        counted = figures(uow, today=TODAY)
        bar = next(b for b in counted.by_month if b.key == month)
        listed = bar_lines(uow, Dimension.MONTH, bar, today=TODAY)
    assert {f"{line.checked_on:%Y-%m}" for line in listed} == {month}
    assert len(listed) == bar.count > 0
