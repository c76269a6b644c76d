"""Cold start to the first painted main window with the demo data, against a bare Qt window.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5]

Both are whole processes (interpreter start, imports, window, first paint),
timed from spawn to the line each prints right after its first paint,
alternating, median of the runs. The app opens a
demo store built beforehand (migrations already applied) and quits once the
home list is painted (INSPECTOR_QUIT_AFTER_FIRST_PAINT). Target: ≤ 1.5×.

The app's modules are byte-compiled first, as an install does (pip,
PyInstaller). Otherwise, where PYTHONDONTWRITEBYTECODE is set (as on the
project's machines), every start would compile them from source (~7 ms),
which no installed app does, while everything the bare window imports (the
standard library, PySide6) is compiled already.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import inspector_app

HERE = Path(__file__).resolve().parent


def timed(command: list[str], env: dict[str, str], peaks: list[int] | None = None) -> float:
    """Seconds from spawning the process to its 'first-paint' line; its peak RSS (KiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("first-paint"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{command} never painted")
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped by wait4
    if peaks is not None:
        peaks.append(usage.ru_maxrss)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    data_dir = Path(tempfile.mkdtemp(prefix="bench-start-"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "inspector_app",
            "demo",
            "--data-dir",
            str(data_dir),
            "--photo-size",
            "1024x768",
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    app_env = {
        **env,
        "INSPECTOR_QUIT_AFTER_FIRST_PAINT": "1",
        "INSPECTOR_CONFIG_DIR": str(data_dir / "config"),
    }
    compileall.compile_dir(Path(inspector_app.__file__).parent, quiet=1)
    app = [sys.executable, "-m", "inspector_app", "--data-dir", str(data_dir)]
    bare = [sys.executable, str(HERE / "bare_qt_table.py")]
    timed(bare, env)  # warm the file cache for both
    timed(app, app_env)
    app_times, bare_times = [], []
    app_peaks: list[int] = []
    bare_peaks: list[int] = []
    for _ in range(args.runs):
        bare_times.append(timed(bare, env, bare_peaks))
        app_times.append(timed(app, app_env, app_peaks))
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    print(
        f"| cold start to painted home list (demo data) | app {app_s * 1000:.0f} ms, "
        f"bare Qt table {bare_s * 1000:.0f} ms | **{app_s / bare_s:.2f}×** | target ≤ 1.5× |"
    )
    print(
        f"| peak RSS at that first paint | app {max(app_peaks) / 1024:.0f} MiB, "
        f"bare Qt table {max(bare_peaks) / 1024:.0f} MiB | "
        f"**{max(app_peaks) / max(bare_peaks):.2f}×** | |"
    )


if __name__ == "__main__":
    main()
