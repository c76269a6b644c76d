"""Getting photos onto a finding: file dialog, clipboard, camera, drops; progress.

Hashing and decoding run on the file threads, attaching on the store thread,
in the order the inspector chose the photos (the notice's appendix follows it).
Texts keep the translation context "RunnerPage" they were written in.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressBar, QWidget

from inspector_app.domain import bureau_time
from inspector_app.domain.errors import DomainError
from inspector_app.services.photos import AttachResult, ImportedPhoto
from inspector_app.settings import Settings, load_settings, save_settings
from inspector_app.ui.errors import show_error, user_message
from inspector_app.ui.operations import photos as photo_ops
from inspector_app.ui.photos import camera
from inspector_app.ui.store_runner import StoreRunner

PHOTO_FILTER = "*.jpg *.jpeg *.png *.webp *.JPG *.JPEG *.PNG"


def remember_photo_folder(folder: str) -> None:
    """Store where photos came from, for the next file dialog (a file thread's job)."""
    settings = load_settings()
    if settings.photo_folder != folder:
        settings.photo_folder = folder
        with contextlib.suppress(OSError):  # a convenience: the photos still import
            save_settings(settings)


class PhotoImport(QObject):
    """The runner page's photo intake and its progress bar."""

    message = Signal(str)
    attached = Signal()  # one or more photos reached the store

    def __init__(
        self,
        page: QWidget,
        runner: StoreRunner,
        settings: Callable[[], Settings],
        current: Callable[[], str | None],
        editable: Callable[[], bool],
    ) -> None:
        """`current` is the finding selected now; `editable` whether photos may be added."""
        super().__init__(page)
        self.page = page
        self.runner = runner
        self.settings = settings
        self.current = current
        self.editable = editable
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(QCoreApplication.translate("RunnerPage", "导入照片 %v/%m"))
        self.progress.hide()
        self._total = 0
        self._done = 0

    @property
    def importing(self) -> bool:
        return self._total > 0

    def choose_files(self) -> None:
        """Ctrl+O: the dialog opens in the folder photos came from last time."""
        if not self.editable() or self.current() is None:
            return
        settings = self.settings()
        start = settings.photo_folder if Path(settings.photo_folder or "/-").is_dir() else ""
        names, _ = QFileDialog.getOpenFileNames(
            self.page,
            QCoreApplication.translate("RunnerPage", "选择照片"),
            start or str(Path.home()),
            QCoreApplication.translate("RunnerPage", "照片 ({0})").format(PHOTO_FILTER),
        )
        self.page.window().activateWindow()  # the keyboard belongs to the runner again
        if not names:
            return
        folder = str(Path(names[0]).parent)
        if folder != settings.photo_folder:
            settings.photo_folder = folder
            self.runner.file_job(lambda: remember_photo_folder(folder))
        self.import_photos([Path(n) for n in names])

    def paste(self) -> None:
        if not self.editable() or self.current() is None:
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
        self.message.emit(QCoreApplication.translate("RunnerPage", "剪贴板中没有图片。"))

    def take_photo(self) -> None:
        path = camera.capture_photo(self.page)
        if path is not None:
            self.import_photos([path])

    def import_photos(self, paths: list[Path], finding_id: str | None = None) -> None:
        """Hash and decode on the file threads; attach on the store thread in the given order.

        Two file threads finish in any order; the photos are attached as the
        inspector chose them (the notice's appendix follows this order).
        """
        finding_id = finding_id or self.current()
        if not paths or finding_id is None or not self.editable():
            return
        self._total += len(paths)
        self._show_progress()
        arrived: dict[int, ImportedPhoto | Exception] = {}
        next_to_attach = [0]

        def arrive(index: int, outcome: ImportedPhoto | Exception) -> None:
            arrived[index] = outcome
            while next_to_attach[0] in arrived:
                ready = arrived.pop(next_to_attach[0])
                next_to_attach[0] += 1
                if isinstance(ready, Exception):
                    self._failed(ready)
                else:
                    self._attach(finding_id, ready)

        for index, path in enumerate(paths):
            self.runner.photo_job(
                lambda photos, p=path: photos.import_file(p),
                lambda imported, i=index: arrive(i, imported),
                lambda error, i=index: arrive(i, error),
            )

    def _attach(self, finding_id: str, imported: ImportedPhoto) -> None:
        def attached(result: AttachResult) -> None:
            self._step()
            self.attached.emit()
            if result.also_on_finding:
                self.message.emit(
                    QCoreApplication.translate(
                        "RunnerPage", "注意：照片“{0}”也是另一检查项的证据。"
                    ).format(imported.original_name)
                )

        self.runner.write(
            photo_ops.attach_photo(finding_id=finding_id, imported=imported),
            attached,
            self._failed,
            initiator=self.page,
        )

    def _failed(self, error: Exception) -> None:
        self._step()
        if isinstance(error, DomainError):
            self.message.emit(user_message(error))
            QMessageBox.warning(
                self.page,
                QCoreApplication.translate("RunnerPage", "照片未导入"),
                user_message(error),
            )
        else:
            show_error(self.page, error)

    def _show_progress(self) -> None:
        self.progress.setMaximum(self._total)
        self.progress.setValue(self._done)
        self.progress.show()

    def _step(self) -> None:
        self._done += 1
        self._show_progress()
        if self._done >= self._total:
            self._done = self._total = 0
            self.progress.hide()
