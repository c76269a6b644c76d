"""Keep a heading with the lines after it, and the signature with the lines before it.

reportlab's keepWithNext/KeepTogether move a whole group to the next page when
it does not fit, which leaves half a page empty before a long paragraph, and
nesting one KeepTogether in another made the notice's signature always stand
alone on a new page. `Keep` splits the paragraph instead:

- a lead-in (a heading) stays with at least the first `lines` lines of the
  paragraph after it (a heading is never the last line of a page);
- a tail (the signature block: 署名, 成文日期, 附注, 版记) stays with at least
  the last `lines` lines of the body. It first tries its loose spacing, then
  its tight spacing (GB/T 9704 7.3.5: adjust spacing rather than leave the
  signature alone), then carries the paragraph's last lines to the next page.

Like KeepTogether, it reports an impossible height from wrap() so the frame
always asks them to split, and answer with the flowables to lay out.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import _ContainerSpace
from reportlab.rl_config import _FUZZ

FORCE_SPLIT = 0xFFFFFF


def _height(flowables: list[Flowable], width: float, height: float) -> float:
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(width, height)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _at_top(flowable: Flowable) -> bool:
    frame = getattr(flowable, "_frame", None)
    return bool(frame is not None and getattr(frame, "_atTop", 0))


def _lines(paragraph: Paragraph, width: float, height: float) -> int:
    paragraph.wrap(width, height)
    return len(paragraph.blPara.lines)


class Keep(_ContainerSpace, Flowable):
    """`lead` (a heading) before at least `lines` lines of `paragraph`, and `tail(tight)`
    (the signature block) after at least `lines` of its last lines, on the same page."""

    def __init__(
        self,
        lead: list[Flowable],
        paragraph: Paragraph,
        tail: Callable[[bool], list[Flowable]] | None = None,
        lines: int = 2,
    ) -> None:
        super().__init__()
        self.lead, self.paragraph, self.tail, self.lines = lead, paragraph, tail, lines
        self._content = [*lead, paragraph, *self._tail(False)]

    def _tail(self, tight: bool) -> list[Flowable]:
        return self.tail(tight) if self.tail else []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, FORCE_SPLIT

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        width, height = available_width, available_height
        lead = _height(self.lead, width, height)
        para = _height([self.paragraph], width, height)
        for tight in (False, True) if self.tail else (False,):
            tail = self._tail(tight)
            if lead + para + _height(tail, width, height) <= height + _FUZZ:
                return [*self.lead, self.paragraph, *tail]
        leading = self.paragraph.style.leading
        count = _lines(self.paragraph, width, height)
        here = int((height - lead + _FUZZ) // leading)
        if self.tail:
            here = min(here, count - self.lines)
        if here >= 2:  # never an orphan line
            parts = self.paragraph.split(width, here * leading + _FUZZ)
            if len(parts) == 2:
                rest = Keep([], parts[1], self.tail, self.lines) if self.tail else parts[1]
                return [*self.lead, parts[0], rest]
        if _at_top(self):  # taller than a page: nothing better exists
            return [*self.lead, self.paragraph, *self._tail(True)]
        return [FrameBreak(), Keep(self.lead, self.paragraph, self.tail, self.lines)]
