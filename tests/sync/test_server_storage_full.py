"""A server whose photo disk is full says so (507) and keeps nothing half-written; the
laptop tells the inspector in words, keeps every original, and finishes once space is freed."""

from __future__ import annotations

import hashlib
import io
import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PIL import Image

from inspector_app.domain.finding import FindingResult
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.sync import errors
from tests.builders import finding_id, start_in
from tests.server.conftest import BACKENDS, RunningServer, cli, server_on
from tests.sync.laptops import open_laptop
from tests.tmpfs import tmpfs


@pytest.fixture(scope="module", params=BACKENDS)
def small_disk_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """A server whose blob folder is a 24 MB file system (its database lives elsewhere)."""
    folder = tmp_path_factory.mktemp("small-disk-server")
    with tmpfs(folder / "blobs", 24), server_on(request.param, folder) as server:
        loaded = cli("import-reference", "--as", "admin", "--db", server.db)
        assert loaded.returncode == 0, loaded.stderr
        yield server


def _noise_jpeg(path: Path, size: tuple[int, int], seed: int) -> Path:
    """A photo that does not compress: its bytes are what a full disk has to refuse."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    path.write_bytes(buffer.getvalue())
    return path


def _fill(folder: Path, leave: int) -> Path:
    """A filler file that leaves `leave` bytes free on `folder`'s file system."""
    stats = os.statvfs(folder)
    filler = folder / "filler.bin"
    with filler.open("wb") as out:
        remaining = stats.f_bavail * stats.f_frsize - leave
        while remaining > 0:
            step = min(remaining, 1 << 20)
            out.write(b"\0" * step)
            remaining -= step
    return filler


def _held(server: RunningServer, headers: dict, sha256: str) -> int:
    return requests.head(
        f"{server.url}/api/v1/blobs/{sha256}", headers=headers, timeout=30
    ).status_code


def test_a_full_server_disk_is_said_in_words_and_the_photos_follow_once_space_is_freed(
    small_disk_server: RunningServer, tmp_path: Path
) -> None:
    server = small_disk_server
    laptop = open_laptop(tmp_path / "laptop", server, "zhang")
    laptop.sync()  # the checklists and the registry
    small = _noise_jpeg(tmp_path / "small.jpg", (300, 200), seed=1)  # one PUT
    large = _noise_jpeg(tmp_path / "large.jpg", (1400, 1000), seed=2)  # resumable parts
    assert small.stat().st_size < (1 << 20) < large.stat().st_size
    with laptop.store.unit_of_work() as uow:
        inspection_id = start_in(uow)
        failed = finding_id(uow, inspection_id, "A2")
        ops.update_finding(uow, failed, ops.FindingChanges(result=FindingResult.FAIL))
        for photo in (small, large):
            photo_ops.attach_photo(uow, uow.photos, failed, photo)
        uow.commit()
    shas = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (small, large)}
    blobs = Path(server.log.parent) / "blobs"
    filler = _fill(blobs, leave=16 * 1024)

    with pytest.raises(errors.ServerStorageFull) as full:
        laptop.sync()
    assert "服务器存储空间已满" in full.value.zh
    assert "storage is full" in full.value.en
    headers = server.token("zhang")
    assert {_held(server, headers, sha) for sha in shas} == {404}
    assert not list((blobs / "incoming").glob("*")), "nothing half-written is left behind"
    for sha in shas:  # the laptop's originals are untouched
        original = laptop.store.photos.original_path(sha).read_bytes()
        assert hashlib.sha256(original).hexdigest() == sha

    filler.unlink()
    report = laptop.sync()
    assert report.photos_uploaded == 2
    for sha in shas:
        got = requests.get(f"{server.url}/api/v1/blobs/{sha}", headers=headers, timeout=30)
        assert hashlib.sha256(got.content).hexdigest() == sha
    laptop.close()
