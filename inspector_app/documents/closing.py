"""The end of a GB/T 9704 document: 署名 and 成文日期 (7.3.5), and the 版记 (7.4).

Both are drawn at exact positions rather than left to paragraph alignment,
because the standard measures them: the date ends four characters in from the
type area's right edge with the issuer centred on it, and the 版记's last rule
lies on the bottom edge of the last page's type area.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable, Paragraph

from inspector_app.documents.gbt9704 import BOTTOM, CHAR, LINE, SIZE_3, SIZE_4
from inspector_app.documents.masthead import baseline_drop

THICK_RULE = 0.35 * mm  # the 版记's first and last rules
THIN_RULE = 0.25 * mm  # the rules between its elements


class Signature(Flowable):
    """署名 above 成文日期: the date ends `right_chars` characters in from the right edge,
    the issuer's name is centred on the date (a single issuing organ, sealed)."""

    def __init__(self, issuer: str, date_text: str, font: str, right_chars: int = 4) -> None:
        super().__init__()
        self.issuer, self.date_text, self.font = issuer, date_text, font
        self.right = right_chars * CHAR

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, 2 * LINE
        return self.width, self.height

    def positions(self) -> tuple[float, float]:
        """x of the name and of the date, from the type area's left edge."""
        date_width = stringWidth(self.date_text, self.font, SIZE_3)
        name_width = stringWidth(self.issuer, self.font, SIZE_3)
        date_x = self.width - self.right - date_width
        name_x = date_x + (date_width - name_width) / 2
        return max(0.0, min(name_x, self.width - name_width)), date_x

    def draw(self) -> None:
        ascent = baseline_drop(self.font, SIZE_3)  # on the lines' baselines, as paragraphs
        name_x, date_x = self.positions()
        canvas = self.canv
        canvas.setFont(self.font, SIZE_3)
        canvas.setFillColor(black)
        canvas.drawString(name_x, self.height - ascent, self.issuer)
        canvas.drawString(date_x, self.height - LINE - ascent, self.date_text)


class Imprint(Flowable):
    """版记: 抄送 (left out when there is none) and 印发机关 + 印发日期 in 4号, one character
    in from each side, between rules (first and last 0.35 mm, between them 0.25 mm).
    Wherever the story puts it, it is drawn on the bottom of the type area."""

    def __init__(
        self, copy_to: tuple[str, ...], printer: str, printed_on: str, style: ParagraphStyle
    ) -> None:
        super().__init__()
        self.printer, self.printed_on, self.style = printer, printed_on, style
        self.copy_to = None
        if copy_to:
            label = "抄送："
            hang = stringWidth(label, style.fontName, style.fontSize)
            hanging = ParagraphStyle(
                "copy_to",
                parent=style,
                leftIndent=SIZE_4 + hang,
                firstLineIndent=-hang,
                rightIndent=SIZE_4,
            )
            names = "，".join(escape(name) for name in copy_to)
            self.copy_to = Paragraph(f"{label}{names}。", hanging)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.rows = [LINE]  # 印发机关和印发日期
        if self.copy_to is not None:
            _, height = self.copy_to.wrap(available_width, available_height)
            self.rows.insert(0, max(LINE, height + LINE - self.style.leading))
        self.height = sum(self.rows)
        return self.width, self.height

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        super().drawOn(canvas, x, BOTTOM, _sW)  # the last rule on the type area's bottom

    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        canvas.setStrokeColor(black)
        ascent, descent = getAscentDescent(style.fontName, style.fontSize)
        # the 印发 row at the bottom, text centred in its band
        baseline = (LINE - (ascent - descent)) / 2 - descent
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(black)
        canvas.drawString(SIZE_4, baseline, self.printer)
        canvas.drawRightString(self.width - SIZE_4, baseline, f"{self.printed_on}印发")
        tops = [LINE]
        if self.copy_to is not None:
            band = self.rows[0]
            self.copy_to.drawOn(canvas, 0, LINE + (band - self.copy_to.height) / 2)
            tops.append(LINE + band)
        self._rule(THICK_RULE / 2, THICK_RULE)  # the last rule: its bottom on the type area's
        for top in tops[:-1]:
            self._rule(top, THIN_RULE)
        self._rule(tops[-1], THICK_RULE)

    def _rule(self, y: float, thickness: float) -> None:
        self.canv.setLineWidth(thickness)
        self.canv.line(0, y, self.width, y)
