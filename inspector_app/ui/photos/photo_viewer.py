"""Look at photo evidence: zoom, next/previous, caption, rotate, delete/restore, annotate.

Annotations (arrows, boxes, text) are drawn over the preview and saved as a
new image of their own; the original photo is never changed.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.services.queries import PhotoView
from inspector_app.ui.errors import show_error
from inspector_app.ui.operations import photos as photo_ops
from inspector_app.ui.operations import reads
from inspector_app.ui.photos.photo_strip import rotated_pixmap
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.widgets import shows_user_data

RED = QColor("#e53935")


class ZoomView(QGraphicsView):
    """A graphics view that zooms with Ctrl+wheel and draws annotations with the mouse."""

    shape_drawn = Signal(str, QPointF, QPointF)

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.tool: str | None = None
        self._start: QPointF | None = None

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)
        else:
            super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:
        if self.tool and event.button() == Qt.MouseButton.LeftButton:
            self._start = self.mapToScene(event.position().toPoint())
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self.tool and self._start is not None:
            end = self.mapToScene(event.position().toPoint())
            self.shape_drawn.emit(self.tool, self._start, end)
            self._start = None
            return
        super().mouseReleaseEvent(event)


class PhotoViewer(QDialog):
    changed = Signal()

    def __init__(
        self,
        runner: StoreRunner,
        finding_id: str,
        photo_id: str,
        editable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("照片查看"))
        self.runner = runner
        self.finding_id = finding_id
        self.editable = editable
        self.photos: tuple[PhotoView, ...] = ()
        self.index = 0
        self._annotated = False

        self.scene = QGraphicsScene(self)
        self.view = ZoomView(self.scene)
        self.pixmap_item = QGraphicsPixmapItem()
        self.scene.addItem(self.pixmap_item)
        self.info = shows_user_data(QLabel())
        self.info.setWordWrap(True)
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(self.tr("照片说明（如：3号窗口无人在岗）"))
        self.position = QLabel()
        self.status = QLabel()  # what the last action did (标注已保存…)
        self.status.setWordWrap(True)
        self._shown_id: str | None = None

        self.prev_button = QPushButton(self.tr("上一张 (←)"))
        self.next_button = QPushButton(self.tr("下一张 (→)"))
        zoom_in = QPushButton(self.tr("放大 (+)"))
        zoom_out = QPushButton(self.tr("缩小 (-)"))
        fit = QPushButton(self.tr("适应窗口"))
        self.rotate_button = QPushButton(self.tr("旋转"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.arrow = QPushButton(self.tr("箭头"))
        self.box = QPushButton(self.tr("方框"))
        self.text = QPushButton(self.tr("文字"))
        self.save_annotation = QPushButton(self.tr("保存标注"))
        tools = QButtonGroup(self)
        tools.setExclusive(False)
        for button, tool in ((self.arrow, "arrow"), (self.box, "box"), (self.text, "text")):
            button.setCheckable(True)
            tools.addButton(button)
            button.toggled.connect(lambda on, t=tool, b=button: self._tool(t if on else None, b))

        nav = QHBoxLayout()
        for widget in (
            self.prev_button,
            self.next_button,
            self.position,
            zoom_in,
            zoom_out,
            fit,
            self.rotate_button,
            self.delete_button,
        ):
            nav.addWidget(widget)
        nav.addStretch(1)
        annotate = QHBoxLayout()
        annotate.addWidget(QLabel(self.tr("标注：")))
        for widget in (self.arrow, self.box, self.text, self.save_annotation):
            annotate.addWidget(widget)
        annotate.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.info)
        layout.addWidget(self.caption)
        layout.addLayout(annotate)
        layout.addWidget(self.status)

        self.prev_button.clicked.connect(lambda: self.show_index(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_index(self.index + 1))
        zoom_in.clicked.connect(lambda: self.view.zoom(1.25))
        zoom_out.clicked.connect(lambda: self.view.zoom(0.8))
        fit.clicked.connect(self.fit)
        self.rotate_button.clicked.connect(self._rotate)
        self.delete_button.clicked.connect(self._delete_or_restore)
        self.caption.editingFinished.connect(self._save_caption)
        self.save_annotation.clicked.connect(self._save_annotation)
        self.view.shape_drawn.connect(self._draw)
        for widget in (
            self.caption,
            self.rotate_button,
            self.delete_button,
            self.arrow,
            self.box,
            self.text,
            self.save_annotation,
        ):
            widget.setEnabled(editable)
        self.resize(1100, 720)
        self._load(select=photo_id)

    # --- data ---

    def _load(self, select: str | None = None) -> None:

        def loaded(views: tuple[PhotoView, ...]) -> None:
            self.photos = views
            ids = [p.id for p in views]
            current = select or (self.photos[self.index].id if self.photos else None)
            self.show_index(ids.index(current) if current in ids else 0)

        self.runner.read(
            reads.photos_of(finding_id=self.finding_id),
            loaded,
            lambda error: show_error(self, error),
        )

    def _write(self, work, select: str | None = None, done_text: str = "") -> None:
        def done(_: object) -> None:
            self.changed.emit()
            self._load(select)
            if done_text:
                self.status.setText(done_text)

        self.runner.write(work, done, lambda error: show_error(self, error), initiator=self)

    # --- showing ---

    def show_index(self, index: int) -> None:
        if not self.photos:
            self.info.setText(self.tr("没有照片。"))
            return
        self.index = max(0, min(index, len(self.photos) - 1))
        photo = self.photos[self.index]
        if photo.id != self._shown_id:
            self.status.clear()  # a note about another photo would mislead
            self._shown_id = photo.id
        for item in list(self.scene.items()):
            if item is not self.pixmap_item:
                self.scene.removeItem(item)
        self._annotated = False
        pixmap = rotated_pixmap(photo.preview_path, photo.rotation)
        self.pixmap_item.setPixmap(pixmap)
        self.scene.setSceneRect(QRectF(pixmap.rect()))
        self.fit()
        self.info.setText(self.describe(photo))
        self.caption.setText(photo.caption)
        self.position.setText(f"{self.index + 1} / {len(self.photos)}")
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.photos) - 1)
        self.delete_button.setText(self.tr("恢复") if photo.deleted else self.tr("删除"))

    def describe(self, photo: PhotoView) -> str:
        """File name, capture time on the bureau's clock, fingerprint, deleted state."""
        taken = (
            f"{bureau_time.local(photo.taken_at):%Y-%m-%d %H:%M:%S}"
            if photo.taken_at
            else self.tr("未知（照片无拍摄时间信息）")
        )
        state = self.tr("（已删除，可恢复）") if photo.deleted else ""
        return self.tr("{0} · 拍摄时间：{1} · SHA-256 {2}… {3}").format(
            photo.original_name, taken, photo.sha256[:16], state
        )

    def fit(self) -> None:
        self.view.resetTransform()
        self.view.fitInView(self.pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit()  # the view has its real size only now

    def current(self) -> PhotoView | None:
        return self.photos[self.index] if self.photos else None

    # --- actions ---

    def _save_caption(self) -> None:
        photo = self.current()
        if photo is None or not self.editable or photo.caption == self.caption.text():
            return
        caption = self.caption.text()
        self._write(
            photo_ops.set_caption(finding_id=self.finding_id, photo_id=photo.id, caption=caption),
            photo.id,
        )

    def _rotate(self) -> None:
        photo = self.current()
        if photo is not None:
            self._write(
                photo_ops.rotate_photo(finding_id=self.finding_id, photo_id=photo.id), photo.id
            )

    def _delete_or_restore(self) -> None:
        photo = self.current()
        if photo is None:
            return
        action = photo_ops.restore_photo if photo.deleted else photo_ops.delete_photo
        self._write(action(finding_id=self.finding_id, photo_id=photo.id), photo.id)

    def _tool(self, tool: str | None, button: QPushButton) -> None:
        if tool:
            for other in (self.arrow, self.box, self.text):
                if other is not button:
                    other.setChecked(False)
        self.view.tool = tool
        self.view.setDragMode(
            QGraphicsView.DragMode.NoDrag if tool else QGraphicsView.DragMode.ScrollHandDrag
        )

    def _draw(self, tool: str, start: QPointF, end: QPointF) -> None:
        width = max(4.0, self.scene.sceneRect().width() / 250)
        pen = QPen(RED, width)
        if tool == "box":
            self.scene.addRect(QRectF(start, end).normalized(), pen)
        elif tool == "arrow":
            self._arrow(start, end, pen)
        elif tool == "text":
            text, ok = QInputDialog.getText(self, self.tr("标注文字"), self.tr("文字"))
            if not ok or not text:
                return
            item = self.scene.addText(text, QFont(self.font().family(), int(width * 6)))
            item.setDefaultTextColor(RED)
            item.setPos(start)
        self._annotated = True

    def _arrow(self, start: QPointF, end: QPointF, pen: QPen) -> None:
        line = QLineF(start, end)
        if line.length() < 2:
            return
        self.scene.addLine(line, pen)
        angle = math.atan2(-line.dy(), line.dx())
        size = pen.widthF() * 4
        left = end - QPointF(
            math.cos(angle - math.pi / 6) * size, -math.sin(angle - math.pi / 6) * size
        )
        right = end - QPointF(
            math.cos(angle + math.pi / 6) * size, -math.sin(angle + math.pi / 6) * size
        )
        self.scene.addPolygon(QPolygonF([end, left, right]), pen, RED)

    def annotated_jpeg(self) -> bytes:
        """Render the picture with its marks at the preview's own resolution."""
        rect = self.scene.sceneRect()
        image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.scene.render(painter, QRectF(image.rect()), rect)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "JPEG", 90)
        return bytes(data.data())

    def _save_annotation(self) -> None:
        photo = self.current()
        if photo is None:
            return
        if not self._annotated:
            self.status.setText(self.tr("还没有标注：先选箭头、方框或文字，在照片上拖动画出。"))
            return
        jpeg = self.annotated_jpeg()
        self._write(
            photo_ops.annotate_photo(finding_id=self.finding_id, photo_id=photo.id, jpeg=jpeg),
            photo.id,
            self.tr("标注已保存为单独的图片，原图未改动。"),
        )

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Left:
            self.show_index(self.index - 1)
        elif key == Qt.Key.Key_Right:
            self.show_index(self.index + 1)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.view.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.view.zoom(0.8)
        else:
            super().keyPressEvent(event)
