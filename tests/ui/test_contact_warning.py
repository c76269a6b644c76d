"""A notice without a contact person: the app asks first, and 设置 can be filled in there."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from inspector_app.services.demo import build_demo
from inspector_app.settings import Settings, load_settings, save_settings
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings_dialog import SettingsDialog
from inspector_app.ui.store_runner import StoreRunner

from .conftest import when_modal
from .test_walkthrough import ime_commit


def _button(box: QMessageBox, text: str) -> QPushButton:
    return next(b for b in box.findChildren(QPushButton) if b.text() == text)


def test_empty_contact_is_asked_for_and_filled_in_before_the_notice_is_built(
    qtbot, store: Store, tmp_path: Path
) -> None:
    build_demo(store, inspections=2, photos_per_finding=0)
    runner = StoreRunner(store)
    window = MainWindow(runner, Settings())
    qtbot.addWidget(window)
    window.show()
    runner.wait_idle()
    try:
        approved = next(r for r in window.home.model._rows if r.status.value == "approved")
        window.open_inspection(approved.id)
        runner.wait_idle()
        page = window.runner_page
        asked: list[str] = []

        def fill_settings(dialog: QWidget) -> None:
            assert isinstance(dialog, SettingsDialog)
            for edit, text in ((dialog.contact_person, "王敏"), (dialog.contact_phone, "3600000")):
                edit.setFocus()
                ime_commit(edit, text)
            save = next(b for b in dialog.findChildren(QPushButton) if b.text() == "保存")
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

        def answer(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            asked.append(box.text())
            when_modal(fill_settings)
            qtbot.mouseClick(_button(box, "填写联系人…"), Qt.MouseButton.LeftButton)

        when_modal(answer)
        qtbot.mouseClick(page.notice_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None, timeout=30_000)
        runner.wait_idle()
        qtbot.addWidget(page.preview)
        assert asked and "联系人" in asked[0]
        assert load_settings().contact_person == "王敏"
        saved = tmp_path / "n.pdf"
        saved.write_bytes(page.preview.current().data)
        text = subprocess.run(
            ["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "王敏" in text and "3600000" in text

        # Cancelling builds nothing.
        page.preview.close()
        page.preview = None
        saved_settings = load_settings()
        saved_settings.contact_phone = ""
        save_settings(saved_settings)
        when_modal(lambda box: qtbot.mouseClick(_button(box, "取消"), Qt.MouseButton.LeftButton))
        qtbot.mouseClick(page.notice_button, Qt.MouseButton.LeftButton)
        runner.wait_idle()
        assert page.preview is None
    finally:
        runner.wait_idle()
        runner.shutdown()
