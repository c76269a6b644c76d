"""“副本”: the mark a copy of an issued notice carries when one is asked for.

The issued PDF is frozen, so a copy is that file with the mark laid over each page, top
right above the type area, never a rebuild. The mark is a picture of the two
characters, not text: the 核验 digest is of a notice's text (protocol/notice_digest.py),
so a marked copy still verifies as the notice it copies, while the paper says 副本.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from inspector_app.documents.fonts import DocumentFonts, FontRole
from inspector_app.documents.gbt9704 import LEFT, PAGE_HEIGHT, PAGE_WIDTH, TOP, TYPE_WIDTH

MARK = "副本"
MARK_HEIGHT = 9 * mm  # about 三号 黑体 with its frame
DPI = 300
RED = (217, 0, 0, 255)


def _mark_image(fonts: DocumentFonts) -> Image.Image:
    """The two characters in red 黑体 inside a red frame, on a transparent ground."""
    height = round(MARK_HEIGHT / 72 * DPI)
    face = fonts.files[FontRole.HEADING]
    font = ImageFont.truetype(str(face.path), round(height * 0.62), index=face.index)
    left, top, right, bottom = font.getbbox(MARK)
    pad = round(height * 0.16)
    width = right - left + 2 * pad
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((1, 1, width - 2, height - 2), outline=RED, width=max(height // 28, 2))
    draw.text((pad - left, (height - (bottom - top)) / 2 - top), MARK, font=font, fill=RED)
    return image


def _overlay(fonts: DocumentFonts) -> PdfReader:
    """One A4 page holding only the mark, right-aligned with the type area."""
    image = _mark_image(fonts)
    width = image.width / DPI * 72
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    y = PAGE_HEIGHT - TOP + 6 * mm  # above the type area, clear of the issuer's mark
    canvas.drawImage(
        ImageReader(image), LEFT + TYPE_WIDTH - width, y, width, MARK_HEIGHT, mask="auto"
    )
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue()))


def mark_as_copy(pdf: bytes, fonts: DocumentFonts) -> bytes:
    """The issued PDF with “副本” on every page; the issued file itself is untouched."""
    stamp = _overlay(fonts).pages[0]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        page.merge_page(stamp, over=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
