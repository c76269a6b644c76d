"""The home window shows the store's inspections, in Chinese, and launches for real."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from inspector_app.services.demo import build_demo
from inspector_app.services.queries import list_inspections
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow


def test_home_list_shows_every_inspection_and_renders(qtbot, store: Store, tmp_path: Path) -> None:
    build_demo(store, inspections=4, photos_per_finding=0, photo_size=(320, 240))
    with store.unit_of_work() as uow:
        rows = list_inspections(uow)
    window = MainWindow(rows, str(store.data_dir))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)

    model = window.table.model()
    assert model.rowCount() == 4
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    assert headers[:2] == ["检查地点", "专项行动"]
    statuses = {model.data(model.index(r, 4), Qt.ItemDataRole.DisplayRole) for r in range(4)}
    assert statuses == {"草稿", "已提交", "已审核通过", "已退回"}

    png = tmp_path / "home.png"
    assert window.grab().save(str(png))
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1366, 768)


def test_app_launches_and_keeps_running(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "inspector_app", "--data-dir", str(tmp_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(4)
        assert process.poll() is None, process.communicate()[1]
        assert (tmp_path / "store.sqlite3").exists()
    finally:
        process.terminate()
        process.wait(timeout=10)
