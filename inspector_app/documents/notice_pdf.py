"""The rectification notice (整改通知书) as a PDF laid out after GB/T 9704-2012."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from inspector_app.documents.content import NoticeContent, chinese_date, chinese_time
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.gbt9704 import (
    CHAR,
    LINE,
    RED,
    TYPE_WIDTH,
    build_official_pdf,
    styles,
    table_style,
)
from inspector_app.documents.print_copies import PrintCopies, print_copies_in
from inspector_app.documents.wording import Wording, load_wording
from inspector_app.protocol.notice_digest import CODE_LABEL, qr_payload, verification_code

PHOTO_BOX = (74 * mm, 78 * mm)  # two photos a row, a caption below each


def build_notice(
    content: NoticeContent,
    fonts: DocumentFonts,
    target: Path | io.BytesIO,
    wording: Wording | None = None,
    copies: PrintCopies | None = None,
) -> None:
    """Write the notice PDF to `target` (a path or a buffer). `copies` caches the photos'
    print copies (services pass the store's); by default a cache in memory only."""
    wording = wording or load_wording()
    s = styles(fonts)
    code = verification_code(content.notice_id)
    values = {
        "site": content.site,
        "date": chinese_date(content.visited_on),
        "mode": content.mode_text,
        "unit": content.addressee,
        "deadline": chinese_date(content.deadline),
        "contact_person": content.issuer.contact_person or "　　",
        "contact_phone": content.issuer.contact_phone or "　　",
        "issuer": content.issuer.name,
        "count": str(len(content.problems)),
        "notice_id": content.notice_id,
        "code": code,
        "digest": code,  # wording files written before the 核验码 said {digest}
    }

    def text(key: str) -> str:
        return escape(wording.text("notice", key, **values))

    story: list[Flowable] = [
        Spacer(1, 35 * mm - 4),  # the mark's top edge 35 mm below the type area's top
        Paragraph(escape(content.issuer.name), s["mark"]),
        Spacer(1, LINE * 1.2),
        Paragraph(
            escape(content.number) if content.number else "（草稿：签发时编号）", s["number"]
        ),
        Spacer(1, 4 * mm - LINE * 0.3),
        HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=0, spaceAfter=0),
        Spacer(1, LINE * 1.6),
        Paragraph(
            "<br/>".join(
                escape(line)
                for line in title_lines(wording.text("notice", "title", **values), (content.site,))
            ),
            s["title"],
        ),
        Spacer(1, LINE * 0.6),
        Paragraph(f"{escape(content.addressee)}：", s["addressee"]),
        Paragraph(text("opening"), s["body"]),
        Paragraph(text("problems_heading"), s["heading1"]),
    ]
    for number, problem in enumerate(content.problems, start=1):
        facts = []
        if problem.observed_at is not None:
            facts.append(f"检查时间：{chinese_time(problem.observed_at)}")
        if problem.window:
            facts.append(f"窗口：{problem.window}号")
        if problem.staff_badge:
            facts.append(f"工号：{problem.staff_badge}")
        detail = f"{'；'.join(facts)}。" if facts else ""  # no brackets: they break badly
        story.append(
            Paragraph(
                f"{number}. {escape(problem.item)}。{escape(problem.description)}{escape(detail)}",
                s["body"],
            )
        )
    story.append(Paragraph(text("requirements_heading"), s["heading1"]))
    for number, requirement in enumerate(
        wording.texts("notice", "requirements", **values), start=1
    ):
        story.append(Paragraph(f"{number}. {escape(requirement)}", s["body"]))
    story += [
        Paragraph(text("feedback_heading"), s["heading1"]),
        Paragraph(text("feedback"), s["body"]),
    ]
    # The signature never stands on a page without body text (GB/T 9704 7.3.5).
    closing: list[Flowable] = [Paragraph(text("contact"), s["body"])]
    if content.photos:
        closing += [Spacer(1, LINE * 0.5), Paragraph(text("attachment_note"), s["body"])]
    closing += [_signature(content, s), _verification(content, code, values, wording, s)]
    story.append(KeepTogether(closing))
    if content.photos:
        story += [
            PageBreak(),
            Paragraph(text("appendix_heading"), s["appendix"]),
            Paragraph(text("appendix_title"), s["title"]),
            Spacer(1, LINE * 0.4),
            _photo_table(content, s, copies or print_copies_in(None)),
        ]

    build_official_pdf(
        target,
        story,
        fonts,
        title=wording.text("notice", "title", **values),
        author=content.issuer.name,
        subject="整改通知书",
        draft=content.is_draft,
    )


def title_lines(title: str, phrases: tuple[str, ...] = (), per_line: int = 18) -> list[str]:
    """Break a long title into two balanced lines (GB/T 9704 7.3.1: a trapezoid), at a
    natural point: after a phrase that must stay whole (the site's name) or after
    的/于/和/及; never in the middle of a word when such a point exists."""
    if len(title) <= per_line:
        return [title]
    points = {title.find(p) + len(p) for p in phrases if p and p in title}
    points |= {i + 1 for i, ch in enumerate(title) if ch in "的于和及"}
    fitting = [i for i in points if 0 < i < len(title) and max(i, len(title) - i) <= per_line]
    cut = min(fitting, key=lambda i: abs(len(title) - 2 * i)) if fitting else (len(title) + 1) // 2
    return [title[:cut], title[cut:]]


def _signature(content: NoticeContent, s: dict) -> Flowable:
    """Issuer and 成文日期: the date 4 characters in from the right, the name centred on it;
    blank lines above leave room for the seal, which presses both."""
    date_text = chinese_date(content.issued_on)
    width = len(date_text) * CHAR * 0.75 + 2 * CHAR
    right_indent = 4 * CHAR
    cell = Table(
        [
            [Paragraph(escape(content.issuer.name), s["signature"])],
            [Paragraph(date_text, s["signature"])],
        ],
        colWidths=[max(width, len(content.issuer.name) * CHAR + CHAR)],
        style=table_style(
            s["body"].fontName,
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ),
        hAlign="RIGHT",
    )
    return KeepTogether([Spacer(1, LINE * 2), _Indented(cell, right_indent), Spacer(1, LINE)])


class _Indented(Flowable):
    """Shift a right-aligned flowable in from the right edge."""

    def __init__(self, inner: Flowable, right: float) -> None:
        super().__init__()
        self.inner, self.right = inner, right

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        _, self.height = self.inner.wrap(available_width - self.right, available_height)
        return self.width, self.height

    def draw(self) -> None:
        inner_width = self.inner._width if hasattr(self.inner, "_width") else self.inner.width
        self.inner.drawOn(self.canv, self.width - self.right - inner_width, 0)


def _photo_table(content: NoticeContent, s: dict, copies: PrintCopies) -> Flowable:
    cells = []
    for photo in content.photos:
        copy = copies.get(photo.image, photo.rotation, PHOTO_BOX)  # made once per photo
        taken = chinese_time(photo.taken_at) if photo.taken_at else "拍摄时间不详"
        caption = (
            f"问题{photo.problem_number} · {escape(photo.item)}<br/>{taken} · "
            f"{escape(photo.place)}<br/>SHA-256 {photo.sha256[:16]}"
        )
        cells.append(
            [
                Image(copy.source(), width=copy.width, height=copy.height),
                Paragraph(caption, s["caption"]),
            ]
        )
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    if rows and len(rows[-1]) == 1:
        rows[-1].append(Spacer(1, 1))
    table = Table(rows, colWidths=[TYPE_WIDTH / 2] * 2, splitByRow=1)
    table.setStyle(
        table_style(
            s["body"].fontName,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
        )
    )
    return table


class QrCode(Flowable):
    """A QR code drawn as filled squares (reportlab's widget would list Helvetica)."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(text)
        code.make()
        count = code.getModuleCount()
        self.dark = [(r, c) for r in range(count) for c in range(count) if code.isDark(r, c)]
        self.count, self.size = count, size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        module = self.size / (self.count + 8)  # four modules of quiet zone on each side
        self.canv.setFillColorRGB(0, 0, 0)
        for row, column in self.dark:
            x = (column + 4) * module
            y = self.size - (row + 5) * module
            self.canv.rect(x, y, module, module, stroke=0, fill=1)


def _verification(
    content: NoticeContent, code: str, values: dict, wording: Wording, s: dict
) -> Flowable:
    """The QR code (the notice id) and the 核验码 in small type, each on one line.

    The code names the notice; whether a copy is genuine is decided by the digest of
    its whole text, recorded when it is issued (protocol/notice_digest.py).
    """
    size = 18 * mm
    drawing = QrCode(qr_payload(content.notice_id), size)
    note = escape(wording.text("notice", "verification", **values))
    code_line = f"{CODE_LABEL}\u3000{code}"  # 4 groups of 4: about 40 mm in 9 pt
    table = Table(
        [[drawing, [Paragraph(code_line, s["small"]), Paragraph(note, s["small"])]]],
        colWidths=[size + 4 * mm, TYPE_WIDTH - size - 4 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        table_style(
            s["body"].fontName,
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        )
    )
    return table
