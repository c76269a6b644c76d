"""One transaction per user action: commit explicitly, roll back otherwise."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from inspector_app.store import outbox  # noqa: F401  (installs the outbox session events)


class UnitOfWork:
    """Context manager around one session.

    Leaving the block without `commit()` (or by an exception) rolls back,
    so a half-done action never reaches the file.
    """

    def __init__(self, factory: sessionmaker[Session], *, suppress_outbox: bool = False) -> None:
        self._factory = factory
        self._suppress_outbox = suppress_outbox
        self.session: Session

    def __enter__(self) -> UnitOfWork:
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

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
