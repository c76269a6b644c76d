"""The window can show the list before the store is open, then take over the store."""

from __future__ import annotations

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
        assert window.home.model.rowCount() == 2
    finally:
        runner.wait_idle()
        runner.shutdown()
