"""The supervisor's desk for the 整改跟踪 tests: the demo's notices plus one of two problems
near its deadline, built once per module and copied for each test, and the moves a user
makes on the page (click a row, answer a step's dialog)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from inspector_app.domain.rectification import DeliveryMethod
from inspector_app.services import rectification as loop
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.tracking.tracking_page import TrackingPage
from tests.desk_data import TODAY, demo_with_notices
from tests.rectification_builders import issued_notice_in

from .conftest import when_modal

NEAR = "伊营商监〔2026〕3号"  # two problems, due in two days: blue
NEAR_DEADLINE = date(2026, 12, 5)


@pytest.fixture(scope="module", name="desk_folder")
def desk_folder_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's notices plus one of two problems near its deadline (import the
    *_fixture functions into a test module to use `desk`)."""
    folder = tmp_path_factory.mktemp("desk") / "data"
    store = Store.open(folder)
    try:
        demo_with_notices(store)
        with store.unit_of_work() as uow:
            notice_id, _ = issued_notice_in(uow, problems=2)
            notice = uow.session.get(Notice, notice_id)
            notice.number, notice.deadline = NEAR, NEAR_DEADLINE
            uow.commit()
    finally:
        store.close()
    return folder


@pytest.fixture(name="data_dir")
def data_dir_fixture(desk_folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(desk_folder, copy, ignore=shutil.ignore_patterns("inspector.lock"))
    return copy


@pytest.fixture(name="desk")
def desk_fixture(data_dir: Path) -> Iterator[StoreRunner]:
    runner = StoreRunner(Store.open(data_dir))
    yield runner
    runner.wait_idle()
    runner.shutdown()
    runner.store.close()  # again after reopened(): closing is idempotent


def reopened(runner: StoreRunner) -> Store:
    """The data folder as the next start of the app finds it."""
    runner.wait_idle()
    runner.shutdown()
    runner.store.close()
    return Store.open(runner.store.data_dir)


def notice_id_of(store: Store, number: str) -> str:
    with store.unit_of_work() as uow:
        return uow.session.query(Notice).filter_by(number=number).one().id


def open_page(qtbot, runner: StoreRunner, size: tuple[int, int] = (1366, 768)) -> TrackingPage:
    page = TrackingPage(runner, today=TODAY)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.pane.detail is not None)
    return page


def cell(page: TrackingPage, number: str, column: int) -> str:
    """What the list shows in `column` of the notice `number`."""
    return page.list_texts(column)[page.list_texts(0).index(number)]


def select(qtbot, page: TrackingPage, number: str) -> None:
    """Click the notice's row, as a supervisor does."""
    row = page.list_texts(0).index(number)
    rect = page.table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.pane.detail is not None and page.pane.detail.row.number == number)


def answer(qtbot, kind: type[QDialog], fill: Callable[[QDialog], None]) -> None:
    """When the step's dialog comes up: fill its widgets, then click its OK button."""

    def handler(dialog: QDialog) -> None:
        fill(dialog)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(handler, kind=kind)


def click(qtbot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def arrange(store: Store, number: str, *steps: Callable[[UnitOfWork, str], object]) -> str:
    """Earlier steps of a notice recorded through the services, as another day left them."""
    notice_id = notice_id_of(store, number)
    with store.unit_of_work() as uow:
        for step in steps:
            step(uow, notice_id)
        uow.commit()
    return notice_id


def delivered(uow: UnitOfWork, notice_id: str) -> None:
    loop.record_delivery(
        uow,
        notice_id,
        delivered_on=date(2026, 11, 4),
        method=DeliveryMethod.DIRECT,
        recipient="王芳",
        today=TODAY,
    )


def reported(uow: UnitOfWork, notice_id: str) -> None:
    items = [
        loop.FeedbackItem(problem=str(n), measures="已整改。", responsible_person="李主任")
        for n in (1, 2)
    ]
    loop.record_feedback(uow, notice_id, received_on=date(2026, 12, 1), items=items, today=TODAY)
