"""An inspector records a whole category from the keyboard, adds photos, finishes, submits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from sqlalchemy import select

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.store.models import Finding, Inspection, OutboxEntry, Photo
from inspector_app.ui.home.new_inspection_dialog import NewInspectionDialog
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.runner.summary_dialog import SummaryDialog

from .conftest import when_modal

# Category A of the window-service checklist, walked in order: key per item.
KEYS = ["1", "2", "3", "1", "2", "1", "1", "3", "1", "2"]
RESULTS = {"1": FindingResult.PASS, "2": FindingResult.FAIL, "3": FindingResult.NOT_APPLICABLE}


def _press(
    window: MainWindow, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(widget, key, modifier)
    window.runner.wait_idle()


def ime_commit(widget: QWidget, text: str) -> None:
    """Type Chinese the way it really arrives: committed by an input method."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _type(window: MainWindow, text: str) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    ime_commit(focus, text)
    window.runner.wait_idle()


def test_keyboard_only_walkthrough_is_stored(qtbot, window: MainWindow, make_jpeg) -> None:
    # New inspection: Ctrl+Shift+N, accept the prefilled form with Enter.
    seen: list[QWidget] = []

    def accept_form(dialog: QWidget) -> None:
        seen.append(dialog)
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(accept_form)
    _press(
        window,
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    window.runner.wait_idle()
    qtbot.waitUntil(window.isActiveWindow)  # the dialog closed; the window has the keyboard
    assert isinstance(seen[0], NewInspectionDialog)
    page = window.runner_page
    assert window.pages.currentWidget() is page
    tree = page.tree
    assert tree.hasFocus()

    sheet = page.sheet
    assert sheet is not None
    category_a = [f for f in sheet.findings if f.category_code == "A"]
    assert len(category_a) == len(KEYS)
    described: dict[str, str] = {}
    for finding, key in zip(category_a, KEYS, strict=True):
        assert tree.current_finding_id() == finding.id
        _press(window, tree, getattr(Qt.Key, f"Key_{key}"))
        if key == "2":
            assert page.panel.description.hasFocus()  # a failure goes straight to the text
            text = f"{finding.item_code}：9时20分3号窗口无人在岗"
            _type(window, text)
            described[finding.id] = text
            _press(window, page.panel.description, Qt.Key.Key_Escape)
            assert tree.hasFocus()
            if finding.photo_required:
                page.import_photos([make_jpeg(portrait=True), make_jpeg()])
                window.runner.wait_idle()
            _press(window, tree, Qt.Key.Key_Down)  # 符合/不适用 move on by themselves

    # An ad-hoc problem: Ctrl+N, type a title, Enter; then describe it.
    def name_it(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        ime_commit(QApplication.focusWidget(), "大厅饮水机无水")
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(name_it)
    _press(window, tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    window.runner.wait_idle()
    qtbot.waitUntil(window.isActiveWindow)
    assert page.panel.description.hasFocus()
    _type(window, "等候区饮水机水桶已空")
    _press(window, page.panel.description, Qt.Key.Key_Escape)

    # Finish: Ctrl+Enter shows the summary; Enter submits.
    summaries: list[SummaryDialog] = []

    def submit(dialog: QWidget) -> None:
        assert isinstance(dialog, SummaryDialog)
        summaries.append(dialog)
        assert dialog.submit.isEnabled()
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(submit)
    _press(window, tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.runner.wait_idle()
    assert summaries and window.pages.currentWidget() is window.home

    # The store, not the widgets, is the judge.
    with window.runner.store.unit_of_work() as uow:
        inspection = uow.session.scalars(select(Inspection)).one()
        findings = {f.id: f for f in uow.session.scalars(select(Finding))}
        photos = uow.session.scalars(select(Photo)).all()
        outbox = uow.session.scalars(select(OutboxEntry.entity)).all()
    assert inspection.status == InspectionStatus.SUBMITTED
    assert inspection.team == ["张明", "李华"]
    for finding, key in zip(category_a, KEYS, strict=True):
        assert findings[finding.id].result == RESULTS[key], finding.item_code
    for finding_id, text in described.items():
        assert findings[finding_id].description == text
    required = [f for f, k in zip(category_a, KEYS, strict=True) if k == "2" and f.photo_required]
    assert len(photos) == 2 * len(required)
    adhoc = [f for f in findings.values() if f.item_code is None]
    assert [(f.title, f.description) for f in adhoc] == [("大厅饮水机无水", "等候区饮水机水桶已空")]
    assert {"inspection", "finding", "photo"} <= set(outbox)
