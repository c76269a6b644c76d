"""Click 同步 as an inspector: sign in, sync, see the status bar and the list say so."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMessageBox

from inspector_app.settings import Settings
from inspector_app.store.store import Store
from inspector_app.sync import credentials, status
from inspector_app.ui.sync.sign_in_dialog import SignInDialog
from tests.builders import start_inspection
from tests.server.conftest import RunningServer
from tests.ui.conftest import when_modal
from tests.ui.sync.conftest import (
    OpenWindow,
    answer_sign_in,
    click,
    saved_settings,
    sign_in_and_sync,
    toolbar_button,
    type_into,
    wait_sync_done,
)

pytestmark = pytest.mark.parametrize("sync_server", ["sqlite"], indirect=True)


def _overview(store: Store) -> status.SyncOverview:
    with store.unit_of_work() as uow:
        return status.overview(uow)


def _home_state(window, inspection_id: str) -> str:
    model = window.home.model
    row = next(r for r in range(model.rowCount()) if model._rows[r].id == inspection_id)
    return model.data(model.index(row, 7))


def test_sync_without_a_token_asks_to_sign_in_then_syncs_and_shows_it(
    qtbot,
    open_window: OpenWindow,
    laptop: Store,
    sync_server: RunningServer,
    private_keyring,
) -> None:
    inspection_id = start_inspection(laptop)
    window = open_window()
    assert _home_state(window, inspection_id) == "待同步"
    assert window.sync.indicator.signed_in.text() == "未登录"
    assert window.sync.indicator.last_sync.text() == "尚未同步"
    seen: list[SignInDialog] = []
    answer_sign_in("zhang", seen=seen)

    click(toolbar_button(window, window.sync.sync_action))
    wait_sync_done(qtbot, window)

    assert len(seen) == 1 and seen[0].server.text() == sync_server.url  # prefilled
    indicator = window.sync.indicator
    assert indicator.pending.text() == "待同步 0"
    assert indicator.last_sync.text().startswith("上次同步 ")
    assert indicator.signed_in.text() == "已登录（检查人员）："
    assert indicator.account_name.text().endswith("· 一组") and indicator.account_name.isVisible()
    assert _home_state(window, inspection_id) == "已同步"
    assert "同步完成" in window.sync.progress.label.text()
    kept = saved_settings()
    assert (kept.server_user, kept.server_url) == ("zhang", sync_server.url)
    assert credentials.load_token("zhang", sync_server.url) == window.sync.token
    overview = _overview(laptop)
    assert (overview.pending, overview.username) == (0, "zhang")
    window.open_inspection(inspection_id)
    window.runner.wait_idle()
    state = window.runner_page.heading.sync_state
    qtbot.waitUntil(lambda: state.text() == "已同步", timeout=10_000)
    assert state.isVisible()
    window.show_home()
    window.runner.wait_idle()

    # Signing out revokes the token: the keyring forgets it, the status bar says so.
    token = window.sync.token
    click(toolbar_button(window, window.sync.sign_out_action))
    qtbot.waitUntil(lambda: "已退出登录" in window.sync.progress.label.text(), timeout=20_000)
    assert indicator.signed_in.text() == "未登录" and not indicator.account_name.isVisible()
    assert credentials.load_token("zhang", sync_server.url) is None
    assert sync_server.login("zhang").status_code == 200  # the account itself is fine
    import requests

    me = requests.get(
        f"{sync_server.url}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert me.status_code == 401


def test_a_wrong_password_is_said_in_the_dialog_which_stays_open_until_cancelled(
    qtbot, open_window: OpenWindow, laptop: Store, no_keyring
) -> None:
    start_inspection(laptop)
    window = open_window()
    before = _overview(laptop)
    outcome: dict[str, object] = {}

    def answer(dialog) -> None:
        type_into(dialog.user, "li")
        type_into(dialog.password, "not-the-password")
        click(dialog.ok_button)
        qtbot.waitUntil(dialog.error.isVisible, timeout=20_000)
        outcome["error"] = dialog.error.text()
        outcome["open"] = dialog.isVisible()
        click(dialog.buttons.button(dialog.buttons.StandardButton.Cancel))

    when_modal(answer, kind=SignInDialog)
    click(toolbar_button(window, window.sync.sync_action))
    wait_sync_done(qtbot, window)

    assert outcome == {"error": "用户名或密码错误。", "open": True}
    assert window.sync.token is None
    assert window.sync.indicator.signed_in.text() == "未登录"
    assert saved_settings().server_user == ""
    after = _overview(laptop)
    assert (after.pending, after.last_sync_at) == (before.pending, None)


def test_without_a_secure_keyring_the_sign_in_says_so_and_the_sync_runs_anyway(
    qtbot, open_window: OpenWindow, laptop: Store, sync_server: RunningServer, no_keyring
) -> None:
    window = open_window()
    said: list[str] = []
    answer_sign_in("wang")

    def read_message(box) -> None:
        said.append(box.text())
        click(box.buttons()[0])

    when_modal(read_message, timeout_ms=30_000, kind=QMessageBox)
    click(toolbar_button(window, window.sync.sync_action))
    wait_sync_done(qtbot, window)

    assert len(said) == 1 and "密钥环" in said[0]
    assert window.sync.token  # in memory for this run only
    assert credentials.load_token("wang", sync_server.url) is None
    assert _overview(laptop).last_sync_at is not None


def test_a_laptop_clock_years_ahead_is_pointed_out_and_the_last_sync_is_the_servers_time(
    qtbot, open_window: OpenWindow, laptop: Store, private_keyring
) -> None:
    from datetime import UTC, datetime

    from freezegun import freeze_time

    from inspector_app.domain import bureau_time

    real_now = datetime.now(UTC)
    window = open_window()
    indicator = window.sync.indicator
    with freeze_time("2040-06-01 08:00:00", tick=True):
        sign_in_and_sync(qtbot, window)
        qtbot.waitUntil(lambda: indicator.clock_warning.isVisible(), timeout=10_000)
    assert indicator.clock_warning.text().startswith("本机时钟与服务器相差 ")
    assert indicator.clock_warning.text().endswith(" 天")
    assert "校准" in indicator.clock_warning.toolTip()
    # The server's date, not 2040 (the minutes may have moved on since real_now).
    assert indicator.last_sync.text().startswith(f"上次同步 {bureau_time.local(real_now):%m-%d}")


def _warning_text(seen: list[str]) -> Callable[[QMessageBox], None]:
    def read(box: QMessageBox) -> None:
        seen.append(f"{box.windowTitle()}|{box.text()}")
        click(box.buttons()[0])

    return read


def test_a_token_the_server_stopped_accepting_asks_to_sign_in_and_the_sync_then_finishes(
    qtbot, open_window: OpenWindow, laptop: Store, sync_server: RunningServer, private_keyring
) -> None:
    import requests

    window = open_window()
    sign_in_and_sync(qtbot, window)
    requests.post(
        f"{sync_server.url}/api/v1/admin/users/zhang/revoke-tokens",
        headers=sync_server.token("admin"),
        timeout=30,
    ).raise_for_status()  # as when the token expires or the laptop was reported lost
    inspection_id = start_inspection(laptop)
    window.runner.wait_idle()
    seen: list[SignInDialog] = []
    answer_sign_in("zhang", seen=seen)
    click(toolbar_button(window, window.sync.sync_action))
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    wait_sync_done(qtbot, window)

    assert "重新登录" in seen[0].reason.text()
    assert _overview(laptop).pending == 0  # the change made meanwhile went up after all
    assert _home_state(window, inspection_id) == "已同步"
    assert credentials.load_token("zhang", sync_server.url) == window.sync.token


@pytest.mark.parametrize("fault", ["unreachable", "unknown certificate"])
def test_a_server_that_cannot_be_reached_safely_is_said_in_a_message_and_nothing_changes(
    qtbot, open_window: OpenWindow, laptop: Store, private_keyring, scripted_server, fault: str
) -> None:
    import socket
    import ssl

    import trustme

    if fault == "unreachable":
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{probe.getsockname()[1]}"
        expected = "无法连接服务器"
    else:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        trustme.CA().issue_cert("127.0.0.1").configure_cert(context)  # not the bureau's CA
        server = scripted_server(tls=context)
        url = server.url
        expected = "服务器证书无法验证"
    credentials.save_token("zhang", url, "a-kept-token")
    inspection_id = start_inspection(laptop)
    settings = Settings(inspector_name="张明", team=["张明"], server_url=url, server_user="zhang")
    window = open_window(settings)
    before = _overview(laptop)
    seen: list[str] = []
    when_modal(_warning_text(seen), timeout_ms=90_000, kind=QMessageBox)

    click(toolbar_button(window, window.sync.sync_action))
    qtbot.waitUntil(lambda: bool(seen), timeout=90_000)
    wait_sync_done(qtbot, window)

    title, text = seen[0].split("|", 1)
    assert title == "同步未完成" and expected in text
    if fault == "unknown certificate":
        assert server.seen == []  # nothing was sent to it
    assert _overview(laptop) == before
    assert _home_state(window, inspection_id) == "待同步"


def test_a_sign_in_kept_from_an_earlier_day_is_shown_at_start_without_asking_the_server(
    qtbot, open_window: OpenWindow, sync_server: RunningServer, private_keyring
) -> None:
    first = open_window()
    sign_in_and_sync(qtbot, first)
    first.close()
    asked = sync_server.log.read_text().count('"/api/v1/me"')
    assert asked > 0  # the first window's sync asked who it is

    window = open_window(saved_settings())

    signed_in = window.sync.indicator.signed_in
    qtbot.waitUntil(lambda: signed_in.text() == "已保存登录：zhang", timeout=20_000)
    assert "无需再输入密码" in signed_in.toolTip()
    assert sync_server.log.read_text().count('"/api/v1/me"') == asked  # the laptop kept quiet
