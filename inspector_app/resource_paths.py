"""Where the shipped resources/ folder is (standard library only: used at start-up)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """resources/ beside the package, or inside a PyInstaller bundle."""
    override = os.environ.get("INSPECTOR_RESOURCES_DIR")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
