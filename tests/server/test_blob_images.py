"""Incomplete photos are refused, legal ones of every layout kept, and checking large
photos never stops the server from answering."""

from __future__ import annotations

import io
import struct
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from PIL import Image

from .blob_server import limited_server  # noqa: F401 (a fixture)
from .conftest import RunningServer
from .test_blobs import _head, _jpeg, _put, _sha


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _png(width: int, height: int, rows: int) -> bytes:
    """An RGB PNG whose header says `height` rows and whose pixel data holds `rows`,
    compressed row by row (a 119-megapixel one never sits in memory)."""
    packer = zlib.compressobj(1)
    row = b"\x00" + bytes([7]) * (width * 3)
    data = b"".join(packer.compress(row) for _ in range(rows)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def test_a_jpeg_cut_short_with_an_end_marker_is_refused(
    limited: RunningServer, tmp_path: Path
) -> None:
    headers = limited.token("zhang")
    whole = _jpeg(tmp_path, size=(800, 600))
    cut = whole[: len(whole) // 2] + b"\xff\xd9"
    refused = _put(limited, headers, cut)
    assert refused.status_code == 422 and "damaged" in refused.json()["detail"]
    assert _head(limited, headers, _sha(cut)) == 404
    progressive = io.BytesIO()
    Image.open(io.BytesIO(whole)).save(progressive, "JPEG", progressive=True, quality=80)
    cut = progressive.getvalue()[: len(progressive.getvalue()) * 3 // 4] + b"\xff\xd9"
    assert _put(limited, headers, cut).status_code == 422
    assert _put(limited, headers, whole).status_code == 201
    assert _put(limited, headers, progressive.getvalue()).status_code == 201


def test_a_png_whose_pixel_data_ends_early_is_refused(
    limited: RunningServer, tmp_path: Path
) -> None:
    headers = limited.token("zhang")
    short = _png(100, 10_900, rows=50)
    refused = _put(limited, headers, short)
    assert refused.status_code == 422 and "damaged" in refused.json()["detail"]
    assert _head(limited, headers, _sha(short)) == 404
    assert _put(limited, headers, _png(100, 10_900, rows=10_900)).status_code == 201
    interlaced = io.BytesIO()
    Image.open(io.BytesIO(_jpeg(tmp_path, size=(300, 200)))).save(interlaced, "PNG", interlace=1)
    assert _put(limited, headers, interlaced.getvalue()).status_code == 201
    palette = io.BytesIO()
    Image.new("P", (333, 217), 5).save(palette, "PNG")
    assert _put(limited, headers, palette.getvalue()).status_code == 201


@pytest.mark.parametrize("limited", ["sqlite"], indirect=True)  # no database work in it
def test_health_keeps_answering_while_large_photos_are_checked(limited: RunningServer) -> None:
    """Three legal 119-megapixel PNGs at once (5-6 s of /healthz stall when they were
    decoded on the event loop): the bound is generous, the stall was not."""
    headers = limited.token("zhang")
    big = _png(10_000, 11_900, rows=11_900)
    marker = big.index(b"IDAT") - 4  # a text chunk before it gives each copy its own hash
    photos = [
        big[:marker] + _chunk(b"tEXt", b"Comment\x00" + bytes([n])) + big[marker:] for n in b"abc"
    ]
    waits: list[float] = []
    with ThreadPoolExecutor(3) as pool:
        uploads = [pool.submit(_put, limited, headers, photo) for photo in photos]
        while not all(upload.done() for upload in uploads):
            started = time.monotonic()
            assert requests.get(f"{limited.url}/healthz", timeout=30).status_code == 200
            waits.append(time.monotonic() - started)
            time.sleep(0.05)
        assert [upload.result().status_code for upload in uploads] == [201, 201, 201]
    assert max(waits) < 2.0, f"/healthz took up to {max(waits):.2f} s"
