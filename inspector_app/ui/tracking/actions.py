"""The tracking page's step buttons: each opens its dialog for the selected notice.

A button is enabled when the notice's lifecycle has that step at all (送达 of an issued
notice, 销号 of one under review, …); whether the step may be taken now (every problem
rectified? before the deadline?) is the service's to say, in its message box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QMessageBox, QPushButton, QWidget

from inspector_app.domain.notice import (
    EXTENSION_LIFECYCLE,
    NOTICE_LIFECYCLE,
    OWES_ACTION,
    ExtensionAction,
    ExtensionStatus,
    NoticeAction,
    NoticeStatus,
)
from inspector_app.services.tracking import TrackingDetail
from inspector_app.settings import load_settings
from inspector_app.ui.errors import user_message
from inspector_app.ui.operations.recheck import start_recheck
from inspector_app.ui.tracking import report_dialogs, step_dialogs
from inspector_app.ui.tracking.step_dialog import StepDialog

if TYPE_CHECKING:
    from inspector_app.ui.tracking.tracking_page import TrackingPage

REPORTABLE = frozenset({NoticeStatus.ISSUED, NoticeStatus.IN_PROGRESS, NoticeStatus.RETURNED})
VERIFIABLE = frozenset({NoticeStatus.FEEDBACK_SUBMITTED, NoticeStatus.UNDER_REVIEW})


class TrackingActions(QWidget):
    recheck_started = Signal(str)  # the new 复查's inspection id: the window opens it

    def __init__(self, page: TrackingPage) -> None:
        super().__init__(page)
        self.page = page
        self.detail: TrackingDetail | None = None
        self.deliver = self._button("deliver", self.tr("送达登记…"), step_dialogs.DeliveryDialog)
        self.feedback = self._button(
            "feedback", self.tr("整改反馈…"), report_dialogs.FeedbackDialog
        )
        self.verify = self._button("verify", self.tr("核查…"), report_dialogs.VerifyDialog)
        self.close_ = self._button("close", self.tr("销号…"), step_dialogs.CloseDialog)
        self.return_ = self._button("return", self.tr("退回重办…"), step_dialogs.ReturnDialog)
        self.extend = self._button("extend", self.tr("延期…"), step_dialogs.ExtensionDialog)
        self.escalate = self._button("escalate", self.tr("督办…"), step_dialogs.EscalateDialog)
        self.recheck = QPushButton(self.tr("复查…"))
        self.recheck.setObjectName("tracking-recheck")
        self.recheck.setToolTip(self.tr("到现场逐项复查单位报告已整改的问题，结果即为核查结论"))
        self.recheck.clicked.connect(self.start_recheck)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        row_one = (self.deliver, self.feedback, self.verify, self.close_)
        row_two = (self.recheck, self.return_, self.extend, self.escalate)
        for column, button in enumerate(row_one):
            grid.addWidget(button, 0, column)
        for column, button in enumerate(row_two):
            grid.addWidget(button, 1, column)
        self.allow(None)

    def _button(self, name: str, text: str, dialog: type[StepDialog]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"tracking-{name}")
        button.clicked.connect(lambda: self.open(dialog))
        return button

    def allow(self, detail: TrackingDetail | None) -> None:
        """Enable the steps the selected notice's lifecycle has."""
        self.detail = detail
        status = detail.row.status if detail else None
        extension = detail.row.extension if detail else ExtensionStatus.NONE
        can = {
            self.deliver: status is not None
            and NOTICE_LIFECYCLE.can(status, NoticeAction.ACKNOWLEDGE),
            self.feedback: status in REPORTABLE,
            self.verify: status in VERIFIABLE,
            self.recheck: status in VERIFIABLE,
            self.close_: status == NoticeStatus.UNDER_REVIEW,
            self.return_: status == NoticeStatus.UNDER_REVIEW,
            self.extend: status in OWES_ACTION
            and (
                extension == ExtensionStatus.REQUESTED
                or EXTENSION_LIFECYCLE.can(extension, ExtensionAction.REQUEST)
            ),
            self.escalate: status in OWES_ACTION,
        }
        for button, on in can.items():
            button.setEnabled(on)

    def open(self, dialog_class: type[StepDialog]) -> None:
        detail = self.detail
        if detail is None:
            return
        page = self.page
        if dialog_class in (step_dialogs.DeliveryDialog, report_dialogs.FeedbackDialog):
            dialog = dialog_class(page.runner, detail, page.today, page)
        else:  # a step someone answers for: their name to start with
            person = load_settings().inspector_name
            dialog = dialog_class(page.runner, detail, page.today, page, person=person)
        if dialog.exec() == StepDialog.DialogCode.Accepted:
            page.recorded(dialog.done_text())

    def start_recheck(self) -> None:
        """After a question, a new 复查 of the reported problems, opened in the window."""
        detail = self.detail
        if detail is None:
            return
        asked = QMessageBox.question(
            self,
            self.tr("开始复查"),
            self.tr(
                "为通知书 {0} 新建一次复查：逐项记录单位报告的问题是否已整改到位，"
                "完成复查后结果即记为本轮核查结论。现在开始吗？"
            ).format(detail.row.number or "—"),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return
        team = [load_settings().inspector_name or self.tr("复查人")]

        def refused(error: Exception) -> None:
            QMessageBox.warning(self, self.tr("不能开始复查"), user_message(error))

        self.page.runner.write(
            start_recheck(notice_id=detail.row.id, team=team),
            self.recheck_started.emit,
            refused,
            initiator=self,
        )
