"""Photo blobs on the wire: named by sha256, uploaded whole or resumably, and what
both sides accept as a photo."""

from __future__ import annotations

from pydantic import BaseModel, Field

from inspector_app.protocol.base import Strict


class UploadIn(Strict):
    size: int = Field(gt=0)


class UploadOut(BaseModel):
    upload_id: str
    offset: int
    size: int


# What both sides accept as photo evidence: the laptop refuses at import what the server
# would refuse at upload, so every imported photo can sync.
MAX_BLOB_BYTES = 50 * 1024 * 1024
MAX_BLOB_PIXELS = 120_000_000  # a 108 MP phone sensor fits; a decompression bomb does not
ACCEPTED_MEDIA_TYPES = ("image/jpeg", "image/png", "image/webp")
SNIFF_BYTES = 12  # enough for every magic number below


def sniff_media_type(first_bytes: bytes) -> str | None:
    """The accepted media type these first bytes announce (magic numbers), or None."""
    if first_bytes.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if first_bytes.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(first_bytes) >= 12 and first_bytes[:4] == b"RIFF" and first_bytes[8:12] == b"WEBP":
        return "image/webp"
    return None
