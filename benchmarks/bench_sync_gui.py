"""The GUI thread during a sync of camera photos: its longest stall.

    .venv/bin/python benchmarks/bench_sync_gui.py [--inspections 10] [--photos 100]

The app's own path: the main window with its home list is shown, and `sync_once`
runs on `StoreRunner.network_job` with `RunnerStoreAccess` (every store step on the
runner's writer thread, each announced to the views). Laptop A uploads its photos to
a real server; laptop B then pulls and downloads them, each in the window. A 5 ms timer
on the GUI thread records the longest gap between ticks. Target: < 50 ms.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from inspector_app.settings import Settings
from inspector_app.store.store import Store
from inspector_app.sync.api import ServerApi
from inspector_app.sync.engine import SyncReport, sync_once
from inspector_app.ui.heap import settle_heap
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.sync.access import RunnerStoreAccess

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_sync_client import Laptop, Servers, camera_photos, record_inspections

from tests.server.conftest import PASSWORD

args_no_freeze = "--no-freeze" in sys.argv  # to see what the freeze is worth


def sync_in_window(folder: Path, url: str, user: str) -> tuple[float, float, SyncReport]:
    """Seconds, longest GUI gap (ms) and the report of one sync run the app's way."""
    app = QApplication.instance() or QApplication([])
    store = Store.open(folder)
    runner = StoreRunner(store)
    window = MainWindow(runner, Settings())
    window.resize(1366, 768)
    window.show()
    runner.wait_idle()
    api = ServerApi(url)
    api.login(user, PASSWORD)
    if not args_no_freeze:
        settle_heap()  # as ui/app.py does once the store is open
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
    last[0] = clock.elapsed()
    start = time.perf_counter()
    task = runner.network_job(lambda task: sync_once(RunnerStoreAccess(runner), api))
    while not task.future.done() or runner.busy:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    heartbeat.stop()
    report = task.future.result()
    window.close()
    runner.shutdown()
    api.close()
    store.close()
    return elapsed, float(longest[0]), report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspections", type=int, default=10)
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--no-freeze", action="store_true", help="skip ui.heap.settle_heap")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-sync-gui-"))
    servers = Servers(scratch, postgres=False)
    try:
        server = servers.start("gui")
        server.add_user("wang", "inspector", "一组")
        photos = camera_photos(scratch / "camera", args.photos)
        size_mb = sum(p.stat().st_size for p in photos) / 1e6
        seed = Laptop(scratch / "a", server, "zhang")
        seed.sync()  # reference data
        record_inspections(seed, args.inspections, photos)
        seed.close()
        up, up_gap, up_report = sync_in_window(scratch / "a", server.url, "zhang")
        down, down_gap, down_report = sync_in_window(scratch / "b", server.url, "wang")
    finally:
        servers.stop()
        shutil.rmtree(scratch, ignore_errors=True)  # 2,000 photos leave 15-25 GB
    assert up_report.photos_uploaded == args.photos, up_report
    assert down_report.photos_downloaded == args.photos, down_report
    print("| what | measured | | target |\n| --- | --- | --- | --- |")
    print(
        f"| upload sync, {args.inspections} inspections, {args.photos} photos ({size_mb:.0f} MB) "
        f"in the window | {up:.1f} s, longest GUI stall **{up_gap:.0f} ms** | | < 50 ms |"
    )
    print(
        f"| pull + download of the same on a second laptop, in the window | {down:.1f} s, "
        f"longest GUI stall **{down_gap:.0f} ms** | | < 50 ms |"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| peak RSS of the benchmark process | **{peak:.0f} MiB** | | |")


if __name__ == "__main__":
    main()
