"""A laptop window syncing with a real server process; the keyring is a private one.

The server is `tests.sync.laptops.sync_server` (a real `inspector-server serve`
with the reference data); the token goes to a real Secret Service on a private
session bus (`tests.sync.test_credentials.secret_service`), or, where a test
is about a computer without one, to keyring's fail backend. The developer's
own keyring is never reached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import SecretService, fail
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from inspector_app.services.reference_data import install_shipped
from inspector_app.settings import Settings, load_settings
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.sync.sign_in_dialog import SignInDialog
from tests.server.conftest import PASSWORD, RunningServer
from tests.sync.conftest import scripted_server  # noqa: F401
from tests.sync.laptops import sync_server  # noqa: F401
from tests.sync.test_credentials import (
    SecretServiceSession,
    secret_service,  # noqa: F401
)
from tests.ui.conftest import when_modal


@pytest.fixture
def private_keyring(
    secret_service: SecretServiceSession,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[SecretService.Keyring]:
    """The process's keyring is a GNOME Keyring on a private bus for this test."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service.bus_address)
    before = keyring.get_keyring()
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """As on a headless box without a keyring."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Store]:
    """A laptop's store with the shipped templates and registry (as after an install)."""
    store = Store.open(tmp_path / "laptop")
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    yield store
    store.close()


@pytest.fixture
def laptop_runner(laptop: Store) -> Iterator[StoreRunner]:
    runner = StoreRunner(laptop)
    yield runner
    runner.wait_idle(60)
    runner.shutdown()


OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def open_window(
    qtbot,
    laptop_runner: StoreRunner,
    sync_server: RunningServer,  # noqa: F811
) -> OpenWindow:
    """The app's main window over the laptop, pointed at the test server."""

    def open_(settings: Settings | None = None, size: tuple[int, int] = (1366, 768)) -> MainWindow:
        chosen = settings or Settings(
            inspector_name="张明", team=["张明"], server_url=sync_server.url
        )
        window = MainWindow(laptop_runner, chosen)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        laptop_runner.wait_idle()
        return window

    return open_


def saved_settings() -> Settings:
    return load_settings()


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def toolbar_button(window: MainWindow, action) -> QWidget:
    button = window.toolbar.widgetForAction(action)
    assert button is not None and button.isVisible(), action.text()
    return button


def type_into(widget: QWidget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


def answer_sign_in(user: str, password: str = PASSWORD, seen: list | None = None) -> None:
    """When the sign-in dialog comes: type the user and password, click 登录."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, SignInDialog)
        if seen is not None:
            seen.append(dialog)
        dialog.user.clear()
        type_into(dialog.user, user)
        type_into(dialog.password, password)
        click(dialog.ok_button)

    when_modal(answer, kind=SignInDialog)


def wait_sync_done(qtbot, window: MainWindow, timeout: int = 60_000) -> None:
    assert window.sync is not None
    qtbot.waitUntil(lambda: not window.sync.running, timeout=timeout)
    assert window.runner is not None
    window.runner.wait_idle(60)
    QApplication.processEvents()
    window.runner.wait_idle(60)


def sign_in_and_sync(
    qtbot, window: MainWindow, user: str = "zhang", *, keyring_missing: bool = False
) -> None:
    """Click 同步 with no token: the sign-in dialog, then the sync to its end. Without a
    keyring the dialog says the sign-in cannot be kept; the user clicks OK."""
    from PySide6.QtWidgets import QMessageBox

    assert window.sync is not None
    answer_sign_in(user)
    if keyring_missing:
        when_modal(lambda box: click(box.buttons()[0]), timeout_ms=30_000, kind=QMessageBox)
    click(toolbar_button(window, window.sync.sync_action))
    wait_sync_done(qtbot, window)
