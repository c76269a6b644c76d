"""What counts as a photo is defined once, and the laptop and the server both use it."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from inspector_app.protocol.blobs import (
    ACCEPTED_MEDIA_TYPES,
    MAX_BLOB_BYTES,
    MAX_BLOB_PIXELS,
    sniff_media_type,
)
from inspector_app.server import blobs as server_blobs
from inspector_app.store import photos as desktop_photos


def _encoded(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "mime"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")]
)
def test_real_images_are_sniffed_by_their_magic_number(fmt: str, mime: str) -> None:
    assert sniff_media_type(_encoded(fmt)[:12]) == mime


@pytest.mark.parametrize(
    "first_bytes",
    [b"", b"\xff\xd8", b"RIFF\x00\x00\x00\x00WAVE", b"RIFF", b"GIF89a", b"<html><script>"],
)
def test_anything_else_is_not_an_accepted_type(first_bytes: bytes) -> None:
    assert sniff_media_type(first_bytes) is None


def test_the_laptop_and_the_server_accept_the_same_types_and_limits() -> None:
    assert set(desktop_photos.MIME_BY_FORMAT.values()) == set(ACCEPTED_MEDIA_TYPES)
    assert desktop_photos.DEFAULT_MAX_BYTES == server_blobs.MAX_BYTES == MAX_BLOB_BYTES
    assert desktop_photos.DEFAULT_MAX_PIXELS == server_blobs.MAX_PIXELS == MAX_BLOB_PIXELS
