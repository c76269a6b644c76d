"""The local store of one data dir: database, photo files and backups."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.store import migrate, outbox
from inspector_app.store.database import create_sqlite_engine, quick_check
from inspector_app.store.photos import PhotoStore
from inspector_app.store.unit_of_work import UnitOfWork

DATABASE_NAME = "store.sqlite3"


@dataclass
class Store:
    data_dir: Path
    engine: Engine
    sessions: sessionmaker[Session]
    photos: PhotoStore
    last_backup: Path | None = None

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        """Check, migrate (after a backup) and open the store in `data_dir`."""
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / DATABASE_NAME
        engine = create_sqlite_engine(path)
        quick_check(engine, path)
        backup = migrate.upgrade(engine, data_dir / "backups")
        sessions = sessionmaker(engine, expire_on_commit=False)
        outbox.install(sessions)
        photos = PhotoStore(data_dir / "photos")
        photos.sweep_incomplete()
        return cls(data_dir, engine, sessions, photos, backup)

    def unit_of_work(
        self, *, suppress_outbox: bool = False, relaxed_references: bool = False
    ) -> UnitOfWork:
        return UnitOfWork(
            self.sessions,
            photos=self.photos,
            suppress_outbox=suppress_outbox,
            relaxed_references=relaxed_references,
        )

    def close(self) -> None:
        self.engine.dispose()
