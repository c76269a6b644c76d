"""The runner's 复查 mode: a re-inspection of a notice's problems, item by item, each
shown next to the original finding, with 已整改/未整改, a note and photos; 完成复查
records the results as the notice's verification (services/recheck.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.inspection_status import STATUS_LABELS
from inspector_app.domain.rectification import VerificationResult
from inspector_app.services.recheck_views import RecheckItem, RecheckSheet
from inspector_app.settings import Settings, load_settings
from inspector_app.ui.errors import show_error
from inspector_app.ui.i18n import pick
from inspector_app.ui.operations import recheck as ops
from inspector_app.ui.operations.changes import OpChanges
from inspector_app.ui.runner.photo_import import PhotoImport
from inspector_app.ui.runner.recheck_item_panel import RecheckItemPanel
from inspector_app.ui.store_runner import StoreRunner

COLOURS = {VerificationResult.RECTIFIED: "#2e7d32", VerificationResult.NOT_RECTIFIED: "#c62828"}
MARKS = {
    VerificationResult.PENDING: "○",
    VerificationResult.RECTIFIED: "✔",
    VerificationResult.NOT_RECTIFIED: "✘",
}


class RecheckPage(QWidget):
    closed = Signal()
    finished = Signal(str)  # inspection id
    message = Signal(str)

    def __init__(self, runner: StoreRunner, settings: Callable[[], Settings] | None = None):
        super().__init__()
        self.runner = runner
        self.sheet: RecheckSheet | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.back = QPushButton(self.tr("返回列表"))
        self.back.setMinimumHeight(36)
        self.back.clicked.connect(self.leave)
        self.finish = QPushButton(self.tr("完成复查"))
        self.finish.setMinimumHeight(36)
        self.finish.clicked.connect(self.finish_recheck)
        top = QHBoxLayout()
        words = QVBoxLayout()
        words.addWidget(self.heading)
        words.addWidget(self.facts)
        top.addLayout(words, 1)
        top.addWidget(self.back)
        top.addWidget(self.finish)

        self.items = QListWidget()
        # Two lines per problem (its text, its state): a long text is elided, the state never.
        self.items.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.items.setSpacing(4)
        self.items.currentRowChanged.connect(lambda _: self._show_current())
        self.panel = RecheckItemPanel()
        self.panel.result_chosen.connect(
            lambda finding, result: self._write(
                ops.record_recheck_result(finding_id=finding, result=result)
            )
        )
        self.panel.note_edited.connect(
            lambda finding, note: self._write(
                ops.record_recheck_result(finding_id=finding, note=note)
            )
        )
        self.photo_import = PhotoImport(
            self,
            runner,
            settings or load_settings,
            lambda: self.panel.item.finding_id if self.panel.item else None,
            lambda: self.sheet is not None and self.sheet.editable,
        )
        self.photo_import.message.connect(self.message.emit)
        self.photo_import.attached.connect(self.reload)
        self.panel.add_photos.connect(self.photo_import.choose_files)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.items)
        split.addWidget(self.panel)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 1000])
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(split, 1)
        column.addWidget(self.photo_import.progress)
        runner.changed.connect(self._on_changed)

    # --- loading ---

    def load(
        self,
        inspection_id: str,
        then: Callable[[], None] | None = None,
        otherwise: Callable[[], None] | None = None,
    ) -> None:
        """Show the 复查; for an ordinary inspection call `otherwise` (the runner opens it)."""

        def loaded(sheet: RecheckSheet | None) -> None:
            if sheet is None:
                if otherwise:
                    otherwise()
                return
            self._show(sheet, select_first_open=True)
            if then:
                then()
            self.items.setFocus()

        self.runner.read(
            ops.sheet_if_recheck(inspection_id=inspection_id),
            loaded,
            lambda error: show_error(self, error),
        )

    def reload(self) -> None:
        if self.sheet is not None:
            self.runner.read(
                ops.sheet_if_recheck(inspection_id=self.sheet.inspection_id),
                lambda sheet: sheet is not None and self._show(sheet),
                lambda error: show_error(self, error),
            )

    def _show(self, sheet: RecheckSheet, select_first_open: bool = False) -> None:
        row = self.items.currentRow()
        self.sheet = sheet
        if sheet.notice_number:
            self.heading.setText(self.tr("复查 · 整改通知书 {0}").format(sheet.notice_number))
        else:
            self.heading.setText(self.tr("复查 · 整改通知书（未编号）"))
        started = bureau_time.local(sheet.started_at)
        self.facts.setText(
            self.tr("{0}  ·  {1}  ·  复查人员：{2}  ·  {3}").format(
                sheet.site_name,
                f"{started:%Y-%m-%d %H:%M}",
                "、".join(sheet.team),
                pick(STATUS_LABELS[sheet.status]),
            )
        )
        self.finish.setEnabled(sheet.editable)
        self.items.blockSignals(True)
        self.items.clear()
        for item in sheet.items:
            entry = QListWidgetItem(self._label(item))
            entry.setData(Qt.ItemDataRole.UserRole, item.finding_id)
            entry.setToolTip(f"{item.number}. {item.title}")
            entry.setSizeHint(QSize(0, 2 * self.items.fontMetrics().lineSpacing() + 12))
            if item.result in COLOURS:
                entry.setForeground(QColor(COLOURS[item.result]))
            self.items.addItem(entry)
        if select_first_open or row < 0:
            pending = [i for i, it in enumerate(sheet.items) if not _decided(it)]
            row = pending[0] if pending else 0
        self.items.setCurrentRow(min(row, len(sheet.items) - 1))
        self.items.blockSignals(False)
        self._show_current()

    def _label(self, item: RecheckItem) -> str:
        state = {
            VerificationResult.PENDING: self.tr("待复查"),
            VerificationResult.RECTIFIED: self.tr("已整改"),
            VerificationResult.NOT_RECTIFIED: self.tr("未整改"),
        }[item.result]
        return f"{MARKS[item.result]} {item.number}. {item.title}\n      {state}"

    def _show_current(self) -> None:
        row = self.items.currentRow()
        items = self.sheet.items if self.sheet is not None else ()
        current = items[row] if 0 <= row < len(items) else None
        self.panel.show_item(current, self.sheet is not None and self.sheet.editable)

    def _on_changed(self, changes: OpChanges, initiator: object) -> None:
        if self.sheet is None or not self.isVisible():
            return
        findings = [item.finding_id for item in self.sheet.items]
        if changes.touches(inspection=self.sheet.inspection_id, findings=findings):
            self.reload()

    # --- writing ---

    def _write(self, op: Callable, after: Callable | None = None) -> None:
        self.runner.write(
            op, after or (lambda _: None), lambda e: show_error(self, e), initiator=self
        )

    def finish_recheck(self) -> None:
        if self.sheet is None or not self.sheet.editable:
            return
        self.panel.flush()
        answer = QMessageBox.question(
            self,
            self.tr("完成复查"),
            self.tr("完成后，各问题的复查结论将记入通知书，本次复查不能再修改。确定完成吗？"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        inspection_id = self.sheet.inspection_id

        def done(results: dict[str, VerificationResult]) -> None:
            good = list(results.values()).count(VerificationResult.RECTIFIED)
            self.message.emit(
                self.tr("复查已完成：{0} 个已整改到位，{1} 个未整改到位。").format(
                    good, len(results) - good
                )
            )
            self.finished.emit(inspection_id)
            self.reload()

        self._write(ops.finish_recheck(inspection_id=inspection_id), done)

    def leave(self) -> None:
        self.panel.flush()
        self.closed.emit()


def _decided(item: RecheckItem) -> bool:
    return item.result != VerificationResult.PENDING
