"""Laptops for sync tests: a real data dir each, syncing with a real server process."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from inspector_app.store.store import Store
from inspector_app.sync.api import ServerApi
from inspector_app.sync.engine import SyncReport, sync_once
from inspector_app.sync.local import DirectStoreAccess
from tests.server.conftest import PASSWORD, RunningServer, cli, start_server


@dataclass
class Laptop:
    store: Store
    api: ServerApi

    def sync(self) -> SyncReport:
        return sync_once(DirectStoreAccess(self.store), self.api)

    def close(self) -> None:
        self.api.close()
        self.store.close()


def open_laptop(folder: Path, server: RunningServer, user: str) -> Laptop:
    api = ServerApi(server.url)
    api.login(user, PASSWORD, device=folder.name)
    return Laptop(Store.open(folder), api)


def photo_file(folder: Path, name: str, seed: int, size: tuple[int, int] = (640, 480)) -> Path:
    """A real JPEG whose bytes differ by `seed`."""
    image = Image.new("RGB", size, (seed * 37 % 256, seed * 91 % 256, 120))
    for x in range(0, size[0], 16):
        image.putpixel((x, seed % size[1]), (255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def sync_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """One server per module and backend, with the shipped reference data and a second
    inspector in team 一组 (zhang's colleague wang)."""
    import psycopg

    from tests.server.conftest import PG_ADMIN

    folder = tmp_path_factory.mktemp("sync-server")
    if request.param == "sqlite":
        db = f"sqlite:///{folder / 'server.sqlite3'}"
        name = None
    else:
        import uuid

        name = f"inspector_sync_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        db = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    server = start_server(db, folder)
    try:
        loaded = cli("import-reference", "--as", "admin", "--db", db)
        assert loaded.returncode == 0, loaded.stderr
        server.add_user("wang", "inspector", "一组")
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
        if name is not None:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
