"""The notice preview says which typeface stands in for the one GB/T 9704 names."""

from __future__ import annotations

from PySide6.QtCore import Qt

from inspector_app.services.demo import build_demo
from inspector_app.settings import Settings, save_settings
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.runner.document_preview import DocumentPreview, GeneratedPdf
from inspector_app.ui.store_runner import StoreRunner

UKAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"  # a 楷体, where the body wants 仿宋


def test_the_preview_names_the_face_standing_in_for_fangsong(qtbot, store: Store) -> None:
    build_demo(store, inspections=2, photos_per_finding=1, photo_size=(800, 600))
    settings = Settings(contact_person="王敏", contact_phone="0458-3600000", font_body=UKAI)
    save_settings(settings)  # the notice button reads the settings file
    runner = StoreRunner(store)
    window = MainWindow(runner, settings)
    qtbot.addWidget(window)
    window.show()
    try:
        runner.wait_idle()
        approved = next(r for r in window.home.model._rows if r.status.value == "approved")
        window.open_inspection(approved.id)
        runner.wait_idle()
        page = window.runner_page
        qtbot.mouseClick(page.notice_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(page, "preview", None) is not None, timeout=30_000)
        runner.wait_idle()
        preview = page.preview
        qtbot.addWidget(preview)
        qtbot.waitExposed(preview)
        assert preview.font_warning.isVisible()
        assert "正文应为仿宋，现用 AR PL UKai CN" in preview.font_warning.text()
        assert "“正文字体（仿宋）”" in preview.font_warning.text()
    finally:
        runner.wait_idle()
        runner.shutdown()


def test_no_warning_line_when_every_face_is_right(qtbot) -> None:
    pdf = GeneratedPdf("单位", "a.pdf", b"%PDF-1.4\n%%EOF\n")
    preview = DocumentPreview([pdf], "整改通知书")
    qtbot.addWidget(preview)
    preview.show()
    assert not preview.font_warning.isVisible()
