"""The checklist runner: walk the items, record results and photos, finish and submit."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.errors import DomainError
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import MODE_LABELS, InspectionStatus, is_editable
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.services.photos import ImportedPhoto
from inspector_app.services.queries import FindingView, InspectionSheet, load_inspection_sheet
from inspector_app.settings import Settings, load_settings, save_settings
from inspector_app.ui.errors import show_error, user_message
from inspector_app.ui.i18n import pick
from inspector_app.ui.photos import camera
from inspector_app.ui.runner.checklist_tree import ChecklistTree
from inspector_app.ui.runner.document_preview import DocumentPreview, GeneratedPdf
from inspector_app.ui.runner.finding_panel import FindingPanel
from inspector_app.ui.runner.summary_dialog import SummaryDialog
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.widgets import shows_user_data

UNDO_DEPTH = 20
PHOTO_FILTER = "*.jpg *.jpeg *.png *.webp *.JPG *.JPEG *.PNG"


class RunnerPage(QWidget):
    closed = Signal()
    submitted = Signal(str)
    message = Signal(str)
    open_photo_viewer = Signal(object, str)  # FindingView, photo id
    settings_requested = Signal()  # handled synchronously: the settings dialog

    def __init__(self, runner: StoreRunner) -> None:
        super().__init__()
        self.runner = runner
        self.sheet: InspectionSheet | None = None
        self.auto_advance = True  # Settings.auto_advance, read when an inspection opens
        self.import_progress = QProgressBar()
        self.import_progress.setMaximumWidth(220)
        self.import_progress.setFormat(self.tr("导入照片 %v/%m"))
        self.import_progress.hide()
        self._import_total = 0
        self._import_done = 0
        self._undo: list[tuple[str, ops.FindingChanges]] = []
        self._reload_soon = QTimer(self, singleShot=True, interval=150)
        self._reload_soon.timeout.connect(lambda: self.reload())

        self.header = shows_user_data(QLabel())
        self.header.setStyleSheet("font-size: 13pt; font-weight: bold")
        self.progress = QLabel()
        self.banner = shows_user_data(QLabel())  # holds the reviewer's own words
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.back = QPushButton(self.tr("返回列表"))
        self.adhoc = QPushButton(self.tr("新增表外问题 (Ctrl+N)"))
        self.finish = QPushButton(self.tr("完成检查 (Ctrl+Enter)"))
        self.finish.setStyleSheet("font-weight: bold")
        self.notice_button = QPushButton(self.tr("整改通知书"))
        self.record_button = QPushButton(self.tr("现场记录表"))
        self.notice_button.setToolTip(
            self.tr("按责任单位生成整改通知书（草稿），可预览、打印、另存")
        )
        self.record_button.setToolTip(self.tr("生成现场检查记录表，可预览、打印、另存"))
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.header, 1)
        top.addWidget(self.progress)
        top.addWidget(self.import_progress)
        top.addWidget(self.notice_button)
        top.addWidget(self.record_button)
        top.addWidget(self.adhoc)
        top.addWidget(self.finish)

        self.tree = ChecklistTree()
        self.panel = FindingPanel()
        self.panel.camera.setVisible(False)  # until a camera is found (see load)
        self._camera_checked = False
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
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
        self.panel.camera_requested.connect(self._take_photo)
        self.panel.files_dropped.connect(self.import_photos)
        self.panel.open_photo.connect(self._open_photo)
        self.panel.delete_photo.connect(self._delete_photo)
        self.back.clicked.connect(self.leave)
        self.adhoc.clicked.connect(self.add_adhoc)
        self.finish.clicked.connect(self.finish_inspection)
        self.notice_button.clicked.connect(self.show_notices)
        self.record_button.clicked.connect(self.show_record)
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
        photos = self.runner.store.photos
        self.auto_advance = load_settings().auto_advance

        def loaded(sheet: InspectionSheet) -> None:
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
            lambda uow: load_inspection_sheet(uow, photos, inspection_id),
            loaded,
            lambda error: show_error(self, error),
        )

    def reload(self, select: str | None = None) -> None:
        if self.sheet is None:
            return
        photos = self.runner.store.photos
        inspection_id = self.sheet.id

        def loaded(sheet: InspectionSheet) -> None:
            self.sheet = sheet
            self.tree.refresh(sheet)
            if select:
                self.tree.select_finding(select)
            self._show_current()
            self._update_header()

        self.runner.read(
            lambda uow: load_inspection_sheet(uow, photos, inspection_id),
            loaded,
            lambda error: show_error(self, error),
        )

    @property
    def editable(self) -> bool:
        return self.sheet is not None and is_editable(self.sheet.status)

    def _update_header(self) -> None:
        sheet = self.sheet
        assert sheet is not None
        self.header.setText(
            f"{sheet.site_name} · {pick(MODE_LABELS[sheet.mode])} · "
            f"{bureau_time.local(sheet.started_at):%Y-%m-%d %H:%M}"
        )
        items = [f for f in sheet.findings if f.item_code]
        checked = sum(1 for f in items if f.result != FindingResult.UNCHECKED)
        problems = sum(1 for f in sheet.findings if f.result == FindingResult.FAIL)
        found = self.tr("1 个问题") if problems == 1 else self.tr("{0} 个问题").format(problems)
        self.progress.setText(
            self.tr("已检查 {0} / {1}").format(checked, len(items)) + f" · {found}"
        )
        if sheet.status == InspectionStatus.RETURNED:
            self.banner.setText(
                self.tr("已被退回，请按审核意见修改后重新提交。审核意见：{0}").format(
                    sheet.review_comment
                )
            )
            self.banner.setStyleSheet("background: #fff3cd; padding: 6px; color: #6b4e00")
            self.banner.show()
        elif not is_editable(sheet.status):
            self.banner.setText(self.tr("该检查已提交，只能查看，不能修改。"))
            self.banner.setStyleSheet("background: #e8eaf6; padding: 6px")
            self.banner.show()
        else:
            self.banner.hide()
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

    def _write(
        self,
        work: Callable[[Any], Any],
        select: str | None = None,
        after: Callable[[Any], None] | None = None,
    ) -> None:
        def done(result: Any) -> None:
            self.reload(select)
            if after:
                after(result)

        self.runner.write(work, done, lambda error: self._failed(error))

    def _failed(self, error: Exception) -> None:
        show_error(self, error)
        self.reload()

    def _set_result(self, finding_id: str | None, result: FindingResult) -> None:
        """Record a result; a problem goes on to its description, anything else moves on."""
        if finding_id is None or not self.editable or self.sheet is None:
            return
        self.panel.flush()
        changes = ops.FindingChanges(result=result)
        self._remember(finding_id, changes)
        self._write(lambda uow: ops.update_finding(uow, finding_id, changes))
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
        changes = ops.FindingChanges(**fields)
        self._remember(finding_id, changes)
        self._write(lambda uow: ops.update_finding(uow, finding_id, changes))

    def _remember(self, finding_id: str, changes: ops.FindingChanges) -> None:
        """Keep what the fields were before this change, for Ctrl+Z (text has its own undo)."""
        finding = (
            next((f for f in self.sheet.findings if f.id == finding_id), None)
            if self.sheet
            else None
        )
        if finding is None:
            return
        before = {
            name: getattr(finding, name)
            for name in ops.FindingChanges.__dataclass_fields__
            if getattr(changes, name) is not None and getattr(finding, name) is not None
        }
        if before:
            self._undo.append((finding_id, ops.FindingChanges(**before)))
            del self._undo[:-UNDO_DEPTH]

    def undo(self) -> None:
        if not self._undo or not self.editable:
            return
        finding_id, before = self._undo.pop()
        self._write(lambda uow: ops.update_finding(uow, finding_id, before), select=finding_id)
        self.message.emit(self.tr("已撤销上一步修改。"))

    def _save_text(self) -> None:
        finding = self.panel.finding
        if finding is None or not self.editable:
            return
        description, badge = self.panel.text_values()
        changes = ops.FindingChanges(description=description, staff_badge=badge)
        finding_id = finding.id
        self.runner.write(
            lambda uow: ops.update_finding(uow, finding_id, changes),
            lambda _: self.reload(),
            self._failed,
        )

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
        inspection_id = self.sheet.id

        def added(finding_id: str) -> None:
            self.reload(select=finding_id)
            self.panel.focus_description()

        self.runner.write(
            lambda uow: ops.add_adhoc_finding(uow, inspection_id, title=title, description=""),
            added,
            self._failed,
        )

    # --- photos ---

    def choose_photo_files(self) -> None:
        """Ctrl+O: the dialog opens in the folder photos came from last time."""
        if not self.editable or self._current_id() is None:
            return
        settings = load_settings()
        start = settings.photo_folder if Path(settings.photo_folder or "/-").is_dir() else ""
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("选择照片"),
            start or str(Path.home()),
            self.tr("照片 ({0})").format(PHOTO_FILTER),
        )
        self.window().activateWindow()  # the keyboard belongs to the runner again
        if not names:
            return
        folder = str(Path(names[0]).parent)
        if folder != settings.photo_folder:
            settings.photo_folder = folder
            with contextlib.suppress(OSError):  # a convenience: the photos still import
                save_settings(settings)
        self.import_photos([Path(n) for n in names])

    def paste_photo(self) -> None:
        if not self.editable or self._current_id() is None:
            return
        mime = QApplication.clipboard().mimeData()
        if mime.hasUrls():
            self.import_photos([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()])
            return
        if mime.hasImage():
            image = QImage(mime.imageData())
            folder = Path(tempfile.mkdtemp(prefix="inspector-paste-"))
            path = folder / f"粘贴-{bureau_time.now():%Y%m%d-%H%M%S}.png"
            if not image.isNull() and image.save(str(path), "PNG"):
                self.import_photos([path])
                return
        self.message.emit(self.tr("剪贴板中没有图片。"))

    def import_photos(self, paths: list[Path], finding_id: str | None = None) -> None:
        """Hash and decode on the file threads; attach on the store thread in the given order.

        Two file threads finish in any order; the photos are attached as the
        inspector chose them (the notice's appendix follows this order).
        """
        finding_id = finding_id or self._current_id()
        if not paths or finding_id is None or not self.editable:
            return
        self._import_total += len(paths)
        self._show_import_progress()
        photos = self.runner.store.photos
        arrived: dict[int, ImportedPhoto | Exception] = {}
        next_to_attach = [0]

        def arrive(index: int, outcome: ImportedPhoto | Exception) -> None:
            arrived[index] = outcome
            while next_to_attach[0] in arrived:
                ready = arrived.pop(next_to_attach[0])
                next_to_attach[0] += 1
                if isinstance(ready, Exception):
                    self._import_failed(ready)
                else:
                    self._attach(finding_id, ready)

        for index, path in enumerate(paths):
            self.runner.file_job(
                lambda p=path: photos.import_file(p),
                lambda imported, i=index: arrive(i, imported),
                lambda error, i=index: arrive(i, error),
            )

    def _attach(self, finding_id: str, imported: ImportedPhoto) -> None:
        def attached(result: photo_ops.AttachResult) -> None:
            self._import_step()
            self._reload_soon.start()  # one refresh for a burst of photos, not one each
            if result.also_on_finding:
                self.message.emit(
                    self.tr("注意：照片“{0}”也是另一检查项的证据。").format(imported.original_name)
                )

        self.runner.write(
            lambda uow: photo_ops.attach_imported_photo(uow, finding_id, imported),
            attached,
            self._import_failed,
        )

    def _import_failed(self, error: Exception) -> None:
        self._import_step()
        if isinstance(error, DomainError):
            self.message.emit(user_message(error))
            QMessageBox.warning(self, self.tr("照片未导入"), user_message(error))
        else:
            show_error(self, error)

    def _show_import_progress(self) -> None:
        self.import_progress.setMaximum(self._import_total)
        self.import_progress.setValue(self._import_done)
        self.import_progress.show()

    def _import_step(self) -> None:
        self._import_done += 1
        self._show_import_progress()
        if self._import_done >= self._import_total:
            self._import_done = self._import_total = 0
            self.import_progress.hide()

    def _take_photo(self) -> None:
        path = camera.capture_photo(self)
        if path is not None:
            self.import_photos([path])

    def _open_photo(self, photo_id: str) -> None:
        finding = self._current()
        if finding is not None:
            self.open_photo_viewer.emit(finding, photo_id)

    def _delete_photo(self, photo_id: str) -> None:
        if not self.editable:
            return
        self._write(lambda uow: photo_ops.remove_photo(uow, photo_id))
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

        self.runner.write(lambda uow: ops.submit_inspection(uow, inspection_id), done, self._failed)

    # --- documents ---

    def show_notices(self) -> None:
        self._documents("notice")

    def show_record(self) -> None:
        self._documents("record")

    def _documents(self, kind: str) -> None:
        """Gather on the store thread, build the PDF on a file thread, then preview."""
        from inspector_app.services import documents as docs

        if self.sheet is None:
            return
        self.panel.flush()
        settings = load_settings()
        if kind == "notice":
            asked = self._ask_about_contact(settings)
            if asked is None:
                return
            settings = asked
        photos, inspection_id = self.runner.store.photos, self.sheet.id
        issuer = docs.issuer_from(settings)

        def gather(uow):
            if kind == "record":
                return [docs.record_content(uow, photos, inspection_id, issuer=issuer)]
            return docs.notice_contents(
                uow,
                photos,
                inspection_id,
                issuer=issuer,
                issued_on=bureau_time.today(),
                deadline_days=settings.deadline_days,
            )

        def build(contents) -> list[GeneratedPdf]:
            fonts = docs.fonts_from(settings)
            if kind == "record":
                return [
                    GeneratedPdf(
                        self.tr("现场检查记录表"),
                        f"现场检查记录表-{self.sheet.site_name}.pdf",
                        docs.record_pdf(contents[0], fonts),
                    )
                ]
            return [
                GeneratedPdf(c.addressee, docs.notice_file_name(c), docs.notice_pdf(c, fonts))
                for c in contents
            ]

        def built(documents: list[GeneratedPdf]) -> None:
            self._busy(False)
            title = self.tr("现场检查记录表") if kind == "record" else self.tr("整改通知书")
            self.preview = DocumentPreview(documents, title, self)
            self.preview.show()

        def failed(error: Exception) -> None:
            self._busy(False)
            show_error(self, error)

        self._busy(True)
        self.runner.read(
            gather,
            lambda contents: self.runner.file_job(lambda: build(contents), built, failed),
            failed,
        )

    def _ask_about_contact(self, settings: Settings) -> Settings | None:
        """A notice tells the unit whom to call back: ask before building one without.

        Returns the settings to build with, or None when the user cancels.
        """
        if settings.contact_person.strip() and settings.contact_phone.strip():
            return settings
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("联系人未填写"),
            self.tr(
                "设置中尚未填写联系人或联系电话，整改通知书上这两项将是空白，"
                "被检查单位无法与我局联系。"
            ),
            parent=self,
        )
        fill = box.addButton(self.tr("填写联系人…"), QMessageBox.ButtonRole.ActionRole)
        anyway = box.addButton(self.tr("仍然生成"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(fill)
        box.exec()
        if box.clickedButton() is fill:
            self.settings_requested.emit()  # the settings dialog, answered before this returns
            return load_settings()
        return settings if box.clickedButton() is anyway else None

    def _busy(self, busy: bool) -> None:
        self.notice_button.setEnabled(not busy)
        self.record_button.setEnabled(not busy)
        if busy:
            self.message.emit(self.tr("正在生成文档…"))

    def leave(self) -> None:
        self.panel.flush()
        self.closed.emit()
