"""The runner's notice and record buttons: read settings, gather, render, preview.

Settings are read from the file when the button is pressed (it may have
changed since the page opened; reading it on a file thread first made the
preview's save dialog lose its answer offscreen, so it stays a small GUI-thread
read), the content is gathered on the store thread and the PDF rendered on a
file thread; the contact question and the preview run on the GUI thread.
Texts keep the translation context "RunnerPage" they were written in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from inspector_app.documents.font_notice import font_notice
from inspector_app.domain import bureau_time
from inspector_app.services.documents import BuiltDocument, DocumentDraft, fonts_from
from inspector_app.settings import Settings, load_settings
from inspector_app.ui.errors import show_error
from inspector_app.ui.i18n import current_language
from inspector_app.ui.operations import documents as document_ops
from inspector_app.ui.runner.document_preview import DocumentPreview, GeneratedPdf
from inspector_app.ui.store_runner import StoreRunner

if TYPE_CHECKING:
    from inspector_app.services.queries import InspectionSheet


class DocumentActions(QObject):
    message = Signal(str)
    settings_requested = Signal()  # answered synchronously: the settings dialog
    shown = Signal(object)  # the DocumentPreview

    def __init__(
        self,
        page: QWidget,
        runner: StoreRunner,
        settings: Callable[[], Settings],
        buttons: tuple[QPushButton, QPushButton],
    ) -> None:
        """`settings` gives the settings as the window holds them (after the dialog)."""
        super().__init__(page)
        self.page = page
        self.runner = runner
        self.settings = settings
        self.buttons = buttons

    def build(self, kind: str, sheet: InspectionSheet) -> None:
        """Gather on the store thread, build the PDF on a file thread, then preview."""
        self._with_settings(kind, sheet, load_settings())

    def _with_settings(self, kind: str, sheet: InspectionSheet, settings: Settings) -> None:
        if kind == "notice":
            asked = self._ask_about_contact(settings)
            if asked is None:
                return
            settings = asked
        factory = document_ops.build_record if kind == "record" else document_ops.build_notices
        gather = factory(inspection_id=sheet.id, settings=settings, issued_on=bureau_time.today())
        label = QCoreApplication.translate("RunnerPage", "现场检查记录表")  # GUI thread
        receipt_label = QCoreApplication.translate("RunnerPage", "送达回证（{0}）")
        title = (
            label if kind == "record" else QCoreApplication.translate("RunnerPage", "整改通知书")
        )

        def render(draft: DocumentDraft) -> tuple[list[BuiltDocument], tuple[str, str] | None]:
            # a file thread: no Qt here; the fonts are resolved again (registered: cheap)
            return draft.render(), font_notice(fonts_from(draft.settings))

        def built(result: tuple[list[BuiltDocument], tuple[str, str] | None]) -> None:
            documents, fonts_note = result
            self._busy(False)
            pdfs: list[GeneratedPdf] = []
            for d in documents:  # each notice, then its 送达回证 (printed with it)
                shown = label if kind == "record" else d.label
                if d.receipt is None:
                    pdfs.append(GeneratedPdf(shown, d.file_name, d.data))
                    continue
                receipt = GeneratedPdf(
                    receipt_label.format(d.label), d.receipt.file_name, d.receipt.data
                )
                pdfs += [GeneratedPdf(shown, d.file_name, d.data, receipt), receipt]
            warning = ""
            if fonts_note is not None:
                warning = fonts_note[0] if current_language().startswith("zh") else fonts_note[1]
            preview = DocumentPreview(pdfs, title, self.page, font_warning=warning)
            self.shown.emit(preview)
            preview.show()

        self._busy(True)
        self.runner.read(
            gather,
            lambda draft: self.runner.file_job(lambda: render(draft), built, self._failed),
            self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        show_error(self.page, error)

    def _ask_about_contact(self, settings: Settings) -> Settings | None:
        """A notice tells the unit whom to call back: ask before building one without.

        Returns the settings to build with, or None when the user cancels.
        """
        if settings.contact_person.strip() and settings.contact_phone.strip():
            return settings
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("RunnerPage", "联系人未填写"),
            QCoreApplication.translate(
                "RunnerPage",
                "设置中尚未填写联系人或联系电话，整改通知书上这两项将是空白，"
                "被检查单位无法与我局联系。",
            ),
            parent=self.page,
        )
        fill = box.addButton(
            QCoreApplication.translate("RunnerPage", "填写联系人…"),
            QMessageBox.ButtonRole.ActionRole,
        )
        anyway = box.addButton(
            QCoreApplication.translate("RunnerPage", "仍然生成"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(
            QCoreApplication.translate("RunnerPage", "取消"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(fill)
        box.exec()
        if box.clickedButton() is fill:
            self.settings_requested.emit()  # the settings dialog, answered before this returns
            return self.settings()
        return settings if box.clickedButton() is anyway else None

    def _busy(self, busy: bool) -> None:
        for button in self.buttons:
            button.setEnabled(not busy)
        if busy:
            self.message.emit(QCoreApplication.translate("RunnerPage", "正在生成文档…"))
