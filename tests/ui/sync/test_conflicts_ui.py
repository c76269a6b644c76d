"""Two laptops edit the same field: the conflicts view shows both; 保留本机 wins everywhere.

Also renders the conflicts view and the window's sync corner to PNG (1366×768 and
1280×720, Chinese and English) into tmp_path and /work/ui-sync-shots/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from inspector_app.settings import load_settings
from inspector_app.store.store import Store
from inspector_app.sync import status
from inspector_app.ui.i18n import install_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.sync.conflicts_dialog import ConflictsDialog
from tests.server.conftest import RunningServer
from tests.ui.conftest import when_modal
from tests.ui.sync.conftest import OpenWindow, click, toolbar_button
from tests.ui.sync.two_laptops import MINE, THEIRS, description, make_conflict, sync_window
from tests.ui.test_screens import CJK, _chrome_texts

pytestmark = pytest.mark.parametrize("sync_server", ["sqlite"], indirect=True)
SHOTS = Path("/work/ui-sync-shots")
SIZES = ((1366, 768), (1280, 720))


def _home_state(window: MainWindow, inspection_id: str) -> str:
    model = window.home.model
    row = next(r for r in range(model.rowCount()) if model._rows[r].id == inspection_id)
    return model.data(model.index(row, 7))


def test_keep_mine_in_the_conflicts_view_reaches_the_other_laptop(
    qtbot,
    open_window: OpenWindow,
    laptop: Store,
    sync_server: RunningServer,
    tmp_path: Path,
    private_keyring,
) -> None:
    window = open_window()
    inspection_id, failed, b = make_conflict(qtbot, window, laptop, sync_server, tmp_path)
    try:
        indicator = window.sync.indicator
        assert indicator.problems.isVisible() and indicator.problems.text() == "冲突 1"
        assert toolbar_button(window, window.sync.conflicts_action).text() == "冲突"
        assert _home_state(window, inspection_id) == "冲突"
        assert description(laptop, failed) == THEIRS  # the first writer's words, for now
        seen: dict[str, object] = {}

        def choose(dialog: ConflictsDialog) -> None:
            qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
            table = dialog.table
            seen["row"] = [table.item(0, c).text() for c in range(6)]
            click(_button(dialog))
            qtbot.waitUntil(dialog.empty.isVisible, timeout=10_000)
            box = dialog.findChild(QDialogButtonBox)
            click(box.button(QDialogButtonBox.StandardButton.Close))

        when_modal(choose, kind=ConflictsDialog)
        click(indicator.problems)
        window.runner.wait_idle()

        record, field, mine, mine_by, theirs, theirs_by = seen["row"]
        assert (field, mine, theirs) == ("问题描述", MINE, THEIRS)
        assert mine_by.startswith("zhang · ") and theirs_by.startswith("wang · ")  # who, when
        assert record.startswith("问题：")
        assert description(laptop, failed) == MINE
        assert _home_state(window, inspection_id) == "待同步"
        sync_window(qtbot, window)
        b.sync()
        assert description(b.store, failed) == MINE and description(laptop, failed) == MINE
        with laptop.unit_of_work() as uow:
            assert status.open_conflicts(uow) == []
        assert not indicator.problems.isVisible()
        assert not window.sync.conflicts_action.isVisible()
        assert _home_state(window, inspection_id) == "已同步"
    finally:
        b.close()


def _button(dialog: ConflictsDialog):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in dialog.findChildren(QPushButton) if b.text() == "保留本机")


def _save(widget, folder: Path, name: str) -> Path:
    widget.show()
    QApplication.processEvents()
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)
    return path


def test_the_conflicts_view_and_the_sync_corner_render_in_both_languages(
    qtbot,
    open_window: OpenWindow,
    laptop: Store,
    laptop_runner: StoreRunner,
    sync_server: RunningServer,
    tmp_path: Path,
    private_keyring,
) -> None:
    first = open_window()
    _, _, b = make_conflict(qtbot, first, laptop, sync_server, tmp_path)
    b.close()
    first.close()
    untranslated: dict[str, list[str]] = {}
    for lang in ("zh_CN", "en"):
        assert install_language(lang)
        for width, height in SIZES:
            window = MainWindow(laptop_runner, load_settings())
            qtbot.addWidget(window)
            window.resize(width, height)
            window.show()
            qtbot.waitExposed(window)
            sync_window(qtbot, window)  # the kept token: no sign-in, the account is shown
            assert window.sync.indicator.account_name.isVisible()
            hint = window.minimumSizeHint()
            assert hint.width() <= width and hint.height() <= height, hint
            _save(window, tmp_path, f"{lang}-window-{width}x{height}")
            dialog = ConflictsDialog(laptop_runner, window)
            qtbot.addWidget(dialog)
            dialog.resize(min(1100, width - 40), min(420, height - 80))
            dialog.show()
            qtbot.waitUntil(lambda d=dialog: d.table.rowCount() == 1, timeout=10_000)
            _save(dialog, tmp_path, f"{lang}-conflicts-{width}x{height}")
            if lang == "en":
                texts = _chrome_texts(window) + _chrome_texts(dialog)
                texts += [dialog.table.item(0, c).text() for c in (1, 3, 5)]
                untranslated[f"{width}"] = [t for t in texts if CJK.search(t)]
            dialog.close()
            window.close()
    assert untranslated == {"1366": [], "1280": []}
