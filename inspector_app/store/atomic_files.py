"""Durable file writes: temp file, fsync, rename, fsync the folder.

A reader never sees a partial file, and once these functions return the
bytes survive a crash or power loss, so a database row may then point at them.

Store files are private (0600); a file the user exports (a PDF to mail or
print) is created with mode 0666 so the kernel applies the user's umask,
exactly as any other program's "save as" would (0644 under umask 022).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals renames
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


PRIVATE_MODE = 0o600
USER_FILE_MODE = 0o666  # before the umask, as open(2) and every editor use it


def _create_temp(folder: Path, mode: int) -> tuple[int, Path]:
    """Like tempfile.mkstemp, but with `mode` (still filtered by the umask)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        path = folder / f".incoming-{secrets.token_hex(8)}.tmp"
        try:
            return os.open(path, flags, mode), path
        except FileExistsError:
            continue


@contextmanager
def temp_file_in(folder: Path, *, mode: int = PRIVATE_MODE) -> Iterator[tuple[BinaryIO, Path]]:
    """A temp file next to its destination; removed unless it was published."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, path = _create_temp(folder, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle, path
    finally:
        path.unlink(missing_ok=True)


def publish(handle: BinaryIO, temp: Path, destination: Path) -> None:
    """Flush and fsync `handle`, then move `temp` into place atomically."""
    handle.flush()
    os.fsync(handle.fileno())
    destination.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temp, destination)
    fsync_dir(destination.parent)


def write_atomically(destination: Path, data: bytes, *, mode: int = PRIVATE_MODE) -> None:
    """`mode` is PRIVATE_MODE for the store's files, USER_FILE_MODE for exports."""
    with temp_file_in(destination.parent, mode=mode) as (handle, temp):
        handle.write(data)
        publish(handle, temp, destination)
