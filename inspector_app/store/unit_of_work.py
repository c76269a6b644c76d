"""One transaction per user action: commit explicitly, roll back otherwise."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import Connection
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.store.folder_errors import DiskFull, disk_full, is_disk_full

if TYPE_CHECKING:
    from inspector_app.store.photos import PhotoStore


class UnitOfWork:
    """Context manager around one session.

    Leaving the block without `commit()` (or by an exception) rolls back,
    so a half-done action never reaches the file. It carries the store's
    other adapters (`photos`), so a job needs nothing but its unit of work.
    `suppress_outbox` is for applying changes that did not happen here
    (pulled from the server, shared seed data): they are not sent back.
    `relaxed_references` turns SQLite's foreign-key checks off for this one
    transaction: pulled pages come in the server's commit order, so a finding
    can arrive a page before the inspection it belongs to.
    A full disk (SQLite's SQLITE_FULL, or ENOSPC) leaves the block as
    DiskFull, which says so and how much space is left: the transaction was
    rolled back, so nothing committed before is touched.
    """

    def __init__(
        self,
        factory: sessionmaker[Session],
        *,
        photos: PhotoStore | None = None,
        suppress_outbox: bool = False,
        relaxed_references: bool = False,
    ) -> None:
        self._factory = factory
        self._photos = photos
        self._suppress_outbox = suppress_outbox
        self._relaxed = relaxed_references
        self._connection: Connection | None = None
        self.session: Session

    @property
    def photos(self) -> PhotoStore:
        """The content-addressed photo files of the same store."""
        if self._photos is None:
            raise RuntimeError("this unit of work has no photo store")
        return self._photos

    def __enter__(self) -> UnitOfWork:
        if self._relaxed:
            # PRAGMA foreign_keys is ignored inside a transaction: set it on the
            # connection before the session begins one, and restore it on exit.
            self._connection = self._factory.kw["bind"].connect()
            self._connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
            self.session = self._factory(bind=self._connection)
        else:
            self.session = self._factory()
        self.session.info["suppress_outbox"] = self._suppress_outbox
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back whatever was not committed and detaches the
        # objects with their loaded values, so callers may still read them.
        self.session.close()
        if self._connection is not None:
            self._connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
            self._connection.close()
            self._connection = None
        if exc is not None and not isinstance(exc, DiskFull) and is_disk_full(exc):
            raise disk_full(self._folder()) from exc

    def _folder(self) -> Path:
        """The data folder: where the database file is."""
        return Path(self._factory.kw["bind"].url.database or ".").parent

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
