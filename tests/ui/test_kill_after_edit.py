"""SIGKILL of the real app right after an edit it showed as saved loses nothing."""

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

from inspector_app.domain.finding import FindingResult
from inspector_app.store.models import Finding
from inspector_app.store.store import DATABASE_NAME, Store

DRIVER = Path(__file__).with_name("edit_then_report.py")


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("round_", range(3))
def test_killed_app_keeps_every_edit_it_showed_as_saved(tmp_path: Path, round_: int) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    reports = [process.stdout.readline()]
    assert reports[0].startswith("SAVED"), process.stderr.read() if process.stderr else ""
    deadline = time.monotonic() + random.uniform(0.2, 1.5)
    while time.monotonic() < deadline:
        reports.append(process.stdout.readline())
    process.kill()  # SIGKILL, right after the last reported save
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    saved: dict[str, str] = {}
    for line in [*reports, *rest.splitlines()]:
        if line.startswith("SAVED "):
            _, finding_id, text = line.strip().split(" ", 2)
            saved[finding_id] = text  # the newest report per finding is what must be there

    with sqlite3.connect(tmp_path / DATABASE_NAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    store = Store.open(tmp_path)
    try:
        with store.unit_of_work() as uow:
            for finding_id, text in saved.items():
                finding = uow.session.get(Finding, finding_id)
                assert finding.result == FindingResult.FAIL
                # a later edit of the same finding may have landed after the report
                assert finding.description.startswith("第")
                assert int(finding.description[1:].split("次")[0]) >= int(text[1:].split("次")[0])
    finally:
        store.close()
    assert len(saved) >= 2
