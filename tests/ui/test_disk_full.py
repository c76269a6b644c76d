"""A save on a full disk: the message says the disk is full, how much is free, nothing lost.

The disk is a real 8 MB tmpfs (needs root), filled to the last block after the
store is open; the save is the real 新建检查 (Ctrl+Shift+N) through the window,
and the text is read from the message box the user sees.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import func, select, text

from inspector_app.services.reference_data import install_shipped
from inspector_app.settings import Settings
from inspector_app.store.folder_errors import human_size
from inspector_app.store.models import Inspection
from inspector_app.store.photos import PhotoStore
from inspector_app.store.store import Store
from inspector_app.ui.errors import user_message
from inspector_app.ui.home.new_inspection_dialog import NewInspectionDialog
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner
from tests.tmpfs import tmpfs

from .conftest import when_modal

NEW_INSPECTION = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", 8) as mount:
        yield mount


def _fill(disk: Path) -> Path:
    """Take every free block of `disk`; returns the filler file to delete afterwards."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 512):  # then the last partial block
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


@pytest.fixture
def store_on_small_disk(small_disk: Path) -> Iterator[Store]:
    store = Store.open(small_disk / "data")
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    yield store
    store.close()


def _inspections(store: Store) -> int:
    with store.unit_of_work() as uow:
        return uow.session.scalar(select(func.count()).select_from(Inspection)) or 0


def test_a_save_on_a_full_disk_says_the_disk_is_full_how_much_is_free_and_nothing_was_lost(
    qtbot, store_on_small_disk: Store, small_disk: Path
) -> None:
    store = store_on_small_disk
    runner = StoreRunner(store)
    try:
        window = MainWindow(runner, Settings(inspector_name="张明"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        runner.wait_idle()
        with store.engine.connect() as conn:  # the next commit must grow the WAL file
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        filler = _fill(small_disk)

        shown: list[str] = []

        def read_and_close(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            shown.append(box.text())
            box.accept()

        when_modal(
            lambda dialog: QTest.keyClick(dialog, Qt.Key.Key_Return), kind=NewInspectionDialog
        )
        when_modal(read_and_close, kind=QMessageBox)
        QTest.keyClick(window, Qt.Key.Key_N, NEW_INSPECTION)
        runner.wait_idle()
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    finally:
        runner.wait_idle()
        runner.shutdown()

    [message] = shown
    assert "磁盘已满" in message and str(store.data_dir) in message, message
    assert re.search(r"只剩 \d+ KB 可用空间", message), message
    assert "之前已保存的数据都没有丢失" in message, message
    assert "OperationalError" not in message and "OSError" not in message
    filler.unlink()
    assert _inspections(store) == 0  # the refused save left nothing half-written
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA quick_check")).scalar() == "ok"


def test_a_photo_import_on_a_full_disk_says_how_much_it_needs(small_disk: Path, make_jpeg) -> None:
    source = make_jpeg(size=(1600, 1200))
    photos = PhotoStore(small_disk / "photos")
    filler = _fill(small_disk)
    with pytest.raises(Exception) as refused:
        photos.import_file(source)
    filler.unlink()
    error = refused.value
    assert getattr(error, "code", None) == "store.disk_full", repr(error)
    needed = source.stat().st_size * 11 // 10
    assert f"这次保存需要约 {human_size(needed)}" in error.zh, error.zh
    assert "only" in error.en and "needs about" in error.en
    assert not list(small_disk.rglob(".incoming-*")), "a refused import leaves no temp file"


def test_a_full_disk_met_outside_the_store_is_still_called_a_full_disk(qapp) -> None:
    message = user_message(OSError(errno.ENOSPC, "No space left on device"))
    assert message.startswith("磁盘已满") and "之前已保存的数据都没有丢失" in message
    assert "OSError" not in message
