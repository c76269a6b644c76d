"""统计 on a year of a city's work: from the click to the painted charts (target < 300 ms).

    .venv/bin/python benchmarks/bench_dashboard.py [--inspections 2000]

The store is bench_ledger's (10,000 problems for 2,000 inspections, notices in four
states). Times, each the best of three in one process: the figures counted by SQL
`GROUP BY` (what the page reads on opening), the page opened (counted, charts built and
painted at 1366×768 with QtCharts), the list behind the biggest unit's bar (what a click
reads), and, for comparison, every problem line read and counted in Python (what the page
read on opening before); the floor is a bare `SELECT` of the same finding rows.
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

from PySide6.QtWidgets import QApplication
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ledger import build

from inspector_app.services.dashboard import Dimension, dashboard, problem_lines
from inspector_app.services.dashboard_counts import bar_lines, figures
from inspector_app.store.store import Store
from inspector_app.ui.dashboard.dashboard_page import DashboardPage
from inspector_app.ui.store_runner import StoreRunner


def best(runs: list[float]) -> float:
    return min(runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspections", type=int, default=2000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    scratch = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    try:
        build(scratch / "data", args.inspections)
        store = Store.open(scratch / "data")
        floor, read, count, counted, listed, page_ms = [], [], [], [], [], []
        for _ in range(3):
            with store.unit_of_work() as uow:
                started = time.perf_counter()
                uow.session.execute(
                    text("SELECT id, category_code, unit_id FROM finding WHERE result = 'fail'")
                ).all()
                floor.append(time.perf_counter() - started)
                started = time.perf_counter()
                lines = problem_lines(uow)
                read.append(time.perf_counter() - started)
            started = time.perf_counter()
            dashboard(lines)
            count.append(time.perf_counter() - started)
            with store.unit_of_work() as uow:
                started = time.perf_counter()
                shown = figures(uow)
                counted.append(time.perf_counter() - started)
                started = time.perf_counter()
                rows = bar_lines(uow, Dimension.UNIT, shown.by_unit[0])
                listed.append(time.perf_counter() - started)
        runner = StoreRunner(store)
        for _ in range(3):
            started = time.perf_counter()
            page = DashboardPage(runner)
            page.resize(1366, 768)
            page.show()
            while page.figures is None:  # as the app waits: the event loop, not a spin
                app.processEvents()
                time.sleep(0.001)
            page.grab()  # the paint
            page_ms.append(time.perf_counter() - started)
            page.close()
            page.deleteLater()
            app.processEvents()
        runner.shutdown()
        store.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{args.inspections} inspections, {shown.problems} problems", file=sys.stderr)
    print("| what | measured (best of 3) | target |\n| --- | --- | --- |")
    print(f"| bare SELECT of the problem rows (floor) | {best(floor):.0f} ms | |")
    print(f"| figures counted by SQL GROUP BY | {best(counted):.0f} ms "
          f"({best(counted) / best(floor):.1f}× floor) | |")  # fmt: skip
    print(f"| page opened: counted, charts built and painted | **{best(page_ms):.0f} ms** "
          f"| < 300 ms |")  # fmt: skip
    print(f"| a click: the biggest unit's {len(rows)} problems read | {best(listed):.0f} ms | |")
    print(f"| before: every problem line read | {best(read):.0f} ms | |")
    print(f"| before: those lines counted in Python | {best(count):.0f} ms | |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| peak RSS | {peak:.0f} MiB | |")


if __name__ == "__main__":
    main()
