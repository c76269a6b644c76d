"""Read a PDF's words back with their places (mm from the page's top left) and faces.

`pdftotext -bbox-layout` gives every word, the line it was set on and its box;
`pdftohtml -xml` gives each text run's font, so a test can see which embedded
face printed a word.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .conftest import poppler

PT = 25.4 / 72  # mm per point
NS = {"x": "http://www.w3.org/1999/xhtml"}


@dataclass(frozen=True)
class Word:
    page: int  # from 1
    line: int  # the line it was set on (one id per poppler line, over the whole file)
    text: str
    x0: float  # mm
    y0: float
    x1: float
    y1: float

    @property
    def x_mid(self) -> float:
        return (self.x0 + self.x1) / 2


def words(pdf: Path) -> list[Word]:
    root = ET.fromstring(poppler("pdftotext", "-bbox-layout", str(pdf), "-"))
    found: list[Word] = []
    line_id = 0
    for page_no, page in enumerate(root.iter(f"{{{NS['x']}}}page"), start=1):
        for line in page.iter(f"{{{NS['x']}}}line"):
            line_id += 1
            for word in line.iter(f"{{{NS['x']}}}word"):
                box = [float(word.get(k, "0")) * PT for k in ("xMin", "yMin", "xMax", "yMax")]
                found.append(Word(page_no, line_id, word.text or "", *box))
    return found


def lines(pdf: Path) -> list[list[Word]]:
    grouped: dict[int, list[Word]] = {}
    for word in words(pdf):
        grouped.setdefault(word.line, []).append(word)
    return list(grouped.values())


def line_text(line: list[Word]) -> str:
    return "".join(w.text for w in line)


def find_line(pdf: Path, pattern: str) -> list[Word]:
    """The first line whose text (spaces dropped) matches `pattern`."""
    for line in lines(pdf):
        if re.search(pattern, line_text(line)):
            return line
    raise AssertionError(f"no line matches {pattern!r}")


def text_faces(pdf: Path) -> list[tuple[str, str]]:
    """(text run, font family) for every run on every page, e.g. ("▲不符合", "…ZenHei-0")."""
    xml = poppler("pdftohtml", "-xml", "-stdout", "-i", "-q", str(pdf))
    root = ET.fromstring(xml)
    families = {spec.get("id"): spec.get("family", "") for spec in root.iter("fontspec")}
    return [
        ("".join(text.itertext()), families.get(text.get("font"), "")) for text in root.iter("text")
    ]


def blocks(pdf: Path) -> list[str]:
    """The text of each block poppler found (a table cell's paragraph is one), spaces
    dropped: what a cell says in reading order, not interleaved with its neighbours."""
    root = ET.fromstring(poppler("pdftotext", "-bbox-layout", str(pdf), "-"))
    return [
        "".join(word.text or "" for word in block.iter(f"{{{NS['x']}}}word"))
        for block in root.iter(f"{{{NS['x']}}}block")
    ]
