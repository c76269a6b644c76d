"""Finishing shows what is missing; a required photo blocks submission until added."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.services import inspections as ops
from inspector_app.store.models import Finding, Inspection
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.runner.summary_dialog import SummaryDialog
from tests.builders import start_with_a_problem

from .conftest import when_modal


def _inspection_with_failed_a2(window: MainWindow) -> tuple[str, str]:
    return start_with_a_problem(window.runner.store, "12号窗口持续无人在岗")


def _status(window: MainWindow, inspection_id: str) -> InspectionStatus:
    with window.runner.store.unit_of_work() as uow:
        return uow.session.get(Inspection, inspection_id).status


def test_missing_required_photo_blocks_submit_with_its_message(
    qtbot,
    window: MainWindow,
    make_jpeg,
) -> None:
    inspection_id, a2 = _inspection_with_failed_a2(window)
    window.open_inspection(inspection_id)
    window.runner.wait_idle()
    page = window.runner_page
    page.tree.select_finding(a2)
    assert page.panel.photo_warning.isVisible() and page.panel.photo_warning.text()
    assert "⚠" in page.tree.currentItem().text(1)

    shown: list[tuple[bool, list[str]]] = []

    def inspect_and_go_back(dialog: QWidget) -> None:
        assert isinstance(dialog, SummaryDialog)
        texts = [dialog.missing.item(i).text() for i in range(dialog.missing.count())]
        shown.append((dialog.submit.isEnabled(), texts))
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(inspect_and_go_back)
    page.finish_inspection()
    window.runner.wait_idle()
    enabled, texts = shown[0]
    assert not enabled
    assert any(t.startswith("缺少照片：A2") for t in texts)
    assert _status(window, inspection_id) == InspectionStatus.DRAFT

    page.import_photos([make_jpeg()], finding_id=a2)  # the drop / file-dialog path
    window.runner.wait_idle()
    qtbot.waitUntil(lambda: not page.panel.photo_warning.text())  # refreshed after a burst

    def submit(dialog: QWidget) -> None:
        assert isinstance(dialog, SummaryDialog)
        assert dialog.submit.isEnabled()
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(submit)
    page.finish_inspection()
    window.runner.wait_idle()
    assert _status(window, inspection_id) == InspectionStatus.SUBMITTED


def test_submitted_inspection_opens_read_only(qtbot, window: MainWindow) -> None:
    inspection_id, a2 = _inspection_with_failed_a2(window)
    with window.runner.store.unit_of_work() as uow:
        uow.session.get(Finding, a2).photo_required = False
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    window.open_inspection(inspection_id)
    window.runner.wait_idle()
    page = window.runner_page
    assert page.banner.isVisible() and "只能查看" in page.banner.text()
    assert not page.finish.isEnabled() and not page.adhoc.isEnabled()
    page.tree.select_finding(a2)
    assert page.panel.description.isReadOnly()
    assert not page.panel.result_buttons[FindingResult.PASS].isEnabled()


def test_returned_inspection_shows_the_comment_and_can_be_edited(
    qtbot,
    window: MainWindow,
) -> None:
    inspection_id, a2 = _inspection_with_failed_a2(window)
    with window.runner.store.unit_of_work() as uow:
        uow.session.get(Finding, a2).photo_required = False
        ops.submit_inspection(uow, inspection_id)
        ops.review_inspection(uow, inspection_id, approve=False, comment="请补充工号")
        uow.commit()
    window.open_inspection(inspection_id)
    window.runner.wait_idle()
    page = window.runner_page
    assert "请补充工号" in page.banner.text()
    page.tree.select_finding(a2)
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_1)
    window.runner.wait_idle()
    with window.runner.store.unit_of_work() as uow:
        assert uow.session.get(Finding, a2).result == FindingResult.PASS
    assert "已自动保存" in window.save_state.text()


def test_choosing_a_window_names_the_unit_that_staffs_it(
    qtbot,
    window: MainWindow,
) -> None:
    inspection_id, a2 = _inspection_with_failed_a2(window)
    window.open_inspection(inspection_id)
    window.runner.wait_idle()
    page = window.runner_page
    page.tree.select_finding(a2)
    sheet = page.sheet
    target = next(w for w in sheet.windows if w.number == "3")
    combo = page.panel.window
    combo.setCurrentIndex(combo.findData("3"))
    combo.activated.emit(combo.currentIndex())
    window.runner.wait_idle()
    with window.runner.store.unit_of_work() as uow:
        finding = uow.session.get(Finding, a2)
    assert (finding.window_no, finding.unit_id) == ("3", target.unit_id)
    assert page.panel.unit.currentData() == target.unit_id


def test_ctrl_z_undoes_the_last_result_and_window_changes(
    qtbot,
    window: MainWindow,
) -> None:
    inspection_id, a2 = _inspection_with_failed_a2(window)
    window.open_inspection(inspection_id)
    window.runner.wait_idle()
    page = window.runner_page
    page.tree.select_finding(a2)
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_1)  # fail → pass; the cursor moves on to A3
    window.runner.wait_idle()
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Up)  # back to A2
    QTest.keyClick(page.tree, Qt.Key.Key_3)  # pass → not applicable
    window.runner.wait_idle()

    def result() -> FindingResult:
        with window.runner.store.unit_of_work() as uow:
            return uow.session.get(Finding, a2).result

    assert result() == FindingResult.NOT_APPLICABLE
    QTest.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.runner.wait_idle()
    assert result() == FindingResult.PASS
    QTest.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.runner.wait_idle()
    assert result() == FindingResult.FAIL
    assert "撤销" in window.statusBar().currentMessage()
