"""The runner's 复查 mode, as a supervisor uses it: open the re-inspection from the list,
see each problem as first found (text, window, photo) and what the unit reported, click
已整改/未整改, type what is seen, add a photo, and 完成复查 — the notice's verification.
Rendered at 1366×768 in Chinese and English."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from inspector_app.domain.inspection import InspectionStatus
from inspector_app.domain.rectification import DeliveryMethod
from inspector_app.domain.rectification import VerificationResult as V
from inspector_app.services import rectification as loop
from inspector_app.services.notice_state import problems_of, progress
from inspector_app.services.photos import attach_photo
from inspector_app.services.recheck import start_recheck
from inspector_app.store.models import Finding, Inspection
from inspector_app.store.store import Store
from inspector_app.ui.i18n import install_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.runner.recheck_page import RecheckPage
from tests.rectification_builders import PROBLEMS, TODAY, issued_notice_in, site_photo
from tests.ui.conftest import accept_file_dialog, when_modal
from tests.ui.test_checklist_keys import press
from tests.ui.test_walkthrough import ime_commit

CJK = re.compile("[\u4e00-\u9fff]")
ON_SITE = datetime(2026, 11, 14, 2, 30, tzinfo=UTC)


@pytest.fixture
def recheck(seeded_store: Store, tmp_path: Path) -> tuple[str, str]:
    """A 复查 of a notice's two reported problems, the first with a photo: (id, notice)."""
    with seeded_store.unit_of_work() as uow:
        notice_id, _ = issued_notice_in(uow, problems=2)
        first = problems_of(uow, notice_id)[0].finding_id
        original = uow.session.get(Inspection, uow.session.get(Finding, first).inspection_id)
        uow.session.get(Finding, first).window_no = "12"
        attach_photo(uow, uow.photos, first, site_photo(tmp_path, "发现时.jpg", seed=1))
        original.status = InspectionStatus.APPROVED
        loop.record_delivery(
            uow,
            notice_id,
            delivered_on=date(2026, 11, 3),
            method=DeliveryMethod.DIRECT,
            recipient="王芳",
            today=TODAY,
        )
        loop.record_feedback(
            uow,
            notice_id,
            received_on=date(2026, 11, 12),
            items=[
                loop.FeedbackItem("1", "已安排专人在岗，设置AB岗", "窗口科 王芳"),
                loop.FeedbackItem("2", "已落实一次性告知", "窗口科 张三"),
            ],
            today=TODAY,
        )
        inspection_id = start_recheck(uow, notice_id, team=["李科长", "赵干事"], started_at=ON_SITE)
        uow.commit()
    return inspection_id, notice_id


def _open(qtbot, window: MainWindow, inspection_id: str) -> RecheckPage:
    """From the home list: the 复查's row, Enter."""
    qtbot.waitUntil(lambda: window.home.model.rowCount() == 2)
    window.home.table.setFocus()
    for _ in range(2):
        if window.home.selected_id() == inspection_id:
            break
        press(window, Qt.Key.Key_Down)
    assert window.home.selected_id() == inspection_id
    press(window, Qt.Key.Key_Return)
    page = window.recheck_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page)
    window.runner.wait_idle()
    return page


def test_a_recheck_opens_in_its_mode_with_the_original_finding_beside_each_item(
    qtbot, recheck: tuple[str, str], window: MainWindow
) -> None:
    inspection_id, _ = recheck
    page = _open(qtbot, window, inspection_id)
    assert window.navigator.inspection_id == inspection_id
    assert page.heading.text().startswith("复查 · 整改通知书")
    assert "伊美区政务服务中心" in page.facts.text() and "李科长、赵干事" in page.facts.text()
    states = [page.items.item(row).text().splitlines()[1].strip() for row in range(2)]
    assert states == ["待复查", "待复查"]
    panel = page.panel
    assert panel.title.text() == f"问题1：{panel.item.title}"
    assert panel.original_text.text() == PROBLEMS[0]
    assert "窗口 12" in panel.original_where.text()
    assert panel.original_photos.count() == 1 and panel.no_original_photos.isHidden()
    assert panel.measures.text() == "已安排专人在岗，设置AB岗"
    qtbot.mouseClick(page.back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.navigator.at_home)


def test_recording_each_problem_and_finishing_verifies_the_notice(
    qtbot, recheck: tuple[str, str], window: MainWindow, tmp_path: Path
) -> None:
    inspection_id, notice_id = recheck
    page = _open(qtbot, window, inspection_id)
    panel = page.panel
    qtbot.mouseClick(panel.rectified, Qt.MouseButton.LeftButton)
    window.runner.wait_idle()
    qtbot.waitUntil(lambda: page.items.item(0).text().endswith("已整改"))

    page.items.setCurrentRow(1)
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.number == 2)
    qtbot.mouseClick(panel.not_rectified, Qt.MouseButton.LeftButton)
    panel.note.setFocus()
    ime_commit(panel.note, "仍无告知单")
    photo = site_photo(tmp_path, "recheck.jpg", seed=7)  # typed into the dialog
    when_modal(lambda dialog: accept_file_dialog(dialog, str(photo)))
    qtbot.mouseClick(panel.add_photo, Qt.MouseButton.LeftButton)
    window.runner.wait_idle()
    qtbot.waitUntil(lambda: panel.photos.count() == 1)

    when_modal(
        lambda box: qtbot.mouseClick(
            box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton
        ),
        kind=QMessageBox,
    )
    qtbot.mouseClick(page.finish, Qt.MouseButton.LeftButton)
    window.runner.wait_idle()
    qtbot.waitUntil(lambda: not page.finish.isEnabled())
    assert "复查已完成：1 个已整改到位，1 个未整改到位。" in window.statusBar().currentMessage()
    assert not panel.rectified.isEnabled() and panel.note.isReadOnly()
    with window.runner.store.unit_of_work() as uow:
        state = progress(uow, notice_id, date.today())
        second = uow.session.get(Finding, panel.item.finding_id)
        assert (second.recheck_result, second.description) == (V.NOT_RECTIFIED, "仍无告知单")
    assert state["status"] == "under_review"
    assert [p["result"] for p in state["problems"]] == ["rectified", "not_rectified"]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_recheck_page_renders_in_both_languages(
    qtbot, recheck: tuple[str, str], window: MainWindow, tmp_path: Path, lang: str
) -> None:
    inspection_id, _ = recheck
    assert install_language(lang)
    page = RecheckPage(window.runner)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.load(inspection_id)
    window.runner.wait_idle()
    qtbot.waitUntil(lambda: page.panel.item is not None)
    folder = Path(os.environ.get("INSPECTOR_SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(folder / f"{lang}-recheck-1366x768.png"))
    assert page.minimumSizeHint().height() <= 768
    labels = [page.finish.text(), page.back.text(), page.panel.rectified.text()]
    if lang == "en":
        assert not any(CJK.search(text) for text in labels), labels
        assert page.heading.text().startswith("Re-inspection")
    else:
        assert labels == ["完成复查", "返回列表", "已整改"]
