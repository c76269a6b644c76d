"""SIGKILL at a random moment loses no committed write and corrupts nothing."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.store.models import Finding, OutboxEntry, Photo
from inspector_app.store.store import DATABASE_NAME, Store

WRITER = Path(__file__).with_name("crash_writer.py")


def _run_and_kill(data_dir: Path, scratch: Path, rng: random.Random) -> list[str]:
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), str(scratch)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the writer is up and has committed once
    assert first, process.stderr.read() if process.stderr else "writer died"
    time.sleep(rng.uniform(0.05, 1.5))
    os.kill(process.pid, signal.SIGKILL)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return [first.strip(), *rest.splitlines()]


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_killed_writer_loses_no_reported_commit(tmp_path: Path) -> None:
    rng = random.Random()
    data_dir = tmp_path / "data"
    reported_findings: set[str] = set()
    reported_photos: set[str] = set()
    for round_ in range(6):
        lines = _run_and_kill(data_dir, tmp_path / f"scratch{round_}", rng)
        for line in lines:
            kind, _, record_id = line.partition(" ")
            (reported_findings if kind == "finding" else reported_photos).add(record_id)

        with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

        store = Store.open(data_dir)
        try:
            with store.unit_of_work() as uow:
                findings = set(uow.session.scalars(select(Finding.id)))
                queued = set(uow.session.scalars(select(OutboxEntry.record_id)))
                photos = uow.session.scalars(select(Photo)).all()
            assert reported_findings <= findings
            assert findings <= queued, "every committed finding has its outbox entry"
            assert reported_photos <= {p.id for p in photos}
            for photo in photos:  # no row ever points at a missing or partial file
                assert store.photos.verify(photo.sha256), photo.id
                assert store.photos.preview_path(photo.sha256).exists()
        finally:
            store.close()
    assert len(reported_findings) > 6
    assert not list((data_dir / "photos").rglob(".incoming-*")), "stale temp files are swept"
