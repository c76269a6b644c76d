"""The start-up read (stdlib sqlite3) and the session read give the same home list."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from inspector_app.services.demo import build_demo
from inspector_app.services.queries import list_inspections
from inspector_app.services.summaries import read_home_list
from inspector_app.store.store import DATABASE_NAME, Store


def test_fast_start_read_equals_the_session_read(store: Store) -> None:
    build_demo(store, inspections=4, photos_per_finding=1, photo_size=(200, 150))
    with store.unit_of_work() as uow:
        through_session = list_inspections(uow)
    fast = read_home_list(store.database_path)
    assert fast == through_session
    assert len(fast) == 4 and all(s.started_at.tzinfo is not None for s in fast)


def test_fast_read_declines_a_missing_or_outdated_file(store: Store, tmp_path: Path) -> None:
    assert read_home_list(tmp_path / "nothing" / DATABASE_NAME) is None
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    assert read_home_list(store.database_path) is None
