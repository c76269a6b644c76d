"""The 送达回证 of a notice: one page the deliverer takes along and brings back signed.

It proves the unit received the notice, and when, which starts the notice's
deadline. It is filled in by hand at delivery: the place, the time, the method
ticked, the recipient's signature or seal, the deliverer's and a witness's
signature, remarks (a refusal to sign is noted there). The page is the notice's
GB/T 9704 page, a separate file printed with the notice (docs/documents.md).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from inspector_app.documents.content import NoticeContent
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.form_text import FormText
from inspector_app.documents.gbt9704 import (
    LINE,
    SIZE_4,
    TYPE_WIDTH,
    build_official_pdf,
    styles,
    table_style,
)
from inspector_app.documents.wording import Wording, load_wording

GRID = Color(0.2, 0.2, 0.2)
LABEL_WIDTH = 50 * mm  # 送达文书名称及文号 (9 characters of 4号) on one line
BOX = "□"  # in GB 2312 (A1F5): every Chinese face has it
SIGNED_ON = "年　　月　　日　"
DELIVERED_AT = "年　　月　　日　　时　　分　"


@dataclass(frozen=True)
class ReceiptContent:
    """What the receipt names: who serves which document on whom."""

    issuer: str  # 送达机关
    document_name: str  # 整改通知书
    number: str | None  # 伊营商监〔2026〕7号; None while the notice is a draft
    addressee: str  # 受送达人

    @property
    def is_draft(self) -> bool:
        return self.number is None


def receipt_for(notice: NoticeContent) -> ReceiptContent:
    """The receipt that goes with `notice`; the kind of document comes from the wording."""
    return ReceiptContent(notice.issuer.name, "", notice.number, notice.addressee)


def receipt_file_name(notice_file_name: str) -> str:
    """Beside the notice, named after it: 整改通知书-X-N.pdf -> 送达回证-X-N.pdf."""
    stem = notice_file_name.removesuffix(".pdf")
    stem = stem.removeprefix("整改通知书-")
    return f"送达回证-{stem}.pdf"


def build_receipt(
    content: ReceiptContent,
    fonts: DocumentFonts,
    target: Path | io.BytesIO,
    wording: Wording | None = None,
) -> None:
    """Write the one-page receipt to `target` (a path or a buffer)."""
    wording = wording or load_wording()
    s = styles(fonts)
    # 4号 仿宋 in the form: the labels fit one line and the handwritten parts have room.
    cell = ParagraphStyle(
        "receipt_cell",
        parent=s["cell"],
        fontSize=SIZE_4,
        leading=SIZE_4 * 1.45,
        rightIndent=SIZE_4 * 0.7,
    )
    label = ParagraphStyle("receipt_label", parent=cell, alignment=TA_CENTER, rightIndent=0)
    note = ParagraphStyle("receipt_note", parent=s["small"], alignment=TA_LEFT)
    title = wording.text("receipt", "title")
    name = content.document_name or wording.text("receipt", "document_name")
    number = content.number or "草稿，签发时编号"
    methods = [f"{BOX}{m}" for m in wording.texts("receipt", "methods")]
    method_lines: list[Flowable] = [
        FormText("　　".join(methods[i : i + 2]), cell.fontName, SIZE_4)
        for i in range(0, len(methods), 2)
    ]

    def signed(height: float) -> Flowable:
        """Room to sign, with the date to write at its bottom right."""
        return Table(
            [[Spacer(1, 1)], [FormText(SIGNED_ON, cell.fontName, SIZE_4, TA_RIGHT)]],
            colWidths=[TYPE_WIDTH - LABEL_WIDTH - 12],
            rowHeights=[height - 12 * mm, 9 * mm],
            style=table_style(cell.fontName, ("VALIGN", (0, 0), (-1, -1), "BOTTOM")),
        )

    rows: list[tuple[str, Flowable | list[Flowable] | str, float]] = [
        ("送达机关", Paragraph(escape(content.issuer), cell), 15 * mm),
        ("送达文书名称及文号", Paragraph(f"《{escape(name)}》（{escape(number)}）", cell), 18 * mm),
        ("受送达人", Paragraph(escape(content.addressee), cell), 15 * mm),
        ("送达地点", "", 16 * mm),
        ("送达时间", FormText(DELIVERED_AT, cell.fontName, SIZE_4, TA_RIGHT), 15 * mm),
        ("送达方式", method_lines, 18 * mm),
        ("受送达人签名或盖章", signed(38 * mm), 38 * mm),
        ("送达人", signed(20 * mm), 20 * mm),
        ("见证人", signed(20 * mm), 20 * mm),
        ("备注", Paragraph(escape(wording.text("receipt", "note")), note), 24 * mm),
    ]
    table = Table(
        [[Paragraph(text, label), value] for text, value, _ in rows],
        colWidths=[LABEL_WIDTH, TYPE_WIDTH - LABEL_WIDTH],
        rowHeights=[height for _, _, height in rows],
        style=table_style(
            cell.fontName,
            ("GRID", (0, 0), (-1, -1), 0.6, GRID),
            ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
            ("VALIGN", (1, 0), (1, -1), "MIDDLE"),
            ("VALIGN", (1, 6), (1, 8), "BOTTOM"),
            ("VALIGN", (1, 9), (1, 9), "TOP"),
        ),
    )
    story: list[Flowable] = [
        Paragraph(escape(title), s["title"]),
        Spacer(1, LINE * 0.5),
        table,
    ]
    build_official_pdf(
        target,
        story,
        fonts,
        title=f"{title} {content.addressee}",
        author=content.issuer,
        subject=title,
        draft=content.is_draft,
    )
