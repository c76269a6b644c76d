"""Print copies of evidence photos, derived once per source image, rotation and box.

Deriving a copy (decode the 1600 px preview, turn, shrink, encode) costs about 20 ms a
photo, twenty times what laying it out costs, and a notice is built again for every
preview, print and save. So each copy is kept, keyed by the sha256 of the source file
plus the rotation and the box: on disk when a folder is given (services put it beside
the store's previews, `photos/print/`), and remembered for the process (bounded; the
bytes themselves only without a folder). The source is hashed once per process per
(path, size, mtime), not once per build.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image as PILImage

PRINT_DPI = 200
MEMORY_BYTES = 64 * 1024 * 1024  # ~600 copies of a 74 mm photo kept without a folder
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class PrintCopy:
    """A print copy: its file in the cache folder, or (without one) its bytes."""

    path: Path | None
    jpeg: bytes | None
    width: float  # points, fitted into the box
    height: float

    def source(self) -> str | io.BytesIO:
        """What reportlab's Image takes. A file name, when there is one: given bytes,
        reportlab decodes the whole picture only to name it (canvas.drawImage hashes an
        ImageReader's RGB data), about 3 ms and 1 MB per photo; a JPEG file it embeds
        as it is (DCTDecode) without decoding."""
        if self.path is not None:
            return str(self.path)
        assert self.jpeg is not None
        return io.BytesIO(self.jpeg)


class PrintCopies:
    """A cache of print copies; safe to share between threads."""

    def __init__(self, folder: Path | None = None, memory_bytes: int = MEMORY_BYTES) -> None:
        self.folder = folder
        self.memory_bytes = memory_bytes
        self._copies: OrderedDict[tuple, PrintCopy] = OrderedDict()
        self._held = 0
        self._hashes: dict[tuple[str, int, int], str] = {}
        self._lock = threading.Lock()
        self.derived = 0  # how many copies were made from a source (tests, benchmarks)

    def get(self, source: Path, rotation: int, box: tuple[float, float]) -> PrintCopy:
        key = (self._source_sha256(source), rotation % 4, round(box[0], 2), round(box[1], 2))
        with self._lock:
            copy = self._copies.get(key)
            if copy is not None:
                self._copies.move_to_end(key)
                return copy
        copy = self._from_disk(key, box)
        if copy is None:
            made = derive(source, rotation, box)
            with self._lock:
                self.derived += 1
            assert made.jpeg is not None
            path = self._to_disk(key, made.jpeg)
            copy = made if path is None else PrintCopy(path, None, made.width, made.height)
        self._remember(key, copy)
        return copy

    def _source_sha256(self, source: Path) -> str:
        status = source.stat()
        stamp = (str(source), status.st_size, status.st_mtime_ns)
        with self._lock:
            known = self._hashes.get(stamp)
        if known is not None:
            return known
        digest = hashlib.sha256()
        with source.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        with self._lock:
            self._hashes[stamp] = digest.hexdigest()
        return digest.hexdigest()

    def _path(self, key: tuple) -> Path | None:
        if self.folder is None:
            return None
        sha, rotation, width, height = key
        return self.folder / sha[:2] / f"{sha}-r{rotation}-{width:.2f}x{height:.2f}.jpg"

    def _from_disk(self, key: tuple, box: tuple[float, float]) -> PrintCopy | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            with PILImage.open(path) as image:  # the header only
                image.verify()
                size = image.size
        except (OSError, SyntaxError, ValueError):
            return None  # a damaged cache file is made again
        return PrintCopy(path, None, *fit(size, box))

    def _to_disk(self, key: tuple, data: bytes) -> Path | None:
        """Published whole (a temp file renamed); None when there is no folder or it cannot
        be written (the copy is then kept in memory only)."""
        path = self._path(key)
        if path is None:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
        except OSError:
            return None
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except OSError:
            Path(temp).unlink(missing_ok=True)  # a full disk: the copy is made again next time
            return None
        return path

    def _remember(self, key: tuple, copy: PrintCopy) -> None:
        with self._lock:
            if key in self._copies:
                return
            self._copies[key] = copy
            self._held += len(copy.jpeg or b"") + 200
            while self._held > self.memory_bytes and len(self._copies) > 1:
                _, dropped = self._copies.popitem(last=False)
                self._held -= len(dropped.jpeg or b"") + 200


@cache
def print_copies_in(folder: Path | None) -> PrintCopies:
    """One cache per folder for the whole process (None: memory only)."""
    return PrintCopies(folder)


def fit(pixels: tuple[int, int], box: tuple[float, float]) -> tuple[float, float]:
    """The printed size of an image of `pixels` fitted into `box` (points), aspect kept."""
    scale = min(box[0] / pixels[0], box[1] / pixels[1])
    return pixels[0] * scale, pixels[1] * scale


def derive(path: Path, rotation: int, box: tuple[float, float]) -> PrintCopy:
    """A JPEG at about 200 dpi for its printed size, upright; never the camera original."""
    with PILImage.open(path) as image:
        picture = image.convert("RGB")
    if rotation % 4:
        picture = picture.rotate(-90 * (rotation % 4), expand=True)
    width_pt, height_pt = fit(picture.size, box)
    pixels = (max(1, round(width_pt / 72 * PRINT_DPI)), max(1, round(height_pt / 72 * PRINT_DPI)))
    if pixels[0] < picture.width:
        picture = picture.resize(pixels, PILImage.Resampling.BILINEAR, reducing_gap=2.0)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    return PrintCopy(None, buffer.getvalue(), *fit(picture.size, box))
