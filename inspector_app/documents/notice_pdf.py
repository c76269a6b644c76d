"""The rectification notice (整改通知书) as a PDF laid out after GB/T 9704-2012."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from inspector_app.documents.closing import Imprint, Signature
from inspector_app.documents.content import NoticeContent, chinese_date, chinese_time
from inspector_app.documents.finding_text import finding_text
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.gbt9704 import (
    LINE,
    TYPE_WIDTH,
    build_official_pdf,
    styles,
    table_style,
)
from inspector_app.documents.keeping import Keep
from inspector_app.documents.masthead import Masthead, ink_below, space_before
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
        "working_days": str(content.working_days),
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

    story: list[Flowable] = [*_masthead(content, wording, values, s)]
    story.append(Paragraph(f"{escape(content.addressee)}：", s["addressee"]))
    story.append(Paragraph(text("opening"), s["body"]))
    visit_day = f"{content.visited_on.month}月{content.visited_on.day}日"
    paragraphs = [
        Paragraph(f"{number}. {escape(finding_text(problem, wording, visit_day))}", s["body"])
        for number, problem in enumerate(content.problems, start=1)
    ]
    story += _section(Paragraph(text("problems_heading"), s["heading1"]), paragraphs)
    requirements = [
        Paragraph(f"{number}. {escape(requirement)}", s["body"])
        for number, requirement in enumerate(
            wording.texts("notice", "requirements", **values), start=1
        )
    ]
    story += _section(Paragraph(text("requirements_heading"), s["heading1"]), requirements)

    def closing(tight: bool) -> list[Flowable]:
        """附件说明, 署名 + 成文日期 (room for the seal above), 附注, 核验码 and, without an
        appendix, the 版记: all on the page of the last body lines (GB/T 9704 7.3.5)."""
        blocks: list[Flowable] = []
        if content.photos:
            blocks += [
                Spacer(1, LINE * (0.5 if tight else 1)),
                Paragraph(text("attachment_note"), s["body"]),
            ]
        blocks += [
            Spacer(1, LINE * (1 if tight else 2)),
            Signature(content.issuer.name, chinese_date(content.issued_on), fonts.body),
            Paragraph(text("contact"), s["body"]),
            _verification(content, code, values, wording, s),
        ]
        if not content.photos:
            blocks.append(_imprint(content, s))
        return blocks

    story.append(
        Keep(
            [Paragraph(text("feedback_heading"), s["heading1"])],
            Paragraph(text("feedback"), s["body"]),
            closing,
        )
    )
    if content.photos:
        story += [
            PageBreak(),
            Paragraph(text("appendix_heading"), s["appendix"]),
            Spacer(1, LINE),
            Paragraph(text("appendix_title"), s["title"]),
            Spacer(1, LINE * 0.5),
            *_photo_tables(content, s, copies or print_copies_in(None)),
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


def _masthead(content: NoticeContent, wording: Wording, values: dict, s: dict) -> list[Flowable]:
    """版头 and title: two blank lines from the rule to the title's ink, one blank line
    from the title to the addressee (GB/T 9704 7.2, 7.3.1, 7.3.2)."""
    number = content.number or "（草稿：签发时编号）"
    lines = title_lines(wording.text("notice", "title", **values), (content.site,))
    title = s["title"]
    return [
        Masthead(content.issuer.name, number, s["mark"], s["number"]),
        Spacer(1, space_before(title, lines[0], 2 * LINE)),
        Paragraph("<br/>".join(escape(line) for line in lines), title),
        Spacer(
            1, space_before(s["addressee"], content.addressee, LINE - ink_below(title, lines[-1]))
        ),
    ]


def _section(heading: Flowable, paragraphs: list[Flowable]) -> list[Flowable]:
    """A heading kept with the first two lines of its first paragraph."""
    if not paragraphs:
        return [heading]
    return [Keep([heading], paragraphs[0]), *paragraphs[1:]]


def _imprint(content: NoticeContent, s: dict) -> Flowable:
    issuer = content.issuer
    printer = issuer.printer or issuer.name
    return Imprint(issuer.copy_to, printer, chinese_date(content.issued_on), s["imprint"])


def _photo_tables(content: NoticeContent, s: dict, copies: PrintCopies) -> list[Flowable]:
    """Two photos a row; the last row is kept with the 版记, so the 版记 ends the last page."""
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
    tables = [_photo_grid(part, s) for part in (rows[:-1], rows[-1:]) if part]
    return [*tables[:-1], KeepTogether([tables[-1], _imprint(content, s)])]


def _photo_grid(rows: list[list], s: dict) -> Table:
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
