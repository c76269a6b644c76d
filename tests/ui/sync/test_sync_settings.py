"""The server's address, its pinned CA file, plain http and auto-sync are set in 设置."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton

from inspector_app.settings import load_settings
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import accept_file_dialog, when_modal
from tests.ui.sync.conftest import click, toolbar_button, type_into


def test_the_server_fields_are_saved_and_auto_sync_waits_for_a_sign_in(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    ca = tmp_path / "bureau-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", encoding="utf-8")

    def fill(dialog: SettingsDialog) -> None:
        dialog.server.clear()
        type_into(dialog.server, "https://sync.example.gov.cn")
        when_modal(lambda files: accept_file_dialog(files, str(ca)), kind=QFileDialog)
        click(dialog.findChild(QPushButton, "ca-browse"))
        qtbot.waitUntil(lambda: dialog.ca_bundle.text() == str(ca), timeout=10_000)
        for box in (dialog.allow_plain_http, dialog.auto_sync):  # on the box, not the row
            QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        box = dialog.findChild(QDialogButtonBox)
        click(box.button(QDialogButtonBox.StandardButton.Save))

    when_modal(fill, kind=SettingsDialog)
    click(toolbar_button(window, window.settings_action))

    saved = load_settings()
    assert saved.server_url == "https://sync.example.gov.cn"
    assert saved.server_ca_bundle == str(ca)
    assert saved.allow_plain_http and saved.auto_sync
    assert window.settings.auto_sync
    assert not window.sync.auto_timer.isActive()  # nobody signed in: no silent sign-in prompt
