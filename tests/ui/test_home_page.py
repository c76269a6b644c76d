"""The home list: every inspection, narrowed by search, status, site and dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from inspector_app.domain import bureau_time
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.services.demo import build_demo
from inspector_app.services.queries import list_inspections
from inspector_app.store.store import Store
from inspector_app.ui.home.home_page import HomePage
from inspector_app.ui.home.inspections_model import (
    ALIGN_RIGHT_VCENTER,
    DISPLAY_ROLE,
    ROW_ROLE,
    TEXT_ALIGNMENT_ROLE,
)
from tests.builders import start_in

from .machine_zone import utc_laptop  # noqa: F401  (a fixture)


def _visible(page: HomePage) -> list:
    model = page.model
    return [model.data(model.index(r, 0), ROW_ROLE) for r in range(model.rowCount())]


def test_filters_narrow_the_list_and_clear_again(qtbot, store: Store) -> None:
    build_demo(
        store, inspections=6, photos_per_finding=0, photo_size=(200, 150), today=date(2026, 11, 28)
    )
    with store.unit_of_work() as uow:
        rows = list_inspections(uow)
    page = HomePage()
    qtbot.addWidget(page)
    page.set_rows(rows)
    assert len(_visible(page)) == 6
    assert "6 / 共 6" in page.count.text()

    page.status.setCurrentIndex(page.status.findData(InspectionStatus.APPROVED))
    assert {r.status for r in _visible(page)} == {InspectionStatus.APPROVED}
    assert len(_visible(page)) == 2
    page.status.setCurrentIndex(0)

    page.site.setCurrentIndex(page.site.findData("伊美区政务服务中心"))
    assert [r.site for r in _visible(page)] == ["伊美区政务服务中心"]
    page.site.setCurrentIndex(0)

    qtbot.keyClicks(page.search, "zzz")
    assert _visible(page) == []
    page.search.clear()
    page.search.setText("伊春市")
    assert {r.site for r in _visible(page)} == {"伊春市政务服务中心", "伊春市人社局政务服务分厅"}
    page.search.clear()

    page.use_dates.setChecked(True)
    page.date_from.setDate(QDate(2026, 11, 15))
    page.date_to.setDate(QDate(2026, 11, 28))
    shown = _visible(page)
    assert shown and all(
        bureau_time.local(r.started_at).date() >= date(2026, 11, 15) for r in shown
    )
    assert len(shown) < 6
    page.use_dates.setChecked(False)
    assert len(_visible(page)) == 6


def test_newest_first_and_sortable_by_column(qtbot, store: Store) -> None:
    build_demo(store, inspections=4, photos_per_finding=0, photo_size=(200, 150))
    with store.unit_of_work() as uow:
        rows = list_inspections(uow)
    page = HomePage()
    qtbot.addWidget(page)
    page.set_rows(rows)
    times = [r.started_at for r in _visible(page)]
    assert times == sorted(times, reverse=True)
    page.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    problems = [r.problems for r in _visible(page)]
    assert problems == sorted(problems)


def test_header_shows_titles_and_sorts_after_the_first_paint(qtbot, store: Store) -> None:
    build_demo(store, inspections=4, photos_per_finding=0, photo_size=(200, 150))
    with store.unit_of_work() as uow:
        rows = list_inspections(uow)
    page = HomePage()
    qtbot.addWidget(page)
    page.set_rows(rows)
    header = page.table.horizontalHeader()
    titles = [
        header.model().headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(header.count())
    ]
    assert titles[:3] == ["检查地点", "专项行动", "检查时间"]
    assert len(titles) == page.model.columnCount()
    qtbot.waitUntil(page.table.isSortingEnabled)  # switched on at the next turn of the loop
    assert header.sortIndicatorSection() == 2
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    times = [r.started_at for r in _visible(page)]
    assert times == sorted(times, reverse=True)
    header.setSortIndicator(5, Qt.SortOrder.AscendingOrder)  # what a click on 问题 does
    problems = [r.problems for r in _visible(page)]
    assert problems == sorted(problems)
    model = page.model
    assert model.data(model.index(0, 5), TEXT_ALIGNMENT_ROLE) == ALIGN_RIGHT_VCENTER
    assert model.data(model.index(0, 0), DISPLAY_ROLE) == _visible(page)[0].site


def test_role_constants_are_qts() -> None:
    """The model spells Qt's values as ints to keep the `Qt` namespace out of start-up."""
    assert Qt.ItemDataRole.DisplayRole.value == DISPLAY_ROLE
    assert Qt.ItemDataRole.TextAlignmentRole.value == TEXT_ALIGNMENT_ROLE
    assert Qt.ItemDataRole.UserRole.value + 1 == ROW_ROLE
    aligned = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert aligned.value == ALIGN_RIGHT_VCENTER


def test_activating_a_row_asks_to_open_it(qtbot, store: Store) -> None:
    build_demo(store, inspections=1, photos_per_finding=0, photo_size=(200, 150))
    with store.unit_of_work() as uow:
        rows = list_inspections(uow)
    page = HomePage()
    qtbot.addWidget(page)
    page.set_rows(rows)
    with qtbot.waitSignal(page.open_requested) as opened:
        page.table.doubleClicked.emit(page.model.index(0, 0))
    assert opened.args == [rows[0].id]


def _shown_page(qtbot, rows) -> HomePage:
    page = HomePage()
    qtbot.addWidget(page)
    page.set_rows(rows)
    page.resize(1200, 500)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_an_empty_filter_result_says_how_to_see_everything_again(qtbot, store: Store) -> None:
    build_demo(store, inspections=4, photos_per_finding=0, photo_size=(200, 150))
    with store.unit_of_work() as uow:
        rows = list_inspections(uow)
    page = _shown_page(qtbot, rows)
    assert not page.empty_hint.isVisible()

    QTest.mouseClick(page.use_dates, Qt.MouseButton.LeftButton)
    page.status.setCurrentIndex(page.status.findData(InspectionStatus.DRAFT))
    QTest.keyClicks(page.search, "zzz")
    assert _visible(page) == []
    assert page.empty_hint.isVisible()
    assert page.empty_hint.text() == (
        "没有符合筛选条件的检查。清空搜索框或把状态、地点、日期改回“全部”即可看到全部检查。"
    )
    assert page.clear_button.isVisible() and page.clear_button.text() == "清除筛选"

    QTest.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert len(_visible(page)) == 4
    assert page.search.text() == "" and page.status.currentIndex() == 0
    assert not page.use_dates.isChecked()
    assert not page.empty_hint.isVisible() and not page.clear_button.isVisible()
    assert "4 / 共 4" in page.count.text()


def test_an_empty_laptop_shows_no_filter_hint(qtbot) -> None:
    page = _shown_page(qtbot, [])
    assert not page.empty_hint.isVisible()


@pytest.mark.usefixtures("utc_laptop")
def test_home_list_shows_the_halls_wall_time_on_a_utc_laptop(qtbot, seeded_store: Store) -> None:
    with seeded_store.unit_of_work() as uow:
        start_in(
            uow,
            site="wucui-center",
            started_at=datetime(2026, 11, 20, 17, 30, tzinfo=UTC),  # 01:30 next day in Yichun
        )
        uow.commit()
        rows = list_inspections(uow)
    page = _shown_page(qtbot, rows)
    model = page.model
    assert model.data(model.index(0, 2), DISPLAY_ROLE) == "2026-11-21 01:30"

    QTest.mouseClick(page.use_dates, Qt.MouseButton.LeftButton)
    for edit in (page.date_from, page.date_to):
        edit.setFocus()
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(edit, "2026-11-21")
    assert page.date_from.date() == QDate(2026, 11, 21) == page.date_to.date()
    assert len(_visible(page)) == 1  # the hall's 21 November, not the laptop's 20th
