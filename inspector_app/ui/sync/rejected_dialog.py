"""Changes the server refused, each with the server's reason, and a way to give one up.

A refused change never blocks the others and is not sent again; it waits here until
the inspector discards it; the next sync then puts the server's version back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.sync.errors import split_bilingual
from inspector_app.sync.status import RejectedView
from inspector_app.ui.errors import show_error
from inspector_app.ui.i18n import current_language
from inspector_app.ui.operations import sync as sync_ops
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.sync.conflict_texts import field_label, kind_and_label, when_text


def _message(text: str) -> str:
    """The server says "中文 / English"; show the half in the interface's language."""
    zh, en = split_bilingual(text)
    return en if current_language().startswith("en") else zh


class RejectedDialog(QDialog):
    def __init__(self, runner: StoreRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("被服务器拒绝的修改"))
        self.runner = runner
        self._buttons: dict[int, QPushButton] = {}
        intro = QLabel(
            self.tr(
                "服务器没有接受下列修改（原因见右侧）。它们不会再次上传，也不影响其他记录的同步；"
                "放弃后，下次同步时本机恢复为服务器上的内容。"
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("记录"), self.tr("修改的内容"), self.tr("修改于"), self.tr("服务器的说明"), ""]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("没有被拒绝的修改。"))
        self.empty.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(1100, 420)
        self.runner.read(sync_ops.rejected, self._show, lambda error: show_error(self, error))

    def _show(self, views: list[RejectedView]) -> None:
        for view in views:
            row = self.table.rowCount()
            self.table.insertRow(row)
            fields = self._fields(view)
            cells = (
                kind_and_label(view.entity, view.label),
                fields,
                when_text(view.made_at),
                _message(view.message),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            discard = QPushButton(self.tr("放弃此修改"))
            discard.setObjectName(f"discard-{view.n}")
            discard.clicked.connect(lambda _=False, n=view.n: self._discard(n))
            self._buttons[view.n] = discard
            self.table.setCellWidget(row, 4, discard)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not views)
        self.table.setVisible(bool(views))

    def _fields(self, view: RejectedView) -> str:
        """A few edited fields by name; a whole new record as such (ids mean nothing here)."""
        names = [name for name in view.fields if name not in ("id", "created_at", "updated_at")]
        if len(names) > 3:
            return self.tr("整条记录（{0} 项）").format(len(names))
        return "、".join(field_label(name) for name in names)

    def _discard(self, n: int) -> None:
        button = self._buttons[n]
        button.setEnabled(False)

        def done(_: None) -> None:
            button.setText(self.tr("✓ 已放弃"))

        def failed(error: Exception) -> None:
            button.setEnabled(True)
            show_error(self, error)

        self.runner.write(sync_ops.discard_rejected(n=n), done, failed, initiator=self)
