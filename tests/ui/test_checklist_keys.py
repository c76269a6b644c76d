"""Walking the checklist by keyboard: what the inspector presses and what they then see."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from inspector_app.domain.finding import FindingResult
from inspector_app.store.models import Finding
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.runner.runner_page import RunnerPage
from tests.builders import start_inspection

from .test_walkthrough import ime_commit


def start(window: MainWindow, site: str = "yimei-center") -> str:
    return start_inspection(window.runner.store, site=site)


def open_page(qtbot, window: MainWindow, inspection_id: str) -> RunnerPage:
    window.open_inspection(inspection_id)
    window.runner.wait_idle()
    page = window.runner_page
    qtbot.waitUntil(page.tree.hasFocus)
    return page


def press(window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, key, modifier)
    window.runner.wait_idle()


def stored(window: MainWindow, finding_id: str) -> Finding:
    with window.runner.store.unit_of_work() as uow:
        finding = uow.session.get(Finding, finding_id)
        uow.session.expunge(finding)
        return finding


def current_code(page: RunnerPage) -> str | None:
    finding = page._current()
    return finding.item_code if finding else None


def pressed(page: RunnerPage) -> list[FindingResult]:
    return [r for r, b in page.panel.result_buttons.items() if b.isChecked()]


def test_enter_into_an_empty_description_stores_no_newline(qtbot, window: MainWindow) -> None:
    page = open_page(qtbot, window, start(window))
    finding_id = page.tree.current_finding_id()
    press(window, Qt.Key.Key_2)
    press(window, Qt.Key.Key_Escape)
    assert page.tree.hasFocus()
    press(window, Qt.Key.Key_Return)
    assert page.panel.description.hasFocus()
    ime_commit(page.panel.description, "窗口无人")
    window.runner.wait_idle()
    press(window, Qt.Key.Key_Escape)
    assert stored(window, finding_id).description == "窗口无人"


def test_result_buttons_show_the_items_own_result_and_follow_undo(
    qtbot, window: MainWindow
) -> None:
    page = open_page(qtbot, window, start(window))
    press(window, Qt.Key.Key_2)  # 不符合 on A1: focus goes to the description
    press(window, Qt.Key.Key_Escape)
    assert pressed(page) == [FindingResult.FAIL]
    press(window, Qt.Key.Key_Down)
    assert current_code(page) == "A2"
    assert pressed(page) == []  # an unanswered item shows no result pressed
    press(window, Qt.Key.Key_Up)
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert current_code(page) == "A1"
    assert pressed(page) == []  # the undone result no longer looks pressed


def test_down_skips_category_headers_and_keys_work_on_the_item_reached(
    qtbot, window: MainWindow
) -> None:
    page = open_page(qtbot, window, start(window))
    codes = [f.item_code for f in page.sheet.findings if f.category_code == "A"]
    page.tree.select_finding(page.sheet.findings[len(codes) - 1].id)  # last item of A
    press(window, Qt.Key.Key_Down)
    assert current_code(page) == "B1"
    assert "B1" in page.panel.where.text()
    press(window, Qt.Key.Key_Up)
    assert current_code(page) == codes[-1]
    page.tree.select_finding(page.sheet.findings[0].id)
    press(window, Qt.Key.Key_Up)  # above A1 is only the header: stay on A1
    assert current_code(page) == "A1"
    press(window, Qt.Key.Key_End)
    press(window, Qt.Key.Key_Home)
    assert current_code(page) == "A1"


def test_pass_moves_on_to_the_next_unanswered_item_fail_goes_to_the_description(
    qtbot, window: MainWindow
) -> None:
    page = open_page(qtbot, window, start(window))
    press(window, Qt.Key.Key_1)
    assert current_code(page) == "A2" and page.tree.hasFocus()
    press(window, Qt.Key.Key_3)
    assert current_code(page) == "A3"
    press(window, Qt.Key.Key_Down)
    press(window, Qt.Key.Key_1)  # A4 passed; A3 is still open but comes before: go on to A5
    assert current_code(page) == "A5"
    press(window, Qt.Key.Key_2)
    assert current_code(page) == "A5" and page.panel.description.hasFocus()


def test_ctrl_z_in_the_window_box_undoes_the_window_change(qtbot, window: MainWindow) -> None:
    page = open_page(qtbot, window, start(window))
    finding_id = page.tree.current_finding_id()
    press(window, Qt.Key.Key_2)
    combo = page.panel.window
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    press(window, Qt.Key.Key_Down)  # an editable combo: ↓ picks the next window
    chosen = stored(window, finding_id)
    assert chosen.window_no
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undone = stored(window, finding_id)
    assert undone.window_no == ""
    assert combo.currentText() == ""


def test_opening_another_inspection_shows_the_pane_from_its_top(qtbot, window: MainWindow) -> None:
    window.resize(1280, 720)
    page = open_page(qtbot, window, start(window))
    page.panel.verticalScrollBar().setValue(page.panel.verticalScrollBar().maximum())
    page.panel.resize(page.panel.width(), 200)  # a short pane does scroll
    page.panel.verticalScrollBar().setValue(150)
    other = start(window, "wucui-center")
    press(window, Qt.Key.Key_Escape)
    window.show_home()
    window.runner.wait_idle()
    page = open_page(qtbot, window, other)
    assert page.panel.verticalScrollBar().value() == 0


def _visible_in_pane(page: RunnerPage, widget: QWidget) -> bool:
    viewport = page.panel.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    bottom = top_left.y() + widget.height()
    return widget.isVisible() and top_left.y() >= 0 and bottom <= viewport.height()


def test_everything_for_the_current_item_fits_without_scrolling(qtbot, window: MainWindow) -> None:
    for width, height in ((1280, 720), (1366, 768)):
        window.resize(width, height)
        page = open_page(qtbot, window, start(window))
        for finding in page.sheet.findings:
            page.tree.select_finding(finding.id)
            press(window, Qt.Key.Key_2)  # failed: the missing-photo warning shows where required
            press(window, Qt.Key.Key_Escape)
            panel = page.panel
            for widget in (
                panel.title,
                *panel.result_buttons.values(),
                panel.description,
                panel.window,
                panel.unit,
                panel.photos,
                panel.add_photo,
                panel.view_photo,
                panel.remove_photo,
            ):
                assert _visible_in_pane(page, widget), (width, finding.item_code, widget)
            assert panel.verticalScrollBar().value() == 0
        press(window, Qt.Key.Key_Escape)
        window.show_home()


def test_english_header_puts_the_problem_count_first(qtbot, runner, campaign_id) -> None:
    from inspector_app.settings import Settings
    from inspector_app.ui.i18n import install_language

    install_language("en")
    window = MainWindow(runner, Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    page = open_page(qtbot, window, start(window))
    press(window, Qt.Key.Key_2)
    assert page.progress.text() == "Checked 1 / 49 · 1 problem"
    press(window, Qt.Key.Key_Escape)
    press(window, Qt.Key.Key_Down)
    press(window, Qt.Key.Key_2)
    assert page.progress.text() == "Checked 2 / 49 · 2 problems"
