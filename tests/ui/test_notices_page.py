"""The supervisor's 通知书 page, clicked as a supervisor clicks it, over a real store:
起草 from an approved inspection, a draft's fields edited and still there after the
store was closed and reopened, 签发 refused offline with nothing changed."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain import bureau_time
from inspector_app.domain.notice import WARNING_LABELS, WarningLevel
from inspector_app.server.database import make_engine
from inspector_app.server.models import IssuedNumber
from inspector_app.services.notice_drafts import draft_notices
from inspector_app.settings import Settings
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from inspector_app.ui.i18n import install_language, pick
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.notices.draft_dialog import DraftDialog
from inspector_app.ui.notices.notices_page import NoticesPage
from inspector_app.ui.store_runner import StoreRunner
from tests.desk_data import OVERDUE, TODAY, demo_with_notices, issue_here
from tests.desk_data import approved_for_two_units as approved
from tests.server.conftest import RunningServer, cli, start_server
from tests.services.issuing_setup import (
    approved_draft,
    bureau,
    snapshot,
    supervisor_laptop,
    supervisors,
)
from tests.ui.sync.conftest import no_keyring as no_keyring  # the fixture
from tests.ui.sync.conftest import sign_in_and_sync

from .conftest import accept_file_dialog, when_modal
from .test_review_page import remember
from .test_screens import CJK, _chrome_texts, _save
from .test_screens import shots as shots  # the screenshot folder fixture
from .test_walkthrough import ime_commit


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def answer_reason(dialog: QInputDialog, reason: str) -> None:
    dialog.setTextValue(reason)
    dialog.accept()


def withdrawal_reason(server: RunningServer, notice_id: str) -> str | None:
    """What the server recorded for the notice's number."""
    engine = make_engine(server.db)
    try:
        with Session(engine) as db:
            row = db.scalars(select(IssuedNumber).where(IssuedNumber.notice_id == notice_id)).one()
            return row.withdrawal_reason if row.withdrawn_at is not None else None
    finally:
        engine.dispose()


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
    page = open_notices(qtbot, runner, tabs=["我的检查", "审核", "通知书", "整改跟踪", "统计"])
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


def test_an_offline_issue_is_refused_with_the_message_and_changes_nothing(
    qtbot, seeded_store: Store, runner: StoreRunner, make_jpeg
) -> None:
    inspection_id = approved(seeded_store, make_jpeg())
    remember(seeded_store, "supervisor")
    with seeded_store.unit_of_work() as uow:
        draft_notices(uow, inspection_id, Settings())
        uow.commit()
    page = open_notices(qtbot, runner)  # no server in the settings: offline
    qtbot.waitUntil(lambda: page.actions.detail is not None)
    assert page.actions.issue_button.isVisible() and not page.actions.print_button.isVisible()
    before = snapshot(SimpleNamespace(store=seeded_store))
    warned: list[str] = []

    def confirm(box: QMessageBox) -> None:
        assert "确认签发" in box.text()
        when_modal(
            lambda warning: (warned.append(warning.text()), warning.accept()), kind=QMessageBox
        )
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(confirm, kind=QMessageBox)
    qtbot.mouseClick(page.actions.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warned))
    runner.wait_idle()
    assert "签发需要连接服务器" in warned[0] and "本机数据未做任何修改" in warned[0]
    assert "签发需要连接服务器" in page.message.text()
    assert snapshot(SimpleNamespace(store=seeded_store)) == before
    assert page.model.item(page.table.currentIndex().row(), 0).text() == "草稿"
    assert page.actions.issue_button.isEnabled()


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One real `inspector-server serve` on SQLite for this module's online tests."""
    folder = tmp_path_factory.mktemp("notices-server")
    db = f"sqlite:///{folder / 'server.sqlite3'}"
    server = start_server(db, folder)
    try:
        loaded = cli("import-reference", "--as", "admin", "--db", db)
        assert loaded.returncode == 0, loaded.stderr
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)


def test_issuing_online_shows_the_number_and_the_frozen_pdf_is_saved_as_issued_or_as_a_copy(
    qtbot, sqlite_server: RunningServer, tmp_path: Path, no_keyring
) -> None:
    [user] = supervisors(sqlite_server, 1)
    settings = replace(
        bureau(), server_url=sqlite_server.url, server_user=user, inspector_name="陈主任"
    )
    laptop = supervisor_laptop(sqlite_server, tmp_path / "desk", user)
    draft_id = approved_draft(laptop, settings, tmp_path, seed=31)  # neither synced yet
    laptop.close()
    store = Store.open(tmp_path / "desk")
    runner = StoreRunner(store)
    try:
        page = open_notices(qtbot, runner, settings)
        window = page.window()
        sign_in_and_sync(qtbot, window, user, keyring_missing=True)
        page.reload(select=draft_id)
        qtbot.waitUntil(lambda: page.actions.detail is not None)
        assert page.actions.detail.row.id == draft_id

        when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), kind=QMessageBox)
        qtbot.mouseClick(page.actions.issue_button, Qt.MouseButton.LeftButton)
        number = f"{settings.issuer_code}〔{bureau_time.today().year}〕1号"
        qtbot.waitUntil(
            lambda: page.model.rowCount() == 1 and page.model.item(0, 0).text() == number,
            timeout=60_000,
        )
        assert f"已签发：{number}" in page.message.text()
        qtbot.waitUntil(lambda: page.actions.print_button.isVisible())
        assert (
            not page.actions.issue_button.isVisible() and page.model.item(0, 3).text() == "已交办"
        )
        with store.unit_of_work() as uow:
            issued = uow.session.get(Notice, draft_id)
            sha256 = issued.pdf_sha256
            assert issued.number == number and sha256

        saved = []
        for copy in (False, True):
            page.actions.copy_box.setChecked(copy)
            qtbot.mouseClick(page.actions.print_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(
                lambda: page.actions.preview is not None and page.actions.preview.isVisible()
            )
            preview = page.actions.preview
            target = tmp_path / f"out-{copy}.pdf"
            when_modal(
                lambda dialog, target=target: accept_file_dialog(dialog, str(target)),
                kind=QFileDialog,
            )
            qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(target.exists)
            saved.append(target.read_bytes())
            preview.close()
            page.actions.preview = None
        assert hashlib.sha256(saved[0]).hexdigest() == sha256  # the frozen file, byte for byte
        assert hashlib.sha256(saved[1]).hexdigest() != sha256
        assert pdf_text(saved[0]) == pdf_text(saved[1])  # the 副本 mark is a picture, not text

        # 撤销文号: a reason is required; the number is recorded as withdrawn on the server.
        refused: list[str] = []
        when_modal(lambda box: (refused.append(box.text()), box.accept()), kind=QMessageBox)
        when_modal(lambda box: answer_reason(box, "错号"), kind=QInputDialog)
        qtbot.mouseClick(page.actions.withdraw_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(refused))
        assert (
            "撤销文号必须写明理由" in refused[0]
            and withdrawal_reason(sqlite_server, draft_id) is None
        )
        when_modal(lambda box: answer_reason(box, "文号登记错误，作废重发"), kind=QInputDialog)
        qtbot.mouseClick(page.actions.withdraw_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: f"文号 {number} 已撤销" in page.message.text(), timeout=30_000)
        assert withdrawal_reason(sqlite_server, draft_id) == "文号登记错误，作废重发"
    finally:
        runner.wait_idle(60)
        runner.shutdown()
        store.close()


def test_a_campaigns_issued_notices_are_batched_with_their_receipts_from_the_button(
    qtbot, seeded_store: Store, runner: StoreRunner, campaign_id: str, make_jpeg
) -> None:
    inspection_id = approved(seeded_store, make_jpeg(), campaign_id)
    remember(seeded_store, "supervisor")
    with seeded_store.unit_of_work() as uow:
        drafted = [d.id for d in draft_notices(uow, inspection_id, Settings())]
        uow.commit()
    for serial, notice_id in enumerate(drafted, start=1):
        issue_here(seeded_store, notice_id, f"伊营商监〔2026〕{serial}号", TODAY, Settings())
    page = open_notices(qtbot, runner)
    asked: list[list[str]] = []

    def choose(dialog: QInputDialog) -> None:
        asked.append([dialog.comboBoxItems()[i] for i in range(len(dialog.comboBoxItems()))])
        dialog.accept()

    when_modal(choose, kind=QInputDialog)
    qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.batch_preview is not None, timeout=30_000)
    assert asked == [["2026年窗口服务专项监督（已签发 2 份）"]]
    [batch] = page.batch_preview.documents
    pages = pdf_text(batch.data).count("\f")
    assert f"已合成 2 份通知书及送达回证，共 {pages} 页。" == page.message.text()
    assert pdf_text(batch.data).count("送达回证") >= 2
    page.batch_preview.close()


def test_a_problem_moved_to_the_other_units_draft_shows_there(
    qtbot, seeded_store: Store, runner: StoreRunner, make_jpeg
) -> None:
    inspection_id = approved(seeded_store, make_jpeg())
    remember(seeded_store, "supervisor")
    with seeded_store.unit_of_work() as uow:
        draft_notices(uow, inspection_id, Settings())
        uow.commit()
    page = open_notices(qtbot, runner)
    page.search.setFocus()
    ime_commit(page.search, "市场")
    qtbot.waitUntil(lambda: len(page.detail.problem_texts()) == 2)
    assert page.detail.move_row.isVisible()
    assert page.detail.move_target.currentText() == "国家税务总局伊春市伊美区税务局"
    page.detail.problems.setCurrentRow(1)
    qtbot.mouseClick(page.detail.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail.problem_texts() == ["1. 12号窗口无人在岗，群众排队等候。"])
    assert "问题已移至“国家税务总局伊春市伊美区税务局”的草稿" in page.message.text()
    page.search.clear()
    ime_commit(page.search, "税务")
    qtbot.waitUntil(lambda: len(page.detail.problem_texts()) == 2)
    assert page.detail.problem_texts() == [
        "1. 办税窗口工作人员趴桌休息。",
        "2. 3号、4号窗口工作人员聚堆闲聊。",
    ]
