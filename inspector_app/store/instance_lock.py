"""One process per data dir: a lock file held for as long as the store is open.

Two processes writing one SQLite store in WAL mode do not corrupt it, but they
do end in "database is locked" mid-action, and two windows each believe their
own view is the truth. The lock is an OS lock (flock on POSIX, a byte-range
lock on Windows) on `inspector.lock`, so the kernel frees it when the holder
exits or is killed: a stale lock file never blocks the next start. The file
itself tells a refused process who holds the folder (pid, role, since when).

Within one process the lock is shared: opening the same folder twice (tests,
the window's reopen after a language switch) counts references.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
import threading
from datetime import datetime
from pathlib import Path

from inspector_app.domain.errors import DomainError
from inspector_app.store.folder_errors import folder_error

LOCK_NAME = "inspector.lock"
WINDOWS_LOCK_OFFSET = 1 << 30  # Windows locks bytes: lock one far past the holder's note

# What this process is, as the refused one will read it (set by the CLI and the app).
ROLES = {
    "window": ("检查程序的窗口", "the inspection app's window"),
    "demo": ("命令 inspector-app demo", "the command inspector-app demo"),
    "sync": ("命令 inspector-app sync", "the command inspector-app sync"),
    "list": ("命令 inspector-app list", "the command inspector-app list"),
    "export": ("命令 inspector-app export", "the command inspector-app export"),
}
_role: str | None = None
_held: dict[Path, tuple[int, int]] = {}  # folder -> (fd, references)
_guard = threading.Lock()


class StoreInUse(DomainError):
    """Another process has this data folder open; nothing was opened or changed."""


def set_role(role: str) -> None:
    """Name what this process is (a key of ROLES) for anyone it keeps out."""
    global _role
    _role = role


def acquire(data_dir: Path) -> InstanceLock:
    """Hold the folder's lock, or raise StoreInUse naming the process that has it."""
    folder = data_dir.resolve()
    with _guard:
        if folder in _held:
            fd, count = _held[folder]
            _held[folder] = (fd, count + 1)
            return InstanceLock(folder)
        path = folder / LOCK_NAME
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            situation = folder_error(exc, folder)
            if situation is exc:
                raise
            raise situation from exc
        try:
            if not _try_lock(fd):
                raise _in_use(folder, _read_note(fd))
            _write_note(fd)
        except BaseException:
            os.close(fd)
            raise
        _held[folder] = (fd, 1)
    return InstanceLock(folder)


class InstanceLock:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._released = False

    def release(self) -> None:
        """Give up this reference; the OS lock goes with the last one."""
        with _guard:
            if self._released or self.folder not in _held:
                return
            self._released = True
            fd, count = _held[self.folder]
            if count > 1:
                _held[self.folder] = (fd, count - 1)
                return
            del _held[self.folder]
            os.close(fd)  # closing the descriptor releases flock and Windows byte locks


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        raise
    return True


def _write_note(fd: int) -> None:
    command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])[:200] if sys.argv else ""
    note = {
        "pid": os.getpid(),
        "role": _role,
        "command": command,
        "host": socket.gethostname(),
        "since": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(note, ensure_ascii=False).encode("utf-8"))


def _read_note(fd: int) -> dict[str, object]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        note = json.loads(os.read(fd, 4096).decode("utf-8"))
    except (OSError, ValueError):  # being written this very moment, or an older format
        return {}
    return note if isinstance(note, dict) else {}


def _in_use(folder: Path, note: dict[str, object]) -> StoreInUse:
    role = ROLES.get(str(note.get("role")))
    command = str(note.get("command") or "")
    by_command = (f"程序 {command}", f"the program {command}")
    what_zh, what_en = role or (by_command if command else ("另一个程序", "another program"))
    facts_zh, facts_en = [], []
    if note.get("pid"):
        facts_zh.append(f"进程号 {note['pid']}")
        facts_en.append(f"process {note['pid']}")
    if note.get("host") and note.get("host") != socket.gethostname():
        facts_zh.append(f"电脑 {note['host']}")
        facts_en.append(f"on {note['host']}")
    if note.get("since"):
        facts_zh.append(f"{note['since']} 起")
        facts_en.append(f"since {note['since']}")
    zh_facts = f"（{'，'.join(facts_zh)}）" if facts_zh else ""
    en_facts = f" ({', '.join(facts_en)})" if facts_en else ""
    return StoreInUse(
        "store.in_use",
        f"数据文件夹 {folder} 已被{what_zh}打开{zh_facts}。同一个数据文件夹一次只能由一个程序使用，"
        "以免记录互相覆盖。请先关闭那个程序，再重试。本程序没有做任何修改。",
        f"The data folder {folder} is already open in {what_en}{en_facts}. Only one program at "
        "a time may use a data folder, so that records cannot overwrite each other. Close that "
        "program, then try again. Nothing was changed.",
    )
