"""Photo blobs on the server: streamed, hashed, validated, then published by hash.

A blob is accepted only when its bytes hash to the name it was sent under and
they are a real JPEG, PNG or WebP (magic bytes, a pixel limit read from the header,
then a full decode); the types and limits are the protocol's (protocol/blobs.py),
the same the laptop checks at import. Bytes go to a temp file that is fsynced and
renamed, so a published blob is complete or absent, never partial.
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from inspector_app.protocol.blobs import (
    MAX_BLOB_BYTES,
    MAX_BLOB_PIXELS,
    SNIFF_BYTES,
    sniff_media_type,
)

MAX_BYTES = MAX_BLOB_BYTES
MAX_PIXELS = MAX_BLOB_PIXELS
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BlobRejected(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


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
    def __init__(self, root: Path) -> None:
        self.root = root
        self.incoming = root / "incoming"
        self.incoming.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def part(self, upload_id: str) -> Path:
        return self.incoming / f"{upload_id}.part"

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def publish(self, sha256: str, temp: Path) -> Published:
        """Check the finished temp file and move it into place (or drop it as a duplicate)."""
        try:
            size = temp.stat().st_size
            digest = hashlib.sha256()
            with temp.open("rb") as handle:
                head = handle.read(SNIFF_BYTES)
                handle.seek(0)
                while chunk := handle.read(1024 * 1024):
                    digest.update(chunk)
            if digest.hexdigest() != sha256:
                raise BlobRejected(422, "内容与哈希不符。/ The bytes do not match the sha256.")
            mime = validate_image(temp, head)
            target = self.path(sha256)
            if target.exists():
                return Published(sha256, size, mime, created=False)
            with temp.open("rb+") as handle:
                os.fsync(handle.fileno())
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, target)
            _fsync_dir(target.parent)
            return Published(sha256, size, mime, created=True)
        finally:
            temp.unlink(missing_ok=True)


def validate_image(path: Path, head: bytes) -> str:
    mime = sniff_media_type(head)
    if mime is None:
        raise BlobRejected(422, "不是 JPEG、PNG 或 WebP 图片。/ Not a JPEG, PNG or WebP image.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise BlobRejected(422, "图片像素尺寸过大。/ The image has too many pixels.")
                image.load()  # a full decode: a truncated or forged file fails here
    except BlobRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise BlobRejected(422, "图片已损坏或无法解码。/ The image is damaged.") from None
    return mime
