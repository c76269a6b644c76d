"""Photo import: real JPEGs in, upright previews out, bad files refused untouched."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image

from inspector_app.store.photos import EXIF_ORIENTATION, PhotoImportError, PhotoStore

CHINA = timezone(timedelta(hours=8))


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _red_over_blue_stored_sideways(path: Path) -> None:
    """An upright portrait (red top, blue bottom) saved as a phone does: rotated, orientation 6."""
    upright = Image.new("RGB", (600, 800), (0, 0, 255))
    upright.paste((255, 0, 0), (0, 0, 600, 400))
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    stored.save(path, "JPEG", quality=95, exif=exif)


def test_orientation_6_gives_an_upright_preview_and_thumbnail(tmp_path: Path) -> None:
    source = tmp_path / "portrait.jpg"
    _red_over_blue_stored_sideways(source)
    photos = PhotoStore(tmp_path / "photos")
    imported = photos.import_file(source)
    assert imported.orientation == 6
    for path in (photos.preview_path(imported.sha256), photos.thumb_path(imported.sha256)):
        with Image.open(path) as preview:
            width, height = preview.size
            assert height > width, "portrait shot must be shown upright"
            top = preview.getpixel((width // 2, height // 10))
            bottom = preview.getpixel((width // 2, height * 9 // 10))
            assert top[0] > 200 and top[2] < 60, top
            assert bottom[2] > 200 and bottom[0] < 60, bottom


def test_original_is_kept_byte_for_byte_under_its_sha256(tmp_path: Path, make_jpeg) -> None:
    source = make_jpeg(size=(2000, 1500))
    photos = PhotoStore(tmp_path / "photos")
    imported = photos.import_file(source)
    expected = hashlib.sha256(source.read_bytes()).hexdigest()
    assert imported.sha256 == expected
    assert photos.original_path(expected).read_bytes() == source.read_bytes()
    assert photos.verify(expected)
    with Image.open(photos.preview_path(expected)) as preview:
        assert max(preview.size) <= 1600
    with Image.open(photos.thumb_path(expected)) as thumb:
        assert max(thumb.size) <= 256
    assert (imported.width, imported.height) == (2000, 1500)


def test_capture_time_is_read_from_exif_with_its_offset(tmp_path: Path, make_jpeg) -> None:
    taken = datetime(2026, 11, 20, 9, 15, 42, tzinfo=CHINA)
    imported = PhotoStore(tmp_path / "photos").import_file(make_jpeg(taken_at=taken))
    assert imported.taken_at == taken


@pytest.mark.parametrize("machine", ["UTC", "America/New_York"])
def test_capture_time_without_an_offset_is_the_halls_wall_clock(
    tmp_path: Path, make_jpeg, machine_zone, machine: str
) -> None:
    machine_zone(machine)
    source = make_jpeg(taken_at=datetime(2026, 11, 20, 9, 15, 42))  # no OffsetTimeOriginal
    imported = PhotoStore(tmp_path / "photos").import_file(source)
    assert imported.taken_at is not None
    assert imported.taken_at.astimezone(UTC) == datetime(2026, 11, 20, 1, 15, 42, tzinfo=UTC)


def test_same_bytes_twice_are_stored_once(tmp_path: Path, make_jpeg) -> None:
    source = make_jpeg()
    copy = tmp_path / "copy-with-another-name.jpg"
    copy.write_bytes(source.read_bytes())
    photos = PhotoStore(tmp_path / "photos")
    first = photos.import_file(source)
    second = photos.import_file(copy)
    assert first.sha256 == second.sha256
    assert not first.already_stored and second.already_stored
    assert len(_files(tmp_path / "photos" / "originals")) == 1


def test_tampered_original_fails_verification(tmp_path: Path, make_jpeg) -> None:
    photos = PhotoStore(tmp_path / "photos")
    imported = photos.import_file(make_jpeg())
    path = photos.original_path(imported.sha256)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    assert not photos.verify(imported.sha256)


def _refused(photos: PhotoStore, source: Path, code: str) -> PhotoImportError:
    with pytest.raises(PhotoImportError) as refused:
        photos.import_file(source)
    assert refused.value.code == code
    assert source.name in refused.value.zh and "未导入" in refused.value.zh
    assert source.name in refused.value.en
    assert _files(photos.root) == [], "a refused photo must leave nothing behind"
    return refused.value


def test_truncated_jpeg_is_refused_and_nothing_written(tmp_path: Path, make_jpeg) -> None:
    good = make_jpeg(size=(1600, 1200))
    broken = tmp_path / "truncated.jpg"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _refused(PhotoStore(tmp_path / "photos"), broken, "photo.unreadable")


def test_a_png_whose_pixel_data_ends_early_is_refused(tmp_path: Path) -> None:
    """The laptop keeps no PNG the server would refuse (a cut JPEG is refused at upload
    instead: checking it here would double the import time, docs/benchmarks.md)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    rows = zlib.compress((b"\x00" + bytes([9]) * 300) * 50)  # 50 of the 1,000 rows
    header = struct.pack(">IIBBBBB", 100, 1000, 8, 2, 0, 0, 0)
    short = tmp_path / "short.png"
    short.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )
    _refused(PhotoStore(tmp_path / "photos"), short, "photo.unreadable")


def test_jpeg_with_zeroed_headers_is_refused(tmp_path: Path, make_jpeg) -> None:
    data = bytearray(make_jpeg().read_bytes())
    data[200:4000] = bytes(3800)
    garbled = tmp_path / "garbled.jpg"
    garbled.write_bytes(bytes(data))
    _refused(PhotoStore(tmp_path / "photos"), garbled, "photo.unreadable")


def test_text_file_renamed_jpg_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "IMG_2041.jpg"
    fake.write_text("这不是照片，只是改了扩展名的文本。", encoding="utf-8")
    _refused(PhotoStore(tmp_path / "photos"), fake, "photo.unreadable")


def _jpeg_claiming(path: Path, width: int, height: int) -> Path:
    """A real baseline JPEG whose frame header claims `width`×`height`.

    Encoding 192 million pixels would take gigabytes; the header is all an
    import reads before deciding, so a small JPEG with its SOF0 size rewritten
    is the same file as far as the limit is concerned.
    """
    Image.new("RGB", (64, 48), (120, 110, 100)).save(path, "JPEG", quality=90)
    data = bytearray(path.read_bytes())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    path.write_bytes(bytes(data))
    return path


def test_a_192_megapixel_photo_is_refused_with_its_size_and_the_limit(tmp_path: Path) -> None:
    big = _jpeg_claiming(tmp_path / "x.jpg", 16_000, 12_000)
    error = _refused(PhotoStore(tmp_path / "photos"), big, "photo.too_many_pixels")
    assert error.zh == (
        "照片“x.jpg”为 16000×12000 像素（1.92 亿像素），超过可导入的上限 1.2 亿像素，未导入。"
        "请用相机或看图软件缩小后再导入。"
    )
    assert error.en == (
        "Photo 'x.jpg' is 16000×12000 pixels (192 megapixels), over the import limit of "
        "120 megapixels; it was not imported. Make it smaller with the camera or a photo "
        "viewer, then import it again."
    )
    assert "恶意" not in error.zh and "bomb" not in error.en


def test_a_photo_between_our_limit_and_pillows_says_the_same(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    Image.new("1", (12_000, 12_000)).save(bomb, optimize=True)  # 144 MP in a tiny file
    assert bomb.stat().st_size < 1_000_000
    error = _refused(PhotoStore(tmp_path / "photos"), bomb, "photo.too_many_pixels")
    assert "为 12000×12000 像素（1.44 亿像素），超过可导入的上限 1.2 亿像素" in error.zh
    assert "144 megapixels" in error.en


def test_the_pixel_limit_in_the_message_is_the_configured_one(tmp_path: Path, make_jpeg) -> None:
    source = make_jpeg(size=(4000, 3000))
    error = _refused(
        PhotoStore(tmp_path / "photos", max_pixels=10_000_000), source, "photo.too_many_pixels"
    )
    assert "为 4000×3000 像素（1200 万像素），超过可导入的上限 1000 万像素" in error.zh
    assert "(12 megapixels), over the import limit of 10 megapixels" in error.en


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: over the 50 MB default
    error = _refused(PhotoStore(tmp_path / "photos"), huge, "photo.too_large")
    assert "50 MB" in error.zh


def test_size_limit_is_configurable(tmp_path: Path, make_jpeg) -> None:
    source = make_jpeg(size=(1600, 1200))
    photos = PhotoStore(tmp_path / "photos", max_bytes=source.stat().st_size - 1)
    _refused(photos, source, "photo.too_large")


def test_unsupported_format_is_refused(tmp_path: Path) -> None:
    gif = tmp_path / "anim.gif"
    Image.new("RGB", (100, 100), (1, 2, 3)).save(gif)
    _refused(PhotoStore(tmp_path / "photos"), gif, "photo.unsupported_format")


def test_empty_and_missing_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.touch()
    photos = PhotoStore(tmp_path / "photos")
    _refused(photos, empty, "photo.empty")
    _refused(photos, tmp_path / "missing.jpg", "photo.not_found")
