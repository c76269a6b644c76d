"""A conflict made the way it happens: two laptops of one team edit the same description.

Laptop A is the app's window (it syncs through its 同步 button); laptop B is a
plain store syncing with `sync_once`, as in tests/sync/test_two_laptops.py.
"""

from __future__ import annotations

from pathlib import Path

from inspector_app.domain.finding import FindingResult
from inspector_app.services import inspections as ops
from inspector_app.store.models import Finding
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow
from tests.builders import finding_id, start_in
from tests.server.conftest import RunningServer
from tests.sync.laptops import Laptop, open_laptop
from tests.ui.sync.conftest import click, sign_in_and_sync, toolbar_button, wait_sync_done

MINE, THEIRS = "窗口工作人员离岗，未放置暂停服务牌", "工作人员离岗约十分钟"


def sync_window(qtbot, window: MainWindow) -> None:
    assert window.sync is not None
    click(toolbar_button(window, window.sync.sync_action))
    wait_sync_done(qtbot, window)


def describe(store: Store, failed: str, text: str) -> None:
    with store.unit_of_work() as uow:
        ops.update_finding(uow, failed, ops.FindingChanges(description=text))
        uow.commit()


def description(store: Store, failed: str) -> str:
    with store.unit_of_work() as uow:
        return uow.session.get(Finding, failed).description


def make_conflict(
    qtbot, window: MainWindow, laptop: Store, server: RunningServer, folder: Path
) -> tuple[str, str, Laptop]:
    """Returns (inspection id, finding id, laptop B) with one open conflict on A."""
    sign_in_and_sync(qtbot, window, "zhang")
    b = open_laptop(folder / "b", server, "wang")
    b.sync()
    with laptop.unit_of_work() as uow:
        inspection_id = start_in(uow)
        failed = finding_id(uow, inspection_id, "A2")
        ops.update_finding(
            uow, failed, ops.FindingChanges(result=FindingResult.FAIL, description="窗口无人")
        )
        uow.commit()
    sync_window(qtbot, window)
    b.sync()
    describe(laptop, failed, MINE)
    describe(b.store, failed, THEIRS)
    b.sync()  # the server has B's words first
    sync_window(qtbot, window)
    return inspection_id, failed, b
