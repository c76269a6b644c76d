"""The running sync in the status bar: records and bytes so far, and a Cancel button.

Not a modal dialog: the inspector may go on recording while the laptop syncs
(the runner's single writer keeps both apart).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

STATUS_ROW = 16  # px: the height of the status bar's own labels


class SyncProgress(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync-progress")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # the total is not known before the pull ends
        self.bar.setMaximumWidth(120)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton(self.tr("取消同步"))
        # As tall as the status bar's text: a taller bar would take rows from the pages.
        self.cancel.setStyleSheet("padding: 0 8px")
        self.cancel.setMaximumHeight(STATUS_ROW)
        self.bar.setMaximumHeight(STATUS_ROW - 6)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.cancel.clicked.connect(self._cancel)
        self._fade = QTimer(self, singleShot=True)
        self._fade.timeout.connect(self.hide)
        self.hide()

    def start(self) -> None:
        self._fade.stop()
        self.label.setText(self.tr("正在同步…"))
        self.bar.show()
        self.cancel.show()
        self.cancel.setEnabled(True)
        self.cancel.setText(self.tr("取消同步"))
        self.show()

    def finish(self, text: str, shown_ms: int = 15_000) -> None:
        """How it ended, in place of the progress (the status bar's message area is
        too narrow beside the permanent widgets), for a while."""
        self.bar.hide()
        self.cancel.hide()
        self.label.setText(text)
        self.show()
        self._fade.start(shown_ms)

    def update_progress(self, records: int, sent: int) -> None:
        size = QLocale().formattedDataSize(sent)
        self.label.setText(self.tr("正在同步：{0} 条记录，{1}").format(records, size))

    def _cancel(self) -> None:
        self.cancel.setEnabled(False)
        self.cancel.setText(self.tr("正在取消…"))
        self.cancel_requested.emit()
