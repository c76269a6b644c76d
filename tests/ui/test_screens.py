"""Every main screen renders at 1366×768 in both languages; English has no Chinese chrome.

The PNGs go to $INSPECTOR_SCREENSHOT_DIR when set (to look at them), else to a
temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QToolBar,
    QTreeView,
    QWidget,
)

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.resources import resources_dir
from inspector_app.services.demo import build_demo
from inspector_app.services.queries import new_inspection_choices
from inspector_app.settings import Settings
from inspector_app.store.store import Store
from inspector_app.ui.home.new_inspection_dialog import NewInspectionDialog
from inspector_app.ui.i18n import install_language
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.photos.photo_viewer import PhotoViewer
from inspector_app.ui.runner.summary_dialog import SummaryDialog
from inspector_app.ui.settings_dialog import SettingsDialog
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.widgets import USER_DATA

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
SCREEN = (1366, 768)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_runner(store: Store) -> Iterator[StoreRunner]:
    build_demo(store, inspections=4, photos_per_finding=1, photo_size=(800, 600))
    runner = StoreRunner(store)
    yield runner
    runner.wait_idle()
    runner.shutdown()


def _chrome_texts(root: QWidget) -> list[str]:
    """Interface text a user sees, excluding widgets that show records."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property(USER_DATA) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton | QLabel):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QToolBar):
            texts.extend(action.text() for action in widget.actions())
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            # What the header shows: the home list's titles live in their own header model.
            is_table = isinstance(widget, QTableView)
            model = (widget.horizontalHeader() if is_table else widget.header()).model()
            texts.extend(
                str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
                for c in range(model.columnCount())
            )
        texts.append(widget.toolTip())
    return [t for t in texts if t]


def _save(widget: QWidget, folder: Path, name: str) -> Path:
    widget.show()
    QApplication.processEvents()
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 200 and image.height() > 100
    return path


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("INSPECTOR_SCREENSHOT_DIR", tmp_path / "shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_main_screen_renders_and_fits(
    qtbot,
    demo_runner: StoreRunner,
    shots: Path,
    lang: str,
) -> None:
    assert install_language(lang)
    window = MainWindow(demo_runner, Settings(team=["张明"]))
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    demo_runner.wait_idle()
    chrome: dict[str, list[str]] = {}
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1], hint
    _save(window, shots, f"{lang}-1-home")
    chrome["home"] = _chrome_texts(window)

    choices = demo_runner.store
    with choices.unit_of_work() as uow:
        form_choices = new_inspection_choices(uow)
    form = NewInspectionDialog(form_choices, ["张明", "李华"], window)
    qtbot.addWidget(form)
    _save(form, shots, f"{lang}-2-new-inspection")
    chrome["new"] = [t for t in _chrome_texts(form) if "★" not in t]
    form.close()

    rows = window.home.model._rows
    returned = next(r for r in rows if r.status == InspectionStatus.RETURNED)
    window.open_inspection(returned.id)
    demo_runner.wait_idle()
    page = window.runner_page
    sheet = page.sheet
    failed = next(f for f in sheet.findings if f.result == FindingResult.FAIL and f.live_photos)
    page.tree.select_finding(failed.id)
    QApplication.processEvents()
    _save(window, shots, f"{lang}-3-runner")
    chrome["runner"] = _chrome_texts(window)

    summary = SummaryDialog(sheet, window)
    qtbot.addWidget(summary)
    _save(summary, shots, f"{lang}-4-summary")
    chrome["summary"] = _chrome_texts(summary)

    viewer = PhotoViewer(demo_runner, failed.id, failed.live_photos[0].id, True, window)
    qtbot.addWidget(viewer)
    demo_runner.wait_idle()
    _save(viewer, shots, f"{lang}-5-photo-viewer")
    chrome["viewer"] = _chrome_texts(viewer)

    settings = SettingsDialog(
        Settings(inspector_name="张明"), str(demo_runner.store.data_dir), window
    )
    qtbot.addWidget(settings)
    _save(settings, shots, f"{lang}-6-settings")
    chrome["settings"] = [t for t in _chrome_texts(settings) if "中文（简体）" not in t]

    for dialog in (form, summary, viewer, settings):
        size = dialog.sizeHint()
        assert size.width() <= SCREEN[0] and size.height() <= SCREEN[1], type(dialog)
    if lang == "en":
        untranslated = {
            screen: [t for t in texts if CJK.search(t)] for screen, texts in chrome.items()
        }
        assert {k: v for k, v in untranslated.items() if v} == {}


def test_translation_file_covers_every_string_in_the_code(tmp_path: Path) -> None:
    """lupdate over the current code adds nothing untranslated to the shipped .ts."""
    ts = tmp_path / "inspector_en.ts"
    shutil.copy(resources_dir() / "i18n" / "inspector_en.ts", ts)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (ROOT / "inspector_app" / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(lupdate),
            *sources,
            "-no-obsolete",
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )
    unfinished = [
        m.findtext("source")
        for m in ET.parse(ts).getroot().iter("message")
        if (
            m.find("translation") is None
            or m.find("translation").get("type") == "unfinished"
            or not (m.find("translation").text or "").strip()
        )
    ]
    assert unfinished == []
    assert (resources_dir() / "i18n" / "inspector_en.qm").stat().st_mtime >= 0


def test_compiled_translation_matches_its_source(qapp) -> None:
    """The shipped .qm is current: a string added to the .ts is in the .qm too."""
    assert install_language("en")
    from PySide6.QtCore import QCoreApplication

    ts = ET.parse(resources_dir() / "i18n" / "inspector_en.ts").getroot()
    for context in ts.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source, target = message.findtext("source"), message.findtext("translation")
            assert QCoreApplication.translate(name, source) == target, (name, source)
