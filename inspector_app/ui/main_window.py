"""The main window: for now the home list of inspections."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QMainWindow, QTableView

from inspector_app.services.queries import InspectionSummary
from inspector_app.ui.inspections_model import InspectionsTableModel


class MainWindow(QMainWindow):
    def __init__(self, rows: list[InspectionSummary], data_dir_text: str) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("四不两直明察暗访检查"))
        self.table = QTableView(self)
        self.table.setModel(InspectionsTableModel(rows))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.setCentralWidget(self.table)
        self.statusBar().showMessage(self.tr("数据目录：{0}").format(data_dir_text))
        self.resize(1280, 720)
