"""Settings are saved per user; changing the language asks for an English window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from inspector_app.settings import load_settings
from inspector_app.ui import fonts
from inspector_app.ui.i18n import install_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings_dialog import SettingsDialog

from .conftest import when_modal


def test_saved_settings_persist_and_language_change_is_announced(
    qtbot,
    window: MainWindow,
    isolated_settings: Path,
) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.name.setText("王芳")
        dialog.team.setText("王芳，李华、张明")
        dialog.server.setText("https://127.0.0.1:8443")
        dialog.font_body.setText("/usr/share/fonts/truetype/arphic/uming.ttc")
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.deadline_days.setValue(10)
        dialog.contact_phone.setText("0458-3600000")
        dialog.accept()

    when_modal(fill)
    with qtbot.waitSignal(window.language_changed) as changed:
        window.open_settings()
    assert changed.args == ["en"]
    saved = load_settings()
    assert saved.inspector_name == "王芳"
    assert saved.team == ["王芳", "李华", "张明"]
    assert saved.language == "en" and saved.server_url == "https://127.0.0.1:8443"
    assert (saved.deadline_days, saved.contact_phone) == (10, "0458-3600000")
    assert saved.issuer_name == "伊春市营商环境建设监督局" and saved.issuer_code == "伊营商监"
    assert (isolated_settings / "settings.json").exists()


def test_an_english_window_speaks_english(qtbot, runner) -> None:
    from inspector_app.settings import Settings

    assert install_language("en")
    window = MainWindow(runner, Settings(language="en"))
    qtbot.addWidget(window)
    assert window.new_action.text() == "New inspection"
    assert window.windowTitle() == "Unannounced service-hall inspection"


def test_damaged_settings_file_falls_back_to_defaults(isolated_settings: Path) -> None:
    isolated_settings.mkdir(parents=True, exist_ok=True)
    (isolated_settings / "settings.json").write_text("{ not json", encoding="utf-8")
    assert load_settings().language == "zh_CN"
    assert (isolated_settings / "settings.damaged.json").exists()


def test_missing_chinese_font_message_names_the_debian_packages() -> None:
    zh, en = fonts.missing_font_message()
    assert "fonts-wqy-zenhei" in zh and "fonts-wqy-zenhei" in en


def test_this_machine_has_a_chinese_ui_font(qapp) -> None:
    assert fonts.choose_ui_font(qapp) is not None
