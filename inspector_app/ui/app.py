"""Composition root of the desktop app: settings, language, store, runner, window.

Start order, so the inspector sees the list as early as possible: Qt and the
translation; the home list read with the standard library's sqlite3 (when the
file is at the current schema) and painted; then, on the next turn of the
event loop, the store is opened properly (integrity check, migrations with a
backup, SQLAlchemy) and handed to the window, which enables editing.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from inspector_app.domain import bureau_time
from inspector_app.domain.errors import DomainError
from inspector_app.services.summaries import read_home_list
from inspector_app.settings import load_settings
from inspector_app.store.schema_version import HEAD_REVISION
from inspector_app.ui import fonts
from inspector_app.ui.i18n import install_language, pick
from inspector_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from inspector_app.store.store import Store
    from inspector_app.ui.store_runner import StoreRunner

STARTED = time.perf_counter()
QUIT_AFTER_FIRST_PAINT = "INSPECTOR_QUIT_AFTER_FIRST_PAINT"
APP_TITLE = ("四不两直明察暗访现场检查", "Unannounced inspection")
DATABASE_NAME = "store.sqlite3"  # as in store.store; not imported to keep SQLAlchemy out


def _system_locale_for(language: str) -> None:
    """Give Qt a system locale for the UI language when the machine names none.

    Qt's file dialog formats dates with the *system* locale, fixed when the
    QApplication is made; on a machine left at C/POSIX it showed "1 12 2026".
    A locale the user did set (LC_ALL, LC_TIME, LANG) is left alone.
    """
    named = os.environ.get("LC_ALL") or os.environ.get("LC_TIME") or os.environ.get("LANG")
    if os.name == "posix" and (not named or named.split(".")[0] in ("C", "POSIX")):
        os.environ["LC_TIME"] = "en_US.UTF-8" if language == "en" else "zh_CN.UTF-8"


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("inspector-app")
    app.setOrganizationName("inspector-app")
    return app


def _paint_and_quit(window: MainWindow, app: QApplication) -> None:
    """Startup measurement (benchmarks/bench_startup.py): stop once the list is painted."""
    window.repaint()
    print(f"first-paint {time.perf_counter() - STARTED:.3f} schema {HEAD_REVISION}", flush=True)
    QTimer.singleShot(0, app.quit)


def run(*, data_dir: Path | None = None, lang: str | None = None) -> int:
    settings = load_settings()
    bureau_time.set_zone(settings.time_zone)
    if QApplication.instance() is None:
        _system_locale_for(lang or settings.language)
    app = create_application()
    install_language(lang or settings.language)
    if fonts.choose_ui_font(app) is None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, pick(APP_TITLE), pick(fonts.missing_font_message()))
    from inspector_app.data_dir import resolve_data_dir

    folder = data_dir or resolve_data_dir(None, settings.data_dir)
    windows: list[MainWindow] = []
    state: dict[str, object] = {}
    measuring = bool(os.environ.get(QUIT_AFTER_FIRST_PAINT))

    def open_window(language: str | None = None) -> None:
        geometry = windows[-1].geometry() if windows else None
        if language:
            install_language(language)
        while windows:
            windows.pop().deleteLater()
        runner = state.get("runner")
        rows = None if runner is not None else read_home_list(folder / DATABASE_NAME)
        window = MainWindow(runner, load_settings(), data_dir=folder, initial_rows=rows)  # type: ignore[arg-type]
        window.language_changed.connect(open_window)
        if geometry is not None:
            window.setGeometry(geometry)
        window.show()
        windows.append(window)
        if measuring and rows is not None:
            state["painted"] = True
            _paint_and_quit(window, app)

    def open_store() -> None:
        from PySide6.QtWidgets import QMessageBox

        from inspector_app.store.instance_lock import set_role
        from inspector_app.store.store import Store
        from inspector_app.ui.store_runner import StoreRunner

        set_role("window")
        try:
            store = Store.open(folder)
        except DomainError as error:
            QMessageBox.critical(
                windows[-1] if windows else None, pick(APP_TITLE), pick((error.zh, error.en))
            )
            app.exit(2)
            return
        runner = StoreRunner(store)
        state["store"], state["runner"] = store, runner
        if windows:
            windows[-1].attach(runner)
            if measuring and "painted" not in state:
                windows[-1].home_shown.connect(lambda: _paint_and_quit(windows[-1], app))
        from inspector_app.ui.heap import settle_heap

        QTimer.singleShot(0, settle_heap)  # once the window has what it needs

    from inspector_app.ui.heap import collect_on_gui_thread

    collect_on_gui_thread(app)  # before the store runner's thread exists
    open_window()
    QTimer.singleShot(0, open_store)
    try:
        return app.exec()
    finally:
        runner: StoreRunner | None = state.get("runner")  # type: ignore[assignment]
        store: Store | None = state.get("store")  # type: ignore[assignment]
        if runner is not None:
            runner.wait_idle()
            runner.shutdown()
        if store is not None:
            store.close()
