"""How the sync reaches the local store: every write goes through one writer.

The app has a single store writer thread (ui/store_runner.py); a second writer would
make SQLite refuse the app's own saves while a pull commits. So the sync never opens
a write transaction itself: it hands each step to a `StoreAccess`, which the CLI
runs in place and the app runs on its writer thread. A write step returns what it
touched, so the app's views redraw those records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from inspector_app.store.photos import PhotoStore
from inspector_app.store.store import Store
from inspector_app.store.unit_of_work import UnitOfWork

T = TypeVar("T")


@dataclass
class Touched:
    """Records a step changed, by entity name."""

    ids: dict[str, set[str]] = field(default_factory=dict)

    def add(self, entity: str, record_id: str) -> None:
        self.ids.setdefault(entity, set()).add(record_id)

    def __bool__(self) -> bool:
        return any(self.ids.values())


class StoreAccess(Protocol):
    photos: PhotoStore
    data_dir: Path

    def read(self, work: Callable[[UnitOfWork], T]) -> T: ...

    def write(self, work: Callable[[UnitOfWork], tuple[T, Touched]]) -> T:
        """Runs `work` in one transaction and commits it. The outbox is suppressed
        (these changes came from the server) and references may point at records
        a later page brings (`UnitOfWork`'s relaxed_references)."""
        ...


class DirectStoreAccess:
    """For the CLI and tests: the caller's thread is the only writer."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.photos = store.photos
        self.data_dir = store.data_dir

    def read(self, work: Callable[[UnitOfWork], T]) -> T:
        with self.store.unit_of_work() as uow:
            return work(uow)

    def write(self, work: Callable[[UnitOfWork], tuple[T, Touched]]) -> T:
        with self.store.unit_of_work(suppress_outbox=True, relaxed_references=True) as uow:
            value, _ = work(uow)
            uow.commit()
            return value
