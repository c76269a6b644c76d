"""Run store work off the GUI thread, one job at a time, and report back by signal.

After Anki's CollectionOp: every user action is one small job that opens a
unit of work on the single store thread, calls a service, commits, and
hands its result back to the GUI thread through a queued Qt signal. Slow
file work (photo import) runs on separate file threads so database jobs
never wait behind it, and network work on its own threads with progress and
cancel. Every write returns an `OpChanges`; the runner announces it once
through `changed`, and each page redraws what it names.

The contract for jobs: they run on a worker thread and must not touch Qt
(no widgets, no `self.tr`); they get plain values in and hand plain values back.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from inspector_app.store.photos import PhotoStore
from inspector_app.store.store import Store
from inspector_app.store.types import utc_now
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.ui.operations.changes import OpChanges, OpResult

T = TypeVar("T")
log = logging.getLogger(__name__)

__all__ = [
    "Cancelled",
    "NetworkTask",
    "OpChanges",
    "OpResult",
    "Store",
    "StoreRunner",
    "UnitOfWork",
]


class Cancelled(Exception):
    """A network job stopped because the user cancelled it."""


class NetworkTask:
    """Handle of one network job: progress from the worker, cancel from the GUI.

    The job calls `report(done, total)` and `check()` between steps; `check()`
    raises `Cancelled` once `cancel()` was called. Progress reaches the GUI
    thread through the runner's queued signal, never by calling Qt here.
    """

    def __init__(self, runner: StoreRunner, on_progress: Callable[[int, int], None] | None):
        self._runner = runner
        self._on_progress = on_progress
        self._cancel = threading.Event()
        self.future: Future[Any] | None = None

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def report(self, done: int, total: int) -> None:
        callback = self._on_progress
        if callback is not None:
            self._runner._deliver.emit(lambda: callback(done, total))


class StoreRunner(QObject):
    """The only door from the UI to the store."""

    _deliver = Signal(object)
    saved = Signal(object)  # datetime of the last committed write
    changed = Signal(object, object)  # OpChanges, initiator (the widget that asked, or None)
    busy_changed = Signal(bool)
    failed = Signal(object)  # an exception no callback handled

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        # Pillow and hashlib release the GIL: two file threads use both cores of a laptop.
        self._files = ThreadPoolExecutor(
            max_workers=min(2, os.cpu_count() or 1), thread_name_prefix="files"
        )
        self._network = ThreadPoolExecutor(max_workers=2, thread_name_prefix="network")
        self._pending = 0
        self._closed = False
        self._lock = threading.Lock()
        self._keys = itertools.count()
        self._callbacks: dict[int, tuple[Any, Any]] = {}
        self._deliver.connect(self._on_deliver)

    # --- public API ---

    @property
    def data_dir(self) -> Path:
        """Where the store lives (shown in the status bar and the settings)."""
        return self.store.data_dir

    @property
    def photos(self) -> PhotoStore:
        """The photo files, for file work on a network thread (the sync's downloads)."""
        return self.store.photos

    def read(
        self,
        work: Callable[[UnitOfWork], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> Future[T] | None:
        def job() -> T:
            with self.store.unit_of_work() as uow:
                return work(uow)

        return self._submit(self._db, job, on_success, on_failure)

    def write(
        self,
        op: Callable[[UnitOfWork], OpResult[T]],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        *,
        initiator: object = None,
        suppress_outbox: bool = False,
        relaxed_references: bool = False,
    ) -> Future[OpResult[T]] | None:
        """One transaction: the service's changes and their outbox rows commit together.

        `changed` is emitted with the op's change set before `on_success` gets
        its value. `suppress_outbox` applies changes that did not happen here
        (pulled from the server): they commit without outbox rows, and with
        `relaxed_references` may point at records a later page of the pull brings.
        """

        def job() -> OpResult[T]:
            with self.store.unit_of_work(
                suppress_outbox=suppress_outbox, relaxed_references=relaxed_references
            ) as uow:
                result = op(uow)
                uow.commit()
                return result

        def announce(result: OpResult[T]) -> None:
            self.saved.emit(utc_now())
            self.changed.emit(result.changes, initiator)
            if on_success is not None:
                on_success(result.value)

        return self._submit(self._db, job, announce, on_failure)

    def service_job(
        self,
        work: Callable[[Store], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> Future[T] | None:
        """A service that opens its own units of work and talks to the server between
        them (签发: push, number, PDF, upload, status). It runs on the store thread, so
        it stays the store's only writer; other store jobs wait behind it meanwhile."""
        return self._submit(self._db, lambda: work(self.store), on_success, on_failure)

    def network_job(
        self,
        work: Callable[[NetworkTask], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> NetworkTask:
        """Work that waits on the network: its own threads, so store and file jobs go on.

        The job gets a `NetworkTask` to report progress and to check for cancel;
        it opens no unit of work (what it fetched is applied by a later `write`).
        """
        task = NetworkTask(self, on_progress)
        task.future = self._submit(self._network, lambda: work(task), on_success, on_failure)
        return task

    def file_job(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> Future[T] | None:
        """Work on files only (hashing, decoding): never touches the database."""
        return self._submit(self._files, work, on_success, on_failure)

    def photo_job(
        self,
        work: Callable[[Any], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> Future[T] | None:
        """File work on the store's photo files (import, hashing): `work(photo_store)`."""
        photos = self.store.photos
        return self._submit(self._files, lambda: work(photos), on_success, on_failure)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until queued jobs ran and their callbacks were delivered (tests, shutdown)."""
        import time

        deadline = time.monotonic() + timeout
        while self._pending and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.005)
        if self._pending:
            raise TimeoutError(f"{self._pending} store job(s) still running")

    def shutdown(self) -> None:
        self._closed = True
        self._network.shutdown(wait=True, cancel_futures=True)
        self._files.shutdown(wait=True)
        self._db.shutdown(wait=True)

    # --- plumbing ---

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        job: Callable[[], T],
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[Exception], None] | None,
    ) -> Future[T] | None:
        if self._closed:  # e.g. a refresh timer firing while the window closes
            log.info("store runner closed; job dropped")
            return None
        self._change_pending(+1)
        # The callbacks stay here, not in the worker's closure: a widget's bound method
        # released on a worker thread would free the widget's wrapper there (a crash).
        with self._lock:
            key = next(self._keys)
            self._callbacks[key] = (on_success, on_failure)

        def run() -> T:
            """The future carries the job's result (or its exception) as well."""
            try:
                result = job()
            except Exception as exc:  # reported on the GUI thread
                error = exc
                self._deliver.emit(lambda: self._finish(key, False, error))
                raise
            self._deliver.emit(lambda: self._finish(key, True, result))
            return result

        return executor.submit(run)

    def _finish(self, key: int, succeeded: bool, outcome: Any) -> None:
        with self._lock:
            on_success, on_failure = self._callbacks.pop(key)
        try:
            if succeeded:
                if on_success is not None:
                    on_success(outcome)
            elif on_failure is not None:
                on_failure(outcome)
            else:
                log.warning("store job failed: %r", outcome)
                self.failed.emit(outcome)
        finally:
            self._change_pending(-1)

    def _change_pending(self, delta: int) -> None:
        with self._lock:
            before = self._pending
            self._pending += delta
            after = self._pending
        if (before == 0) != (after == 0):
            self.busy_changed.emit(after > 0)

    def _on_deliver(self, callback: Callable[[], None]) -> None:
        callback()
