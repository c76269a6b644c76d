"""The finish summary: every category in view, and Tab reaches the list of what is missing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.runner.summary_dialog import SummaryDialog

from .conftest import when_modal
from .test_checklist_keys import open_page, press, start


def test_tab_reaches_the_missing_list_and_enter_jumps_to_the_item(
    qtbot, window: MainWindow
) -> None:
    window.resize(1280, 720)
    page = open_page(qtbot, window, start(window))
    failed = page.tree.current_finding_id()
    press(window, Qt.Key.Key_2)  # A1 failed: needs a description and a photo
    press(window, Qt.Key.Key_Escape)
    press(window, Qt.Key.Key_Down)
    seen: dict[str, object] = {}

    def walk(dialog: QWidget) -> None:
        assert isinstance(dialog, SummaryDialog)
        table = dialog.table
        seen["totals"] = [w.text() for w in dialog.findChildren(QLabel) if "问题" in w.text()]
        seen["rows"] = table.rowCount()
        seen["hidden_rows"] = [
            table.item(row, 0).text()
            for row in range(table.rowCount())
            if not table.viewport().rect().contains(table.visualItemRect(table.item(row, 0)))
        ]
        dialog.activateWindow()
        for _ in range(8):
            if dialog.focusWidget() is dialog.missing:
                break
            QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
        seen["reached"] = dialog.focusWidget() is dialog.missing
        if not seen["reached"]:
            dialog.reject()  # fail below rather than leave the dialog open
            return
        QTest.keyClick(dialog.missing, Qt.Key.Key_Down)
        QTest.keyClick(dialog.missing, Qt.Key.Key_Return)

    when_modal(walk)
    press(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.runner.wait_idle()
    assert seen["rows"] == 9  # A–H and 表外
    assert seen["hidden_rows"] == []
    assert "共发现问题 1 个，照片 0 张。" in seen["totals"]
    assert seen["reached"]
    assert page.tree.current_finding_id() == failed  # jumped back to what is missing
