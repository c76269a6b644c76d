"""Signing in as a supervisor brings the 审核 tab, and it stays when the laptop is offline."""

from __future__ import annotations

import pytest

from inspector_app.ui.store_runner import StoreRunner
from tests.server.conftest import RunningServer
from tests.ui.sync.conftest import (
    OpenWindow,
    answer_sign_in,
    click,
    toolbar_button,
    wait_sync_done,
)

pytestmark = pytest.mark.parametrize("sync_server", ["sqlite"], indirect=True)


def test_a_supervisor_gets_the_review_tab_after_signing_in_and_after_a_restart(
    qtbot,
    open_window: OpenWindow,
    laptop_runner: StoreRunner,
    sync_server: RunningServer,
    private_keyring,
) -> None:
    window = open_window()
    assert not window.nav.isVisible()  # never signed in: the inspections only
    answer_sign_in("chen")
    click(toolbar_button(window, window.sync.sync_action))
    wait_sync_done(qtbot, window)
    assert window.sync.indicator.signed_in.text() == "已登录（科室负责人）："
    assert window.nav.isVisible()
    tabs = [window.nav.tabText(i) for i in range(window.nav.count())]
    assert tabs == ["我的检查", "审核", "通知书", "整改跟踪", "统计"]
    window.nav.select("review")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.desk["review"])
    window.close()

    again = open_window()  # no sign-in, no server asked: the folder remembers the role
    laptop_runner.wait_idle()
    qtbot.waitUntil(again.nav.isVisible)
    assert again.role == "supervisor"
    assert again.nav.keys() == ("home", "review", "notices", "tracking", "dashboard")
