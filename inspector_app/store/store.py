"""The local store of one data dir: database, photo files and backups."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.store import data_folder, instance_lock, migrate, outbox
from inspector_app.store.backups import daily_backup
from inspector_app.store.database import create_sqlite_engine, quick_check
from inspector_app.store.instance_lock import InstanceLock
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
    lock: InstanceLock | None = None

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        """Lock, check, migrate (after a backup) and open the store in `data_dir`.

        The folder's lock is taken first and held until close(): one process
        per data dir. An empty or damaged database file is refused, never
        replaced; `backups/` always exists, as the refusal messages say, and
        gets a copy of the store on the first open of each day.
        """
        data_folder.prepare(data_dir)
        lock = instance_lock.acquire(data_dir)
        engine: Engine | None = None
        try:
            path = data_dir / DATABASE_NAME
            data_folder.check_database_file(path)
            existed = path.exists()
            engine = create_sqlite_engine(path)
            quick_check(engine, path, data_folder.restore_hint(path))
            backups = data_dir / data_folder.BACKUPS_NAME
            backups.mkdir(exist_ok=True)
            backup = migrate.upgrade(engine, backups)
            if existed:  # a new, empty store has nothing to keep yet
                daily_backup(engine, backups)
            sessions = sessionmaker(engine, expire_on_commit=False)
            outbox.install(sessions)
            photos = PhotoStore(data_dir / "photos")
            photos.sweep_incomplete()
        except BaseException:
            if engine is not None:
                engine.dispose()
            lock.release()
            raise
        return cls(data_dir, engine, sessions, photos, backup, lock)

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
        if self.lock is not None:
            self.lock.release()
