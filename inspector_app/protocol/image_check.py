"""Is this file a whole JPEG, PNG or WebP photo? A full decode with bounded memory.

Pillow alone accepts two kinds of incomplete file: a JPEG cut short with an end marker
added (libjpeg warns, fills the rest with grey, and Pillow ignores the warning) and a
PNG whose compressed pixel data ends early. So:

- PNG: the chunks are walked (CRCs checked) and the pixel data is inflated in pieces
  and must be exactly the rows the header announces, each with a valid filter byte;
  memory stays at one piece, whatever the image size.
- JPEG: decoded (a baseline one at 1/8 scale: the entropy data is still read in full,
  memory is 64 times smaller), then decoded again with a few bytes put before its
  end marker. A whole scan never reads them; a cut scan reads them instead of
  libjpeg's zero fill, so its pixels change and the cut shows.
- WebP: a full Pillow decode, its memory reserved from a budget first.

Every decode reserves its estimated memory from a DecodeBudget, so several large
photos at once wait for each other instead of exhausting the server's memory.

It lives in protocol/ because both sides must decide alike: the laptop runs the same
check when a photo is imported, so it never keeps a photo the server would refuse.
"""

from __future__ import annotations

import hashlib
import io
import struct
import threading
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from inspector_app.protocol.blobs import MAX_BLOB_PIXELS, sniff_media_type

DAMAGED = "图片已损坏或无法解码。/ The image is damaged."
NOT_AN_IMAGE = "不是 JPEG、PNG 或 WebP 图片。/ Not a JPEG, PNG or WebP image."
TOO_MANY_PIXELS = "图片像素尺寸过大。/ The image has too many pixels."
INFLATE_PIECE = 1024 * 1024
JPEG_PROBE = bytes([0x5A, 0xA5, 0x3C, 0xC3]) * 16  # no 0xFF: never read as a marker
PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2))
ADAM7 += ((0, 1, 1, 2),)


class ImageRefused(Exception):
    """The file is not a photo the server keeps; the message is for the client."""


class DecodeBudget:
    """Bytes of decoded pixels that may be held at once, shared by the check threads."""

    def __init__(self, limit: int) -> None:
        self.limit, self.used = limit, 0
        self._changed = threading.Condition()

    @contextmanager
    def reserve(self, size: int) -> Iterator[None]:
        if size > self.limit:
            raise ImageRefused(TOO_MANY_PIXELS)
        with self._changed:
            self._changed.wait_for(lambda: self.used + size <= self.limit)
            self.used += size
        try:
            yield
        finally:
            with self._changed:
                self.used -= size
                self._changed.notify_all()


def check_image(path: Path, budget: DecodeBudget, max_pixels: int = MAX_BLOB_PIXELS) -> str:
    """The media type of a whole, decodable photo; ImageRefused otherwise."""
    with path.open("rb") as handle:
        mime = sniff_media_type(handle.read(12))
    if mime is None:
        raise ImageRefused(NOT_AN_IMAGE)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            if mime == "image/png":
                _check_png(path, max_pixels)
            elif mime == "image/jpeg":
                _check_jpeg(path, budget, max_pixels)
            else:
                _check_full_decode(path, budget, max_pixels)
    except ImageRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRefused(DAMAGED) from None
    return mime


def _open(source: Path | io.BytesIO, mime: str, max_pixels: int) -> Image.Image:
    image = Image.open(source, formats=[mime.split("/")[1].upper()])
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise ImageRefused(TOO_MANY_PIXELS)
    return image


def _decoded_bytes(image: Image.Image) -> int:
    width, height = image.size
    return width * height * max(len(image.getbands()), 1) + 1024


def _check_full_decode(path: Path, budget: DecodeBudget, max_pixels: int) -> None:
    with _open(path, "image/webp", max_pixels) as image, budget.reserve(_decoded_bytes(image)):
        image.load()


def _jpeg_pixels(data: bytes, budget: DecodeBudget, max_pixels: int) -> bytes:
    """A digest of the decoded pixels: at 1/8 scale for a baseline JPEG (its DC values
    chain through every later block, so a cut shows there); at full scale for a
    progressive one, whose last scans refine only the finer detail."""
    with _open(io.BytesIO(data), "image/jpeg", max_pixels) as image:
        if not image.info.get("progressive"):
            width, height = image.size
            image.draft(image.mode, (max(width // 8, 1), max(height // 8, 1)))
        with budget.reserve(2 * _decoded_bytes(image)):
            image.load()
            return hashlib.sha256(image.tobytes()).digest()


def _check_jpeg(path: Path, budget: DecodeBudget, max_pixels: int) -> None:
    data = path.read_bytes()
    end = _jpeg_end(data)
    as_sent = _jpeg_pixels(data, budget, max_pixels)
    probed = _jpeg_pixels(data[:end] + JPEG_PROBE + data[end:], budget, max_pixels)
    if probed != as_sent:
        raise ImageRefused(DAMAGED)


def _jpeg_end(data: bytes) -> int:
    """Where the first image's end marker (EOI) starts: markers are walked from SOI,
    entropy-coded data skipped to its next real marker."""
    at = 2
    while at + 2 <= len(data):
        if data[at] != 0xFF:
            raise ImageRefused(DAMAGED)
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
        elif marker == 0xD9:
            return at
        elif 0xD0 <= marker <= 0xD7 or marker == 0x01:
            at += 2
        elif at + 4 > len(data):
            break
        else:
            length = struct.unpack(">H", data[at + 2 : at + 4])[0]
            at += 2 + length
            if marker == 0xDA:  # start of scan: skip its entropy-coded data
                at = _next_marker(data, at)
    raise ImageRefused(DAMAGED)


def _next_marker(data: bytes, at: int) -> int:
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            raise ImageRefused(DAMAGED)
        follower = data[at + 1]
        if follower == 0x00 or 0xD0 <= follower <= 0xD7 or follower == 0xFF:
            at += 1 if follower == 0xFF else 2
            continue
        return at


def _png_chunks(handle: io.BufferedReader) -> Iterator[tuple[bytes, bytes]]:
    """(type, data) of each chunk up to IEND, CRCs checked; a file cut short is damaged."""
    if handle.read(8) != b"\x89PNG\r\n\x1a\n":
        raise ImageRefused(NOT_AN_IMAGE)
    while True:
        head = handle.read(8)
        if len(head) < 8:
            raise ImageRefused(DAMAGED)
        length, kind = struct.unpack(">I4s", head)
        body = handle.read(length)
        crc = handle.read(4)
        if len(body) < length or len(crc) < 4:
            raise ImageRefused(DAMAGED)
        if zlib.crc32(body, zlib.crc32(kind)) != struct.unpack(">I", crc)[0]:
            raise ImageRefused(DAMAGED)
        yield kind, body
        if kind == b"IEND":
            return


def _png_rows(width: int, height: int, bits: int, channels: int, interlaced: bool):
    """(row count, bytes per row including the filter byte) of each pass."""
    passes = ADAM7 if interlaced else ((0, 0, 1, 1),)
    for x0, y0, dx, dy in passes:
        columns = (width - x0 + dx - 1) // dx if width > x0 else 0
        rows = (height - y0 + dy - 1) // dy if height > y0 else 0
        if columns and rows:
            yield rows, 1 + (columns * channels * bits + 7) // 8


def _check_png(path: Path, max_pixels: int) -> None:
    with path.open("rb") as handle:
        chunks = _png_chunks(handle)
        kind, header = next(chunks)
        if kind != b"IHDR" or len(header) != 13:
            raise ImageRefused(DAMAGED)
        width, height, bits, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
        if width * height > max_pixels:
            raise ImageRefused(TOO_MANY_PIXELS)
        if colour not in PNG_CHANNELS or width == 0 or height == 0:
            raise ImageRefused(DAMAGED)
        passes = list(_png_rows(width, height, bits, PNG_CHANNELS[colour], bool(interlace)))
        _check_png_pixels(chunks, passes)
    with _open(path, "image/png", max_pixels) as image:
        image.verify()


def _check_png_pixels(chunks: Iterator[tuple[bytes, bytes]], passes: list[tuple[int, int]]) -> None:
    """Inflate the IDAT stream piece by piece: exactly the rows announced, each starting
    with a filter byte 0..4, then the stream's end."""
    expected = sum(rows * row_bytes for rows, row_bytes in passes)
    sizes = (row_bytes for rows, row_bytes in passes for _ in range(rows))
    inflater = zlib.decompressobj()
    produced = next_row = 0
    seen_data = False
    for kind, body in chunks:
        if kind != b"IDAT":
            continue
        seen_data, pending = True, body
        while pending and not inflater.eof:
            piece = inflater.decompress(pending, INFLATE_PIECE)
            pending = inflater.unconsumed_tail
            while next_row < produced + len(piece):
                if piece[next_row - produced] > 4:
                    raise ImageRefused(DAMAGED)
                next_row += next(sizes, expected + 1)
            produced += len(piece)
            if produced > expected:
                raise ImageRefused(DAMAGED)
    if not seen_data or not inflater.eof or produced != expected:
        raise ImageRefused(DAMAGED)
