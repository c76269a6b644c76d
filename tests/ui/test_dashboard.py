"""统计: the dashboard's figures match the store, a click on a bar lists its problems, and
the page renders at both laptop sizes in both languages."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from inspector_app.services.dashboard import Dimension, dashboard, problem_lines
from inspector_app.store.store import Store
from inspector_app.ui.dashboard.dashboard_page import DashboardPage, ProblemListDialog
from inspector_app.ui.i18n import install_language
from inspector_app.ui.store_runner import StoreRunner
from tests.desk_data import OVERDUE, TODAY, demo_with_notices

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def desk(store: Store) -> Iterator[StoreRunner]:
    demo_with_notices(store)
    runner = StoreRunner(store)
    yield runner
    runner.wait_idle()
    runner.shutdown()


def _page(qtbot, runner: StoreRunner, size: tuple[int, int]) -> DashboardPage:
    page = DashboardPage(runner, today=TODAY)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10_000)
    QApplication.processEvents()
    return page


def _click_bar(qtbot, page: DashboardPage, dimension: Dimension, key: str) -> None:
    """A real mouse click on the middle of the bar of `key`."""
    view = page.charts[dimension]
    index = [bar.key for bar in view.bars].index(key)
    count = view.bars[index].count
    chart = view.chart()
    middle = chart.mapToPosition(QPointF(count / 2, index), view.series)
    point = view.mapFromScene(chart.mapToScene(middle))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def _opened_list(qtbot) -> ProblemListDialog:
    """The list a click opens once its problems are read (on the store runner)."""
    qtbot.waitUntil(lambda: _list() is not None, timeout=10_000)
    return _list()


def _list() -> ProblemListDialog | None:
    found = (w for w in QApplication.topLevelWidgets() if isinstance(w, ProblemListDialog))
    return next(found, None)


def test_the_summary_says_what_the_store_holds(qtbot, desk: StoreRunner, store: Store) -> None:
    with store.unit_of_work() as uow:
        figures = dashboard(problem_lines(uow, today=TODAY))
    page = _page(qtbot, desk, (1366, 768))
    text = page.summary.text()
    assert f"问题 {figures.problems} 个" in text
    assert "已下发通知书 2 个，已销号 1 个，整改率 50%" in text
    assert "红色（逾期） 1" in text
    assert set(page.charts) == set(Dimension)


def test_clicking_the_red_bar_lists_the_overdue_problem(qtbot, desk: StoreRunner) -> None:
    page = _page(qtbot, desk, (1366, 768))
    _click_bar(qtbot, page, Dimension.WARNING, "red")
    dialog = _opened_list(qtbot)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "“红色预警”的问题（1 个）"
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 5).text() == OVERDUE
    dialog.close()


def test_clicking_a_unit_bar_lists_exactly_that_units_problems(qtbot, desk: StoreRunner) -> None:
    page = _page(qtbot, desk, (1366, 768))
    biggest = page.figures.by_unit[0]
    _click_bar(qtbot, page, Dimension.UNIT, biggest.key)
    dialog = _opened_list(qtbot)
    assert dialog.table.rowCount() == biggest.count
    units = {dialog.table.item(row, 3).text() for row in range(biggest.count)}
    assert units == {biggest.key}
    dialog.close()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_dashboard_renders_in_both_languages_at_laptop_sizes(
    qtbot, desk: StoreRunner, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    assert install_language(lang)
    page = _page(qtbot, desk, size)
    folder = Path(os.environ.get("INSPECTOR_SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"{lang}-dashboard-{size[0]}x{size[1]}.png"
    assert page.grab().save(str(shot))
    assert page.minimumSizeHint().height() <= size[1]
    titles = [view.chart().title() for view in page.charts.values()]
    if lang == "en":
        assert not CJK.search(page.summary.text()), page.summary.text()
        assert not any(CJK.search(t) for t in titles), titles
    else:
        assert "按责任单位" in titles


def test_a_supervisor_opens_the_dashboard_from_its_tab(qtbot, desk: StoreRunner) -> None:
    from inspector_app.settings import Settings
    from inspector_app.ui.main_window import MainWindow
    from tests.ui.test_review_page import remember

    remember(desk.store, "supervisor")
    window = MainWindow(desk, Settings(inspector_name="陈主任"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.nav.isVisible())
    tab = window.nav.keys().index("dashboard")
    assert window.nav.tabText(tab) == "统计"
    qtbot.mouseClick(window.nav, Qt.MouseButton.LeftButton, pos=window.nav.tabRect(tab).center())
    qtbot.waitUntil(lambda: window.nav.current_key() == "dashboard")
    page = window.findChild(DashboardPage)
    qtbot.waitUntil(lambda: page is not None and page.figures is not None, timeout=10_000)
    assert page.isVisible() and "问题" in page.summary.text()
