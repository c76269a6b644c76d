"""One 复查 item: the original finding (text, window, when, photos) and what the unit
reported, next to what the re-inspection finds now (已整改/未整改, a note, photos)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.rectification import VerificationResult
from inspector_app.services.recheck_views import RecheckItem
from inspector_app.ui.photos.photo_strip import PhotoStrip


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class RecheckItemPanel(QWidget):
    """Emits what the user decided; the page writes it through the store runner."""

    result_chosen = Signal(str, object)  # finding id, VerificationResult
    note_edited = Signal(str, str)  # finding id, note
    add_photos = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.item: RecheckItem | None = None
        self._loading = False
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")

        original = QGroupBox(self.tr("原发现问题"))
        self.original_text = _wrapped()
        self.original_where = _wrapped()
        self.original_where.setStyleSheet("color: #555;")
        self.original_photos = PhotoStrip()
        self.original_photos.setAcceptDrops(False)
        self.no_original_photos = QLabel(self.tr("原问题没有照片。"))
        self.no_original_photos.setStyleSheet("color: #777;")
        self.measures = _wrapped()
        column = QVBoxLayout(original)
        column.addWidget(self.original_text)
        column.addWidget(self.original_where)
        column.addWidget(self.original_photos)
        column.addWidget(self.no_original_photos)
        column.addWidget(QLabel(self.tr("单位报告的整改措施：")))
        column.addWidget(self.measures)
        column.addStretch(1)

        now = QGroupBox(self.tr("本次复查"))
        self.rectified = QPushButton(self.tr("已整改"))
        self.not_rectified = QPushButton(self.tr("未整改"))
        self.choices = QButtonGroup(self)
        for button, result in (
            (self.rectified, VerificationResult.RECTIFIED),
            (self.not_rectified, VerificationResult.NOT_RECTIFIED),
        ):
            button.setCheckable(True)
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _=False, r=result: self._chosen(r))
            self.choices.addButton(button)
        self.rectified.setStyleSheet("QPushButton:checked { background: #2e7d32; color: white; }")
        self.not_rectified.setStyleSheet(
            "QPushButton:checked { background: #c62828; color: white; }"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.rectified)
        buttons.addWidget(self.not_rectified)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("现场复查情况（如仍未整改，写明现状）"))
        self.note.textChanged.connect(self._typed)
        self.photos = PhotoStrip()
        self.photos.setAcceptDrops(False)
        self.add_photo = QPushButton(self.tr("添加照片…"))
        self.add_photo.clicked.connect(self.add_photos.emit)
        right = QVBoxLayout(now)
        right.addLayout(buttons)
        right.addWidget(QLabel(self.tr("复查说明：")))
        right.addWidget(self.note, 1)
        right.addWidget(QLabel(self.tr("复查照片：")))
        right.addWidget(self.photos)
        right.addWidget(self.add_photo, 0, Qt.AlignmentFlag.AlignLeft)

        grid = QGridLayout(self)
        grid.addWidget(self.title, 0, 0, 1, 2)
        grid.addWidget(original, 1, 0)
        grid.addWidget(now, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        # Typed text saves on the next turn of the event loop: a burst of keys is one save.
        self._save_soon = QTimer(self, singleShot=True, interval=0)
        self._save_soon.timeout.connect(self.flush)

    def show_item(self, item: RecheckItem | None, editable: bool) -> None:
        if self.item is not None and (item is None or item.finding_id != self.item.finding_id):
            self.flush()
        self.item = item
        self.setEnabled(item is not None)
        if item is None:
            return
        self._loading = True
        self.title.setText(self.tr("问题{0}：{1}").format(item.number, item.title))
        self.original_text.setText(item.original_description or item.title)
        self.original_where.setText(self._where(item))
        self.original_photos.set_photos(item.original_photos)
        self.original_photos.setVisible(bool(item.original_photos))
        self.no_original_photos.setVisible(not item.original_photos)
        self.measures.setText(item.measures or self.tr("（本轮报告未写明）"))
        self.choices.setExclusive(False)
        self.rectified.setChecked(item.result == VerificationResult.RECTIFIED)
        self.not_rectified.setChecked(item.result == VerificationResult.NOT_RECTIFIED)
        self.choices.setExclusive(True)
        if self.note.toPlainText() != item.note and not self.note.hasFocus():
            self.note.setPlainText(item.note)
        self.photos.set_photos(item.live_photos)
        for widget in (self.rectified, self.not_rectified, self.add_photo):
            widget.setEnabled(editable)
        self.note.setReadOnly(not editable)
        self._loading = False

    def _where(self, item: RecheckItem) -> str:
        parts = []
        if item.window_no:
            parts.append(self.tr("窗口 {0}").format(item.window_no))
        if item.original_observed_at is not None:
            when = bureau_time.local(item.original_observed_at)
            parts.append(self.tr("发现于 {0}").format(f"{when:%Y-%m-%d %H:%M}"))
        return "  ·  ".join(parts)

    def _chosen(self, result: VerificationResult) -> None:
        if self.item is not None:
            self.result_chosen.emit(self.item.finding_id, result)

    def _typed(self) -> None:
        if not self._loading:
            self._save_soon.start()

    def flush(self) -> None:
        """Save the note being typed now (before the selection moves or the page closes)."""
        self._save_soon.stop()
        if self.item is None or self.note.isReadOnly():
            return
        text = self.note.toPlainText()
        if text.strip() != self.item.note.strip():
            self.note_edited.emit(self.item.finding_id, text)
