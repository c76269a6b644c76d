"""Where the local data lives: --data-dir, else $INSPECTOR_DATA_DIR, else the OS default."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "inspector-app"
ENV_VAR = "INSPECTOR_DATA_DIR"


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
