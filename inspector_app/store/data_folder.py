"""Checks before the store is opened: the folder is there, the database file is real.

SQLite opens a zero-byte (or missing) file as an empty database, and the
migrations would then turn it into a fresh, empty store beside the photo
originals of all the lost records. So an existing database file must look
like SQLite before anything opens it, and a folder that is missing is not
created where a drive or share should be.
"""

from __future__ import annotations

import os
from pathlib import Path

from inspector_app.store.database import StoreDamaged
from inspector_app.store.folder_errors import folder_error, folder_missing, not_a_folder
from inspector_app.store.folder_policy import check_location

BACKUPS_NAME = "backups"
SQLITE_HEADER = b"SQLite format 3\x00"


def prepare(data_dir: Path) -> None:
    """Make sure `data_dir` is a folder we may use, creating it where that is safe.

    Network shares and cloud-sync folders are refused (folder_policy). A new
    folder is made inside an existing one (first start, a chosen empty
    place); the default per-user folder is made with its parents. A folder
    whose parent is missing too is a drive or share not connected: refused.
    """
    check_location(data_dir)
    blocking = next((p for p in (data_dir, *data_dir.parents) if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise not_a_folder(data_dir, blocking)
    if data_dir.is_dir():
        _probe_writable(data_dir)
        return
    if not data_dir.parent.is_dir() and data_dir != _default_data_dir():
        missing = next(p for p in data_dir.parents if p.parent.is_dir())
        raise folder_missing(data_dir, missing)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        situation = folder_error(exc, data_dir)
        if situation is exc:
            raise
        raise situation from exc


def _probe_writable(data_dir: Path) -> None:
    """Create and remove a file: SQLite must create -wal and -shm files here.

    Without this, a folder the user may read but not write (the lock file and
    the database already there) fails inside SQLite as "unable to open
    database file", which reads like a damaged store.
    """
    probe = data_dir / f".incoming-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        situation = folder_error(exc, data_dir)
        if situation is exc:
            raise
        raise situation from exc
    os.close(fd)
    probe.unlink(missing_ok=True)


def _default_data_dir() -> Path:
    from inspector_app.data_dir import default_data_dir

    return default_data_dir()


def check_database_file(path: Path) -> None:
    """Refuse an empty or non-SQLite database file; never open it as a new store."""
    if not path.exists():
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header == SQLITE_HEADER:
        return
    data_dir = path.parent
    originals = _count_originals(data_dir / "photos" / "originals")
    state_zh, state_en = (
        ("是空的（0 字节）", "is empty (0 bytes)")
        if not header
        else ("不是 SQLite 数据库（文件头已损坏）", "is not an SQLite database (damaged header)")
    )
    photos_zh = f"而 photos 文件夹里还有 {originals} 张照片原件。" if originals else ""
    photos_en = f" The photos folder still holds {originals} photo originals." if originals else ""
    hint_zh, hint_en = restore_hint(path)
    raise StoreDamaged(
        "store.empty" if not header else "store.damaged",
        f"数据文件 {path} {state_zh}，记录无法读取。{photos_zh}程序没有用新的空数据库替换它，"
        f"这个文件保持原样。{hint_zh}",
        f"The data file {path} {state_en}, so no record can be read.{photos_en} The app did "
        f"not replace it with a new empty store; the file is left as it is. {hint_en}",
    )


def restore_hint(path: Path) -> tuple[str, str]:
    """How to restore the store at `path` from its backups folder, naming the newest copy."""
    backups = path.parent / BACKUPS_NAME
    copies = sorted(backups.glob("store-*.sqlite3")) if backups.is_dir() else []
    if copies:
        newest = copies[-1]
        return (
            f"恢复方法：关闭本程序，把这个文件改名留存，再把备份文件夹 {backups} 中最近的备份 "
            f"{newest.name} 复制为 {path}，然后重新启动。",
            f"To restore: close the app, rename this file to keep it, copy the newest backup "
            f"{newest.name} from the backups folder {backups} to {path}, then start again.",
        )
    return (
        f"备份文件夹 {backups} 中还没有备份：请不要删除这个文件和 photos 文件夹，"
        "请联系管理员，从服务器重新同步记录。",
        f"The backups folder {backups} holds no backup yet: do not delete this file or the "
        "photos folder; ask your administrator to sync the records again from the server.",
    )


def _count_originals(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(1 for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
