"""The runner's lines about the record sheet, above the checklist: who inspects (with
card numbers), who records, and for a 暗访 whether the inspectors made themselves
known (亮明身份).

The choice is the inspector's, made in the hall and saved at once like every
other field; it decides whether the record sheet asks the unit to sign.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from inspector_app.domain.inspection import InspectionMode, is_editable
from inspector_app.services.queries import InspectionSheet
from inspector_app.ui.operations import inspections as inspection_ops
from inspector_app.ui.operations.changes import OpResult
from inspector_app.ui.runner.record_facts_dialog import RecordFactsDialog
from inspector_app.ui.store_runner import StoreRunner, UnitOfWork
from inspector_app.ui.widgets import shows_user_data


class RecordFactsBar(QWidget):
    failed = Signal(object)  # the error of a refused write

    def __init__(self, runner: StoreRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.sheet: InspectionSheet | None = None
        self.team = shows_user_data(QLabel())
        self.team.setObjectName("record-team")
        self.identity_shown = QCheckBox(self.tr("已亮明身份"))
        self.identity_shown.setObjectName("identity-shown")
        self.identity_shown.setToolTip(
            self.tr(
                "暗访中检查人员向被检查单位亮明身份后勾选：现场检查记录表将请被检查单位负责人签名；"
                "未勾选时记录表注明未亮明身份，不请被检查单位签名。"
            )
        )
        self.edit = QPushButton(self.tr("证号与记录人…"))
        self.edit.setObjectName("record-facts-edit")
        self.team.setWordWrap(True)
        # Above the checklist, not as a row of the page: at 1280×720 every field of the
        # current item must stay in view without scrolling.
        choices = QHBoxLayout()
        choices.addWidget(self.identity_shown)
        choices.addStretch(1)
        choices.addWidget(self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.addWidget(self.team)
        layout.addLayout(choices)
        self.identity_shown.toggled.connect(self._identity_toggled)
        self.edit.clicked.connect(lambda: self.edit_facts())

    def above(self, checklist: QWidget) -> QWidget:
        """The runner's left pane: this bar, then the checklist."""
        pane = QWidget()
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self)
        column.addWidget(checklist, 1)
        return pane

    def show_sheet(self, sheet: InspectionSheet) -> None:
        self.sheet = sheet
        facts = sheet.record
        members = [
            f"{name}（{facts.cert_nos[name]}）" if facts.cert_nos.get(name) else name
            for name in sheet.team
        ]
        missing = [name for name in sheet.team if not facts.cert_nos.get(name)]
        text = self.tr("检查人员：{0}　记录人：{1}").format(
            "、".join(members), facts.recorder or self.tr("未指定")
        )
        if missing:
            text += self.tr("　（{0}未填证号）").format("、".join(missing))
        self.team.setText(text)
        editable = is_editable(sheet.status)
        self.identity_shown.setVisible(sheet.mode == InspectionMode.COVERT)
        self.identity_shown.blockSignals(True)  # showing the stored value is not a choice
        self.identity_shown.setChecked(facts.identity_shown)
        self.identity_shown.blockSignals(False)
        self.identity_shown.setEnabled(editable)
        self.edit.setEnabled(editable)

    def _identity_toggled(self, shown: bool) -> None:
        if self.sheet is None:
            return
        self._write(inspection_ops.record_facts(inspection_id=self.sheet.id, identity_shown=shown))

    def edit_facts(self) -> bool:
        """证号与记录人…: the team's card numbers and the recorder; saved on 保存."""
        if self.sheet is None:
            return False
        dialog = RecordFactsDialog(self.sheet, self)
        if dialog.exec() != RecordFactsDialog.DialogCode.Accepted:
            return False
        self._write(
            inspection_ops.record_facts(
                inspection_id=self.sheet.id,
                recorder=dialog.recorder(),
                cert_nos=dialog.cert_nos(),
            )
        )
        return True

    def _write(self, op: Callable[[UnitOfWork], OpResult[None]]) -> None:
        """The page redraws from the change set; a refusal is shown and redrawn too."""
        self.runner.write(op, None, self.failed.emit, initiator=self)
