"""证号与记录人: each team member's 执法证号/工作证号 and who writes the record.

A number the record sheet could not carry is refused here, in the dialog,
before anything is saved (the service checks again with the same rule).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.record_facts import check_cert_no
from inspector_app.services.queries import InspectionSheet
from inspector_app.ui.i18n import current_language


class RecordFactsDialog(QDialog):
    def __init__(self, sheet: InspectionSheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("证号与记录人"))
        self.numbers: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        hint = QLabel(self.tr("印在现场检查记录表上：检查人员的执法证号（无执法证的填工作证号）。"))
        hint.setWordWrap(True)
        form.addRow(hint)
        for name in sheet.team:
            edit = QLineEdit(sheet.record.cert_nos.get(name, ""))
            edit.setObjectName(f"cert-no-{name}")
            self.numbers[name] = edit
            form.addRow(name, edit)
        self.recorder_choice = QComboBox()
        self.recorder_choice.setObjectName("recorder")
        for name in sheet.team:
            self.recorder_choice.addItem(name, name)
        self.recorder_choice.setCurrentIndex(
            max(self.recorder_choice.findData(sheet.record.recorder), 0)
        )
        form.addRow(self.tr("记录人"), self.recorder_choice)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(420, 0)

    def accept(self) -> None:
        for name, edit in self.numbers.items():
            try:
                check_cert_no(name, edit.text())
            except ValidationFailed as error:
                self.error.setText(error.message(current_language()))
                self.error.show()
                edit.setFocus()
                edit.selectAll()
                return
        super().accept()

    def cert_nos(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.numbers.items()}

    def recorder(self) -> str:
        return self.recorder_choice.currentData() or ""
