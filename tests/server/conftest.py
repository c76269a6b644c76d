"""A real `inspector-server serve` process on 127.0.0.1, on SQLite and on PostgreSQL."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import requests

SERVER = [sys.executable, "-m", "inspector_app.server.cli"]
PASSWORD = "correct-horse-battery"
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


@dataclass
class RunningServer:
    url: str
    db: str
    log: Path
    process: subprocess.Popen

    def login(self, username: str, password: str = PASSWORD) -> requests.Response:
        return requests.post(
            f"{self.url}/api/v1/auth/login",
            timeout=30,
            json={"username": username, "password": password, "device": "pytest"},
        )

    def add_user(self, username: str, role: str, team: str) -> None:
        """An account made through the admin API (the fixture's four come from the CLI)."""
        requests.post(
            f"{self.url}/api/v1/admin/users",
            headers=self.token("admin"),
            json={"username": username, "password": PASSWORD, "role": role, "team": team},
            timeout=30,
        ).raise_for_status()

    def token(self, username: str) -> dict[str, str]:
        response = self.login(username)
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}


def openapi_spec() -> dict:
    """The app's own OpenAPI description, built without leaving a blobs/ folder behind."""
    from inspector_app.server.app import create_app

    with tempfile.TemporaryDirectory() as blobs:
        return create_app("sqlite://", blobs_dir=Path(blobs)).openapi()


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SERVER, *args], input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    name = f"inspector_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


ACCOUNTS = (
    ("admin", "admin", ""),
    ("chen", "supervisor", "一组"),
    ("zhang", "inspector", "一组"),
    ("li", "inspector", "二组"),
)


def _init_with_accounts(db: str, blobs: Path) -> None:
    assert cli("init", "--db", db, "--blobs", str(blobs)).returncode == 0
    for name, role, team in ACCOUNTS:
        done = cli(
            "create-user",
            name,
            "--role",
            role,
            "--team",
            team,
            "--password-stdin",
            "--db",
            db,
            stdin=PASSWORD + "\n",
        )
        assert done.returncode == 0, done.stderr


class _Templates:
    """One initialised database per backend, copied for each server.

    `init` and four `create-user` runs cost five CLI starts (about ten seconds
    on the CI machine) per test; the copy gives every test the same fresh
    database the CLI would have made, in a fraction of that.
    """

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="inspector-server-templates-"))
        self.sqlite: Path | None = None
        self.postgres: str | None = None
        atexit.register(self.remove)

    def sqlite_copy(self, target: Path) -> None:
        if self.sqlite is None:
            template = self.folder / "template.sqlite3"
            _init_with_accounts(f"sqlite:///{template}", self.folder / "blobs")
            self.sqlite = template
        shutil.copyfile(self.sqlite, target)

    def postgres_copy(self, name: str) -> None:
        if self.postgres is None:
            template = f"inspector_template_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{template}"')
            _init_with_accounts(
                f"postgresql+psycopg://postgres@127.0.0.1:5432/{template}", self.folder / "blobs"
            )
            self.postgres = template
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.postgres}"')

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.postgres is not None:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.postgres}" WITH (FORCE)')


_templates = _Templates()


def _postgres_is_empty(name: str) -> bool:
    dsn = f"host=127.0.0.1 port=5432 user=postgres dbname={name}"
    with psycopg.connect(dsn) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    return tables is not None and tables[0] == 0


def prepare_database(db: str, blobs: Path) -> None:
    """A fresh database as `init` plus the four accounts leave it; a used one is kept."""
    blobs.mkdir(parents=True, exist_ok=True)
    if db.startswith("sqlite:///"):
        path = Path(db.removeprefix("sqlite:///"))
        if not path.exists():
            _templates.sqlite_copy(path)
            return
    elif db.startswith("postgresql"):
        name = db.rsplit("/", 1)[1]
        if _postgres_is_empty(name):
            _templates.postgres_copy(name)
            return
    _init_with_accounts(db, blobs)


def start_server(db: str, tmp_path: Path, *extra: str) -> RunningServer:
    prepare_database(db, tmp_path / "blobs")
    return launch_server(db, tmp_path, *extra)


def launch_server(
    db: str, tmp_path: Path, *extra: str, port: int | None = None, scheme: str = "http"
) -> RunningServer:
    """`serve` on a database as it is (a restart), once /healthz answers. `port` restarts
    on the same address; `scheme` is https when `extra` gives --tls-cert/--tls-key."""
    port = port or _free_port()
    log = tmp_path / f"server-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                *SERVER,
                "serve",
                "--db",
                db,
                "--blobs",
                str(tmp_path / "blobs"),
                "--port",
                str(port),
                *extra,
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    url = f"{scheme}://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with warnings.catch_warnings():  # a test CA's server: only asking if it is up
                warnings.simplefilter("ignore")
                answered = requests.get(f"{url}/healthz", timeout=2, verify=False)
            if answered.status_code == 200:
                return RunningServer(url, db, log, process)
        except requests.ConnectionError:
            time.sleep(0.1)
        assert process.poll() is None, log.read_text()
    raise TimeoutError(log.read_text())


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def server_on(
    backend: str, folder: Path, *extra: str, env: dict[str, str] | None = None
) -> Iterator[RunningServer]:
    """A server on a fresh database of `backend` ("sqlite" or "postgres") while the block
    runs: module fixtures share one across their tests (a start costs seconds)."""
    name = f"inspector_test_{uuid.uuid4().hex[:12]}"
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'server.sqlite3'}"
    else:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        with pytest.MonkeyPatch.context() as patch:
            for variable, value in (env or {}).items():
                patch.setenv(variable, value)
            running = start_server(url, folder, *extra)
        try:
            yield running
        finally:
            running.process.terminate()
            running.process.wait(timeout=30)
    finally:
        if backend == "postgres":
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[RunningServer]:
    running = start_server(database_url, tmp_path)
    yield running
    running.process.terminate()
    running.process.wait(timeout=30)


def mutation(
    entity: str,
    record_id: str,
    fields: dict,
    *,
    base_rev: int | None = None,
    deleted: bool = False,
) -> dict:
    """One outbox entry as the app sends it."""
    return {
        "mutation_id": str(uuid.uuid4()),
        "entity": entity,
        "id": record_id,
        "base_rev": base_rev,
        "fields": fields,
        "deleted": deleted,
    }


def push(server: RunningServer, headers: dict, *mutations: dict) -> list[dict]:
    """One push batch; the per-mutation results."""
    response = requests.post(
        f"{server.url}/api/v1/sync/push",
        headers=headers,
        timeout=60,
        json={"client_id": "laptop-1", "schema_version": 4, "mutations": list(mutations)},
    )
    assert response.status_code == 200, response.text
    return response.json()["results"]
