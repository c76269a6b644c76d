"""Qt's own dialogs (message box, input dialog, file dialog) speak the UI's language."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QTreeView,
    QWidget,
)

from inspector_app.settings import Settings
from inspector_app.store.store import Store
from inspector_app.ui.i18n import install_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings_dialog import SettingsDialog
from inspector_app.ui.store_runner import StoreRunner
from tests.builders import start_inspection

from .conftest import when_modal

NEW_INSPECTION = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def when_shown(kind: type[QWidget], handler: Callable[[QWidget], None]) -> None:
    """Like when_modal, but waits for a modal of `kind` (one opened over another dialog)."""

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and modal.isVisible():
            handler(modal)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def button_texts(dialog: QWidget) -> list[str]:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return [button.text() for button in box.buttons()]


def click(dialog: QWidget, text: str) -> None:
    button = next(b for b in dialog.findChildren(QAbstractButton) if b.text() == text)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def empty_window(qtbot, store: Store) -> Iterator[Callable[[], MainWindow]]:
    """A window over a store with no checklist yet (新建检查 then explains why not)."""
    runner = StoreRunner(store)

    def make() -> MainWindow:
        window = MainWindow(runner, Settings(inspector_name="张明"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitActive(window)
        runner.wait_idle()
        return window

    yield make
    runner.wait_idle()
    runner.shutdown()


def _message_box_buttons(window: MainWindow) -> list[str]:
    seen: list[list[str]] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append([b.text() for b in box.buttons()])
        QTest.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)

    when_modal(read_and_close)
    QTest.keyClick(window, Qt.Key.Key_N, NEW_INSPECTION)
    window.runner.wait_idle()
    assert seen
    return seen[0]


def test_message_box_buttons_are_chinese_in_the_chinese_ui_and_english_after_switching(
    empty_window: Callable[[], MainWindow],
) -> None:
    assert _message_box_buttons(empty_window()) == ["确定"]
    assert install_language("en")  # what choosing English in 设置 does (ui/app.py)
    assert _message_box_buttons(empty_window()) == ["OK"]


def _ad_hoc_problem_dialog_buttons(window: MainWindow) -> list[str]:
    """Ctrl+N in the runner asks for the problem's title in a QInputDialog; cancel it."""
    inspection_id = start_inspection(window.runner.store, site="wucui-center")
    window.open_inspection(inspection_id)
    window.runner.wait_idle()
    seen: list[list[str]] = []

    def read_and_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        texts = button_texts(dialog)
        seen.append(texts)
        click(dialog, texts[-1] if texts[-1] in ("取消", "Cancel") else texts[0])

    when_modal(read_and_cancel)
    QTest.keyClick(window.runner_page.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    window.runner.wait_idle()
    assert seen
    return sorted(seen[0])


def test_input_dialog_says_ok_and_cancel_in_the_ui_language(qtbot, runner: StoreRunner) -> None:
    def window_in(lang: str) -> MainWindow:
        assert install_language(lang)
        window = MainWindow(runner, Settings(inspector_name="张明", language=lang))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        runner.wait_idle()
        return window

    assert _ad_hoc_problem_dialog_buttons(window_in("zh_CN")) == sorted(["确定", "取消"])
    assert _ad_hoc_problem_dialog_buttons(window_in("en")) == sorted(["OK", "Cancel"])


def _folder_dialog_labels(window: MainWindow) -> dict[str, object]:
    """设置 → 选择… opens Qt's own (non-native) folder dialog; read it and cancel both."""
    seen: dict[str, object] = {}

    def read_folder_dialog(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        tree = dialog.findChild(QTreeView)
        headers = tree.model() if tree is not None else None
        seen["look_in"] = dialog.labelText(QFileDialog.DialogLabel.LookIn)
        seen["buttons"] = sorted(button_texts(dialog))
        if headers is not None:
            seen["columns"] = [headers.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
        dialog.reject()

    def open_browse(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        when_shown(QFileDialog, read_folder_dialog)
        browse = next(
            b for b in dialog.findChildren(QAbstractButton) if b.text() in ("选择…", "Browse…")
        )
        QTest.mouseClick(browse, Qt.MouseButton.LeftButton)
        dialog.reject()

    when_modal(open_browse)
    window.open_settings()
    return seen


def test_folder_dialog_is_chinese_in_the_chinese_ui_and_english_after_switching(
    qtbot, runner: StoreRunner
) -> None:
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    try:

        def window_in(lang: str) -> MainWindow:
            assert install_language(lang)
            window = MainWindow(runner, Settings(language=lang))
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            runner.wait_idle()
            return window

        chinese = _folder_dialog_labels(window_in("zh_CN"))
        assert chinese["look_in"] == "查找范围(&L)："
        assert "取消" in chinese["buttons"]
        assert chinese["columns"] == ["名称", "体积", "类型", "修改日期"]
        english = _folder_dialog_labels(window_in("en"))
        assert english["look_in"] == "&Look in:"
        assert "Cancel" in english["buttons"]
        assert english["columns"] == ["Name", "Size", "Type", "Date Modified"]
    finally:
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)


def test_a_c_locale_machine_gets_chinese_dates_in_qt_dialogs() -> None:
    """The file dialog's date column follows the system locale, fixed at start-up."""
    import os
    import subprocess
    import sys

    probe = (
        "from inspector_app.ui import app\n"
        "from PySide6.QtCore import QDate, QLocale\n"
        "app._system_locale_for('zh_CN'); app.create_application()\n"
        "print(QLocale.system().toString(QDate(2026, 12, 1), QLocale.FormatType.ShortFormat))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(LANG="C", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "2026/12/1"  # not "1 12 2026"
