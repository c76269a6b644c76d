"""The 通报 (bulletin) of a period or a campaign, on the notice's GB/T 9704 page.

Same 版头, title, headings, signature, 版记 and page numbers as the notice
(`masthead`, `closing`, `keeping`, `gbt9704`); tables in 五号 with their heading
kept above their first rows (`headed_table`). A draft prints 草稿 instead of the
number and the diagonal mark on every page: it cannot pass for a published one.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table

from inspector_app.documents.bulletin_content import (
    BulletinContent,
    CountRow,
    TypicalCase,
    UnitProgress,
)
from inspector_app.documents.closing import Imprint, Signature
from inspector_app.documents.content import chinese_date, chinese_time
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.gbt9704 import (
    LINE,
    build_official_pdf,
    styles,
    table_style,
)
from inspector_app.documents.headed_table import HeadedTable
from inspector_app.documents.keeping import Keep
from inspector_app.documents.masthead import Masthead, ink_below, space_before
from inspector_app.documents.notice_pdf import title_lines
from inspector_app.documents.print_copies import PrintCopies, print_copies_in

DRAFT_NUMBER = "（草稿：未编号，不得印发）"
PHOTO_BOX = (110 * mm, 72 * mm)
NUMERALS = "一二三四五六七八九十"
# Where a long title may break: after these words (GB/T 9704 7.3.1, a line never splits a word).
TITLE_BREAKS = ("政务服务", "窗口", "专项监督", "明察暗访", "至")
REQUIREMENTS = (
    "各责任单位要对照通报问题逐项整改，建立问题清单和整改台账，"
    "在整改通知书规定的期限内书面反馈整改情况，做到整改到位、销号管理。",
    "进入黑榜的单位要深刻剖析原因，主要负责同志要亲自研究部署，"
    "逾期未整改或整改不到位的，将按有关规定约谈问责。",
    "各单位要举一反三，加强窗口人员管理和作风建设，持续提升政务服务水平。",
)


def title_of(content: BulletinContent) -> str:
    if content.campaign:
        return f"关于{content.campaign}检查情况的通报"
    return f"关于{period_text(content)}政务服务明察暗访情况的通报"


def period_text(content: BulletinContent) -> str:
    """2026年11月 for a whole month, else 2026年11月1日至11月15日."""
    start, end = content.period_from, content.period_to
    if (
        start.day == 1
        and (end + timedelta(days=1)).day == 1
        and (start.year, start.month)
        == (
            end.year,
            end.month,
        )
    ):
        return f"{start.year}年{start.month}月"
    if start.year == end.year:
        return f"{chinese_date(start)}至{end.month}月{end.day}日"
    return f"{chinese_date(start)}至{chinese_date(end)}"


def rate_text(progress: UnitProgress) -> str:
    return "未交办" if progress.rate is None else f"{progress.rate * 100:.1f}%"


def build_bulletin(
    content: BulletinContent,
    fonts: DocumentFonts,
    target: Path | io.BytesIO,
    copies: PrintCopies | None = None,
) -> None:
    """Write the bulletin PDF to `target`; `copies` caches the photos' print copies."""
    s = styles(fonts)
    s["caption_centre"] = ParagraphStyle("caption_centre", parent=s["caption"], alignment=TA_CENTER)
    copies = copies or print_copies_in(None)
    t = content.totals

    def para(text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(text), s[style])

    title = title_of(content)
    lines = title_lines(title, TITLE_BREAKS, per_line=20)  # 20 characters of 2号
    story: list[Flowable] = [
        Masthead(content.issuer.name, content.number or DRAFT_NUMBER, s["mark"], s["number"]),
        Spacer(1, space_before(s["title"], lines[0], 2 * LINE)),
        Paragraph("<br/>".join(escape(line) for line in lines), s["title"]),
        Spacer(
            1,
            space_before(
                s["addressee"], content.addressee, LINE - ink_below(s["title"], lines[-1])
            ),
        ),
        para(f"{content.addressee}：", "addressee"),
    ]
    scope = f"在{content.campaign}中" if content.campaign else ""
    story.append(
        para(
            f"为推动政务服务窗口作风持续好转，{period_text(content)}，{content.issuer.name}"
            f"{scope}按照“四不两直”要求，对政务服务大厅开展了明察暗访。现将有关情况通报如下："
        )
    )
    story.append(
        Keep(
            [para("一、总体情况", "heading1")],
            para(
                f"本期共检查政务服务大厅{t.halls}个、{t.inspections}次（其中暗访{t.covert}次），"
                f"发现问题{t.problems}个，涉及责任单位{t.units}个。各类问题分布和整改情况如下。"
            ),
        )
    )
    tables = (
        ("（一）按问题类别统计", "问题类别", content.by_category),
        ("（二）按责任单位统计", "责任单位", content.by_unit),
        ("（三）按区县统计", "区县", content.by_district),
    )
    for index, (heading, label, rows) in enumerate(tables):
        lead = [para(heading, "heading2")]
        if index == 0:
            lead.insert(0, para("二、问题分布", "heading1"))
        story += [HeadedTable(lead, _count_table(label, rows, t.problems, s)), Spacer(1, LINE / 2)]
    story += _cases(content.cases, s, copies)
    story.append(
        HeadedTable([para("四、整改进展", "heading1")], _progress_table(content.progress, s))
    )
    story.append(Spacer(1, LINE / 4))
    story.append(
        para(
            "注：整改率为已整改（通知书已销号或整改已验收）的问题数占已交办问题数的比例；"
            "预警等级按整改期限计算，逾期未整改为红色，退回重办为黄色，"
            "距期限三日内为蓝色。",
            "small",
        )
    )
    story += [Spacer(1, LINE / 2), *_rankings(content, s)]
    requirements = [para(f"{n}. {text}") for n, text in enumerate(REQUIREMENTS, start=1)]
    story.append(Keep([para("六、工作要求", "heading1")], requirements[0]))
    story += requirements[1:-1]

    def closing(tight: bool) -> list[Flowable]:
        issuer = content.issuer
        return [
            Spacer(1, LINE * (1 if tight else 2)),
            Signature(issuer.name, chinese_date(content.issued_on), fonts.body),
            Imprint(
                issuer.copy_to,
                issuer.printer or issuer.name,
                chinese_date(content.issued_on),
                s["imprint"],
            ),
        ]

    story.append(Keep([], requirements[-1], closing))
    build_official_pdf(
        target,
        story,
        fonts,
        title=title,
        author=content.issuer.name,
        subject="通报",
        draft=content.is_draft,
    )


def _table(rows: list[list], widths: list[float], s: dict) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1, hAlign="CENTER")
    table.setStyle(
        table_style(
            s["body"].fontName,
            ("GRID", (0, 0), (-1, -1), 0.5, black),
            ("FONTSIZE", (0, 0), (-1, -1), s["cell"].fontSize),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
        )
    )
    return table


def _cells(values: list[str], s: dict, style: str = "cell", text_column: int = 1) -> list:
    """A row: names as paragraphs (they may wrap, with the 禁则), figures as plain
    centred strings (`_table` sets their face), which cost no line breaking."""
    if style != "cell":
        return [Paragraph(escape(str(v)), s[style]) for v in values]
    return [
        Paragraph(escape(str(v)), s[style]) if n == text_column else str(v)
        for n, v in enumerate(values)
    ]


def _count_table(label: str, rows: tuple[CountRow, ...], total: int, s: dict) -> Table:
    body = [
        _cells([str(n), row.name, str(row.problems), f"{row.problems * 100 / total:.1f}%"], s)
        for n, row in enumerate(rows, start=1)
    ]
    body.append(_cells(["", "合计", str(total), "100%" if total else "—"], s))
    head = _cells(["序号", label, "问题数", "占比"], s, "cell_head")
    return _table([head, *body], [16 * mm, 92 * mm, 24 * mm, 24 * mm], s)


def _progress_table(progress: tuple[UnitProgress, ...], s: dict) -> Table:
    head = _cells(
        ["责任单位", "问题数", "已交办通知书", "已销号", "逾期", "预警（蓝/黄/红）", "整改率"],
        s,
        "cell_head",
    )
    body = []
    for p in progress:
        w = p.warnings
        colours = f"{w.get('blue', 0)}/{w.get('yellow', 0)}/{w.get('red', 0)}"
        body.append(
            _cells(
                [
                    p.unit,
                    str(p.problems),
                    str(p.notices_issued),
                    str(p.notices_closed),
                    str(p.notices_overdue),
                    colours,
                    rate_text(p),
                ],
                s,
                text_column=0,
            )
        )
    widths = [58 * mm, 12 * mm, 18 * mm, 14 * mm, 12 * mm, 24 * mm, 18 * mm]
    return _table([head, *body], widths, s)


def _cases(cases: tuple[TypicalCase, ...], s: dict, copies: PrintCopies) -> list[Flowable]:
    """三、典型问题: each case a 楷体 heading, what was seen, and its photo with a caption."""
    story: list[Flowable] = []
    if not cases:
        return [
            Keep(
                [Paragraph("三、典型问题", s["heading1"])],
                Paragraph("本期无附照片的问题。", s["body"]),
            )
        ]
    for n, case in enumerate(cases, start=1):
        lead = [Paragraph(f"（{NUMERALS[n - 1]}）{escape(case.unit)}", s["heading2"])]
        if n == 1:
            lead.insert(0, Paragraph("三、典型问题", s["heading1"]))
        seen = f"，{chinese_time(case.observed_at)}" if case.observed_at else ""
        text = f"{case.site}{seen}，{case.item}：{case.description}"
        story.append(Keep(lead, Paragraph(escape(text), s["body"])))
        if case.photo is not None and case.photo.exists():
            copy = copies.get(case.photo, case.rotation, PHOTO_BOX)
            caption = f"图{n}　{case.site} · {case.item}　SHA-256 {case.sha256[:16]}"
            image = Image(copy.source(), width=copy.width, height=copy.height)
            story.append(
                KeepTogether(
                    [
                        Spacer(1, LINE / 4),
                        image,
                        Paragraph(escape(caption), s["caption_centre"]),
                        Spacer(1, LINE / 2),
                    ]
                )
            )
    return story


def _rankings(content: BulletinContent, s: dict) -> list[Flowable]:
    """五、红黑榜 by 整改率, with the thresholds the bureau set."""
    story: list[Flowable] = []
    parts = (
        (f"（一）红榜（整改率不低于{content.red_rate}%）", content.red_list, "红榜"),
        (f"（二）黑榜（整改率低于{content.black_rate}%）", content.black_list, "黑榜"),
    )
    for index, (heading, units, name) in enumerate(parts):
        lead = [Paragraph(heading, s["heading2"])]
        if index == 0:
            lead.insert(0, Paragraph("五、红黑榜", s["heading1"]))
        if not units:
            story.append(Keep(lead, Paragraph(f"本期无单位进入{name}。", s["body"])))
            continue
        head = _cells(["序号", "责任单位", "已交办问题", "已整改", "整改率"], s, "cell_head")
        body = [
            _cells([str(n), p.unit, str(p.assigned), str(p.rectified), rate_text(p)], s)
            for n, p in enumerate(units, start=1)
        ]
        widths = [16 * mm, 76 * mm, 24 * mm, 20 * mm, 20 * mm]
        story += [HeadedTable(lead, _table([head, *body], widths, s)), Spacer(1, LINE / 2)]
    return story
