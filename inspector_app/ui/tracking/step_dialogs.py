"""The small steps of a notice's follow-up, one dialog each: 送达登记, 销号, 退回重办,
延期 (request, or approve/refuse an open request) and 督办 (催办函, 约谈, 问责).

Each gathers what the service needs and nothing more; the checks are the service's.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from inspector_app.domain.rectification import (
    DELIVERY_LABELS,
    ESCALATION_KINDS,
    EVENT_LABELS,
    DeliveryMethod,
    NoticeEventKind,
)
from inspector_app.services.tracking import TrackingDetail
from inspector_app.ui.i18n import pick
from inspector_app.ui.operations import tracking as ops
from inspector_app.ui.operations.tracking import Op
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.tracking.step_dialog import StepDialog, day_of
from inspector_app.ui.widgets import shows_user_data

REDO_WORKING_DAYS = 10  # the period a return gives by default; the supervisor sets it


def _text_box(placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(64)
    return box


class DeliveryDialog(StepDialog):
    def __init__(
        self, runner: StoreRunner, detail: TrackingDetail, today: date, parent: QWidget
    ) -> None:
        super().__init__(runner, detail, today, parent)
        self.set_title(self.tr("送达登记"))
        self.on = self.date_edit(latest=today)
        self.method = QComboBox()
        for method in DeliveryMethod:
            self.method.addItem(pick(DELIVERY_LABELS[method]), method)
        self.recipient = QLineEdit(placeholderText=self.tr("在送达回证上签收的人"))
        self.form.addRow(self.tr("送达日期"), self.on)
        self.form.addRow(self.tr("送达方式"), self.method)
        self.form.addRow(self.tr("受送达人"), self.recipient)

    def operation(self) -> Op:
        return ops.deliver(
            notice_id=self.detail.row.id,
            on=day_of(self.on),
            method=DeliveryMethod(self.method.currentData()),  # Qt gives back a str
            recipient=self.recipient.text(),
            today=self.today,
        )

    def done_text(self) -> str:
        return self.tr("已登记送达，整改开始计时。")


class CloseDialog(StepDialog):
    """销号: the service refuses it while a problem is not found rectified."""

    def __init__(
        self,
        runner: StoreRunner,
        detail: TrackingDetail,
        today: date,
        parent: QWidget,
        person: str = "",
    ) -> None:
        super().__init__(runner, detail, today, parent)
        self.set_title(self.tr("销号"))
        self.on = self.date_edit(latest=today)
        self.verifier = QLineEdit(person)
        self.note = _text_box(self.tr("可不填"))
        self.form.addRow(self.tr("销号日期"), self.on)
        self.form.addRow(self.tr("销号人"), self.verifier)
        self.form.addRow(self.tr("备注"), self.note)

    def operation(self) -> Op:
        return ops.close(
            notice_id=self.detail.row.id,
            verifier=self.verifier.text(),
            on=day_of(self.on),
            note=self.note.toPlainText(),
            today=self.today,
        )

    def done_text(self) -> str:
        return self.tr("通知书已销号。")


class ReturnDialog(StepDialog):
    """退回重办 with a new period in working days, counted as the CLI counts them."""

    def __init__(
        self,
        runner: StoreRunner,
        detail: TrackingDetail,
        today: date,
        parent: QWidget,
        person: str = "",
    ) -> None:
        super().__init__(runner, detail, today, parent)
        self.set_title(self.tr("退回重办"))
        self.on = self.date_edit(latest=today)
        self.verifier = QLineEdit(person)
        self.working_days = QSpinBox()
        self.working_days.setRange(1, 60)
        self.working_days.setValue(REDO_WORKING_DAYS)
        self.working_days.setSuffix(self.tr(" 个工作日"))
        self.reason = _text_box(self.tr("哪些问题未整改到位，应当怎样重新整改"))
        self.form.addRow(self.tr("退回日期"), self.on)
        self.form.addRow(self.tr("核查人"), self.verifier)
        self.form.addRow(self.tr("重新整改期限"), self.working_days)
        self.form.addRow(self.tr("退回理由"), self.reason)

    def operation(self) -> Op:
        return ops.return_for_redo(
            notice_id=self.detail.row.id,
            verifier=self.verifier.text(),
            on=day_of(self.on),
            working_days=self.working_days.value(),
            reason=self.reason.toPlainText(),
            today=self.today,
        )

    def done_text(self) -> str:
        return self.tr("已退回重办，新的整改期限为 {0}。").format(f"{self.value:%Y-%m-%d}")


class ExtensionDialog(StepDialog):
    """申请延期 while none is open; with one open, 批准 or 不予延期 it."""

    def __init__(
        self,
        runner: StoreRunner,
        detail: TrackingDetail,
        today: date,
        parent: QWidget,
        person: str = "",
    ) -> None:
        super().__init__(runner, detail, today, parent)
        self.set_title(self.tr("延期"))
        self.deciding = detail.requested_until is not None
        self.on = self.date_edit(latest=today)
        self.reason = _text_box()
        if self.deciding:
            asked = shows_user_data(
                QLabel(
                    self.tr("申请延至 {0}。理由：{1}").format(
                        f"{detail.requested_until:%Y-%m-%d}", detail.requested_reason
                    )
                )
            )
            asked.setWordWrap(True)
            self.grant = QRadioButton(self.tr("批准延期"))
            self.refuse = QRadioButton(self.tr("不予延期"))
            self.grant.setChecked(True)
            choice = QButtonGroup(self)
            choice.addButton(self.grant)
            choice.addButton(self.refuse)
            row = QHBoxLayout()
            row.addWidget(self.grant)
            row.addWidget(self.refuse)
            row.addStretch(1)
            self.actor = QLineEdit(person)
            self.reason.setPlaceholderText(self.tr("审批意见，将记入办理经过"))
            self.form.addRow(self.tr("延期申请"), asked)
            self.form.addRow(self.tr("审批"), row)
            self.form.addRow(self.tr("审批日期"), self.on)
            self.form.addRow(self.tr("审批人"), self.actor)
            self.form.addRow(self.tr("审批意见"), self.reason)
        else:
            deadline = detail.row.deadline or today
            self.until = self.date_edit(max(deadline, today) + timedelta(days=7))
            self.until.setMinimumDate(QDate(deadline + timedelta(days=1)))
            self.reason.setPlaceholderText(self.tr("责任单位说明的延期理由"))
            self.form.addRow(self.tr("申请日期"), self.on)
            self.form.addRow(self.tr("申请延至"), self.until)
            self.form.addRow(self.tr("延期理由"), self.reason)

    def operation(self) -> Op:
        if self.deciding:
            return ops.decide_extension(
                notice_id=self.detail.row.id,
                grant=self.grant.isChecked(),
                on=day_of(self.on),
                reason=self.reason.toPlainText(),
                actor=self.actor.text(),
                today=self.today,
            )
        return ops.request_extension(
            notice_id=self.detail.row.id,
            on=day_of(self.on),
            until=day_of(self.until),
            reason=self.reason.toPlainText(),
            today=self.today,
        )

    def done_text(self) -> str:
        if not self.deciding:
            return self.tr("已记录延期申请。")
        if self.grant.isChecked():
            return self.tr("已批准延期，整改期限为 {0}。").format(f"{self.value:%Y-%m-%d}")
        return self.tr("已不予延期，整改期限不变。")


class EscalateDialog(StepDialog):
    """督办: 催办函 to a unit that owes work; 约谈 and 问责 for a red or yellow notice."""

    def __init__(
        self,
        runner: StoreRunner,
        detail: TrackingDetail,
        today: date,
        parent: QWidget,
        person: str = "",
    ) -> None:
        super().__init__(runner, detail, today, parent)
        self.set_title(self.tr("督办"))
        self.kind = QComboBox()
        for kind in ESCALATION_KINDS:
            self.kind.addItem(pick(EVENT_LABELS[kind]), kind)
        self.on = self.date_edit(latest=today)
        self.note = _text_box(self.tr("发函文号、约谈对象或问责决定等情况"))
        self.actor = QLineEdit(person)
        self.form.addRow(self.tr("督办方式"), self.kind)
        self.form.addRow(self.tr("日期"), self.on)
        self.form.addRow(self.tr("情况说明"), self.note)
        self.form.addRow(self.tr("经办人"), self.actor)

    def operation(self) -> Op:
        return ops.escalate(
            notice_id=self.detail.row.id,
            kind=NoticeEventKind(self.kind.currentData()),
            on=day_of(self.on),
            note=self.note.toPlainText(),
            actor=self.actor.text(),
            today=self.today,
        )

    def done_text(self) -> str:
        return self.tr("已记录{0}。").format(self.kind.currentText())
