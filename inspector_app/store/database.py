"""Open the SQLite file the way evidence deserves: WAL, FULL sync, checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from inspector_app.domain.errors import DomainError

BUSY_TIMEOUT_MS = 5000


class StoreDamaged(DomainError):
    """The database file failed its integrity check; nothing was changed."""


def create_sqlite_engine(path: Path) -> Engine:
    """An engine whose every connection has the pragmas set and real BEGINs.

    pysqlite's own transaction handling defers BEGIN and commits behind
    SQLAlchemy's back; it is switched off and SQLAlchemy issues BEGIN
    itself (see SQLAlchemy's "Serializable isolation / Savepoints /
    Transactional DDL" note for pysqlite).
    """
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def quick_check(engine: Engine, path: Path, restore: tuple[str, str] | None = None) -> None:
    """Refuse a damaged file before anything (a migration, an edit) touches it.

    `restore` says how to restore from the backups (data_folder.restore_hint).
    """
    try:
        with engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("PRAGMA quick_check")).fetchall()]
    except DBAPIError as exc:
        rows = [str(exc.orig)]
    if rows != ["ok"]:
        detail = "; ".join(str(r) for r in rows[:3])
        hint_zh, hint_en = restore or (
            "请联系管理员并从 backups 文件夹恢复最近的备份。",
            "Restore the latest copy from the backups folder.",
        )
        raise StoreDamaged(
            "store.damaged",
            f"数据文件 {path} 未通过完整性检查（{detail}）。程序未做任何修改。{hint_zh}",
            f"The data file {path} failed its integrity check ({detail}). Nothing was changed. "
            f"{hint_en}",
        )


def backup_to(engine: Engine, destination: Path) -> None:
    """A consistent copy via SQLite's online backup API (never a raw file copy)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(destination)
        try:
            raw.driver_connection.backup(target)  # type: ignore[union-attr]
        finally:
            target.close()
    finally:
        raw.close()
