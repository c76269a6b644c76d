"""A form's fixed line with room to write by hand ("年　　月　　日　　时　　分").

A reportlab Paragraph folds every run of whitespace, the ideographic space
included, into one narrow space, so "年　　月" would print as "年 月" with no room
for the digits. This draws the line as it is, glyph by glyph from the font's widths.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable


class FormText(Flowable):
    """One unwrapped line in `font` at `size`, aligned in the width it is given."""

    def __init__(self, text: str, font: str, size: float, alignment: int = TA_LEFT) -> None:
        super().__init__()
        self.text, self.font, self.size, self.alignment = text, font, size, alignment
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.3

    def text_width(self) -> float:
        return pdfmetrics.stringWidth(self.text, self.font, self.size)

    def draw(self) -> None:
        x = {
            TA_LEFT: 0.0,
            TA_CENTER: (self.width - self.text_width()) / 2,
            TA_RIGHT: self.width - self.text_width(),
        }[self.alignment]
        self.canv.setFont(self.font, self.size)
        self.canv.drawString(x, self.size * 0.3, self.text)
