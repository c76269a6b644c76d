"""Preview, print and save a generated PDF (a notice per unit, or the record sheet).

A notice comes with its 送达回证: printing the whole notice prints the receipt
after it (on a sheet of its own when printing both sides), and 另存为 writes it
beside the notice; the receipt can also be chosen, viewed and printed alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
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
    receipt: GeneratedPdf | None = None  # a notice's 送达回证


class DocumentPreview(QDialog):
    def __init__(
        self,
        documents: list[GeneratedPdf],
        title: str,
        parent: QWidget | None = None,
        font_warning: str = "",
    ) -> None:
        """`font_warning`: which typeface roles fell back and how to set the font (shown
        above the page, since a notice in the wrong face must not be issued unnoticed)."""
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
        self.with_receipt = QCheckBox(self.tr("附送达回证"))
        self.with_receipt.setObjectName("with-receipt")
        self.with_receipt.setToolTip(
            self.tr("打印全部页面或另存时，连同本通知书的送达回证一起打印或保存")
        )
        self.with_receipt.setChecked(True)
        bar = QHBoxLayout()
        for widget in (self.chooser, self.pages, zoom_in, zoom_out, fit):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.with_receipt)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        self.status = QLabel()
        self.font_warning = QLabel(font_warning)
        self.font_warning.setObjectName("font-warning")
        self.font_warning.setWordWrap(True)
        self.font_warning.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px")
        self.font_warning.setVisible(bool(font_warning))
        layout = QVBoxLayout(self)
        layout.addWidget(self.font_warning)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self._save_folder: str | None = None
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.chooser.currentIndexChanged.connect(self.show_document)
        zoom_in.clicked.connect(lambda: self._zoom(1.25))
        zoom_out.clicked.connect(lambda: self._zoom(0.8))
        fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        # clicked(bool) must not reach the slots' parameters: lambdas drop it.
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button.clicked.connect(lambda: self.save_document())
        # 900×720 at most, and always inside the screen: a 1280×720 laptop hid the status line.
        room = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(900, room.width() - 40), min(720, room.height() - 60))
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
        self.with_receipt.setVisible(document.receipt is not None)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(self.view.zoomFactor() * factor)

    def save_document(self) -> Path | None:
        """另存为…: ask where (starting in the folder used last), then write."""
        start = Path(self._save_folder or Path.home()) / self.current().file_name
        name, _ = QFileDialog.getSaveFileName(self, self.tr("另存为"), str(start), "PDF (*.pdf)")
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            saved = save_pdf(self.current().data, target)
        except Exception as error:
            show_error(self, error)
            return None
        self._save_folder = str(saved.parent)
        receipt = self._receipt()
        if receipt is None:
            self.status.setText(self.tr("已保存到 {0}").format(saved))
            return saved
        beside = saved.with_name(f"{saved.stem}-送达回证.pdf")
        try:
            save_pdf(receipt.data, beside)
        except Exception as error:
            show_error(self, error)
            return saved
        self.status.setText(self.tr("已保存到 {0}，送达回证：{1}").format(saved, beside))
        return saved

    def _receipt(self) -> GeneratedPdf | None:
        """The current notice's receipt, when it is to go along."""
        receipt = self.current().receipt
        return receipt if receipt is not None and self.with_receipt.isChecked() else None

    def print_document(self) -> bool:
        """打印…: A4, with the page range the user picks; the printer is kept for next time."""
        printer = self.printer
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.pdf.pageCount())
        dialog.setFromTo(1, self.pdf.pageCount())
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        receipt = self._receipt()
        whole = printer.printRange() == QPrinter.PrintRange.AllPages  # a range reprints pages
        after = load_pdf(receipt.data, self) if receipt is not None and whole else None
        try:
            printed = render_to_printer(self.pdf, printer, after)
        except Exception as error:
            show_error(self, error)
            return False
        self.status.setText(self.tr("已发送到打印机：{0} 页").format(printed))
        return True


def load_pdf(data: bytes, parent: QWidget) -> QPdfDocument:
    """A PDF held in memory (the buffer lives as long as the document)."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def print_plan(main: int, after: int, both_sides: bool) -> list[tuple[str, int]]:
    """The sheets' sides in order: ("main", i), ("blank", 0), ("after", i). Printed on both
    sides, an odd notice would put the receipt on its last page's back, and the receipt
    is torn off and returned: a blank back comes first."""
    plan = [("main", i) for i in range(main)]
    if after and both_sides and main % 2 == 1:
        plan.append(("blank", 0))
    return plan + [("after", i) for i in range(after)]


def render_to_printer(
    pdf: QPdfDocument, printer: QPrinter, after: QPdfDocument | None = None
) -> int:
    """Render the chosen pages at the printer's resolution, then every page of `after`
    (the 送达回证) starting a new sheet; returns how many pages were sent."""
    first = max(printer.fromPage(), 1)
    last = printer.toPage() or pdf.pageCount()
    chosen = list(range(first - 1, min(last, pdf.pageCount())))
    both_sides = printer.duplex() != QPrinter.DuplexMode.DuplexNone
    plan = print_plan(len(chosen), after.pageCount() if after else 0, both_sides)
    pages = [
        (pdf, chosen[i]) if which == "main" else (after, i) if which == "after" else (None, -1)
        for which, i in plan
    ]
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("printer refused to start")
    sent = 0
    try:
        for position, (document, index) in enumerate(pages):
            if position:
                printer.newPage()
            if document is None:
                continue  # the back of the notice's last sheet stays blank
            area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            image = document.render(index, QSize(area.width(), area.height()))
            painter.drawImage(area.topLeft(), image)
            sent += 1
    finally:
        painter.end()
    return sent
