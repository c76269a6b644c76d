"""A backup taken while the inspector keeps saving is a consistent copy (RELIABILITY row 6)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from inspector_app.store.backups import daily_backup
from inspector_app.store.database import backup_to
from inspector_app.store.models import Unit
from inspector_app.store.store import Store


def test_copies_made_during_a_stream_of_saves_are_whole_and_each_holds_a_committed_state(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "data")
    stop = threading.Event()
    committed: list[int] = [0]

    def keep_saving() -> None:
        n = 0
        while not stop.is_set():
            with store.unit_of_work() as uow:
                for _ in range(5):  # one save = five rows, so a torn copy shows
                    n += 1
                    uow.session.add(Unit(code=f"u{n}", name="窗口" * 30))
                uow.commit()
            committed.append(n)

    writer = threading.Thread(target=keep_saving)
    writer.start()
    copies = []
    try:
        while len(copies) < 12:
            if committed[-1] >= 5 * (len(copies) + 1):
                copy = tmp_path / f"copy-{len(copies)}.sqlite3"
                backup_to(store.engine, copy)
                copies.append(copy)
        copies.append(daily_backup(store.engine, tmp_path / "backups"))
    finally:
        stop.set()
        writer.join()
        store.close()
    seen = set()
    for copy in copies:
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            rows = conn.execute("SELECT count(*) FROM unit WHERE code LIKE 'u%'").fetchone()[0]
        assert rows % 5 == 0 and rows in committed  # whole saves only
        seen.add(rows)
    assert len(seen) > 1  # the copies really were taken while saves went on
