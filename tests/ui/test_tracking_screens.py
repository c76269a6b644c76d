"""整改跟踪 rendered at 1366x768 in Chinese and English, with the overdue notice in red and
one notice half-way through the loop, and every step's dialog, to look at.

The PNGs go to $INSPECTOR_SCREENSHOT_DIR when set, else to a temporary folder; in
English no interface text is left in Chinese (the records stay as written)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from inspector_app.settings import Settings
from inspector_app.ui.i18n import install_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.tracking.report_dialogs import FeedbackDialog, VerifyDialog
from inspector_app.ui.tracking.step_dialogs import (
    CloseDialog,
    DeliveryDialog,
    EscalateDialog,
    ExtensionDialog,
    ReturnDialog,
)
from inspector_app.ui.tracking.warning_chip import LEVEL_ROLE
from tests.desk_data import OVERDUE, TODAY

from .test_review_page import remember
from .test_screens import CJK, _chrome_texts, _save
from .tracking_desk import (  # noqa: F401 (fixtures)
    NEAR,
    arrange,
    data_dir_fixture,
    delivered,
    desk_fixture,
    desk_folder_fixture,
    reported,
    select,
)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_page_and_its_dialogs_render_at_1366x768_with_the_overdue_notice_in_red(
    qtbot, desk: StoreRunner, tmp_path: Path, lang: str
) -> None:
    arrange(desk.store, NEAR, delivered, reported)  # one notice half-way through the loop
    assert install_language(lang)
    remember(desk.store, "supervisor")
    window = MainWindow(desk, Settings(inspector_name="陈主任"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(window.nav.isVisible)
    window.nav.select("tracking")
    page = window.desk["tracking"]
    page.today = TODAY  # the demo's day, whatever the machine's clock says
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and page.pane.detail is not None)
    desk.wait_idle()
    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768, hint
    assert page.model.item(0, 5).data(LEVEL_ROLE) == "red"
    assert page.pane.detail.row.number == OVERDUE
    folder = Path(os.environ.get("INSPECTOR_SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    _save(window, folder, f"{lang}-tracking-1366x768")
    chrome = _chrome_texts(window)
    overdue = page.pane.detail
    shown = [
        DeliveryDialog(desk, overdue, TODAY, page),
        FeedbackDialog(desk, overdue, TODAY, page),
        ExtensionDialog(desk, overdue, TODAY, page, person="陈主任"),
        EscalateDialog(desk, overdue, TODAY, page, person="陈主任"),
    ]
    select(qtbot, page, NEAR)
    _save(window, folder, f"{lang}-tracking-reported-1366x768")
    chrome += _chrome_texts(window)
    answered = page.pane.detail
    shown += [
        VerifyDialog(desk, answered, TODAY, page, person="陈主任"),
        CloseDialog(desk, answered, TODAY, page, person="陈主任"),
        ReturnDialog(desk, answered, TODAY, page, person="陈主任"),
    ]
    for dialog in shown:
        qtbot.addWidget(dialog)
        _save(dialog, folder, f"{lang}-tracking-{type(dialog).__name__}")
        chrome += _chrome_texts(dialog)
        dialog.close()
    if lang == "en":  # a dialog's title names its notice by its 文号, a record
        interface = [t.replace(OVERDUE, "").replace(NEAR, "") for t in chrome]
        assert [t for t in interface if CJK.search(t)] == []
        assert page.list_texts(5)[0] == "red warning"
    install_language("zh_CN")
