"""What a document says, as plain values; the builders only lay it out.

Services gather these from the store; tests and benchmarks can make them
directly. Nothing here knows about SQLAlchemy or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from inspector_app.domain import bureau_time


@dataclass(frozen=True)
class Issuer:
    name: str = "伊春市营商环境建设监督局"
    code: str = "伊营商监"  # 机关代字 in the document number
    contact_person: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class NoticeProblem:
    item: str  # "A2 窗口是否存在空岗、离岗、脱岗现象", or the ad-hoc title
    description: str
    window: str
    observed_at: datetime | None
    staff_badge: str = ""


@dataclass(frozen=True)
class EvidencePhoto:
    image: Path  # an upright copy (the store's preview); never the camera original
    rotation: int  # extra quarter turns clockwise chosen by the inspector
    problem_number: int
    item: str
    taken_at: datetime | None
    place: str
    sha256: str


@dataclass(frozen=True)
class NoticeContent:
    notice_id: str
    issuer: Issuer
    number: str | None  # 伊营商监〔2026〕7号; None for a draft
    addressee: str  # the responsible unit
    site: str
    mode_text: str  # 明察 / 暗访
    visited_on: date
    issued_on: date
    deadline: date
    problems: tuple[NoticeProblem, ...]
    photos: tuple[EvidencePhoto, ...] = field(default=())

    @property
    def is_draft(self) -> bool:
        return self.number is None


@dataclass(frozen=True)
class RecordItem:
    code: str
    category: str
    text: str
    result_text: str  # 符合 / 不符合 / 不适用 / 未检查
    failed: bool
    note: str  # what was seen, window, badge


@dataclass(frozen=True)
class RecordContent:
    inspection_id: str
    issuer: Issuer
    site: str
    address: str
    mode_text: str
    started_at: datetime
    ended_at: datetime | None
    team: tuple[str, ...]
    template_name: str
    items: tuple[RecordItem, ...]
    adhoc: tuple[NoticeProblem, ...]


def chinese_date(day: date) -> str:
    """GB/T 9704 7.3.5.4: Arabic numerals, no leading zeros: 2026年4月3日."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_time(moment: datetime) -> str:
    """The hall's wall-clock time (bureau zone), whatever zone the printing machine is in."""
    local = bureau_time.local(moment)
    return f"{local.month}月{local.day}日{local.hour}时{local.minute:02d}分"
