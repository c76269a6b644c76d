"""`inspector-app sync` killed with SIGKILL at random moments, while it pushes, uploads
and pulls; afterwards one clean sync, and the server holds exactly the laptops' data.

Every step of a sync commits its progress with its data (an outbox entry leaves with
its acknowledgement, a pulled page with its cursor, an upload id with the upload),
so a kill can cost at most the step in progress, and a repeated step is harmless.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from inspector_app.store.models import OutboxEntry
from inspector_app.store.store import Store
from tests.server.conftest import PASSWORD, RunningServer
from tests.sync.laptops import (
    Laptop,
    blob_shas,
    dump,
    new_team,
    noise_photo,
    open_laptop,
    photo_file,
    record_problem,
)

KILLS = 26  # per backend: the CI run kills at least 52 syncs


def _start_sync(folder: Path, server: RunningServer, user: str, config: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "inspector_app",
            "sync",
            "--data-dir",
            str(folder),
            "--server",
            server.url,
            "--user",
            user,
            "--password-stdin",
            "--json",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "INSPECTOR_CONFIG_DIR": str(config),
            # No keyring in these processes: the token lives in memory, as on a bare box.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
    )
    assert process.stdin is not None
    process.stdin.write(PASSWORD + "\n")
    process.stdin.close()
    return process


def _clean_sync(folder: Path, server: RunningServer, user: str, config: Path) -> str:
    process = _start_sync(folder, server, user, config)
    process.wait(timeout=300)
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()
    assert process.returncode == 0, err
    return out


def _progress(folder: Path) -> tuple[int, ...]:
    """What a sync commits as it goes: outbox size, cursor, blobs confirmed uploaded."""
    path = folder / "store.sqlite3"
    if not path.exists():
        return (0, 0, 0)
    try:
        with sqlite3.connect(path) as db:
            outbox = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
            cursor = db.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchone()
            uploaded = db.execute("SELECT count(*) FROM blob WHERE uploaded").fetchone()[0]
    except sqlite3.OperationalError:  # killed while the first start created the schema
        return (0, 0, 0)
    return (outbox, int(cursor[0]) if cursor else 0, uploaded)


def _add_work(folder: Path, photos: Path, n: int) -> None:
    store = Store.open(folder)
    try:
        record_problem(
            Laptop(store, None),  # type: ignore[arg-type]
            f"第 {n} 次检查的问题",
            noise_photo(photos, f"big{n}.jpg", 7000 + n),
            photo_file(photos, f"small{n}.jpg", 7000 + n),
        )
    finally:
        store.close()


def test_syncs_killed_at_random_moments_lose_and_double_nothing(
    sync_server: RunningServer, tmp_path: Path
) -> None:
    rng = random.Random(20261202)
    first, second, third = new_team(sync_server)
    a, b, config = tmp_path / "a", tmp_path / "b", tmp_path / "config"
    config.mkdir()
    photos = tmp_path / "photos"
    photos.mkdir()
    started = time.monotonic()
    _clean_sync(a, sync_server, first, config)
    full = time.monotonic() - started
    kills = runs = mid_work = 0
    while kills < KILLS and runs < 4 * KILLS:
        runs += 1
        if runs % 3 == 1:
            _add_work(a, photos, runs)
        folder, user = (a, first) if runs % 2 else (b, second)
        before = _progress(folder)
        process = _start_sync(folder, sync_server, user, config)
        try:
            process.wait(timeout=rng.uniform(0.2, full + 1.5))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
            kills += 1
            mid_work += _progress(folder) != before  # killed after some steps committed
            continue
        assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    assert kills == KILLS
    # Under load most kills land in start-up (CI: 4 of 26 hit a sync at work, a quiet run
    # about a quarter); some must land after a step committed, or the test proves nothing.
    assert mid_work >= 2, f"only {mid_work} of {kills} kills hit a sync at work"
    _clean_sync(a, sync_server, first, config)
    _clean_sync(b, sync_server, second, config)
    laptop_a = Laptop(Store.open(a), None)  # type: ignore[arg-type]
    laptop_b = Laptop(Store.open(b), None)  # type: ignore[arg-type]
    fresh = open_laptop(tmp_path / "c", sync_server, third)
    fresh.sync()
    with laptop_a.store.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(OutboxEntry)) == 0
    theirs = dump(fresh)
    assert dump(laptop_a) == theirs
    assert dump(laptop_b) == theirs
    shas = blob_shas(fresh)
    assert shas == blob_shas(laptop_a) == blob_shas(laptop_b)
    assert len(shas) >= 2 * (runs // 3)
    for laptop in (laptop_a, laptop_b, fresh):
        for sha in shas:
            assert laptop.store.photos.verify(sha)
    fresh.close()
    laptop_a.store.close()
    laptop_b.store.close()
