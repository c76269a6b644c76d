"""The laptop's sync client against a real server, each figure against its floor.

    .venv/bin/python benchmarks/bench_sync_client.py [--inspections 20] [--photos 200]
        [--records 10000] [--postgres] [--profile] [--skip-photos | --skip-records]

Every server is a real `serve` process on 127.0.0.1 (SQLite in a temp dir, or
PostgreSQL at 127.0.0.1:5432 with --postgres), made as the server tests make it
(`tests/server/conftest.py`), with the shipped reference data imported. Three
measurements, each against a floor measured in the same run:

1. Initial sync of `--inspections` inspections with `--photos` camera-size photos
   (4032×3024 JPEGs, about 2.9 MB each) from a laptop that has pulled the reference
   data. Floor: the same blob bytes, one bare `requests` PUT per photo to
   `/api/v1/blobs/{sha256}` with the same kind of token, to a fresh server of its own,
   once before and once after the app's sync (the mean of the two). Target ≤ 1.3×.
2. No-op sync of a laptop holding `--records` synced records (inspections of about
   42 findings each, pushed and pulled back first): requests made and time.
   Targets ≤ 2 requests and < 100 ms. `--profile` prints what one such sync spends
   its time on (cProfile).
3. Pull of those records into an empty laptop store (a second data dir, a colleague
   in the same team). Floor: the same rows, converted to column values beforehand,
   inserted with SQLAlchemy Core into an empty store of the same schema, one
   transaction per page of 500 as the pull commits them.

The photos are a handful of distinct camera scenes (`write_camera_jpeg`), each copy
made unique by a JPEG comment segment, so every photo is its own blob of camera size
and the server decodes each in full, at a fraction of the time making them all takes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import requests
from sqlalchemy import func, insert, select

from inspector_app.services import photos as photo_ops
from inspector_app.services.demo_photos import write_camera_jpeg
from inspector_app.store.models import Blob, Finding, OutboxEntry
from inspector_app.store.store import Store
from inspector_app.store.wire import from_wire, synced_models
from inspector_app.sync import pull
from inspector_app.sync.api import ServerApi
from inspector_app.sync.engine import SyncProgress, SyncReport, sync_once
from inspector_app.sync.local import DirectStoreAccess

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the shared test helpers
from tests import builders
from tests.server.conftest import PASSWORD, PG_ADMIN, RunningServer, cli, start_server

SCENES = 6  # distinct camera pictures; the other photos are unique copies of them
NO_OP_RUNS = 7


def peak_mib() -> float:
    """The process's peak RSS so far (it only grows: setup and earlier steps count)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_at_reset = [0.0]


def _status_mib(field: str, pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    """Starts a new high-water mark for `step_peak_mib` (Linux: clear_refs 5)."""
    Path("/proc/self/clear_refs").write_text("5")
    _at_reset[0] = _status_mib("VmRSS")


def step_peak_mib(pid: int | str = "self") -> float:
    """VmHWM: the peak RSS since `reset_peak` (of another process: since its start)."""
    return _status_mib("VmHWM", pid)


def rss_line(what: str) -> str:
    return (
        f"| peak RSS {what} | **{step_peak_mib():.0f} MiB** during it ({_at_reset[0]:.0f} MiB "
        f"at its start), {peak_mib():.0f} MiB for the run so far (getrusage) | | |"
    )


class Servers:
    """Fresh servers for one run, each in its own folder (and database)."""

    def __init__(self, scratch: Path, postgres: bool) -> None:
        self.scratch, self.postgres = scratch, postgres
        self.running: dict[str, RunningServer] = {}
        self.databases: list[str] = []
        self.peaks: dict[str, float] = {}

    def start(self, name: str) -> RunningServer:
        folder = self.scratch / f"server-{name}"
        folder.mkdir(parents=True)
        if self.postgres:
            database = f"bench_client_{name}_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{database}"')
            self.databases.append(database)
            db = f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}"
        else:
            db = f"sqlite:///{folder / 'server.sqlite3'}"
        server = start_server(db, folder)
        self.running[name] = server
        loaded = cli("import-reference", "--as", "admin", "--db", db)
        assert loaded.returncode == 0, loaded.stderr
        return server

    def stop(self) -> None:
        for name, server in self.running.items():
            self.peaks[name] = step_peak_mib(server.process.pid)
            server.process.terminate()
            server.process.wait(timeout=30)
        for database in self.databases:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


class Laptop:
    def __init__(self, folder: Path, server: RunningServer, user: str) -> None:
        self.api = ServerApi(server.url)
        self.api.login(user, PASSWORD, device=folder.name)
        self.store = Store.open(folder)
        self.access = DirectStoreAccess(self.store)

    def sync(self, on_progress: Callable[[SyncProgress], None] | None = None) -> SyncReport:
        return sync_once(self.access, self.api, on_progress=on_progress)

    def timed_sync(self) -> tuple[float, int, SyncReport]:
        """Seconds and requests of one sync."""
        before = self.api.requests_made
        start = time.perf_counter()
        report = self.sync()
        return time.perf_counter() - start, self.api.requests_made - before, report

    def count(self, model: type) -> int:
        with self.store.unit_of_work() as uow:
            return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)

    def close(self) -> None:
        self.api.close()
        self.store.close()


# --- photos ---


def _with_comment(jpeg: bytes, text: str) -> bytes:
    """The same picture with a COM segment after its APPn segments: other bytes, same pixels."""
    at = 2
    while jpeg[at] == 0xFF and 0xE0 <= jpeg[at + 1] <= 0xEF:
        at += 2 + int.from_bytes(jpeg[at + 2 : at + 4], "big")
    payload = text.encode()
    segment = b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload
    return jpeg[:at] + segment + jpeg[at:]


def camera_photos(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    rng = random.Random(5)
    scenes = [
        write_camera_jpeg(
            folder / f"scene-{n}.jpg",
            taken_at=datetime.now(UTC),
            portrait=n % 3 == 0,
            label=f"scene {n}",
            rng=rng,
        ).read_bytes()
        for n in range(min(SCENES, count))
    ]
    paths = []
    for n in range(count):
        path = folder / f"IMG_{n:04d}.jpg"
        path.write_bytes(_with_comment(scenes[n % len(scenes)], f"photo {n}"))
        paths.append(path)
    return paths


def record_inspections(laptop: Laptop, inspections: int, photos: list[Path]) -> None:
    """`inspections` inspections; the photos spread over their findings, a few per finding."""
    store = laptop.store
    with ThreadPoolExecutor(2) as pool:  # as the app imports: file work on two threads
        imported = list(pool.map(store.photos.import_file, photos))
    per = -(-len(photos) // max(1, inspections))
    for n in range(inspections):
        with store.unit_of_work() as uow:
            inspection_id = builders.start_in(uow)
            findings = uow.session.scalars(
                select(Finding.id)
                .where(Finding.inspection_id == inspection_id)
                .order_by(Finding.item_code)
            ).all()
            for k, photo in enumerate(imported[n * per : (n + 1) * per]):
                photo_ops.attach_imported_photo(uow, findings[k % len(findings)], photo)
            uow.commit()


# --- 1. initial sync with photos ---


def bare_uploads(server: RunningServer, blobs: list[tuple[str, Path]]) -> float:
    session = requests.Session()
    token = server.login("zhang").json()["token"]
    session.headers.update({"Authorization": f"Bearer {token}", "X-Inspector-Protocol": "1"})
    start = time.perf_counter()
    for sha256, path in blobs:
        with path.open("rb") as handle:
            reply = session.put(f"{server.url}/api/v1/blobs/{sha256}", data=handle, timeout=120)
        assert reply.status_code in (200, 201), reply.text
    elapsed = time.perf_counter() - start
    session.close()
    return elapsed


def initial_sync(servers: Servers, scratch: Path, inspections: int, photos: int) -> list[str]:
    server = servers.start("photos")
    laptop = Laptop(scratch / "laptop-photos", server, "zhang")
    laptop.sync()  # the reference data, as every laptop's first sync
    files = camera_photos(scratch / "camera", photos)
    record_inspections(laptop, inspections, files)
    for path in files:
        path.unlink()
    outbox = laptop.count(OutboxEntry)
    with laptop.store.unit_of_work() as uow:
        blobs = [
            (sha, laptop.store.photos.original_path(sha))
            for sha in uow.session.scalars(select(Blob.sha256).order_by(Blob.sha256))
        ]
    size = sum(path.stat().st_size for _, path in blobs)

    stages: dict[str, list[float]] = {}

    def progress(step: SyncProgress) -> None:
        now = time.perf_counter()
        stages.setdefault(step.stage, [now, now])[1] = now

    # The floor runs before and after the app (each to its own fresh server), so a
    # machine that gets busier or quieter meanwhile moves both sides alike.
    floor_before = bare_uploads(servers.start("floor-before"), blobs)
    before = laptop.api.requests_made
    reset_peak()
    start = time.perf_counter()
    report = laptop.sync(progress)
    app = time.perf_counter() - start
    requests_made = laptop.api.requests_made - before
    assert report.photos_uploaded == len(blobs) and report.rejected == 0, report
    assert laptop.count(OutboxEntry) == 0
    laptop.close()
    app_peak = rss_line(f"of the initial sync ({len(blobs)} photos)")

    floor_after = bare_uploads(servers.start("floor-after"), blobs)
    floor = (floor_before + floor_after) / 2
    mb = size / 1e6
    upload = stages.get("upload", [start, start])
    lines = [
        f"| initial sync: {inspections} inspections, {outbox} outbox entries, "
        f"{len(blobs)} photos ({mb:.0f} MB, 4032×3024) | app {app:.1f} s ({mb / app:.1f} MB/s, "
        f"{requests_made} requests; uploads {upload[1] - upload[0]:.1f} s), bare PUT loop "
        f"{floor:.1f} s ({floor_before:.1f} s before, {floor_after:.1f} s after; "
        f"{mb / floor:.1f} MB/s, {len(blobs)} requests) | "
        f"**{app / floor:.2f}×** | target ≤ 1.3× |",
        app_peak,
    ]
    for line in lines:
        print(line, flush=True)
    return lines


# --- 2. no-op sync and 3. pull into an empty store ---


def _inspections_for(laptop: Laptop, records: int) -> int:
    """Records `records` outbox entries' worth of inspections (measured on the first)."""
    with laptop.store.unit_of_work() as uow:
        builders.start_in(uow)
        uow.commit()
    per = laptop.count(OutboxEntry)
    wanted = max(1, -(-records // per))
    done = 1
    while done < wanted:
        with laptop.store.unit_of_work() as uow:
            for _ in range(min(10, wanted - done)):
                builders.start_in(uow)
                done += 1
            uow.commit()
    return wanted


def profile_summary(laptop: Laptop, lines: int = 14) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    laptop.sync()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime")
    stats.print_stats(lines)
    return out.getvalue()


def fetch_changes(server: RunningServer, user: str) -> list[list[dict]]:
    """Every page a pull from 0 gets, as the server sends it."""
    session = requests.Session()
    token = server.login(user).json()["token"]
    session.headers.update({"Authorization": f"Bearer {token}", "X-Inspector-Protocol": "1"})
    pages, cursor = [], "0"
    while True:
        page = session.get(
            f"{server.url}/api/v1/sync/changes",
            params={"cursor": cursor, "limit": pull.PAGE},
            timeout=120,
        ).json()
        pages.append(page["changes"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            session.close()
            return pages


def bare_inserts(folder: Path, pages: list[list[dict]]) -> tuple[float, int]:
    """The pages' rows as column values, inserted page by page into an empty store."""
    models = synced_models()
    converted: list[dict[type, dict[str, dict]]] = []
    for page in pages:
        rows: dict[type, dict[str, dict]] = {}
        for change in page:
            model = models[change["entity"]]
            values = from_wire(model, change["fields"])
            values |= {"id": change["id"], "deleted": change["deleted"]}
            values["server_rev"] = change["seq"]
            rows.setdefault(model, {})[change["id"]] = values  # the last version of a record
        converted.append(rows)
    store = Store.open(folder)
    start = time.perf_counter()
    for rows in converted:
        with store.unit_of_work(suppress_outbox=True, relaxed_references=True) as uow:
            for model, by_id in rows.items():
                uow.session.execute(insert(model), list(by_id.values()))
            uow.commit()
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, sum(len(page) for page in pages)


def records_syncs(servers: Servers, scratch: Path, records: int, profile: bool) -> list[str]:
    server = servers.start("records")
    server.add_user("wang", "inspector", "一组")
    laptop = Laptop(scratch / "laptop-records", server, "zhang")
    laptop.sync()
    inspections = _inspections_for(laptop, records)
    entries = laptop.count(OutboxEntry)
    pushed_in, push_requests, pushed = laptop.timed_sync()
    assert pushed.pushed == entries and pushed.rejected == 0, pushed
    reset_peak()
    runs = [laptop.timed_sync() for _ in range(NO_OP_RUNS)]
    no_op_peak = rss_line("of the no-op syncs")
    no_op = statistics.median(seconds for seconds, _, _ in runs)
    fastest = min(seconds for seconds, _, _ in runs)
    no_op_requests = max(made for _, made, _ in runs)
    assert all(report.pushed == report.pulled == 0 for _, _, report in runs)
    summary = profile_summary(laptop) if profile else ""
    laptop.close()

    empty = Laptop(scratch / "laptop-empty", server, "wang")
    reset_peak()
    pull_in, pull_requests, pulled = empty.timed_sync()
    pull_peak = rss_line(f"of the pull of {pulled.pulled} records")
    synced = empty.count(OutboxEntry)
    assert synced == 0, synced
    empty.close()
    pages = fetch_changes(server, "wang")
    floor, rows = bare_inserts(scratch / "laptop-floor", pages)
    assert rows == pulled.pulled, (rows, pulled.pulled)

    lines = [
        f"| first sync pushing {entries} records ({inspections} inspections) | "
        f"{pushed_in:.1f} s, {entries / pushed_in:,.0f} records/s, {push_requests} requests "
        f"(pulls them back too) | | |",
        f"| no-op sync, laptop holding {entries} synced records | "
        f"**{no_op * 1000:.0f} ms** median of {NO_OP_RUNS} (fastest {fastest * 1000:.0f} ms), "
        f"**{no_op_requests} requests** | | targets < 100 ms, ≤ 2 requests |",
        no_op_peak,
        f"| pull of {pulled.pulled} records into an empty laptop store | app {pull_in:.1f} s "
        f"(**{pulled.pulled / pull_in:,.0f} records/s**, {pull_requests} requests), bare "
        f"SQLAlchemy insert {floor:.2f} s ({rows / floor:,.0f} records/s) | "
        f"**{pull_in / floor:.1f}×** | |",
        pull_peak,
    ]
    for line in lines:
        print(line, flush=True)
    if summary:
        print(f"\ncProfile of one no-op sync (by own time):\n{summary}", flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspections", type=int, default=20)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--profile", action="store_true", help="profile one no-op sync")
    parser.add_argument("--skip-photos", action="store_true", help="only measurements 2 and 3")
    parser.add_argument("--skip-records", action="store_true", help="only measurement 1")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-sync-client-"))
    servers = Servers(scratch, args.postgres)
    lines: list[str] = []
    try:
        if not args.skip_photos:
            lines += initial_sync(servers, scratch, args.inspections, args.photos)
        if not args.skip_records:
            lines += records_syncs(servers, scratch, args.records, args.profile)
    finally:
        servers.stop()
        shutil.rmtree(scratch, ignore_errors=True)  # 2,000 photos leave 15-25 GB
    kind = "PostgreSQL" if args.postgres else "SQLite"
    print(f"\nResults ({kind} server, {datetime.now(UTC):%Y-%m-%d}):")
    print("| what | measured | ratio | target |")
    print("| --- | --- | --- | --- |")
    for line in lines:
        print(line)
    print(f"| peak RSS of the whole run (benchmark process) | **{peak_mib():.0f} MiB** | | |")
    for name, peak in servers.peaks.items():
        print(f"| peak RSS of the server process `{name}` (VmHWM) | **{peak:.0f} MiB** | | |")


if __name__ == "__main__":
    main()
