"""Real widgets over a real store, offscreen; helpers to answer modal dialogs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from inspector_app.services.campaigns import create_campaign
from inspector_app.services.reference_data import reference_id
from inspector_app.settings import Settings
from inspector_app.store.store import Store
from inspector_app.ui.fonts import choose_ui_font
from inspector_app.ui.heap import collect_on_gui_thread
from inspector_app.ui.i18n import install_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner


@pytest.fixture(autouse=True)
def chinese_ui(qapp: QApplication) -> Iterator[None]:
    """The app's language and UI font, as `inspector_app.ui.app` sets them at start.

    The font is set for every test, not left to whichever test happened to set it first:
    with the default font a layout test passed that failed with the app's CJK font.
    """
    choose_ui_font(qapp)
    collector = collect_on_gui_thread(qapp)  # as the app: no Qt object freed off its thread
    install_language("zh_CN")
    yield
    install_language("zh_CN")
    collector.stop()  # the next test of this worker may have no event loop to collect


@pytest.fixture
def runner(seeded_store: Store) -> Iterator[StoreRunner]:
    store_runner = StoreRunner(seeded_store)
    yield store_runner
    store_runner.wait_idle()
    store_runner.shutdown()


@pytest.fixture
def campaign_id(seeded_store: Store) -> str:
    """A campaign on the window-service checklist planning two halls."""
    with seeded_store.unit_of_work() as uow:
        campaign = create_campaign(
            uow,
            title="2026年窗口服务专项监督",
            template_id=reference_id("template", "window-service", "1"),
            starts_on=date(2026, 11, 1),
            ends_on=date(2026, 12, 31),
            planned_site_ids=[
                reference_id("site", "yimei-center"),
                reference_id("site", "wucui-center"),
            ],
            team=["张明", "李华"],
        )
        uow.commit()
    return campaign


@pytest.fixture
def window(qtbot, runner: StoreRunner, campaign_id: str) -> MainWindow:
    main = MainWindow(runner, Settings(inspector_name="张明", team=["张明", "李华"]))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitActive(main)  # keyboard focus needs an active window
    runner.wait_idle()
    return main


class _ModalWatch:
    """The pollers of the running test, and the dialogs nobody answered.

    A poller whose dialog never came must not answer the next test's dialog,
    and a dialog left open must fail its test instead of hanging the run.
    """

    def __init__(self) -> None:
        self.pollers: list[QTimer] = []
        self.abandoned: list[str] = []
        self.open_since: dict[int, int] = {}

    def stop(self, timer: QTimer) -> None:
        timer.stop()  # kept until the test ends: deleting it inside its own timeout is unsafe

    def stop_all(self) -> None:
        for timer in self.pollers:
            timer.stop()
        self.pollers.clear()


_watch = _ModalWatch()
WATCHDOG_MS = 30_000


@pytest.fixture(autouse=True)
def modal_watchdog(qapp: QApplication) -> Iterator[None]:
    """Close a modal dialog left open for 30 s and fail the test that left it."""
    _watch.abandoned.clear()
    _watch.open_since.clear()
    ticks = [0]

    def check() -> None:
        ticks[0] += 1
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            _watch.open_since.clear()
            return
        since = _watch.open_since.setdefault(id(modal), ticks[0])
        if (ticks[0] - since) * 500 >= WATCHDOG_MS:
            _watch.abandoned.append(f"{type(modal).__name__} {modal.windowTitle()!r}")
            _watch.open_since.pop(id(modal), None)
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(500)
    yield
    timer.stop()
    _watch.stop_all()  # a poller whose dialog never came does not outlive its test
    assert not _watch.abandoned, f"dialogs left unanswered: {_watch.abandoned}"


def when_modal(
    handler: Callable[[QWidget], None],
    timeout_ms: int = 10_000,
    kind: type[QWidget] = QDialog,
) -> None:
    """Run `handler` once on the next visible modal `kind` dialog of this test.

    The poll is a QTimer the watch holds, not a single-shot closure: a
    self-referencing closure handed to Qt could be collected in a long run,
    and the dialog it was meant to answer then hung the suite.
    """
    timer = QTimer()
    timer.setInterval(20)
    started = time.monotonic()

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and modal.isVisible():
            _watch.stop(timer)
            handler(modal)
        elif (time.monotonic() - started) * 1000 > timeout_ms:
            _watch.stop(timer)

    timer.timeout.connect(poll)
    _watch.pollers.append(timer)
    timer.start()


def _wait_for(condition: Callable[[], bool], timeout_ms: int = 5_000) -> bool:
    from PySide6.QtTest import QTest

    waited = 0
    while not condition() and waited < timeout_ms:
        QTest.qWait(20)
        waited += 20
    return condition()


def accept_file_dialog(dialog: QWidget, file_names: str) -> None:
    """Click into a Qt file dialog's name field, type, and click its Open/Save button.

    The field gets the keyboard first, as a user's click gives it: typed into
    while the dialog was not yet the active window (the poller can run first
    on a loaded machine), Qt's file dialog keeps the folders its completer
    selected along the typed path, its selected files are not what was typed
    and Save stays disabled, so the dialog never closed. Return in the name
    field was not always taken as acceptance either; the button is what a user
    clicks anyway.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    dialog.activateWindow()
    assert _wait_for(dialog.isActiveWindow), "the file dialog never became the active window"
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert _wait_for(edit.hasFocus), "the file name field never got the keyboard"
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, file_names)
    box = dialog.findChild(QDialogButtonBox)
    accept = next(
        b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )
    assert edit.text() == file_names and accept.isEnabled(), (edit.text(), accept.text())
    QTest.mouseClick(accept, Qt.MouseButton.LeftButton)
    if dialog.isVisible():  # offscreen, the click is sometimes lost after earlier dialogs
        dialog.accept()  # QFileDialog's own acceptance: the same checks as its button
