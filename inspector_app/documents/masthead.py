"""版头 (GB/T 9704 7.2): issuer mark, document number and red rule at measured places.

The standard measures ink, as a clerk with a ruler does: the mark's top edge
35 mm below the type area's top, the number two blank lines (2 × 29 pt) under
the mark, the red rule 4 mm under the number, the title two blank lines under
the rule, and the page number's dash 7 mm under the type area. Paragraph
leading would put each at a font-dependent offset, so the glyph boxes of the
actual face are read (`ink_extent`) and the elements drawn where the ink must be.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from inspector_app.documents.fonts import ink_extent
from inspector_app.documents.gbt9704 import LINE, RED

MARK_TOP = 35 * mm  # type area's top to the mark's top edge
RULE_GAP = 4 * mm  # the number's bottom to the red rule
RULE_WIDTH = 1.2  # pt


class Masthead(Flowable):
    """The red issuer mark, the number (or the draft's placeholder) and the red rule."""

    def __init__(self, issuer: str, number: str, mark: ParagraphStyle, plain: ParagraphStyle):
        super().__init__()
        self.issuer, self.number, self.mark, self.plain = issuer, number, mark, plain

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        size = self.mark.fontSize
        natural = pdfmetrics.stringWidth(self.issuer, self.mark.fontName, size)
        self.mark_size = size * min(1.0, available_width / natural) if natural else size
        mark_top, mark_bottom = ink_extent(self.mark.fontName, self.issuer, self.mark_size)
        stroke = getattr(self.mark, "faux_bold", 0.0) * self.mark_size / self.mark.fontSize
        mark_top, mark_bottom = mark_top + stroke / 2, mark_bottom - stroke / 2  # bold's ink
        number_top, number_bottom = ink_extent(
            self.plain.fontName, self.number, self.plain.fontSize
        )
        # positions measured down from the top of the type area
        self.mark_baseline = MARK_TOP + mark_top
        number_ink_top = self.mark_baseline - mark_bottom + 2 * LINE
        self.number_baseline = number_ink_top + number_top
        self.rule_y = self.number_baseline - number_bottom + RULE_GAP + RULE_WIDTH / 2
        self.height = self.rule_y + RULE_WIDTH / 2
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(RED)
        canvas.setFont(self.mark.fontName, self.mark_size)
        bold = getattr(self.mark, "faux_bold", 0.0)
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(bold * self.mark_size / self.mark.fontSize)
        y = self.height - self.mark_baseline
        canvas.drawCentredString(self.width / 2, y, self.issuer, mode=2 if bold else 0)
        canvas.setFillColor(self.plain.textColor)
        canvas.setFont(self.plain.fontName, self.plain.fontSize)
        canvas.drawCentredString(self.width / 2, self.height - self.number_baseline, self.number)
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(RULE_WIDTH)
        canvas.line(0, self.height - self.rule_y, self.width, self.height - self.rule_y)


def baseline_drop(font: str, size: float) -> float:
    """How far below a paragraph's top reportlab puts its first baseline: the font size
    (rl_config.paraFontSizeHeightOffset, the default) or else the font's ascent."""
    if rl_config.paraFontSizeHeightOffset:
        return size
    return pdfmetrics.getAscentDescent(font, size)[0]


def space_before(style: ParagraphStyle, text: str, gap: float) -> float:
    """The Spacer that puts `text`'s ink top `gap` below the previous element's bottom,
    for a paragraph in `style`."""
    top, _ = ink_extent(style.fontName, text, style.fontSize)
    return max(0.0, gap - (baseline_drop(style.fontName, style.fontSize) - top))


def ink_below(style: ParagraphStyle, text: str) -> float:
    """From a paragraph's last line's ink bottom to the paragraph's bottom."""
    _, bottom = ink_extent(style.fontName, text, style.fontSize)
    return style.leading - baseline_drop(style.fontName, style.fontSize) + bottom
