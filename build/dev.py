#!/usr/bin/env python3
"""Set up everything on a fresh machine, then launch the app or run the tests.

    python3 build/dev.py app [--demo] [app arguments…]
    python3 build/dev.py test [pytest arguments…]

Needs only Python ≥ 3.11. Creates .venv/ beside this repository's
pyproject.toml, installs the package with its extras (again whenever
pyproject.toml changes), and on Debian/Ubuntu installs the system packages
that Qt, the PDF checks and the tests use when they are missing (as root,
or through sudo without a password).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".bootstrap-stamp"
IS_WINDOWS = os.name == "nt"
BIN = VENV / ("Scripts" if IS_WINDOWS else "bin")
PYTHON = BIN / ("python.exe" if IS_WINDOWS else "python")

# What Qt needs to start (offscreen and xcb), CJK fonts for the UI and PDFs.
APP_DEBS = [
    "fonts-arphic-uming",
    "fonts-arphic-ukai",
    "fonts-wqy-zenhei",
    "fontconfig",
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-render-util0",
    "libxcb-image0",
    "libxcb-randr0",
    "libxcb-xinerama0",
    "libpulse0",
]
# What the tests use besides: poppler to read PDFs back, Xvfb for real windows, and a
# session bus with GNOME Keyring for the sync token's Secret Service tests.
TEST_DEBS = ["poppler-utils", "xvfb", "xdotool", "xauth", "dbus", "gnome-keyring"]


def log(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def is_debian() -> bool:
    return Path("/etc/debian_version").exists() and shutil.which("dpkg-query") is not None


def missing_debs(names: list[str]) -> list[str]:
    missing = []
    for name in names:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True
        )
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def apt_install(names: list[str]) -> None:
    if not is_debian():
        return
    missing = missing_debs(names)
    if not missing:
        return
    prefix: list[str] = []
    if os.geteuid() != 0:
        if shutil.which("sudo") is None:
            log(f"please install: sudo apt-get install {' '.join(missing)}")
            return
        prefix = ["sudo", "-n"]
    log(f"installing Debian packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=False, env=env)
    result = subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=False,
        env=env,
    )
    if result.returncode != 0:
        log(f"could not install {' '.join(missing)}; install them by hand")


def ensure_venv() -> None:
    if PYTHON.exists():
        return
    log(f"creating virtualenv in {VENV}")
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
    except subprocess.CalledProcessError:
        # Debian ships ensurepip separately.
        shutil.rmtree(VENV, ignore_errors=True)
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        apt_install([f"python{version}-venv"])
        venv.EnvBuilder(with_pip=True).create(VENV)


def ensure_packages() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    log("installing Python packages (first run, or pyproject.toml changed)")
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[dev,server]"], check=True)
    STAMP.write_text(wanted)


def parallel(args: list[str]) -> list[str]:
    """pytest-xdist on every core (at most 4), a whole test file per worker so a module's
    shared server stays one server; `-n 0` (or any -n) from the caller wins.

    Most tests wait on a server process, a PDF tool or PostgreSQL, so two workers on two
    cores take the suite from about 55 to about 20 minutes.
    """
    if any(arg.startswith(("-n", "--numprocesses")) for arg in args):
        return []
    workers = min(os.cpu_count() or 1, 4)
    return ["-n", str(workers), "--dist", "loadfile"] if workers > 1 else []


def run_tests(args: list[str]) -> int:
    apt_install(APP_DEBS + TEST_DEBS)
    ensure_venv()
    ensure_packages()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"}
    command = [str(PYTHON), "-m", "pytest", *parallel(args), *args]
    log(" ".join(command))
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def run_app(args: list[str]) -> int:
    apt_install(APP_DEBS)
    ensure_venv()
    ensure_packages()
    app = [str(PYTHON), "-m", "inspector_app"]
    if "--demo" in args:
        args = [a for a in args if a != "--demo"]
        data_dir = _option(args, "--data-dir")
        listed = subprocess.run(
            [*app, *data_dir, "list", "--json"], capture_output=True, text=True, check=False
        )
        if listed.returncode == 0 and listed.stdout.strip() in ("[]", ""):
            log("building demo data (a minute: it makes real camera-size photos)")
            subprocess.run([*app, *data_dir, "demo"], check=True)
    return subprocess.run([*app, *args], check=False).returncode


def _option(args: list[str], name: str) -> list[str]:
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return [name, args[index + 1]]
        if arg.startswith(name + "="):
            return [arg]
    return []


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - runs under any python3 the user has
        print("Python 3.11 or newer is required.", file=sys.stderr)
        return 2
    if len(sys.argv) < 2 or sys.argv[1] not in ("app", "test"):
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    return run_tests(rest) if command == "test" else run_app(rest)


if __name__ == "__main__":
    raise SystemExit(main())
