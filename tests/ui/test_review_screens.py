"""The 审核 page rendered at the laptops' screen sizes in both languages, to look at.

The PNGs go to $INSPECTOR_SCREENSHOT_DIR when set, else to a temporary folder; in
English no interface text is left in Chinese (the records stay as written)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from inspector_app.services.demo import build_demo
from inspector_app.settings import Settings
from inspector_app.store.store import Store
from inspector_app.ui.i18n import install_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.review.amend_dialog import AmendDialog
from inspector_app.ui.store_runner import StoreRunner

from .test_review_page import remember
from .test_screens import CJK, _chrome_texts, _save


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("INSPECTOR_SCREENSHOT_DIR", tmp_path / "shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def desk_runner(store: Store) -> Iterator[StoreRunner]:
    build_demo(store, inspections=4, photos_per_finding=1, photo_size=(800, 600))
    remember(store, "supervisor")
    runner = StoreRunner(store)
    yield runner
    runner.wait_idle()
    runner.shutdown()


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_review_page_renders_and_fits(
    qtbot, desk_runner: StoreRunner, shots: Path, lang: str, size: tuple[int, int]
) -> None:
    assert install_language(lang)
    window = MainWindow(desk_runner, Settings(inspector_name="陈主任"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    desk_runner.wait_idle()
    qtbot.waitUntil(window.nav.isVisible)
    window.nav.select("review")
    page = window.desk["review"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    qtbot.waitUntil(lambda: page.detail.sheet is not None)
    desk_runner.wait_idle()
    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1], hint
    assert page.detail.problem_texts(), "the selected inspection shows its problems"
    _save(window, shots, f"{lang}-review-{size[0]}x{size[1]}")
    chrome = _chrome_texts(window)

    page.view.setCurrentIndex(1)  # 已审核通过: corrections by amendment only
    qtbot.waitUntil(lambda: page.detail.sheet is not None and page.corrections.isVisible())
    desk_runner.wait_idle()
    qtbot.waitUntil(lambda: page.detail.sheet.status.value == "approved")
    QApplication.processEvents()
    _save(window, shots, f"{lang}-review-approved-{size[0]}x{size[1]}")
    chrome += _chrome_texts(window)
    dialog = AmendDialog(desk_runner, page.detail.sheet, window)
    qtbot.addWidget(dialog)
    _save(dialog, shots, f"{lang}-review-amend-{size[0]}x{size[1]}")
    chrome += _chrome_texts(dialog)
    dialog.close()
    if lang == "en":
        assert [t for t in chrome if CJK.search(t)] == []
    install_language("zh_CN")
