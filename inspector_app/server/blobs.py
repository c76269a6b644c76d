"""Evidence blobs on the server: streamed, hashed, validated, then published by hash.

A blob is accepted only when its bytes hash to the name it was sent under and they
are a whole JPEG, PNG or WebP (protocol/image_check.py: magic bytes, a pixel limit, a full
decode) or a whole, readable PDF (protocol/pdf_check.py: a scanned 整改报告); the types
and limits are the protocol's (protocol/blobs.py), the same the laptop checks at import.
Bytes go to a temp file in incoming/ that is fsynced and hard-linked into place: a
published blob is complete or absent, never partial, and never written again (no handle
of an upload can reach it, and it is read-only).

Hashing and decoding run on a small pool of threads, never on the event loop, with
their pixel memory reserved from one budget; the limits (upload quotas, expiry, body
read timeout, pool size, decode memory) are BlobLimits, read from the environment.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from inspector_app.protocol.blobs import MAX_BLOB_BYTES, MAX_BLOB_PIXELS
from inspector_app.protocol.image_check import DecodeBudget, ImageRefused, check_image
from inspector_app.protocol.pdf_check import PDF_MEDIA_TYPE, PdfRefused, check_pdf, is_pdf_head

MAX_BYTES = MAX_BLOB_BYTES
MAX_PIXELS = MAX_BLOB_PIXELS
SHA256 = re.compile(r"^[0-9a-f]{64}$")
TEMP_SUFFIXES = (".put", ".chunk")  # a request's own file: stale once the server restarts
MIB = 1024 * 1024


class BlobRejected(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class BlobLimits:
    """What one user may hold open and how long a body may stall; env INSPECTOR_BLOB_*."""

    max_open_uploads: int = 20  # resumable uploads started and not finished, per user
    max_open_bytes: int = 1024 * MIB  # their declared sizes plus whole uploads in flight
    upload_ttl_seconds: float = 24 * 3600  # an unfinished upload is dropped after this
    read_timeout_seconds: float = 60.0  # no byte of a body for this long: cut off
    check_workers: int = 2  # threads that hash and decode received photos
    decode_memory_bytes: int = 768 * MIB  # decoded pixels held by those threads at once

    @classmethod
    def from_env(cls, environ: os._Environ[str] | dict[str, str] = os.environ) -> BlobLimits:
        values = {}
        for name, default in cls().__dict__.items():
            raw = environ.get(f"INSPECTOR_BLOB_{name.upper()}")
            if raw is not None:
                values[name] = type(default)(raw)
        return cls(**values)


@dataclass(frozen=True)
class Published:
    sha256: str
    size: int
    mime: str
    created: bool


def _fsync_dir(folder: Path) -> None:
    if os.name != "nt":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class BlobStore:
    def __init__(self, root: Path, limits: BlobLimits | None = None) -> None:
        self.root = root
        self.limits = limits or BlobLimits.from_env()
        self.incoming = root / "incoming"
        self.incoming.mkdir(parents=True, exist_ok=True)
        self.pool = ThreadPoolExecutor(self.limits.check_workers, thread_name_prefix="blob-check")
        self.budget = DecodeBudget(self.limits.decode_memory_bytes)
        self._writing: set[str] = set()  # uploads a PATCH is appending to right now
        self._in_flight: dict[int, int] = {}  # user id -> bytes of their PUTs being received
        self.sweep_incoming()

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def part(self, upload_id: str) -> Path:
        return self.incoming / f"{upload_id}.part"

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def sweep_incoming(self) -> int:
        """At start no request is running: every request's temp file is stale, and so is
        an upload's part file older than the upload expiry. Returns the files removed."""
        cutoff = time.time() - self.limits.upload_ttl_seconds
        removed = 0
        for entry in self.incoming.iterdir():
            stale = entry.suffix in TEMP_SUFFIXES or (
                entry.suffix == ".part" and entry.stat().st_mtime < cutoff
            )
            if stale and entry.is_file():
                entry.unlink(missing_ok=True)
                removed += 1
        return removed

    @asynccontextmanager
    async def writing(self, upload_id: str) -> AsyncIterator[None]:
        """One request at a time appends to an upload; a second one at once gets 409."""
        if upload_id in self._writing:
            raise BlobRejected(
                409, "这个上传正在被另一个请求写入。/ Another request is writing this upload."
            )
        self._writing.add(upload_id)
        try:
            yield
        finally:
            self._writing.discard(upload_id)

    @asynccontextmanager
    async def receiving(self, user_id: int, size: int) -> AsyncIterator[None]:
        """Counts a whole-body upload's bytes against its user while it is received."""
        self._in_flight[user_id] = self._in_flight.get(user_id, 0) + size
        try:
            yield
        finally:
            left = self._in_flight[user_id] - size
            if left:
                self._in_flight[user_id] = left
            else:
                del self._in_flight[user_id]

    def in_flight(self, user_id: int) -> int:
        return self._in_flight.get(user_id, 0)

    async def publish(
        self, sha256: str, temp: Path, check: Callable[[Path], str] | None = None
    ) -> Published:
        """Checks and publishes on the check pool, so the event loop keeps answering."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, self.publish_now, sha256, temp, check)

    def _checked_type(self, temp: Path) -> str:
        """The media type of a whole photo or PDF; BlobRejected (422) for anything else."""
        with temp.open("rb") as handle:
            head = handle.read(8)
        try:
            if is_pdf_head(head):
                check_pdf(temp)
                return PDF_MEDIA_TYPE
            return check_image(temp, self.budget, MAX_PIXELS)
        except PdfRefused as refused:
            raise BlobRejected(422, f"PDF {refused.zh}。/ The PDF {refused.en}.") from None
        except ImageRefused as refused:
            raise BlobRejected(422, str(refused)) from None

    def publish_now(
        self, sha256: str, temp: Path, check: Callable[[Path], str] | None = None
    ) -> Published:
        """Check the finished temp file and link it into place (or drop it as a duplicate).

        `check` says what the bytes must be and returns their media type (BlobRejected
        when they are not); by default a whole photo or PDF. An issued notice's PDF passes its
        own check (routes/issued_pdf.py)."""
        try:
            size = temp.stat().st_size
            digest = hashlib.sha256()
            with temp.open("rb") as handle:
                while chunk := handle.read(MIB):
                    digest.update(chunk)
            if digest.hexdigest() != sha256:
                raise BlobRejected(422, "内容与哈希不符。/ The bytes do not match the sha256.")
            mime = check(temp) if check is not None else self._checked_type(temp)
            target = self.path(sha256)
            if target.exists():
                return Published(sha256, size, mime, created=False)
            with temp.open("rb+") as handle:
                os.fsync(handle.fileno())
            os.chmod(temp, 0o444)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(temp, target)  # never replaces: the first complete copy stays
            except FileExistsError:
                return Published(sha256, size, mime, created=False)
            _fsync_dir(target.parent)
            return Published(sha256, size, mime, created=True)
        finally:
            temp.unlink(missing_ok=True)
