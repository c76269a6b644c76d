"""The supervisor's 通知书 page, clicked as a supervisor clicks it, over a real store:
起草 from an approved inspection, a draft's fields edited and still there after the
store was closed and reopened, 签发 refused offline with nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from inspector_app.domain.notice import WARNING_LABELS, WarningLevel
from inspector_app.services.notice_drafts import draft_notices
from inspector_app.settings import Settings
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from inspector_app.ui.i18n import install_language, pick
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.notices.draft_dialog import DraftDialog
from inspector_app.ui.notices.notices_page import NoticesPage
from inspector_app.ui.store_runner import StoreRunner
from tests.desk_data import OVERDUE, demo_with_notices
from tests.desk_data import approved_for_two_units as approved

from .conftest import when_modal
from .test_review_page import remember
from .test_screens import CJK, _chrome_texts, _save
from .test_screens import shots as shots  # the screenshot folder fixture
from .test_walkthrough import ime_commit


def open_notices(
    qtbot, runner: StoreRunner, settings: Settings | None = None, *, tabs: list[str] | None = None
) -> NoticesPage:
    """The window as a supervisor gets it, on its 通知书 tab."""
    window = MainWindow(runner, settings or Settings(inspector_name="陈主任"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    runner.wait_idle()
    qtbot.waitUntil(window.nav.isVisible)
    shown = [window.nav.tabText(i) for i in range(window.nav.count())]
    assert tabs is None or shown == tabs
    window.nav.select("notices")
    page = window.desk["notices"]
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page)
    runner.wait_idle()
    return page


def draft_from_the_dialog(qtbot, page: NoticesPage, expected_sites: list[str]) -> None:
    seen: list[list[str]] = []

    def answer(dialog: DraftDialog) -> None:
        seen.append([dialog.choices.item(i).text() for i in range(dialog.choices.count())])
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    when_modal(answer, kind=DraftDialog)
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert [text.split("　")[0] for text in seen[0]] == expected_sites
    page.runner.wait_idle()


def stored_notices(store: Store) -> list[Notice]:
    with store.unit_of_work() as uow:
        rows = uow.session.query(Notice).order_by(Notice.unit_id).all()
        uow.session.expunge_all()
        return rows


def test_drafting_from_an_approved_inspection_makes_one_draft_per_unit_and_the_search_finds_them(
    qtbot, seeded_store: Store, runner: StoreRunner, make_jpeg
) -> None:
    approved(seeded_store, make_jpeg())
    remember(seeded_store, "supervisor")
    page = open_notices(qtbot, runner, tabs=["我的检查", "审核", "通知书", "统计"])
    assert page.empty.isVisible() and page.model.rowCount() == 0

    draft_from_the_dialog(qtbot, page, ["伊美区政务服务中心"])
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert "已起草 2 份通知书草稿" in page.message.text()
    cells = sorted(
        tuple(page.model.item(r, c).text() for c in (0, 1, 2, 3))
        for r in range(page.model.rowCount())
    )
    assert [c[0] for c in cells] == ["草稿", "草稿"]
    assert {c[2] for c in cells} == {"伊美区政务服务中心"} and {c[3] for c in cells} == {"草拟"}
    units = {c[1] for c in cells}
    assert len(units) == 2 and not page.empty.isVisible()

    page.search.setFocus()
    market = next(u for u in units if "市场" in u)
    ime_commit(page.search, "市场")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.item(0, 1).text() == market
    qtbot.waitUntil(lambda: len(page.detail.problem_texts()) == 2)
    assert page.detail.problem_texts() == [
        "1. 12号窗口无人在岗，群众排队等候。",
        "2. 3号、4号窗口工作人员聚堆闲聊。",
    ]
    assert page.count.text() == "显示 1 / 共 2 份通知书"

    asked: list[str] = []  # nothing left to draft: the page says so
    when_modal(lambda box: (asked.append(box.text()), box.accept()), kind=QMessageBox)
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked))
    assert "都已起草" in asked[0] and len(stored_notices(seeded_store)) == 2


def test_a_drafts_contact_and_deadline_are_saved_and_still_there_after_reopening(
    qtbot, seeded_store: Store, make_jpeg
) -> None:
    approved(seeded_store, make_jpeg())
    remember(seeded_store, "supervisor")
    runner = StoreRunner(seeded_store)
    try:
        page = open_notices(qtbot, runner)
        draft_from_the_dialog(qtbot, page, ["伊美区政务服务中心"])
        qtbot.waitUntil(lambda: page.detail.detail is not None)
        chosen = page.selected_id()
        assert page.detail.save_button.isVisible()
        page.detail.contact_person.clear()
        page.detail.contact_person.setFocus()
        ime_commit(page.detail.contact_person, "王磊")
        page.detail.contact_phone.setText("0458-3888888")
        page.detail.working_days.setValue(10)
        qtbot.mouseClick(page.detail.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "草稿已保存" in page.message.text())
        runner.wait_idle()
    finally:
        runner.wait_idle()
        runner.shutdown()
    folder = seeded_store.data_dir
    seeded_store.close()

    reopened = Store.open(folder)
    again = StoreRunner(reopened)
    try:
        page = open_notices(qtbot, again)
        page.reload(select=chosen)
        again.wait_idle()
        qtbot.waitUntil(lambda: page.detail.detail is not None and page.selected_id() == chosen)
        qtbot.waitUntil(lambda: page.detail.detail.row.id == chosen)
        assert page.detail.contact_person.text() == "王磊"
        assert page.detail.contact_phone.text() == "0458-3888888"
        assert page.detail.working_days.value() == 10
        [saved] = [n for n in stored_notices(reopened) if n.id == chosen]
        assert (saved.contact_person, saved.contact_phone) == ("王磊", "0458-3888888")
        assert saved.deadline is not None and page.detail.deadline.text().endswith(
            f"{saved.deadline:%Y-%m-%d}"
        )
    finally:
        again.wait_idle()
        again.shutdown()
        reopened.close()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_notices_page_renders_at_1366x768_in_both_languages(
    qtbot, store: Store, shots: Path, lang: str, make_jpeg
) -> None:
    """The demo's issued notices (one overdue: red) and the drafts of one more inspection."""
    demo_with_notices(store)
    remember(store, "supervisor")
    inspection_id = approved(store, make_jpeg())
    with store.unit_of_work() as uow:
        draft_notices(
            uow, inspection_id, Settings(contact_person="刘强", contact_phone="0458-3600000")
        )
        uow.commit()
    runner = StoreRunner(store)
    try:
        assert install_language(lang)
        page = open_notices(qtbot, runner, tabs=None)
        qtbot.waitUntil(lambda: page.model.rowCount() >= 3)
        qtbot.waitUntil(lambda: page.detail.detail is not None)
        assert page.detail.detail.editable and page.detail.problem_texts()
        window = page.window()
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 768, hint
        warnings = {page.model.item(r, 5).text() for r in range(page.model.rowCount())}
        assert pick(WARNING_LABELS[WarningLevel.RED]) in warnings
        _save(window, shots, f"{lang}-notices-draft-1366x768")
        chrome = _chrome_texts(window)
        issued = next(
            r for r in range(page.model.rowCount()) if page.model.item(r, 0).text() == OVERDUE
        )
        page.table.selectRow(issued)
        qtbot.waitUntil(lambda: page.detail.detail is not None and not page.detail.detail.editable)
        runner.wait_idle()
        _save(window, shots, f"{lang}-notices-issued-1366x768")
        chrome += _chrome_texts(window)
        if lang == "en":
            assert [t for t in chrome if CJK.search(t)] == []
    finally:
        install_language("zh_CN")
        runner.wait_idle()
        runner.shutdown()
