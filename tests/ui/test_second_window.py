"""A second app window on a data folder already open: the message, then a clean exit ≠ 0."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector_app.store.store import Store

# The real start in a fresh interpreter; a timer reads the message box a user
# would see, prints its text, and clicks its button as the user would.
READ_THE_MESSAGE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from inspector_app.cli import main
from inspector_app.ui.app import create_application

app = create_application()

def answer() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox) and box.isVisible():
        print("message:", box.text().replace("\\n", " "), flush=True)
        box.button(QMessageBox.StandardButton.Ok).click()

timer = QTimer()
timer.timeout.connect(answer)
timer.start(50)
raise SystemExit(main(["--data-dir", sys.argv[1]]))
"""


@pytest.fixture
def held_folder(tmp_path: Path) -> Iterator[Path]:
    store = Store.open(tmp_path / "data")
    yield store.data_dir
    store.close()


def test_a_second_window_on_an_open_folder_says_who_has_it_and_exits_2(
    held_folder: Path, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "INSPECTOR_CONFIG_DIR": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", READ_THE_MESSAGE, str(held_folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    messages = [line for line in result.stdout.splitlines() if line.startswith("message:")]
    assert len(messages) == 1, result.stdout + result.stderr
    assert "已被" in messages[0] and f"进程号 {os.getpid()}" in messages[0]
    assert "请先关闭那个程序" in messages[0]
    assert "Traceback" not in result.stderr
