"""启封 in the new-inspection form: a campaign's planned halls stay sealed until asked.

The form names no planned site of a sealed campaign, only how many there are. 启封计划…
asks first and says that who and when will be recorded: 取消 keeps the plan sealed and
records nothing; 启封 stars the planned halls, lists the opening, and the next form
opens with them shown at once. A laptop that never signed in is told to sign in first.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from sqlalchemy import select

from inspector_app.domain import bureau_time
from inspector_app.store.models import OutboxEntry, PlanOpening
from inspector_app.store.types import utc_now
from inspector_app.sync import state
from inspector_app.ui.home.new_inspection_dialog import NewInspectionDialog
from inspector_app.ui.i18n import install_language
from inspector_app.ui.main_window import MainWindow

from .conftest import when_modal
from .test_new_inspection import _new_inspection

CJK = re.compile("[\u4e00-\u9fff]")


def _sign_in_as(window: MainWindow, username: str) -> None:
    """What a finished sync remembers from `/me`."""
    with window.runner.store.unit_of_work(suppress_outbox=True) as uow:
        state.put(uow.session, "username", username)
        state.put(uow.session, "role", "inspector")
        uow.commit()


def _sites(dialog: NewInspectionDialog) -> list[str]:
    return [dialog.site.itemText(i) for i in range(dialog.site.count())]


def _button(box: QMessageBox, text: str) -> QPushButton:
    return next(b for b in box.findChildren(QPushButton) if b.text() == text)


def _answer_confirmation(answer: str, seen: list[str]) -> None:
    def answer_box(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(f"{box.windowTitle()}|{box.text()}")
        QTest.mouseClick(_button(box, answer), Qt.MouseButton.LeftButton)

    when_modal(answer_box, kind=QMessageBox)


def _recorded(window: MainWindow) -> tuple[list[tuple[str, str]], int]:
    """The openings in the store, and the outbox entries they made."""
    with window.runner.store.unit_of_work() as uow:
        openings = [(o.campaign_id, o.opened_by) for o in uow.session.scalars(select(PlanOpening))]
        entries = uow.session.scalars(
            select(OutboxEntry).where(OutboxEntry.entity == "plan_opening")
        ).all()
    return openings, len(entries)


def test_cancelling_the_question_keeps_the_plan_sealed_and_records_nothing(
    window: MainWindow, campaign_id: str
) -> None:
    _sign_in_as(window, "zhang")
    seen: list[str] = []
    after: list[tuple[str, list[str], bool]] = []

    def ask_and_cancel(dialog: NewInspectionDialog) -> None:
        assert dialog.plan_state.text() == "2 个计划点位（未启封）"
        assert not any(text.startswith("★") for text in _sites(dialog))
        _answer_confirmation("取消", seen)
        QTest.mouseClick(dialog.open_plan_button, Qt.MouseButton.LeftButton)
        QTest.qWait(100)  # long enough for a write to come back; none was asked for
        after.append(
            (dialog.plan_state.text(), _sites(dialog), dialog.open_plan_button.isVisible())
        )
        dialog.reject()

    _new_inspection(window, ask_and_cancel)
    [question] = seen
    assert question.startswith("启封暗访计划？|")
    assert "启封人（zhang）和启封时间将被记录" in question
    [(text, sites, still_offered)] = after
    assert text == "2 个计划点位（未启封）" and still_offered
    assert not any(site.startswith("★") for site in sites)
    assert _recorded(window) == ([], 0)


def test_confirming_reveals_the_planned_halls_and_records_who_opened_it(
    qtbot, window: MainWindow, campaign_id: str
) -> None:
    _sign_in_as(window, "zhang")
    seen: list[str] = []
    after: list[tuple[str, list[str], str]] = []

    def ask_and_open(dialog: NewInspectionDialog) -> None:
        _answer_confirmation("启封", seen)
        QTest.mouseClick(dialog.open_plan_button, Qt.MouseButton.LeftButton)
        # The write runs on the store thread while this form is open (its own read is
        # still "pending" until the form closes, so wait for what the user sees).
        qtbot.waitUntil(lambda: not dialog.open_plan_button.isVisible(), timeout=10_000)
        after.append((dialog.plan_state.text(), _sites(dialog), dialog.plan_openings.text()))
        dialog.reject()

    _new_inspection(window, ask_and_open)
    assert len(seen) == 1
    [(text, sites, openings)] = after
    assert text == "2 个计划点位（已启封，标 ★）"
    assert sites[:2] == ["★ 伊美区政务服务中心", "★ 乌翠区政务服务中心"]
    today = f"{bureau_time.local(utc_now()):%Y-%m-%d}"
    assert openings.startswith(f"启封记录：zhang 于 {today} ")
    assert _recorded(window) == ([(campaign_id, "zhang")], 1)

    shown: list[tuple[list[str], bool]] = []

    def look_again(dialog: NewInspectionDialog) -> None:  # no question the second time
        shown.append((_sites(dialog)[:2], dialog.open_plan_button.isVisible()))
        dialog.reject()

    _new_inspection(window, look_again)
    assert shown == [(["★ 伊美区政务服务中心", "★ 乌翠区政务服务中心"], False)]
    assert _recorded(window) == ([(campaign_id, "zhang")], 1)


def test_a_laptop_that_never_signed_in_is_told_to_sign_in_and_nothing_is_recorded(
    qtbot, window: MainWindow, campaign_id: str
) -> None:
    told: list[str] = []

    def read_warning(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        told.append(box.text())
        box.accept()

    def try_to_open(dialog: NewInspectionDialog) -> None:
        when_modal(read_warning, kind=QMessageBox)
        QTest.mouseClick(dialog.open_plan_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(told), timeout=10_000)
        dialog.reject()

    _new_inspection(window, try_to_open)
    [message] = told
    assert "请先登录并同步一次" in message
    assert _recorded(window) == ([], 0)


def _pulled_opening(window: MainWindow, campaign_id: str, username: str) -> None:
    """An opening another laptop synced, as a pull writes it (no outbox entry)."""
    with window.runner.store.unit_of_work(suppress_outbox=True) as uow:
        uow.session.add(
            PlanOpening(campaign_id=campaign_id, opened_by=username, opened_at=utc_now())
        )
        uow.commit()


def test_a_supervisor_sees_who_opened_the_plan_while_it_stays_sealed_for_them(
    window: MainWindow, campaign_id: str
) -> None:
    _sign_in_as(window, "chen")
    _pulled_opening(window, campaign_id, "zhang")
    shown: list[tuple[str, str]] = []

    def read(dialog: NewInspectionDialog) -> None:
        shown.append((dialog.plan_state.text(), dialog.plan_openings.text()))
        dialog.reject()

    _new_inspection(window, read)
    [(text, openings)] = shown
    assert text == "2 个计划点位（未启封）"
    assert openings.startswith("启封记录：zhang 于 ")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_sealed_form_renders_in_both_languages(
    window: MainWindow, campaign_id: str, tmp_path: Path, lang: str
) -> None:
    assert install_language(lang)
    _sign_in_as(window, "chen")
    _pulled_opening(window, campaign_id, "zhang")
    folder = Path(os.environ.get("INSPECTOR_SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    texts: list[str] = []

    def shoot(dialog: NewInspectionDialog) -> None:
        assert dialog.grab().save(str(folder / f"{lang}-new-inspection-sealed.png"))  # as opened
        dialog.resize(1366, 768)
        assert dialog.grab().save(str(folder / f"{lang}-new-inspection-sealed-1366x768.png"))

        def shoot_box(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            texts.append(box.windowTitle() + box.text())
            assert box.grab().save(str(folder / f"{lang}-open-plan-question.png"))
            box.reject()

        when_modal(shoot_box, kind=QMessageBox)
        QTest.mouseClick(dialog.open_plan_button, Qt.MouseButton.LeftButton)
        texts.append(dialog.plan_state.text() + dialog.plan_openings.text())
        dialog.reject()

    _new_inspection(window, shoot)
    assert len(texts) == 2
    if lang == "en":
        assert not any(CJK.search(t.replace("2026年窗口服务专项监督", "")) for t in texts), texts
