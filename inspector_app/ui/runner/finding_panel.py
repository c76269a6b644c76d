"""The detail of one checklist item or ad-hoc problem: result, description, where, photos."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.checklist import ChecklistItem
from inspector_app.domain.finding import RESULT_LABELS, SEVERITY_LABELS, FindingResult, Severity
from inspector_app.services.queries import FindingView, InspectionSheet
from inspector_app.ui.i18n import pick
from inspector_app.ui.photos.photo_strip import PhotoStrip
from inspector_app.ui.widgets import shows_user_data

SAVE_DELAY_MS = 0  # next turn of the event loop: a burst of keys is one save


def _wrapping(text: str = "", style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


class _RoomFillingText(QPlainTextEdit):
    """A description box that asks only for its minimum and takes the room that is left.

    The pane's wrapping labels make the scroll area size the body by height-for-width,
    which adds up preferred heights; QPlainTextEdit's preferred 192 px pushed the photo
    row off the pane at 1280×720 for items with long guidance.
    """

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class FindingPanel(QScrollArea):
    result_chosen = Signal(object)  # FindingResult
    text_fields_changed = Signal()  # description / staff badge edited (already debounced)
    window_chosen = Signal(str)  # window number
    unit_chosen = Signal(object)  # unit id or None
    severity_chosen = Signal(object)  # Severity
    add_photos_requested = Signal()
    paste_requested = Signal()
    camera_requested = Signal()
    files_dropped = Signal(list)
    open_photo = Signal(str)
    delete_photo = Signal(str)
    back_to_list = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.finding: FindingView | None = None
        self._loading = False

        self.where = _wrapping(style="color: #555")
        self.title = _wrapping(style="font-size: 15pt; font-weight: bold")
        self.guidance = _wrapping(style="color: #444")
        self.basis = _wrapping(style="color: #666")
        for label in (self.where, self.title, self.guidance, self.basis):
            shows_user_data(label)
        self.result_buttons: dict[FindingResult, QPushButton] = {}
        results = QHBoxLayout()
        group = QButtonGroup(self)
        group.setExclusive(True)
        self._result_group = group
        for key, result in enumerate(
            (FindingResult.PASS, FindingResult.FAIL, FindingResult.NOT_APPLICABLE), start=1
        ):
            button = QPushButton(f"{pick(RESULT_LABELS[result])}  ({key})")
            button.setCheckable(True)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, r=result: self._choose(r))
            group.addButton(button)
            results.addWidget(button)
            self.result_buttons[result] = button
        self.photo_warning = _wrapping(style="color: #c62828; font-weight: bold")
        self.description = _RoomFillingText()
        self.description.setPlaceholderText(self.tr("写下现场看到的情况：时间、窗口、人员、经过"))
        self.description.setMinimumHeight(72)
        self.description.setTabChangesFocus(True)
        self.phrases = QListWidget()
        self.phrases.setFlow(QListWidget.Flow.LeftToRight)
        self.phrases.setWrapping(True)
        self.phrases.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.phrases.setSpacing(3)
        self.phrases.setFixedHeight(54)
        self.phrases.setToolTip(self.tr("点击常用描述，添加到问题描述"))
        self.window = QComboBox()
        self.window.setEditable(True)
        self.window.setMinimumContentsLength(12)
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(self.tr("工作人员工号或胸牌号"))
        self.severity = QComboBox()
        for severity in Severity:
            self.severity.addItem(pick(SEVERITY_LABELS[severity]), severity)
        self.unit = QComboBox()
        self.unit.setMinimumContentsLength(16)
        self.photos = PhotoStrip()
        self.add_photo = QPushButton(self.tr("添加照片… (Ctrl+O)"))
        self.paste_photo = QPushButton(self.tr("粘贴照片 (Ctrl+Shift+V)"))
        self.camera = QPushButton(self.tr("拍照"))
        self.view_photo = QPushButton(self.tr("查看"))
        self.remove_photo = QPushButton(self.tr("删除照片"))
        # Beside the thumbnails, not under them: at 1280×720 a row below fell off the pane.
        photo_buttons = QVBoxLayout()
        photo_buttons.setSpacing(3)
        for button in (
            self.add_photo,
            self.paste_photo,
            self.camera,
            self.view_photo,
            self.remove_photo,
        ):
            photo_buttons.addWidget(button)
        photo_buttons.addStretch(1)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photos, 1)
        photo_row.addLayout(photo_buttons)
        results.addWidget(self.photo_warning, 1)

        where_row = QHBoxLayout()
        where_row.addWidget(self.window, 2)
        where_row.addWidget(QLabel(self.tr("工号")))
        where_row.addWidget(self.badge, 1)
        where_row.addWidget(QLabel(self.tr("严重程度")))
        where_row.addWidget(self.severity)
        form = QFormLayout()
        form.addRow(self.tr("结果"), results)
        form.addRow(self.tr("问题描述"), self.description)
        form.addRow(self.tr("常用描述"), self.phrases)
        form.addRow(self.tr("窗口"), where_row)
        form.addRow(self.tr("责任单位"), self.unit)
        form.addRow(self.tr("照片"), photo_row)
        layout = QVBoxLayout(body)
        layout.setSpacing(4)
        layout.addWidget(self.where)
        layout.addWidget(self.title)
        layout.addWidget(self.guidance)
        layout.addWidget(self.basis)
        layout.addLayout(form, 1)  # the description takes what room is left

        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.text_fields_changed)
        self.description.textChanged.connect(self._text_edited)
        self.badge.textEdited.connect(self._text_edited)
        self.phrases.itemClicked.connect(lambda item: self._append_phrase(item.text()))
        self.phrases.itemActivated.connect(lambda item: self._append_phrase(item.text()))
        self.window.activated.connect(self._window_activated)
        self.window.lineEdit().editingFinished.connect(self._window_typed)
        # The combo hands ShortcutOverride straight to its line edit: filter both.
        self._window_parts = (self.window, self.window.lineEdit())
        for part in self._window_parts:
            part.installEventFilter(self)
        self.unit.activated.connect(lambda _: self.unit_chosen.emit(self.unit.currentData()))
        self.severity.activated.connect(
            lambda _: self.severity_chosen.emit(self.severity.currentData())
        )
        self.add_photo.clicked.connect(self.add_photos_requested)
        self.paste_photo.clicked.connect(self.paste_requested)
        self.camera.clicked.connect(self.camera_requested)
        self.view_photo.clicked.connect(self._open_selected)
        self.remove_photo.clicked.connect(self._delete_selected)
        self.photos.files_dropped.connect(self.files_dropped)
        self.photos.open_requested.connect(self.open_photo)
        self.photos.delete_requested.connect(self.delete_photo)

    # --- filling ---

    def set_choices(self, sheet: InspectionSheet) -> None:
        self._loading = True
        self.window.clear()
        self.window.addItem("", "")
        for window in sheet.windows:
            self.window.addItem(
                self.tr("{0}号 {1}").format(window.number, window.name), window.number
            )
        self.unit.clear()
        self.unit.addItem(self.tr("（未指定）"), None)
        for unit_id, name in sorted(sheet.units.items(), key=lambda kv: kv[1]):
            self.unit.addItem(name, unit_id)
        self._loading = False

    def show_finding(
        self, finding: FindingView, item: ChecklistItem | None, category: str, editable: bool
    ) -> None:
        """Show a finding; text being typed in a focused editor is never overwritten."""
        same = self.finding is not None and self.finding.id == finding.id
        if not same:
            self.verticalScrollBar().setValue(0)  # breadcrumb and title first
        self.finding = finding
        self._loading = True
        if item is not None:
            self.where.setText(f"{item.code} · {category}")
            self.title.setText(item.text)
            self.guidance.setText(self.tr("检查方法：{0}").format(item.guidance))
            self.basis.setText(self.tr("依据：{0}").format(item.basis) if item.basis else "")
            phrases = item.quick_phrases
        else:
            self.where.setText(self.tr("检查表外问题"))
            self.title.setText(finding.title)
            self.guidance.setText("")
            self.basis.setText("")
            phrases = ()
        self.basis.setVisible(bool(self.basis.text()))
        self.guidance.setVisible(bool(self.guidance.text()))
        if not same:
            self.phrases.clear()
            self.phrases.addItems(list(phrases))
            self.phrases.setVisible(bool(phrases))
        self._show_result(finding.result)
        for result, button in self.result_buttons.items():
            button.setEnabled(editable and (item is not None or result == FindingResult.FAIL))
        self.photo_warning.setText(
            self.tr("此项不符合时必须附照片，尚未添加。") if finding.needs_photo else ""
        )
        typing = same and self.description.hasFocus()
        if not typing and self.description.toPlainText() != finding.description:
            self.description.setPlainText(finding.description)
        if not (same and self.badge.hasFocus()):
            self.badge.setText(finding.staff_badge)
        index = self.window.findData(finding.window_no)
        if index >= 0:
            self.window.setCurrentIndex(index)
        else:
            self.window.setEditText(finding.window_no)
        self.severity.setCurrentIndex(max(self.severity.findData(finding.severity), 0))
        self.unit.setCurrentIndex(max(self.unit.findData(finding.unit_id), 0))
        self.photos.set_photos(finding.live_photos)
        for widget in (
            self.description,
            self.badge,
            self.window,
            self.severity,
            self.unit,
            self.add_photo,
            self.paste_photo,
            self.camera,
            self.remove_photo,
            self.phrases,
        ):
            widget.setEnabled(editable)
        self.description.setReadOnly(not editable)
        self._loading = False

    def _show_result(self, shown: FindingResult) -> None:
        """Press exactly the stored result's button; none for an unanswered item.

        An exclusive group cannot have all buttons up, so it is lifted meanwhile.
        """
        self._result_group.setExclusive(False)
        for result, button in self.result_buttons.items():
            button.setChecked(result == shown)
        self._result_group.setExclusive(True)

    def text_values(self) -> tuple[str, str]:
        """What to save; a description never starts with blank lines (Enter into the field)."""
        return self.description.toPlainText().lstrip("\r\n"), self.badge.text().strip()

    def flush(self) -> None:
        """Save pending typing now (before switching items or closing)."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.text_fields_changed.emit()

    def focus_description(self) -> None:
        self.description.setFocus()
        cursor = self.description.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.description.setTextCursor(cursor)

    # --- reactions ---

    def _choose(self, result: FindingResult) -> None:
        if not self._loading:
            self.result_chosen.emit(result)

    def _text_edited(self, *_: object) -> None:
        if not self._loading:
            self._save_timer.start()

    def _append_phrase(self, phrase: str) -> None:
        text = self.description.toPlainText().rstrip()
        self.description.setPlainText(f"{text}；{phrase}" if text else phrase)
        self.focus_description()

    def _window_activated(self, index: int) -> None:
        if not self._loading:
            self.window_chosen.emit(self.window.itemData(index) or "")

    def _window_typed(self) -> None:
        if self._loading or self.finding is None:
            return
        text = self.window.currentText().strip()
        number = self.window.currentData() if self.window.findText(text) >= 0 else text
        if (number or "") != self.finding.window_no:
            self.window_chosen.emit(number or "")

    def _open_selected(self) -> None:
        photo_id = self.photos.selected_photo_id()
        if photo_id is None and self.photos.count():
            photo_id = self.photos.item(0).data(Qt.ItemDataRole.UserRole)
        if photo_id:
            self.open_photo.emit(photo_id)

    def _delete_selected(self) -> None:
        photo_id = self.photos.selected_photo_id()
        if photo_id:
            self.delete_photo.emit(photo_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z in the window box undoes the last change, not the box's own text.

        The box's line edit claims Ctrl+Z (ShortcutOverride) for its text undo,
        which would swallow the runner's undo; unless the inspector is typing a
        window number right now, the claim is filtered out and the shortcut fires.
        """
        if (
            watched in getattr(self, "_window_parts", ())  # filters also run during __init__
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
            and not self._window_being_typed()
        ):
            return True
        return super().eventFilter(watched, event)

    def _window_being_typed(self) -> bool:
        if self.finding is None:
            return False
        shown = self.window.itemText(max(self.window.findData(self.finding.window_no), 0))
        return self.window.currentText() not in (shown, self.finding.window_no)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.flush()
            self.back_to_list.emit()
            return
        super().keyPressEvent(event)
