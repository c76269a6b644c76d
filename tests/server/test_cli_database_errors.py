"""Every inspector-server command on a database that is missing, never initialised or not
answering says in one line what to run and exits 2: no traceback, nothing created."""

from __future__ import annotations

import io
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from inspector_app.server.cli import main

from .conftest import PG_ADMIN, cli

COMMANDS = {
    "create-user": ["create-user", "wu", "--role", "admin", "--password-stdin"],
    "import-reference": ["import-reference", "--as", "admin"],
    "verify-audit": ["verify-audit"],
    "new-epoch": ["new-epoch"],
}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture(scope="module")
def empty_postgres() -> Iterator[str]:
    """A PostgreSQL database that exists but was never initialised."""
    name = f"inspector_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-password\n"))
    code = main(args)  # a traceback would raise here
    return code, capsys.readouterr().err.strip()


@pytest.mark.parametrize("command", COMMANDS)
def test_commands_on_a_never_initialised_sqlite_file_say_to_run_init(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    missing, empty = tmp_path / "missing.sqlite3", tmp_path / "empty.sqlite3"
    empty.touch()
    for db in (missing, empty):
        code, said = _run([*COMMANDS[command], "--db", f"sqlite:///{db}"], capsys, monkeypatch)
        assert code == 2
        assert "inspector-server init" in said and "\n" not in said
    assert not missing.exists() and empty.stat().st_size == 0


@pytest.mark.postgres
@pytest.mark.parametrize("command", COMMANDS)
def test_commands_on_a_never_initialised_postgres_database_say_to_run_init(
    command: str, empty_postgres: str, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    code, said = _run([*COMMANDS[command], "--db", empty_postgres], capsys, monkeypatch)
    assert code == 2
    assert "inspector-server init" in said and "\n" not in said


@pytest.mark.parametrize("command", [*COMMANDS, "init"])
def test_commands_on_a_database_that_does_not_answer_say_so_in_one_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    db = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/inspector"
    args = ["init", "--blobs", str(tmp_path / "blobs")] if command == "init" else COMMANDS[command]
    code, said = _run([*args, "--db", db], capsys, monkeypatch)
    assert code == 2
    assert "Cannot open the database" in said and "refused" in said and "\n" not in said


def test_serve_refuses_to_start_on_a_missing_or_silent_database(tmp_path: Path) -> None:
    for db in (
        f"sqlite:///{tmp_path / 'missing.sqlite3'}",
        f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/inspector",
    ):
        port = str(_closed_port())
        started = cli("serve", "--db", db, "--blobs", str(tmp_path / "blobs"), "--port", port)
        assert started.returncode == 2, started.stderr
        said = started.stderr.strip()
        assert "inspector-server init" in said and "\n" not in said
        assert "Traceback" not in said
    assert not (tmp_path / "missing.sqlite3").exists()
