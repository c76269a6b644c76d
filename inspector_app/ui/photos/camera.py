"""Camera capture through QtMultimedia, loaded lazily.

QtMultimedia needs libpulse on Linux and may be absent; the rest of the app
must work without it, so nothing imports it at module level and the camera
action is hidden when no camera (or no QtMultimedia) is available.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget


def available() -> bool:
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


def capture_photo(parent: QWidget) -> Path | None:
    """Show the camera, take one picture, return its file (None when cancelled)."""
    try:
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget
    except ImportError:
        return None
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("camera", "拍照"))
    video = QVideoWidget()
    session = QMediaCaptureSession()
    cam = QCamera()
    capture = QImageCapture()
    session.setCamera(cam)
    session.setImageCapture(capture)
    session.setVideoOutput(video)
    folder = Path(tempfile.mkdtemp(prefix="inspector-camera-"))
    target = folder / f"camera-{datetime.now():%Y%m%d-%H%M%S}.jpg"
    saved: list[Path] = []
    capture.imageSaved.connect(lambda _id, name: (saved.append(Path(name)), dialog.accept()))
    buttons = QDialogButtonBox()
    shoot = buttons.addButton(
        QCoreApplication.translate("camera", "拍摄"), QDialogButtonBox.ButtonRole.ActionRole
    )
    buttons.addButton(
        QCoreApplication.translate("camera", "取消"), QDialogButtonBox.ButtonRole.RejectRole
    )
    shoot.clicked.connect(lambda: capture.captureToFile(str(target)))
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(video, 1)
    layout.addWidget(buttons)
    dialog.resize(800, 600)
    cam.start()
    dialog.exec()
    cam.stop()
    return saved[0] if saved else None
