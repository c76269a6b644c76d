"""Read a PDF's text lines and rules back in millimetres (poppler-utils), for layout tests."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

PT = 25.4 / 72  # mm per point
LINE_RE = re.compile(
    r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S
)
WORD_RE = re.compile(r"<word [^>]*>([^<]*)</word>")


@dataclass(frozen=True)
class TextLine:
    """One printed line: its text and box in mm from the page's top-left corner."""

    text: str
    left: float
    top: float
    right: float
    bottom: float


def text_lines(pdf: Path) -> list[list[TextLine]]:
    """Every page's lines, top to bottom, as pdftotext -bbox-layout groups them."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        lines = []
        for m in LINE_RE.finditer(page):
            text = "".join(WORD_RE.findall(m.group(5)))
            text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            x0, y0, x1, y1 = (float(m.group(i)) * PT for i in range(1, 5))
            lines.append(TextLine(text, x0, y0, x1, y1))
        pages.append(sorted(lines, key=lambda line: (round(line.top, 1), line.left)))
    return pages


def rendered_page(pdf: Path, page: int, folder: Path, dpi: int = 300) -> Image.Image:
    """One page as an RGB image (pdftoppm), for measuring rules and colours."""
    stem = folder / f"page-{page}-{dpi}"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    with Image.open(f"{stem}.png") as image:
        return image.convert("RGB")


@dataclass(frozen=True)
class Rule:
    """A horizontal rule found on a rendered page: its top edge, thickness and span in mm."""

    top: float
    thickness: float
    left: float
    right: float


def horizontal_rules(
    image: Image.Image, dpi: int, is_ink, min_length_mm: float = 100
) -> list[Rule]:
    """Runs of ink down the page's centre column that extend at least `min_length_mm` sideways."""
    px = 25.4 / dpi
    x = image.width // 2
    rules, y = [], 0
    while y < image.height:
        if not is_ink(image.getpixel((x, y))):
            y += 1
            continue
        start = y
        while y < image.height and is_ink(image.getpixel((x, y))):
            y += 1
        middle = (start + y) // 2
        left = x
        while left > 0 and is_ink(image.getpixel((left - 1, middle))):
            left -= 1
        right = x
        while right < image.width - 1 and is_ink(image.getpixel((right + 1, middle))):
            right += 1
        if (right - left) * px >= min_length_mm:
            rules.append(Rule(start * px, (y - start) * px, left * px, (right + 1) * px))
    return rules


def is_red(pixel: tuple[int, int, int]) -> bool:
    return pixel[0] > 150 and pixel[1] < 100 and pixel[2] < 100


def is_black(pixel: tuple[int, int, int]) -> bool:
    return max(pixel) < 110
