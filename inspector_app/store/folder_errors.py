"""What went wrong with the data folder or its disk, said as the user's situation.

An OSError from opening or writing the store is one of a few situations that
each need different advice: the folder is missing (a drive not plugged in),
read-only (the database is fine: never restore a backup over it), not a
folder, or on a full disk (nothing saved was lost). Each gets its own message.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from inspector_app.domain.errors import DomainError

READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
SQLITE_FULL = 13


class DataFolderUnusable(DomainError):
    """The data folder is missing, read-only or not a folder; nothing was changed."""


class DiskFull(DomainError):
    """The disk of the data folder is full; the action was not saved, nothing else lost."""


def folder_missing(folder: Path, missing: Path) -> DataFolderUnusable:
    return DataFolderUnusable(
        "store.folder_missing",
        f"数据文件夹 {folder} 不存在（找不到 {missing}）。如果数据在移动硬盘、U 盘或网络盘上，"
        "请先连接好再启动；否则请在设置中选择正确的数据文件夹，或用 --data-dir 指定。"
        "程序没有新建任何文件。",
        f"The data folder {folder} does not exist ({missing} cannot be found). If the data is "
        "on an external drive, a USB stick or a network share, connect it and start again; "
        "otherwise choose the right data folder in the settings or with --data-dir. "
        "Nothing was created.",
    )


def not_a_folder(folder: Path, blocking: Path) -> DataFolderUnusable:
    return DataFolderUnusable(
        "store.not_a_folder",
        f"数据文件夹 {folder} 无法使用：{blocking} 是一个文件，不是文件夹。"
        "请在设置中选择一个文件夹，或用 --data-dir 指定。程序没有做任何修改。",
        f"The data folder {folder} cannot be used: {blocking} is a file, not a folder. "
        "Choose a folder in the settings or with --data-dir. Nothing was changed.",
    )


def read_only(folder: Path, detail: str) -> DataFolderUnusable:
    return DataFolderUnusable(
        "store.read_only",
        f"数据文件夹 {folder} 是只读的，程序无法在其中保存（{detail}）。数据库本身没有损坏，"
        "请不要用备份覆盖它。请让这个文件夹可以写入（检查文件夹权限，或 U 盘、网络盘是否写保护、"
        "是否以只读方式连接），或在设置中选择另一个数据文件夹。",
        f"The data folder {folder} is read-only, so the app cannot save there ({detail}). "
        "The database itself is not damaged: do not restore a backup over it. Make the folder "
        "writable (check its permissions, or whether the drive or share is write-protected or "
        "connected read-only), or choose another data folder in the settings.",
    )


def disk_full(folder: Path | None, needed: int | None = None) -> DiskFull:
    """How much is free on the folder's disk, and (when known) how much the save needed.

    Without a folder (a full disk met outside the store) the message says so
    without figures.
    """
    free: int | None = None
    if folder is not None:
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            free = None
    if folder is None:
        where_zh, where_en = "磁盘", "the disk"
    else:
        where_zh = f"数据文件夹 {folder} 所在的磁盘"
        where_en = f"the disk of the data folder {folder}"
    free_zh = f"只剩 {human_size(free)} 可用空间" if free is not None else "没有可用空间了"
    free_en = f" has only {human_size(free)} free" if free is not None else " has no space left"
    need_zh = f"，这次保存需要约 {human_size(needed)}" if needed else ""
    need_en = f"; this save needs about {human_size(needed)}" if needed else ""
    return DiskFull(
        "store.disk_full",
        f"磁盘已满：{where_zh}{free_zh}{need_zh}。这次的修改没有保存，"
        "之前已保存的数据都没有丢失。请清理磁盘（删除不需要的文件、清空回收站）后再试一次。",
        f"The disk is full: {where_en}{free_en}{need_en}. This change was not saved; "
        "everything saved before is intact. Free some space (delete files you do not need, "
        "empty the trash), then try again.",
    )


def folder_error(exc: OSError, folder: Path) -> DomainError | OSError:
    """The situation behind an OSError met while opening the folder.

    An OSError that is none of these comes back as it is, for the caller to re-raise.
    """
    if exc.errno == errno.ENOSPC:
        return disk_full(folder)
    if exc.errno in READ_ONLY_ERRNOS:
        return read_only(folder, exc.strerror or type(exc).__name__)
    if exc.errno == errno.ENOENT:
        return folder_missing(folder, folder)
    if exc.errno == errno.ENOTDIR:
        return not_a_folder(folder, folder)
    return exc


def is_disk_full(error: BaseException) -> bool:
    """ENOSPC, or SQLite's "database or disk is full", however deeply wrapped."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno == errno.ENOSPC:
            return True
        if isinstance(current, sqlite3.Error) and (
            getattr(current, "sqlite_errorcode", None) == SQLITE_FULL
            or "database or disk is full" in str(current)
        ):
            return True
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's
        current = (
            orig if isinstance(orig, BaseException) else current.__cause__ or current.__context__
        )
    return False


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1048576:.1f} MB"
    return f"{max(size, 0) / 1024:.0f} KB"
