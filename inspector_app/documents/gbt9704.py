"""GB/T 9704-2012 page geometry, type styles and page furniture for reportlab.

Measurements as in docs/documents.md (Layout): A4; top margin 37 mm, left 28 mm;
type area 156 mm × 225 mm (so 35 mm bottom, 26 mm right); body 3号 (16 pt)
仿宋 on 22 lines of about 29 pt; page numbers "— 1 —" in 4号 (14 pt) 宋体,
7 mm below the type area, right on odd pages and left on even pages, one
character in from the edge.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle

from inspector_app.documents import line_breaking
from inspector_app.documents.font_notice import title_needs_bold
from inspector_app.documents.fonts import DocumentFonts, ink_extent

line_breaking.install()  # 禁则 and full lines for every paragraph of every document

# reportlab wraps image bytes in ASCII85 in pure Python by default: 30x slower, 25 % larger.
rl_config.useA85 = 0

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP = 37 * mm
LEFT = 28 * mm
TYPE_WIDTH = 156 * mm
TYPE_HEIGHT = 225 * mm
BOTTOM = PAGE_HEIGHT - TOP - TYPE_HEIGHT  # 35 mm
RED = Color(0.85, 0.0, 0.0)

SIZE_2 = 22  # 二号: title
SIZE_3 = 16  # 三号: body, number, addressee
SIZE_4 = 14  # 四号: page number
SIZE_5 = 10.5  # 五号: captions, tables
LINE = TYPE_HEIGHT / 22  # ≈ 29 pt: 22 lines fill the type area
CHAR = SIZE_3  # one 字 of the body
PAGE_NUMBER_GAP = 7 * mm  # type area's bottom to the page number's top
FAUX_BOLD = 0.035  # stroke width per point of size: 宋体 standing in for 小标宋


def styles(fonts: DocumentFonts) -> dict[str, ParagraphStyle]:
    """Named paragraph styles; CJK wrapping everywhere (no word boundaries in Chinese)."""
    # bulletFontName defaults to Helvetica, which would be listed (not embedded) in the PDF.
    base = dict(
        wordWrap="CJK", textColor=black, allowWidows=0, allowOrphans=0, bulletFontName=fonts.body
    )

    named = {
        "mark": ParagraphStyle(
            "mark",
            fontName=fonts.title,
            fontSize=30,
            leading=40,
            alignment=TA_CENTER,
            textColor=RED,
            wordWrap="CJK",
        ),
        "number": ParagraphStyle(
            "number",
            fontName=fonts.body,
            fontSize=SIZE_3,
            leading=LINE,
            alignment=TA_CENTER,
            **base,
        ),
        "title": ParagraphStyle(
            "title",
            fontName=fonts.title,
            fontSize=SIZE_2,
            leading=SIZE_2 * 1.5,
            alignment=TA_CENTER,
            **base,
        ),
        "addressee": ParagraphStyle(
            "addressee",
            fontName=fonts.body,
            fontSize=SIZE_3,
            leading=LINE,
            alignment=TA_LEFT,
            **base,
        ),
        "body": ParagraphStyle(
            "body",
            fontName=fonts.body,
            fontSize=SIZE_3,
            leading=LINE,
            firstLineIndent=2 * CHAR,
            alignment=TA_JUSTIFY,
            **base,
        ),
        "heading1": ParagraphStyle(
            "heading1",
            fontName=fonts.heading,
            fontSize=SIZE_3,
            leading=LINE,
            firstLineIndent=2 * CHAR,
            **base,
        ),
        "heading2": ParagraphStyle(
            "heading2",
            fontName=fonts.kai,
            fontSize=SIZE_3,
            leading=LINE,
            firstLineIndent=2 * CHAR,
            **base,
        ),
        "signature": ParagraphStyle(
            "signature",
            fontName=fonts.body,
            fontSize=SIZE_3,
            leading=LINE,
            alignment=TA_CENTER,
            **base,
        ),
        "appendix": ParagraphStyle(
            "appendix",
            fontName=fonts.heading,
            fontSize=SIZE_3,
            leading=LINE,
            alignment=TA_LEFT,
            **base,
        ),
        "caption": ParagraphStyle(
            "caption",
            fontName=fonts.body,
            fontSize=SIZE_5,
            leading=SIZE_5 * 1.35,
            alignment=TA_LEFT,
            **base,
        ),
        "cell": ParagraphStyle(
            "cell",
            fontName=fonts.body,
            fontSize=SIZE_5,
            leading=SIZE_5 * 1.4,
            alignment=TA_LEFT,
            **base,
        ),
        "cell_head": ParagraphStyle(
            "cell_head",
            fontName=fonts.heading,
            fontSize=SIZE_5,
            leading=SIZE_5 * 1.4,
            alignment=TA_CENTER,
            **base,
        ),
        "small": ParagraphStyle(
            "small", fontName=fonts.body, fontSize=9, leading=12, alignment=TA_LEFT, **base
        ),
        "imprint": ParagraphStyle(
            "imprint",
            fontName=fonts.body,
            fontSize=SIZE_4,
            leading=SIZE_4 * 1.5,
            alignment=TA_LEFT,
            **base,
        ),
    }
    if title_needs_bold(fonts):
        for name in ("mark", "title"):
            named[name].faux_bold = FAUX_BOLD * named[name].fontSize
    return named


def draw_page_number(canvas: Canvas, number: int, font: str) -> None:
    """GB/T 9704 7.5: "— N —" in 4号 宋体, its top 7 mm below the type area; odd pages
    right and even pages left, one character in."""
    text = f"— {number} —"
    width = canvas.stringWidth(text, font, SIZE_4)
    dash_top, _ = ink_extent(font, "—", SIZE_4)
    baseline = BOTTOM - PAGE_NUMBER_GAP - dash_top
    x = LEFT + TYPE_WIDTH - SIZE_4 - width if number % 2 else LEFT + SIZE_4
    canvas.setFont(font, SIZE_4)
    canvas.setFillColor(black)
    canvas.drawString(x, baseline, text)


def draw_draft_mark(canvas: Canvas, font: str) -> None:
    """A visible 草稿 across every page of a draft: it has no number and is not issued."""
    canvas.saveState()
    canvas.setFillColor(Color(0.85, 0.2, 0.2, alpha=0.18))
    canvas.setFont(font, 110)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(35)
    canvas.drawCentredString(0, -40, "草稿")
    canvas.restoreState()


def table_style(body_font: str, *commands: tuple) -> TableStyle:
    """A TableStyle whose cells use our font: reportlab sets each cell's font even for
    flowable cells, and its default (Helvetica) would be listed, unembedded, in the PDF."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), body_font), *commands])


def build_official_pdf(
    target: Path | BinaryIO,
    story: list[Flowable],
    fonts: DocumentFonts,
    *,
    title: str,
    author: str,
    subject: str,
    draft: bool = False,
) -> None:
    """Lay `story` into the GB/T 9704 type area on A4 with page numbers (and 草稿 marks)."""
    document = BaseDocTemplate(
        str(target) if isinstance(target, Path) else target,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        initialFontName=fonts.body,  # else every page names a non-embedded Helvetica
        leftMargin=LEFT,
        rightMargin=PAGE_WIDTH - LEFT - TYPE_WIDTH,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator="inspector-app",
    )
    frame = Frame(
        LEFT,
        BOTTOM,
        TYPE_WIDTH,
        TYPE_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="type-area",
    )

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        draw_page_number(canvas, doc.page, fonts.page_number)
        if draft:
            draw_draft_mark(canvas, fonts.heading)

    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    document.build(story)
