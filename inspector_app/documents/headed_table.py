"""A heading kept with its table's header and first rows, the table split by rows after.

reportlab's keepWithNext moves a heading and a whole table to the next page, or leaves
the heading as the page's last line when the table is taller than a page. Here the
heading goes where at least the header and `rows` data rows fit under it; the rest of
the table continues on the next page with its header repeated.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import _ContainerSpace
from reportlab.rl_config import _FUZZ

from inspector_app.documents.keeping import FORCE_SPLIT, _at_top, _height


class HeadedTable(_ContainerSpace, Flowable):
    def __init__(self, lead: list[Flowable], table: Table, rows: int = 2) -> None:
        super().__init__()
        self.lead, self.table, self.rows = lead, table, rows
        self._content = [*lead, table]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, FORCE_SPLIT

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        width, height = available_width, available_height
        lead = _height(self.lead, width, height)
        if lead + _height([self.table], width, height) <= height + _FUZZ:
            return [*self.lead, self.table]
        parts = self.table.split(width, height - lead)
        header = self.table.repeatRows or 0
        if len(parts) == 2 and len(parts[0]._cellvalues) >= header + self.rows:
            return [*self.lead, *parts]
        if _at_top(self):
            return [*self.lead, self.table]
        return [FrameBreak(), HeadedTable(self.lead, self.table, self.rows)]
