"""A link that fails the way real ones do, between a laptop and the real server: a cut
upload, a reply lost after the server committed, a reply slower than the read timeout,
a reset, a 503 with Retry-After. The sync converges and nothing is doubled."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from inspector_app.store.store import Store
from inspector_app.sync import errors
from inspector_app.sync.api import ServerApi
from tests.server.conftest import PASSWORD, RunningServer
from tests.sync.fault_proxy import (
    CUT_REQUEST,
    DELAY_RESPONSE,
    DROP_RESPONSE,
    REPLY_503,
    RESET,
    Fault,
    FaultProxy,
    Request,
)
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
from tests.tmpfs import tmpfs

Match = Callable[[Request], bool]


def _to(method: str, prefix: str) -> Match:
    return lambda request: request.method == method and request.path.startswith(prefix)


CASES: list[tuple[str, Fault, Match]] = [
    ("push cut mid-body", CUT_REQUEST, _to("POST", "/api/v1/sync/push")),
    ("push reply lost after commit", DROP_RESPONSE, _to("POST", "/api/v1/sync/push")),
    ("push reply beyond the read timeout", DELAY_RESPONSE(4), _to("POST", "/api/v1/sync/push")),
    ("push 503 with Retry-After", REPLY_503(1), _to("POST", "/api/v1/sync/push")),
    ("upload part cut mid-body", CUT_REQUEST, _to("PATCH", "/api/v1/blobs/")),
    ("upload part reply lost", DROP_RESPONSE, _to("PATCH", "/api/v1/blobs/")),
    ("whole upload cut", CUT_REQUEST, _to("PUT", "/api/v1/blobs/")),
    ("pull reset", RESET, _to("GET", "/api/v1/sync/changes")),
    ("pull reply lost", DROP_RESPONSE, _to("GET", "/api/v1/sync/changes")),
    ("download reply beyond the read timeout", DELAY_RESPONSE(4), _to("GET", "/api/v1/blobs/")),
]


def _through(proxy: FaultProxy, folder: Path, user: str) -> Laptop:
    api = ServerApi(proxy.url, timeout=(5.0, 2.0))
    api.login(user, PASSWORD)
    return Laptop(Store.open(folder), api)


def _sync_until_done(laptop: Laptop, tries: int = 3) -> None:
    """A fault the retries cannot hide ends one sync; the next one continues."""
    for _ in range(tries - 1):
        try:
            laptop.sync()
            return
        except errors.ServerUnreachable:
            continue
    laptop.sync()


@pytest.mark.parametrize(("case", "fault", "match"), CASES, ids=[c[0] for c in CASES])
def test_the_sync_converges_through_a_faulty_link_and_nothing_is_doubled(
    sync_server: RunningServer, tmp_path: Path, case: str, fault: Fault, match: Match
) -> None:
    port = int(sync_server.url.rsplit(":", 1)[1])
    seed = 1000 * CASES.index((case, fault, match)) + (500 if "postgres" in sync_server.db else 0)
    with FaultProxy(port) as proxy:
        first, second, third = new_team(sync_server)
        a = _through(proxy, tmp_path / "a", first)
        b = _through(proxy, tmp_path / "b", second)
        a.sync()
        b.sync()
        made = [
            record_problem(
                a,
                f"{case} {n}",
                noise_photo(tmp_path, f"big{n}.jpg", seed + n),
                photo_file(tmp_path, f"s{n}.jpg", seed + n),
            )
            for n in range(2)
        ]
        proxy.fail_next(fault, when=match)
        _sync_until_done(a)
        proxy.fail_next(fault, when=match)
        _sync_until_done(b)
        assert proxy.pending_faults() <= 1  # each case's requests really happened
        assert any(entry[2] == fault.name for entry in proxy.log), proxy.log
        _sync_until_done(a)
        _sync_until_done(b)
    fresh = open_laptop(tmp_path / "c", sync_server, third)
    fresh.sync()
    mine = {k: v for k, v in dump(a).items() if k[0] not in ("unit", "site", "window")}
    theirs = dump(fresh)
    assert all(theirs.get(key) == value for key, value in mine.items())
    assert dump(b) == {k: v for k, v in theirs.items() if k in dump(b)}
    for laptop in (a, b, fresh):
        for inspection_id, _ in made:
            assert ("inspection", inspection_id) in dump(laptop)
        shas = blob_shas(laptop) & blob_shas(a)
        assert len(shas) >= 4
        for sha in shas:
            assert laptop.store.photos.verify(sha)
        laptop.close()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 16 MB file system, so a write fails with ENOSPC as on a full laptop."""
    with tmpfs(tmp_path / "small-disk", 16) as mount:
        yield mount


@pytest.mark.parametrize("room", [0, 256 * 1024], ids=["no room for records", "no room for photos"])
def test_a_full_disk_stops_the_sync_with_that_message_and_the_next_sync_finishes(
    sync_server: RunningServer, tmp_path: Path, small_disk: Path, room: int
) -> None:
    first, second, _ = new_team(sync_server)
    a = open_laptop(tmp_path / "a", sync_server, first)
    b = open_laptop(small_disk / "data", sync_server, second)
    a.sync()
    b.sync()
    seed = 70 + room % 7 + (5 if "postgres" in sync_server.db else 0)  # new bytes each case
    _, finding = record_problem(
        a,
        "填满磁盘",
        noise_photo(tmp_path, "1.jpg", seed),
        noise_photo(tmp_path, "2.jpg", seed + 100),
    )
    a.sync()
    before = dump(b)
    filler = small_disk / "filler"
    free = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * (free - room))

    with pytest.raises(errors.DiskFull) as stopped:
        b.sync()
    assert "磁盘空间不足" in stopped.value.zh and "没有受影响" in stopped.value.zh
    with b.store.unit_of_work() as uow:
        assert uow.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    assert all(dump(b).get(key) == value for key, value in before.items())  # nothing lost

    filler.unlink()
    b.sync()
    assert ("finding", finding) in dump(b)
    shas = blob_shas(b) & blob_shas(a)
    assert len(shas) == 2 and all(b.store.photos.verify(sha) for sha in shas)
    a.close()
    b.close()
