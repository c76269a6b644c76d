"""起草: pick an approved inspection that has no notices yet; one draft per responsible unit
is made from it (services/notice_drafts.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.services.notice_desk import Draftable
from inspector_app.ui.widgets import shows_user_data

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DraftDialog(QDialog):
    def __init__(self, choices: list[Draftable], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("起草整改通知书"))
        self.resize(560, 380)
        intro = QLabel(
            self.tr(
                "选择一次审核通过的检查：按责任单位各起草一份通知书草稿，每份列出该单位的问题。"
            )
        )
        intro.setWordWrap(True)
        self.choices = shows_user_data(QListWidget())
        self.choices.setObjectName("draft-choices")
        for choice in choices:
            when = f"{bureau_time.local(choice.started_at):%Y-%m-%d %H:%M}"
            text = f"{choice.site}　{when}"
            if choice.campaign:
                text += f"　{choice.campaign}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, choice.id)
            self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("起草"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.choices.itemDoubleClicked.connect(lambda _: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.buttons)

    def chosen_id(self) -> str | None:
        item = self.choices.currentItem()
        return item.data(ID_ROLE) if item is not None else None
