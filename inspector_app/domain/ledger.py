"""整改台账: one row per problem and its columns (NOTES.md §4.4), apart from any file format.

The row is plain data so the ledger's content can be tested without a spreadsheet, and
the columns say how each value is shown: the xlsx writer takes kinds and widths from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from inspector_app.domain.inspection_status import InspectionMode
from inspector_app.domain.notice import WarningLevel


class Kind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    WARNING = "warning"  # a colour fill as well as its words
    PHOTOS = "photos"  # a link to the first photo, the count and short hashes


@dataclass(frozen=True)
class LedgerRow:
    """One problem (a failed finding) and where its rectification stands."""

    problem_no: str  # 问题编号: the notice's number and the problem's place in it
    checked_on: date | None
    mode: InspectionMode
    site: str  # 被检查单位: the hall where the problem was seen
    window: str
    category: str
    description: str
    photos: tuple[str, ...]  # sha256 of each evidence photo, in the inspector's order
    basis: str
    requirement: str
    deadline: date | None
    responsible_unit: str
    responsible_person: str
    contact_phone: str
    measures: str
    progress: str  # the notice's status in words, or 未下发通知书
    feedback_on: date | None
    rechecked_on: date | None
    rechecked_by: str
    recheck_result: str
    closed_on: date | None
    warning: WarningLevel
    escalation: str  # 通报/约谈情况
    note: str = ""


@dataclass(frozen=True)
class Column:
    key: str  # a LedgerRow field, or "serial" for 序号
    zh: str
    en: str
    kind: Kind = Kind.TEXT
    width: int = 12  # in Excel character widths; a CJK character takes two


COLUMNS: tuple[Column, ...] = (
    Column("serial", "序号", "No.", Kind.NUMBER, 6),
    Column("problem_no", "问题编号", "Problem no.", width=24),
    Column("checked_on", "检查日期", "Checked on", Kind.DATE, 12),
    Column("mode", "检查方式", "Mode", width=10),
    Column("site", "被检查单位", "Inspected hall", width=28),
    Column("window", "窗口号/区域", "Window / area", width=12),
    Column("category", "问题类别", "Category", width=18),
    Column("description", "问题描述", "Problem", width=44),
    Column("photos", "照片证据", "Photo evidence", Kind.PHOTOS, 22),
    Column("basis", "依据条款", "Basis", width=32),
    Column("requirement", "整改要求", "Requirement", width=30),
    Column("deadline", "整改时限", "Deadline", Kind.DATE, 12),
    Column("responsible_unit", "责任单位", "Responsible unit", width=24),
    Column("responsible_person", "责任人", "Responsible person", width=10),
    Column("contact_phone", "联系电话", "Phone", width=14),
    Column("measures", "整改措施", "Measures taken", width=36),
    Column("progress", "整改进展", "Progress", width=12),
    Column("feedback_on", "反馈日期", "Feedback on", Kind.DATE, 12),
    Column("rechecked_on", "复查日期", "Rechecked on", Kind.DATE, 12),
    Column("rechecked_by", "复查人", "Rechecked by", width=10),
    Column("recheck_result", "复查结论", "Recheck result", width=24),
    Column("closed_on", "销号日期", "Closed on", Kind.DATE, 12),
    Column("warning", "预警等级", "Warning", Kind.WARNING, 12),
    Column("escalation", "通报/约谈情况", "Bulletins / talks", width=24),
    Column("note", "备注", "Note", width=16),
)
