"""The sync survives what a bureau's server goes through: a restart in the middle, a
revoked token, a restore from last night's backup, a server that refuses a record."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import requests
from sqlalchemy import func, select

from inspector_app.domain.finding import FindingResult
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.store.models import Finding, Inspection, OutboxEntry, Photo
from inspector_app.store.notice_models import Notice
from inspector_app.sync import errors
from inspector_app.sync.engine import sync_once
from inspector_app.sync.local import DirectStoreAccess
from tests.builders import finding_id, start_in
from tests.server.conftest import (
    PASSWORD,
    PG_ADMIN,
    cli,
    launch_server,
    start_server,
)
from tests.sync.laptops import Laptop, open_laptop, photo_file


class Bureau:
    """One server on one database that a test may stop, back up, restore and restart."""

    def __init__(self, db: str, folder: Path) -> None:
        self.db, self.folder = db, folder
        self.server = start_server(db, folder)
        self.port = int(self.server.url.rsplit(":", 1)[1])
        loaded = cli("import-reference", "--as", "admin", "--db", db)
        assert loaded.returncode == 0, loaded.stderr
        self.server.add_user("wang", "inspector", "一组")

    def stop(self) -> None:
        self.server.process.terminate()
        self.server.process.wait(timeout=30)

    def start(self) -> None:
        self.server = launch_server(self.db, self.folder, port=self.port)

    def back_up(self) -> None:
        self.stop()
        if self.db.startswith("sqlite"):
            _sqlite_copy(Path(self.db.removeprefix("sqlite:///")), self.folder / "backup.sqlite3")
        else:
            _pg(f'CREATE DATABASE "{self._name()}_bak" TEMPLATE "{self._name()}"')
        self.start()

    def restore(self) -> None:
        self.stop()
        if self.db.startswith("sqlite"):
            live = Path(self.db.removeprefix("sqlite:///"))
            for leftover in (live, Path(f"{live}-wal"), Path(f"{live}-shm")):
                leftover.unlink(missing_ok=True)
            shutil.copy(self.folder / "backup.sqlite3", live)
        else:
            _pg(f'DROP DATABASE "{self._name()}" WITH (FORCE)')
            _pg(f'CREATE DATABASE "{self._name()}" TEMPLATE "{self._name()}_bak"')
        done = cli("new-epoch", "--db", self.db)
        assert done.returncode == 0, done.stderr
        self.start()

    def close(self) -> None:
        self.stop()
        if not self.db.startswith("sqlite"):
            _pg(f'DROP DATABASE IF EXISTS "{self._name()}_bak" WITH (FORCE)')

    def _name(self) -> str:
        return self.db.rsplit("/", 1)[1]


def _pg(statement: str) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(statement)


def _sqlite_copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)


@pytest.fixture
def bureau(database_url: str, tmp_path: Path) -> Iterator[Bureau]:
    running = Bureau(database_url, tmp_path / "server")
    yield running
    running.close()


def _laptop(bureau: Bureau, folder: Path, user: str) -> Laptop:
    return open_laptop(folder, bureau.server, user)


def _record(laptop: Laptop, description: str, photo: Path | None = None) -> tuple[str, str]:
    with laptop.store.unit_of_work() as uow:
        inspection_id = start_in(uow)
        failed = finding_id(uow, inspection_id, "A2")
        ops.update_finding(
            uow, failed, ops.FindingChanges(result=FindingResult.FAIL, description=description)
        )
        if photo is not None:
            photo_ops.attach_photo(uow, uow.photos, failed, photo)
        uow.commit()
    return inspection_id, failed


def _inspections(laptop: Laptop) -> set[str]:
    with laptop.store.unit_of_work() as uow:
        return set(uow.session.scalars(select(Inspection.id)))


def _outbox(laptop: Laptop) -> int:
    with laptop.store.unit_of_work() as uow:
        return uow.session.scalar(select(func.count()).select_from(OutboxEntry))


def test_a_server_restored_from_a_backup_gets_back_every_row_the_laptops_hold(
    bureau: Bureau, tmp_path: Path
) -> None:
    a = _laptop(bureau, tmp_path / "a", "zhang")
    b = _laptop(bureau, tmp_path / "b", "wang")
    a.sync()
    b.sync()
    x, x_problem = _record(a, "旧的说明", photo_file(tmp_path, "x.jpg", 5))
    a.sync()
    b.sync()
    bureau.back_up()  # last night's backup: it knows X only
    y, _ = _record(a, "备份之后的检查", photo_file(tmp_path, "y.jpg", 6))
    with a.store.unit_of_work() as uow:
        ops.update_finding(uow, x_problem, ops.FindingChanges(description="备份之后改的说明"))
        uow.commit()
    a.sync()
    z, _ = _record(b, "B 的检查")
    b.sync()
    a.sync()
    bureau.restore()
    for laptop in (a, b):
        laptop.api.close()
    a = Laptop(a.store, _reconnect(bureau, "zhang"))
    b = Laptop(b.store, _reconnect(bureau, "wang"))
    assert a.sync().reset is True
    assert b.sync().reset is True
    a.sync()
    b.sync()
    fresh = _laptop(bureau, tmp_path / "c", "wang")
    fresh.sync()
    for laptop in (a, b, fresh):
        assert _inspections(laptop) == {x, y, z}
        assert _outbox(laptop) == 0
        with laptop.store.unit_of_work() as uow:
            assert uow.session.get(Finding, x_problem).description == "备份之后改的说明"
            shas = set(uow.session.scalars(select(Photo.sha256)))
        assert len(shas) == 2
        for sha in shas:
            assert laptop.store.photos.verify(sha)
    for laptop in (a, b, fresh):
        laptop.close()


def _reconnect(bureau: Bureau, user: str):
    from inspector_app.sync.api import ServerApi

    api = ServerApi(bureau.server.url)
    api.login(user, PASSWORD)
    return api


def test_a_server_restarted_in_the_middle_of_a_sync_loses_and_doubles_nothing(
    bureau: Bureau, tmp_path: Path
) -> None:
    a = _laptop(bureau, tmp_path / "a", "zhang")
    a.sync()
    made = {_record(a, f"问题 {n}")[0] for n in range(6)}
    restarted = []

    def restart_once(progress: object) -> None:
        if not restarted:
            restarted.append(True)
            bureau.stop()
            bureau.start()

    sync_once(DirectStoreAccess(a.store), a.api, on_progress=restart_once)
    a.sync()
    assert _outbox(a) == 0
    fresh = _laptop(bureau, tmp_path / "c", "wang")
    fresh.sync()
    assert _inspections(fresh) == made
    a.close()
    fresh.close()


def test_a_token_revoked_mid_sync_asks_for_sign_in_and_keeps_every_change(
    bureau: Bureau, tmp_path: Path
) -> None:
    a = _laptop(bureau, tmp_path / "a", "zhang")
    a.sync()
    made = {_record(a, f"问题 {n}")[0] for n in range(6)}  # more than one push batch
    token = a.api.token

    def revoke(progress: object) -> None:
        requests.post(
            f"{bureau.server.url}/api/v1/auth/logout",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )

    with pytest.raises(errors.SignInRequired):
        sync_once(DirectStoreAccess(a.store), a.api, on_progress=revoke)
    assert _outbox(a) > 0  # nothing was dropped
    a.api.login("zhang", PASSWORD)
    a.sync()
    assert _outbox(a) == 0
    fresh = _laptop(bureau, tmp_path / "c", "wang")
    fresh.sync()
    assert _inspections(fresh) == made
    a.close()
    fresh.close()


def test_a_record_the_server_refuses_is_kept_with_its_message_and_the_rest_syncs(
    bureau: Bureau, tmp_path: Path
) -> None:
    a = _laptop(bureau, tmp_path / "a", "zhang")
    a.sync()
    inspection_id, _ = _record(a, "正常的问题")
    with a.store.unit_of_work() as uow:
        unit_id = uow.session.scalars(select(Finding.unit_id)).first()
        from inspector_app.store.models import Unit

        unit_id = unit_id or uow.session.scalars(select(Unit.id)).first()
        uow.session.add(Notice(unit_id=unit_id))  # only supervisors write notices
        uow.commit()
    report = a.sync()
    assert report.rejected == 1
    with a.store.unit_of_work() as uow:
        [kept] = uow.session.scalars(select(OutboxEntry)).all()
    assert kept.entity == "notice" and kept.state == "rejected" and kept.message
    fresh = _laptop(bureau, tmp_path / "c", "wang")
    fresh.sync()
    assert inspection_id in _inspections(fresh)
    assert a.sync().rejected == 0  # a refused entry is not sent again and again
    a.close()
    fresh.close()
