"""Keep Python's cyclic garbage collector from stalling the window.

A full (generation 2) collection walks every tracked object and holds the GIL
while it does, whichever thread triggered it; during a sync of 100 camera photos
bench_sync_gui.py saw two of them take 75 and 132 ms, and the GUI thread stood
still for as long. What start-up built (modules, Qt wrappers, SQLAlchemy's
mappers) lives as long as the app, so it is moved out of the collector's reach
once the store is open (`gc.freeze`, as Instagram's servers do after fork).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer


def settle_heap() -> None:
    """Collect once, then freeze what survived: later collections walk only newer objects."""
    gc.collect()
    gc.freeze()


class GuiThreadCollector(QObject):
    """Run the cyclic collector on the GUI thread only, from a timer.

    Left automatic, a collection runs on whichever thread allocates when the counts
    cross their thresholds: the store runner's or the network thread. A collected cycle
    that holds a Qt wrapper then destroys a Qt object off the GUI thread, and the
    process dies in a segmentation fault (seen in CI: a store job parsing a template
    while the collector freed a widget of an earlier window). The timer collects the
    generations the thresholds ask for, as the automatic collector would, but here.
    """

    INTERVAL_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self.start()

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def check(self) -> None:
        first, second, third = gc.get_threshold()
        young, middle, old = gc.get_count()
        if old > third:
            gc.collect(2)
        elif middle > second:
            gc.collect(1)
        elif young > first:
            gc.collect(0)

    def stop(self) -> None:
        """Collect here once, then give collection back to the interpreter (a test ends:
        code without an event loop after it must not pile up garbage, open files included)."""
        self._timer.stop()
        gc.collect()
        gc.enable()


_installed: GuiThreadCollector | None = None


def collect_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """Install the collector once per application (idempotent)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
    else:
        _installed.start()
    return _installed
