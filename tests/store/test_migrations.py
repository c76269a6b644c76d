"""Schema migrations at start: from nothing, and from the previous revision with data kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, select, text

from inspector_app.store import migrate
from inspector_app.store.database import StoreDamaged, create_sqlite_engine
from inspector_app.store.models import Finding, Inspection, Photo, Unit
from inspector_app.store.store import DATABASE_NAME, Store


def _insert(conn: Connection, table: str, **values: object) -> None:
    """Write a row the way an older app version would have, with plain SQL."""
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), values)


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_head_constant_names_the_newest_migration() -> None:
    assert migrate.head_revision() == migrate.HEAD_REVISION


def test_empty_data_dir_is_migrated_to_head_without_a_backup(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "fresh")
    store.close()
    assert store.last_backup is None
    assert {"inspection", "finding", "photo", "outbox", "notice", "amendment"} <= _tables(
        store.database_path
    )
    assert migrate.current_revision(store.engine) == migrate.head_revision()


def test_previous_revision_with_data_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    data_dir = tmp_path / "old"
    data_dir.mkdir()
    path = data_dir / DATABASE_NAME
    engine = create_sqlite_engine(path)
    migrate.upgrade(engine, data_dir / "backups", target="0001")
    with engine.begin() as conn:  # what a 0001-era app wrote
        conn.execute(
            text(
                "INSERT INTO unit (id, code, name, short_name, created_at, updated_at, deleted) "
                "VALUES ('u-1', 'city-market', '伊春市市场监督管理局', '', "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 0)"
            )
        )
    engine.dispose()
    assert "notice" not in _tables(path)

    store = Store.open(data_dir)
    try:
        assert store.last_backup is not None and store.last_backup.exists()
        assert "notice" in _tables(path)
        assert "notice" not in _tables(store.last_backup)  # the copy is the pre-migration state
        with sqlite3.connect(store.last_backup) as conn:
            assert conn.execute("SELECT name FROM unit").fetchone() == ("伊春市市场监督管理局",)
        with store.unit_of_work() as uow:
            unit = uow.session.scalars(select(Unit)).one()
            assert unit.name == "伊春市市场监督管理局"
    finally:
        store.close()


def test_photos_from_0002_gain_rotation_and_keep_their_rows(tmp_path: Path) -> None:
    """0003 rebuilds the photo table (SQLite batch mode); rows must survive it."""
    data_dir = tmp_path / "photos-0002"
    data_dir.mkdir()
    engine = create_sqlite_engine(data_dir / DATABASE_NAME)
    migrate.upgrade(engine, data_dir / "backups", target="0002")
    stamps = {
        "created_at": "2026-01-01 00:00:00",
        "updated_at": "2026-01-01 00:00:00",
        "deleted": 0,
    }
    with engine.begin() as conn:
        _insert(
            conn,
            "checklist_template",
            id="t-1",
            code="window-service",
            version=1,
            name="T",
            content="{}",
            **stamps,
        )
        _insert(
            conn,
            "site",
            id="s-1",
            code="s",
            name="伊美区政务服务中心",
            district="",
            address="",
            **stamps,
        )
        _insert(
            conn,
            "inspection",
            id="i-1",
            template_id="t-1",
            site_id="s-1",
            mode="covert",
            team="[]",
            started_at="2026-01-01 00:00:00",
            status="draft",
            note="",
            review_comment="",
            **stamps,
        )
        _insert(
            conn,
            "finding",
            id="f-1",
            inspection_id="i-1",
            category_code="A",
            title="t",
            result="fail",
            severity="general",
            photo_required=1,
            description="d",
            window_no="3",
            staff_badge="",
            status="recorded",
            **stamps,
        )
        _insert(
            conn,
            "blob",
            sha256="a" * 64,
            size=1,
            mime="image/jpeg",
            width=1,
            height=1,
            exif_orientation=1,
            imported_at="2026-01-01 00:00:00",
            uploaded=0,
        )
        _insert(
            conn,
            "photo",
            id="p-1",
            finding_id="f-1",
            sha256="a" * 64,
            original_name="IMG.jpg",
            caption="3号窗口",
            sort_order=0,
            **stamps,
        )
    engine.dispose()
    store = Store.open(data_dir)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.unit_of_work() as uow:
            photo = uow.session.get(Photo, "p-1")
            assert photo.caption == "3号窗口" and photo.rotation == 0
            assert photo.annotated_sha256 is None
    finally:
        store.close()


def test_connections_use_wal_full_sync_foreign_keys_and_busy_timeout(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_foreign_keys_are_enforced(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.unit_of_work() as uow:
        uow.session.add(Finding(inspection_id="no-such-inspection"))
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.session.scalars(select(Inspection)).all() == []


def test_damaged_file_is_refused_with_a_message_and_left_untouched(tmp_path: Path) -> None:
    data_dir = tmp_path / "damaged"
    store = Store.open(data_dir)
    with store.unit_of_work() as uow:
        for n in range(400):
            uow.session.add(Unit(code=f"u{n}", name="单位" * 40))
        uow.commit()
    store.close()
    path = data_dir / DATABASE_NAME
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(path.read_bytes())
    page = 4096
    raw[3 * page : 6 * page] = b"\xff" * (3 * page)  # smash a few b-tree pages
    path.write_bytes(bytes(raw))
    before = path.read_bytes()
    backups_before = sorted((data_dir / "backups").iterdir())

    with pytest.raises(StoreDamaged) as refused:
        Store.open(data_dir)
    assert "完整性检查" in refused.value.zh and "backups" in refused.value.en
    assert path.read_bytes() == before
    assert sorted((data_dir / "backups").iterdir()) == backups_before  # no copy of a damaged file
