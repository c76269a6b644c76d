"""The open conflicts side by side: 本机的值 and 服务器的值, and the user's choice per row.

A choice is an operation on the runner's writer, not suppressed: keeping mine
is an ordinary edit that goes to the outbox and reaches the server at the next
sync; taking the server's value only closes the conflict.
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

from inspector_app.sync.status import ConflictView
from inspector_app.ui.errors import show_error
from inspector_app.ui.operations import sync as sync_ops
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.sync.conflict_texts import field_label, record_label, value_text, who_when

COLUMNS = 8  # six of text, then one button each for 保留本机 and 采用服务器


class ConflictsDialog(QDialog):
    def __init__(self, runner: StoreRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("同步冲突"))
        self.runner = runner
        self.conflicts: list[ConflictView] = []
        self._buttons: dict[int, tuple[QPushButton, QPushButton]] = {}  # by conflict n
        self.intro = QLabel(
            self.tr(
                "同一内容在本机和服务器上都被修改过。请逐条选择保留哪一个；"
                "保留本机的值会在下次同步时上传。"
            )
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS)  # records in its cells, interface in its header
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("记录"),
                self.tr("内容"),
                self.tr("本机的值"),
                self.tr("本机修改（谁、何时）"),
                self.tr("服务器的值"),
                self.tr("服务器修改（谁、何时）"),
                self.tr("选择"),
                "",
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row's buttons take the keys
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("没有待处理的冲突。"))
        self.empty.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(1100, 420)
        self.reload()

    def reload(self) -> None:
        self.runner.read(sync_ops.conflicts, self._show, lambda error: show_error(self, error))

    def _show(self, conflicts: list[ConflictView]) -> None:
        """New conflicts are appended; settled ones stay, their buttons showing the choice.

        Rows are never removed while the dialog is open: the table would delete their
        buttons later, and the one just clicked is among them.
        """
        self.conflicts = conflicts
        open_ones = {conflict.n for conflict in conflicts}
        for conflict in conflicts:
            if conflict.n not in self._buttons:
                self._append(conflict)
        for n, (mine, theirs) in self._buttons.items():
            if n not in open_ones:
                mine.setEnabled(False)
                theirs.setEnabled(False)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not conflicts)
        self.table.setVisible(bool(self._buttons))

    def _append(self, conflict: ConflictView) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = (
            record_label(conflict),
            field_label(conflict.field),
            value_text(conflict.field, conflict.local_value),
            who_when(conflict.local_by, conflict.local_at),
            value_text(conflict.field, conflict.server_value),
            who_when(conflict.server_by, conflict.server_at),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, column, item)
        mine, theirs = self._choice(conflict)
        self._buttons[conflict.n] = (mine, theirs)
        self.table.setCellWidget(row, COLUMNS - 2, mine)
        self.table.setCellWidget(row, COLUMNS - 1, theirs)

    def _choice(self, conflict: ConflictView) -> tuple[QPushButton, QPushButton]:
        """One plain button per cell (no layout inside a cell)."""
        mine = QPushButton(self.tr("保留本机"))
        mine.setObjectName(f"keep-mine-{conflict.n}")
        theirs = QPushButton(self.tr("采用服务器"))
        theirs.setObjectName(f"take-server-{conflict.n}")
        if conflict.field == "deleted":
            mine.setEnabled(False)  # the server kept a deletion: there is no undelete
            mine.setToolTip(self.tr("服务器上已删除，只能采用服务器的结果"))
        mine.clicked.connect(lambda: self._resolve(conflict, keep_mine=True))
        theirs.clicked.connect(lambda: self._resolve(conflict, keep_mine=False))
        return mine, theirs

    def _resolve(self, conflict: ConflictView, *, keep_mine: bool) -> None:
        self.table.setEnabled(False)
        chosen = self._buttons[conflict.n][0 if keep_mine else 1]
        before = chosen.text()
        chosen.setText(self.tr("✓ 已保留本机") if keep_mine else self.tr("✓ 已采用服务器"))

        def done(_: str) -> None:
            self.table.setEnabled(True)
            self.reload()

        def failed(error: Exception) -> None:
            chosen.setText(before)
            self.table.setEnabled(True)
            show_error(self, error)

        self.runner.write(
            sync_ops.resolve_conflict(n=conflict.n, entity=conflict.entity, keep_mine=keep_mine),
            done,
            failed,
            initiator=self,
        )
