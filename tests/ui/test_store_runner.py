"""The runner's contract: network progress and cancel; pulled writes queue nothing.

A real store on SQLite and the real runner threads; callbacks are checked to
arrive on the GUI thread, as widgets need.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from inspector_app.store.models import OutboxEntry, Unit
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import Cancelled, NetworkTask, StoreRunner, UnitOfWork


def _count(runner: StoreRunner, model: type) -> int:
    def count(uow: UnitOfWork) -> int:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)

    future = runner.read(count)
    assert future is not None
    runner.wait_idle()
    return future.result()


def _has_unit(runner: StoreRunner, code: str) -> bool:
    future = runner.read(
        lambda uow: uow.session.scalar(select(Unit.id).where(Unit.code == code)) is not None
    )
    assert future is not None
    runner.wait_idle()
    return future.result()


def _add_unit(code: str) -> Callable[[UnitOfWork], OpResult[str]]:
    """A write as the sync engine would make it: one synced record, its change set."""

    def op(uow: UnitOfWork) -> OpResult[str]:
        unit = Unit(code=code, name="服务器下发的单位", server_rev=5)
        uow.session.add(unit)
        uow.session.flush()
        return OpResult(unit.id, OpChanges())

    return op


def test_network_job_reports_progress_on_the_gui_thread_then_its_result(
    runner: StoreRunner,
) -> None:
    gui = threading.current_thread()
    progress: list[tuple[int, int, bool]] = []
    results: list[str] = []

    def download(task: NetworkTask) -> str:
        assert threading.current_thread() is not gui
        for done in range(1, 4):
            task.check()
            task.report(done, 3)
        return "已下载"

    task = runner.network_job(
        download,
        on_success=results.append,
        on_progress=lambda done, total: progress.append(
            (done, total, threading.current_thread() is gui)
        ),
    )
    runner.wait_idle()
    assert progress == [(1, 3, True), (2, 3, True), (3, 3, True)]
    assert results == ["已下载"]
    assert task.future is not None and task.future.result() == "已下载"
    assert not task.cancelled


def test_cancel_stops_a_network_job_at_its_next_check(runner: StoreRunner) -> None:
    progress: list[int] = []
    failures: list[Exception] = []
    results: list[object] = []
    task: NetworkTask | None = None

    def slow_download(job: NetworkTask) -> str:
        for done in range(1, 1001):
            job.check()
            job.report(done, 1000)
            time.sleep(0.005)
        return "不该下载完"

    def on_progress(done: int, total: int) -> None:
        progress.append(done)
        assert task is not None
        task.cancel()  # the user clicks 取消 after the first step shows

    task = runner.network_job(slow_download, results.append, failures.append, on_progress)
    runner.wait_idle()
    assert task.cancelled
    assert results == []
    assert len(failures) == 1 and isinstance(failures[0], Cancelled)
    assert 1 <= len(progress) < 1000
    assert task.future is not None
    with pytest.raises(Cancelled):
        task.future.result()


def test_store_jobs_go_on_while_a_network_job_waits(runner: StoreRunner) -> None:
    """A slow server must not freeze the checklist: reads finish during a network wait."""
    answered = threading.Event()
    order: list[str] = []

    def wait_for_server(task: NetworkTask) -> str:
        assert answered.wait(10), "the store read never ran during the network wait"
        return "server"

    runner.network_job(wait_for_server, order.append)
    runner.read(lambda uow: "store", lambda value: (order.append(value), answered.set()))
    runner.wait_idle()
    assert order == ["store", "server"]


def test_a_write_with_suppress_outbox_commits_without_outbox_rows(runner: StoreRunner) -> None:
    """Changes pulled from the server land in the store but are never queued to send back."""
    assert _count(runner, OutboxEntry) == 0  # the seeded registry is shared data too
    announced: list[OpChanges] = []
    runner.changed.connect(lambda changes, initiator: announced.append(changes))
    pulled = runner.write(_add_unit("pulled"), suppress_outbox=True)
    runner.wait_idle()
    assert pulled is not None and pulled.result().value
    assert _has_unit(runner, "pulled")
    assert _count(runner, OutboxEntry) == 0
    assert len(announced) == 1  # pages still redraw what was pulled

    runner.write(_add_unit("typed-here"))  # the same write made here is queued
    runner.wait_idle()
    assert _has_unit(runner, "typed-here")
    assert _count(runner, OutboxEntry) == 1
