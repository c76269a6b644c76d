"""50 concurrent inspectors pushing and pulling against one real server, with an HTTP floor.

    .venv/bin/python benchmarks/bench_load.py [--clients 50] [--rounds 6] [--postgres]

The server is a real `inspector-server serve` process on 127.0.0.1 (SQLite, or a throwaway
PostgreSQL database with --postgres). Each client thread logs in as its own inspector
(spread over five teams) and, per round, pushes one batch of new records (an inspection and
its findings, about 20 mutations), in some rounds also an edit of one of its earlier records
with the right base_rev, then pulls its team's changes from its cursor until has_more is
false. Every non-200 reply and every mutation that is not `applied` is an error.

Floor, in the same run: every client replays its request sequence (same count, same request
body sizes, same 50 concurrency) as plain GETs of /healthz, three times, the median kept; the
load is reported as a ratio against loopback HTTP through the same client and server stack.

At the end an admin pulls everything: each pushed record must be there exactly once, with
the fields last pushed; each client must have pulled all its own records and none from
another team.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import requests

PASSWORD = "benchmark-password"
SERVER = [sys.executable, "-m", "inspector_app.server.cli"]
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
TEAMS = ("一组", "二组", "三组", "四组", "五组")
TIMEOUT = 120
# create-user, run in one process per half of the accounts: one import, not fifty.
CREATE_USERS = """
import io, sys
from inspector_app.server.cli import main
db, password = sys.argv[1], sys.stdin.readline().rstrip("\\n")
for spec in sys.argv[2:]:
    name, role, team = spec.split(":")
    sys.stdin = io.StringIO(password + "\\n")
    args = ["create-user", name, "--role", role, "--team", team, "--password-stdin", "--db", db]
    if main(args) != 0:
        raise SystemExit(f"create-user {name} failed")
"""

SITES = [
    "伊春市政务服务中心",
    "伊美区政务服务中心",
    "乌翠区政务服务中心",
    "友好区政务服务中心",
    "金林区政务服务中心",
    "铁力市政务服务中心",
    "嘉荫县政务服务中心",
    "汤旺县政务服务中心",
]
ITEMS = [
    ("A-01", "A", "窗口人员在岗情况"),
    ("A-02", "A", "工作人员佩戴工牌、规范着装"),
    ("A-03", "A", "服务用语文明规范"),
    ("B-01", "B", "一次性告知落实情况"),
    ("B-02", "B", "不得要求重复提交材料"),
    ("B-03", "B", "办事指南公示内容与实际一致"),
    ("C-01", "C", "自助服务设备运行情况"),
    ("C-02", "C", "“好差评”评价器使用情况"),
    ("C-03", "C", "帮办代办服务落实情况"),
    ("D-01", "D", "首问负责、限时办结制度执行"),
]
SENTENCES = [
    "{h}时{m:02d}分，{w}号窗口无人在岗，窗口前有{k}名群众等候约{t}分钟，工作人员返回后未作解释。",
    "不动产登记窗口要求申请人提供营业执照复印件，该材料已可通过部门间共享获取，属于重复提交材料。",
    "自助服务区{k}台自助终端中有1台黑屏无法使用，未张贴故障提示，现场也无人引导群众改用其他设备。",
    "办事指南公示的办理时限为5个工作日，与业务系统中设置的10个工作日不一致，群众咨询时工作人员无法说明原因。",
    "工号为{badge}的工作人员在窗口内使用手机浏览短视频约{t}分钟，期间有群众前来咨询未予理睬。",
    "“好差评”评价器处于关闭状态，群众办结业务后无法对服务进行评价。",
    "综合受理窗口对营业执照变更登记未一次性告知所需材料，群众反映已往返{k}次。",
    "帮办代办窗口未设置明显标识，导办人员不在岗，老年群众在大厅内询问多名工作人员后才找到办理窗口。",
]


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def account(n: int) -> tuple[str, str]:
    """Client n's user name and team."""
    return f"inspector{n:02d}", TEAMS[n % len(TEAMS)]


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _description(rng: random.Random) -> str:
    """One to three sentences of a problem as inspectors write them (40-150 characters)."""
    return "".join(
        s.format(
            h=rng.randint(8, 16),
            m=rng.randint(0, 59),
            w=rng.randint(1, 24),
            k=rng.randint(2, 9),
            t=rng.randint(5, 40),
            badge=f"YC{rng.randint(1000, 9999)}",
        )
        for s in rng.sample(SENTENCES, rng.randint(1, 3))
    )


@dataclass
class Record:
    entity: str
    team: str
    fields: dict[str, Any]
    seq: int = 0  # the server's revision of the record after our last push


@dataclass
class Stats:
    push: list[float] = field(default_factory=list)
    pull: list[float] = field(default_factory=list)
    pushed: int = 0  # mutations applied
    pulled: int = 0  # changes received
    edits: int = 0
    errors: list[str] = field(default_factory=list)


class Client:
    """One inspector's laptop: its own account, records, cursor and connection."""

    def __init__(self, n: int, base: str, batch: int, page: int, seed: int) -> None:
        self.name, self.team = account(n)
        self.base, self.batch, self.page = base, batch, page
        self.rng = random.Random(seed * 1000 + n)
        self.http = requests.Session()
        self.http.headers.update(
            {"X-Inspector-Protocol": "1", "Content-Type": "application/json; charset=utf-8"}
        )
        self.records: dict[str, Record] = {}
        self.cursor = "0"
        self.seen: set[str] = set()
        self.uncertain: set[str] = set()  # ids in a push that failed: applied or not
        self.rounds_done = 0
        self.sizes: list[int] = []  # request body size of each timed request, for the floor
        self.stats = Stats()
        self.clock = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def login(self) -> None:
        reply = self.http.post(
            f"{self.base}/api/v1/auth/login",
            timeout=TIMEOUT,
            data=json.dumps({"username": self.name, "password": PASSWORD, "device": "bench"}),
        )
        reply.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {reply.json()['token']}"

    def _new_inspection(self) -> tuple[str, dict[str, Any]]:
        self.clock += timedelta(hours=self.rng.randint(20, 30))
        now, rid = _iso(self.clock), str(uuid.uuid4())
        site = self.rng.randrange(len(SITES))
        return rid, {
            "id": rid,
            "created_at": now,
            "updated_at": now,
            "campaign_id": str(uuid.UUID(int=7)),
            "template_id": str(uuid.UUID(int=1)),
            "site_id": str(uuid.UUID(int=100 + site)),
            "mode": self.rng.choice(["covert", "overt"]),
            "team": [self.name, f"{self.team}同事"],
            "started_at": now,
            "ended_at": None,
            "status": "draft",
            "note": f"{SITES[site]}，{self.clock:%m月%d日}上午明察暗访，大厅人流量较大。",
            "review_comment": "",
            "submitted_at": None,
            "reviewed_at": None,
            "recheck_of_id": None,
        }

    def _new_finding(self, inspection_id: str, n: int) -> tuple[str, dict[str, Any]]:
        code, category, title = ITEMS[n % len(ITEMS)]
        fail = self.rng.random() < 0.5
        stamp, rid = _iso(self.clock + timedelta(minutes=3 * n)), str(uuid.uuid4())
        return rid, {
            "id": rid,
            "created_at": stamp,
            "updated_at": stamp,
            "inspection_id": inspection_id,
            "item_code": code,
            "category_code": category,
            "title": title,
            "result": "fail" if fail else "pass",
            "severity": self.rng.choice(["minor", "general", "serious"]) if fail else "general",
            "photo_required": fail,
            "description": _description(self.rng) if fail else "",
            "window_no": str(self.rng.randint(1, 24)) if fail else "",
            "staff_badge": f"YC{self.rng.randint(1000, 9999)}" if fail else "",
            "unit_id": str(uuid.UUID(int=200 + self.rng.randint(0, 30))),
            "observed_at": stamp,
            "status": "recorded",
            "recheck_of_id": None,
        }

    def _edit(self) -> dict[str, Any] | None:
        """Change one earlier record from the revision the server last gave us (None when
        every earlier inspection is submitted, so nothing is editable)."""
        drafts = [
            rid
            for rid, r in self.records.items()
            if r.entity == "inspection" and r.fields["status"] == "draft"
        ]
        editable = [
            rid
            for rid, r in self.records.items()
            if r.entity == "finding" and r.fields["inspection_id"] in drafts
        ]  # a submitted inspection's findings are read-only on the server
        if not drafts:
            return None
        stamp = _iso(self.clock)
        if self.rng.random() < 0.3 or not editable:
            rid = self.rng.choice(drafts)
            fields = {
                "status": "submitted",
                "ended_at": stamp,
                "submitted_at": stamp,
                "updated_at": stamp,
            }
        else:
            rid = self.rng.choice(editable)
            fields = {
                "result": "fail",
                "severity": "serious",
                "description": _description(self.rng),
                "updated_at": stamp,
            }
        record = self.records[rid]
        return {
            "mutation_id": str(uuid.uuid4()),
            "entity": record.entity,
            "id": rid,
            "base_rev": record.seq,
            "fields": fields,
            "hlc": f"{time.time_ns() // 1_000_000:015d}",
        }

    def _timed(self, kind: str, call: Callable[[], requests.Response]) -> requests.Response | None:
        start = time.perf_counter()
        try:
            reply = call()
        except requests.RequestException as error:
            self.stats.errors.append(f"{self.name} {kind}: {error!r}")
            return None
        getattr(self.stats, kind).append(time.perf_counter() - start)
        if reply.status_code != 200:
            self.stats.errors.append(f"{self.name} {kind}: {reply.status_code} {reply.text[:300]}")
            return None
        return reply

    def push(self) -> None:
        inspection_id, fields = self._new_inspection()
        new = [("inspection", inspection_id, fields)]
        for n in range(self.batch - 1):
            rid, finding = self._new_finding(inspection_id, n)
            new.append(("finding", rid, finding))
        mutations = [
            {
                "mutation_id": str(uuid.uuid4()),
                "entity": entity,
                "id": rid,
                "fields": f,
                "hlc": f"{time.time_ns() // 1_000_000:015d}",
            }
            for entity, rid, f in new
        ]
        if self.records and self.rng.random() < 0.5 and (edit := self._edit()):
            mutations.append(edit)
        body = json.dumps(
            {"client_id": self.name, "schema_version": 4, "mutations": mutations},
            ensure_ascii=False,
        ).encode()
        self.sizes.append(len(body))
        reply = self._timed(
            "push",
            lambda: self.http.post(f"{self.base}/api/v1/sync/push", data=body, timeout=TIMEOUT),
        )
        if reply is None:
            self.uncertain.update(m["id"] for m in mutations)
            return
        results = reply.json()["results"]
        if len(results) != len(mutations):
            self.stats.errors.append(f"{self.name} push: {len(results)} results")
        for mutation, result in zip(mutations, results, strict=False):
            if result["status"] != "applied" or result["mutation_id"] != mutation["mutation_id"]:
                self.stats.errors.append(f"{self.name} push: {json.dumps(result)[:300]}")
                continue
            self.stats.pushed += 1
            record = self.records.get(mutation["id"])
            if record is None:
                record = self.records[mutation["id"]] = Record(
                    mutation["entity"], self.team, dict(mutation["fields"])
                )
            else:
                record.fields.update(mutation["fields"])
                self.stats.edits += 1
            record.seq = result["seq"]

    def pull(self) -> None:
        while True:
            self.sizes.append(0)
            reply = self._timed(
                "pull",
                lambda: self.http.get(
                    f"{self.base}/api/v1/sync/changes",
                    params={"cursor": self.cursor, "limit": self.page},
                    timeout=TIMEOUT,
                ),
            )
            if reply is None:
                return
            page = reply.json()
            self.stats.pulled += len(page["changes"])
            self.seen.update(change["id"] for change in page["changes"])
            self.cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        unseen = self.records.keys() - self.seen
        if unseen:  # our own pushes committed before this pull began
            self.stats.errors.append(f"{self.name} pull: {len(unseen)} own records never pulled")

    def run(self, rounds: int, deadline: float) -> None:
        for _ in range(rounds):
            if time.monotonic() > deadline:
                break
            self.push()
            self.pull()
            self.rounds_done += 1


def floor_client(base: str, sizes: list[int], out: Stats) -> None:
    """The same number of requests with the same body sizes, to an endpoint doing nothing."""
    http = requests.Session()
    http.headers["Content-Type"] = "application/json"
    for size in sizes:
        began = time.perf_counter()
        try:
            reply = http.get(f"{base}/healthz", data=b" " * size or None, timeout=TIMEOUT)
        except requests.RequestException as error:
            out.errors.append(f"floor: {error!r}")
            continue
        (out.push if size else out.pull).append(time.perf_counter() - began)
        if reply.status_code != 200:
            out.errors.append(f"floor: {reply.status_code} {reply.text[:300]}")


def run_threads(targets: list[Callable[[], None]]) -> float:
    """Seconds from the moment every thread is ready to the end of the last one."""
    began: list[float] = []
    start = threading.Barrier(len(targets), action=lambda: began.append(time.perf_counter()))

    def body(target: Callable[[], None]) -> None:
        start.wait()
        target()

    threads = [threading.Thread(target=body, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began[0]


def percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "n/a"
    ordered = sorted(values)
    p99 = statistics.quantiles(ordered, n=100, method="inclusive")[98]
    return (
        f"{statistics.median(ordered) * 1000:.0f} / {p99 * 1000:.0f} / {ordered[-1] * 1000:.0f} ms"
    )


def verify(base: str, admin: requests.Session, clients: list[Client]) -> list[str]:
    """Everything pushed is on the server exactly once, as last pushed, in its team only."""
    problems: list[str] = []
    expected = {rid: r for c in clients for rid, r in c.records.items()}
    uncertain = {rid for c in clients for rid in c.uncertain}
    found: dict[str, int] = {}
    cursor, last_seq = "0", 0
    while True:
        reply = admin.get(
            f"{base}/api/v1/sync/changes", params={"cursor": cursor, "limit": 1000}, timeout=TIMEOUT
        )
        reply.raise_for_status()
        page = reply.json()
        for change in page["changes"]:
            found[change["id"]] = found.get(change["id"], 0) + 1
            if change["seq"] <= last_seq:
                problems.append(f"seq {change['seq']} after {last_seq}")
            last_seq = change["seq"]
            record = expected.get(change["id"])
            if record is None or change["id"] in uncertain:
                continue
            if change["fields"] != record.fields or change["deleted"]:
                problems.append(f"{change['entity']} {change['id']}: not as last pushed")
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    missing = expected.keys() - found.keys()
    extra = found.keys() - expected.keys() - uncertain
    twice = [rid for rid, n in found.items() if n != 1]
    if missing or extra or twice:
        problems.append(f"{len(missing)} missing, {len(extra)} unexpected, {len(twice)} repeated")
    for client in clients:
        foreign = [
            rid for rid in client.seen if rid in expected and expected[rid].team != client.team
        ]
        if foreign:
            problems.append(f"{client.name} pulled {len(foreign)} records of other teams")
    print(
        f"verified: {len(found):,} records in the admin pull, "
        f"{len(expected):,} pushed, each once: {'no' if problems else 'yes'}"
    )
    return problems


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--batch", type=int, default=20, help="new records per push")
    parser.add_argument("--page", type=int, default=500, help="pull page size (server default)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument(
        "--time-limit", type=float, default=90, help="no new rounds after this many seconds"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    pg_name = f"bench_load_{uuid.uuid4().hex[:8]}"
    if args.postgres:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{pg_name}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{pg_name}"
    else:
        url = f"sqlite:///{folder / 'server.sqlite3'}"
    blobs = str(folder / "blobs")
    log_path = folder / "server.log"
    process: subprocess.Popen[bytes] | None = None
    phases: dict[str, float] = {}
    began = time.perf_counter()
    try:
        subprocess.run([*SERVER, "init", "--db", url, "--blobs", blobs], check=True)
        accounts = [account(n) for n in range(args.clients)]
        specs = ["admin:admin:", *(f"{name}:inspector:{team}" for name, team in accounts)]
        makers = [
            subprocess.Popen(
                [sys.executable, "-c", CREATE_USERS, url, *specs[half::2]],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                text=True,
            )
            for half in (0, 1)
        ]
        for maker in makers:
            maker.communicate(PASSWORD + "\n")
            assert maker.returncode == 0, "create-user failed"
        phases["init, create-user"] = time.perf_counter() - began
        port = _port()
        base = f"http://127.0.0.1:{port}"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [*SERVER, "serve", "--db", url, "--port", str(port), "--blobs", blobs],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        for _ in range(300):
            try:
                requests.get(f"{base}/healthz", timeout=1)
                break
            except requests.ConnectionError:
                assert process.poll() is None, log_path.read_text()
                time.sleep(0.1)
        clients = [Client(n, base, args.batch, args.page, args.seed) for n in range(args.clients)]
        phases["logins"] = run_threads([c.login for c in clients])
        deadline = time.monotonic() + args.time_limit
        wall = run_threads([lambda c=c: c.run(args.rounds, deadline) for c in clients])
        floors = []  # three times, the median: a floor of a second or so is easily disturbed
        for _ in range(3):
            floor = Stats()
            floor_wall = run_threads(
                [lambda c=c, f=floor: floor_client(base, c.sizes, f) for c in clients]
            )
            floors.append((floor_wall, floor))
        floor_wall, floor = sorted(floors, key=lambda f: f[0])[1]
        floor_errors = [e for _, f in floors for e in f.errors]
        verified = time.perf_counter()

        admin = requests.Session()
        token = admin.post(
            f"{base}/api/v1/auth/login",
            json={"username": "admin", "password": PASSWORD},
            timeout=TIMEOUT,
        ).json()["token"]
        admin.headers["Authorization"] = f"Bearer {token}"
        problems = verify(base, admin, clients)
        phases["verify"] = time.perf_counter() - verified
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:  # still waiting for requests stuck in it
                process.kill()
                process.wait()
        if args.postgres:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')

    push = [t for c in clients for t in c.stats.push]
    pull = [t for c in clients for t in c.stats.pull]
    errors = [e for c in clients for e in c.stats.errors]
    pushed = sum(c.stats.pushed for c in clients)
    pulled = sum(c.stats.pulled for c in clients)
    requests_made = len(push) + len(pull)
    kind = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"{kind}: {args.clients} clients × {args.rounds} rounds in {wall:.1f} s: "
        f"{len(push)} pushes ({pushed:,} mutations, {sum(c.stats.edits for c in clients)} edits), "
        f"{len(pull)} pulls ({pulled:,} changes); floor {floor_wall:.1f} s"
    )
    print(
        "| database | requests/s | records/s pushed, pulled | push p50 / p99 / max "
        "| pull p50 / p99 / max | floor: same requests to /healthz | ratio |"
    )
    print(
        f"| {kind} | **{requests_made / wall:,.0f}** | {pushed / wall:,.0f}, {pulled / wall:,.0f} "
        f"| {percentiles(push)} | {percentiles(pull)} "
        f"| {len(floor.push) + len(floor.pull):,} in {floor_wall:.1f} s "
        f"({(len(floor.push) + len(floor.pull)) / floor_wall:,.0f}/s), "
        f"p50 {statistics.median(floor.push + floor.pull) * 1000:.0f} ms "
        f"| **{wall / floor_wall:.1f}×** |"
    )
    short = sum(args.rounds - c.rounds_done for c in clients)
    if short:
        errors.append(f"time limit: {short} client rounds not run")
    print(f"errors: {len(errors)} in the load, {len(floor_errors)} in the floor")
    kinds = Counter(  # the same error from different clients, once
        e.split(" ", 1)[1] if e.startswith("inspector") else e for e in errors + floor_errors
    )
    for line, count in kinds.most_common(10):
        print(f"  {count}× {line}")
    server_errors = [
        line
        for line in log_path.read_text(errors="replace").splitlines()
        if '"level": "ERROR"' in line or '"status": 5' in line
    ]
    if server_errors:
        print(f"server log: {len(server_errors)} lines with ERROR or a 5xx status, first ones:")
    for line in server_errors[:4]:
        print("  ", line[:500])
    for problem in problems[:30]:
        print("  wrong:", problem)
    print("other phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items()))
    print(f"server log: {log_path}")
    if errors or floor_errors or problems or server_errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
