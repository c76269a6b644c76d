"""The checklist runner page: walk the items, record results, finish and submit.

Photo intake lives in photo_import.py, the notice and record buttons in
document_actions.py, Ctrl+Z in undo.py and the header texts in header.py;
every write is an operation from ui/operations and the page redraws when the
runner's `changed` names its inspection or one of its findings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import is_editable
from inspector_app.services.inspections import FindingChanges
from inspector_app.services.queries import FindingView, InspectionSheet
from inspector_app.settings import Settings, load_settings
from inspector_app.ui.errors import show_error
from inspector_app.ui.operations import findings as finding_ops
from inspector_app.ui.operations import inspections as inspection_ops
from inspector_app.ui.operations import photos as photo_ops
from inspector_app.ui.operations import reads
from inspector_app.ui.operations.changes import OpChanges
from inspector_app.ui.photos import camera
from inspector_app.ui.runner.checklist_tree import ChecklistTree
from inspector_app.ui.runner.document_actions import DocumentActions
from inspector_app.ui.runner.finding_panel import FindingPanel
from inspector_app.ui.runner.header import RunnerHeader
from inspector_app.ui.runner.photo_import import PhotoImport
from inspector_app.ui.runner.record_facts_bar import RecordFactsBar
from inspector_app.ui.runner.summary_dialog import SummaryDialog
from inspector_app.ui.runner.undo import UndoStack
from inspector_app.ui.store_runner import StoreRunner


class RunnerPage(QWidget):
    closed = Signal()
    submitted = Signal(str)
    message = Signal(str)
    open_photo_viewer = Signal(object, str)  # FindingView, photo id
    settings_requested = Signal()  # handled synchronously: the settings dialog

    def __init__(self, runner: StoreRunner, settings: Callable[[], Settings] | None = None) -> None:
        """`settings` gives the window's settings (default: the file, read when asked)."""
        super().__init__()
        self.runner = runner
        self.settings = settings or load_settings
        self.sheet: InspectionSheet | None = None
        self.auto_advance = True  # Settings.auto_advance, read when an inspection opens
        self.preview = None  # the last DocumentPreview shown
        self.photo_import = PhotoImport(
            self, runner, self.settings, self._current_id, lambda: self.editable
        )
        self.import_progress = self.photo_import.progress
        self._undo = UndoStack()
        self._select_after_reload: str | None = None
        self._reload_soon = QTimer(self, singleShot=True, interval=150)
        self._reload_soon.timeout.connect(lambda: self.reload())

        self.heading = heading = RunnerHeader()
        self.header, self.progress, self.banner = heading.title, heading.progress, heading.banner
        self.record_facts = RecordFactsBar(runner, self)  # 检查人员、证号、记录人、亮明身份
        self.back = QPushButton(self.tr("返回列表"))
        self.adhoc = QPushButton(self.tr("新增表外问题 (Ctrl+N)"))
        self.finish = QPushButton(self.tr("完成检查 (Ctrl+Enter)"))
        self.finish.setStyleSheet("font-weight: bold")
        self.notice_button = QPushButton(self.tr("整改通知书"))
        self.record_button = QPushButton(self.tr("现场记录表"))
        self.documents = DocumentActions(
            self, runner, self.settings, (self.notice_button, self.record_button)
        )
        self.notice_button.setToolTip(
            self.tr("按责任单位生成整改通知书（草稿），可预览、打印、另存")
        )
        self.record_button.setToolTip(self.tr("生成现场检查记录表，可预览、打印、另存"))
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.header, 1)
        for widget in (self.progress, heading.sync_state, self.import_progress):
            top.addWidget(widget)
        for widget in (self.notice_button, self.record_button, self.adhoc, self.finish):
            top.addWidget(widget)

        self.tree = ChecklistTree()
        self.panel = FindingPanel()
        self.panel.camera.setVisible(False)  # until a camera is found (see load)
        self._camera_checked = False
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.record_facts.above(self.tree))
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 800])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

        self.tree.finding_selected.connect(self._finding_selected)
        self.tree.result_key.connect(self._set_result)
        self.tree.detail_requested.connect(self.panel.focus_description)
        self.panel.back_to_list.connect(self.tree.setFocus)
        self.panel.result_chosen.connect(
            lambda result: self._set_result(self._current_id(), result)
        )
        self.panel.text_fields_changed.connect(self._save_text)
        self.panel.window_chosen.connect(self._window_chosen)
        self.panel.unit_chosen.connect(lambda unit_id: self._change(unit_id=unit_id))
        self.panel.severity_chosen.connect(lambda severity: self._change(severity=severity))
        self.panel.add_photos_requested.connect(self.choose_photo_files)
        self.panel.paste_requested.connect(self.paste_photo)
        self.panel.camera_requested.connect(self.photo_import.take_photo)
        self.panel.files_dropped.connect(self.import_photos)
        self.panel.open_photo.connect(self._open_photo)
        self.panel.delete_photo.connect(self._delete_photo)
        self.back.clicked.connect(self.leave)
        self.adhoc.clicked.connect(self.add_adhoc)
        self.finish.clicked.connect(self.finish_inspection)
        self.notice_button.clicked.connect(self.show_notices)
        self.record_button.clicked.connect(self.show_record)
        self.photo_import.message.connect(self.message)
        self.record_facts.failed.connect(self._failed)
        self.documents.message.connect(self.message)
        self.documents.settings_requested.connect(self.settings_requested)
        self.documents.shown.connect(lambda preview: setattr(self, "preview", preview))
        runner.changed.connect(self._on_changed)
        for keys, slot in (
            ("Ctrl+O", self.choose_photo_files),
            ("Ctrl+Shift+V", self.paste_photo),
            ("Ctrl+N", self.add_adhoc),
            ("Ctrl+Return", self.finish_inspection),
            ("Ctrl+Enter", self.finish_inspection),
            ("Ctrl+Z", self.undo),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # --- loading ---

    def load(self, inspection_id: str, then: Callable[[], None] | None = None) -> None:
        if not self._camera_checked:  # enumerating devices is slow; do it when first needed
            self._camera_checked = True
            self.panel.camera.setVisible(camera.available())
        read_sheet = reads.inspection_sheet(inspection_id=inspection_id)

        def loaded(found: tuple[InspectionSheet, bool]) -> None:
            sheet, self.auto_advance = found
            self.sheet = sheet
            self._undo.clear()
            self.tree.build(sheet)
            self.panel.set_choices(sheet)
            self._update_header()
            first = next((f for f in sheet.findings if f.result == FindingResult.UNCHECKED), None)
            if first is not None:
                self.tree.select_finding(first.id)
            else:
                self.tree.select_first()
            if then:
                then()  # e.g. show this page; focus only works on a visible widget
            self.tree.setFocus()

        self.runner.read(
            # The settings file is read on the store thread, with the sheet.
            lambda uow: (read_sheet(uow), load_settings().auto_advance),
            loaded,
            lambda error: show_error(self, error),
        )

    def reload(self, select: str | None = None) -> None:
        if self.sheet is None:
            return
        inspection_id = self.sheet.id

        def loaded(sheet: InspectionSheet) -> None:
            self.sheet = sheet
            self.tree.refresh(sheet)
            select_now = select or self._select_after_reload
            self._select_after_reload = None
            if select_now:
                self.tree.select_finding(select_now)
            self._show_current()
            self._update_header()

        self.runner.read(
            reads.inspection_sheet(inspection_id=inspection_id),
            loaded,
            lambda error: show_error(self, error),
        )

    def _on_changed(self, changes: OpChanges, initiator: object) -> None:
        """Redraw when a write (ours, or the photo viewer's) named this inspection."""
        sheet = self.sheet
        if sheet is None or not changes.touches(
            inspection=sheet.id, findings=(f.id for f in sheet.findings)
        ):
            return
        if self.photo_import.importing:
            self._reload_soon.start()  # one refresh for a burst of photos, not one each
        else:
            self.reload()

    @property
    def editable(self) -> bool:
        return self.sheet is not None and is_editable(self.sheet.status)

    def _update_header(self) -> None:
        assert self.sheet is not None
        self.heading.show(self.sheet, self.runner)
        self.record_facts.show_sheet(self.sheet)
        self.adhoc.setEnabled(self.editable)
        self.finish.setEnabled(self.editable)

    def _current(self) -> FindingView | None:
        finding_id = self.tree.current_finding_id()
        if self.sheet is None or finding_id is None:
            return None
        return next((f for f in self.sheet.findings if f.id == finding_id), None)

    def _current_id(self) -> str | None:
        return self.tree.current_finding_id()

    def _finding_selected(self, finding_id: str) -> None:
        self.panel.flush()
        self._show_current()

    def _show_current(self) -> None:
        finding = self._current()
        if finding is None or self.sheet is None:
            return
        template = self.sheet.template
        item = template.item(finding.item_code) if finding.item_code else None
        category = template.category_name(finding.category_code) if item else ""
        self.panel.show_finding(finding, item, category, self.editable)

    # --- writes ---

    def _write(self, op: Callable[[Any], Any], after: Callable[[Any], None] | None = None) -> None:
        """Run one operation; the page redraws from the change set it announces."""
        self.runner.write(op, after, self._failed, initiator=self)

    def _failed(self, error: Exception) -> None:
        show_error(self, error)
        self.reload()

    def _set_result(self, finding_id: str | None, result: FindingResult) -> None:
        """Record a result; a problem goes on to its description, anything else moves on."""
        if finding_id is None or not self.editable or self.sheet is None:
            return
        self.panel.flush()
        self._remember(finding_id, FindingChanges(result=result))
        self._write(finding_ops.record_result(finding_id=finding_id, result=result))
        if result == FindingResult.FAIL:
            self.panel.focus_description()
        elif self.auto_advance:
            following = self.tree.next_unanswered(finding_id, self.sheet)
            if following is not None:
                self.tree.select_finding(following)
            self.tree.setFocus()

    def _change(self, **fields: Any) -> None:
        finding_id = self._current_id()
        if finding_id is None or not self.editable:
            return
        if fields.get("unit_id", "") is None:
            fields.pop("unit_id")  # FindingChanges: None means "leave as it is"
        changes = FindingChanges(**fields)
        self._remember(finding_id, changes)
        self._write(finding_ops.edit_finding(finding_id=finding_id, changes=changes))

    def _remember(self, finding_id: str, changes: FindingChanges) -> None:
        """Keep what the fields were before this change, for Ctrl+Z (text has its own undo)."""
        finding = (
            next((f for f in self.sheet.findings if f.id == finding_id), None)
            if self.sheet
            else None
        )
        if finding is not None:
            self._undo.remember(finding_id, finding, changes)

    def undo(self) -> None:
        if not self.editable:
            return
        step = self._undo.pop()
        if step is None:
            return
        self._select_after_reload = step.finding_id
        self._write(finding_ops.edit_finding(finding_id=step.finding_id, changes=step.before))
        self.message.emit(self.tr("已撤销上一步修改。"))

    def _save_text(self) -> None:
        finding = self.panel.finding
        if finding is None or not self.editable:
            return
        description, badge = self.panel.text_values()
        changes = FindingChanges(description=description, staff_badge=badge)
        self._write(finding_ops.edit_finding(finding_id=finding.id, changes=changes))

    def _window_chosen(self, number: str) -> None:
        """Choosing a window also names the unit that staffs it."""
        if self.sheet is None:
            return
        window = next((w for w in self.sheet.windows if w.number == number), None)
        self._change(window_no=number, unit_id=window.unit_id if window else None)

    def add_adhoc(self) -> None:
        if not self.editable or self.sheet is None:
            return
        title, ok = QInputDialog.getText(
            self, self.tr("新增检查表外问题"), self.tr("问题标题（如：大厅饮水机无水）")
        )
        self.window().activateWindow()
        if not ok or not title.strip():
            return

        def added(finding_id: str) -> None:
            self._select_after_reload = finding_id  # the redraw is already queued
            self.panel.focus_description()

        self._write(finding_ops.add_adhoc_finding(inspection_id=self.sheet.id, title=title), added)

    # --- photos (photo_import.py) ---

    def choose_photo_files(self) -> None:
        self.photo_import.choose_files()

    def paste_photo(self) -> None:
        self.photo_import.paste()

    def import_photos(self, paths: list[Path], finding_id: str | None = None) -> None:
        self.photo_import.import_photos(paths, finding_id)

    def _open_photo(self, photo_id: str) -> None:
        finding = self._current()
        if finding is not None:
            self.open_photo_viewer.emit(finding, photo_id)

    def _delete_photo(self, photo_id: str) -> None:
        finding_id = self._current_id()
        if not self.editable or finding_id is None:
            return
        self._write(photo_ops.delete_photo(finding_id=finding_id, photo_id=photo_id))
        self.message.emit(self.tr("照片已删除（同步前可在照片查看器中恢复）。"))

    # --- finishing ---

    def finish_inspection(self) -> None:
        if not self.editable or self.sheet is None:
            return
        self.panel.flush()
        self.runner.wait_idle()
        sheet = self.sheet
        dialog = SummaryDialog(sheet, self)
        if dialog.exec() != SummaryDialog.DialogCode.Accepted:
            if dialog.jump_to:
                self.tree.select_finding(dialog.jump_to)
            return
        inspection_id = sheet.id

        def done(_: object) -> None:
            self.message.emit(self.tr("检查已提交。"))
            self.submitted.emit(inspection_id)

        self._write(inspection_ops.submit_inspection(inspection_id=inspection_id), done)

    # --- documents (document_actions.py) ---

    def show_notices(self) -> None:
        self._documents("notice")

    def show_record(self) -> None:
        self._documents("record")

    def _documents(self, kind: str) -> None:
        if self.sheet is None:
            return
        self.panel.flush()
        self.documents.build(kind, self.sheet)

    def leave(self) -> None:
        self.panel.flush()
        self.closed.emit()
