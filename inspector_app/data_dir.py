"""Where the local data lives."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "inspector-app"
ENV_VAR = "INSPECTOR_DATA_DIR"


def resolve_data_dir(
    cli_value: str | os.PathLike[str] | None = None, configured: str | None = None
) -> Path:
    """--data-dir, else $INSPECTOR_DATA_DIR, else the folder chosen in settings, else default."""
    for value in (cli_value, os.environ.get(ENV_VAR), configured):
        if value:
            return Path(value).expanduser().resolve()
    return default_data_dir()


def default_data_dir() -> Path:
    """The per-user data folder; the store creates it, with its parents, on first start."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
