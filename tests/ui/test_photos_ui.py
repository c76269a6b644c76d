"""Photos in the runner: paste, drop, view, caption, rotate, delete and restore, annotate."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from inspector_app.domain.inspection import InspectionMode
from inspector_app.store.models import Photo
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.photos import camera
from inspector_app.ui.photos.photo_viewer import PhotoViewer
from tests.builders import start_with_a_problem

from .conftest import when_modal
from .machine_zone import utc_laptop  # noqa: F401  (a fixture)


def _open_failed_item(window: MainWindow) -> str:
    inspection_id, a2 = start_with_a_problem(
        window.runner.store, "3号窗口无人", site="wucui-center", mode=InspectionMode.OVERT
    )
    window.open_inspection(inspection_id)
    window.runner.wait_idle()
    window.runner_page.tree.select_finding(a2)
    return a2


def _photos(window: MainWindow, finding_id: str) -> list[Photo]:
    with window.runner.store.unit_of_work() as uow:
        return list(
            uow.session.scalars(
                select(Photo).where(Photo.finding_id == finding_id).order_by(Photo.sort_order)
            )
        )


def test_pasted_image_becomes_a_photo(qtbot, window: MainWindow) -> None:
    finding_id = _open_failed_item(window)
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    QApplication.clipboard().setImage(image)
    window.runner_page.paste_photo()
    window.runner.wait_idle()
    [photo] = _photos(window, finding_id)
    assert photo.original_name.startswith("粘贴-") and photo.original_name.endswith(".png")
    qtbot.waitUntil(lambda: window.runner_page.panel.photos.count() == 1)


def test_dropped_files_become_photos_and_a_duplicate_is_refused(
    window: MainWindow,
    make_jpeg,
    monkeypatch,
) -> None:
    finding_id = _open_failed_item(window)
    first, second = make_jpeg(), make_jpeg(portrait=True)
    strip = window.runner_page.panel.photos
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    strip.dropEvent(drop)
    window.runner.wait_idle()
    assert len(_photos(window, finding_id)) == 2

    warnings: list[str] = []
    monkeypatch.setattr(
        "inspector_app.ui.runner.photo_import.QMessageBox.warning",
        lambda parent, title, text: warnings.append(text),
    )
    window.runner_page.import_photos([first])
    window.runner.wait_idle()
    assert len(_photos(window, finding_id)) == 2
    assert warnings and "已添加" in warnings[0]


def test_corrupt_file_is_refused_with_a_message_and_nothing_changes(
    window: MainWindow,
    tmp_path,
    monkeypatch,
) -> None:
    finding_id = _open_failed_item(window)
    fake = tmp_path / "IMG_9999.jpg"
    fake.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    warnings: list[str] = []
    monkeypatch.setattr(
        "inspector_app.ui.runner.photo_import.QMessageBox.warning",
        lambda parent, title, text: warnings.append(text),
    )
    window.runner_page.import_photos([fake])
    window.runner.wait_idle()
    assert _photos(window, finding_id) == []
    assert "IMG_9999.jpg" in warnings[0] and "未导入" in warnings[0]
    assert not window.runner_page.import_progress.isVisible()


def test_viewer_captions_rotates_deletes_restores_and_annotates(
    qtbot,
    window: MainWindow,
    make_jpeg,
) -> None:
    finding_id = _open_failed_item(window)
    window.runner_page.import_photos([make_jpeg(), make_jpeg(portrait=True)])
    window.runner.wait_idle()
    first, _second = _photos(window, finding_id)
    viewer = PhotoViewer(window.runner, finding_id, first.id, True, window)
    qtbot.addWidget(viewer)
    viewer.show()
    window.runner.wait_idle()
    assert viewer.position.text() == "1 / 2"
    assert "拍摄时间：" in viewer.info.text() and first.sha256[:16] in viewer.info.text()
    QTest.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.position.text() == "2 / 2"
    QTest.keyClick(viewer, Qt.Key.Key_Left)

    viewer.caption.setText("3号窗口无人在岗")
    viewer.caption.editingFinished.emit()
    window.runner.wait_idle()
    viewer.rotate_button.click()
    window.runner.wait_idle()
    photo = _photos(window, finding_id)[0]
    assert (photo.caption, photo.rotation) == ("3号窗口无人在岗", 1)

    viewer.delete_button.click()
    window.runner.wait_idle()
    assert _photos(window, finding_id)[0].deleted
    assert viewer.delete_button.text() == "恢复"
    viewer.delete_button.click()
    window.runner.wait_idle()
    assert not _photos(window, finding_id)[0].deleted

    viewer.box.setChecked(True)
    rect = viewer.scene.sceneRect()
    viewer._draw(
        "box",
        QPointF(rect.width() * 0.2, rect.height() * 0.2),
        QPointF(rect.width() * 0.6, rect.height() * 0.6),
    )
    viewer._draw("arrow", QPointF(5, 5), QPointF(rect.width() / 2, rect.height() / 2))
    viewer.save_annotation.click()
    window.runner.wait_idle()
    photo = _photos(window, finding_id)[0]
    assert photo.annotated_sha256 and photo.annotated_sha256 != photo.sha256
    store = window.runner.store
    assert store.photos.original_path(photo.sha256).exists()  # the original is untouched
    assert store.photos.verify(photo.sha256)


def test_camera_action_is_hidden_without_a_camera(window: MainWindow) -> None:
    _open_failed_item(window)
    assert window.runner_page.panel.camera.isHidden() == (not camera.available())


def _in_viewer(window: MainWindow, handler) -> None:
    """Double-click the first thumbnail; `handler(viewer)` runs while it is open, then it closes."""
    strip = window.runner_page.panel.photos

    def run(dialog: QWidget) -> None:
        assert isinstance(dialog, PhotoViewer)
        window.runner.wait_idle()
        try:
            handler(dialog)
        finally:
            dialog.reject()

    when_modal(run)
    thumbnail = strip.visualItemRect(strip.item(0)).center()
    # A double-click is a click, then a second press within the interval.
    QTest.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=thumbnail)
    QTest.mouseDClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=thumbnail)
    window.runner.wait_idle()


def test_saving_an_annotation_confirms_that_the_original_is_untouched(
    qtbot, window: MainWindow, make_jpeg
) -> None:
    finding_id = _open_failed_item(window)
    window.runner_page.import_photos([make_jpeg()])
    window.runner.wait_idle()
    qtbot.waitUntil(lambda: window.runner_page.panel.photos.count() == 1)
    seen: list[str] = []

    def draw_a_box_and_save(viewer: PhotoViewer) -> None:
        QTest.mouseClick(viewer.save_annotation, Qt.MouseButton.LeftButton)
        seen.append(viewer.status.text())  # nothing drawn yet
        QTest.mouseClick(viewer.box, Qt.MouseButton.LeftButton)
        area = viewer.view.viewport()
        middle = area.rect().center()
        QTest.mousePress(area, Qt.MouseButton.LeftButton, pos=middle - QPoint(60, 40))
        QTest.mouseMove(area, middle + QPoint(60, 40))
        QTest.mouseRelease(area, Qt.MouseButton.LeftButton, pos=middle + QPoint(60, 40))
        QTest.mouseClick(viewer.save_annotation, Qt.MouseButton.LeftButton)
        window.runner.wait_idle()
        qtbot.waitUntil(lambda: viewer.status.text() != seen[0])
        seen.append(viewer.status.text())

    _in_viewer(window, draw_a_box_and_save)
    assert seen[0] == "还没有标注：先选箭头、方框或文字，在照片上拖动画出。"
    assert seen[1] == "标注已保存为单独的图片，原图未改动。"
    [photo] = _photos(window, finding_id)
    assert photo.annotated_sha256 and photo.annotated_sha256 != photo.sha256
    assert window.runner.store.photos.verify(photo.sha256)


def test_a_photo_without_capture_time_says_so_in_plain_words(qtbot, window: MainWindow) -> None:
    _open_failed_item(window)
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    QApplication.clipboard().setImage(image)  # a screenshot: no EXIF, no capture time
    window.runner_page.paste_photo()
    window.runner.wait_idle()
    qtbot.waitUntil(lambda: window.runner_page.panel.photos.count() == 1)
    info: list[str] = []
    _in_viewer(window, lambda viewer: info.append(viewer.info.text()))
    assert "拍摄时间：未知（照片无拍摄时间信息）" in info[0]


@pytest.mark.usefixtures("utc_laptop")
def test_capture_time_is_the_halls_wall_clock_on_a_utc_laptop(
    qtbot, window: MainWindow, make_jpeg
) -> None:
    _open_failed_item(window)
    window.runner_page.import_photos([make_jpeg()])  # EXIF: 2026-11-20 09:15 +08:00
    window.runner.wait_idle()
    qtbot.waitUntil(lambda: window.runner_page.panel.photos.count() == 1)
    info: list[str] = []
    _in_viewer(window, lambda viewer: info.append(viewer.info.text()))
    assert "拍摄时间：2026-11-20 09:15:00" in info[0]
