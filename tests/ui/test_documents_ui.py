"""From the runner: build notices and the record sheet, preview, print, save."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from inspector_app.services.demo import build_demo
from inspector_app.settings import Settings
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner


def _window_on_approved(qtbot, store: Store) -> tuple[MainWindow, StoreRunner]:
    build_demo(store, inspections=2, photos_per_finding=1, photo_size=(1024, 768))
    runner = StoreRunner(store)
    window = MainWindow(runner, Settings())
    qtbot.addWidget(window)
    window.show()
    runner.wait_idle()
    approved = next(r for r in window.home.model._rows if r.status.value == "approved")
    window.open_inspection(approved.id)
    runner.wait_idle()
    return window, runner


def test_notices_preview_print_and_save(qtbot, store: Store, tmp_path: Path) -> None:
    window, runner = _window_on_approved(qtbot, store)
    try:
        page = window.runner_page
        page.notice_button.click()
        qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None, timeout=30_000)
        runner.wait_idle()
        preview = page.preview
        qtbot.addWidget(preview)
        assert preview.pdf.pageCount() >= 2
        assert preview.chooser.count() == len(preview.documents) >= 1
        assert "共" in preview.pages.text()

        saved = preview.save_document(tmp_path / "notice.pdf")
        assert saved is not None and saved.read_bytes().startswith(b"%PDF")
        assert (
            "草稿"
            in subprocess.run(
                ["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True
            ).stdout
        )

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        printer.setFromTo(1, 1)
        assert preview.print_document(printer)
        info = subprocess.run(
            ["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True
        ).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M) and "(A4)" in info  # one A4 page, as asked
    finally:
        runner.wait_idle()
        runner.shutdown()


def test_record_sheet_preview(qtbot, store: Store) -> None:
    window, runner = _window_on_approved(qtbot, store)
    try:
        page = window.runner_page
        page.record_button.click()
        qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None, timeout=30_000)
        runner.wait_idle()
        assert page.preview.pdf.pageCount() >= 2
        assert not page.preview.chooser.isVisible()
        qtbot.addWidget(page.preview)
    finally:
        runner.wait_idle()
        runner.shutdown()
