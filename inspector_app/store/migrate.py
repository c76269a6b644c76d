"""Bring the database to the newest schema, backing it up first.

Alembic is imported only when a migration is pending: a store that is
already current opens without paying for it (about 0.1 s of start time).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from inspector_app.store.schema_version import HEAD_REVISION

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["HEAD_REVISION", "current_revision", "head_revision", "upgrade"]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, backups_dir: Path, target: str = "head") -> Path | None:
    """Apply pending migrations; return the backup made before them, if any.

    A database that already holds tables gets a timestamped copy first, so a
    migration that goes wrong never costs data.
    """
    from inspector_app.store.database import backup_to

    current = current_revision(engine)
    wanted = HEAD_REVISION if target == "head" else target
    if current == wanted:
        return None
    from alembic import command

    backup: Path | None = None
    if inspect(engine).get_table_names():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        backup = backups_dir / f"store-{stamp}-before-{wanted}-from-{current or 'empty'}.sqlite3"
        backup_to(engine, backup)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
    return backup
