"""Durable file writes: temp file, fsync, rename, fsync the folder.

A reader never sees a partial file, and once these functions return the
bytes survive a crash or power loss, so a database row may then point at them.
"""

from __future__ import annotations

import os
import tempfile
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


@contextmanager
def temp_file_in(folder: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """A temp file next to its destination; removed unless it was published."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, prefix=".incoming-", suffix=".tmp")
    path = Path(name)
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


def write_atomically(destination: Path, data: bytes) -> None:
    with temp_file_in(destination.parent) as (handle, temp):
        handle.write(data)
        publish(handle, temp, destination)
