"""Notices of chosen sizes, made directly from content values (no store), for layout tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from inspector_app.documents.content import Issuer, NoticeContent, NoticeProblem
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.notice_pdf import build_notice

ISSUER = Issuer(contact_person="刘洋", contact_phone="0458-3600000")
# Findings of different lengths and punctuation, so that over many problems closing and
# opening marks fall at every position of a line.
DESCRIPTIONS = (
    "9时20分至9时50分，12号窗口持续无人在岗，未摆放暂停服务牌，2名群众在窗口前等候。",
    "窗口工作人员在办理业务期间使用手机浏览短视频，群众询问时未及时回应。",
    "办事指南（2025年版）未更新，材料清单与“一网通办”平台公布的不一致；群众按旧清单准备材料后被退回。",
    "11时20分，3号窗口工作人员离开座位前往后台区域，期间有4名群众在窗口前排队等候，叫号屏持续呼叫该窗口，"
    "大厅引导员未进行引导，群众反映已等候超过30分钟，ABC-123 业务系统显示“暂停服务”。",
    "“好差评”评价器未开启，工作人员称“设备坏了”，现场未见报修记录。",
    "导服台无人值守；自助服务区3台设备中2台黑屏，未张贴故障提示。",
    "《一次性告知单》未按要求填写，经办人未签名，告知内容仅写“材料不全”。",
    "首问负责制落实不到位：群众咨询不动产登记事项，工作人员仅答复“不归我们管”，未引导至对应窗口！",
)


def problems(count: int) -> tuple[NoticeProblem, ...]:
    start = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    return tuple(
        NoticeProblem(
            item="窗口是否存在空岗、离岗、脱岗现象",
            description=DESCRIPTIONS[n % len(DESCRIPTIONS)],
            window=str(n % 20 + 1),
            observed_at=start + timedelta(minutes=7 * n),
            staff_badge=f"{1000 + n}",
        )
        for n in range(count)
    )


def notice(count: int, *, number: str | None = "伊营商监〔2026〕8号", **changes) -> NoticeContent:
    values = dict(
        notice_id="0c6f1f9e-0000-4b4c-8f0a-5d1e3b7a9c21",
        issuer=ISSUER,
        number=number,
        addressee="伊美区市场监督管理局",
        site="伊美区政务服务中心",
        mode_text="暗访",
        visited_on=date(2026, 11, 20),
        issued_on=date(2026, 11, 28),
        deadline=date(2026, 12, 18),  # 15 working days after the issue date
        working_days=15,
        problems=problems(count),
    )
    values.update(changes)
    return NoticeContent(**values)


def write_notice(content: NoticeContent, fonts: DocumentFonts, target: Path) -> Path:
    build_notice(content, fonts, target)
    return target
