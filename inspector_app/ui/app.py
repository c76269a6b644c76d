"""Composition root of the desktop app: settings, language, store, runner, window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from inspector_app.domain.errors import DomainError
from inspector_app.settings import load_settings
from inspector_app.store.store import Store
from inspector_app.ui import fonts
from inspector_app.ui.i18n import install_language, pick
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner

APP_TITLE = ("四不两直明察暗访现场检查", "Unannounced inspection")


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("inspector-app")
    app.setOrganizationName("inspector-app")
    return app


def run(*, data_dir: Path | None = None, lang: str | None = None) -> int:
    settings = load_settings()
    app = create_application()
    install_language(lang or settings.language)
    if fonts.choose_ui_font(app) is None:
        QMessageBox.warning(None, pick(APP_TITLE), pick(fonts.missing_font_message()))
    from inspector_app.data_dir import resolve_data_dir

    folder = data_dir or resolve_data_dir(None, settings.data_dir)
    try:
        store = Store.open(folder)
    except DomainError as error:
        QMessageBox.critical(None, pick(APP_TITLE), pick((error.zh, error.en)))
        return 2
    runner = StoreRunner(store)
    windows: list[MainWindow] = []

    def open_window(language: str | None = None) -> None:
        geometry = windows[-1].geometry() if windows else None
        if language:
            install_language(language)
        while windows:
            windows.pop().deleteLater()
        window = MainWindow(runner, load_settings())
        window.language_changed.connect(open_window)
        if geometry is not None:
            window.setGeometry(geometry)
        window.show()
        windows.append(window)

    open_window()
    try:
        return app.exec()
    finally:
        runner.wait_idle()
        runner.shutdown()
        store.close()
