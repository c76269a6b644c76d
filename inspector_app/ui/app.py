"""Composition root of the desktop app: open the store, build the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from inspector_app.domain.errors import DomainError
from inspector_app.services.queries import list_inspections
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow


def run(*, data_dir: Path, lang: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("inspector-app")
    try:
        store = Store.open(data_dir)
    except DomainError as error:
        QMessageBox.critical(None, "四不两直明察暗访检查", error.message(lang or "zh_CN"))
        return 2
    with store.unit_of_work() as uow:
        rows = list_inspections(uow)
    window = MainWindow(rows, str(data_dir))
    window.show()
    try:
        return app.exec()
    finally:
        store.close()
