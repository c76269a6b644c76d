"""整改跟踪, used as a supervisor uses it: the issued notices with their warning colours,
filters, one notice's problems and history; every step a button, a dialog answered,
and the store holding the step afterwards.

The desk's data (tests/desk_data.py) is built once per module and copied for each test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inspector_app.domain.notice import NoticeStatus
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.tracking.tracking_page import TrackingPage
from inspector_app.ui.tracking.warning_chip import LEVEL_ROLE
from tests.desk_data import CLOSED, OVERDUE, TODAY, demo_with_notices
from tests.rectification_builders import PROBLEMS, issued_notice_in

NEAR = "伊营商监〔2026〕3号"  # two problems, due in two days: blue
NEAR_DEADLINE = date(2026, 12, 5)


@pytest.fixture(scope="module")
def desk_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's notices plus one of two problems near its deadline."""
    folder = tmp_path_factory.mktemp("desk") / "data"
    store = Store.open(folder)
    try:
        demo_with_notices(store)
        with store.unit_of_work() as uow:
            notice_id, _ = issued_notice_in(uow, problems=2)
            notice = uow.session.get(Notice, notice_id)
            notice.number, notice.deadline = NEAR, NEAR_DEADLINE
            uow.commit()
    finally:
        store.close()
    return folder


@pytest.fixture
def data_dir(desk_folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(desk_folder, copy, ignore=shutil.ignore_patterns("inspector.lock"))
    return copy


@pytest.fixture
def desk(data_dir: Path) -> Iterator[StoreRunner]:
    runner = StoreRunner(Store.open(data_dir))
    yield runner
    runner.wait_idle()
    runner.shutdown()
    runner.store.close()


def notice_id_of(store: Store, number: str) -> str:
    with store.unit_of_work() as uow:
        return uow.session.query(Notice).filter_by(number=number).one().id


def open_page(qtbot, runner: StoreRunner, size: tuple[int, int] = (1366, 768)) -> TrackingPage:
    page = TrackingPage(runner, today=TODAY)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.pane.detail is not None)
    return page


def select(qtbot, page: TrackingPage, number: str) -> None:
    """Click the notice's row, as a supervisor does."""
    row = page.list_texts(0).index(number)
    rect = page.table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.pane.detail is not None and page.pane.detail.row.number == number)


def test_the_list_shows_each_issued_notice_with_its_deadline_and_warning_colour(
    qtbot, desk: StoreRunner
) -> None:
    page = open_page(qtbot, desk)
    assert page.list_texts(0) == [OVERDUE, NEAR, CLOSED]  # red, blue, then what is closed
    assert page.list_texts(2) == ["已交办", "已交办", "已销号"]
    assert page.list_texts(3) == ["2026-11-23", "2026-12-05", "2026-11-23"]
    assert page.list_texts(4) == ["逾期 10 天", "剩 2 天", "—"]
    assert page.list_texts(5) == ["红色预警", "蓝色预警", "—"]
    levels = [page.model.item(r, 5).data(LEVEL_ROLE) for r in range(3)]
    assert levels == ["red", "blue", None]
    assert page.count.text() == "显示 3 / 共 3 份通知书"


def test_filters_by_warning_and_by_status(qtbot, desk: StoreRunner) -> None:
    page = open_page(qtbot, desk)
    page.warning_filter.setCurrentIndex(page.warning_filter.findText("红色预警"))
    assert page.list_texts(0) == [OVERDUE]
    page.warning_filter.setCurrentIndex(page.warning_filter.findText("全部预警"))
    page.status_filter.setCurrentIndex(page.status_filter.findText("已销号"))
    assert page.list_texts(0) == [CLOSED]
    qtbot.waitUntil(lambda: page.pane.detail.row.number == CLOSED)
    page.status_filter.setCurrentIndex(page.status_filter.findText("未销号"))
    assert page.list_texts(0) == [OVERDUE, NEAR]
    page.status_filter.setCurrentIndex(page.status_filter.findText("复查中"))
    assert page.list_texts(0) == [] and page.count.text() == "显示 0 / 共 3 份通知书"
    assert page.pane.detail is None


def test_the_detail_shows_each_problem_and_the_history(qtbot, desk: StoreRunner) -> None:
    page = open_page(qtbot, desk)
    assert page.pane.detail.row.number == OVERDUE
    assert page.pane.problem_states() == ["待整改"]
    assert page.pane.timeline_texts() == ["2026-11-02  签发（成文）"]
    select(qtbot, page, NEAR)
    assert page.pane.problem_states() == ["待整改", "待整改"]
    titles = [p.title for p in page.pane.detail.problems]
    assert titles == list(PROBLEMS[:2])
    select(qtbot, page, CLOSED)
    assert page.pane.problem_states() == ["已整改到位"]  # 销号 before per-problem answers


def test_a_supervisor_opens_it_from_the_tab_after_review(qtbot, desk: StoreRunner) -> None:
    from inspector_app.settings import Settings
    from inspector_app.ui.main_window import MainWindow
    from tests.ui.test_review_page import remember

    remember(desk.store, "supervisor")
    window = MainWindow(desk, Settings(inspector_name="陈主任"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(window.nav.isVisible)
    keys = window.nav.keys()
    assert keys.index("tracking") == keys.index("review") + 1
    tab = keys.index("tracking")
    assert window.nav.tabText(tab) == "整改跟踪"
    qtbot.mouseClick(window.nav, Qt.MouseButton.LeftButton, pos=window.nav.tabRect(tab).center())
    qtbot.waitUntil(lambda: window.nav.current_key() == "tracking")
    page = window.desk["tracking"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    QApplication.processEvents()
    assert page.isVisible() and OVERDUE in page.list_texts(0)
    assert notice_id_of(desk.store, OVERDUE) == page.selected_id()
    assert NoticeStatus.ISSUED in {row.status for row in page.rows}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_page_renders_at_1366x768_with_the_overdue_notice_in_red(
    qtbot, desk: StoreRunner, tmp_path: Path, lang: str
) -> None:
    from inspector_app.settings import Settings
    from inspector_app.ui.i18n import install_language
    from inspector_app.ui.main_window import MainWindow
    from tests.ui.test_review_page import remember
    from tests.ui.test_screens import CJK, _chrome_texts, _save

    assert install_language(lang)
    remember(desk.store, "supervisor")
    window = MainWindow(desk, Settings(inspector_name="陈主任"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(window.nav.isVisible)
    window.nav.select("tracking")
    page = window.desk["tracking"]
    page.today = TODAY  # the demo's day, whatever the machine's clock says
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and page.pane.detail is not None)
    desk.wait_idle()
    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768, hint
    assert page.model.item(0, 5).data(LEVEL_ROLE) == "red"
    folder = Path(os.environ.get("INSPECTOR_SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    _save(window, folder, f"{lang}-tracking-1366x768")
    if lang == "en":
        chrome = _chrome_texts(window)
        assert [t for t in chrome if CJK.search(t)] == []
        assert page.list_texts(5)[0] == "red warning"
    install_language("zh_CN")
