"""Settings are saved per user; changing the language asks for an English window."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget

from inspector_app.domain import bureau_time
from inspector_app.settings import load_settings
from inspector_app.ui import fonts
from inspector_app.ui.i18n import install_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings_dialog import SettingsDialog
from tests.builders import start_inspection

from .conftest import when_modal
from .machine_zone import bureau_zone_restored, utc_laptop  # noqa: F401  (fixtures)


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
        dialog.deadline_working_days.setValue(10)
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
    assert (saved.deadline_working_days, saved.contact_phone) == (10, "0458-3600000")
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


def _type_zone(dialog: SettingsDialog, name: str) -> None:
    field = dialog.time_zone.lineEdit()
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, name)


def _click(dialog: QWidget, text: str) -> None:
    button = next(b for b in dialog.findChildren(QAbstractButton) if b.text() == text)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.usefixtures("utc_laptop", "bureau_zone_restored")
def test_bureau_time_zone_is_chosen_in_settings_and_an_unknown_name_is_refused(
    window: MainWindow, isolated_settings: Path
) -> None:
    start_inspection(
        window.runner.store,
        site="wucui-center",
        started_at=datetime(2026, 11, 20, 1, 30, tzinfo=UTC),
    )
    window.refresh_home()
    window.runner.wait_idle()
    model = window.home.model
    assert model.data(model.index(0, 2)) == "2026-11-20 09:30"  # Beijing time by default
    seen: dict[str, object] = {}

    def choose_zone(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        seen["default"] = dialog.time_zone.currentText()
        _type_zone(dialog, "Mars/Olympus")
        _click(dialog, "保存")
        seen["still_open"] = dialog.isVisible()
        seen["error"] = dialog.error.text() if dialog.error.isVisible() else ""
        seen["saved_meanwhile"] = (isolated_settings / "settings.json").exists()
        _type_zone(dialog, "Asia/Urumqi")
        _click(dialog, "保存")

    when_modal(choose_zone)
    toolbar = window.findChild(QWidget, "main-toolbar")
    _click(toolbar, "设置")
    window.runner.wait_idle()
    assert seen["default"] == "Asia/Shanghai"
    assert seen["still_open"] and not seen["saved_meanwhile"]
    assert seen["error"] == (
        "未知的时区“Mars/Olympus”，设置未保存。请填写 IANA 时区名称，如 Asia/Shanghai。"
    )
    assert load_settings().time_zone == "Asia/Urumqi"
    assert bureau_time.zone_name() == "Asia/Urumqi"
    assert model.data(model.index(0, 2)) == "2026-11-20 07:30"  # the list follows at once


def test_an_unknown_time_zone_reads_clearly_in_english(qtbot) -> None:
    from inspector_app.settings import Settings

    assert install_language("en")
    dialog = SettingsDialog(Settings(), "/tmp/data")
    qtbot.addWidget(dialog)
    dialog.show()
    _type_zone(dialog, "Beijing")
    _click(dialog, "Save")
    assert dialog.isVisible()
    assert dialog.error.text() == (
        "Unknown time zone “Beijing”; nothing was saved. "
        "Enter an IANA time zone name such as Asia/Shanghai."
    )


def test_copy_to_organs_and_printing_office_are_kept_for_the_imprint(qtbot) -> None:
    from inspector_app.settings import Settings

    dialog = SettingsDialog(Settings(), "/tmp/data")
    qtbot.addWidget(dialog)
    dialog.copy_to.setText("伊春市人民政府办公室、伊美区人民政府，市纪委监委驻局纪检组。")
    dialog.printing_office.setText(" 伊春市营商环境建设监督局办公室 ")
    result = dialog.result_settings()
    assert result.copy_to == ["伊春市人民政府办公室", "伊美区人民政府", "市纪委监委驻局纪检组"]
    assert result.printing_office == "伊春市营商环境建设监督局办公室"
    again = SettingsDialog(result, "/tmp/data")
    qtbot.addWidget(again)
    assert again.result_settings().copy_to == result.copy_to  # shown and read back the same
    dialog.copy_to.setText("")
    assert dialog.result_settings().copy_to == []  # none: the imprint has no 抄送 line


def test_the_rectification_period_is_set_in_working_days(qtbot) -> None:
    from inspector_app.settings import Settings

    dialog = SettingsDialog(Settings(deadline_working_days=12), "/tmp/data")
    qtbot.addWidget(dialog)
    spin = dialog.deadline_working_days
    assert (spin.value(), spin.suffix(), spin.minimum(), spin.maximum()) == (
        12,
        " 个工作日",
        1,
        250,
    )
    assert "法定节假日" in spin.toolTip()
    assert install_language("en")
    english = SettingsDialog(Settings(), "/tmp/data")
    qtbot.addWidget(english)
    assert english.deadline_working_days.suffix() == " working days"
    assert english.deadline_working_days.value() == 15
