"""The window can show the list before the store is open, then take over the store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from inspector_app.services.demo import build_demo
from inspector_app.services.summaries import read_home_list
from inspector_app.settings import Settings
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner


def test_list_first_then_editing_once_the_store_is_attached(qtbot, store: Store) -> None:
    build_demo(store, inspections=2, photos_per_finding=0, photo_size=(200, 150))
    rows = read_home_list(store.database_path)
    window = MainWindow(None, Settings(), data_dir=store.data_dir, initial_rows=rows)
    qtbot.addWidget(window)
    assert window.home.model.rowCount() == 2
    assert not window.new_action.isEnabled()
    assert "正在打开数据" in window.save_state.text()
    runner = StoreRunner(store)
    try:
        window.attach(runner)
        runner.wait_idle()
        assert window.new_action.isEnabled()
        assert window.new_action.shortcut().toString() == "Ctrl+Shift+N"
        assert window.refresh_action.shortcut().toString() == "F5"
        assert window.home.model.rowCount() == 2
    finally:
        runner.wait_idle()
        runner.shutdown()


# Runs the real start in a fresh interpreter and reports, at the first paint,
# whether PySide6 has built its `Qt` namespace (all ~90 enums at once, ~17 ms).
FIRST_PAINT_PROBE = """
import sys
import PySide6.QtCore as QtCore
import inspector_app.ui.app as app

measured = app._paint_and_quit

def probe(window, qapp):
    window.repaint()
    print("qt-namespace", "Qt" in vars(QtCore), flush=True)
    measured(window, qapp)

app._paint_and_quit = probe
from inspector_app.cli import main
raise SystemExit(main(["--data-dir", sys.argv[1]]))
"""


@pytest.mark.slow
def test_first_paint_does_not_build_the_qt_namespace(store: Store, tmp_path: Path) -> None:
    build_demo(store, inspections=2, photos_per_finding=0, photo_size=(200, 150))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "INSPECTOR_QUIT_AFTER_FIRST_PAINT": "1",
        "INSPECTOR_CONFIG_DIR": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE, str(store.data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert "qt-namespace False" in lines, result.stdout + result.stderr
    assert any(line.startswith("first-paint") for line in lines)
