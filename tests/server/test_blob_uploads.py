"""Uploads that stall, race, get cut or pile up never block others, corrupt a stored
photo, leak files or tell another team what is stored."""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests

from .blob_server import limited_server, start_with_limits  # noqa: F401 (a fixture)
from .conftest import RunningServer, launch_server, push
from .test_blobs import _head, _jpeg, _put, _sha


def _incoming(server: RunningServer) -> Path:
    return server.log.parent / "blobs" / "incoming"


def _raw(server: RunningServer, headers: dict, method: str, path: str, length: int, extra=""):
    """A connection that has sent a request's head and no body yet."""
    address = urlparse(server.url)
    conn = socket.create_connection((address.hostname, address.port), timeout=30)
    conn.sendall(
        (
            f"{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: {headers['Authorization']}"
            f"\r\nContent-Length: {length}\r\nContent-Type: application/octet-stream\r\n"
            f"{extra}\r\n"
        ).encode()
    )
    return conn


def _status(conn: socket.socket) -> int:
    reply = conn.recv(65536).decode(errors="replace")
    return int(reply.split(" ", 2)[1])


def _start(server: RunningServer, headers: dict, data: bytes) -> str:
    started = requests.post(
        f"{server.url}/api/v1/blobs/{_sha(data)}/uploads",
        json={"size": len(data)},
        headers=headers,
        timeout=30,
    )
    assert started.status_code == 201, started.text
    return f"/api/v1/blobs/{_sha(data)}/uploads/{started.json()['upload_id']}"


def _wait_until(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_stalled_upload_does_not_block_other_users_logins_and_pulls(
    limited: RunningServer, tmp_path: Path
) -> None:
    """Content-Length 5000, 10 bytes sent, then nothing: no database lock is held."""
    data = _jpeg(tmp_path, size=(400, 300))
    upload = _start(limited, limited.token("zhang"), data)
    stalled = _raw(limited, limited.token("zhang"), "PATCH", upload, 5000, "Upload-Offset: 0\r\n")
    stalled.sendall(data[:10])
    time.sleep(0.3)
    started = time.monotonic()
    headers = limited.token("li")  # a login writes (a new token)
    pulled = requests.get(
        f"{limited.url}/api/v1/sync/changes",
        headers=headers,
        params={"cursor": "0", "limit": 10},
        timeout=10,
    )
    assert pulled.status_code == 200
    waited = time.monotonic() - started
    assert waited < 5, f"login and pull took {waited:.1f} s behind a stalled upload"
    assert _status(stalled) == 408  # the read timeout (3 s here) cuts the stalled body off
    stalled.close()
    assert not list(_incoming(limited).glob("*.chunk"))
    offset = requests.head(f"{limited.url}{upload}", headers=limited.token("zhang"), timeout=30)
    assert offset.headers["Upload-Offset"] == "0"


def test_two_parts_at_once_for_one_upload_never_change_the_stored_photo(
    limited: RunningServer, tmp_path: Path
) -> None:
    """Both PATCHes at offset 0: one is refused, the stored bytes match their hash."""
    headers = limited.token("zhang")
    data = _jpeg(tmp_path, size=(500, 400))
    upload = _start(limited, headers, data)
    first = _raw(limited, headers, "PATCH", upload, len(data), "Upload-Offset: 0\r\n")
    time.sleep(0.3)
    second = _raw(limited, headers, "PATCH", upload, len(data), "Upload-Offset: 0\r\n")
    time.sleep(0.3)
    first.sendall(data)
    assert _status(first) == 201
    with contextlib.suppress(OSError):  # the server may have answered and closed
        second.sendall(data)
    assert _status(second) in (404, 409)
    first.close()
    second.close()
    got = requests.get(f"{limited.url}/api/v1/blobs/{_sha(data)}", headers=headers, timeout=30)
    assert hashlib.sha256(got.content).hexdigest() == _sha(data) and got.content == data
    retried = requests.patch(
        f"{limited.url}{upload}", data=data, headers=headers | {"Upload-Offset": "0"}, timeout=30
    )
    assert retried.status_code == 404  # the finished upload is gone; the blob stays as it was
    stored = limited.log.parent / "blobs" / _sha(data)[:2] / _sha(data)
    assert stored.read_bytes() == data and stored.stat().st_mode & 0o222 == 0  # read-only


def test_a_cut_upload_leaves_no_temp_file_and_keeps_its_offset(
    limited: RunningServer, tmp_path: Path
) -> None:
    headers = limited.token("zhang")
    data = _jpeg(tmp_path, size=(600, 400))
    put = _raw(limited, headers, "PUT", f"/api/v1/blobs/{_sha(data)}", len(data))
    put.sendall(data[: len(data) // 2])
    assert _wait_until(lambda: bool(list(_incoming(limited).glob("*.put"))))
    put.close()  # the connection is cut mid-body
    assert _wait_until(lambda: not list(_incoming(limited).glob("*.put")))

    upload = _start(limited, headers, data)
    patch = _raw(limited, headers, "PATCH", upload, len(data), "Upload-Offset: 0\r\n")
    patch.sendall(data[:1000])
    assert _wait_until(lambda: bool(list(_incoming(limited).glob("*.chunk"))))
    patch.close()
    assert _wait_until(lambda: not list(_incoming(limited).glob("*.chunk")))
    offset = requests.head(f"{limited.url}{upload}", headers=headers, timeout=30)
    assert offset.headers["Upload-Offset"] == "0"  # a cut part is not kept half-written
    assert _head(limited, headers, _sha(data)) == 404
    assert "Internal error" not in limited.log.read_text()


def test_each_user_has_a_quota_of_open_uploads_and_of_their_bytes(
    limited: RunningServer, tmp_path: Path
) -> None:
    """3 open uploads and 8 MiB per user here (the fixture's limits)."""
    name = f"quota{uuid.uuid4().hex[:6]}"
    limited.add_user(name, "inspector", "一组")
    headers = limited.token(name)

    def start(size: int) -> requests.Response:
        return requests.post(
            f"{limited.url}/api/v1/blobs/{uuid.uuid4().hex * 2}/uploads",
            json={"size": size},
            headers=headers,
            timeout=30,
        )

    too_big = start(9 * 1024 * 1024)
    assert too_big.status_code == 429 and "8 MiB" in too_big.json()["detail"]
    assert [start(1024 * 1024).status_code for _ in range(3)] == [201, 201, 201]
    fourth = start(1024)
    assert fourth.status_code == 429 and "limit 3" in fourth.json()["detail"]
    over = _put(limited, headers, b"x" * (6 * 1024 * 1024))  # 3 MiB open + 6 MiB > 8 MiB
    assert over.status_code == 429
    assert start(1024).status_code == 429
    other = limited.token("zhang")
    assert _put(limited, other, _jpeg(tmp_path, size=(300, 200))).status_code == 201


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # the sweep is the folder's
def test_open_uploads_expire_and_a_restart_sweeps_stale_temp_files(
    tmp_path: Path, database_url: str
) -> None:
    limits = {"INSPECTOR_BLOB_UPLOAD_TTL_SECONDS": "1", "INSPECTOR_BLOB_MAX_OPEN_UPLOADS": "1"}
    server = start_with_limits(database_url, tmp_path, limits)
    try:
        headers = server.token("zhang")
        data = _jpeg(tmp_path, size=(300, 200))
        upload = _start(server, headers, data)
        part = _incoming(server) / f"{upload.rsplit('/', 1)[1]}.part"
        assert part.exists()
        time.sleep(1.2)
        gone = requests.head(f"{server.url}{upload}", headers=headers, timeout=30)
        assert gone.status_code == 404 and not part.exists()
        _start(server, headers, data)  # the expired upload no longer counts
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
    incoming = _incoming(server)
    for stale in ("cut.put", "abc.def.chunk", "old.part"):
        (incoming / stale).write_bytes(b"x" * 100)
    two_days_ago = time.time() - 2 * 24 * 3600  # older than the default expiry
    os.utime(incoming / "old.part", (two_days_ago, two_days_ago))
    (incoming / "fresh.part").write_bytes(b"x")
    again = launch_server(database_url, tmp_path)
    try:
        left = {p.name for p in incoming.iterdir()}
        assert "fresh.part" in left  # an upload still within its expiry keeps its bytes
        assert not left & {"cut.put", "abc.def.chunk", "old.part"}
    finally:
        again.process.terminate()
        again.process.wait(timeout=30)


def test_blob_head_tells_another_team_nothing_about_a_stored_hash(
    limited: RunningServer, tmp_path: Path
) -> None:
    """Another team gets what an unknown hash gets, even after naming the hash in a
    record; sending the bytes proves holding them."""
    zhang, li, chen = (limited.token(name) for name in ("zhang", "li", "chen"))
    data = _jpeg(tmp_path, size=(320, 240))
    sha, unknown = _sha(data), hashlib.sha256(b"never stored").hexdigest()
    assert _put(limited, zhang, data).status_code == 201
    assert _head(limited, chen, sha) == 200  # zhang's team holds it
    assert _head(limited, li, sha) == _head(limited, li, unknown) == 404
    photo = {
        "mutation_id": str(uuid.uuid4()),
        "entity": "photo",
        "id": str(uuid.uuid4()),
        "fields": {"sha256": sha, "caption": "别组的哈希"},
    }
    push(limited, li, photo)
    assert _head(limited, li, sha) == 404  # a hash printed on a notice proves nothing

    def get(sha256: str) -> requests.Response:
        return requests.get(f"{limited.url}/api/v1/blobs/{sha256}", headers=li, timeout=30)

    refused, absent = get(sha), get(unknown)
    assert (refused.status_code, refused.json()) == (absent.status_code, absent.json())
    assert _put(limited, li, data).status_code == 200  # li's laptop sends the bytes
    assert _head(limited, li, sha) == 200 and get(sha).content == data
