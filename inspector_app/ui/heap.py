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


def settle_heap() -> None:
    """Collect once, then freeze what survived: later collections walk only newer objects."""
    gc.collect()
    gc.freeze()
