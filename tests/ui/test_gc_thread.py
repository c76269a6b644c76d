"""Cyclic garbage holding Qt objects is freed on the GUI thread, never on a worker's."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from inspector_app.ui.heap import collect_on_gui_thread


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.widget = QObject()


def test_a_qt_cycle_dropped_on_the_gui_thread_is_freed_there_not_by_a_busy_worker(
    qtbot, qapp
) -> None:
    collector = collect_on_gui_thread(qapp)
    thresholds = gc.get_threshold()
    gc.set_threshold(50, 5, 5)  # so that the worker's allocations cross them at once
    kept: list[list[int]] = []
    freed_on: list[str] = []
    cycle = _Cycle()
    weakref.finalize(cycle, lambda: freed_on.append(threading.current_thread().name))
    del cycle

    def allocate() -> None:  # what a store job does: many new container objects
        kept.extend([n] for n in range(20_000))

    worker = threading.Thread(target=allocate, name="store-worker")
    try:
        worker.start()
        worker.join()
        assert freed_on == []  # the worker's allocations set off no collection
        qtbot.waitUntil(lambda: bool(freed_on), timeout=5 * collector.INTERVAL_MS)
    finally:
        gc.set_threshold(*thresholds)
    assert freed_on == [threading.main_thread().name]
