"""The home list's one query, runnable on the standard library's sqlite3 alone.

At start the app paints the list before SQLAlchemy is even imported (about
0.3 s on the laptops we measured); the same SQL also serves the normal path
through a session, so there is one query, not two.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from inspector_app.store.schema_version import HEAD_REVISION

HOME_LIST_SQL = """
SELECT i.id, s.name, c.title, i.mode, i.status, i.started_at,
       coalesce(st.recorded, 0), coalesce(st.problems, 0), coalesce(st.photos, 0),
       i.server_rev
FROM inspection i
JOIN site s ON s.id = i.site_id
LEFT JOIN campaign c ON c.id = i.campaign_id
LEFT JOIN inspection_stats st ON st.inspection_id = i.id
WHERE i.deleted = 0
ORDER BY i.started_at DESC
"""


def read_home_rows(database: Path) -> list[tuple[Any, ...]] | None:
    """Rows of HOME_LIST_SQL, read-only; None unless the file exists at the current schema."""
    if not database.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != HEAD_REVISION:
            return None
        return conn.execute(HOME_LIST_SQL).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
