"""Run store work off the GUI thread, one job at a time, and report back by signal.

After Anki's CollectionOp: every user action is one small job that opens a
unit of work on the single store thread, calls a service, commits, and
hands its result back to the GUI thread through a queued Qt signal. Slow
file work (photo import) runs on separate file threads so database jobs
never wait behind it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from inspector_app.store.store import Store
from inspector_app.store.types import utc_now
from inspector_app.store.unit_of_work import UnitOfWork

T = TypeVar("T")
log = logging.getLogger(__name__)


class StoreRunner(QObject):
    """The only door from the UI to the store."""

    _deliver = Signal(object)
    saved = Signal(object)  # datetime of the last committed write
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
        self._pending = 0
        self._closed = False
        self._lock = threading.Lock()
        self._deliver.connect(self._on_deliver)

    # --- public API ---

    def read(
        self,
        work: Callable[[UnitOfWork], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> Future[Any] | None:
        def job() -> T:
            with self.store.unit_of_work() as uow:
                return work(uow)

        return self._submit(self._db, job, on_success, on_failure, wrote=False)

    def write(
        self,
        work: Callable[[UnitOfWork], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> Future[Any] | None:
        """One transaction: the service's changes and their outbox rows commit together."""

        def job() -> T:
            with self.store.unit_of_work() as uow:
                result = work(uow)
                uow.commit()
                return result

        return self._submit(self._db, job, on_success, on_failure, wrote=True)

    def file_job(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> Future[Any] | None:
        """Work on files only (hashing, decoding): never touches the database."""
        return self._submit(self._files, work, on_success, on_failure, wrote=False)

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
        self._files.shutdown(wait=True)
        self._db.shutdown(wait=True)

    # --- plumbing ---

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        job: Callable[[], T],
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[Exception], None] | None,
        *,
        wrote: bool,
    ) -> Future[Any] | None:
        if self._closed:  # e.g. a refresh timer firing while the window closes
            log.info("store runner closed; job dropped")
            return None
        self._change_pending(+1)

        def run() -> None:
            try:
                result = job()
            except Exception as exc:  # reported on the GUI thread
                error = exc
                self._deliver.emit(lambda: self._finish_failure(error, on_failure))
            else:
                saved_at = utc_now() if wrote else None
                self._deliver.emit(lambda: self._finish_success(result, on_success, saved_at))

        return executor.submit(run)

    def _finish_success(
        self, result: Any, callback: Callable[[Any], None] | None, saved_at: datetime | None
    ) -> None:
        try:
            if saved_at is not None:
                self.saved.emit(saved_at)
            if callback is not None:
                callback(result)
        finally:
            self._change_pending(-1)

    def _finish_failure(
        self, error: Exception, callback: Callable[[Exception], None] | None
    ) -> None:
        try:
            if callback is not None:
                callback(error)
            else:
                log.warning("store job failed: %r", error)
                self.failed.emit(error)
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
