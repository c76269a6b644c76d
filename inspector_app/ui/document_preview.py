"""Preview, print and save a generated PDF (a notice per unit, or the record sheet)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.documents import save_pdf
from inspector_app.ui.errors import show_error


@dataclass(frozen=True)
class GeneratedPdf:
    label: str  # what the chooser shows: the addressee, or 现场检查记录表
    file_name: str
    data: bytes


class DocumentPreview(QDialog):
    def __init__(
        self, documents: list[GeneratedPdf], title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.documents = documents
        self.pdf = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.chooser = QComboBox()
        for document in documents:
            self.chooser.addItem(document.label)
        self.chooser.setVisible(len(documents) > 1)
        self.pages = QLabel()
        zoom_in = QPushButton(self.tr("放大"))
        zoom_out = QPushButton(self.tr("缩小"))
        fit = QPushButton(self.tr("适应宽度"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.save_button = QPushButton(self.tr("另存为…"))
        bar = QHBoxLayout()
        for widget in (self.chooser, self.pages, zoom_in, zoom_out, fit):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.chooser.currentIndexChanged.connect(self.show_document)
        zoom_in.clicked.connect(lambda: self._zoom(1.25))
        zoom_out.clicked.connect(lambda: self._zoom(0.8))
        fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.resize(900, 720)
        self.show_document(0)

    def current(self) -> GeneratedPdf:
        return self.documents[max(self.chooser.currentIndex(), 0)]

    def show_document(self, index: int) -> None:
        document = self.documents[index]
        buffer = QBuffer(self)
        buffer.setData(QByteArray(document.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.pages.setText(self.tr("共 {0} 页").format(self.pdf.pageCount()))

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(self.view.zoomFactor() * factor)

    def save_document(self, target: Path | None = None) -> Path | None:
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("另存为"), str(Path.home() / self.current().file_name), "PDF (*.pdf)"
            )
            if not name:
                return None
            target = Path(name)
        try:
            return save_pdf(self.current().data, target)
        except Exception as error:
            show_error(self, error)
            return None

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """A4, with the page range the user picks; pages rendered at the printer's dpi."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            dialog = QPrintDialog(printer, self)
            dialog.setMinMax(1, self.pdf.pageCount())
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return False
        render_to_printer(self.pdf, printer)
        return True


def render_to_printer(pdf: QPdfDocument, printer: QPrinter) -> None:
    first = max(printer.fromPage(), 1)
    last = printer.toPage() or pdf.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("printer refused to start")
    try:
        for index in range(first - 1, min(last, pdf.pageCount())):
            if index > first - 1:
                printer.newPage()
            area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            image = pdf.render(index, QSize(area.width(), area.height()))
            painter.drawImage(area.topLeft(), image)
    finally:
        painter.end()
