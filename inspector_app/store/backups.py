"""A daily copy of the store in backups/, so an emptied or damaged file can be restored.

Before this, backups/ held a copy only when a migration ran, so the advice of
the refusal messages ("restore from backups/") often pointed at nothing. Now
the first open of each day copies the database there (SQLite's backup API,
into a temp name renamed into place, so a half-written copy never looks like a
backup) and keeps the newest DAILY_KEEP daily copies. A copy that cannot be
made (a full disk) is logged and skipped: it must never stop the store opening.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from inspector_app.store.database import backup_to

log = logging.getLogger(__name__)
DAILY_KEEP = 7
DAILY_EVERY_S = 24 * 3600


def daily_backup(engine: Engine, backups: Path) -> Path | None:
    """Copy the store unless today's copy exists; return the new copy, if one was made."""
    for stale in backups.glob(".incoming-*"):  # a copy cut short by a kill
        stale.unlink(missing_ok=True)
    daily = sorted(backups.glob("store-*-daily.sqlite3"))
    if daily and time.time() - daily[-1].stat().st_mtime < DAILY_EVERY_S:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    destination = backups / f"store-{stamp}-daily.sqlite3"
    temp = backups / f".incoming-{stamp}.sqlite3"
    try:
        backup_to(engine, temp)
        os.replace(temp, destination)
    except (OSError, sqlite3.Error) as exc:
        log.warning("daily backup skipped: %s", exc)
        temp.unlink(missing_ok=True)
        return None
    for old in [*daily, destination][:-DAILY_KEEP]:
        old.unlink(missing_ok=True)
    return destination
