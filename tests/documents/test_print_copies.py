"""Print copies of evidence photos are made once per source, rotation and box, and kept
in memory and on disk: a notice built again does not decode its photos again."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from inspector_app.documents.content import EvidencePhoto, NoticeContent
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.notice_pdf import PHOTO_BOX, build_notice
from inspector_app.documents.print_copies import PrintCopies
from tests.builders import small_notice

from .conftest import poppler

WHEN = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)


def _photo(path: Path, colour: tuple[int, int, int], size: tuple[int, int]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG", quality=85)
    return path


def _notice(photos: list[tuple[Path, int]]) -> NoticeContent:
    content = small_notice()
    item = content.problems[0].item
    return replace(
        content,
        photos=tuple(
            EvidencePhoto(path, rotation, 1, item, WHEN, "伊美区政务服务中心", "ab" * 32)
            for path, rotation in photos
        ),
    )


def _build(content: NoticeContent, fonts: DocumentFonts, copies: PrintCopies, out: Path) -> Path:
    buffer = io.BytesIO()
    build_notice(content, fonts, buffer, copies=copies)
    out.write_bytes(buffer.getvalue())
    return out


def _image_sizes(pdf: Path) -> list[tuple[int, int]]:
    rows = poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]
    return [(int(row.split()[3]), int(row.split()[4])) for row in rows]


def test_a_notice_built_again_reuses_every_print_copy(fonts: DocumentFonts, tmp_path: Path) -> None:
    first = _photo(tmp_path / "previews" / "a.jpg", (200, 30, 30), (1600, 1200))
    second = _photo(tmp_path / "previews" / "b.jpg", (30, 200, 30), (1200, 1600))
    content = _notice([(first, 0), (second, 0), (first, 0)])  # one photo listed twice
    copies = PrintCopies(tmp_path / "print")
    one = _build(content, fonts, copies, tmp_path / "one.pdf")
    assert copies.derived == 2  # once per distinct photo, not per listing
    two = _build(content, fonts, copies, tmp_path / "two.pdf")
    assert copies.derived == 2  # the second build derived nothing
    assert _image_sizes(one) == _image_sizes(two)
    assert all(max(size) <= 700 for size in _image_sizes(one))  # print size, not 1600 px


def test_print_copies_on_disk_serve_a_new_process_and_a_changed_photo_is_made_again(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    source = _photo(tmp_path / "previews" / "a.jpg", (200, 30, 30), (1600, 1200))
    content = _notice([(source, 0)])
    first = PrintCopies(tmp_path / "print")
    built = _build(content, fonts, first, tmp_path / "first.pdf")
    assert first.derived == 1 and list((tmp_path / "print").rglob("*.jpg"))
    later = PrintCopies(tmp_path / "print")  # as a new process finds the folder
    again = _build(content, fonts, later, tmp_path / "later.pdf")
    assert later.derived == 0
    assert _image_sizes(built) == _image_sizes(again)
    _photo(source, (30, 30, 200), (1200, 1600))  # the same path, another picture
    _build(content, fonts, later, tmp_path / "changed.pdf")
    assert later.derived == 1  # keyed by the source's sha256, not its path


def test_rotation_and_box_are_part_of_the_key(tmp_path: Path) -> None:
    source = _photo(tmp_path / "a.jpg", (200, 30, 30), (1600, 1200))
    copies = PrintCopies(tmp_path / "print")
    upright = copies.get(source, 0, PHOTO_BOX)
    turned = copies.get(source, 1, PHOTO_BOX)
    smaller = copies.get(source, 0, (PHOTO_BOX[0] / 2, PHOTO_BOX[1] / 2))
    assert copies.derived == 3
    assert upright.width > upright.height and turned.height > turned.width
    assert smaller.width < upright.width
    assert copies.get(source, 4, PHOTO_BOX) is upright  # a full turn is upright
    assert copies.derived == 3
