"""The supervisor's 审核 page, clicked as a supervisor clicks it, over a real store.

The role is what a finished sync remembers from /me (sync/engine.py); signing in is
tested in tests/ui/sync/test_desk_after_sign_in.py, the sync in tests/sync/test_review_sync.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from inspector_app.domain.inspection import InspectionStatus
from inspector_app.services import inspections as ops
from inspector_app.settings import Settings
from inspector_app.store.models import Inspection, OutboxEntry
from inspector_app.store.store import Store
from inspector_app.sync import state
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner
from tests.builders import start_with_a_problem

from .conftest import when_modal
from .test_walkthrough import ime_commit


def remember(store: Store, role: str) -> None:
    """What the last finished sync wrote about the account."""
    with store.unit_of_work(suppress_outbox=True) as uow:
        state.put(uow.session, "username", "chen")
        state.put(uow.session, "role", role)
        state.put(uow.session, "team", "一组")
        uow.commit()


def submitted(store: Store, description: str, site: str = "yimei-center") -> str:
    inspection_id, _ = start_with_a_problem(store, description, item_code="C1", site=site)
    with store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    return inspection_id


def stored(store: Store, inspection_id: str) -> tuple[InspectionStatus, str]:
    with store.unit_of_work() as uow:
        found = uow.session.get(Inspection, inspection_id)
        return found.status, found.review_comment


def outbox_size(store: Store) -> int:
    with store.unit_of_work() as uow:
        return len(uow.session.query(OutboxEntry).all())


def open_window(qtbot, runner: StoreRunner) -> MainWindow:
    main = MainWindow(runner, Settings(inspector_name="陈主任"))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    runner.wait_idle()
    return main


@pytest.fixture
def two_waiting(seeded_store: Store) -> Iterator[tuple[str, str]]:
    yield (
        submitted(seeded_store, "3号窗口无人在岗，群众等候20分钟"),
        submitted(seeded_store, "自助终端故障无人处理", site="wucui-center"),
    )


def _review_tab(qtbot, window: MainWindow):
    qtbot.waitUntil(lambda: window.nav.isVisible())
    tabs = [window.nav.tabText(i) for i in range(window.nav.count())]
    assert tabs == ["我的检查", "审核", "通知书", "整改跟踪", "统计"]
    window.nav.select("review")
    page = window.desk["review"]
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page)
    window.runner.wait_idle()
    return page


def test_an_inspector_sees_only_the_inspections_no_review_tab(
    qtbot, seeded_store: Store, runner: StoreRunner, two_waiting
) -> None:
    remember(seeded_store, "inspector")
    window = open_window(qtbot, runner)
    assert window.role == "inspector"
    assert not window.nav.isVisible() and window.nav.keys() == ("home",)
    assert window.pages.currentWidget() is window.home and "review" not in window.desk


def test_a_supervisor_returns_one_with_a_comment_and_approves_the_other(
    qtbot, seeded_store: Store, runner: StoreRunner, two_waiting
) -> None:
    yimei, wucui = two_waiting
    remember(seeded_store, "supervisor")
    window = open_window(qtbot, runner)
    page = _review_tab(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.count.text() == "显示 2 / 共 2 次待审核"

    page.search.setFocus()
    ime_commit(page.search, "自助终端")  # search by what was seen
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.selected_id() == wucui
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)

    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail.problem_texts() == ["3号窗口无人在岗，群众等候20分钟"])
    assert page.selected_id() == yimei
    before = outbox_size(seeded_store)

    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)  # no comment yet
    qtbot.waitUntil(page.problem.isVisible)
    assert "退回时必须填写退回意见" in page.problem.text()
    assert stored(seeded_store, yimei) == (InspectionStatus.SUBMITTED, "")
    assert outbox_size(seeded_store) == before

    page.comment.setFocus()
    ime_commit(page.comment, "请补拍3号窗口照片")
    assert not page.problem.isVisible()
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert stored(seeded_store, yimei) == (InspectionStatus.RETURNED, "请补拍3号窗口照片")
    assert "已退回" in page.message.text() and page.comment.toPlainText() == ""

    qtbot.waitUntil(lambda: page.selected_id() == wucui)
    qtbot.waitUntil(lambda: page.detail.problem_texts() == ["自助终端故障无人处理"])
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), kind=QMessageBox)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert stored(seeded_store, wucui)[0] == InspectionStatus.APPROVED
    assert page.empty.isVisible() and "已审核通过" in page.message.text()
    assert not page.approve_button.isEnabled()

    window.nav.select("home")  # back to the list: both show their new status
    qtbot.waitUntil(lambda: window.navigator.at_home)


def test_declining_the_approval_question_changes_nothing(
    qtbot, seeded_store: Store, runner: StoreRunner, two_waiting
) -> None:
    remember(seeded_store, "supervisor")
    window = open_window(qtbot, runner)
    page = _review_tab(qtbot, window)
    qtbot.waitUntil(lambda: page.detail.sheet is not None)
    before = outbox_size(seeded_store)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.No).click(), kind=QMessageBox)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    runner.wait_idle()
    assert page.model.rowCount() == 2 and outbox_size(seeded_store) == before


def test_an_approved_inspection_is_corrected_with_a_reason_from_the_approved_list(
    qtbot, seeded_store: Store, runner: StoreRunner, two_waiting
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from inspector_app.services import review
    from inspector_app.store.models import Finding
    from inspector_app.store.notice_models import Amendment
    from inspector_app.ui.review.amend_dialog import AmendDialog

    yimei, _ = two_waiting
    remember(seeded_store, "supervisor")
    with seeded_store.unit_of_work() as uow:
        review.approve(uow, yimei)
        uow.commit()
    window = open_window(qtbot, runner)
    page = _review_tab(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # one still waits
    page.view.setCurrentIndex(page.view.findText("已审核通过"))
    qtbot.waitUntil(lambda: page.selected_id() == yimei)
    qtbot.waitUntil(lambda: page.detail.sheet is not None and page.detail.sheet.id == yimei)
    assert page.corrections.isVisible() and not page.decision.isVisible()
    seen: list[str] = []

    def answer(dialog: AmendDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.field.setCurrentIndex(dialog.field.findData("description"))
        assert dialog.value.toPlainText() == "3号窗口无人在岗，群众等候20分钟"
        dialog.value.setPlainText("5号窗口无人在岗，群众等候20分钟")
        ime_commit(dialog.reason, "笔误")  # too short
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.message.isVisible)
        seen.append(dialog.message.text())
        dialog.reason.clear()
        dialog.reason.setFocus()
        ime_commit(dialog.reason, "现场记录窗口号有误")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_modal(answer, kind=AmendDialog)
    qtbot.mouseClick(page.correct_button, Qt.MouseButton.LeftButton)
    runner.wait_idle()
    assert seen and "更正必须说明理由" in seen[0]
    qtbot.waitUntil(lambda: page.detail.problem_texts() == ["5号窗口无人在岗，群众等候20分钟"])
    assert "更正已保存" in page.message.text()
    with seeded_store.unit_of_work() as uow:
        [amendment] = uow.session.query(Amendment).all()
        assert (amendment.reason, amendment.author) == ("现场记录窗口号有误", "chen")
        finding = uow.session.get(Finding, amendment.record_id)
        assert finding.description == "5号窗口无人在岗，群众等候20分钟"
    assert stored(seeded_store, yimei)[0] == InspectionStatus.APPROVED
