"""Opening a data folder: one process at a time, and each fault told as what it is.

A second process is a real one (a child Python holding the store open); the
read-only folder is a real read-only mount (tmpfs remounted ro; needs root).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.domain.errors import DomainError
from inspector_app.store.models import Unit
from inspector_app.store.store import DATABASE_NAME, Store
from tests.tmpfs import tmpfs

HOLDER = """
import sys
from pathlib import Path
from inspector_app.store import instance_lock
from inspector_app.store.store import Store

instance_lock.set_role("demo")
store = Store.open(Path(sys.argv[1]))
print("open", flush=True)
sys.stdin.read()
store.close()
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A real second process that has the data folder open until its stdin closes."""
    folder = tmp_path / "data"
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "open", process.stderr and process.stderr.read()
    yield folder, process
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)


def _refusal(folder: Path) -> DomainError:
    with pytest.raises(DomainError) as refused:
        Store.open(folder).close()
    return refused.value


def test_a_second_process_is_refused_with_a_message_naming_the_one_that_has_the_folder(
    holder: tuple[Path, subprocess.Popen[str]],
) -> None:
    folder, process = holder
    error = _refusal(folder)
    assert error.code == "store.in_use"
    assert f"进程号 {process.pid}" in error.zh and "inspector-app demo" in error.zh
    assert f"process {process.pid}" in error.en and "Close that program" in error.en
    assert str(folder) in error.zh


def test_the_folder_opens_once_the_other_process_has_closed_it(
    holder: tuple[Path, subprocess.Popen[str]],
) -> None:
    folder, process = holder
    assert process.stdin is not None
    process.stdin.close()
    assert process.wait(timeout=30) == 0
    Store.open(folder).close()


def test_a_killed_holder_leaves_no_stale_lock(holder: tuple[Path, subprocess.Popen[str]]) -> None:
    folder, process = holder
    process.kill()
    process.wait(timeout=30)
    assert (folder / "inspector.lock").exists()
    Store.open(folder).close()


def test_one_process_may_open_its_own_folder_twice(tmp_path: Path) -> None:
    first = Store.open(tmp_path / "data")
    second = Store.open(tmp_path / "data")
    second.close()
    third = Store.open(tmp_path / "data")  # the first still holds the folder for this process
    third.close()
    first.close()


def test_a_zero_byte_database_is_refused_kept_and_the_backups_folder_named(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    Store.open(folder).close()
    original = folder / "photos" / "originals" / "ab" / ("ab" + "0" * 62)
    original.parent.mkdir(parents=True)
    original.write_bytes(b"evidence")
    (folder / DATABASE_NAME).write_bytes(b"")

    error = _refusal(folder)

    assert error.code == "store.empty"
    assert (folder / DATABASE_NAME).stat().st_size == 0, "the file must be kept as it was"
    backups = folder / "backups"
    assert backups.is_dir() and str(backups) in error.zh and str(backups) in error.en
    assert "1 张照片原件" in error.zh and "空的" in error.zh
    assert "完整性" not in error.zh


def test_a_database_with_a_damaged_header_is_refused_and_names_the_newest_backup(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    Store.open(folder).close()
    newest = folder / "backups" / "store-20261201T090000000000Z-daily.sqlite3"
    newest.write_bytes((folder / DATABASE_NAME).read_bytes())
    damaged = b"\x00" * 4096
    (folder / DATABASE_NAME).write_bytes(damaged)

    error = _refusal(folder)

    assert error.code == "store.damaged"
    assert (folder / DATABASE_NAME).read_bytes() == damaged
    assert newest.name in error.zh and newest.name in error.en


def test_a_missing_folder_is_said_to_be_missing_and_nothing_is_created(tmp_path: Path) -> None:
    folder = tmp_path / "unplugged-drive" / "inspections"
    error = _refusal(folder)
    assert error.code == "store.folder_missing"
    assert "不存在" in error.zh and "损坏" not in error.zh
    assert str(tmp_path / "unplugged-drive") in error.en
    assert not (tmp_path / "unplugged-drive").exists()


def test_a_file_where_the_folder_should_be_is_said_to_be_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder")
    error = _refusal(tmp_path / "notes.txt" / "data")
    assert error.code == "store.not_a_folder"
    assert f"{tmp_path / 'notes.txt'} 是一个文件" in error.zh


def test_a_new_folder_inside_an_existing_one_is_created(tmp_path: Path) -> None:
    Store.open(tmp_path / "first-start").close()
    assert (tmp_path / "first-start" / DATABASE_NAME).exists()
    assert (tmp_path / "first-start" / "backups").is_dir()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A data folder holding a healthy store, on a real mount remounted read-only."""
    with tmpfs(tmp_path / "ro", 4) as mount:
        Store.open(mount / "data").close()
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount / "data"


def test_a_read_only_folder_is_said_to_be_read_only_not_damaged(read_only_folder: Path) -> None:
    before = (read_only_folder / DATABASE_NAME).read_bytes()
    error = _refusal(read_only_folder)
    assert error.code == "store.read_only"
    assert "只读" in error.zh and "没有损坏" in error.zh and "完整性" not in error.zh
    assert "read-only" in error.en and "do not restore a backup" in error.en
    assert (read_only_folder / DATABASE_NAME).read_bytes() == before


def test_the_first_open_of_a_day_copies_the_store_into_backups_and_a_week_is_kept(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    backups = folder / "backups"
    Store.open(folder).close()
    assert list(backups.iterdir()) == []  # a new, empty store: nothing to keep yet
    Store.open(folder).close()
    [today] = backups.glob("store-*-daily.sqlite3")
    with sqlite3.connect(today) as copy:
        assert copy.execute("PRAGMA quick_check").fetchone() == ("ok",)
    Store.open(folder).close()
    assert list(backups.glob("store-*-daily.sqlite3")) == [today]  # once a day

    two_days_ago = time.time() - 2 * 86400
    for n in range(8):
        old = backups / f"store-2026010{n}T000000000000Z-daily.sqlite3"
        old.write_bytes(today.read_bytes())
        os.utime(old, (two_days_ago, two_days_ago))
    os.utime(today, (two_days_ago, two_days_ago))
    Store.open(folder).close()
    kept = sorted(backups.glob("store-*-daily.sqlite3"))
    assert len(kept) == 7 and today in kept and kept[-1] != today


def test_a_zero_byte_store_restored_as_the_message_says_has_its_records_back(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    store = Store.open(folder)
    with store.unit_of_work() as uow:
        uow.session.add(Unit(code="u1", name="伊美区政务服务中心"))
        uow.commit()
    store.close()
    Store.open(folder).close()  # the next day's first open makes the daily copy
    path = folder / DATABASE_NAME
    path.write_bytes(b"")

    error = _refusal(folder)
    [newest] = sorted((folder / "backups").glob("store-*-daily.sqlite3"))
    assert newest.name in error.zh and newest.name in error.en

    path.rename(folder / "store-empty.sqlite3")  # "rename this file to keep it"
    shutil.copy(newest, path)  # "copy the newest backup to store.sqlite3"
    store = Store.open(folder)
    try:
        with store.unit_of_work() as uow:
            assert uow.session.scalars(select(Unit.name)).all() == ["伊美区政务服务中心"]
    finally:
        store.close()


AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
OPEN_AS_USER = """
import sys
from pathlib import Path
from inspector_app.domain.errors import DomainError
from inspector_app.store.store import Store

try:
    Store.open(Path(sys.argv[1])).close()
except DomainError as error:
    print(error.code)
    print(error.zh)
else:
    print("opened")
"""


@pytest.fixture
def folder_the_user_may_only_read() -> Iterator[Path]:
    """A healthy store (lock file, database) in a folder its owner, nobody, may not write."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("running as another user needs root and setpriv")
    top = Path(tempfile.mkdtemp(prefix="desk-ro-"))
    try:
        top.chmod(0o755)
        folder = top / "data"
        Store.open(folder).close()
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, 65534, 65534)
        folder.chmod(0o555)
        yield folder
    finally:
        shutil.rmtree(top)


def test_a_folder_without_write_permission_is_said_to_be_read_only(
    folder_the_user_may_only_read: Path,
) -> None:
    result = subprocess.run(
        [*AS_NOBODY, sys.executable, "-c", OPEN_AS_USER, str(folder_the_user_may_only_read)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "HOME": "/tmp"},
    )
    assert result.returncode == 0, result.stderr
    code, _, message = result.stdout.partition("\n")
    assert code == "store.read_only", result.stdout
    assert "只读" in message and "完整性" not in message
