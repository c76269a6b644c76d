"""Chinese line breaking (禁则) and full-measure lines for every reportlab Paragraph.

reportlab's CJK wrap knows only a few Japanese marks: a line may start with
：；，”！？ or end with （“《, and the one mark it does catch is hung past the
right edge (which is why paragraphs used to keep a right indent and reach 26
characters instead of GB/T 9704's 28). This module replaces
`Paragraph.breakLinesCJK` for every paragraph with wordWrap="CJK":

- a line never starts with a closing mark (CLOSING) nor ends with an opening
  one (OPENING); "——", "……" and runs of Latin letters and digits stay whole;
- each line may tighten its character spacing a little (SQUEEZE of the font
  size per glyph, as Word's document grid does) so 28 characters of 3号 fill
  the 156 mm type area; when a mark has to be pushed to the next line,
  justified lines spread the rest evenly, so both edges stay straight.

The spacing is carried on each line (`charSpace`) and applied while drawing by
wrapping reportlab's line drawers, so Paragraph.split, tables and frames work
as before. `install()` runs when gbt9704 is imported, so every builder that
takes its styles from there gets it.

`faux_bold` on a style strokes the glyph outlines as well (宋体 standing in for
小标宋 is set bold, GB/T 9704 practice), since a TrueType face has no bold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.rl_config import _FUZZ

CLOSING = frozenset("，。、：；！？）》」』”’…〕】〉〗｝］·%‰℃,.;:!?)]}　 ")
OPENING = frozenset("（《「『“‘〔【〈〖｛［([{")
LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_/@#&+=.:'")
UNSPLIT_PAIRS = frozenset("—…")
SQUEEZE = 0.015  # a line may tighten each glyph by 1.5 % of the font size (16 pt: 0.24 pt)
END_MARKS = "。；，、："


def may_break(before: str, after: str) -> bool:
    """Whether a line may end after `before` and the next start with `after`."""
    if after in CLOSING or before in OPENING:
        return False
    if before == after and before in UNSPLIT_PAIRS:
        return False
    return not (before in LATIN and after in LATIN)


def break_points(text: str) -> list[int]:
    """Offsets where `text` may be broken (for tests and captions made by hand)."""
    return [i for i in range(1, len(text)) if may_break(text[i - 1], text[i])]


def join_clauses(parts: Iterable[str], separator: str = "；", end: str = "") -> str:
    """Join sentences with one mark between them: "看到。" + "窗口：1号" gives
    "看到；窗口：1号", never the doubled "。；" the record sheet used to print."""
    kept = [p.strip().rstrip(END_MARKS) for p in parts if p and p.strip().rstrip(END_MARKS)]
    return separator.join(kept) + (end if kept else "")


def _glyphs(frags: list) -> list:
    glyphs = []
    for frag in frags:
        text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
        if text:
            glyphs.extend(rl_paragraph.cjkU(ch, frag, "utf8") for ch in text)
        else:
            glyphs.append(rl_paragraph.cjkU(text, frag, "utf8"))  # <br/> or an image
    return glyphs


def _width(glyph, max_width: float) -> float:
    width = glyph.width
    if hasattr(width, "normalizedValue"):
        width._normalizer = max_width
        width = width.normalizedValue(max_width)
    return width


def split_lines(frags: list, max_widths: list[float], calc_bounds: bool, style) -> object:
    """Lines of at most each width, broken where `may_break` allows."""
    glyphs = _glyphs(frags)
    widths: list[float] = []
    squeeze = SQUEEZE * style.fontSize
    justify = style.alignment == TA_JUSTIFY
    lines = []
    start, count = 0, len(glyphs)
    while start < count:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        widths = []
        end, forced = start, False
        while end < count:
            glyph = glyphs[end]
            if hasattr(glyph.frag, "lineBreak"):
                end, forced = end + 1, True
                widths.append(0.0)
                break
            width = _width(glyph, max_width)
            if widths and sum(widths) + width - squeeze * len(widths) > max_width + _FUZZ:
                break
            widths.append(width)
            end += 1
        if not forced and end < count:
            cut = next(
                (b for b in range(end, start, -1) if may_break(glyphs[b - 1], glyphs[b])), end
            )
            if cut > start:
                widths, end = widths[: cut - start], cut
        natural = sum(widths)
        gaps = max(len(widths) - 1, 1)
        last = forced or end >= count
        space = (max_width - natural) / gaps
        char_space = space if justify and not last else min(space, 0.0)
        used = natural + char_space * (len(widths) - 1)
        line = rl_paragraph.makeCJKParaLine(
            glyphs[start:end], max_width, used, max_width - used, forced, calc_bounds
        )
        line.charSpace = char_space
        lines.append(line)
        start = end
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def _break_lines_cjk(self, maxWidths):
    """Paragraph.breakLinesCJK with 禁则 and full-measure lines (see the module doc)."""
    if not isinstance(maxWidths, list | tuple):
        maxWidths = [maxWidths]
    style = self.style
    self.height = 0
    rl_paragraph._handleBulletWidth(self.bulletText, style, maxWidths)
    if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
        return self.blPara
    if not self.frags:
        return rl_paragraph.ParaLines(
            kind=0,
            fontSize=style.fontSize,
            fontName=style.fontName,
            textColor=style.textColor,
            lines=[],
            ascent=style.fontSize,
            descent=-0.2 * style.fontSize,
        )
    auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
    return split_lines(self.frags, list(maxWidths), auto_leading not in ("", "off"), style)


def _split_lines_hard(bl_para, start: int, stop: int) -> list:
    """reportlab's _split_blParaHard joins the lines of a split paragraph with a space
    (words were split at spaces); lines broken here lost no space, so none is added."""
    lines = bl_para.lines[start:stop]
    if not all(hasattr(line, "charSpace") for line in lines):
        return _RL_SPLIT_HARD(bl_para, start, stop)
    return [word for line in lines for word in line.words]


def _spaced(draw: Callable) -> Callable:
    """Wrap one of reportlab's line drawers: set the line's character spacing (and faux
    bold) on the text object for that line only."""

    def draw_line(tx, offset, line, last=0):
        space = getattr(line, "charSpace", 0.0)
        bold = getattr(getattr(tx.XtraState, "style", None), "faux_bold", 0.0)
        if space:
            tx.setCharSpace(space)
        if bold:
            tx.setTextRenderMode(2)
            tx.setStrokeColor(tx.XtraState.style.textColor)
            tx._code.append(f"{bold:.3f} w")
        try:
            return draw(tx, offset, line, last)
        finally:
            if space:
                tx.setCharSpace(0)
            if bold:
                tx.setTextRenderMode(0)

    draw_line.kinsoku = True
    return draw_line


_RL_SPLIT_HARD = rl_paragraph._split_blParaHard
DRAWERS = ("_leftDrawParaLineX", "_centerDrawParaLineX", "_rightDrawParaLineX")
DRAWERS += ("_justifyDrawParaLineX",)


def install() -> None:
    """Make every CJK paragraph break and space lines as above (idempotent)."""
    rl_paragraph.Paragraph.breakLinesCJK = _break_lines_cjk
    rl_paragraph._split_blParaHard = _split_lines_hard
    for name in DRAWERS:
        drawer = getattr(rl_paragraph, name)
        if not getattr(drawer, "kinsoku", False):
            setattr(rl_paragraph, name, _spaced(drawer))
