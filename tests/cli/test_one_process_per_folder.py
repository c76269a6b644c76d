"""Commands that write refuse a data folder another process has open, with a message."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector_app.store.store import DATABASE_NAME, Store

APP = [sys.executable, "-m", "inspector_app"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*APP, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def held_folder(tmp_path: Path) -> Iterator[Path]:
    """A data folder this test process has open, as a running app window would."""
    store = Store.open(tmp_path / "data")
    yield store.data_dir
    store.close()


@pytest.mark.parametrize(
    "command",
    [
        ["demo", "--inspections", "1", "--photos-per-finding", "0"],
        ["sync", "--server", "http://127.0.0.1:9", "--user", "u", "--password-stdin"],
    ],
    ids=["demo", "sync"],
)
def test_a_writing_command_on_a_folder_in_use_exits_2_naming_the_other_process(
    held_folder: Path, command: list[str]
) -> None:
    before = (held_folder / DATABASE_NAME).read_bytes()
    refused = run(command[0], "--data-dir", str(held_folder), *command[1:])
    assert refused.returncode == 2, refused.stderr
    assert "Traceback" not in refused.stderr and "database is locked" not in refused.stderr
    assert "已被" in refused.stderr and f"进程号 {os.getpid()}" in refused.stderr
    assert f"process {os.getpid()}" in refused.stderr
    assert (held_folder / DATABASE_NAME).read_bytes() == before  # no stray campaign


def test_a_zero_byte_store_is_refused_by_the_command_line_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Store.open(folder).close()
    (folder / DATABASE_NAME).write_bytes(b"")
    listed = run("list", "--data-dir", str(folder))
    assert listed.returncode == 2
    assert "Traceback" not in listed.stderr
    assert "是空的" in listed.stderr and str(folder / "backups") in listed.stderr
    assert (folder / DATABASE_NAME).stat().st_size == 0
