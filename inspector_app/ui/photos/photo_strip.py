"""Thumbnails of a finding's photos; accepts dropped files and pasted images."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QImage, QPixmap, QTransform
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from inspector_app.domain import bureau_time
from inspector_app.services.queries import PhotoView

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


def image_paths(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def rotated_pixmap(path: str, quarter_turns: int, size: int | None = None) -> QPixmap:
    image = QImage(path)
    if image.isNull():
        return QPixmap()
    if quarter_turns % 4:
        image = image.transformed(QTransform().rotate(90 * (quarter_turns % 4)))
    pixmap = QPixmap.fromImage(image)
    if size:
        pixmap = pixmap.scaled(
            size,
            size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return pixmap


class PhotoStrip(QListWidget):
    files_dropped = Signal(list)  # list[Path]
    open_requested = Signal(str)  # photo id
    delete_requested = Signal(str)

    THUMB = 96

    def __init__(self) -> None:
        super().__init__()
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(QSize(self.THUMB, self.THUMB))
        self.setFixedHeight(self.THUMB + 44)
        self.setMovement(QListWidget.Movement.Static)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.itemActivated.connect(
            lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self._photos: list[PhotoView] = []
        self._icons: dict[tuple[str, int], QIcon] = {}

    def set_photos(self, photos: tuple[PhotoView, ...]) -> None:
        if [(p.id, p.rotation, p.preview_path) for p in photos] == [
            (p.id, p.rotation, p.preview_path) for p in self._photos
        ]:
            return
        self._photos = list(photos)
        self.clear()
        for photo in photos:
            key = (photo.thumb_path, photo.rotation)
            if key not in self._icons:  # thumbnails are immutable files: load each once
                self._icons[key] = QIcon(rotated_pixmap(photo.thumb_path, photo.rotation))
            item = QListWidgetItem(self._icons[key], "")
            time = f"{bureau_time.local(photo.taken_at):%H:%M:%S}" if photo.taken_at else ""
            item.setText(time)
            item.setToolTip(f"{photo.original_name}\n{photo.caption}")
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            self.addItem(item)

    def selected_photo_id(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Delete and self.selected_photo_id():
            self.delete_requested.emit(self.selected_photo_id())
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if image_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if image_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = image_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            super().dropEvent(event)
