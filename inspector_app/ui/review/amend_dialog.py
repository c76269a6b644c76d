"""更正: a correction of an approved inspection's problem, always with its reason.

The dialog writes through the store runner (services/review.correct_finding) and
stays open with the service's sentence when it refuses (a reason too short, no change).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.finding import FindingResult
from inspector_app.services.queries import FindingView, InspectionSheet
from inspector_app.ui.errors import user_message
from inspector_app.ui.operations import review as ops
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.widgets import shows_user_data


class AmendDialog(QDialog):
    def __init__(self, runner: StoreRunner, sheet: InspectionSheet, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("更正检查记录"))
        self.runner = runner
        self.problems: list[FindingView] = [
            f for f in sheet.findings if f.result == FindingResult.FAIL
        ]
        self.problem = shows_user_data(QComboBox())
        for number, finding in enumerate(self.problems, 1):
            self.problem.addItem(f"{number}. {finding.title}", finding.id)
        self.field = QComboBox()
        self.field.addItem(self.tr("问题描述"), "description")
        self.field.addItem(self.tr("窗口号"), "window_no")
        self.field.addItem(self.tr("工号"), "staff_badge")
        self.value = QPlainTextEdit()
        self.value.setFixedHeight(72)
        self.reason = QLineEdit(
            placeholderText=self.tr("为什么更正（至少4个字），将随更正记录保存")
        )
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("问题"), self.problem)
        form.addRow(self.tr("更正内容"), self.field)
        form.addRow(self.tr("更正为"), self.value)
        form.addRow(self.tr("更正理由"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存更正"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self.problem.currentIndexChanged.connect(self._fill_value)
        self.field.currentIndexChanged.connect(self._fill_value)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self._fill_value()

    def _fill_value(self) -> None:
        """The current value, to edit rather than retype."""
        index = self.problem.currentIndex()
        if 0 <= index < len(self.problems):
            self.value.setPlainText(str(getattr(self.problems[index], self.field.currentData())))

    def _save(self) -> None:
        self.buttons.setEnabled(False)

        def refused(error: Exception) -> None:
            self.buttons.setEnabled(True)
            self.message.setText(user_message(error))
            self.message.show()

        self.runner.write(
            ops.correct(
                finding_id=self.problem.currentData(),
                field=self.field.currentData(),
                new_value=self.value.toPlainText().strip(),
                reason=self.reason.text(),
            ),
            lambda _: self.accept(),
            refused,
            initiator=self,
        )
