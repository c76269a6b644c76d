"""What every step's dialog shares: a form, OK runs the step through the store runner,
and a refused step is explained in a message box in the service's words while the
dialog stays open with what was typed, so a wrong date is corrected, not retyped.

The service checks everything before it changes anything, so a refusal leaves the
store as it was (services/rectification.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.tracking import TrackingDetail
from inspector_app.ui.errors import user_message
from inspector_app.ui.operations.tracking import Op
from inspector_app.ui.store_runner import StoreRunner


class StepDialog(QDialog):
    """Subclasses fill `self.form` and give `operation()` and `done_text()`."""

    def __init__(
        self,
        runner: StoreRunner,
        detail: TrackingDetail,
        today: date,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.detail = detail
        self.today = today
        self.value: object = None  # the step's result once it was recorded
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button.setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(460)

    def set_title(self, step: str) -> None:
        self.setWindowTitle(f"{step} · {self.detail.row.number}")

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def date_edit(self, initial: date | None = None, *, latest: date | None = None) -> QDateEdit:
        """A day of the bureau's calendar, today by default; never later than `latest`."""
        edit = QDateEdit(QDate(initial or self.today))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        if latest is not None:
            edit.setMaximumDate(QDate(latest))
        return edit

    def operation(self) -> Op:
        raise NotImplementedError

    def done_text(self) -> str:
        """What the page says once the step is recorded (self.value is the step's result)."""
        raise NotImplementedError

    def _save(self) -> None:
        self.buttons.setEnabled(False)

        def recorded(value: object) -> None:
            self.value = value
            self.accept()

        def refused(error: Exception) -> None:
            self.buttons.setEnabled(True)
            QMessageBox.warning(self, self.tr("不能完成这一步"), user_message(error))

        self.runner.write(self.operation(), recorded, refused, initiator=self)


def day_of(edit: QDateEdit) -> date:
    return edit.date().toPython()
