"""禁则 (Chinese line breaking) in every paragraph the documents print: body, cells, captions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.gbt9704 import TYPE_WIDTH, styles
from inspector_app.documents.line_breaking import break_points, join_clauses, may_break
from inspector_app.services import documents as docs
from inspector_app.services.queries import list_inspections
from inspector_app.store.store import Store

from .conftest import ISSUER
from .notice_samples import notice, write_notice
from .pdf_layout import text_lines

CLOSING = set("：；，。、）》」』”’！？…")
OPENING = set("（《「『“‘")


def _broken_lines(pdf: Path) -> list[str]:
    """Printed lines that start with a closing mark or end with an opening one."""
    return [
        line.text
        for page in text_lines(pdf)
        for line in page
        if line.text and (line.text[0] in CLOSING or line.text[-1] in OPENING)
    ]


def test_no_line_of_a_46_problem_notice_breaks_the_rules(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    pdf = write_notice(notice(46), fonts, tmp_path / "notice-46.pdf")
    assert sum(len(page) for page in text_lines(pdf)) > 150  # enough lines to meet every case
    assert _broken_lines(pdf) == []


def test_record_sheet_cells_and_photo_captions_keep_the_rules(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    checked = 0
    with demo_store.unit_of_work() as uow:
        inspections = list_inspections(uow)
        for row in inspections:
            record = docs.record_content(uow, demo_store.photos, row.id, issuer=ISSUER)
            pdf = docs.save_pdf(docs.record_pdf(record, fonts), tmp_path / f"record-{row.id}.pdf")
            assert _broken_lines(pdf) == [], row.id
            checked += 1
        approved = next(r for r in inspections if r.status.value == "approved")
        notices = docs.notice_contents(
            uow, demo_store.photos, approved.id, issuer=ISSUER, issued_on=date(2026, 11, 28)
        )
    for content in notices:
        pdf = docs.save_pdf(docs.notice_pdf(content, fonts), tmp_path / "with-photos.pdf")
        captions = [
            line for page in text_lines(pdf) for line in page if line.text.startswith("SHA-256")
        ]
        assert len(captions) == len(content.photos)
        assert _broken_lines(pdf) == []
    assert checked == len(inspections) >= 4


def test_a_closing_mark_takes_a_character_with_it_and_the_line_is_spread_to_the_edge(
    fonts: DocumentFonts,
) -> None:
    style = styles(fonts)["addressee"]  # 3号, no indent, left aligned
    body = styles(fonts)["body"]  # justified
    text = "字" * 28 + "，" + "字" * 10 + "（" + "字" * 20
    for which in (style, body):
        paragraph = Paragraph(text, which)
        paragraph.wrap(TYPE_WIDTH, 1000)
        lines = ["".join(w.text for w in line.words) for line in paragraph.blPara.lines]
        assert all(line[0] not in CLOSING and line[-1] not in OPENING for line in lines), lines
        assert "".join(lines) == text
    first = paragraph.blPara.lines[0]
    assert len("".join(w.text for w in first.words)) == 26  # 2 characters of indent
    assert first.currentWidth == pytest.approx(TYPE_WIDTH - 2 * 16, abs=0.01)  # full measure


def test_28_characters_of_3hao_fit_one_line(fonts: DocumentFonts) -> None:
    paragraph = Paragraph("字" * 56, styles(fonts)["addressee"])
    paragraph.wrap(TYPE_WIDTH, 1000)
    assert [len(line.words[0].text) for line in paragraph.blPara.lines] == [28, 28]


def test_runs_of_latin_letters_digits_dashes_and_ellipses_stay_whole() -> None:
    assert not may_break("1", "2") and not may_break("C", "-") and not may_break("-", "1")
    assert not may_break("—", "—") and not may_break("…", "…")
    assert not may_break("字", "：") and not may_break("“", "字")
    assert may_break("字", "“") and may_break("。", "字")
    assert break_points("ABC-123号") == [7]


def test_clauses_join_with_one_mark_never_a_doubled_one() -> None:
    joined = join_clauses(["群众等候超过30分钟。", "窗口：12号", "工号：1001；"])
    assert joined == "群众等候超过30分钟；窗口：12号；工号：1001"
    assert join_clauses(["看到。", ""], end="。") == "看到。"
    assert join_clauses(["", " "]) == ""
