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
    copy_to: tuple[str, ...] = ()  # 抄送机关 in the 版记; none: no 抄送 line
    printer: str = ""  # 印发机关 in the 版记; empty: the issuer itself


@dataclass(frozen=True)
class NoticeProblem:
    """One problem as the notice states it: what was seen, where, when, and its basis.

    `item` names the checklist item without its internal code ("窗口是否存在空岗…")
    or the ad-hoc title; the notice prints the finding, not this question.
    """

    item: str
    description: str  # what was seen, in the inspector's words
    window: str
    observed_at: datetime | None
    staff_badge: str = ""
    basis: str = ""  # the checklist item's 依据 (《…》；《…》), "" when it has none


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
    deadline: date  # the due date: `working_days` working days after issued_on
    working_days: int  # "收到本通知之日起N个工作日内"
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
class RecordInspector:
    name: str
    cert_no: str  # 执法证号 or 工作证号; "" when not recorded (the sheet leaves room for it)


@dataclass(frozen=True)
class RecordContent:
    inspection_id: str
    issuer: Issuer  # 检查机关
    site: str
    address: str
    mode_text: str
    started_at: datetime
    ended_at: datetime | None
    team: tuple[str, ...]
    template_name: str
    items: tuple[RecordItem, ...]
    adhoc: tuple[RecordItem, ...]  # problems no checklist item covers, code 表外
    inspected_unit: str = ""  # 被检查单位: the hall's managing unit
    problem_units: tuple[str, ...] = ()  # resident units named by a problem, besides it
    inspectors: tuple[RecordInspector, ...] = ()  # the team with card numbers
    recorder: str = ""  # 记录人
    covert: bool = False  # 暗访
    identity_shown: bool = False  # 亮明身份 during a 暗访

    @property
    def unit_signs(self) -> bool:
        """Only a unit that knew it was inspected can be asked to sign the record."""
        return not self.covert or self.identity_shown


def check_period(started_at: datetime, ended_at: datetime | None) -> str:
    """检查时间 with its year on the bureau's clock; the end's date once more only when
    it differs, and the end left blank to write by hand while the inspection is open."""
    start = bureau_time.local(started_at)
    text = f"{start.year}年{start.month}月{start.day}日{start.hour}时{start.minute:02d}分"
    if ended_at is None:
        return f"{text}至　　时　　分"
    end = bureau_time.local(ended_at)
    day = "" if end.date() == start.date() else f"{end.year}年{end.month}月{end.day}日"
    return f"{text}至{day}{end.hour}时{end.minute:02d}分"


def chinese_date(day: date) -> str:
    """GB/T 9704 7.3.5.4: Arabic numerals, no leading zeros: 2026年4月3日."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_time(moment: datetime) -> str:
    """The hall's wall-clock time (bureau zone), whatever zone the printing machine is in."""
    local = bureau_time.local(moment)
    return f"{local.month}月{local.day}日{local.hour}时{local.minute:02d}分"
