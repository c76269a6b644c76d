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


def noise_photo(folder: Path, name: str, seed: int, size: tuple[int, int] = (1400, 1000)) -> Path:
    """A JPEG of random pixels: over 1 MiB, so it goes up in resumable parts."""
    import random

    pixels = random.Random(seed).randbytes(size[0] * size[1] * 3)
    image = Image.frombytes("RGB", size, pixels)
    path = folder / name
    image.save(path, "JPEG", quality=95)
    return path


def record_problem(laptop: Laptop, description: str, *photos: Path) -> tuple[str, str]:
    """A started inspection whose item A2 failed, with these photos: (inspection, finding)."""
    from inspector_app.domain.finding import FindingResult
    from inspector_app.services import inspections as ops
    from inspector_app.services import photos as photo_ops
    from tests.builders import finding_id, start_in

    with laptop.store.unit_of_work() as uow:
        inspection_id = start_in(uow)
        failed = finding_id(uow, inspection_id, "A2")
        ops.update_finding(
            uow, failed, ops.FindingChanges(result=FindingResult.FAIL, description=description)
        )
        for photo in photos:
            photo_ops.attach_photo(uow, uow.photos, failed, photo)
        uow.commit()
    return inspection_id, failed


def dump(laptop: Laptop) -> dict[tuple[str, str], dict]:
    """Every synced record the laptop holds, by entity and id; without its local bookkeeping
    (server_rev), and without the times of reference rows (the server's carry none, so
    each laptop stamps its own)."""
    from sqlalchemy import inspect as inspect_model
    from sqlalchemy import select

    from inspector_app.protocol.entities import REFERENCE
    from inspector_app.store.wire import synced_models

    records: dict[tuple[str, str], dict] = {}
    with laptop.store.unit_of_work() as uow:
        for entity, model in synced_models().items():
            skipped = {"server_rev"} | (
                {"created_at", "updated_at"} if entity in REFERENCE else set()
            )
            columns = [a.key for a in inspect_model(model).column_attrs if a.key not in skipped]
            for row in uow.session.scalars(select(model)):
                records[(entity, row.id)] = {name: getattr(row, name) for name in columns}
    return records


def blob_shas(laptop: Laptop, *, live_only: bool = False) -> set[str]:
    """The photos' blobs; `live_only`: of photos not deleted (a laptop that pulls a deleted
    photo never fetches its bytes)."""
    from sqlalchemy import select

    from inspector_app.store.models import Photo

    query = select(Photo.sha256)
    if live_only:
        query = query.where(Photo.deleted.is_(False))
    with laptop.store.unit_of_work() as uow:
        return set(uow.session.scalars(query))


def new_team(server: RunningServer, size: int = 3) -> list[str]:
    """Inspectors of a team of their own, so a test pulls only its own records (and the
    shared reference data) from a server that other tests use too."""
    import uuid

    team = f"组-{uuid.uuid4().hex[:8]}"
    names = [f"i{uuid.uuid4().hex[:10]}" for _ in range(size)]
    for name in names:
        server.add_user(name, "inspector", team)
    return names


@pytest.fixture
def laptops(sync_server: RunningServer, tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    """zhang's laptop and his colleague wang's, each with a data dir of its own."""
    a = open_laptop(tmp_path / "a", sync_server, "zhang")
    b = open_laptop(tmp_path / "b", sync_server, "wang")
    yield a, b
    a.close()
    b.close()
