"""复查 from 整改跟踪: a supervisor picks a notice whose report is in, clicks 复查…, answers
the question, and the window shows the new re-inspection with the reported problems as
its items. Declining the question starts nothing; a notice still awaiting its report
offers no 复查."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func
from sqlalchemy import select as query

from inspector_app.settings import Settings
from inspector_app.store.models import Inspection
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner

from .conftest import when_modal
from .test_review_page import remember
from .tracking_desk import (  # noqa: F401 (fixtures)
    NEAR,
    arrange,
    click,
    data_dir_fixture,
    delivered,
    desk_fixture,
    desk_folder_fixture,
    reported,
    select,
)


def _tracking_tab(qtbot, runner: StoreRunner) -> MainWindow:
    remember(runner.store, "supervisor")
    window = MainWindow(runner, Settings(inspector_name="陈主任"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(window.nav.isVisible)
    tab = window.nav.keys().index("tracking")
    qtbot.mouseClick(window.nav, Qt.MouseButton.LeftButton, pos=window.nav.tabRect(tab).center())
    page = window.desk["tracking"]
    qtbot.waitUntil(lambda: NEAR in page.list_texts(0))
    return window


def _inspections(store: Store) -> int:
    with store.unit_of_work() as uow:
        return uow.session.scalar(query(func.count()).select_from(Inspection))


def _answer(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def handler(box: QMessageBox) -> None:
        seen.append(box.text())
        box.button(button).click()

    when_modal(handler, kind=QMessageBox)


def test_a_reported_notice_is_rechecked_in_the_window_after_a_question(
    qtbot, desk: StoreRunner
) -> None:
    arrange(desk.store, NEAR, delivered, reported)
    window = _tracking_tab(qtbot, desk)
    page = window.desk["tracking"]
    select(qtbot, page, NEAR)
    before = _inspections(desk.store)

    asked: list[str] = []
    _answer(QMessageBox.StandardButton.No, asked)
    click(qtbot, page.actions.recheck)
    qtbot.waitUntil(lambda: bool(asked))
    desk.wait_idle()
    assert NEAR in asked[0] and _inspections(desk.store) == before  # declined: nothing

    _answer(QMessageBox.StandardButton.Yes, asked)
    click(qtbot, page.actions.recheck)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.recheck_page, timeout=10_000)
    recheck = window.recheck_page
    qtbot.waitUntil(lambda: recheck.items.count() == 2)
    assert _inspections(desk.store) == before + 1
    shown = [recheck.items.item(n).text() for n in range(recheck.items.count())]
    assert all(text.strip() for text in shown), shown


def test_a_notice_still_awaiting_its_report_offers_no_recheck(qtbot, desk: StoreRunner) -> None:
    arrange(desk.store, NEAR, delivered)
    window = _tracking_tab(qtbot, desk)
    page = window.desk["tracking"]
    select(qtbot, page, NEAR)
    assert not page.actions.recheck.isEnabled()
    assert page.actions.feedback.isEnabled()
