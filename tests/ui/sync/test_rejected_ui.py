"""A change the server refuses: the status bar counts it, the refused-changes view shows
the server's reason in the interface's language, and the inspector can give it up."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from sqlalchemy import select

from inspector_app.store.models import OutboxEntry, Unit
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from inspector_app.ui.sync.rejected_dialog import RejectedDialog
from tests.ui.conftest import when_modal
from tests.ui.sync.conftest import OpenWindow, click, sign_in_and_sync, toolbar_button
from tests.ui.sync.two_laptops import sync_window

pytestmark = pytest.mark.parametrize("sync_server", ["sqlite"], indirect=True)


def test_a_refused_change_is_shown_with_the_servers_reason_and_can_be_discarded(
    qtbot, open_window: OpenWindow, laptop: Store, sync_server, private_keyring, tmp_path
) -> None:
    window = open_window()
    sign_in_and_sync(qtbot, window, "zhang")
    with laptop.unit_of_work() as uow:
        unit_id = uow.session.scalars(select(Unit.id)).first()
        uow.session.add(Notice(unit_id=unit_id))  # only supervisors write notices
        uow.commit()
    sync_window(qtbot, window)
    indicator = window.sync.indicator
    qtbot.waitUntil(lambda: indicator.problems.text() == "被拒绝 1", timeout=10_000)
    assert toolbar_button(window, window.sync.rejected_action).isVisible()
    seen: dict[str, str] = {}

    def discard(dialog: RejectedDialog) -> None:
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
        seen["record"] = dialog.table.item(0, 0).text()
        seen["reason"] = dialog.table.item(0, 3).text()
        dialog.grab().save(str(tmp_path / "rejected.png"))  # looked at: 2026-12-02
        button = dialog.findChild(QPushButton, dialog.table.cellWidget(0, 4).objectName())
        click(button)
        qtbot.waitUntil(lambda: button.text() == "✓ 已放弃", timeout=10_000)
        click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close))

    when_modal(discard, kind=RejectedDialog)
    click(indicator.problems)
    window.runner.wait_idle()
    assert (tmp_path / "rejected.png").stat().st_size > 0
    assert seen["record"] == "整改通知书"
    assert seen["reason"] and "Not allowed" not in seen["reason"]  # the Chinese half only
    assert any("\u4e00" <= ch <= "\u9fff" for ch in seen["reason"])
    with laptop.unit_of_work() as uow:
        assert uow.session.scalars(select(OutboxEntry)).all() == []
    qtbot.waitUntil(lambda: not indicator.problems.isVisible(), timeout=10_000)
