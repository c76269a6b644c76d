"""Push 10,000 records in batches and pull them back, against plain SQLAlchemy inserts.

    .venv/bin/python benchmarks/bench_sync.py [--records 10000] [--postgres]

The server runs as a real process on 127.0.0.1; the floor inserts the same rows into
the same table through SQLAlchemy alone, in the same run, on the same database kind.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import requests
from sqlalchemy import insert

from inspector_app.server.database import make_engine, migrate
from inspector_app.server.models import SyncRecord, User

PASSWORD = "benchmark-password"
SERVER = [sys.executable, "-m", "inspector_app.server.cli"]


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database(postgres: bool, folder: Path, name: str) -> str:
    if not postgres:
        return f"sqlite:///{folder / name}.sqlite3"
    db = f"bench_{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{db}"')
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{db}"


def floor(url: str, rows: list[dict]) -> float:
    engine = make_engine(url)
    migrate(engine)
    now = datetime.now(UTC)
    with engine.begin() as conn:  # the owner the rows point at
        conn.execute(
            insert(User).values(
                id=1,
                username="floor",
                role="inspector",
                team="一组",
                password_hash="-",
                active=True,
                created_at=now,
            )
        )
    start = time.perf_counter()
    for chunk in range(0, len(rows), 200):
        with engine.begin() as conn:
            conn.execute(
                insert(SyncRecord),
                [
                    {
                        "entity": "finding",
                        "id": r["id"],
                        "team": "一组",
                        "seq": n,
                        "deleted": False,
                        "data": r["fields"],
                        "field_seq": dict.fromkeys(r["fields"], n),
                        "created_by": 1,
                        "updated_at": now,
                    }
                    for n, r in enumerate(rows[chunk : chunk + 200], start=chunk + 1)
                ],
            )
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    rows = [
        {
            "id": str(uuid.uuid4()),
            "fields": {
                "description": f"9时20分，{n % 20 + 1}号窗口无人在岗。",
                "result": "fail",
                "window_no": str(n % 20 + 1),
                "severity": "general",
            },
        }
        for n in range(args.records)
    ]
    url = _database(args.postgres, folder, "server")
    subprocess.run([*SERVER, "init", "--db", url, "--blobs", str(folder / "blobs")], check=True)
    subprocess.run(
        [
            *SERVER,
            "create-user",
            "bench",
            "--role",
            "inspector",
            "--team",
            "一组",
            "--password-stdin",
            "--db",
            url,
        ],
        input=PASSWORD + "\n",
        text=True,
        check=True,
        capture_output=True,
    )
    port = _port()
    process = subprocess.Popen(
        [*SERVER, "serve", "--db", url, "--port", str(port), "--blobs", str(folder / "blobs")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                requests.get(f"{base}/healthz", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        session = requests.Session()
        token = session.post(
            f"{base}/api/v1/auth/login",
            timeout=30,
            json={"username": "bench", "password": PASSWORD},
        ).json()["token"]
        session.headers["Authorization"] = f"Bearer {token}"
        start = time.perf_counter()
        for chunk in range(0, len(rows), 200):
            mutations = [
                {
                    "mutation_id": str(uuid.uuid4()),
                    "entity": "finding",
                    "id": r["id"],
                    "fields": r["fields"],
                }
                for r in rows[chunk : chunk + 200]
            ]
            reply = session.post(
                f"{base}/api/v1/sync/push",
                timeout=120,
                json={"client_id": "bench", "schema_version": 4, "mutations": mutations},
            )
            assert reply.status_code == 200, reply.text
        pushed = time.perf_counter() - start
        start, cursor, pulled_rows = time.perf_counter(), "0", 0
        while True:
            page = session.get(
                f"{base}/api/v1/sync/changes", timeout=120, params={"cursor": cursor, "limit": 500}
            ).json()
            pulled_rows += len(page["changes"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        pulled = time.perf_counter() - start
        assert pulled_rows == len(rows), pulled_rows
    finally:
        process.terminate()
        process.wait(timeout=30)
    reference = floor(_database(args.postgres, folder, "floor"), rows)
    kind = "PostgreSQL" if args.postgres else "SQLite"
    n = len(rows)
    print(
        f"| {kind}: push {n} records (batches of 200) | **{n / pushed:,.0f} records/s** | "
        f"plain SQLAlchemy insert {n / reference:,.0f} records/s ({pushed / reference:.1f}×) |"
    )
    print(f"| {kind}: pull {n} records (pages of 500) | **{n / pulled:,.0f} records/s** | |")


if __name__ == "__main__":
    main()
