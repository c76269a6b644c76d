"""Photos chosen in the file dialog keep the order the inspector chose them in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QWidget

from inspector_app.domain.finding import FindingResult
from inspector_app.ui.main_window import MainWindow

from .conftest import accept_file_dialog, when_modal
from .test_checklist_keys import open_page, press, start
from .test_photos_ui import _photos


def _choose_in_dialog(files: list[Path], starts: list[str]):
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        starts.append(dialog.directory().absolutePath())
        dialog.setDirectory(str(files[0].parent))
        QTest.qWait(500)  # the dialog lists the folder asynchronously
        accept_file_dialog(dialog, " ".join(f'"{f.name}"' for f in files))

    return answer


def test_photos_are_stored_in_the_order_chosen_and_the_folder_is_remembered(
    qtbot, window: MainWindow, make_jpeg, tmp_path: Path
) -> None:
    page = open_page(qtbot, window, start(window))
    press(window, Qt.Key.Key_2)
    finding_id = page.tree.current_finding_id()
    # The first is large, so on two file threads it finishes last.
    chosen = [make_jpeg(size=(4000, 3000)), make_jpeg(), make_jpeg(), make_jpeg()]
    starts: list[str] = []
    when_modal(_choose_in_dialog(chosen, starts), kind=QFileDialog)
    press(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_photos(window, finding_id)) == 4, timeout=20_000)
    window.runner.wait_idle()
    assert [p.original_name for p in _photos(window, finding_id)] == [f.name for f in chosen]
    qtbot.waitUntil(lambda: len(page._current().live_photos) == 4)  # the pane refreshed
    sheet_order = [p.original_name for p in page._current().live_photos]
    assert sheet_order == [f.name for f in chosen]
    assert page._current().result == FindingResult.FAIL

    # Ctrl+O again opens where these came from, not in the home folder.
    def cancel(dialog: QWidget) -> None:
        starts.append(dialog.directory().absolutePath())
        dialog.reject()

    when_modal(cancel, kind=QFileDialog)
    qtbot.waitUntil(window.isActiveWindow)
    press(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert starts[-1] == str(chosen[0].parent)
    assert starts[0] != str(chosen[0].parent)
