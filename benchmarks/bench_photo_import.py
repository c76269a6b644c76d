"""Import of 20 camera-size JPEGs through the app, against Pillow's draft decode.

    .venv/bin/python benchmarks/bench_photo_import.py [--photos 20]

Floor: for each file, Pillow opens it and decodes it in draft mode at the
preview size (the least decoding any import that shows a preview must do),
one after the other. App: the runner page's import path (the one drop and
the file dialog use) on a real store: hash, copy with fsync, decode, upright
preview and thumbnail, database row. Meanwhile a 5 ms timer on the GUI
thread records the longest event-loop stall. Targets: ≤ 1.5× and < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from inspector_app.services.demo_photos import write_camera_jpeg
from inspector_app.services.reference_data import (
    install_shipped,
)
from inspector_app.settings import Settings
from inspector_app.store.models import Photo
from inspector_app.store.photos import preview_box
from inspector_app.store.store import Store
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the shared test builders
from tests import builders


def camera_files(folder: Path, count: int) -> list[Path]:
    rng = random.Random(5)
    return [
        write_camera_jpeg(
            folder / f"IMG_{n:04d}.jpg",
            taken_at=datetime.now(UTC),
            portrait=n % 3 == 0,
            label=f"photo {n}",
            rng=rng,
        )
        for n in range(count)
    ]


def floor_seconds(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        with Image.open(path) as image:
            image.draft("RGB", preview_box(*image.size))
            image.load()
    return time.perf_counter() - start


def app_seconds(paths: list[Path], data_dir: Path) -> tuple[float, float]:
    app = QApplication.instance() or QApplication([])
    store = Store.open(data_dir)
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    with store.unit_of_work() as uow:
        inspection_id = builders.start_in(uow, site="city-center")
        finding_id = builders.finding_id(uow, inspection_id, "A2")
        uow.commit()
    runner = StoreRunner(store)
    window = MainWindow(runner, Settings())
    window.resize(1366, 768)
    window.show()
    window.open_inspection(inspection_id)
    runner.wait_idle()
    page = window.runner_page
    page.tree.select_finding(finding_id)

    longest = [0]
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        longest[0] = max(longest[0], now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(tick)
    heartbeat.start()
    app.processEvents()
    start = time.perf_counter()
    last[0] = clock.elapsed()
    page.import_photos(paths, finding_id=finding_id)
    while runner.busy:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    heartbeat.stop()
    with store.unit_of_work() as uow:
        stored = len(uow.session.scalars(select(Photo)).all())
    assert stored == len(paths), stored
    runner.shutdown()
    store.close()
    return elapsed, float(longest[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=20)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-photos-"))
    paths = camera_files(scratch / "camera", args.photos)
    size_mb = sum(p.stat().st_size for p in paths) / 1e6
    floor_seconds(paths)  # warm the file cache
    floor = floor_seconds(paths)
    app_time, stall = app_seconds(paths, scratch / "data")
    print(
        f"| import {args.photos} camera JPEGs (4032×3024, {size_mb:.0f} MB) | app "
        f"{app_time:.2f} s, Pillow draft decode {floor:.2f} s | **{app_time / floor:.2f}×** "
        f"| target ≤ 1.5× |"
    )
    print(f"| longest GUI stall during that import | **{stall:.0f} ms** | | target < 100 ms |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| peak RSS of the whole run ({args.photos} photos) | **{peak:.0f} MiB** | | |")


if __name__ == "__main__":
    main()
