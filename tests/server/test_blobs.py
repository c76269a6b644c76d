"""Photo blobs on the server: hash, type, size and pixel checks, resume, write-once."""

from __future__ import annotations

import hashlib
import io
import random
import socket
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests
from PIL import Image

from inspector_app.services.demo_photos import write_camera_jpeg
from inspector_app.store.photos import PhotoImportError, PhotoStore

from .conftest import RunningServer


def _jpeg(tmp_path: Path, size: tuple[int, int] = (1600, 1200)) -> bytes:
    path = write_camera_jpeg(
        tmp_path / f"p{random.random()}.jpg",
        taken_at=datetime.now(UTC),
        portrait=False,
        label="blob",
        rng=random.Random(3),
        size=size,
    )
    return path.read_bytes()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _put(server: RunningServer, headers: dict, data: bytes, sha: str | None = None):
    return requests.put(
        f"{server.url}/api/v1/blobs/{sha or _sha(data)}", data=data, headers=headers, timeout=60
    )


def _head(server: RunningServer, headers: dict, sha: str) -> int:
    return requests.head(
        f"{server.url}/api/v1/blobs/{sha}", headers=headers, timeout=30
    ).status_code


def test_store_once_read_back_with_nosniff(server: RunningServer, tmp_path: Path) -> None:
    headers = server.token("zhang")
    data = _jpeg(tmp_path)
    sha = _sha(data)
    assert _head(server, headers, sha) == 404
    assert _put(server, headers, data).status_code == 201
    assert _put(server, headers, data).status_code == 200  # idempotent, write-once
    assert _head(server, headers, sha) == 200
    got = requests.get(f"{server.url}/api/v1/blobs/{sha}", headers=headers, timeout=30)
    assert got.content == data
    assert got.headers["content-type"] == "image/jpeg"
    assert got.headers["x-content-type-options"] == "nosniff"

    def read(user: str) -> int:
        return requests.get(
            f"{server.url}/api/v1/blobs/{sha}", headers=server.token(user), timeout=30
        ).status_code

    assert read("chen") == 404  # no record of theirs references it yet
    photo = {
        "mutation_id": str(uuid.uuid4()),
        "entity": "photo",
        "id": str(uuid.uuid4()),
        "fields": {"sha256": sha, "caption": "3号窗口"},
    }
    pushed = requests.post(
        f"{server.url}/api/v1/sync/push",
        headers=headers,
        timeout=30,
        json={"client_id": "t", "schema_version": 4, "mutations": [photo]},
    )
    assert pushed.json()["missing_blobs"] == []
    assert read("chen") == 200  # same team: the photo record makes it visible
    assert read("li") == 404  # another team's inspector never sees it
    assert read("admin") == 200


def test_bad_blobs_are_refused_and_nothing_is_stored(server: RunningServer, tmp_path: Path) -> None:
    headers = server.token("zhang")
    data = _jpeg(tmp_path)
    wrong = _put(server, headers, data, sha=_sha(b"something else"))
    assert wrong.status_code == 422 and "sha256" in wrong.json()["detail"]
    assert _head(server, headers, _sha(b"something else")) == 404

    html = b"<html><script>alert(1)</script></html>"
    refused = _put(server, headers, html)
    assert refused.status_code == 422 and "JPEG" in refused.json()["detail"]
    assert _head(server, headers, _sha(html)) == 404

    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG", optimize=True)
    bomb = buffer.getvalue()
    assert _put(server, headers, bomb).status_code == 422
    assert _head(server, headers, _sha(bomb)) == 404

    truncated = data[: len(data) // 2]
    assert _put(server, headers, truncated).status_code == 422  # its own hash, broken JPEG
    assert _head(server, headers, _sha(truncated)) == 404


def test_a_webp_photo_imported_on_the_laptop_is_accepted_by_the_server(
    server: RunningServer, tmp_path: Path
) -> None:
    """The laptop accepts WebP photos, so the server must too, or they never sync."""
    source = tmp_path / "窗口.webp"
    Image.open(io.BytesIO(_jpeg(tmp_path, size=(800, 600)))).save(source, "WEBP", quality=80)
    photos = PhotoStore(tmp_path / "photos")
    imported = photos.import_file(source)
    assert imported.mime == "image/webp"
    data = photos.original_path(imported.sha256).read_bytes()
    headers = server.token("zhang")
    assert _put(server, headers, data).status_code == 201
    got = requests.get(f"{server.url}/api/v1/blobs/{imported.sha256}", headers=headers, timeout=30)
    assert got.content == data and got.headers["content-type"] == "image/webp"

    forged = b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(64)  # the magic number, no picture
    assert _put(server, headers, forged).status_code == 422
    assert _head(server, headers, _sha(forged)) == 404


def test_a_photo_type_the_laptop_refuses_is_refused_by_the_server(
    server: RunningServer, tmp_path: Path
) -> None:
    gif = tmp_path / "动图.gif"
    Image.new("RGB", (40, 30), (10, 120, 200)).save(gif, "GIF")
    with pytest.raises(PhotoImportError):
        PhotoStore(tmp_path / "photos").import_file(gif)
    refused = _put(server, server.token("zhang"), gif.read_bytes())
    assert refused.status_code == 422 and "JPEG" in refused.json()["detail"]


def test_body_over_the_limit_is_refused_before_it_is_read(server: RunningServer) -> None:
    token = server.token("zhang")["Authorization"]
    address = urlparse(server.url)
    with socket.create_connection((address.hostname, address.port), timeout=30) as conn:
        conn.sendall(
            (
                f"PUT /api/v1/blobs/{'a' * 64} HTTP/1.1\r\nHost: x\r\n"
                f"Authorization: {token}\r\nContent-Length: {60 * 1024 * 1024}\r\n"
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
        )
        conn.sendall(b"\xff" * 1024)  # 1 KiB of the claimed 60 MiB, then wait for the answer
        reply = conn.recv(4096).decode(errors="replace")
    assert reply.startswith("HTTP/1.1 413")


def test_cut_upload_resumes_at_its_offset(server: RunningServer, tmp_path: Path) -> None:
    headers = server.token("zhang")
    data = _jpeg(tmp_path, size=(2400, 1800))
    sha = _sha(data)
    base = f"{server.url}/api/v1/blobs/{sha}/uploads"
    started = requests.post(base, json={"size": len(data)}, headers=headers, timeout=30)
    assert started.status_code == 201
    upload = f"{base}/{started.json()['upload_id']}"
    half = len(data) // 2
    first = requests.patch(
        upload, data=data[:half], timeout=30, headers={**headers, "Upload-Offset": "0"}
    )
    assert first.status_code == 204
    # the connection was cut here; the client asks where to go on
    offset = int(requests.head(upload, headers=headers, timeout=30).headers["Upload-Offset"])
    assert offset == half
    stale = requests.patch(
        upload, data=data[:10], timeout=30, headers={**headers, "Upload-Offset": "0"}
    )
    assert stale.status_code == 409 and stale.json()["offset"] == half
    rest = requests.patch(
        upload, data=data[offset:], timeout=30, headers={**headers, "Upload-Offset": str(offset)}
    )
    assert rest.status_code == 201
    got = requests.get(f"{server.url}/api/v1/blobs/{sha}", headers=headers, timeout=30)
    assert got.content == data
