"""A whole day in one app session: twenty 49-item inspections by keyboard, no crash.

PySide6 6.12.0 on Python 3.11 aborted the app after about eight minutes of this
(None's reference count ran out); the day also counts the keys an inspector
presses: with auto-advance a passed item costs exactly one.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.store.models import Finding, Inspection
from inspector_app.ui.home.new_inspection_dialog import NewInspectionDialog
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.runner.summary_dialog import SummaryDialog

from .conftest import when_modal
from .test_walkthrough import ime_commit

INSPECTIONS = 20
ITEMS = 49


class Keyboard:
    """Presses keys where the focus is, as a person would, and counts them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.count = 0

    def press(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        focus = QApplication.focusWidget()
        assert focus is not None, "nothing has the keyboard"
        QTest.keyClick(focus, key, modifier)
        self.count += 1
        self.window.runner.wait_idle()


def _start_inspection(qtbot, window: MainWindow, keys: Keyboard) -> None:
    def accept(dialog: QWidget) -> None:
        assert isinstance(dialog, NewInspectionDialog)
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(accept)
    keys.press(
        Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.runner_page)
    window.activateWindow()
    qtbot.waitUntil(window.runner_page.tree.hasFocus)


def _walk_checklist(window: MainWindow, keys: Keyboard, day: int) -> dict[str, FindingResult]:
    """Pass most items, mark a few N/A, and record two problems with a description."""
    page = window.runner_page
    sheet = page.sheet
    assert sheet is not None
    items = [f for f in sheet.findings if f.item_code]
    assert len(items) == ITEMS
    failing = {f.id for f in items if not f.photo_required}
    failing = set(sorted(failing)[day % 5 : day % 5 + 2])
    expected: dict[str, FindingResult] = {}
    for finding in items:
        assert page.tree.current_finding_id() == finding.id, finding.item_code
        if finding.id in failing:
            keys.press(Qt.Key.Key_2)
            assert page.panel.description.hasFocus()
            ime_commit(page.panel.description, f"第{day + 1}次检查：{finding.item_code}窗口无人")
            window.runner.wait_idle()
            keys.press(Qt.Key.Key_Escape)
            keys.press(Qt.Key.Key_Down)
            expected[finding.id] = FindingResult.FAIL
        elif finding.item_code.endswith("3"):
            keys.press(Qt.Key.Key_3)
            expected[finding.id] = FindingResult.NOT_APPLICABLE
        else:
            keys.press(Qt.Key.Key_1)
            expected[finding.id] = FindingResult.PASS
    return expected


def _submit(qtbot, window: MainWindow, keys: Keyboard) -> None:
    def submit(dialog: QWidget) -> None:
        assert isinstance(dialog, SummaryDialog) and dialog.submit.isEnabled()
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(submit)
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.home)
    window.activateWindow()
    qtbot.waitUntil(window.home.table.hasFocus)


def test_twenty_inspections_of_49_items_in_one_session(qtbot, window: MainWindow) -> None:
    keys = Keyboard(window)
    none_counts: list[int] = []
    for day in range(INSPECTIONS):
        _start_inspection(qtbot, window, keys)
        before = keys.count
        expected = _walk_checklist(window, keys, day)
        fails = sum(1 for r in expected.values() if r == FindingResult.FAIL)
        # One key per passed or N/A item; a problem costs 2, Esc and ↓ (its text is typed).
        assert keys.count - before == (ITEMS - fails) + 3 * fails
        _submit(qtbot, window, keys)
        with window.runner.store.unit_of_work() as uow:
            stored = dict(
                uow.session.execute(
                    select(Finding.id, Finding.result).where(Finding.id.in_(expected))
                ).all()
            )
        assert stored == expected
        gc.collect()  # freed objects let go of None legitimately; the bug loses refs for good
        none_counts.append(sys.getrefcount(None))
    with window.runner.store.unit_of_work() as uow:
        submitted = uow.session.scalar(
            select(func.count())
            .select_from(Inspection)
            .where(Inspection.status == InspectionStatus.SUBMITTED)
        )
    assert submitted == INSPECTIONS
    # Measured after the first inspection, so what earlier tests left for the collector
    # does not count; the 6.12.0 bug lost thousands per inspection.
    assert min(none_counts[1:]) >= none_counts[0] - 100, none_counts
