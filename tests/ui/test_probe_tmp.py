from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from tests.ui.test_checklist_keys import start, open_page, press

def test_probe(qtbot, window):
    for w, h in ((1280, 720), (1366, 768)):
        window.resize(w, h)
        page = open_page(qtbot, window, start(window))
        press(window, Qt.Key.Key_2); press(window, Qt.Key.Key_Escape)
        window.grab().save(f"/tmp/runner_{w}.png")
        print(w, "viewport", page.panel.viewport().height(), "content", page.panel.widget().sizeHint().height(), "minimum", page.panel.widget().minimumSizeHint().height())
        for name in ("where","title","guidance","basis","photo_warning","description","phrases","window","unit","photos","add_photo"):
            wd = getattr(page.panel, name)
            print(name, wd.isVisible(), wd.mapTo(page.panel.viewport(), wd.rect().topLeft()).y(), wd.height())
        window.show_home()
