"""审核: submitted inspections of the team, one open read-only, approve or return.

Everything is a write through the store runner (services/review.py): offline, into
the outbox, pushed by the next sync. A return needs a comment; the service says so
when it is missing and the page shows that sentence under the comment box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.inspection_status import MODE_LABELS, InspectionStatus
from inspector_app.services.queries import InspectionSheet
from inspector_app.services.review import ReviewRow
from inspector_app.ui.errors import show_error, user_message
from inspector_app.ui.i18n import pick
from inspector_app.ui.operations import review as ops
from inspector_app.ui.operations.changes import OpResult
from inspector_app.ui.operations.reads import inspection_sheet
from inspector_app.ui.review.review_detail import ReviewDetail
from inspector_app.ui.store_runner import StoreRunner, UnitOfWork

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewPage(QWidget):
    def __init__(self, runner: StoreRunner) -> None:
        super().__init__()
        self.setObjectName("review-page")
        self.runner = runner
        self.rows: list[ReviewRow] = []
        self.search = QLineEdit(placeholderText=self.tr("搜索地点、专项行动、检查人员或问题"))
        self.search.setClearButtonEnabled(True)
        self.view = QComboBox()
        self.view.setObjectName("review-view")
        self.view.addItem(self.tr("待审核"), InspectionStatus.SUBMITTED)
        self.view.addItem(self.tr("已审核通过"), InspectionStatus.APPROVED)
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("检查地点"),
                self.tr("提交时间"),
                self.tr("检查人员"),
                self.tr("问题"),
                self.tr("照片"),
            ]
        )
        self.table = QTableView()
        self.table.setObjectName("review-queue")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        self.table.setWordWrap(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        wide = self.table.fontMetrics().horizontalAdvance("2026-12-31 23:59") + 16
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, wide)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 120)  # the team; the whole list in the tooltip
        self.count = QLabel()
        self.empty = QLabel(self.tr("没有待审核的检查。检查人员提交并同步后，会出现在这里。"))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.view)
        left_layout.addLayout(top)
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)

        self.detail = ReviewDetail()
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("review-comment")
        self.comment.setPlaceholderText(self.tr("退回意见：写明需要补充或修改的内容（退回时必填）"))
        self.comment.setFixedHeight(64)
        self.problem = QLabel()
        self.problem.setObjectName("review-problem-message")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.return_button = QPushButton(self.tr("退回"))
        self.approve_button = QPushButton(self.tr("审核通过"))
        self.approve_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addStretch(1)  # the buttons keep their size while there is no message
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)
        self.decision = QWidget()
        decision = QVBoxLayout(self.decision)
        decision.setContentsMargins(0, 0, 0, 0)
        decision.addWidget(self.comment)
        decision.addLayout(buttons)
        self.correct_button = QPushButton(self.tr("更正…"))
        self.correct_button.setToolTip(self.tr("已审核通过的检查只能以附理由的更正记录修改"))
        corrections = QHBoxLayout()
        corrections.addStretch(1)
        corrections.addWidget(self.correct_button)
        self.corrections = QWidget()
        self.corrections.setLayout(corrections)
        self.corrections.hide()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.decision)
        right_layout.addWidget(self.corrections)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 780])
        self.message = QLabel()
        self.message.setObjectName("review-message")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.search.textChanged.connect(self._fill)
        self.view.currentIndexChanged.connect(self._view_changed)
        self.correct_button.clicked.connect(self.correct)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._open_current())
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_for_changes)
        self.comment.textChanged.connect(self.problem.hide)
        self.detail.photo_requested.connect(self._view_photo)
        self._set_decidable(False)

    # --- reading ---

    def reload(self) -> None:
        """Reread the queue (after a sync or a decision); the selection stays if it can."""
        read = ops.queue_of(status=self.view.currentData())
        self.runner.read(read, self._show_rows, lambda e: show_error(self, e))

    @property
    def approved_view(self) -> bool:
        return self.view.currentData() == InspectionStatus.APPROVED

    def _view_changed(self) -> None:
        self.decision.setVisible(not self.approved_view)
        self.corrections.setVisible(self.approved_view)
        self.message.clear()
        self.reload()

    def _show_rows(self, rows: list[ReviewRow]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        kept = self.selected_id()
        text = self.search.text()
        shown = [row for row in self.rows if row.matches(text)] if text.strip() else self.rows
        self.model.removeRows(0, self.model.rowCount())
        for row in shown:
            self.model.appendRow(self._items(row))
        if self.approved_view:
            counted = self.tr("显示 {0} / 共 {1} 次已审核通过")
        else:
            counted = self.tr("显示 {0} / 共 {1} 次待审核")
        self.count.setText(counted.format(len(shown), len(self.rows)))
        self.empty.setVisible(not self.rows and not self.approved_view)
        ids = [row.id for row in shown]
        if kept in ids:
            self.table.selectRow(ids.index(kept))
        elif ids:
            self.table.selectRow(0)
        else:
            self.detail.clear()
            self._set_decidable(False)

    def _items(self, row: ReviewRow) -> list[QStandardItem]:
        site = QStandardItem(f"{row.site}（{pick(MODE_LABELS[row.mode])}）")
        site.setData(row.id, ID_ROLE)
        if row.campaign:
            site.setToolTip(row.campaign)
        when = row.submitted_at or row.started_at
        team = QStandardItem("、".join(row.team))
        team.setToolTip("、".join(row.team))
        cells = [
            site,
            QStandardItem(f"{bureau_time.local(when):%Y-%m-%d %H:%M}"),
            team,
            QStandardItem(str(row.problems)),
            QStandardItem(str(row.photos)),
        ]
        for cell in cells[3:]:
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return cells

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(index.row(), 0).data(ID_ROLE)

    def _open_current(self) -> None:
        inspection_id = self.selected_id()
        if inspection_id is None:
            return
        self.runner.read(
            inspection_sheet(inspection_id=inspection_id),
            self._show_sheet,
            lambda e: show_error(self, e),
        )

    def _show_sheet(self, sheet: InspectionSheet) -> None:
        if sheet.id != self.selected_id():
            return  # the selection moved on while it was read
        self.detail.show_sheet(sheet)
        self._set_decidable(True)

    def _set_decidable(self, on: bool) -> None:
        for widget in (self.comment, self.return_button, self.approve_button, self.correct_button):
            widget.setEnabled(on)

    # --- deciding ---

    def approve(self) -> None:
        inspection_id = self.selected_id()
        if inspection_id is None:
            return
        asked = QMessageBox.question(
            self,
            self.tr("审核通过"),
            self.tr("确认审核通过这次检查？通过后内容不能再直接修改，只能提交附理由的更正记录。"),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return
        self._write(
            ops.approve(inspection_id=inspection_id),
            self.tr("已审核通过，将在下次同步时上传。"),
        )

    def return_for_changes(self) -> None:
        inspection_id = self.selected_id()
        if inspection_id is None:
            return
        self._write(
            ops.return_for_changes(inspection_id=inspection_id, comment=self.comment.toPlainText()),
            self.tr("已退回，检查人员同步后可看到退回意见。"),
        )

    def _write(self, op: Callable[[UnitOfWork], OpResult[None]], done_text: str) -> None:
        self._set_decidable(False)

        def done(_: None) -> None:
            self.comment.clear()
            self.message.setText(done_text)
            self.reload()

        def refused(error: Exception) -> None:
            self._set_decidable(True)
            self.problem.setText(user_message(error))
            self.problem.show()

        self.runner.write(op, done, refused, initiator=self)

    def correct(self) -> None:
        from inspector_app.ui.review.amend_dialog import AmendDialog

        sheet = self.detail.sheet
        if sheet is None or not self.approved_view:
            return
        if AmendDialog(self.runner, sheet, self).exec() == AmendDialog.DialogCode.Accepted:
            self.message.setText(self.tr("更正已保存，将在下次同步时上传。"))
            self._open_current()  # the sheet shows the corrected value

    def _view_photo(self, finding_id: str, photo_id: str) -> None:
        from inspector_app.ui.photos.photo_viewer import PhotoViewer

        PhotoViewer(self.runner, finding_id, photo_id, False, self).exec()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
