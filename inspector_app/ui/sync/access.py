"""The sync engine's door to the store in the app: the runner's one writer thread.

The engine runs on a network thread and hands every step to a `StoreAccess`
(sync/local.py). Here each step is submitted to the `StoreRunner` and the
network thread waits for it: reads on the store thread, writes as one
transaction there too (outbox suppressed, references relaxed), so a pull never
competes with the inspector's own saves. What a write touched becomes an
`OpChanges`, announced through `runner.changed` so open views redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TypeVar

from inspector_app.sync.local import Touched
from inspector_app.sync.status import inspections_of_records
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import StoreRunner, UnitOfWork

T = TypeVar("T")


class RunnerClosed(RuntimeError):
    """The window closed while a sync step waited for the store."""


def touched_changes(uow: UnitOfWork, touched: Touched) -> OpChanges:
    """Touched records as a change set; findings and photos name their inspection too."""
    ids = touched.ids
    inspections = inspections_of_records(uow, ids) if touched else set()
    return OpChanges.of(
        inspections=inspections,
        findings=ids.get("finding", ()),
        photos=ids.get("photo", ()),
    )


class RunnerStoreAccess:
    """`StoreAccess` for a sync on a network thread; never call it on the GUI thread.

    It is the initiator of its writes, so views can tell a sync's stream of small
    changes (one per uploaded photo) from the user's own and redraw once per burst."""

    background_sync = True

    def __init__(self, runner: StoreRunner) -> None:
        self.runner = runner
        self.photos = runner.photos
        self.data_dir: Path = runner.data_dir

    def read(self, work: Callable[[UnitOfWork], T]) -> T:
        return _wait(self.runner.read(work))

    def write(self, work: Callable[[UnitOfWork], tuple[T, Touched]]) -> T:
        def op(uow: UnitOfWork) -> OpResult[T]:
            value, touched = work(uow)
            return OpResult(value, touched_changes(uow, touched))

        result = _wait(
            self.runner.write(op, suppress_outbox=True, relaxed_references=True, initiator=self)
        )
        return result.value


def _wait(future: Future[T] | None) -> T:
    if future is None:
        raise RunnerClosed("the store runner is closed")
    return future.result()
