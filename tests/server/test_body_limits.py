"""Bodies are bounded on the bytes actually read (chunked ones too) and in time, and API
replies are never cached: a real server with a 1 s body read timeout, both databases."""

from __future__ import annotations

import http.client
import json
import socket
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests

from .conftest import BACKENDS, PASSWORD, RunningServer, mutation, push, server_on

MIB = 1024 * 1024


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """One server per database for the whole module: nothing here needs a fresh one."""
    folder = tmp_path_factory.mktemp("body-limits")
    with server_on(request.param, folder, "--body-read-timeout", "1") as running:
        yield running


def _chunked(parts: Iterable[bytes]) -> Iterator[bytes]:
    """HTTP/1.1 chunked framing: no Content-Length the server could check up front."""
    for part in parts:
        yield f"{len(part):x}\r\n".encode() + part + b"\r\n"
    yield b"0\r\n\r\n"


def _send(server: RunningServer, head: str, body: Iterable[bytes]) -> tuple[int, dict, float]:
    """Send a request head and then the body's pieces as they come; the reply's status,
    JSON body and the seconds until it came. A server that answers early and closes makes
    our sending fail: the reply is then read all the same."""
    address = urlparse(server.url)
    started = time.monotonic()
    with socket.create_connection((address.hostname, address.port), timeout=20) as conn:
        conn.sendall(f"{head}Host: x\r\n\r\n".encode())
        try:
            for piece in body:
                conn.sendall(piece)
        except OSError:
            pass
        reply = http.client.HTTPResponse(conn)
        reply.begin()
        answer = json.loads(reply.read() or b"{}")
    return reply.status, answer, time.monotonic() - started


def _rss_kib(server: RunningServer) -> int:
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1])


def test_a_chunked_push_over_the_limit_is_refused_and_not_stored(server: RunningServer) -> None:
    headers = server.token("zhang")
    record = mutation("finding", str(uuid.uuid4()), {"description": "x" * (10 * MIB)})
    body = json.dumps({"client_id": "t", "schema_version": 4, "mutations": [record]}).encode()
    status, answer, _ = _send(
        server,
        f"POST /api/v1/sync/push HTTP/1.1\r\nAuthorization: {headers['Authorization']}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
        _chunked(body[i : i + 64 * 1024] for i in range(0, len(body), 64 * 1024)),
    )
    assert status == 413 and "too large" in answer["detail"]
    # the same mutation id, now small, is new to the server: the big one was never applied
    assert push(server, headers, {**record, "fields": {"description": "小"}})[0]["status"] == (
        "applied"
    )


def test_a_200_mb_chunked_login_is_cut_at_the_limit_without_growing_the_server(
    server: RunningServer,
) -> None:
    """No account needed, no Content-Length: the server reads 1 MiB, not the 200 MB."""
    before = _rss_kib(server)
    prefix = b'{"username": "zhang", "password": "'
    parts = (prefix if i == 0 else b"x" * MIB for i in range(200))
    status, answer, seconds = _send(
        server,
        "POST /api/v1/auth/login HTTP/1.1\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n",
        _chunked(parts),
    )
    assert status == 413 and "too large" in answer["detail"]
    assert seconds < 5
    assert _rss_kib(server) - before < 30 * 1024
    assert server.login("zhang").status_code == 200  # the server is none the worse


def test_a_body_that_trickles_or_stalls_is_cut_after_the_read_timeout(
    server: RunningServer,
) -> None:
    head = (
        "POST /api/v1/auth/login HTTP/1.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 500000\r\n"
    )

    def trickle() -> Iterator[bytes]:  # 10 bytes every 0.2 s: never a 1 s pause
        for _ in range(100):
            yield b" " * 10
            time.sleep(0.2)

    for body in (trickle(), iter([b'{"username": '])):
        status, answer, seconds = _send(server, head, body)
        assert status == 408 and "too slowly" in answer["detail"]
        assert seconds < 6
    assert server.login("zhang").status_code == 200


def test_photo_uploads_keep_their_own_larger_limit(server: RunningServer) -> None:
    """Over the JSON limit, under the photo limit: the blob route gets to judge it."""
    headers = server.token("zhang")
    status, answer, _ = _send(
        server,
        f"PUT /api/v1/blobs/{'a' * 64} HTTP/1.1\r\nAuthorization: {headers['Authorization']}\r\n"
        f"Content-Length: {2 * MIB}\r\n",
        [b"\xff" * (2 * MIB)],
    )
    assert status == 422, answer  # not a photo whose hash is its name; not 413


def test_api_replies_with_tokens_or_team_data_are_never_cached(server: RunningServer) -> None:
    login = server.login("zhang")
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    replies = [
        login,
        requests.get(f"{server.url}/api/v1/me", headers=headers, timeout=30),
        requests.get(f"{server.url}/api/v1/sync/changes", headers=headers, timeout=30),
        requests.get(f"{server.url}/api/v1/reference", headers=headers, timeout=30),
        server.login("zhang", "wrong-" + PASSWORD),
    ]
    assert [r.headers.get("Cache-Control") for r in replies] == ["no-store"] * len(replies)
