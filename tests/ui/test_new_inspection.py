"""新建检查 (Ctrl+Shift+N): who is on the team, which sites are starred, the arrival time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget
from sqlalchemy import select

from inspector_app.domain import bureau_time
from inspector_app.domain.inspection import InspectionMode
from inspector_app.services import inspections as ops
from inspector_app.services import sealed_plans
from inspector_app.services.reference_data import reference_id
from inspector_app.settings import Settings
from inspector_app.store.models import Inspection
from inspector_app.sync import state
from inspector_app.ui.home.new_inspection_dialog import NewInspectionDialog
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings_dialog import SettingsDialog
from inspector_app.ui.store_runner import StoreRunner

from .conftest import when_modal
from .machine_zone import utc_laptop  # noqa: F401  (a fixture)
from .test_walkthrough import ime_commit

NEW_INSPECTION = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
YIMEI, WUCUI = reference_id("site", "yimei-center"), reference_id("site", "wucui-center")


def _window(qtbot, runner: StoreRunner, settings: Settings) -> MainWindow:
    window = MainWindow(runner, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # keyboard focus needs an active window
    runner.wait_idle()
    return window


def _new_inspection(window: MainWindow, handler: Callable[[NewInspectionDialog], None]) -> None:
    def run(dialog: QWidget) -> None:
        assert isinstance(dialog, NewInspectionDialog)
        handler(dialog)

    window.activateWindow()  # after a dialog, as the window manager does: keys go here
    assert QTest.qWaitForWindowActive(window)
    when_modal(run)
    QTest.keyClick(window, Qt.Key.Key_N, NEW_INSPECTION)
    window.runner.wait_idle()


def _stored(window: MainWindow) -> list[Inspection]:
    with window.runner.store.unit_of_work() as uow:
        return list(uow.session.scalars(select(Inspection).order_by(Inspection.created_at)))


def _click_toolbar(window: MainWindow, text: str) -> None:
    toolbar = window.findChild(QWidget, "main-toolbar")
    button = next(b for b in toolbar.findChildren(QAbstractButton) if b.text() == text)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_new_inspection_team_includes_the_inspector_from_settings(
    qtbot, runner: StoreRunner, campaign_id: str
) -> None:
    window = _window(qtbot, runner, Settings())

    def name_myself(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.name.setFocus()
        ime_commit(dialog.name, "王芳")
        save = next(b for b in dialog.findChildren(QAbstractButton) if b.text() == "保存")
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)

    when_modal(name_myself)
    _click_toolbar(window, "设置")
    shown: list[str] = []

    def start(dialog: NewInspectionDialog) -> None:
        shown.append(dialog.team.text())
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    _new_inspection(window, start)
    assert shown == ["王芳, 张明, 李华"]  # me first, then the campaign's team
    [inspection] = _stored(window)
    assert inspection.team == ["王芳", "张明", "李华"]


def test_the_inspector_joins_the_default_team_from_settings_once(
    qtbot, runner: StoreRunner, campaign_id: str
) -> None:
    window = _window(qtbot, runner, Settings(inspector_name="李华", team=["张明", "李华"]))
    _new_inspection(window, lambda dialog: QTest.keyClick(dialog, Qt.Key.Key_Return))
    [inspection] = _stored(window)
    assert inspection.team == ["李华", "张明"]


def _site_texts(window: MainWindow) -> list[str]:
    texts: list[list[str]] = []

    def read(dialog: NewInspectionDialog) -> None:
        texts.append([dialog.site.itemText(i) for i in range(dialog.site.count())])
        dialog.reject()

    _new_inspection(window, read)
    return texts[0]


def _inspect(window: MainWindow, campaign_id: str, site_id: str, *, submit: bool) -> None:
    with window.runner.store.unit_of_work() as uow:
        inspection_id = ops.start_inspection(
            uow,
            template_id=reference_id("template", "window-service", "1"),
            site_id=site_id,
            mode=InspectionMode.COVERT,
            team=["张明"],
            started_at=datetime.now(UTC),
            campaign_id=campaign_id,
        )
        if submit:
            ops.submit_inspection(uow, inspection_id)
        uow.commit()


def _open_plan_as(window: MainWindow, campaign_id: str, username: str) -> None:
    """Signed in once as `username`, who opened the campaign's sealed plan already."""
    with window.runner.store.unit_of_work() as uow:
        state.put(uow.session, "username", username)
        sealed_plans.open_plan(uow, campaign_id)
        uow.commit()


def test_a_planned_site_loses_its_star_once_its_inspection_is_submitted(
    window: MainWindow, campaign_id: str
) -> None:
    _open_plan_as(window, campaign_id, "zhang")
    before = _site_texts(window)
    assert before[:2] == ["★ 伊美区政务服务中心", "★ 乌翠区政务服务中心"]

    _inspect(window, campaign_id, YIMEI, submit=False)  # a draft: still to be finished
    assert _site_texts(window)[:2] == before[:2]

    _inspect(window, campaign_id, YIMEI, submit=True)
    after = _site_texts(window)
    assert after[0] == "★ 乌翠区政务服务中心"  # the one still to visit comes first
    assert "★ 伊美区政务服务中心" not in after
    assert "伊美区政务服务中心（本专项已检查）" in after
    assert sum(text.startswith("★") for text in after) == 1


@pytest.mark.usefixtures("utc_laptop")
def test_arrival_time_is_the_halls_wall_clock_on_a_utc_laptop(window: MainWindow) -> None:
    shown: list[str] = []

    def start(dialog: NewInspectionDialog) -> None:
        shown.append(dialog.arrival.text())
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    _new_inspection(window, start)
    beijing = bureau_time.now()
    assert shown[0] in {f"{beijing - timedelta(minutes=m):%Y-%m-%d %H:%M}" for m in (0, 1)}
    [inspection] = _stored(window)
    assert abs(inspection.started_at - datetime.now(UTC)) < timedelta(minutes=2)
    saved_at = window.save_state.text().removeprefix("已自动保存 ")
    assert saved_at[:2] == f"{beijing:%H}" or saved_at[:2] == f"{bureau_time.now():%H}"


@pytest.mark.usefixtures("utc_laptop")
def test_a_typed_arrival_time_is_stored_as_that_time_in_beijing(window: MainWindow) -> None:
    def type_time(dialog: NewInspectionDialog) -> None:
        dialog.arrival.setFocus()
        QTest.keyClick(dialog.arrival, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dialog.arrival, "2026-11-20 09:30")
        assert dialog.arrival.text() == "2026-11-20 09:30"
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    _new_inspection(window, type_time)
    [inspection] = _stored(window)
    started = inspection.started_at.replace(second=0, microsecond=0)  # seconds: not shown
    assert started == datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
