"""Moving between the list and an inspection with the keys and buttons an inspector uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolBar

from inspector_app.domain.finding import FindingResult
from inspector_app.ui.main_window import MainWindow

from .test_checklist_keys import press, start, stored
from .test_walkthrough import ime_commit


def _on_runner(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.runner_page)
    qtbot.waitUntil(window.runner_page.tree.hasFocus)


def _at_home(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.navigator.at_home)
    window.runner.wait_idle()
    qtbot.waitUntil(window.home.table.hasFocus)


def test_enter_opens_the_row_back_returns_and_the_toolbar_opens_the_selected_one(
    qtbot, window: MainWindow
) -> None:
    started = {start(window), start(window, "wucui-center")}
    press(window, Qt.Key.Key_F5)  # 刷新: both show
    qtbot.waitUntil(lambda: window.home.model.rowCount() == 2)
    assert window.navigator.at_home and window.navigator.inspection_id is None

    window.home.table.setFocus()
    press(window, Qt.Key.Key_End)
    press(window, Qt.Key.Key_Home)  # the first row is current and selected
    top = window.home.selected_id()
    assert top in started
    press(window, Qt.Key.Key_Return)
    _on_runner(qtbot, window)
    assert window.navigator.inspection_id == top

    # A problem typed but not yet saved is kept when 返回列表 is clicked.
    page = window.runner_page
    press(window, Qt.Key.Key_2)
    finding_id = page._current_id()
    assert finding_id is not None and page.panel.description.hasFocus()
    ime_commit(page.panel.description, "3号窗口无人")
    qtbot.mouseClick(page.back, Qt.MouseButton.LeftButton)
    _at_home(qtbot, window)
    assert window.navigator.inspection_id is None
    saved = stored(window, finding_id)
    assert saved.result == FindingResult.FAIL and saved.description == "3号窗口无人"

    press(window, Qt.Key.Key_Home)  # the other row (both started this minute: any order)
    if window.home.selected_id() == top:
        press(window, Qt.Key.Key_Down)
    other = window.home.selected_id()
    assert other in started - {top}
    toolbar = window.findChild(QToolBar, "main-toolbar")
    open_button = toolbar.widgetForAction(window.open_action)  # 打开检查
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    _on_runner(qtbot, window)
    assert window.navigator.inspection_id == other

    window.navigator.back()  # what 返回列表 does, for callers without a button
    _at_home(qtbot, window)
    assert QApplication.focusWidget() is window.home.table
