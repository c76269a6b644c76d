"""Content-addressed photo files: originals untouched, previews derived.

Layout under the data dir's `photos/`:
    originals/ab/<sha256>        the imported bytes, exactly
    previews/ab/<sha256>.jpg     upright, at most 1600 px
    thumbs/ab/<sha256>.jpg       upright, at most 256 px

Import checks the file is a real image before anything is written, and
every file is published with `atomic_files`, so the database row that
references a photo can only commit after its bytes are safely on disk.
"""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import BinaryIO

from PIL import Image, JpegImagePlugin, PngImagePlugin, UnidentifiedImageError, WebPImagePlugin

from inspector_app.domain import bureau_time
from inspector_app.domain.errors import ValidationFailed
from inspector_app.protocol.blobs import (
    ACCEPTED_MEDIA_TYPES,
    MAX_BLOB_BYTES,
    MAX_BLOB_PIXELS,
    SNIFF_BYTES,
    sniff_media_type,
)
from inspector_app.protocol.image_check import DecodeBudget, ImageRefused, check_image
from inspector_app.store.atomic_files import publish, temp_file_in, write_atomically
from inspector_app.store.folder_errors import disk_full, is_disk_full

# The server's limits and types (protocol/blobs.py): a photo imported here can always sync.
DEFAULT_MAX_BYTES = MAX_BLOB_BYTES
DEFAULT_MAX_PIXELS = MAX_BLOB_PIXELS
PREVIEW_SIZE = 1600
THUMB_SIZE = 256
CHUNK = 1024 * 1024
# Pillow's format names of the accepted types: JPEG, PNG, WEBP.
IMPORT_BUDGET = DecodeBudget(2 * 1024**3)  # decoded bytes; one import at a time here
MIME_BY_FORMAT = {mime.removeprefix("image/").upper(): mime for mime in ACCEPTED_MEDIA_TYPES}

EXIF_ORIENTATION = 0x0112
EXIF_DATETIME = 0x0132
EXIF_IFD = 0x8769
EXIF_DATETIME_ORIGINAL = 0x9003
EXIF_OFFSET_TIME_ORIGINAL = 0x9011


class PhotoImportError(ValidationFailed):
    """A file that cannot be accepted as photo evidence; nothing was stored."""


@dataclass(frozen=True)
class ImportedPhoto:
    sha256: str
    size: int
    mime: str
    width: int
    height: int
    orientation: int
    taken_at: datetime | None
    original_name: str
    already_stored: bool


@dataclass(frozen=True)
class _Decoded:
    mime: str
    width: int
    height: int
    orientation: int
    taken_at: datetime | None
    preview_jpeg: bytes
    thumb_jpeg: bytes


class PhotoStore:
    def __init__(
        self,
        root: Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_pixels: int = DEFAULT_MAX_PIXELS,
    ) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels

    def sweep_incomplete(self) -> int:
        """Remove temp files a killed import left behind; they were never published."""
        removed = 0
        if self.root.exists():
            for stale in self.root.rglob(".incoming-*"):
                stale.unlink(missing_ok=True)
                removed += 1
        return removed

    def original_path(self, sha256: str) -> Path:
        return self.root / "originals" / sha256[:2] / sha256

    def preview_path(self, sha256: str) -> Path:
        return self.root / "previews" / sha256[:2] / f"{sha256}.jpg"

    def thumb_path(self, sha256: str) -> Path:
        return self.root / "thumbs" / sha256[:2] / f"{sha256}.jpg"

    def import_file(self, source: Path) -> ImportedPhoto:
        """Validate, store and derive previews for one image file.

        The source is read once, hashed as it is copied into a private temp
        file; the checks and previews read that copy. What is validated is
        therefore exactly what is stored, even if the source changes meanwhile.
        """
        declared = self._checked_size(source)
        try:
            sha256, size, decoded, already_stored = self._store(source)
        except OSError as exc:
            if not is_disk_full(exc):
                raise
            # The original plus its previews (about a tenth more); the temp files are gone.
            folder = self.root if self.root.exists() else self.root.parent
            raise disk_full(folder, declared * 11 // 10) from exc
        return ImportedPhoto(
            sha256=sha256,
            size=size,
            mime=decoded.mime,
            width=decoded.width,
            height=decoded.height,
            orientation=decoded.orientation,
            taken_at=decoded.taken_at,
            original_name=source.name,
            already_stored=already_stored,
        )

    def _store(self, source: Path) -> tuple[str, int, _Decoded, bool]:
        """Copy, check from the copy, publish; then the previews."""
        with temp_file_in(self.root / "originals") as (handle, temp):
            sha256, size = self._copy_hashing(source, handle)
            handle.flush()
            decoded = self._decode(temp, source)
            destination = self.original_path(sha256)
            already_stored = destination.exists()
            if not already_stored:
                publish(handle, temp, destination)
        if not self.preview_path(sha256).exists():
            write_atomically(self.preview_path(sha256), decoded.preview_jpeg)
        if not self.thumb_path(sha256).exists():
            write_atomically(self.thumb_path(sha256), decoded.thumb_jpeg)
        return sha256, size, decoded, already_stored

    def import_bytes(self, data: bytes, name: str) -> ImportedPhoto:
        """Store an image made in the app (an annotated copy) like any imported file."""
        with temp_file_in(self.root / "incoming") as (handle, temp):
            handle.write(data)
            handle.flush()
            imported = self.import_file(temp)
        return replace(imported, original_name=name)

    def verify(self, sha256: str) -> bool:
        """Re-hash a stored original: evidence must still match its name."""
        path = self.original_path(sha256)
        if not path.exists():
            return False
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha256

    # --- steps ---

    def _checked_size(self, source: Path) -> int:
        if not source.is_file():
            raise _error("photo.not_found", source, "不存在或不是文件", "does not exist")
        size = source.stat().st_size
        if size == 0:
            raise _error("photo.empty", source, "是空文件", "is empty")
        if size > self.max_bytes:
            limit_mb = self.max_bytes // (1024 * 1024)
            raise _error(
                "photo.too_large",
                source,
                f"大小为 {size / 1048576:.0f} MB，超过 {limit_mb} MB 的上限",
                f"is {size / 1048576:.0f} MB, over the {limit_mb} MB limit",
            )
        return size

    def _decode(self, copy: Path, source: Path) -> _Decoded:
        """Check and derive from `copy` (the bytes to store); messages name `source`."""
        try:
            with warnings.catch_warnings():
                # Our own pixel limit is checked below; Pillow's hard error still applies.
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(copy) as image:
                    decoded = self._derive(source, image, _head(copy))
            if decoded.mime == "image/png":  # pixel data cut short: as the server refuses it
                check_image(copy, IMPORT_BUDGET, self.max_pixels)
            return decoded
        except PhotoImportError:
            raise
        except Image.DecompressionBombError:
            # Pillow's own hard limit (above ours) fired while opening: read the header alone.
            raise _too_many_pixels(source, _header_size(copy), self.max_pixels) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, ImageRefused) as exc:
            raise _error(
                "photo.unreadable",
                source,
                "不是可识别的图片，或文件已损坏",
                f"is not a readable image or is damaged ({exc.__class__.__name__})",
            ) from None

    def _derive(self, source: Path, image: Image.Image, head: bytes) -> _Decoded:
        accepted = MIME_BY_FORMAT.get(image.format or "")
        if accepted is None or sniff_media_type(head) != accepted:
            raise _error(
                "photo.unsupported_format",
                source,
                f"的格式（{image.format}）不受支持，请使用 JPEG、PNG 或 WebP",
                f"has an unsupported format ({image.format}); use JPEG, PNG or WebP",
            )
        width, height = image.size
        if width * height > self.max_pixels:
            raise _too_many_pixels(source, (width, height), self.max_pixels)
        exif = image.getexif()
        orientation = int(exif.get(EXIF_ORIENTATION, 1) or 1)
        taken_at = _exif_time(exif)
        mime = MIME_BY_FORMAT[image.format]
        if image.format == "JPEG":
            # Decode at 1/2..1/8 scale straight from the DCT: far cheaper than full size.
            image.draft("RGB", preview_box(width, height))
        image.load()
        # Shrink first, then turn upright: transposing 2 MP is cheaper than 3 MP. Bilinear is
        # plenty for a screen preview and a print copy of a few centimetres, and 6x faster.
        small = image if image.mode == "RGB" else image.convert("RGB")
        small.thumbnail((PREVIEW_SIZE, PREVIEW_SIZE), Image.Resampling.BILINEAR, reducing_gap=None)
        upright = _upright(small, orientation)
        preview = _jpeg(upright, 85)
        upright.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.BILINEAR, reducing_gap=2.0)
        thumb = _jpeg(upright, 80)
        return _Decoded(mime, width, height, orientation, taken_at, preview, thumb)

    def _copy_hashing(self, source: Path, handle: BinaryIO) -> tuple[str, int]:
        """Copy `source` into `handle` in one read, hashing and bounding its size."""
        digest = hashlib.sha256()
        copied = 0
        with source.open("rb") as reader:
            while chunk := reader.read(CHUNK):
                copied += len(chunk)
                if copied > self.max_bytes:
                    raise _error(
                        "photo.too_large",
                        source,
                        "在导入过程中超过了大小上限",
                        "grew over the size limit while importing",
                    )
                digest.update(chunk)
                handle.write(chunk)
        return digest.hexdigest(), copied


def _head(source: Path) -> bytes:
    """The first bytes, to check the file's magic number as the server will."""
    with source.open("rb") as handle:
        return handle.read(SNIFF_BYTES)


# EXIF orientation -> the transpose that shows the picture upright (EXIF 2.32, tag 0x0112).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _upright(image: Image.Image, orientation: int) -> Image.Image:
    method = UPRIGHT.get(orientation)
    return image.transpose(method) if method is not None else image


def preview_box(width: int, height: int, longest: int = PREVIEW_SIZE) -> tuple[int, int]:
    """The preview's size: the longest side `longest`, the aspect kept.

    Asking JPEG draft mode for exactly this (not a square) lets it decode a
    12 MP photo at half scale; a square box forces a full-size decode.
    """
    scale = min(1.0, longest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _exif_time(exif: Image.Exif) -> datetime | None:
    """Capture time; cameras write local wall time, with an offset only sometimes."""
    sub = exif.get_ifd(EXIF_IFD)
    raw = sub.get(EXIF_DATETIME_ORIGINAL) or exif.get(EXIF_DATETIME)
    if not isinstance(raw, str):
        return None
    try:
        naive = datetime.strptime(raw.strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = sub.get(EXIF_OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str) and len(offset) >= 6 and offset[0] in "+-":
        try:
            sign = 1 if offset[0] == "+" else -1
            delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
            return naive.replace(tzinfo=timezone(sign * delta))
        except ValueError:
            pass
    # The camera's clock shows the hall's time; the laptop may be set to any zone.
    return bureau_time.wall_clock(naive)


def _error(
    code: str, source: Path, zh: str, en: str, hint: tuple[str, str] = ("", "")
) -> PhotoImportError:
    return PhotoImportError(
        code,
        f"照片“{source.name}”{zh}，未导入。{hint[0]}",
        f"Photo '{source.name}' {en}; it was not imported.{' ' + hint[1] if hint[1] else ''}",
    )


def _header_size(source: Path) -> tuple[int, int] | None:
    """Width and height from the header alone, for a file Pillow refused to open as too big.

    The plugin classes parse the header without Pillow's size check, so the
    message can still say how large the photo is.
    """
    for factory in (
        JpegImagePlugin.JpegImageFile,
        PngImagePlugin.PngImageFile,
        WebPImagePlugin.WebPImageFile,
    ):
        try:
            with source.open("rb") as handle, factory(handle) as image:
                return image.size
        except (SyntaxError, OSError, ValueError, IndexError, TypeError, struct.error):
            # not this format; try the next one
            continue
    return None


def _yi(pixels: int) -> str:
    """A pixel count as a Chinese reader says it: 1.92 亿, 1.2 亿, 1200 万."""
    if pixels >= 100_000_000:
        return f"{pixels / 100_000_000:.2f}".rstrip("0").rstrip(".") + " 亿"
    return f"{pixels / 10_000:.0f} 万"


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}".rstrip("0").rstrip(".")


def _too_many_pixels(source: Path, size: tuple[int, int] | None, limit: int) -> PhotoImportError:
    """Say the limit and the photo's size plainly: a big camera file, not an attack."""
    limit_zh = f"超过可导入的上限 {_yi(limit)}像素"
    limit_en = f"over the import limit of {_megapixels(limit)} megapixels"
    hint = (
        "请用相机或看图软件缩小后再导入。",
        "Make it smaller with the camera or a photo viewer, then import it again.",
    )
    if size is None:
        return _error(
            "photo.too_many_pixels", source, f"的像素数{limit_zh}", f"is {limit_en}", hint
        )
    width, height = size
    pixels = width * height
    return _error(
        "photo.too_many_pixels",
        source,
        f"为 {width}×{height} 像素（{_yi(pixels)}像素），{limit_zh}",
        f"is {width}×{height} pixels ({_megapixels(pixels)} megapixels), {limit_en}",
        hint,
    )
