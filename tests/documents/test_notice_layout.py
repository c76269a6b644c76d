"""GB/T 9704 positions of the notice, measured in mm on the PDF read back with poppler.

Ink positions (the mark's top, the rule, the page number's dash) are measured on
pages rendered at 300 dpi, as a clerk measures a print with a ruler; text lines
with `pdftotext -bbox-layout`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest

from inspector_app.documents.content import EvidencePhoto, NoticeContent
from inspector_app.documents.fonts import DocumentFonts

from .notice_samples import ISSUER, notice, write_notice
from .pdf_layout import (
    PT,
    TextLine,
    horizontal_rules,
    is_black,
    is_red,
    rendered_page,
    text_lines,
)

TOP, LEFT, RIGHT, BOTTOM = 37.0, 28.0, 184.0, 262.0  # the type area, mm from the top-left
LINE_MM = 225 / 22  # one line of the 22-line grid
CHAR_MM = 16 * PT  # one 3号 character
DATE = "2026年11月28日"
ISSUER_NAME = ISSUER.name
SIZES = (1, 2, 8, 46, 50)
HEADING = re.compile(r"^[一二三四五六七八九十]+、")


@pytest.fixture(scope="module")
def notices(fonts: DocumentFonts, tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("layout")
    return {n: write_notice(notice(n), fonts, folder / f"notice-{n}.pdf") for n in SIZES}


def _signature_page(pages: list[list[TextLine]]) -> tuple[int, TextLine]:
    """The page and line of the 署名: the issuer's name right above the 成文日期."""
    for number, page in enumerate(pages):
        for name, date in itertools.pairwise(page):
            if name.text == ISSUER_NAME and date.text == DATE:
                return number, name
    raise AssertionError("no signature found")


@pytest.mark.parametrize("size", SIZES)
def test_the_signature_stands_on_a_page_with_body_text(notices: dict[int, Path], size: int) -> None:
    pages = text_lines(notices[size])
    number, name = _signature_page(pages)
    above = [
        line
        for line in pages[number]
        if line.bottom <= name.top
        and "联系人" not in line.text
        and not line.text.startswith("附件")
    ]
    assert len(above) >= 2, [line.text for line in pages[number]]  # two lines of the body at least
    dates = [line for line in pages[number] if line.text == DATE]
    assert dates and dates[0].top > name.top, "the date is on the signature's page, under it"


@pytest.mark.parametrize("size", (1, 8))
def test_the_date_ends_four_characters_in_and_the_issuer_is_centred_on_it(
    notices: dict[int, Path], size: int
) -> None:
    pages = text_lines(notices[size])
    number, name = _signature_page(pages)
    date = next(line for line in pages[number] if line.text == DATE)
    assert date.right == pytest.approx(RIGHT - 4 * CHAR_MM, abs=0.5)
    assert (name.left + name.right) / 2 == pytest.approx((date.left + date.right) / 2, abs=0.5)
    assert date.top - name.top == pytest.approx(LINE_MM, abs=0.3)


def test_body_lines_fill_the_type_area_with_28_characters(notices: dict[int, Path]) -> None:
    full, widths = [], []
    for page in text_lines(notices[46]):
        body = [line for line in page if TOP <= line.top < BOTTOM]
        for line, after in itertools.pairwise(body):
            if abs(after.left - LEFT) < 0.3 and after.top - line.top < LINE_MM + 0.5:
                widths.append(line.right)  # a line followed by its paragraph's next line
                if all(ord(ch) >= 0x2E80 for ch in line.text):
                    full.append(len(line.text))
    assert widths and all(right == pytest.approx(RIGHT, abs=0.5) for right in widths), widths
    assert max(full) == 28
    assert sum(1 for n in full if n == 28) >= 0.6 * len(full), full


def test_mark_number_rule_and_title_sit_where_the_standard_measures(
    notices: dict[int, Path], tmp_path: Path
) -> None:
    pdf = notices[2]
    first = text_lines(pdf)[0]
    number = next(line for line in first if "〔2026〕" in line.text)
    image = rendered_page(pdf, 1, tmp_path)
    px = 25.4 / 300
    [rule] = horizontal_rules(image, 300, is_red)
    red_rows = [
        y for y in range(0, int(rule.top / px) - 2) if _row_has(image, y, is_red, LEFT, RIGHT)
    ]
    mark_top, mark_bottom = red_rows[0] * px, (red_rows[-1] + 1) * px
    number_rows = [
        y
        for y in range(int(mark_bottom / px) + 1, int(rule.top / px))
        if _row_has(image, y, is_black, number.left, number.right)
    ]
    number_top, number_bottom = number_rows[0] * px, (number_rows[-1] + 1) * px
    title = next(line for line in first if "关于" in line.text)
    title_rows = [
        y
        for y in range(int((rule.top + rule.thickness) / px) + 1, int(title.bottom / px) + 5)
        if _row_has(image, y, is_black, title.left, title.right)
    ]
    title_top = title_rows[0] * px
    assert mark_top - TOP == pytest.approx(35, abs=0.5)  # 7.2.4
    assert number_top - mark_bottom == pytest.approx(2 * LINE_MM, abs=1.0)  # two blank lines
    assert rule.top - number_bottom == pytest.approx(4, abs=0.4)  # 7.2.7
    assert rule.left == pytest.approx(LEFT, abs=0.3) and rule.right == pytest.approx(RIGHT, abs=0.3)
    assert title_top - (rule.top + rule.thickness) == pytest.approx(2 * LINE_MM, abs=1.0)


def _row_has(image, y: int, is_ink, left_mm: float, right_mm: float) -> bool:
    px = 25.4 / 300
    return any(
        is_ink(image.getpixel((x, y))) for x in range(int(left_mm / px), int(right_mm / px), 2)
    )


def test_page_numbers_stand_7mm_below_the_type_area_outside_one_character_in(
    notices: dict[int, Path], tmp_path: Path
) -> None:
    pdf = notices[8]
    pages = text_lines(pdf)
    assert len(pages) >= 2
    for index, page in enumerate(pages[:2], start=1):
        [mark] = [line for line in page if line.top > BOTTOM]
        assert mark.text == f"—{index}—"
        if index % 2:
            assert mark.right == pytest.approx(RIGHT - 14 * PT, abs=0.5)  # one 4号 character
        else:
            assert mark.left == pytest.approx(LEFT + 14 * PT, abs=0.5)
        assert mark.bottom - mark.top == pytest.approx(14 * PT, abs=0.4)  # 4号
        image = rendered_page(pdf, index, tmp_path)
        px = 25.4 / 300
        dash_rows = [
            y
            for y in range(int(BOTTOM / px) + 5, int((mark.bottom + 2) / px))
            if _row_has(image, y, is_black, mark.left, mark.left + 14 * PT)
        ]
        assert dash_rows[0] * px - BOTTOM == pytest.approx(7, abs=0.4)  # 7.5: the dash's top


def _last_body_line(page: list[TextLine]) -> TextLine:
    return [line for line in page if TOP - 1 <= line.top < BOTTOM][-1]


@pytest.mark.parametrize("size", SIZES)
def test_no_heading_ends_a_page_and_no_problem_leaves_its_first_line_alone(
    notices: dict[int, Path], size: int
) -> None:
    pages = text_lines(notices[size])
    for page, following in itertools.pairwise(pages):
        last = _last_body_line(page)
        assert not HEADING.match(last.text), last.text
        first_of_next = next(line for line in following if TOP - 1 <= line.top < BOTTOM)
        starts_paragraph = abs(last.left - (LEFT + 2 * CHAR_MM)) < 0.5
        continues = abs(first_of_next.left - LEFT) < 0.5
        assert not (starts_paragraph and continues), (last.text, first_of_next.text)


def test_orphan_rules_hold_for_every_length_of_notice(fonts: DocumentFonts, tmp_path: Path) -> None:
    """Sizes where, before the fix, "二、整改要求" or "三、反馈要求" ended a page."""
    for size in (4, 6, 11, 21):
        pdf = write_notice(notice(size), fonts, tmp_path / f"n{size}.pdf")
        pages = text_lines(pdf)
        for page in pages[:-1]:
            assert not HEADING.match(_last_body_line(page).text), (size, page[-2].text)


def _photo(folder: Path, name: str, size: tuple[int, int]) -> Path:
    from PIL import Image

    path = folder / name
    Image.new("RGB", size, (120, 140, 160)).save(path, "JPEG")
    return path


def _with_photos(tmp_path: Path, count: int, **issuer_changes) -> NoticeContent:
    content = notice(3, issuer=replace(ISSUER, **issuer_changes))
    photos = tuple(
        EvidencePhoto(
            image=_photo(tmp_path, f"p{n}.jpg", (800, 600) if n % 2 else (600, 800)),
            rotation=0,
            problem_number=n % 3 + 1,
            item=content.problems[n % 3].item,
            taken_at=content.problems[n % 3].observed_at,
            place=content.site,
            sha256=f"{n:02d}" * 32,
        )
        for n in range(count)
    )
    return replace(content, photos=photos)


def _imprint_rules(pdf: Path, page: int, folder: Path) -> list:
    image = rendered_page(pdf, page, folder, dpi=600)
    rules = horizontal_rules(image, 600, is_black, min_length_mm=150)
    return [r for r in rules if r.top > BOTTOM - 40]


@pytest.mark.parametrize("copy_to", [("伊春市人民政府办公室", "伊美区人民政府"), ()])
def test_the_last_page_ends_with_the_imprint_between_its_rules(
    fonts: DocumentFonts, tmp_path: Path, copy_to: tuple[str, ...]
) -> None:
    changes = {"copy_to": copy_to, "printer": "伊春市营商环境建设监督局办公室"}
    content = notice(2, issuer=replace(ISSUER, **changes))
    pdf = write_notice(content, fonts, tmp_path / "imprint.pdf")
    pages = text_lines(pdf)
    last = pages[-1]
    printed = next(line for line in last if line.text.endswith("印发"))
    words = [line for line in last if abs(line.top - printed.top) < 0.5]
    assert [w.text for w in words] == ["伊春市营商环境建设监督局办公室", "2026年11月28日印发"]
    assert min(w.left for w in words) == pytest.approx(LEFT + 14 * PT, abs=0.5)  # 1 字 in
    assert max(w.right for w in words) == pytest.approx(RIGHT - 14 * PT, abs=0.5)
    assert printed.bottom - printed.top == pytest.approx(14 * PT, abs=0.4)  # 4号
    copy_lines = [line for line in last if line.text.startswith("抄送")]
    rules = _imprint_rules(pdf, len(pages), tmp_path)
    if copy_to:
        assert [line.text for line in copy_lines] == [
            "抄送：伊春市人民政府办公室，伊美区人民政府。"
        ]
        assert copy_lines[0].left == pytest.approx(LEFT + 14 * PT, abs=0.5)
        assert copy_lines[0].bottom < printed.top
        assert [round(r.thickness, 1) for r in rules] == pytest.approx([0.35, 0.25, 0.35], abs=0.1)
    else:
        assert copy_lines == []
        assert [round(r.thickness, 1) for r in rules] == pytest.approx([0.35, 0.35], abs=0.1)
    assert rules[-1].top + rules[-1].thickness == pytest.approx(BOTTOM, abs=0.2)
    assert all(r.left == pytest.approx(LEFT, abs=0.2) for r in rules)
    assert all(r.right == pytest.approx(RIGHT, abs=0.2) for r in rules)
    assert printed.top > rules[-2].top and printed.bottom < rules[-1].top


def test_with_photos_the_imprint_ends_the_appendix_and_the_appendix_follows_the_standard(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    content = _with_photos(tmp_path, 5)
    pdf = write_notice(content, fonts, tmp_path / "appendix.pdf")
    pages = text_lines(pdf)
    start = next(i for i, page in enumerate(pages) if page[0].text == "附件")
    label, title = pages[start][0], pages[start][1]
    assert label.left == pytest.approx(LEFT, abs=0.3) and label.top < TOP + 2  # first line
    assert label.bottom - label.top == pytest.approx(16 * PT, abs=0.4)  # 3号
    assert title.text == "问题照片"
    assert (title.left + title.right) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=0.5)
    assert title.top - label.top == pytest.approx(2 * LINE_MM, abs=1.0)  # one blank line
    assert any(line.text.endswith("印发") for line in pages[-1])
    assert not any(line.text.endswith("印发") for page in pages[:-1] for line in page)
    assert len(_imprint_rules(pdf, len(pages), tmp_path)) == 2


def test_the_imprint_settings_reach_the_notice(fonts: DocumentFonts, tmp_path: Path) -> None:
    from inspector_app.services.documents import issuer_from
    from inspector_app.settings import Settings

    issuer = issuer_from(Settings(copy_to=["伊美区人民政府"], printing_office="局办公室"))
    pdf = write_notice(notice(1, issuer=issuer), fonts, tmp_path / "settings.pdf")
    last = text_lines(pdf)[-1]
    assert "抄送：伊美区人民政府。" in [line.text for line in last]
    assert "局办公室" in [line.text for line in last]
