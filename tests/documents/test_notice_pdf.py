"""The rectification notice, read back with poppler: fonts, text order, images, layout."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from inspector_app.documents.content import NoticeContent, NoticeProblem
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.gbt9704 import LEFT, TOP, TYPE_HEIGHT, TYPE_WIDTH
from inspector_app.services import documents as docs
from inspector_app.services.queries import list_inspections
from inspector_app.store.store import Store

from .conftest import ISSUED_ON, ISSUER, page_count, pdf_text, poppler


def _contents(store: Store) -> list[NoticeContent]:
    with store.unit_of_work() as uow:
        approved = next(r for r in list_inspections(uow) if r.status.value == "approved")
        return docs.notice_contents(
            uow, store.photos, approved.id, issuer=ISSUER, issued_on=ISSUED_ON
        )


def _write(tmp_path: Path, content: NoticeContent, fonts: DocumentFonts, name: str) -> Path:
    return docs.save_pdf(docs.notice_pdf(content, fonts), tmp_path / name)


def test_every_font_is_embedded(demo_store: Store, fonts: DocumentFonts, tmp_path: Path) -> None:
    content = max(_contents(demo_store), key=lambda c: len(c.photos))
    pdf = _write(tmp_path, content, fonts, "notice.pdf")
    lines = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert lines, "the notice uses fonts"
    for line in lines:
        columns = line.split()
        assert columns[-5:-3] == ["yes", "yes"], line  # emb, sub


def test_text_appears_in_official_order(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    content = replace(
        max(_contents(demo_store), key=lambda c: len(c.problems)), number="伊营商监〔2026〕7号"
    )
    pdf = _write(tmp_path, content, fonts, "numbered.pdf")
    text = re.sub(r"\s+", "", pdf_text(pdf))
    expected = [
        "伊春市营商环境建设监督局",
        "伊营商监〔2026〕7号",
        "整改通知书",
        f"{content.addressee}：",
        "一、存在的问题",
    ]
    expected += [re.sub(r"\s+", "", p.description)[:12] for p in content.problems]
    expected += ["二、整改要求", "2026年12月18日", "三、反馈要求", "2026年11月28日"]
    positions = [text.find(fragment) for fragment in expected]
    assert -1 not in positions, [e for e, p in zip(expected, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert "草稿" not in text


def test_a_draft_has_no_number_and_says_so(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    content = _contents(demo_store)[0]
    assert content.is_draft
    text = pdf_text(_write(tmp_path, content, fonts, "draft.pdf"))
    assert "草稿" in text and "〔2026〕" not in text


def test_photos_are_embedded_at_print_resolution_not_camera_size(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    content = max(_contents(demo_store), key=lambda c: len(c.photos))
    assert content.photos
    pdf = _write(tmp_path, content, fonts, "photos.pdf")
    rows = [line.split() for line in poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]]
    images = [r for r in rows if r[2] == "image"]
    assert len(images) == len(content.photos)
    for row in images:
        width, height, x_ppi = int(row[3]), int(row[4]), int(row[12])
        assert max(width, height) <= 700, row  # not the 4032-px original
        assert 170 <= x_ppi <= 230, row  # about 200 dpi at its printed size
        assert row[8] == "jpeg"


def _words_outside_type_area(pdf: Path) -> list[str]:
    html = poppler("pdftotext", "-bbox", str(pdf), "-")
    slack = 2.0
    outside = []
    for match in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    ):
        x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
        word = match.group(5)
        in_area = (
            x0 >= LEFT - slack
            and x1 <= LEFT + TYPE_WIDTH + slack
            and y0 >= TOP - slack
            and y1 <= TOP + TYPE_HEIGHT + slack
        )
        page_number = re.fullmatch(r"—|\d+", word) and y0 > TOP + TYPE_HEIGHT
        if not in_area and not page_number:
            outside.append(word)
    return outside


def test_fifty_problems_stay_orderly_inside_the_type_area(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    base = _contents(demo_store)[0]
    long_text = (
        "11时20分，3号窗口工作人员离开座位前往后台区域，期间有4名群众在窗口前排队等候，"
        "叫号屏持续呼叫该窗口，大厅引导员未进行引导，群众反映已等候超过30分钟，"
        "ABC-123 业务系统显示“暂停服务”。"
    ) * 2
    problems = tuple(
        NoticeProblem(
            "窗口是否存在空岗、离岗、脱岗现象",
            f"（第{n}项）{long_text}",
            str(n % 20 + 1),
            datetime(2026, 11, 20, 1, 0, tzinfo=UTC) + timedelta(minutes=n),
            f"{1000 + n}",
        )
        for n in range(1, 51)
    )
    content = replace(base, problems=problems, photos=(), number="伊营商监〔2026〕8号")
    pdf = _write(tmp_path, content, fonts, "fifty.pdf")
    pages = page_count(pdf)
    assert 8 <= pages <= 30, pages
    assert _words_outside_type_area(pdf) == []
    text = re.sub(r"\s+", "", pdf_text(pdf))
    positions = [text.find(f"（第{n}项）") for n in range(1, 51)]
    assert -1 not in positions and positions == sorted(positions)


def test_first_page_renders_as_an_a4_page(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    pdf = _write(tmp_path, _contents(demo_store)[0], fonts, "render.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    from PIL import Image

    [png] = list(tmp_path.glob("page*.png"))
    with Image.open(png) as image:
        assert abs(image.size[0] - 413) <= 1 and abs(image.size[1] - 585) <= 1  # A4 at 50 dpi
        rgb = image.convert("RGB")
        red = sum(
            1
            for y in range(0, rgb.height, 2)
            for x in range(0, rgb.width, 2)
            if (p := rgb.getpixel((x, y)))[0] > 180 and p[1] < 80 and p[2] < 80
        )
    assert red > 75  # the red issuer mark and rule are there (every 4th pixel sampled)


def test_long_titles_break_after_the_site_name_not_inside_a_word() -> None:
    from inspector_app.documents.notice_pdf import title_lines

    site = "伊春市人社局政务服务分厅"
    assert title_lines(f"关于{site}政务服务问题的整改通知书", (site,)) == [
        f"关于{site}",
        "政务服务问题的整改通知书",
    ]
    assert title_lines("关于铁力市政务服务中心的整改通知书", ("铁力市政务服务中心",)) == [
        "关于铁力市政务服务中心的整改通知书"
    ]
