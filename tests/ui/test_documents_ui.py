"""From the runner: build notices and the record sheet, preview, print, save — by clicking."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from inspector_app.resource_paths import resources_dir
from inspector_app.services.demo import build_demo
from inspector_app.settings import Settings, save_settings
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.runner.document_preview import DocumentPreview
from inspector_app.ui.store_runner import StoreRunner

from .conftest import accept_file_dialog, when_modal


@pytest.fixture(autouse=True)
def next_years_holidays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app dates a notice today, and its due date may fall in a year chinesecalendar
    does not carry yet (from mid-December 2026: 2027), which the app rightly refuses.
    These tests are about the buttons, so they run with a supplement naming 2027 (no
    holidays: test data, not the State Council's arrangement)."""
    resources = tmp_path / "resources"
    shutil.copytree(resources_dir(), resources)
    (resources / "documents" / "holidays.yaml").write_text(
        "schema: 1\nyears:\n  2027:\n    holidays: []\n    working_weekends: []\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("INSPECTOR_RESOURCES_DIR", str(resources))


def _window_on_approved(qtbot, store: Store) -> tuple[MainWindow, StoreRunner]:
    build_demo(store, inspections=2, photos_per_finding=1, photo_size=(1024, 768))
    settings = Settings(contact_person="王敏", contact_phone="0458-3600000")
    save_settings(settings)  # the notice reads them from the settings file
    runner = StoreRunner(store)
    window = MainWindow(runner, settings)
    qtbot.addWidget(window)
    window.show()
    runner.wait_idle()
    approved = next(r for r in window.home.model._rows if r.status.value == "approved")
    window.open_inspection(approved.id)
    runner.wait_idle()
    return window, runner


def _open_preview(qtbot, window: MainWindow, button: QPushButton) -> DocumentPreview:
    page = window.runner_page
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None, timeout=30_000)
    window.runner.wait_idle()
    preview = page.preview
    qtbot.addWidget(preview)
    qtbot.waitExposed(preview)
    return preview


def _type_into(edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


def _answer_save_dialog(path: Path, seen: list[QWidget]):
    def answer(dialog: QWidget) -> None:
        seen.append(dialog)
        assert isinstance(dialog, QFileDialog)
        accept_file_dialog(dialog, str(path))

    return answer


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_notice_saved_from_the_button_lands_where_the_user_typed(
    qtbot, store: Store, tmp_path: Path
) -> None:
    window, runner = _window_on_approved(qtbot, store)
    try:
        preview = _open_preview(qtbot, window, window.runner_page.notice_button)
        assert preview.pdf.pageCount() >= 2
        assert preview.chooser.count() == len(preview.documents) >= 1
        assert "共" in preview.pages.text()
        target = tmp_path / "exports" / "notice"
        target.parent.mkdir()
        seen: list[QWidget] = []
        when_modal(_answer_save_dialog(target, seen), kind=QFileDialog)
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
        saved = target.with_name("notice.pdf")  # the extension is added when left out
        assert seen and saved.read_bytes().startswith(b"%PDF")
        assert "草稿" in _pdf_text(saved)
        assert str(saved) in preview.status.text()

        # The next 另存为 starts in the folder used last.
        starts: list[str] = []

        def cancel(dialog: QWidget) -> None:
            assert isinstance(dialog, QFileDialog)
            starts.append(dialog.directory().absolutePath())
            dialog.reject()

        when_modal(cancel, kind=QFileDialog)
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
        assert starts == [str(target.parent)]
    finally:
        runner.wait_idle()
        runner.shutdown()


def test_notice_printed_from_the_button_prints_the_pages_asked_for(
    qtbot, store: Store, tmp_path: Path
) -> None:
    window, runner = _window_on_approved(qtbot, store)
    try:
        preview = _open_preview(qtbot, window, window.runner_page.notice_button)
        output = tmp_path / "printed.pdf"

        def print_page_one_to_file(dialog: QWidget) -> None:
            assert isinstance(dialog, QPrintDialog)
            _type_into(dialog.findChild(QLineEdit, "filename"), str(output))
            qtbot.mouseClick(
                dialog.findChild(QRadioButton, "printRange"), Qt.MouseButton.LeftButton
            )
            to_page = dialog.findChild(QSpinBox, "to")
            to_page.setFocus()
            to_page.selectAll()
            QTest.keyClicks(to_page, "1")
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

        when_modal(print_page_one_to_file, kind=QPrintDialog)
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
        info = subprocess.run(
            ["pdfinfo", str(output)], capture_output=True, text=True, check=True
        ).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M) and "(A4)" in info  # one A4 page, as asked
        assert "1" in preview.status.text()
    finally:
        runner.wait_idle()
        runner.shutdown()


def test_record_sheet_preview_saves_with_the_users_file_mode(
    qtbot, store: Store, tmp_path: Path
) -> None:
    window, runner = _window_on_approved(qtbot, store)
    old_mask = os.umask(0o022)
    try:
        preview = _open_preview(qtbot, window, window.runner_page.record_button)
        assert preview.pdf.pageCount() >= 2
        assert not preview.chooser.isVisible()
        target = tmp_path / "record.pdf"
        when_modal(_answer_save_dialog(target, []), kind=QFileDialog)
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
        assert "现场检查记录表" in _pdf_text(target)
        assert target.stat().st_mode & 0o777 == 0o644  # like any saved file, not 0600
    finally:
        os.umask(old_mask)
        runner.wait_idle()
        runner.shutdown()
