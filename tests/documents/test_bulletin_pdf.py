"""The bulletin PDF read back with poppler: what it says, and where, in mm (GB/T 9704)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from inspector_app.documents.bulletin_content import (
    BulletinContent,
    CountRow,
    Totals,
    UnitProgress,
)
from inspector_app.documents.bulletin_pdf import build_bulletin
from inspector_app.documents.content import Issuer
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.services import bulletin as service
from inspector_app.store.store import Store
from tests.bulletin_data import ISSUED_ON, PERIOD, build_bulletin_campaign

from .conftest import page_count, pdf_text, poppler
from .pdf_layout import PT, TextLine, horizontal_rules, is_black, is_red, rendered_page, text_lines

TOP, LEFT, RIGHT, BOTTOM = 37.0, 28.0, 184.0, 262.0
LINE_MM = 225 / 22
CHAR_MM = 16 * PT
HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
NUMBER = "伊营商监通〔2026〕3号"


@pytest.fixture(scope="module")
def campaign_pdf(
    tmp_path_factory: pytest.TempPathFactory, fonts: DocumentFonts
) -> Iterator[tuple[Path, BulletinContent]]:
    folder = tmp_path_factory.mktemp("bulletin-pdf")
    store = Store.open(folder / "data")
    try:
        build_bulletin_campaign(store, folder / "camera")
        with store.unit_of_work() as uow:
            scope = service.resolve_scope(uow, *PERIOD, None)
            content = service.bulletin_content(
                uow, uow.photos, scope, issuer=Issuer(), issued_on=ISSUED_ON, number=NUMBER
            )
        pdf = folder / "bulletin.pdf"
        build_bulletin(content, fonts, pdf)
        yield pdf, content
    finally:
        store.close()


def synthetic(units: int, number: str | None = NUMBER) -> BulletinContent:
    """A bulletin of `units` units without a store: long tables that must break across pages."""
    names = [f"伊春市第{n}行政审批服务局" for n in range(1, units + 1)]
    progress = tuple(
        UnitProgress(name, 3, 1, n % 2, int(n % 3 == 0), 3, 3 - n % 4, {"red": int(n % 3 == 0)})
        for n, name in enumerate(names)
    )
    ranked = sorted(progress, key=lambda p: p.rate or 0)
    return BulletinContent(
        bulletin_id="5b1e7c3a-9d42-4f0e-8a61-2c7d0e4b9f13",
        issuer=Issuer(),
        number=number,
        period_from=date(2026, 11, 1),
        period_to=date(2026, 11, 30),
        campaign=None,
        issued_on=date(2026, 11, 28),
        totals=Totals(units * 2, units, units * 3, units, units),
        by_category=(CountRow("工作纪律与在岗在位", units * 2), CountRow("仪容仪表", units)),
        by_unit=tuple(CountRow(name, 3) for name in names),
        by_district=(CountRow("伊美区", units * 3),),
        cases=(),
        progress=progress,
        red_list=tuple(p for p in ranked if (p.rate or 0) >= 0.9),
        black_list=tuple(p for p in ranked if (p.rate or 0) < 0.85),
    )


def write(content: BulletinContent, fonts: DocumentFonts, path: Path) -> Path:
    build_bulletin(content, fonts, path)
    return path


def test_the_totals_tables_and_lists_read_back_as_counted(
    campaign_pdf: tuple[Path, BulletinContent],
) -> None:
    pdf, _ = campaign_pdf
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "按照“四不两直”要求" in text and "关于2026年11月政务服务明察暗访情况的通报" in text
    assert "本期共检查政务服务大厅4个、4次（其中暗访4次），发现问题12个，涉及责任单位8个" in text
    assert "1工作纪律与在岗在位433.3%" in text
    assert "合计12100%" in text
    red = text.index("（一）红榜（整改率不低于90%）")
    black = text.index("（二）黑榜（整改率低于85%）")
    assert red < text.index("伊春市市场监督管理局22100.0%", red) < black
    assert black < text.index("乌翠区人力资源和社会保障局200.0%", black)
    assert black < text.index("友好区人力资源和社会保障局2150.0%", black)
    for figure in range(1, 5):
        assert f"图{figure}" in text
    assert NUMBER in text and "草稿" not in text


def test_progress_rows_give_notices_closed_overdue_and_warning_colours(
    campaign_pdf: tuple[Path, BulletinContent],
) -> None:
    pdf, _ = campaign_pdf
    rows = {re.sub(r"\s+", "", line) for line in pdf_text(pdf).splitlines()}
    # unit, problems, notices issued, closed, overdue, blue/yellow/red, rate
    assert "乌翠区人力资源和社会保障局21010/0/10.0%" in rows  # past its deadline: red
    assert "友好区人力资源和社会保障局21000/1/050.0%" in rows  # returned once: yellow
    assert "伊美区市场监督管理局11001/0/00.0%" in rows  # two days left: blue
    assert "伊美区人力资源和社会保障局21100/0/0100.0%" in rows  # 销号
    assert "乌翠区市场监督管理局10000/0/0未交办" in rows  # no notice: not ranked


def _row_has(image, y: int, is_ink, left_mm: float, right_mm: float) -> bool:
    px = 25.4 / 300
    return any(
        is_ink(image.getpixel((x, y))) for x in range(int(left_mm / px), int(right_mm / px), 2)
    )


def test_masthead_mark_number_and_rule_sit_where_the_standard_measures(
    campaign_pdf: tuple[Path, BulletinContent], tmp_path: Path
) -> None:
    pdf, _ = campaign_pdf
    first = text_lines(pdf)[0]
    number = next(line for line in first if line.text == NUMBER)
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
    assert mark_top - TOP == pytest.approx(35, abs=0.5)
    assert number_rows[0] * px - mark_bottom == pytest.approx(2 * LINE_MM, abs=1.0)
    assert rule.top - (number_rows[-1] + 1) * px == pytest.approx(4, abs=0.4)
    assert rule.left == pytest.approx(LEFT, abs=0.3) and rule.right == pytest.approx(RIGHT, abs=0.3)
    title = next(line for line in first if line.text.startswith("关于"))
    assert (title.left + title.right) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=1.0)


@pytest.fixture(scope="module")
def long_bulletins(
    fonts: DocumentFonts, tmp_path_factory: pytest.TempPathFactory
) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("long")
    return {n: write(synthetic(n), fonts, folder / f"b{n}.pdf") for n in (3, 14, 27, 40)}


def _body(page: list[TextLine]) -> list[TextLine]:
    return [line for line in page if TOP - 1 <= line.top < BOTTOM]


@pytest.mark.parametrize("units", (3, 14, 27, 40))
def test_no_heading_ends_a_page(long_bulletins: dict[int, Path], units: int) -> None:
    pages = text_lines(long_bulletins[units])
    assert len(pages) >= 2
    for page in pages[:-1]:
        last = _body(page)[-1]
        assert not HEADING.match(last.text), (units, last.text)


@pytest.mark.parametrize("units", (3, 40))
def test_every_word_stays_inside_the_type_area(long_bulletins: dict[int, Path], units: int) -> None:
    for page in text_lines(long_bulletins[units]):
        for line in page:
            if line.top > BOTTOM:  # the page number
                continue
            assert line.top >= TOP - 1 and line.bottom <= BOTTOM + 0.5, line
            assert line.left >= LEFT - 0.5 and line.right <= RIGHT + 0.5, line


def test_page_numbers_stand_7mm_below_the_type_area_outside_one_character_in(
    long_bulletins: dict[int, Path], tmp_path: Path
) -> None:
    pdf = long_bulletins[40]
    pages = text_lines(pdf)
    assert len(pages) == page_count(pdf) >= 3
    for index, page in enumerate(pages, start=1):
        [mark] = [line for line in page if line.top > BOTTOM]
        assert mark.text == f"—{index}—"
        if index % 2:
            assert mark.right == pytest.approx(RIGHT - 14 * PT, abs=0.5)
        else:
            assert mark.left == pytest.approx(LEFT + 14 * PT, abs=0.5)
    image = rendered_page(pdf, 1, tmp_path)
    px = 25.4 / 300
    [mark] = [line for line in pages[0] if line.top > BOTTOM]
    dash_rows = [
        y
        for y in range(int(BOTTOM / px) + 5, int((mark.bottom + 2) / px))
        if _row_has(image, y, is_black, mark.left, mark.left + 14 * PT)
    ]
    assert dash_rows[0] * px - BOTTOM == pytest.approx(7, abs=0.4)


def test_the_signature_date_ends_four_characters_in_on_the_last_page_with_the_imprint(
    long_bulletins: dict[int, Path],
) -> None:
    last = text_lines(long_bulletins[14])[-1]
    date_line = next(line for line in last if line.text == "2026年11月28日")
    name = next(line for line in last if line.text == "伊春市营商环境建设监督局")
    assert date_line.right == pytest.approx(RIGHT - 4 * CHAR_MM, abs=0.5)
    assert (name.left + name.right) / 2 == pytest.approx(
        (date_line.left + date_line.right) / 2, abs=0.5
    )
    imprint = next(line for line in last if line.text.endswith("印发"))
    assert imprint.bottom < BOTTOM and BOTTOM - imprint.bottom < LINE_MM
    body = [line for line in _body(last) if line.bottom <= name.top]
    assert len(body) >= 2  # the signature never stands alone


def test_a_draft_says_it_has_no_number_on_every_page(fonts: DocumentFonts, tmp_path: Path) -> None:
    pdf = write(synthetic(27, number=None), fonts, tmp_path / "draft.pdf")
    pages = text_lines(pdf)
    assert any("草稿：未编号，不得印发" in line.text for line in pages[0])
    for page in range(1, len(pages) + 1):  # the diagonal mark, read as loose characters
        text = poppler("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-")
        mark = text.replace("草稿：未编号，不得印发", "")
        assert "草" in mark and "稿" in mark, page
    assert "〔2026〕" not in pdf_text(pdf)


def test_an_empty_red_list_says_so_instead_of_an_empty_table(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    content = replace(synthetic(3), red_list=())
    buffer = io.BytesIO()
    build_bulletin(content, fonts, buffer)
    pdf = tmp_path / "empty-red.pdf"
    pdf.write_bytes(buffer.getvalue())
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "本期无单位进入红榜。" in text


def test_long_tables_repeat_their_header_on_the_next_page(long_bulletins: dict[int, Path]) -> None:
    """With 40 units the unit and progress tables run over a page: a page then starts
    with the table's header row, not with a bare row of numbers."""
    pages = text_lines(long_bulletins[40])
    continued = [
        n
        for n, page in enumerate(pages[1:], start=2)
        if any(line.text == "责任单位" and line.top < TOP + 12 for line in page)
    ]
    assert len(continued) >= 2, continued


def test_every_font_is_embedded_and_subset(campaign_pdf: tuple[Path, BulletinContent]) -> None:
    rows = poppler("pdffonts", str(campaign_pdf[0])).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert (emb, sub) == ("yes", "yes"), row
        assert "Helvetica" not in name
