"""整改跟踪, used as a supervisor uses it: the issued notices with their warning colours,
filters, one notice's problems and history; every step a button, a dialog answered,
and the store holding the step afterwards.

The desk (tests/ui/tracking_desk.py over tests/desk_data.py) is built once per module and
copied for each test; the screens are in test_tracking_screens.py.
"""

from __future__ import annotations

from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from inspector_app.domain.notice import NoticeStatus
from inspector_app.domain.rectification import VerificationResult
from inspector_app.services.notice_state import progress
from inspector_app.services.tracking import PROBLEM_STATE_LABELS, ProblemState
from inspector_app.ui.i18n import pick
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.tracking.report_dialogs import FeedbackDialog, VerifyDialog
from inspector_app.ui.tracking.step_dialogs import (
    CloseDialog,
    DeliveryDialog,
    EscalateDialog,
    ExtensionDialog,
    ReturnDialog,
)
from inspector_app.ui.tracking.warning_chip import LEVEL_ROLE
from tests.desk_data import CLOSED, OVERDUE, TODAY
from tests.rectification_builders import PROBLEMS, scanned_report, site_photo

from .conftest import accept_file_dialog, when_modal
from .test_review_page import outbox_size
from .test_walkthrough import ime_commit
from .tracking_desk import (  # noqa: F401 (fixtures)
    NEAR,
    answer,
    arrange,
    cell,
    click,
    data_dir_fixture,
    delivered,
    desk_fixture,
    desk_folder_fixture,
    notice_id_of,
    open_page,
    reopened,
    reported,
    select,
)


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
    assert keys.index("tracking") == keys.index("notices") + 1
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


# --- the steps, each a button and its dialog answered ---


def test_the_whole_loop_on_the_overdue_notice_from_delivery_to_closing(
    qtbot, desk: StoreRunner, tmp_path: Path
) -> None:
    page = open_page(qtbot, desk)
    assert page.pane.detail.row.number == OVERDUE
    actions = page.actions
    assert not actions.verify.isEnabled() and not actions.close_.isEnabled()

    def delivery(dialog: DeliveryDialog) -> None:
        dialog.on.setDate(QDate(2026, 11, 4))
        dialog.method.setCurrentIndex(dialog.method.findText("邮寄送达"))
        ime_commit(dialog.recipient, "王芳")

    answer(qtbot, DeliveryDialog, delivery)
    click(qtbot, actions.deliver)
    qtbot.waitUntil(lambda: cell(page, OVERDUE, 2) == "整改中")
    assert "已登记送达" in page.message.text()
    qtbot.waitUntil(lambda: "2026-11-04  送达 · 王芳" in page.pane.timeline_texts())
    assert not actions.deliver.isEnabled()

    # ASCII names: the file dialog is typed into key by key (QTest knows no 汉字 keys)
    photo = site_photo(tmp_path / "unit", "after.jpg")
    scan = scanned_report(tmp_path / "unit", "report.pdf")

    def report(dialog: FeedbackDialog) -> None:
        [part] = dialog.answers
        dialog.received_on.setDate(QDate(2026, 12, 1))
        ime_commit(part.measures, "已安排专人每日巡查饮水机。")
        ime_commit(part.responsible, "李主任")
        for path in (photo, scan):  # two trips to the file dialog, one file each
            when_modal(lambda d, p=path: accept_file_dialog(d, str(p)), kind=QFileDialog)
            qtbot.mouseClick(part.add_button, Qt.MouseButton.LeftButton)
        assert [part.evidence.item(i).text() for i in range(2)] == [photo.name, scan.name]

    answer(qtbot, FeedbackDialog, report)
    click(qtbot, actions.feedback)
    qtbot.waitUntil(lambda: cell(page, OVERDUE, 2) == "已反馈")
    assert page.message.text() == "已记录整改报告：1 个问题，2 份证明材料。"
    qtbot.waitUntil(lambda: page.pane.problem_states() == ["待核查"])
    answers = page.pane.findChildren(QLabel, "tracking-answer")
    assert "责任人：李主任" in answers[0].text() and "证明材料 2 份" in answers[0].text()

    def verification(dialog: VerifyDialog) -> None:
        ime_commit(dialog.verifier, "陈主任")
        dialog.choose(1, VerificationResult.RECTIFIED)

    answer(qtbot, VerifyDialog, verification)
    click(qtbot, actions.verify)
    qtbot.waitUntil(lambda: page.pane.problem_states() == ["已整改到位"])
    assert cell(page, OVERDUE, 2) == "复查中"
    assert cell(page, OVERDUE, 4) == "—"  # the unit answered in time: the bureau owes the step

    answer(qtbot, CloseDialog, lambda dialog: ime_commit(dialog.verifier, "陈主任"))
    click(qtbot, actions.close_)
    qtbot.waitUntil(lambda: page.message.text() == "通知书已销号。")
    qtbot.waitUntil(lambda: page.pane.detail.row.closed)
    assert page.list_texts(0) == [NEAR, OVERDUE, CLOSED]  # closed ones go to the end
    steps = [text.split("  ")[1].split(" · ")[0] for text in page.pane.timeline_texts()]
    assert steps == ["签发（成文）", "送达", "收到整改报告", "复查", "销号"]
    assert not any(b.isEnabled() for b in page.actions.findChildren(QPushButton))

    with closing(reopened(desk)) as again, again.unit_of_work() as uow:
        state = progress(uow, page.pane.detail.row.id, TODAY)
        assert (state["status"], state["closed_by"], state["closed_on"]) == (
            "closed",
            "陈主任",
            "2026-12-03",
        )
        assert (state["delivery_method"], state["delivery_recipient"]) == ("mail", "王芳")
        [problem] = state["problems"]
        [answered] = problem["feedback"]
        assert answered["measures"] == "已安排专人每日巡查饮水机。"
        assert answered["verification_result"] == "rectified"
        assert len(answered["evidence_sha256"]) == 2
        for sha in answered["evidence_sha256"]:
            assert again.photos.original_path(sha).exists()


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [
        ("zh_CN", "有 1 个问题未整改到位，不能销号，请退回重办。"),
        ("en", "1 problem(s) are not rectified; return the notice instead."),
    ],
)
def test_closing_with_a_problem_not_rectified_is_refused_then_it_goes_back_for_redo(
    qtbot, desk: StoreRunner, lang: str, refusal: str
) -> None:
    from inspector_app.ui.i18n import install_language

    notice_id = arrange(desk.store, NEAR, delivered, reported)
    assert install_language(lang)
    page = open_page(qtbot, desk)
    select(qtbot, page, NEAR)

    def verification(dialog: VerifyDialog) -> None:
        ime_commit(dialog.verifier, "陈主任")
        dialog.choose(1, VerificationResult.RECTIFIED)
        dialog.choose(2, VerificationResult.NOT_RECTIFIED)

    answer(qtbot, VerifyDialog, verification)
    click(qtbot, page.actions.verify)
    rectified, not_rectified = (
        pick(PROBLEM_STATE_LABELS[state])
        for state in (ProblemState.RECTIFIED, ProblemState.NOT_RECTIFIED)
    )
    qtbot.waitUntil(lambda: page.pane.problem_states() == [rectified, not_rectified])
    before = outbox_size(desk.store)
    seen: list[str] = []

    def refused(box: QMessageBox) -> None:
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    def try_closing(dialog: CloseDialog) -> None:
        ime_commit(dialog.verifier, "陈主任")
        when_modal(refused, kind=QMessageBox)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(seen))
        qtbot.waitUntil(dialog.ok_button.isEnabled)
        assert dialog.isVisible() and dialog.verifier.text() == "陈主任"  # kept for a retry
        dialog.reject()

    when_modal(try_closing, kind=CloseDialog)
    click(qtbot, page.actions.close_)
    desk.wait_idle()
    assert seen == [refusal]
    assert outbox_size(desk.store) == before
    with desk.store.unit_of_work() as uow:
        assert progress(uow, notice_id, TODAY)["status"] == "under_review"

    def redo(dialog: ReturnDialog) -> None:
        ime_commit(dialog.verifier, "陈主任")
        dialog.working_days.setValue(5)
        ime_commit(dialog.reason, "问题2未整改到位。")

    answer(qtbot, ReturnDialog, redo)
    click(qtbot, page.actions.return_)
    qtbot.waitUntil(lambda: page.pane.detail.row.deadline == date(2026, 12, 10))
    row = page.list_texts(0).index(NEAR)
    assert page.model.item(row, 3).text() == "2026-12-10"  # 5 working days from 12-03
    assert page.model.item(row, 5).data(LEVEL_ROLE) == "yellow"  # poorly done: sent back
    assert "2026-12-10" in page.message.text()
    with closing(reopened(desk)) as again, again.unit_of_work() as uow:
        state = progress(uow, notice_id, TODAY)
        assert (state["status"], state["returned_count"], state["deadline"]) == (
            "returned",
            1,
            "2026-12-10",
        )
    install_language("zh_CN")


def test_an_extension_is_requested_then_granted(qtbot, desk: StoreRunner) -> None:
    page = open_page(qtbot, desk)
    select(qtbot, page, NEAR)

    def request(dialog: ExtensionDialog) -> None:
        assert not dialog.deciding
        dialog.until.setDate(QDate(2026, 12, 20))
        ime_commit(dialog.reason, "需采购新的叫号设备，到货需两周。")

    answer(qtbot, ExtensionDialog, request)
    click(qtbot, page.actions.extend)
    qtbot.waitUntil(lambda: "已交办（已申请延期）" in page.list_texts(2))
    qtbot.waitUntil(lambda: page.pane.findChild(QLabel, "tracking-extension") is not None)
    extension = page.pane.findChild(QLabel, "tracking-extension")
    assert (
        extension.text()
        == "已申请延期：申请延至 2026-12-20，理由：需采购新的叫号设备，到货需两周。"
    )

    def grant(dialog: ExtensionDialog) -> None:
        assert dialog.deciding and dialog.grant.isChecked()
        ime_commit(dialog.actor, "陈主任")
        ime_commit(dialog.reason, "理由充分，同意延期。")

    answer(qtbot, ExtensionDialog, grant)
    click(qtbot, page.actions.extend)
    qtbot.waitUntil(lambda: page.message.text() == "已批准延期，整改期限为 2026-12-20。")
    qtbot.waitUntil(lambda: cell(page, NEAR, 4) == "剩 17 天")
    assert cell(page, NEAR, 5) == "正常"
    qtbot.waitUntil(lambda: len(page.pane.timeline_texts()) == 3)
    steps = page.pane.timeline_texts()
    assert steps[-2].startswith("2026-12-03  申请延期 · 期限 2026-12-20")
    assert steps[-1].startswith("2026-12-03  批准延期 · 期限 2026-12-20 · 陈主任")


def test_the_overdue_unit_is_called_in_for_a_talk(qtbot, desk: StoreRunner) -> None:
    page = open_page(qtbot, desk)

    def talk(dialog: EscalateDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findText("约谈"))
        ime_commit(dialog.note, "约谈政务服务中心分管负责同志。")

    answer(qtbot, EscalateDialog, talk)
    click(qtbot, page.actions.escalate)
    qtbot.waitUntil(lambda: page.message.text() == "已记录约谈。")
    qtbot.waitUntil(
        lambda: "2026-12-03  约谈 · 约谈政务服务中心分管负责同志。" in page.pane.timeline_texts()
    )
    with closing(reopened(desk)) as again, again.unit_of_work() as uow:
        state = progress(uow, page.pane.detail.row.id, TODAY)
        assert state["escalation"] == "admonition"
        assert [e["kind"] for e in state["events"]] == ["admonition"]
