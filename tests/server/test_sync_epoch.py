"""The server epoch (SYNC.md G12): a database restored from a backup gets a new epoch with
`new-epoch`, and clients that synced with the old one get 410 reset_required."""

from __future__ import annotations

import re
import sqlite3
import uuid
from pathlib import Path

import requests

from .conftest import RunningServer, cli, launch_server, mutation

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def _pull(server: RunningServer, headers: dict, **params: str) -> requests.Response:
    return requests.get(
        f"{server.url}/api/v1/sync/changes",
        headers=headers,
        params={"cursor": "0", **params},
        timeout=60,
    )


def _push(server: RunningServer, headers: dict, epoch: str | None, *mutations: dict):
    body = {"client_id": "laptop-1", "schema_version": 4, "mutations": list(mutations)}
    if epoch is not None:
        body["epoch"] = epoch
    return requests.post(f"{server.url}/api/v1/sync/push", headers=headers, json=body, timeout=60)


def _epoch(server: RunningServer, headers: dict) -> str:
    response = _pull(server, headers)
    assert response.status_code == 200, response.text
    return response.json()["epoch"]


def _assert_reset(response: requests.Response, epoch: str) -> None:
    assert response.status_code == 410, response.text
    body = response.json()
    assert body["reset_required"] is True
    assert body["epoch"] == epoch
    assert "备份" in body["detail"] and "backup" in body["detail"]


def test_pull_always_names_the_same_epoch_across_requests_and_restarts(
    server: RunningServer, tmp_path: Path
) -> None:
    headers = server.token("zhang")
    epoch = _epoch(server, headers)
    assert UUID.fullmatch(epoch), epoch
    assert _epoch(server, headers) == epoch
    assert _epoch(server, server.token("li")) == epoch  # one epoch for the whole server
    server.process.terminate()
    server.process.wait(timeout=30)
    again = launch_server(server.db, tmp_path)
    try:
        assert _epoch(again, again.token("zhang")) == epoch
    finally:
        again.process.terminate()
        again.process.wait(timeout=30)


def test_pull_and_push_with_the_current_epoch_work(server: RunningServer) -> None:
    headers = server.token("zhang")
    epoch = _epoch(server, headers)
    record = str(uuid.uuid4())
    pushed = _push(server, headers, epoch, mutation("finding", record, {"description": "当前"}))
    assert pushed.status_code == 200, pushed.text
    assert [r["status"] for r in pushed.json()["results"]] == ["applied"]
    pulled = _pull(server, headers, epoch=epoch)
    assert pulled.status_code == 200, pulled.text
    assert pulled.json()["epoch"] == epoch
    assert [c["id"] for c in pulled.json()["changes"]] == [record]


def test_another_epoch_gets_410_and_nothing_is_applied(server: RunningServer) -> None:
    headers = server.token("zhang")
    epoch = _epoch(server, headers)
    stale = str(uuid.uuid4())
    _assert_reset(_pull(server, headers, epoch=stale), epoch)
    edit = mutation("finding", str(uuid.uuid4()), {"description": "旧纪元"})
    _assert_reset(_push(server, headers, stale, edit), epoch)
    assert _pull(server, headers).json()["changes"] == []
    # The mutation was not recorded either: sent again from the right epoch, it applies.
    again = _push(server, headers, epoch, edit)
    assert [r["status"] for r in again.json()["results"]] == ["applied"], again.text


def test_new_epoch_makes_old_epoch_clients_reset(server: RunningServer) -> None:
    headers = server.token("zhang")
    old = _epoch(server, headers)
    record = str(uuid.uuid4())
    assert _push(server, headers, old, mutation("finding", record, {"description": "恢复前"})).ok
    done = cli("new-epoch", "--db", server.db)
    assert done.returncode == 0, done.stderr
    new = done.stdout.strip()
    assert UUID.fullmatch(new) and new != old, done.stdout
    assert _epoch(server, headers) == new  # the running server sees it at once
    _assert_reset(_pull(server, headers, epoch=old), new)
    edit = mutation("finding", str(uuid.uuid4()), {"description": "旧纪元"})
    _assert_reset(_push(server, headers, old, edit), new)
    assert [c["id"] for c in _pull(server, headers).json()["changes"]] == [record]
    # Re-pushed under the new epoch (as the client does after the 410), the data is kept.
    healed = _push(server, headers, new, edit)
    assert [r["status"] for r in healed.json()["results"]] == ["applied"], healed.text
    fresh = _push(
        server, headers, None, mutation("finding", str(uuid.uuid4()), {"description": "新"})
    )
    assert fresh.status_code == 200, fresh.text  # a client with no epoch yet is welcome
    assert _epoch(server, headers) == new
    assert cli("verify-audit", "--db", server.db).returncode == 0  # new_epoch is audited


def test_new_epoch_on_an_uninitialised_database_says_so(database_url: str) -> None:
    done = cli("new-epoch", "--db", database_url)  # a missing SQLite file, an empty PostgreSQL
    assert done.returncode != 0
    assert "init" in done.stderr and "Traceback" not in done.stderr + done.stdout
    if database_url.startswith("sqlite:///"):
        assert not Path(database_url.removeprefix("sqlite:///")).exists()


def test_new_epoch_on_an_empty_sqlite_file_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    empty.touch()
    done = cli("new-epoch", "--db", f"sqlite:///{empty}")
    assert done.returncode != 0
    assert "init" in done.stderr and "Traceback" not in done.stderr + done.stdout
