"""Subprocess for the kill test: the real app records edits and reports each saved one.

It keeps typing after each report, so the parent's SIGKILL lands while the app
is busy, as it would when a laptop battery dies mid-sentence.
"""

from __future__ import annotations

import itertools
import sys
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from inspector_app.domain.inspection import InspectionMode
from inspector_app.services import inspections as ops
from inspector_app.services.reference_data import (
    install_shipped,
    reference_id,
)
from inspector_app.settings import Settings
from inspector_app.store.models import Finding
from inspector_app.store.store import Store
from inspector_app.ui.app import create_application
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner


def main(data_dir: Path) -> None:
    app = create_application()
    store = Store.open(data_dir)
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    with store.unit_of_work() as uow:
        inspection_id = ops.start_inspection(
            uow,
            template_id=reference_id("template", "window-service", "1"),
            site_id=reference_id("site", "city-center"),
            mode=InspectionMode.COVERT,
            team=["张明"],
            started_at=datetime.now(UTC),
        )
        findings = list(
            uow.session.scalars(
                select(Finding.id)
                .where(Finding.inspection_id == inspection_id)
                .order_by(Finding.created_at)
            )
        )
        uow.commit()
    runner = StoreRunner(store)
    window = MainWindow(runner, Settings())
    window.show()
    window.open_inspection(inspection_id)
    runner.wait_idle()
    page = window.runner_page
    counter = itertools.count(1)

    def edit_next() -> None:
        n = next(counter)
        finding_id = findings[n % len(findings)]
        page.tree.select_finding(finding_id)
        page.tree.setFocus()
        QTest.keyClick(page.tree, Qt.Key.Key_2)  # 不符合
        text = f"第{n}次记录：窗口无人在岗"
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        page.panel.description.setFocus()
        page.panel.description.clear()
        QApplication.sendEvent(page.panel.description, event)
        runner.wait_idle()  # the status bar now says "saved"
        assert "已自动保存" in window.save_state.text()
        print(f"SAVED {finding_id} {text}", flush=True)
        QTimer.singleShot(0, edit_next)

    QTimer.singleShot(0, edit_next)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
