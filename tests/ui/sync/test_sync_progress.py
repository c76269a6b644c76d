"""A sync with photos shows its progress; Cancel stops it calmly and the next sync finishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from inspector_app.domain.finding import FindingResult
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.store.store import Store
from inspector_app.sync import status
from tests.builders import finding_id, start_in
from tests.sync.laptops import photo_file
from tests.ui.sync.conftest import (
    OpenWindow,
    click,
    sign_in_and_sync,
    toolbar_button,
    wait_sync_done,
)

pytestmark = pytest.mark.parametrize("sync_server", ["sqlite"], indirect=True)


def _overview(store: Store) -> status.SyncOverview:
    with store.unit_of_work() as uow:
        return status.overview(uow)


def _inspection_with_photos(store: Store, folder: Path, count: int) -> str:
    with store.unit_of_work() as uow:
        inspection_id = start_in(uow)
        failed = finding_id(uow, inspection_id, "A2")
        ops.update_finding(
            uow, failed, ops.FindingChanges(result=FindingResult.FAIL, description="大厅无人引导")
        )
        for n in range(count):
            photo = photo_file(folder, f"hall-{n}.jpg", seed=20 + n, size=(1600, 1200))
            photo_ops.attach_photo(uow, uow.photos, failed, photo)
        uow.commit()
    return inspection_id


def test_cancel_stops_the_sync_calmly_and_the_next_one_sends_the_rest(
    qtbot, open_window: OpenWindow, laptop: Store, tmp_path: Path, no_keyring
) -> None:
    window = open_window()
    sign_in_and_sync(
        qtbot, window, "zhang", keyring_missing=True
    )  # the token lives in memory for this run
    _inspection_with_photos(laptop, tmp_path, count=6)
    waiting = _overview(laptop)
    assert waiting.photos_waiting == 6 and waiting.pending > 0
    progress = window.sync.progress

    click(toolbar_button(window, window.sync.sync_action))
    assert progress.isVisible() and progress.cancel.isEnabled()
    click(progress.cancel)
    wait_sync_done(qtbot, window)

    assert "同步已取消" in progress.label.text()
    assert progress.isVisible() and not progress.cancel.isVisible()  # the calm message
    rest = _overview(laptop)
    assert rest.photos_waiting > 0 or rest.pending > 0  # the rest waits in the outbox
    assert rest.rejected == 0 and rest.conflicts == 0

    shown: list[str] = []
    watch = QTimer()
    watch.timeout.connect(lambda: shown.append(progress.label.text()))
    watch.start(1)
    click(toolbar_button(window, window.sync.sync_action))
    wait_sync_done(qtbot, window)
    watch.stop()

    done = _overview(laptop)
    assert (done.pending, done.photos_waiting) == (0, 0)
    assert "同步完成" in window.sync.progress.label.text()
    assert window.sync.indicator.pending.text() == "待同步 0"
    assert any("条记录" in text for text in shown), set(shown)
